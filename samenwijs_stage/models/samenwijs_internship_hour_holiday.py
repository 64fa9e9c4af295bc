from collections import defaultdict

import holidays

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

COMPENSATION_TYPE = "samenwijs_stage.hr_leave_type_compensation"


def school_holiday_dates(cache, region, year):
    """The dates of the Dutch school holidays of ``region`` (noord, midden,
    zuid) in ``year``, weekends included; ``cache`` keeps them per (region,
    year) for the rest of the call."""
    key = (region, year)
    if key not in cache:
        cache[key] = set(
            holidays.NL(
                subdiv=region.capitalize(), years=year, categories=("school",)
            ).keys()
        )
    return cache[key]


class SamenwijsInternshipHour(models.Model):
    """LV-1: hours worked in the school holidays of the location's region are
    holiday work. Once signed they become compensation hours the intern can
    take off later: one allocation per intern on the time-off type
    "Compensation hours", always equal to the intern's signed holiday hours.
    It grows when the werkbegeleider signs and shrinks when the
    administrator reopens signed lines."""

    # One file per concern of the model, on purpose (see models/__init__.py).
    _inherit = "samenwijs.internship.hour"  # pylint: disable=consider-merging-classes-inherited

    is_school_holiday = fields.Boolean(
        string="School holiday",
        compute="_compute_is_school_holiday",
        store=True,
        help="Worked in the school holidays of the location's region: once "
        "signed, these hours can be taken off later (LV-1).",
    )

    @api.depends("date", "department_id.school_region_used")
    def _compute_is_school_holiday(self):
        cache = {}
        for line in self:
            region = line.department_id.school_region_used
            line.is_school_holiday = bool(
                region
                and line.date
                and line.date in school_holiday_dates(cache, region, line.date.year)
            )

    # ------------------------------------------------------------------
    # The sign-off hooks
    # ------------------------------------------------------------------
    def _signoff_signed(self):
        res = super()._signoff_signed()
        self._sync_compensation(self.filtered("is_school_holiday").employee_id)
        return res

    def _signoff_reopened(self, signed):
        res = super()._signoff_reopened(signed)
        self._sync_compensation(signed.filtered("is_school_holiday").employee_id)
        return res

    @api.model
    def _sync_compensation(self, employees):
        """LV-1: make each intern's compensation allocation equal to their
        signed school-holiday hours.

        The allocation is set to the total read from the signed lines, not
        raised by the hours of one signature: signing the same lines twice,
        or a hook that runs twice, cannot count them twice. Called by the
        sign-off actions after they checked the user: the allocation is
        written as superuser because werkbegeleiders and administrators of
        internships are no time-off officers."""
        if not employees:
            return
        env = self.env
        leave_type = env.ref(COMPENSATION_TYPE)
        # Two signatures for the same intern at the same moment: the second
        # waits here until the first is committed, then PostgreSQL refuses it
        # (a concurrent update under repeatable read) and Odoo runs it again,
        # seeing the allocation the first one made. Without this, both could
        # create an allocation.
        env.cr.execute(
            SQL(
                "UPDATE hr_employee SET id = id WHERE id IN %s",
                tuple(employees.ids),
            )
        )
        # sudo: the signed holiday hours of the interns just signed for or
        # reopened, whoever signed; only their total is used.
        totals = dict(
            self.sudo()._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("state", "=", "approved"),
                    ("is_school_holiday", "=", True),
                ],
                ["employee_id"],
                ["hours:sum"],
            )
        )
        # sudo: see the docstring; the calling action checked the user. As
        # the superuser's own user too: Time Off with Attendances checks the
        # acting user's groups before an allocation's duration changes.
        Allocation = env["hr.leave.allocation"].with_user(SUPERUSER_ID).sudo()
        allocations = defaultdict(
            Allocation.browse,
            {
                allocation.employee_id: allocation
                for allocation in Allocation.search(
                    [
                        ("employee_id", "in", employees.ids),
                        ("holiday_status_id", "=", leave_type.id),
                        ("state", "=", "validate"),
                    ],
                    order="id",
                )
            },
        )
        today = fields.Date.context_today(self)
        # sudo: the working hours of the intern's calendar.
        for employee in employees.sudo():
            hours = totals.get(employee, 0.0)
            allocation = allocations[employee]
            days = hours / employee._get_hours_per_day(allocation.date_from or today)
            if allocation and hours > 0:
                if allocation.number_of_days != days:
                    # With the hours, Time Off refuses to go below the hours
                    # already taken off.
                    allocation.write(
                        {"number_of_days": days, "number_of_hours_display": hours}
                    )
            elif allocation:
                if allocation.leaves_taken > 0:
                    raise UserError(
                        env._(
                            "%(intern)s has already taken compensation hours for "
                            "work in the school holidays; the signed holiday "
                            "hours cannot be reopened until that time off is "
                            "cancelled (LV-1).",
                            intern=employee.name,
                        )
                    )
                allocation.with_context(allocation_skip_state_check=True).unlink()
            elif hours > 0:
                allocation = Allocation.with_context(
                    mail_create_nolog=True, mail_activity_automation_skip=True
                ).create(
                    {
                        "name": env._("Worked in the school holidays (LV-1)"),
                        "holiday_status_id": leave_type.id,
                        "employee_id": employee.id,
                        "date_from": today,
                        "number_of_days": days,
                        "notes": env._(
                            "Grows with each signature of hours worked in the "
                            "school holidays; the intern takes them off in "
                            "consultation with the werkbegeleider (LV-1)."
                        ),
                    }
                )
                allocation._action_validate()
