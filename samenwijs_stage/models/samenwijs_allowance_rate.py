from odoo import api, fields, models


class SamenwijsAllowanceRate(models.Model):
    """The minimum monthly stagevergoeding of the CAO Kinderopvang (AL-1),
    as dated configuration: a new CAO is a new record, not a code change."""

    _name = "samenwijs.allowance.rate"
    _description = "Internship allowance rate"
    _order = "date_from desc, id desc"
    _rec_name = "date_from"

    date_from = fields.Date(
        string="Valid from",
        required=True,
        help="The rate applies to internships that start on or after this date, "
        "until the next rate.",
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.ref("base.EUR"),
        help="The CAO Kinderopvang sets its rates in euros.",
    )
    amount_day = fields.Monetary(
        string="Per day a week",
        required=True,
        help="Minimum monthly allowance for each full internship day a week.",
    )
    amount_half_day = fields.Monetary(
        string="Per half day a week",
        required=True,
        help="Minimum monthly allowance for an internship day of fewer than "
        "5 hours a week.",
    )
    amount_cap = fields.Monetary(
        string="Monthly maximum",
        required=True,
        help="The CAO minimum never exceeds this monthly amount.",
    )
    note = fields.Char(help="Source of the rate, e.g. the CAO Kinderopvang article.")

    _date_from_unique = models.Constraint(
        "unique (date_from)", "There is already an allowance rate from this date."
    )
    _amounts_positive = models.Constraint(
        "CHECK (amount_day >= 0 AND amount_half_day >= 0 AND amount_cap >= 0)",
        "Allowance rates cannot be negative.",
    )

    @api.model
    def _rate_at(self, date):
        """The rate valid on ``date``: the latest one that starts on or
        before it (an empty recordset before the first rate)."""
        return self.search([("date_from", "<=", date)], limit=1)

    def _monthly_minimum(self, full_days, half_days):
        """AL-1: the monthly minimum for ``full_days`` days and ``half_days``
        half days a week, capped."""
        self.ensure_one()
        amount = full_days * self.amount_day + half_days * self.amount_half_day
        return min(amount, self.amount_cap)
