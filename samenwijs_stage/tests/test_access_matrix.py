"""The access matrix: every model of both addons by every role by read, write,
create and unlink by every scope, checked as a real user.

``MATRIX`` is the whole expectation. Each cell is four characters, one per
operation in the order read, write, create, unlink: the letter (``r``,
``w``, ``c``, ``u``) where the role may, ``-`` where it must get an
``AccessError``, ``.`` where the cell does not apply. The scopes are those
of ``security_common`` (``own``, ``region``, ``other_region``,
``other_company``); a model lists the scopes it has in ``MODELS``.

A model of our addons without rows fails
``test_matrix_covers_every_model_of_the_addons``: each new model joins the
matrix. An Odoo model we extend joins it too, or says in
``EXTENDED_WITHOUT_ROWS`` why its access is Odoo's own.
"""

from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .security_common import SCOPES, SamenwijsSecurityCase

ADDONS = ("samenwijs_stage", "samenwijs_stage_payroll")
ROLES = (
    "intern",
    "werkbegeleider",
    "manager",
    "praktijkopleider",
    "admin",
    "payroll",
    "internal",
    "portal",
)
OPERATIONS = ("read", "write", "create", "unlink")
WIZARD_SCOPES = ("own", "others", "region", "other_region", "other_company")

# fmt: off
MATRIX = {
    # The internship: the intern reads their own, the werkbegeleider and the
    # location manager read and note on theirs, the praktijkopleider manages
    # the region, the administrator all of the company. Payroll works on the
    # allowance record instead.
    "samenwijs.internship": {
        #                   own     region  other   company
        "intern":           ("r---", "----", "----", "----"),
        "werkbegeleider":   ("rw--", "----", "----", "----"),
        "manager":          ("rw--", "----", "----", "----"),
        "praktijkopleider": ("rwcu", "rwcu", "----", "----"),
        "admin":            ("rwcu", "rwcu", "rwcu", "----"),
        "payroll":          ("----", "----", "----", "----"),
        "internal":         ("----", "----", "----", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    "samenwijs.internship.schedule": {
        "intern":           ("r---", "----", "----", "----"),
        "werkbegeleider":   ("r---", "----", "----", "----"),
        "manager":          ("r---", "----", "----", "----"),
        "praktijkopleider": ("rwcu", "rwcu", "----", "----"),
        "admin":            ("rwcu", "rwcu", "rwcu", "----"),
        "payroll":          ("----", "----", "----", "----"),
        "internal":         ("----", "----", "----", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    # Hours (HR-1): the intern keeps their own draft lines, the
    # werkbegeleider those of the interns they supervise; the location
    # manager and the praktijkopleider read them.
    "samenwijs.internship.hour": {
        #                   own     region  other   company
        "intern":           ("rwcu", "----", "----", "----"),
        "werkbegeleider":   ("rwcu", "----", "----", "----"),
        "manager":          ("r---", "----", "----", "----"),
        "praktijkopleider": ("r---", "r---", "----", "----"),
        "admin":            ("rwcu", "rwcu", "rwcu", "----"),
        "payroll":          ("----", "----", "----", "----"),
        "internal":         ("----", "----", "----", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    # Evaluations are personal data: the intern, their werkbegeleider, the
    # praktijkopleider of the region and the administrator; no location
    # manager, other intern or payroll. Only a praktijkopleider removes one.
    "samenwijs.internship.evaluation": {
        #                   own     region  other   company
        "intern":           ("rw--", "----", "----", "----"),
        "werkbegeleider":   ("rwc-", "----", "----", "----"),
        "manager":          ("----", "----", "----", "----"),
        "praktijkopleider": ("rwcu", "rwcu", "----", "----"),
        "admin":            ("rwcu", "rwcu", "rwcu", "----"),
        "payroll":          ("----", "----", "----", "----"),
        "internal":         ("----", "----", "----", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    # The ratings: the werkbegeleider rates (the praktijkopleider, who is a
    # werkbegeleider too, may correct them before signing); the intern reads.
    "samenwijs.internship.evaluation.line": {
        "intern":           ("r---", "----", "----", "----"),
        "werkbegeleider":   ("rwcu", "----", "----", "----"),
        "manager":          ("----", "----", "----", "----"),
        "praktijkopleider": ("rwcu", "rwcu", "----", "----"),
        "admin":            ("rwcu", "rwcu", "rwcu", "----"),
        "payroll":          ("----", "----", "----", "----"),
        "internal":         ("----", "----", "----", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    # Sending hours back or reopening them: a wizard seen only by its maker
    # (own), never by another user (others).
    "samenwijs.internship.hour.return": {
        #                   own     others
        "intern":           ("----", "--.-"),
        "werkbegeleider":   ("rwcu", "--.-"),
        "manager":          ("rwcu", "--.-"),
        "praktijkopleider": ("rwcu", "--.-"),
        "admin":            ("rwcu", "--.-"),
        "payroll":          ("----", "--.-"),
        "internal":         ("----", "--.-"),
        "portal":           ("----", "--.-"),
    },
    # Assignments, reports and exams (WB-P3, ST-5, ST-6): personal data like
    # evaluations. The werkbegeleider and the praktijkopleider of the region
    # give them; the location manager reads those of their locations. The
    # write is the giver's description: the intern's writes of their work
    # and the signatures are proven in test_assignments.
    "samenwijs.internship.assignment": {
        #                   own     region  other   company
        "intern":           ("r---", "----", "----", "----"),
        "werkbegeleider":   ("rwcu", "----", "----", "----"),
        "manager":          ("r---", "----", "----", "----"),
        "praktijkopleider": ("rwcu", "rwcu", "----", "----"),
        "admin":            ("rwcu", "rwcu", "rwcu", "----"),
        "payroll":          ("----", "----", "----", "----"),
        "internal":         ("----", "----", "----", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    # Invitations to school meetings (ST-2): the intern records their own;
    # the werkbegeleider, the location manager and the praktijkopleider of
    # the region read them.
    "samenwijs.internship.invitation": {
        #                   own     region  other   company
        "intern":           ("rwcu", "----", "----", "----"),
        "werkbegeleider":   ("r---", "----", "----", "----"),
        "manager":          ("r---", "----", "----", "----"),
        "praktijkopleider": ("r---", "r---", "----", "----"),
        "admin":            ("rwcu", "rwcu", "rwcu", "----"),
        "payroll":          ("----", "----", "----", "----"),
        "internal":         ("----", "----", "----", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    # Weeks of hours (WT-1, WB-5): a view of the hour lines, read like them;
    # nobody writes, creates or deletes a week.
    "samenwijs.internship.week": {
        "intern":           ("r---", "----", "----", "----"),
        "werkbegeleider":   ("r---", "----", "----", "----"),
        "manager":          ("r---", "----", "----", "----"),
        "praktijkopleider": ("r---", "r---", "----", "----"),
        "admin":            ("r---", "r---", "r---", "----"),
        "payroll":          ("----", "----", "----", "----"),
        "internal":         ("----", "----", "----", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    # Working alongside per month (WB-5): a view of the signed hour lines,
    # read like them.
    "samenwijs.internship.month": {
        "intern":           ("r---", "----", "----", "----"),
        "werkbegeleider":   ("r---", "----", "----", "----"),
        "manager":          ("r---", "----", "----", "----"),
        "praktijkopleider": ("r---", "r---", "----", "----"),
        "admin":            ("r---", "r---", "r---", "----"),
        "payroll":          ("----", "----", "----", "----"),
        "internal":         ("----", "----", "----", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    # Payroll's own record: read by payroll, the region's praktijkopleider
    # and the administrator; nobody writes, creates or deletes it directly.
    "samenwijs.allowance": {
        "intern":           ("----", "----", "----", "----"),
        "werkbegeleider":   ("----", "----", "----", "----"),
        "manager":          ("----", "----", "----", "----"),
        "praktijkopleider": ("r---", "r---", "----", "----"),
        "admin":            ("r---", "r---", "r---", "----"),
        "payroll":          ("r---", "r---", "r---", "----"),
        "internal":         ("----", "----", "----", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    # 0-hours contract proposals (WB-P6): the praktijkopleider of the
    # region proposes, the administrator sees all; the bestuurder (a user
    # named in the company settings, test_competence_scan) reads and
    # decides through the actions. Nobody else sees them.
    "samenwijs.contract.proposal": {
        #                   own     region  other   company
        "intern":           ("----", "----", "----", "----"),
        "werkbegeleider":   ("----", "----", "----", "----"),
        "manager":          ("----", "----", "----", "----"),
        "praktijkopleider": ("rwcu", "rwcu", "----", "----"),
        "admin":            ("rwcu", "rwcu", "rwcu", "----"),
        "payroll":          ("----", "----", "----", "----"),
        "internal":         ("----", "----", "----", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    # Reporting a problem (WB-P5): a wizard seen only by its maker (own),
    # made only by the intern's werkbegeleider or the region's
    # praktijkopleider; region = the user's own wizard (made for them) on
    # another internship of the region.
    "samenwijs.internship.problem": {
        #                   own     others  region  other   company
        "intern":           ("----", "--.-", "----", "..-.", "..-."),
        "werkbegeleider":   ("rwcu", "--.-", "rw-u", "..-.", "..-."),
        "manager":          ("rw-u", "--.-", "rw-u", "..-.", "..-."),
        "praktijkopleider": ("rwcu", "--.-", "rwcu", "..-.", "..-."),
        "admin":            ("rwcu", "--.-", "rwcu", "..c.", "..-."),
        "payroll":          ("----", "--.-", "----", "..-.", "..-."),
        "internal":         ("----", "--.-", "----", "..-.", "..-."),
        "portal":           ("----", "--.-", "----", "..-.", "..-."),
    },
    # Sick reports (SK-1, SK-2) are health data: the intern, their
    # werkbegeleider, the praktijkopleider of the region and the
    # administrator read them; the location manager does not. Nobody
    # writes, creates or deletes them directly: the actions do.
    "samenwijs.sick.report": {
        #                   own     region  other   company
        "intern":           ("r---", "----", "----", "----"),
        "werkbegeleider":   ("r---", "----", "----", "----"),
        "manager":          ("----", "----", "----", "----"),
        "praktijkopleider": ("r---", "r---", "----", "----"),
        "admin":            ("r---", "r---", "r---", "----"),
        "payroll":          ("----", "----", "----", "----"),
        "internal":         ("----", "----", "----", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    # Sessions belong to the organiser's region; there is no second session
    # in region Noord.
    "samenwijs.intervision.session": {
        "intern":           ("----", "....", "----", "----"),
        "werkbegeleider":   ("r---", "....", "----", "----"),
        "manager":          ("r---", "....", "----", "----"),
        "praktijkopleider": ("rwcu", "....", "----", "----"),
        "admin":            ("rwcu", "....", "rwcu", "----"),
        "payroll":          ("----", "....", "----", "----"),
        "internal":         ("----", "....", "----", "----"),
        "portal":           ("----", "....", "----", "----"),
    },
    # School requests for snuffel- and maatschappelijke stages (RS-7): the
    # praktijkopleider who requested them keeps them; the manager of a
    # location they were forwarded to reads them.
    "samenwijs.school.request": {
        #                   own     region  other   company
        "intern":           ("----", "----", "----", "----"),
        "werkbegeleider":   ("----", "----", "----", "----"),
        "manager":          ("r---", "----", "----", "----"),
        "praktijkopleider": ("rwcu", "rwcu", "----", "----"),
        "admin":            ("rwcu", "rwcu", "rwcu", "----"),
        "payroll":          ("----", "----", "----", "----"),
        "internal":         ("----", "----", "----", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    # The answer of a location: its manager answers (the write is the
    # manager's note), the praktijkopleider forwards and names pupils but
    # does not answer for the manager.
    "samenwijs.school.request.line": {
        #                   own     region  other   company
        "intern":           ("----", "----", "----", "----"),
        "werkbegeleider":   ("----", "----", "----", "----"),
        "manager":          ("rw--", "----", "----", "----"),
        "praktijkopleider": ("r-cu", "r-cu", "----", "----"),
        "admin":            ("rwcu", "rwcu", "rwcu", "----"),
        "payroll":          ("----", "----", "----", "----"),
        "internal":         ("----", "----", "----", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    # Introduction meetings (RS-4): the organising praktijkopleider keeps
    # them; the interns, werkbegeleiders and managers of the attendees read.
    "samenwijs.introduction.meeting": {
        #                   own     region  other   company
        "intern":           ("r---", "----", "----", "----"),
        "werkbegeleider":   ("r---", "----", "----", "----"),
        "manager":          ("r---", "----", "----", "----"),
        "praktijkopleider": ("rwcu", "rwcu", "----", "----"),
        "admin":            ("rwcu", "rwcu", "rwcu", "----"),
        "payroll":          ("----", "----", "----", "----"),
        "internal":         ("----", "----", "----", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    # The termination wizard: own = a wizard the user made on an internship
    # of their own scope; others = someone else's wizard on it; region =
    # the user's own wizard on another internship of the region; on other
    # regions and companies only creating one applies.
    "samenwijs.internship.terminate": {
        #                   own     others  region  other   company
        "intern":           ("----", "--.-", "----", "..-.", "..-."),
        "werkbegeleider":   ("----", "--.-", "----", "..-.", "..-."),
        "manager":          ("----", "--.-", "----", "..-.", "..-."),
        "praktijkopleider": ("rwcu", "--.-", "rwcu", "..-.", "..-."),
        "admin":            ("rwcu", "--.-", "rwcu", "..c.", "..-."),
        "payroll":          ("----", "--.-", "----", "..-.", "..-."),
        "internal":         ("----", "--.-", "----", "..-.", "..-."),
        "portal":           ("----", "--.-", "----", "..-.", "..-."),
    },
    # The interview planner (RS-3): like the termination wizard, made only
    # by a praktijkopleider for an internship they may change, seen only by
    # its maker.
    "samenwijs.internship.interview": {
        #                   own     others  region  other   company
        "intern":           ("----", "--.-", "----", "..-.", "..-."),
        "werkbegeleider":   ("----", "--.-", "----", "..-.", "..-."),
        "manager":          ("----", "--.-", "----", "..-.", "..-."),
        "praktijkopleider": ("rwcu", "--.-", "rwcu", "..-.", "..-."),
        "admin":            ("rwcu", "--.-", "rwcu", "..c.", "..-."),
        "payroll":          ("----", "--.-", "----", "..-.", "..-."),
        "internal":         ("----", "--.-", "----", "..-.", "..-."),
        "portal":           ("----", "--.-", "----", "..-.", "..-."),
    },
    # The werkbegeleider data on employees (WB-1..4): the manager reads it
    # for their locations, the praktijkopleider keeps it for the region.
    # Employees are created and deleted by HR.
    "hr.employee": {
        "intern":           ("----", "----", "----", "----"),
        "werkbegeleider":   ("----", "----", "----", "----"),
        "manager":          ("r---", "----", "----", "----"),
        "praktijkopleider": ("rw--", "rw--", "----", "----"),
        "admin":            ("rw--", "rw--", "rw--", "----"),
        "payroll":          ("----", "----", "----", "----"),
        "internal":         ("----", "----", "----", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    # Locations and regions: every employee reads them (Odoo); the fields the
    # record rules rest on (manager, parent, praktijkopleider) are changed
    # only by HR and the internship administrator.
    "hr.department": {
        "intern":           ("r---", "r---", "r---", "----"),
        "werkbegeleider":   ("r---", "r---", "r---", "----"),
        "manager":          ("r---", "r---", "r---", "----"),
        "praktijkopleider": ("r---", "r---", "r---", "----"),
        "admin":            ("rw--", "rw--", "rw--", "----"),
        "payroll":          ("r---", "r---", "r---", "----"),
        "internal":         ("r---", "r---", "r---", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    # Internship places (RS-1): the location manager keeps those of their
    # locations, the praktijkopleider those of the region, the
    # administrator all of the company; planning data that interns,
    # werkbegeleiders and payroll do not see.
    "samenwijs.internship.capacity": {
        #                   own     region  other   company
        "intern":           ("----", "----", "----", "----"),
        "werkbegeleider":   ("----", "----", "----", "----"),
        "manager":          ("rwcu", "----", "----", "----"),
        "praktijkopleider": ("rwcu", "rwcu", "----", "----"),
        "admin":            ("rwcu", "rwcu", "rwcu", "----"),
        "payroll":          ("----", "----", "----", "----"),
        "internal":         ("----", "----", "----", "----"),
        "portal":           ("----", "----", "----", "----"),
    },
    # Configuration: read by every internship role, kept by the administrator.
    "samenwijs.internship.type": {
        "intern": ("r---",), "werkbegeleider": ("r---",), "manager": ("r---",),
        "praktijkopleider": ("r---",), "admin": ("rwcu",), "payroll": ("r---",),
        "internal": ("----",), "portal": ("----",),
    },
    "samenwijs.termination.reason": {
        "intern": ("r---",), "werkbegeleider": ("r---",), "manager": ("r---",),
        "praktijkopleider": ("r---",), "admin": ("rwcu",), "payroll": ("r---",),
        "internal": ("----",), "portal": ("----",),
    },
    "samenwijs.allowance.rate": {
        "intern": ("r---",), "werkbegeleider": ("r---",), "manager": ("r---",),
        "praktijkopleider": ("r---",), "admin": ("rwcu",), "payroll": ("r---",),
        "internal": ("----",), "portal": ("----",),
    },
    # The shared forms (PO-7): read by every internship role, kept by the
    # administrator; nothing for payroll.
    "samenwijs.evaluation.template": {
        "intern": ("r---",), "werkbegeleider": ("r---",), "manager": ("r---",),
        "praktijkopleider": ("r---",), "admin": ("rwcu",), "payroll": ("----",),
        "internal": ("----",), "portal": ("----",),
    },
    "samenwijs.evaluation.criterion": {
        "intern": ("r---",), "werkbegeleider": ("r---",), "manager": ("r---",),
        "praktijkopleider": ("r---",), "admin": ("rwcu",), "payroll": ("----",),
        "internal": ("----",), "portal": ("----",),
    },
    "samenwijs.policy.rule": {
        "intern": ("r---",), "werkbegeleider": ("r---",), "manager": ("r---",),
        "praktijkopleider": ("r---",), "admin": ("rwcu",), "payroll": ("r---",),
        "internal": ("----",), "portal": ("----",),
    },
}
# fmt: on

# Odoo models the addons extend without access of their own: their access is
# Odoo's, and what our fields on them allow is proven elsewhere.
EXTENDED_WITHOUT_ROWS = {
    "res.company": "the payroll contact is configuration (Settings, Odoo's ACL)",
    "res.config.settings": "Settings, administrators of Odoo only",
    "mail.activity": "the stop task's rights: test_api",
    "hr.leave": "Odoo's Time Off rules; sick time off: test_sickness (LV-2, SK-1)",
    "mail.activity.plan.template": "activity plans: Odoo's ACL",
    "hr.payslip": "OCA payroll's ACL and the bridge's rule: payroll's tests",
    "res.partner": "contacts are Odoo's; who marks schools (RS-2): test_applications",
    "tier.review": "the engine's reviews; of internships and proposals only "
    "through their actions: test_consent, test_api (PO-2, RS-5)",
}


@dataclass
class ModelSpec:
    """How the matrix reaches a model: the record of a scope, the values of
    a new one, what is read and written."""

    record: Any
    create: Any
    write: Any
    read: list = field(default_factory=lambda: ["display_name"])
    scopes: tuple = SCOPES
    # "record": delete the scope's record; "new": delete a new record of the
    # scope (made as superuser), where the scope's record cannot be deleted
    # whoever asks (a placed internship).
    unlink: str = "record"


def _wizard(t, scope, user):
    if scope == "others":
        # Someone else than the user under test made it.
        maker = t.user_po if user == t.user_admin else t.user_admin
    else:
        maker = user
    # sudo: the wizard is made as if its maker had opened it, whatever the
    # maker may do, so that reading it is what the cell checks.
    return (
        t.env["samenwijs.internship.terminate"]
        .with_user(maker)
        .sudo()
        .create(_wizard_values(t, scope))
    )


def _wizard_values(t, scope):
    internship = t.scope_internship[{"others": "own"}.get(scope, scope)]
    return {
        "internship_id": internship.id,
        "date": t.today + relativedelta(days=30),
        "reason_id": t.reason.id,
        "note": "Vertrouwelijke toelichting",
    }


def _interview(t, scope, user):
    maker = (
        user
        if scope != "others"
        else (t.user_po if user == t.user_admin else t.user_admin)
    )
    # sudo: the planner is made as if its maker had opened it, so that
    # reading it is what the cell checks.
    return (
        t.env["samenwijs.internship.interview"]
        .with_user(maker)
        .sudo()
        .create(_interview_values(t, scope))
    )


def _interview_values(t, scope):
    internship = t.scope_internship[{"others": "own"}.get(scope, scope)]
    return {
        "internship_id": internship.id,
        "date": datetime(t.today.year + 1, 6, 10, 10, 0),
        "note": "Vertrouwelijke toelichting",
    }


def _one(model):
    return lambda t, scope, user: t.env[model].search([], limit=1, order="id")


def _employee_values(t, scope):
    location = t.scope_location[scope]
    return {
        "name": "Nieuwe Werkbegeleider",
        "department_id": location.id,
        "company_id": location.company_id.id,
        "is_werkbegeleider": True,
    }


def _department_values(t, scope):
    location = t.scope_location[scope]
    return {
        "name": "Nieuwe locatie",
        "parent_id": location.id,
        "company_id": location.company_id.id,
    }


def _department_write(t, scope):
    other = t.emp_manager_b if scope == "other_company" else t.emp_manager_eik
    if t.scope_location[scope].manager_id == other:
        other = t.emp_manager
    return {"manager_id": other.id}


def _schedule_values(t, scope):
    return {
        "internship_id": t.scope_internship[scope].id,
        "weekday": "4",
        "department_id": t.scope_location[scope].id,
        "hours": 4.0,
    }


def _week(t, scope, user):
    """The week of one hour line on the scope's internship. The line is
    written straight into the table: the scope's internships have not
    started, and only reading its week is checked here."""
    internship = t.scope_internship[scope]
    t.env.cr.execute(
        """
        INSERT INTO samenwijs_internship_hour
               (internship_id, employee_id, werkbegeleider_id, company_id,
                department_id, date, time_start, time_end, break_hours, hours,
                is_early, is_late, shift_kind, state)
        VALUES (%s, %s, %s, %s, %s, %s, 7.0, 15.5, 0.5, 8.0, TRUE, FALSE,
                'early', 'approved')
        """,
        [
            internship.id,
            internship.employee_id.id,
            internship.werkbegeleider_id.id,
            internship.company_id.id,
            t.scope_location[scope].id,
            t.today,
        ],
    )
    return t.env["samenwijs.internship.week"].search(
        [("internship_id", "=", internship.id)]
    )


def _month(t, scope, user):
    """The month of one signed hour line on the scope's internship."""
    internship = _week(t, scope, user).internship_id
    return t.env["samenwijs.internship.month"].search(
        [("internship_id", "=", internship.id)]
    )


def _week_values(t, scope):
    internship = t.scope_internship[scope]
    return {
        "internship_id": internship.id,
        "week_start": t.today,
        "hours": 8.0,
        "company_id": internship.company_id.id,
    }


def _session_values(t, scope):
    organiser = t.scope_praktijkopleider[scope]
    return {
        "name": "Intervisie nieuw",
        "date": datetime(t.today.year, 6, 10, 19, 0),
        "organiser_id": organiser.id,
        "company_id": organiser.company_id.id,
    }


def _allowance_values(t, scope):
    internship = t.scope_internship[scope]
    return {
        "name": "Vergoeding",
        "internship_id": internship.id,
        "employee_id": internship.employee_id.id,
        "company_id": internship.company_id.id,
        "currency_id": internship.company_id.currency_id.id,
    }


def _hour_values(t, scope, days_ago=3):
    internship = t.scope_running_internship(scope)
    return {
        "internship_id": internship.id,
        "date": t.today - relativedelta(days=days_ago),
        "department_id": t.scope_location[scope].id,
        "time_start": 9.0,
        "time_end": 12.0,
        "break_hours": 0.0,
    }


def _hour(t, scope, user):
    internship = t.scope_running_internship(scope)
    return internship.hour_ids[:1] or t.env["samenwijs.internship.hour"].create(
        _hour_values(t, scope, days_ago=7)
    )


def _evaluation(t, scope, user):
    return t.scope_running_internship(scope).evaluation_ids.sorted("date")[:1]


def _evaluation_values(t, scope):
    return {
        "internship_id": t.scope_running_internship(scope).id,
        "kind": "school",
        "date": datetime(t.today.year + 1, 1, 15, 10, 0),
    }


def _evaluation_line(t, scope, user):
    return _evaluation(t, scope, user).line_ids[:1]


def _evaluation_line_values(t, scope):
    return {"evaluation_id": _evaluation(t, scope, None).id, "name": "Extra criterium"}


def _hour_return(t, scope, user):
    maker = (
        user
        if scope == "own"
        else (t.user_po if user == t.user_admin else t.user_admin)
    )
    # sudo: the wizard is made as if its maker had opened it, so that reading
    # it is what the cell checks.
    return (
        t.env["samenwijs.internship.hour.return"]
        .with_user(maker)
        .sudo()
        .create(_hour_return_values(t, scope))
    )


def _hour_return_values(t, scope):
    return {
        "hour_ids": [(6, 0, _hour(t, "own", None).ids)],
        "mode": "send_back",
        "reason": "Tijden kloppen niet",
    }


def _assignment_values(t, scope):
    return {
        "internship_id": t.scope_running_internship(scope).id,
        "name": "Observatie peuter",
        "deadline": t.today + relativedelta(days=7),
    }


def _assignment(t, scope, user):
    internship = t.scope_running_internship(scope)
    return internship.assignment_ids[:1] or t.env[
        "samenwijs.internship.assignment"
    ].create(_assignment_values(t, scope))


def _invitation_values(t, scope):
    return {
        "internship_id": t.scope_running_internship(scope).id,
        "name": "Informatieavond BPV",
        "date": t.today + relativedelta(days=10),
    }


def _invitation(t, scope, user):
    internship = t.scope_running_internship(scope)
    return internship.invitation_ids[:1] or t.env[
        "samenwijs.internship.invitation"
    ].create(_invitation_values(t, scope))


def _sick_report_values(t, scope):
    return {
        "internship_id": t.scope_internship[scope].id,
        "date_from": str(t.today),
    }


def _sick_report(t, scope, user):
    # sudo: the report is made as the actions make it, whoever reads it.
    return t.env["samenwijs.sick.report"].sudo().create(_sick_report_values(t, scope))


def _positive_scan(t, scope):
    """A signed positive competence scan on the scope's internship (WB-P6),
    made as the actions make it."""
    internship = t.scope_internship[scope]
    # sudo: the scan is made and signed as the werkbegeleider's actions
    # would, whoever is under test.
    scan = (
        t.env["samenwijs.internship.evaluation"]
        .sudo()
        .create(
            {
                "internship_id": internship.id,
                "kind": "scan",
                "date": datetime(t.today.year, 4, 15, 10, 0),
            }
        )
    )
    scan.write({"state": "approved", "result": "positive"})
    return scan


def _proposal_values(t, scope):
    return {
        "internship_id": t.scope_internship[scope].id,
        "evaluation_id": _positive_scan(t, scope).id,
    }


def _proposal(t, scope, user):
    # sudo: the proposal is made as the praktijkopleider makes it.
    return (
        t.env["samenwijs.contract.proposal"].sudo().create(_proposal_values(t, scope))
    )


def _problem(t, scope, user):
    if scope == "others":
        maker = t.user_po if user == t.user_admin else t.user_admin
    else:
        maker = user
    # sudo: the report is made as if its maker had opened it, so that
    # reading it is what the cell checks.
    return (
        t.env["samenwijs.internship.problem"]
        .with_user(maker)
        .sudo()
        .create(_problem_values(t, scope))
    )


def _problem_values(t, scope):
    internship = t.scope_internship[{"others": "own"}.get(scope, scope)]
    return {
        "internship_id": internship.id,
        "description": "Vertrouwelijke melding",
        "school_meeting": True,
    }


def _class_cache(t, name):
    """A dict kept on the test class (made in ``setUpClass``): records made
    within a cell's savepoint do not outlive it."""
    owner = t if isinstance(t, type) else type(t)
    if name not in owner.__dict__:
        setattr(owner, name, {})
    return owner.__dict__[name]


def _school_request_values(t, scope):
    location = t.scope_location[scope]
    start = t.today + relativedelta(months=2)
    return {
        "school_id": t.school.id,
        "internship_type_id": t.type_snuffel.id,
        "date_from": start,
        "date_to": start + relativedelta(days=4),
        "pupil_count": 2,
        "praktijkopleider_id": t.scope_praktijkopleider[scope].id,
        "company_id": location.company_id.id,
        "location_ids": [Command.set(location.ids)],
    }


def _new_school_request(t, scope):
    """A draft request of the scope (made as superuser)."""
    location = t.scope_location[scope]
    return (
        t.env["samenwijs.school.request"]
        .with_company(location.company_id)
        .create(_school_request_values(t, scope))
    )


def _school_request(t, scope, user):
    """The scope's request, forwarded to the scope's location (made once
    per class)."""
    made = _class_cache(t, "_school_requests")
    if scope not in made:
        request = _new_school_request(t, scope)
        request.action_forward()
        made[scope] = request
    return made[scope]


def _school_request_line_values(t, scope):
    return {
        "request_id": _new_school_request(t, scope).id,
        "location_id": t.scope_location[scope].id,
    }


def _introduction_meeting_values(t, scope):
    internship = t.scope_internship[scope]
    first = int(internship.school_year[:4])
    return {
        "name": "Introductiebijeenkomst",
        "school_year": internship.school_year,
        "date": datetime(first, 8, 28, 14, 0),
        "organiser_id": t.scope_praktijkopleider[scope].id,
        "company_id": internship.company_id.id,
        "attendee_ids": [Command.set(internship.ids)],
    }


def _introduction_meeting(t, scope, user):
    """The scope's meeting with the scope's internship (made once per
    class)."""
    made = _class_cache(t, "_introduction_meetings")
    if scope not in made:
        internship = t.scope_internship[scope]
        made[scope] = (
            t.env["samenwijs.introduction.meeting"]
            .with_company(internship.company_id)
            .create(_introduction_meeting_values(t, scope))
        )
    return made[scope]


def _capacity_values(t, scope, school_year="2031-2032", itype=None):
    location = t.scope_location[scope]
    return {
        "school_year": school_year,
        "department_id": location.id,
        "internship_type_id": (itype or t.type_hbo).id,
        "places": 2,
        "company_id": location.company_id.id,
    }


def _capacity(t, scope, user):
    """The places of the scope's location for BOL PW3 in 2030-2031."""
    values = _capacity_values(t, scope, "2030-2031", t.type_pw3)
    Capacity = t.env["samenwijs.internship.capacity"]
    return Capacity.search(
        [(name, "=", values[name]) for name in ("school_year", "department_id")]
    ) or Capacity.with_company(values["company_id"]).create(values)


CONFIG_SCOPES = ("all",)

MODELS = {
    "samenwijs.internship": ModelSpec(
        record=lambda t, scope, user: t.scope_internship[scope],
        create=lambda t, scope: t.internship_values(scope),
        write=lambda t, scope: {"notes": "<p>Gesprek gehad</p>"},
        read=["name", "state", "employee_id"],
        unlink="new",
    ),
    "samenwijs.internship.schedule": ModelSpec(
        record=lambda t, scope, user: t.scope_internship[scope].schedule_ids[:1],
        create=_schedule_values,
        write=lambda t, scope: {"hours": 7.5},
        read=["weekday", "hours", "department_id"],
        unlink="new",
    ),
    "samenwijs.internship.hour": ModelSpec(
        record=_hour,
        create=_hour_values,
        write=lambda t, scope: {"note": "Uitstapje naar de kinderboerderij"},
        read=["date", "hours", "state"],
        unlink="new",
    ),
    "samenwijs.internship.evaluation": ModelSpec(
        record=_evaluation,
        create=_evaluation_values,
        write=lambda t, scope: {"date": datetime(t.today.year + 1, 2, 1, 10, 0)},
        read=["kind", "date", "feedback", "agenda"],
        unlink="new",
    ),
    "samenwijs.internship.evaluation.line": ModelSpec(
        record=_evaluation_line,
        create=_evaluation_line_values,
        write=lambda t, scope: {"rating": "goed"},
        read=["name", "rating"],
    ),
    "samenwijs.evaluation.template": ModelSpec(
        record=_one("samenwijs.evaluation.template"),
        create=lambda t, scope: {"name": "Proefformulier", "kind": "final"},
        write=lambda t, scope: {"sequence": 99},
        read=["name", "kind"],
        scopes=CONFIG_SCOPES,
        unlink="new",
    ),
    "samenwijs.evaluation.criterion": ModelSpec(
        record=_one("samenwijs.evaluation.criterion"),
        create=lambda t, scope: {
            "template_id": t.env.ref(
                "samenwijs_stage.evaluation_template_conversation"
            ).id,
            "name": "Proefcriterium",
        },
        write=lambda t, scope: {"sequence": 99},
        read=["name"],
        scopes=CONFIG_SCOPES,
        unlink="new",
    ),
    "samenwijs.internship.hour.return": ModelSpec(
        record=_hour_return,
        create=_hour_return_values,
        write=lambda t, scope: {"reason": "Andere reden"},
        read=["reason", "hour_ids"],
        scopes=("own", "others"),
    ),
    "samenwijs.internship.assignment": ModelSpec(
        record=_assignment,
        create=_assignment_values,
        write=lambda t, scope: {"description": "Observeer tijdens het eten."},
        read=["name", "deadline", "state", "is_late"],
        unlink="new",
    ),
    "samenwijs.internship.invitation": ModelSpec(
        record=_invitation,
        create=_invitation_values,
        write=lambda t, scope: {"note": "In de aula"},
        read=["name", "date", "note"],
        unlink="new",
    ),
    "samenwijs.internship.week": ModelSpec(
        record=_week,
        create=_week_values,
        write=lambda t, scope: {"hours": 1.0},
        read=["week_start", "hours", "early_count", "is_violation"],
    ),
    "samenwijs.internship.month": ModelSpec(
        record=_month,
        create=lambda t, scope: {
            "internship_id": t.scope_internship[scope].id,
            "month": t.today,
            "hours_signed": 8.0,
        },
        write=lambda t, scope: {"hours_signed": 1.0},
        read=["month", "hours_signed", "alongside_share", "below_half"],
    ),
    "samenwijs.allowance": ModelSpec(
        record=lambda t, scope, user: t.scope_internship[scope].allowance_id,
        create=_allowance_values,
        write=lambda t, scope: {"amount": 100.0},
        read=["amount", "state", "stop_date"],
    ),
    "samenwijs.sick.report": ModelSpec(
        record=_sick_report,
        create=_sick_report_values,
        write=lambda t, scope: {"date_to": str(t.today)},
        read=["date_from", "state", "late", "working_days"],
    ),
    "samenwijs.intervision.session": ModelSpec(
        record=lambda t, scope, user: t.scope_session[scope],
        create=_session_values,
        write=lambda t, scope: {"location": "Zaal 2"},
        read=["name", "date", "attendee_ids"],
        unlink="new",
    ),
    "samenwijs.contract.proposal": ModelSpec(
        record=_proposal,
        create=_proposal_values,
        write=lambda t, scope: {"note": "Sterke stagiaire"},
        read=["state", "date_start", "employee_id", "note"],
    ),
    "samenwijs.internship.problem": ModelSpec(
        record=_problem,
        create=_problem_values,
        write=lambda t, scope: {"description": "Aangevuld"},
        read=["description", "school_meeting", "internship_id"],
        scopes=WIZARD_SCOPES,
    ),
    "samenwijs.school.request": ModelSpec(
        record=_school_request,
        create=_school_request_values,
        write=lambda t, scope: {"note": "Contactpersoon: mevrouw Jansen"},
        read=["school_id", "date_from", "pupil_count", "state"],
        unlink="new",
    ),
    "samenwijs.school.request.line": ModelSpec(
        record=lambda t, scope, user: _school_request(t, scope, user).line_ids[:1],
        create=_school_request_line_values,
        write=lambda t, scope: {"manager_note": "Ruimte op dinsdag"},
        read=["location_id", "state", "places_accepted"],
        unlink="new",
    ),
    "samenwijs.introduction.meeting": ModelSpec(
        record=_introduction_meeting,
        create=_introduction_meeting_values,
        write=lambda t, scope: {"location": "Zaal 3"},
        read=["name", "date", "school_year", "attendee_ids"],
        unlink="new",
    ),
    "samenwijs.internship.terminate": ModelSpec(
        record=_wizard,
        create=_wizard_values,
        write=lambda t, scope: {"note": "Aangepast"},
        read=["note", "employee_id", "date"],
        scopes=WIZARD_SCOPES,
    ),
    "samenwijs.internship.interview": ModelSpec(
        record=_interview,
        create=_interview_values,
        write=lambda t, scope: {"note": "Aangepast"},
        read=["note", "employee_id", "date"],
        scopes=WIZARD_SCOPES,
    ),
    "hr.employee": ModelSpec(
        record=lambda t, scope, user: t.scope_werkbegeleider[scope],
        create=_employee_values,
        write=lambda t, scope: {"werkbegeleider_training": "planned"},
        read=["werkbegeleider_eligible", "werkbegeleider_unmet_reasons"],
    ),
    "hr.department": ModelSpec(
        record=lambda t, scope, user: t.scope_location[scope],
        create=_department_values,
        write=_department_write,
        read=["name", "manager_id", "parent_id", "praktijkopleider_id", "region_id"],
    ),
    "samenwijs.internship.capacity": ModelSpec(
        record=_capacity,
        create=_capacity_values,
        write=lambda t, scope: {"places": 3},
        read=["school_year", "places", "application_count", "open_places"],
    ),
    "samenwijs.internship.type": ModelSpec(
        record=_one("samenwijs.internship.type"),
        create=lambda t, scope: {"name": "Proefstage", "code": "PROEF"},
        write=lambda t, scope: {"sequence": 99},
        read=["name", "code"],
        scopes=CONFIG_SCOPES,
        unlink="new",
    ),
    "samenwijs.termination.reason": ModelSpec(
        record=_one("samenwijs.termination.reason"),
        create=lambda t, scope: {"name": "Verhuisd"},
        write=lambda t, scope: {"sequence": 99},
        read=["name"],
        scopes=CONFIG_SCOPES,
        unlink="new",
    ),
    "samenwijs.allowance.rate": ModelSpec(
        record=_one("samenwijs.allowance.rate"),
        create=lambda t, scope: {
            "date_from": "2040-01-01",
            "amount_day": 20.0,
            "amount_half_day": 10.0,
            "amount_cap": 300.0,
        },
        write=lambda t, scope: {"note": "CAO Kinderopvang"},
        read=["date_from", "amount_day"],
        scopes=CONFIG_SCOPES,
        unlink="new",
    ),
    "samenwijs.policy.rule": ModelSpec(
        record=_one("samenwijs.policy.rule"),
        create=lambda t, scope: {
            "code": "MX-1",
            "name": "Proefregel",
            "text": "Een regel.",
            "section": t.env["samenwijs.policy.rule"]
            ._fields["section"]
            .get_values(t.env)[0],
        },
        write=lambda t, scope: {"sequence": 99},
        read=["code", "name", "text"],
        scopes=CONFIG_SCOPES,
        unlink="new",
    ),
}


def our_models(env):
    """The models our addons define (wizards included, abstract models left
    out: they have no records) and the Odoo models they extend."""
    Model = env["ir.model"]
    defined, extended = set(), set()
    for name in env.registry:
        model_cls = env.registry[name]
        modules = set((Model._get(name).modules or "").split(", "))
        if model_cls._original_module in ADDONS:
            if not model_cls._abstract:
                defined.add(name)
        elif modules & set(ADDONS):
            extended.add(name)
    return defined, extended


@tagged("post_install", "-at_install")
class TestAccessMatrix(SamenwijsSecurityCase):
    """Every cell of ``MATRIX``, as the user of the role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason = cls.env["samenwijs.termination.reason"].search([], limit=1)
        # Hours need running internships with a line, made before any cell.
        for scope in SCOPES:
            _hour(cls, scope, None)
            _assignment(cls, scope, None)
            _invitation(cls, scope, None)
            _school_request(cls, scope, None)
            _introduction_meeting(cls, scope, None)

    def test_matrix_covers_every_model_of_the_addons(self):
        defined, extended = our_models(self.env)
        missing = sorted(defined - MATRIX.keys())
        undecided = sorted(extended - MATRIX.keys() - EXTENDED_WITHOUT_ROWS.keys())
        self.assertFalse(
            missing,
            "These models of the addons have no rows in the access matrix "
            f"(samenwijs_stage/tests/test_access_matrix.py): {', '.join(missing)}",
        )
        stale = sorted(
            name
            for name in EXTENDED_WITHOUT_ROWS.keys() - extended
            if name in self.env.registry
        )
        self.assertFalse(stale, f"No longer extended by the addons: {stale}")
        self.assertFalse(
            undecided,
            "These Odoo models are extended by the addons but are neither in the "
            "access matrix nor in EXTENDED_WITHOUT_ROWS: " + ", ".join(undecided),
        )

    def test_matrix_is_complete(self):
        for model, rows in MATRIX.items():
            spec = MODELS.get(model)
            self.assertTrue(spec, f"{model}: no ModelSpec in MODELS")
            self.assertEqual(set(rows), set(ROLES), f"{model}: one row per role")
            for role, cells in rows.items():
                self.assertEqual(
                    len(cells), len(spec.scopes), f"{model}/{role}: one cell per scope"
                )
                for cell in cells:
                    self.assertEqual(len(cell), 4, f"{model}/{role}: {cell!r}")
                    for letter, expected in zip(cell, "rwcu", strict=True):
                        self.assertIn(letter, (expected, "-", "."), f"{model}/{role}")

    # ------------------------------------------------------------------
    def _try(self, model, spec, scope, operation, user):
        """Do ``operation`` as ``user`` in ``scope``; return "allowed",
        "refused" (AccessError) or the unexpected error."""
        env = self.env
        with closing(env.cr.savepoint()):
            try:
                if operation == "create":
                    values = spec.create(self, scope)
                    env.invalidate_all()
                    env[model].with_user(user).with_company(user.company_id).create(
                        values
                    )
                elif operation == "unlink" and spec.unlink == "new":
                    target = env[model].create(spec.create(self, scope))
                    env.invalidate_all()
                    target.with_user(user).unlink()
                else:
                    target = spec.record(self, scope, user)
                    self.assertTrue(target, f"{model}: no record in scope {scope}")
                    env.invalidate_all()
                    target = target.with_user(user)
                    if operation == "read":
                        target.read(spec.read)
                    elif operation == "write":
                        target.write(spec.write(self, scope))
                    else:
                        target.unlink()
                env.flush_all()
            except AccessError as error:
                self._last_refusal = " ".join(str(error).split())[:300]
                return "refused"
            except Exception as error:
                return f"{type(error).__name__}: {str(error).splitlines()[0][:150]}"
            finally:
                env.invalidate_all()
        return "allowed"

    def check_row(self, model, role):
        if model not in self.env:
            self.skipTest(f"{model} is not installed")
        spec = MODELS[model]
        user = self.role_users[role]
        wrong = []
        for scope, cell in zip(spec.scopes, MATRIX[model][role], strict=True):
            for operation, letter in zip(OPERATIONS, cell, strict=True):
                if letter == ".":
                    continue
                expected = "refused" if letter == "-" else "allowed"
                outcome = self._try(model, spec, scope, operation, user)
                if outcome != expected:
                    if outcome == "refused":
                        outcome = f"refused ({self._last_refusal})"
                    wrong.append(
                        f"{scope} {operation}: expected {expected}, got {outcome}"
                    )
        self.assertFalse(wrong, f"{model} as {role}:\n    " + "\n    ".join(wrong))


def _add_row_tests():
    for model in MATRIX:
        for role in ROLES:
            name = f"test_{model.replace('.', '_')}_as_{role}"

            def test(self, model=model, role=role):
                self.check_row(model, role)

            test.__name__ = name
            test.__doc__ = f"{model} as {role}: every scope and operation."
            setattr(TestAccessMatrix, name, test)


_add_row_tests()
