from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

HOLD_ACTIVITY = "samenwijs_stage.mail_activity_type_evaluation_hold"
PO_CHECK_ACTIVITY = "samenwijs_stage.mail_activity_type_po_check"
PROBLEM_ACTIVITY = "samenwijs_stage.mail_activity_type_problem_report"
PRAKTIJKOPLEIDER = "samenwijs_stage.group_praktijkopleider"
# WB-P6: the competence scan is filled in in April of study year 3.
SCAN_MONTH = 4
SCAN_STUDY_YEAR = 3
# Meetings are planned at this hour, in the intern's time zone.
MEETING_HOUR = 10


class SamenwijsInternship(models.Model):
    """The learning process around the evaluations.

    WB-P6: in April every running BOL intern (mbo) in study year 3 gets a
    competence scan, planned for the werkbegeleider; after a positive signed
    scan the praktijkopleider can propose a 0-hours contract, which the
    bestuurder approves or declines (``samenwijs.contract.proposal``).

    PO-4: from the first working day of each month the praktijkopleider has
    one task per werkbegeleider with running interns: check their
    development and bottlenecks. Marking the task done with feedback logs the
    outcome on each internship of that werkbegeleider.

    WB-P5, PO-6: the werkbegeleider reports a problem and may ask for a
    meeting with the school (the problem wizard); the praktijkopleider plans
    the school meeting with one action.
    """

    # One file per concern of the model, on purpose (see models/__init__.py).
    _inherit = "samenwijs.internship"  # pylint: disable=consider-merging-classes-inherited

    po_check_month = fields.Date(
        string="PO check for month",
        readonly=True,
        copy=False,
        help="The last month for which the praktijkopleider got the task to "
        "check this intern's development with the werkbegeleider (PO-4).",
    )
    contract_proposal_count = fields.Integer(
        string="0-hours contracts",
        compute="_compute_contract_proposal_count",
        groups="samenwijs_stage.group_praktijkopleider",
    )
    can_report_problem = fields.Boolean(compute="_compute_learning_buttons")
    can_propose_contract = fields.Boolean(compute="_compute_learning_buttons")

    def _compute_contract_proposal_count(self):
        counts = dict(
            self.env["samenwijs.contract.proposal"]._read_group(
                [("internship_id", "in", self.ids)], ["internship_id"], ["__count"]
            )
        )
        for internship in self:
            internship.contract_proposal_count = counts.get(internship, 0)

    @api.depends_context("uid")
    @api.depends("state", "werkbegeleider_id")
    def _compute_learning_buttons(self):
        user = self.env.user
        is_po = user.has_group(PRAKTIJKOPLEIDER)
        for internship in self:
            active = internship.state in ("placed", "running")
            internship.can_report_problem = active and (
                is_po or internship.werkbegeleider_id.user_id == user
            )
            internship.can_propose_contract = (
                is_po
                and internship.state in ("running", "done")
                and not internship._open_contract_proposals()
                and bool(internship._positive_scan())
            )

    # ------------------------------------------------------------------
    # WB-P6: the competence scan
    # ------------------------------------------------------------------
    def _open_contract_proposals(self):
        """The proposals of the internship that are not declined: one 0-hours
        contract is proposed at a time."""
        self.ensure_one()
        # sudo: only whether a proposal exists decides.
        return (
            self.env["samenwijs.contract.proposal"]
            .sudo()
            .search([("internship_id", "=", self.id), ("state", "!=", "declined")])
        )

    def _positive_scan(self):
        """The last signed positive competence scan of the internship."""
        self.ensure_one()
        # sudo: only whether a positive signed scan exists decides; the
        # scan's content is not shown.
        return (
            self.env["samenwijs.internship.evaluation"]
            .sudo()
            .search(
                [
                    ("internship_id", "=", self.id),
                    ("kind", "=", "scan"),
                    ("state", "=", "approved"),
                    ("result", "=", "positive"),
                ],
                order="date desc, id desc",
                limit=1,
            )
        )

    @api.model
    def _scan_domain(self):
        return [
            ("state", "=", "running"),
            ("study_year", "=", SCAN_STUDY_YEAR),
            ("internship_type_id.education_level", "=", "mbo"),
            ("werkbegeleider_id", "!=", False),
        ]

    @api.model
    def _cron_competence_scan(self):
        """WB-P6, daily: in April every running BOL intern in study year 3
        without a competence scan gets one, with a task for the
        werkbegeleider to fill it in, in April. Outside April it does
        nothing; running it again plans no second scan or task."""
        today = fields.Date.context_today(self)
        if today.month != SCAN_MONTH:
            return self.browse()
        internships = self.search(self._scan_domain())
        Evaluation = self.env["samenwijs.internship.evaluation"]
        planned = set(
            Evaluation.search(
                [("internship_id", "in", internships.ids), ("kind", "=", "scan")]
            ).internship_id.ids
        )
        internships = internships.filtered(lambda i: i.id not in planned)
        if not internships:
            return internships
        day = min(today + timedelta(days=14), today.replace(day=30))
        scans = Evaluation.create(
            [
                {
                    "internship_id": internship.id,
                    "kind": "scan",
                    "date": internship._meeting_datetime(day),
                    "partner_ids": [
                        (6, 0, internship._participant_partners().ids),
                    ],
                }
                for internship in internships
            ]
        )
        # The werkbegeleider's task to hold the scan: the task every planned
        # evaluation gets, so that no second one is added for it.
        activity_type = self.env.ref(HOLD_ACTIVITY)
        model_id = self.env["ir.model"]._get_id(Evaluation._name)
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": scan.id,
                    "activity_type_id": activity_type.id,
                    "user_id": scan.internship_id.werkbegeleider_id.user_id.id
                    or scan.internship_id.praktijkopleider_id.user_id.id
                    or self.env.user.id,
                    "date_deadline": day,
                    "summary": scan.internship_id._lang_env(
                        scan.internship_id.werkbegeleider_id.user_id
                    )._(
                        "Fill in the competence scan of %(intern)s (WB-P6)",
                        intern=scan.employee_id.name,
                    ),
                }
                for scan in scans
            ]
        )
        return internships

    def _meeting_datetime(self, day):
        """``day`` at the usual meeting hour in the intern's time zone, as
        the UTC datetime Odoo stores."""
        self.ensure_one()
        # sudo: only the time zone of the intern is read.
        tz = pytz.timezone(
            self.sudo().employee_id.tz or self.env.user.tz or "Europe/Amsterdam"
        )
        local = tz.localize(datetime.combine(day, time(MEETING_HOUR)))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _lang_env(self, user):
        """The environment that speaks ``user``'s language, for the texts
        of a task made for them."""
        return self.with_context(lang=user.lang or self.env.lang).env

    def _participant_partners(self):
        """The intern and the werkbegeleider, as participants of a meeting."""
        self.ensure_one()
        # sudo: only the employees' contacts are taken, to invite them.
        internship = self.sudo()
        return (
            internship.employee_id.work_contact_id
            | internship.werkbegeleider_id.work_contact_id
        )

    def action_propose_contract(self):
        """WB-P6: the praktijkopleider proposes a 0-hours contract after a
        positive signed competence scan; the bestuurder decides."""
        self.ensure_one()
        proposal = self.env["samenwijs.contract.proposal"].create(
            {"internship_id": self.id}
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "samenwijs.contract.proposal",
            "res_id": proposal.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_contract_proposals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "samenwijs_stage.samenwijs_contract_proposal_action"
        )
        action["domain"] = [("internship_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # PO-4: the monthly check of the praktijkopleider
    # ------------------------------------------------------------------
    @api.model
    def _first_working_day(self, day, company=None):
        """The first working day of ``day``'s month, by the company's
        working hours (Monday to Friday without them)."""
        calendar = (company or self.env.company).resource_calendar_id
        first = day.replace(day=1)
        for offset in range(7):
            candidate = first + timedelta(days=offset)
            works = (
                calendar._works_on_date(candidate)
                if calendar
                else candidate.weekday() < 5
            )
            if works:
                return candidate
        return first

    @api.model
    def _cron_po_check(self):
        """PO-4, daily: from the first working day of the month on, the
        praktijkopleider gets one task per werkbegeleider with running
        interns, with a short summary of those interns. Once per month: the
        month is kept on the internships, so running it again adds
        nothing. A day missed by the server is caught up the next day."""
        today = fields.Date.context_today(self)
        month = today.replace(day=1)
        internships = self.search(
            [
                ("state", "=", "running"),
                ("werkbegeleider_id", "!=", False),
                ("praktijkopleider_id.user_id", "!=", False),
            ],
            order="id",
        )
        started = {
            company: today >= self._first_working_day(today, company)
            for company in internships.company_id
        }
        internships = internships.filtered(lambda i: started[i.company_id])
        groups = internships.grouped(
            lambda i: (i.praktijkopleider_id, i.werkbegeleider_id)
        )
        todo = {
            key: group
            for key, group in groups.items()
            if not any(i.po_check_month == month for i in group)
        }
        if not todo:
            return self.browse()
        checked = self.browse().union(*todo.values())
        figures = checked._po_check_figures(today)
        activity_type = self.env.ref(PO_CHECK_ACTIVITY)
        deadline = today + timedelta(days=activity_type.delay_count or 7)
        for (praktijkopleider, werkbegeleider), group in todo.items():
            user = praktijkopleider.user_id
            env = group._lang_env(user)
            lines = Markup("").join(
                Markup("<li>%s</li>") % internship._po_check_line(env, figures)
                for internship in group
            )
            group[:1].activity_schedule(
                activity_type_id=activity_type.id,
                user_id=user.id,
                date_deadline=deadline,
                summary=env._(
                    "Check development and bottlenecks with %(werkbegeleider)s "
                    "(%(month)s, PO-4)",
                    werkbegeleider=werkbegeleider.name,
                    month=format_date(env, month, date_format="MMMM y"),
                ),
                note=Markup("<p>%s</p><ul>%s</ul><p>%s</p>")
                % (
                    env._(
                        "Interns of %(werkbegeleider)s:",
                        werkbegeleider=werkbegeleider.name,
                    ),
                    lines,
                    env._(
                        "Mark this task done with the outcome: it is noted on "
                        "each of these internships."
                    ),
                ),
            )
        checked.write({"po_check_month": month})
        return checked

    def _po_check_figures(self, today):
        """PO-4: the hours of this month and, when assignments exist, the
        open ones, per internship: one query per figure for the batch."""
        month_start = today.replace(day=1)
        hours = dict(
            self.env["samenwijs.internship.hour"]._read_group(
                [("internship_id", "in", self.ids), ("date", ">=", month_start)],
                ["internship_id"],
                ["hours:sum"],
            )
        )
        assignments = None
        if "samenwijs.internship.assignment" in self.env:
            assignments = dict(
                self.env["samenwijs.internship.assignment"]._read_group(
                    [("internship_id", "in", self.ids), ("state", "!=", "approved")],
                    ["internship_id"],
                    ["__count"],
                )
            )
        return {"hours": hours, "assignments": assignments}

    def _po_check_line(self, env, figures):
        """PO-4: one line on the intern: the last held conversation, the
        hours of this month and the open assignments, in ``env``'s
        language."""
        self.ensure_one()
        held = self.last_conversation_date
        parts = [
            env._(
                "%(intern)s: last conversation %(date)s",
                intern=self.employee_id.name,
                date=format_date(env, held.date()) if held else env._("none"),
            ),
            env._(
                "%(hours)s hours this month",
                hours=f"{figures['hours'].get(self, 0.0):g}",
            ),
        ]
        if figures["assignments"] is not None:
            parts.append(
                env._(
                    "%(count)s open assignments",
                    count=figures["assignments"].get(self, 0),
                )
            )
        return ", ".join(parts)

    def message_post_with_source(self, source_ref, **kwargs):
        """PO-4: marking the check task done with feedback notes the outcome
        on each running internship of that werkbegeleider in the
        praktijkopleider's care."""
        messages = super().message_post_with_source(source_ref, **kwargs)
        activity = (kwargs.get("render_values") or {}).get("activity")
        feedback = (kwargs.get("render_values") or {}).get("feedback")
        if (
            isinstance(source_ref, str)
            and source_ref == "mail.message_activity_done"
            and activity
            and feedback
            and len(self) == 1
            and activity.activity_type_id == self.env.ref(PO_CHECK_ACTIVITY)
        ):
            self._log_po_check(feedback)
        return messages

    def _log_po_check(self, feedback):
        self.ensure_one()
        # Marking an activity done runs as superuser on its document: the
        # internships are those of the same werkbegeleider and praktijkopleider
        # as the one carrying the task, which the assignee was given.
        internships = self.search(
            [
                ("state", "=", "running"),
                ("werkbegeleider_id", "=", self.werkbegeleider_id.id),
                ("praktijkopleider_id", "=", self.praktijkopleider_id.id),
            ]
        )
        body = Markup("<p>%s</p><p>%s</p>") % (
            self.env._(
                "Monthly check with %(werkbegeleider)s (PO-4) by %(user)s:",
                werkbegeleider=self.werkbegeleider_id.name,
                user=self.env.user.name,
            ),
            feedback,
        )
        for internship in internships:
            internship.message_post(
                body=body,
                subtype_xmlid="mail.mt_note",
                author_id=self.env.user.partner_id.id,
            )

    # ------------------------------------------------------------------
    # WB-P5, PO-6: problems and the school meeting
    # ------------------------------------------------------------------
    def action_report_problem(self):
        """WB-P5: the werkbegeleider tells the praktijkopleider what
        happened."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Report a problem"),
            "res_model": "samenwijs.internship.problem",
            "view_mode": "form",
            "target": "new",
            "context": {"default_internship_id": self.id},
        }

    def _report_problem(self, description, school_meeting):
        """WB-P5: note what the werkbegeleider reports as an internal note
        on the internship and give the praktijkopleider a task, to plan a
        school meeting when asked for (PO-6)."""
        self.ensure_one()
        user = self.env.user
        if not (self.env.su or user.has_group(PRAKTIJKOPLEIDER)):
            if self.werkbegeleider_id.user_id != user:
                raise AccessError(
                    self.env._(
                        "Only the werkbegeleider of %(name)s reports problems of "
                        "this internship to the praktijkopleider.",
                        name=self.display_name,
                    )
                )
        self.check_access("read")
        if self.state not in ("placed", "running"):
            raise UserError(
                self.env._(
                    "Problems are reported on placed or running internships; "
                    "%(name)s is not.",
                    name=self.display_name,
                )
            )
        if not (description or "").strip():
            raise UserError(self.env._("Describe what happened."))
        intro = (
            self.env._(
                "%(user)s reports a problem and asks for a meeting with the "
                "school (WB-P5):",
                user=user.name,
            )
            if school_meeting
            else self.env._("%(user)s reports a problem (WB-P5):", user=user.name)
        )
        body = Markup("<p>%s</p><p>%s</p>") % (intro, description)
        # sudo: the werkbegeleider may read this internship (checked above)
        # but not write it. The report goes to the praktijkopleider as a
        # notification, not into the chatter: the intern reads the chatter
        # of their own internship.
        internship = self.sudo()
        praktijkopleider = internship.praktijkopleider_id.user_id
        if praktijkopleider:
            internship.message_notify(
                body=body,
                partner_ids=praktijkopleider.partner_id.ids,
                author_id=user.partner_id.id,
                subject=intro,
            )
        if praktijkopleider:
            env = internship._lang_env(praktijkopleider)
            internship.activity_schedule(
                PROBLEM_ACTIVITY,
                user_id=praktijkopleider.id,
                date_deadline=fields.Date.context_today(self)
                + timedelta(days=2 if school_meeting else 5),
                summary=env._(
                    "Plan a school meeting for %(intern)s (PO-6)",
                    intern=internship.employee_id.name,
                )
                if school_meeting
                else env._(
                    "Problem reported for %(intern)s (WB-P5)",
                    intern=internship.employee_id.name,
                ),
                note=Markup("<p>%s</p>")
                % env._(
                    "%(user)s reported a problem; read it in your inbox.",
                    user=user.name,
                ),
            )
        return True

    def action_plan_school_meeting(self):
        """PO-6: the praktijkopleider plans a meeting of the school's
        supervisor, the intern and the werkbegeleider in one step: a school
        meeting a week from now, held and signed by the werkbegeleider. The
        task of the problem report is done."""
        self.ensure_one()
        if not (self.env.su or self.env.user.has_group(PRAKTIJKOPLEIDER)):
            raise AccessError(
                self.env._("Only a praktijkopleider plans a meeting with the school.")
            )
        self.check_access("write")
        if self.state not in ("placed", "running"):
            raise UserError(
                self.env._(
                    "A school meeting is planned for a placed or running "
                    "internship; %(name)s is not.",
                    name=self.display_name,
                )
            )
        if not self.school_contact_id:
            raise UserError(
                self.env._(
                    "Set the school supervisor of %(name)s before planning a "
                    "meeting with the school.",
                    name=self.display_name,
                )
            )
        day = fields.Date.context_today(self) + timedelta(days=7)
        meeting = self.env["samenwijs.internship.evaluation"].create(
            {
                "internship_id": self.id,
                "kind": "school",
                "date": self._meeting_datetime(day),
                "partner_ids": [
                    (
                        6,
                        0,
                        (self.school_contact_id | self._participant_partners()).ids,
                    )
                ],
            }
        )
        meeting._schedule_due_tasks()
        problem_type = self.env.ref(PROBLEM_ACTIVITY)
        done = self.activity_ids.filtered(lambda a: a.activity_type_id == problem_type)
        if done:
            done.action_feedback(
                feedback=self.env._(
                    "School meeting planned on %(date)s.",
                    date=format_date(self.env, day),
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "samenwijs.internship.evaluation",
            "res_id": meeting.id,
            "view_mode": "form",
            "target": "current",
        }
