from collections import defaultdict
from datetime import datetime, time, timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from .samenwijs_internship_hour_holiday import school_holiday_dates

# WB-P1: a learning conversation at least every two weeks; EV-1: the first
# evaluation two weeks after the start.
CONVERSATION_INTERVAL = timedelta(weeks=2)
# Conversations are planned at this hour of the day.
CONVERSATION_HOUR = time(13, 30)
# The werkbegeleider's and intern's tasks for an evaluation are planned this
# long before it.
TASKS_AHEAD = timedelta(days=14)
NO_CONVERSATION_ACTIVITY = "samenwijs_stage.mail_activity_type_no_conversation"
FORMS_CHECK_ACTIVITY = "samenwijs_stage.mail_activity_type_ev1_forms"
PLANNED_KINDS = ("first", "conversation")


class SamenwijsInternship(models.Model):
    """The learning process: the first evaluation (EV-1) and the learning
    conversations every two weeks (WB-P1), planned when the internship
    starts, moved with its start date, cancelled after a termination; the
    praktijkopleider's check of the onboarding forms before the first
    evaluation is signed; the daily check for internships without a held
    conversation in the last 14 days."""

    # One file per concern of the model, on purpose (see models/__init__.py).
    _inherit = "samenwijs.internship"  # pylint: disable=consider-merging-classes-inherited

    evaluation_ids = fields.One2many(
        "samenwijs.internship.evaluation", "internship_id", string="Evaluations"
    )
    evaluation_count = fields.Integer(compute="_compute_evaluation_count")
    ev1_forms_confirmed = fields.Boolean(
        string="Forms confirmed",
        readonly=True,
        copy=False,
        tracking=True,
        help="The praktijkopleider confirmed that every required form of the "
        "onboarding checklist is returned; the first evaluation can be "
        "signed (EV-1).",
    )
    next_evaluation_date = fields.Datetime(
        string="Next conversation", compute="_compute_next_evaluation_date"
    )
    last_conversation_date = fields.Datetime(
        string="Last conversation",
        compute="_compute_last_conversation_date",
        store=True,
        help="The last held learning conversation or first evaluation (WB-P1).",
    )
    conversation_warning_date = fields.Date(
        readonly=True,
        copy=False,
        help="When the werkbegeleider was last told that no conversation was "
        "held in 14 days (WB-P1).",
    )
    conversation_escalation_date = fields.Date(
        readonly=True,
        copy=False,
        help="When the praktijkopleider was last told (WB-P1).",
    )

    @api.depends("evaluation_ids")
    @api.depends_context("uid")
    def _compute_evaluation_count(self):
        """Counted as the current user: what they may read."""
        counts = dict(
            self.env["samenwijs.internship.evaluation"]._read_group(
                [("internship_id", "in", self.ids)], ["internship_id"], ["__count"]
            )
        )
        for internship in self:
            internship.evaluation_count = counts.get(internship, 0)

    @api.depends("evaluation_ids.state", "evaluation_ids.date")
    @api.depends_context("uid")
    def _compute_next_evaluation_date(self):
        groups = self.env["samenwijs.internship.evaluation"]._read_group(
            [("internship_id", "in", self.ids), ("state", "=", "draft")],
            ["internship_id"],
            ["date:min"],
        )
        first = {internship.id: date for internship, date in groups}
        for internship in self:
            internship.next_evaluation_date = first.get(internship.id, False)

    @api.depends("evaluation_ids.state", "evaluation_ids.date", "evaluation_ids.kind")
    def _compute_last_conversation_date(self):
        # sudo: only the date of the last held conversation is kept; the
        # evaluations themselves stay personal data.
        groups = (
            self.env["samenwijs.internship.evaluation"]
            .sudo()
            ._read_group(
                [
                    ("internship_id", "in", self.ids),
                    ("kind", "in", PLANNED_KINDS),
                    ("state", "in", ("submitted", "approved")),
                ],
                ["internship_id"],
                ["date:max"],
            )
        )
        last = {internship.id: date for internship, date in groups}
        for internship in self:
            internship.last_conversation_date = last.get(internship.id, False)

    # ------------------------------------------------------------------
    # Planning (EV-1, WB-P1)
    # ------------------------------------------------------------------
    def action_start(self):
        res = super().action_start()
        self._plan_evaluations()
        self._schedule_forms_check()
        return res

    def write(self, vals):
        period = {"date_start", "date_end"} & vals.keys()
        before = {i: (i.date_start, i.date_end) for i in self} if period else {}
        res = super().write(vals)
        if period:
            # Moving the period moves the plan; held ones stay.
            self.filtered(
                lambda i: i.state == "running"
                and (i.date_start, i.date_end) != before[i]
            )._plan_evaluations(replan=True)
        return res

    def _conversation_days(self, days_off):
        """EV-1, WB-P1: the days of the first evaluation and the
        conversations after it, each two weeks after the one before, moved
        past ``days_off`` (school holidays of the region, the intern's time
        off) and weekends."""
        self.ensure_one()
        start, end = self.date_start, self.date_end
        if not start:
            return []
        end = end or start + timedelta(weeks=52)
        days, day = [], start + CONVERSATION_INTERVAL
        while day <= end:
            moved = day
            while moved in days_off or moved.weekday() >= 5:
                moved += timedelta(days=1)
            if moved > end:
                break
            days.append(moved)
            day = moved + CONVERSATION_INTERVAL
        return days

    def _days_off(self):
        """Per internship, the school holidays of its location's region and
        the validated time off of its intern during its period (one query
        for all of them)."""
        starts = [i.date_start for i in self if i.date_start]
        if not starts:
            return {i: set() for i in self}
        first = min(starts)
        last = max(
            (i.date_end or i.date_start + timedelta(weeks=52))
            for i in self
            if i.date_start
        ) + timedelta(weeks=4)
        # sudo: only the days of the interns' time off are used, to plan
        # around them.
        leaves = (
            self.env["hr.leave"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", self.employee_id.ids),
                    ("state", "=", "validate"),
                    ("request_date_from", "<=", last),
                    ("request_date_to", ">=", first),
                ]
            )
        )
        leave_days = defaultdict(set)
        for leave in leaves:
            day = leave.request_date_from
            while day <= leave.request_date_to:
                leave_days[leave.employee_id].add(day)
                day += timedelta(days=1)
        cache = {}
        result = {}
        for internship in self:
            days = set(leave_days[internship.employee_id])
            region = internship.department_id.school_region_used
            if region and internship.date_start:
                for year in range(first.year, last.year + 1):
                    days |= school_holiday_dates(cache, region, year)
            result[internship] = days
        return result

    def _plan_evaluations(self, replan=False):
        """Plan the first evaluation and the learning conversations of these
        running internships (EV-1, WB-P1); with ``replan``, the planned ones
        are replaced first (a moved period). Held and signed ones stay."""
        Evaluation = self.env["samenwijs.internship.evaluation"]
        # sudo: planning follows from the start the praktijkopleider just
        # made (or from the period they moved); the evaluations are the
        # werkbegeleider's and intern's to hold.
        existing = Evaluation.sudo().search(
            [("internship_id", "in", self.ids), ("kind", "in", PLANNED_KINDS)]
        )
        if replan:
            existing.filtered(lambda e: e.state == "draft").unlink()
            existing = existing.exists()
        vals_list = []
        days_off = self._days_off()
        for internship in self:
            held = existing.filtered(lambda e, i=internship: e.internship_id == i)
            kinds = set(held.mapped("kind"))
            for index, day in enumerate(
                internship._conversation_days(days_off[internship])
            ):
                if held.filtered(lambda e, d=day: e.date.date() == d):
                    continue
                kind = (
                    "first" if index == 0 and "first" not in kinds else "conversation"
                )
                vals_list.append(
                    {
                        "internship_id": internship.id,
                        "kind": kind,
                        "date": datetime.combine(day, CONVERSATION_HOUR),
                        "partner_ids": [
                            (
                                6,
                                0,
                                (
                                    internship.employee_id.work_contact_id
                                    | internship.werkbegeleider_id.work_contact_id
                                ).ids,
                            )
                        ],
                    }
                )
        evaluations = (
            Evaluation.sudo()
            .with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(vals_list)
        )
        evaluations._schedule_due_tasks()
        return evaluations

    def _schedule_forms_check(self):
        """EV-1: the praktijkopleider checks that every required form is
        returned before the first evaluation."""
        activity_type = self.env.ref(FORMS_CHECK_ACTIVITY)
        for internship in self:
            user = internship.praktijkopleider_id.user_id
            if not user or internship.ev1_forms_confirmed:
                continue
            internship.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=user.id,
                date_deadline=internship.date_start + CONVERSATION_INTERVAL,
            )

    def _missing_forms(self):
        """The forms of the onboarding checklist that are not returned yet."""
        self.ensure_one()
        missing = []
        if not self.bpv_signed:
            missing.append(self.env._("the signed BPV agreement"))
        if not self.personal_data_form_returned:
            missing.append(self.env._("the personal data form"))
        if not self.bpv_book_handed:
            missing.append(self.env._("the BPV book"))
        return missing

    def action_confirm_forms(self):
        """EV-1: the praktijkopleider confirms that every required form is
        returned; the first evaluation can then be signed."""
        self._check_workflow_rights()
        for internship in self:
            missing = internship._missing_forms()
            if missing:
                raise UserError(
                    self.env._(
                        "%(name)s: still missing %(forms)s (EV-1).",
                        name=internship.display_name,
                        forms=", ".join(missing),
                    )
                )
        self._set_state({"ev1_forms_confirmed": True})
        self.activity_feedback(
            [FORMS_CHECK_ACTIVITY],
            feedback=self.env._("All required forms are returned (EV-1)."),
        )
        return True

    def _cancel_after_termination(self, date):
        """TM-1: evaluations planned after the termination date go."""
        cancelled = super()._cancel_after_termination(date)
        # sudo: the termination was checked by the wizard.
        planned = (
            self.env["samenwijs.internship.evaluation"]
            .sudo()
            .search(
                [
                    ("internship_id", "in", self.ids),
                    ("state", "=", "draft"),
                    ("date", ">", datetime.combine(date, time.max)),
                ]
            )
        )
        for evaluation in planned:
            cancelled[evaluation.internship_id.with_env(self.env)].append(
                evaluation.display_name
            )
        planned.unlink()
        return cancelled

    # ------------------------------------------------------------------
    # The daily check (WB-P1)
    # ------------------------------------------------------------------
    @api.model
    def _cron_learning_conversations(self):
        """Every day: the tasks of evaluations in the next two weeks, and a
        task for the werkbegeleider of each running internship without a
        held conversation in the last 14 days, escalated to the
        praktijkopleider after the configured days. Running it again the
        same day adds nothing."""
        today = fields.Date.context_today(self)
        Evaluation = self.env["samenwijs.internship.evaluation"]
        Evaluation.search(
            [
                ("state", "=", "draft"),
                ("date", ">=", datetime.combine(today, time.min)),
                ("date", "<=", datetime.combine(today + TASKS_AHEAD, time.max)),
            ]
        )._schedule_due_tasks()
        limit = datetime.combine(today - CONVERSATION_INTERVAL, time.min)
        late = self.search(
            [
                ("state", "=", "running"),
                ("date_start", "<=", today - CONVERSATION_INTERVAL),
                "|",
                ("last_conversation_date", "=", False),
                ("last_conversation_date", "<", limit),
            ]
        )
        activity_type = self.env.ref(NO_CONVERSATION_ACTIVITY)
        for internship in late:
            since = (
                internship.last_conversation_date.date()
                if internship.last_conversation_date
                else internship.date_start
            )
            overdue = (today - since).days - CONVERSATION_INTERVAL.days
            supervisor = internship.werkbegeleider_id.user_id
            if supervisor and not (
                internship.conversation_warning_date
                and internship.conversation_warning_date >= since
            ):
                internship.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=supervisor.id,
                    date_deadline=today,
                    note=Markup("<p>%s</p>") % internship._no_conversation_note(since),
                )
                internship.conversation_warning_date = today
            escalate_after = (
                internship.company_id.samenwijs_conversation_escalation_days
            )
            po = internship.praktijkopleider_id.user_id
            if (
                po
                and overdue >= escalate_after
                and not (
                    internship.conversation_escalation_date
                    and internship.conversation_escalation_date >= since
                )
            ):
                internship.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=po.id,
                    date_deadline=today,
                    note=Markup("<p>%s</p>") % internship._no_conversation_note(since),
                )
                internship.conversation_escalation_date = today
        return late

    def _no_conversation_note(self, since):
        return self.env._(
            "No learning conversation with %(intern)s was held since %(since)s; "
            "plan one: at least every two weeks (WB-P1).",
            intern=self.employee_id.name,
            since=fields.Date.to_string(since),
        )

    def action_view_evaluations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "samenwijs_stage.samenwijs_internship_evaluation_action"
        )
        action["domain"] = [("internship_id", "=", self.id)]
        action["context"] = {"default_internship_id": self.id}
        return action
