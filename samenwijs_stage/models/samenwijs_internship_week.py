from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from .samenwijs_internship_hour_holiday import school_holiday_dates


class SamenwijsInternshipWeek(models.Model):
    """WT-1, WB-5: the hours of an internship per ISO week, read from the
    hour lines (a database view: nothing is written here).

    A full week of the internship needs at least one early and one late
    shift among its registered hours (WT-1), unless the intern had leave
    that week or it falls in the school holidays of the location's region.
    The week shows too how many of the signed hours the werkbegeleider worked
    alongside the intern (WB-5)."""

    _name = "samenwijs.internship.week"
    _description = "Internship week"
    _auto = False
    _order = "week_start desc, internship_id"
    _rec_name = "week_start"

    internship_id = fields.Many2one("samenwijs.internship", readonly=True)
    employee_id = fields.Many2one("hr.employee", string="Intern", readonly=True)
    werkbegeleider_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", string="Location", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    week_start = fields.Date(string="Week of", readonly=True)
    hours = fields.Float(readonly=True)
    hours_signed = fields.Float(string="Signed hours", readonly=True)
    hours_alongside = fields.Float(
        string="Signed hours with werkbegeleider",
        readonly=True,
        help="Signed hours during which the werkbegeleider worked alongside "
        "the intern (WB-5).",
    )
    early_count = fields.Integer(string="Early shifts", readonly=True)
    late_count = fields.Integer(string="Late shifts", readonly=True)
    line_count = fields.Integer(string="Lines", readonly=True)
    is_full_week = fields.Boolean(
        compute="_compute_wt1",
        help="The whole week lies within the internship and is over.",
    )
    is_exempt = fields.Boolean(
        string="Exempt",
        compute="_compute_wt1",
        help="Leave or school holidays that week: no early and late shift needed.",
    )
    exemption = fields.Char(compute="_compute_wt1")
    is_violation = fields.Boolean(
        string="Shift rule not met",
        compute="_compute_wt1",
        search="_search_is_violation",
        help="A full week without an early or without a late shift, and no "
        "leave or school holidays (WT-1).",
    )
    violation = fields.Char(string="Missing", compute="_compute_wt1")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT MIN(h.id) AS id,
                   h.internship_id,
                   i.employee_id,
                   i.werkbegeleider_id,
                   i.department_id,
                   i.company_id,
                   date_trunc('week', h.date)::date AS week_start,
                   SUM(h.hours) AS hours,
                   SUM(h.hours) FILTER (WHERE h.state = 'approved') AS hours_signed,
                   COALESCE(SUM(h.hours) FILTER (
                       WHERE h.state = 'approved' AND h.werkbegeleider_alongside
                   ), 0) AS hours_alongside,
                   COUNT(*) FILTER (WHERE h.is_early) AS early_count,
                   COUNT(*) FILTER (WHERE h.is_late) AS late_count,
                   COUNT(*) AS line_count
              FROM samenwijs_internship_hour h
              JOIN samenwijs_internship i ON i.id = h.internship_id
          GROUP BY h.internship_id, i.employee_id, i.werkbegeleider_id,
                   i.department_id, i.company_id, date_trunc('week', h.date)
            """
        )

    @api.model
    def _search(self, domain, *args, **kwargs):
        """The view sums the hour lines: their pending changes are written
        first, and what was read of the weeks before is read again."""
        self.env["samenwijs.internship.hour"].flush_model()
        self.env["samenwijs.internship"].flush_model(
            ["employee_id", "werkbegeleider_id", "department_id", "company_id"]
        )
        self.invalidate_model()
        return super()._search(domain, *args, **kwargs)

    # ------------------------------------------------------------------
    # WT-1
    # ------------------------------------------------------------------
    @api.depends(
        "week_start",
        "early_count",
        "late_count",
        "internship_id.date_start",
        "internship_id.date_end",
        "internship_id.termination_date",
        "department_id.school_region_used",
    )
    @api.depends_context("tz")
    def _compute_wt1(self):
        today = fields.Date.context_today(self)
        exemptions = self._wt1_exemptions()
        for week in self:
            # sudo: the period of the internship the user reads the week of.
            internship = week.internship_id.sudo()
            week_end = week.week_start + timedelta(days=6)
            end = internship.termination_date or internship.date_end
            week.is_full_week = bool(
                week_end < today
                and internship.date_start
                and internship.date_start <= week.week_start
                and (not end or week_end <= end)
            )
            week.exemption = exemptions.get(week.id, False)
            week.is_exempt = bool(week.exemption)
            missing = []
            if not week.early_count:
                missing.append(self.env._("early shift"))
            if not week.late_count:
                missing.append(self.env._("late shift"))
            week.is_violation = bool(
                week.is_full_week and not week.is_exempt and missing
            )
            week.violation = ", ".join(missing) if week.is_violation else False

    def _wt1_exemptions(self):
        """Why each week needs no early and late shift: leave of the intern
        (validated time off overlapping the week, one query) or school
        holidays of the location's region on a weekday of the week."""
        result = {}
        weeks = self.filtered("week_start")
        if not weeks:
            return result
        first = min(weeks.mapped("week_start"))
        last = max(weeks.mapped("week_start")) + timedelta(days=7)
        # sudo: only whether the intern had approved leave that week is used,
        # never what kind or why.
        leaves = (
            self.env["hr.leave"]
            .sudo()
            .search_fetch(
                [
                    ("employee_id", "in", weeks.employee_id.ids),
                    ("state", "=", "validate"),
                    ("date_from", "<", fields.Datetime.to_datetime(last)),
                    ("date_to", ">=", fields.Datetime.to_datetime(first)),
                ],
                ["employee_id", "date_from", "date_to"],
            )
        )
        by_employee = {}
        for leave in leaves:
            by_employee.setdefault(leave.employee_id.id, []).append(
                (leave.date_from.date(), leave.date_to.date())
            )
        cache = {}
        for week in weeks:
            start = week.week_start
            end = start + timedelta(days=6)
            if any(
                date_from <= end and date_to >= start
                for date_from, date_to in by_employee.get(week.employee_id.id, ())
            ):
                result[week.id] = self.env._("Leave")
                continue
            # sudo: the region of the location decides the holidays.
            region = week.department_id.sudo().school_region_used
            if region:
                weekdays = {start + timedelta(days=n) for n in range(5)}
                dates = school_holiday_dates(cache, region, start.year)
                dates = dates | school_holiday_dates(cache, region, end.year)
                if weekdays & dates:
                    result[week.id] = self.env._("School holidays")
        return result

    def _search_is_violation(self, operator, value):
        if operator != "in":
            return NotImplemented
        # Only full weeks without an early or a late shift can be violations;
        # the exemptions are read for those.
        candidates = self.search([("early_count", "=", 0)]) | self.search(
            [("late_count", "=", 0)]
        )
        ids = candidates.filtered("is_violation").ids
        if True in value and False in value:
            return []
        return [("id", "in" if True in value else "not in", ids)]
