from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import format_date

SHIFT_ACTIVITY_TYPE = "samenwijs_stage.mail_activity_type_shift_rule"
# WB-5: the werkbegeleider works at least this share of the signed hours
# alongside the intern.
ALONGSIDE_MINIMUM = 50.0
ALONGSIDE_FIELDS = [
    "alongside_month",
    "alongside_hours_signed",
    "alongside_share",
    "alongside_below_half",
]


class SamenwijsInternship(models.Model):
    """Shifts (WT-1) and working alongside (WB-5).

    WT-1: every week the intern works at least one early and one late shift.
    The weekly schedule warns when it plans no early or no late shift; the
    weekly overview (``samenwijs.internship.week``) flags the full weeks
    worked without one, leave and school holidays excepted; every Monday the
    werkbegeleider gets one task per intern whose last week missed one.

    WB-5: the werkbegeleider works at least half of the intern's hours
    alongside the intern. Judged on the last complete month: a month in
    progress would flag every internship on its first days. A monthly
    scheduled action moves the judgement on to the month just ended; signing
    or reopening hours of that month updates it at once.
    """

    # One file per concern of the model, on purpose (see models/__init__.py).
    _inherit = "samenwijs.internship"  # pylint: disable=consider-merging-classes-inherited

    schedule_shift_warning = fields.Char(
        string="Shift warning",
        compute="_compute_schedule_shift_warning",
        help="The weekly schedule plans no early or no late shift (WT-1).",
    )
    week_ids = fields.One2many(
        "samenwijs.internship.week", "internship_id", string="Weeks"
    )
    shift_violation_count = fields.Integer(
        string="Weeks without early or late shift",
        compute="_compute_shift_violation_count",
    )
    shift_activity_week = fields.Date(
        string="Shift task for week",
        readonly=True,
        copy=False,
        help="The last week for which the werkbegeleider got a task because "
        "the intern worked no early or no late shift (WT-1).",
    )
    alongside_month = fields.Date(
        string="Alongside: month",
        compute="_compute_alongside",
        store=True,
        help="The last complete month, for which the share of hours worked "
        "alongside the werkbegeleider is shown (WB-5).",
    )
    alongside_hours_signed = fields.Float(
        string="Signed hours of the month",
        compute="_compute_alongside",
        store=True,
    )
    alongside_share = fields.Float(
        string="Worked alongside (%)",
        compute="_compute_alongside",
        store=True,
        aggregator="avg",
        help="Share of the intern's signed hours of the last complete month "
        "during which the werkbegeleider worked alongside (WB-5).",
    )
    alongside_below_half = fields.Boolean(
        string="Alongside under 50%",
        compute="_compute_alongside",
        store=True,
        index=True,
        help="In the last complete month the werkbegeleider worked less than "
        "half of the intern's signed hours alongside the intern (WB-5).",
    )

    # ------------------------------------------------------------------
    # WT-1
    # ------------------------------------------------------------------
    @api.depends("schedule_ids.is_early", "schedule_ids.is_late")
    def _compute_schedule_shift_warning(self):
        for internship in self:
            schedule = internship.schedule_ids
            missing = []
            if schedule and not any(schedule.mapped("is_early")):
                missing.append(self.env._("no early shift"))
            if schedule and not any(schedule.mapped("is_late")):
                missing.append(self.env._("no late shift"))
            internship.schedule_shift_warning = (
                self.env._(
                    "The weekly schedule plans %(missing)s: an intern works at "
                    "least one early and one late shift a week (WT-1). Give the "
                    "planned days their times.",
                    missing=self.env._(" and ").join(missing),
                )
                if missing
                else False
            )

    @api.depends(
        "hour_ids.is_early",
        "hour_ids.is_late",
        "hour_ids.date",
        "date_start",
        "date_end",
        "department_id.school_region_used",
    )
    @api.depends_context("tz")
    def _compute_shift_violation_count(self):
        ids = [i for i in self.ids if isinstance(i, int)]
        weeks = self.env["samenwijs.internship.week"].search(
            [("internship_id", "in", ids), ("is_violation", "=", True)]
        )
        counts = {}
        for week in weeks:
            counts[week.internship_id.id] = counts.get(week.internship_id.id, 0) + 1
        for internship in self:
            internship.shift_violation_count = counts.get(internship.id, 0)

    def action_view_weeks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "samenwijs_stage.samenwijs_internship_week_action"
        )
        action["domain"] = [("internship_id", "=", self.id)]
        action["context"] = {}
        return action

    @api.model
    def _cron_shift_rule(self):
        """WT-1, every Monday: one task for the werkbegeleider per running
        internship whose last full week had no early or no late shift.
        Running it again for the same week adds nothing."""
        today = fields.Date.context_today(self)
        week = today - timedelta(days=today.weekday() + 7)
        weeks = self.env["samenwijs.internship.week"].search(
            [
                ("week_start", "=", week),
                ("internship_id.state", "=", "running"),
                "|",
                ("early_count", "=", 0),
                ("late_count", "=", 0),
            ]
        )
        internships = weeks.filtered("is_violation").internship_id.filtered(
            lambda i: i.werkbegeleider_id.user_id
            and (not i.shift_activity_week or i.shift_activity_week < week)
        )
        missing = {w.internship_id: w.violation for w in weeks}
        activity_type = self.env.ref(SHIFT_ACTIVITY_TYPE)
        for internship in internships:
            internship.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=internship.werkbegeleider_id.user_id.id,
                date_deadline=today + timedelta(days=7),
                summary=self.env._(
                    "%(intern)s worked no %(missing)s in the week of %(week)s (WT-1)",
                    intern=internship.employee_id.name,
                    missing=missing[internship],
                    week=format_date(self.env, week),
                ),
            )
        internships.write({"shift_activity_week": week})
        return internships

    # ------------------------------------------------------------------
    # WB-5
    # ------------------------------------------------------------------
    @api.depends(
        "hour_ids.state",
        "hour_ids.hours",
        "hour_ids.date",
        "hour_ids.werkbegeleider_alongside",
    )
    def _compute_alongside(self):
        today = fields.Date.context_today(self)
        last = today.replace(day=1) - timedelta(days=1)
        first = last.replace(day=1)
        ids = [i for i in self.ids if isinstance(i, int)]
        # sudo: the totals of the internships being computed, whoever
        # triggers it.
        totals = {
            (internship.id, alongside): hours
            for internship, alongside, hours in self.env["samenwijs.internship.hour"]
            .sudo()
            ._read_group(
                [
                    ("internship_id", "in", ids),
                    ("state", "=", "approved"),
                    ("date", ">=", first),
                    ("date", "<=", last),
                ],
                ["internship_id", "werkbegeleider_alongside"],
                ["hours:sum"],
            )
        }
        for internship in self:
            alongside = totals.get((internship.id, True), 0.0)
            signed = alongside + totals.get((internship.id, False), 0.0)
            share = 100.0 * alongside / signed if signed else 0.0
            internship.alongside_month = first
            internship.alongside_hours_signed = signed
            internship.alongside_share = share
            internship.alongside_below_half = bool(signed and share < ALONGSIDE_MINIMUM)

    def action_view_alongside_months(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "samenwijs_stage.samenwijs_internship_month_action"
        )
        action["domain"] = [("internship_id", "=", self.id)]
        return action

    @api.model
    def _cron_alongside_month(self):
        """WB-5, on the first of every month: judge the month just ended.
        The same month again changes nothing."""
        today = fields.Date.context_today(self)
        first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        internships = self.search(
            [
                ("state", "in", ("running", "done", "terminated")),
                "|",
                ("state", "=", "running"),
                ("date_end", ">=", first),
                "|",
                ("alongside_month", "=", False),
                ("alongside_month", "!=", first),
            ]
        )
        for name in ALONGSIDE_FIELDS:
            self.env.add_to_compute(self._fields[name], internships)
        internships._recompute_recordset(ALONGSIDE_FIELDS)
        return internships
