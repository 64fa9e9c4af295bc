from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .value_checks import DATE_FIRST, DATE_LAST, check_exists, check_values

# No monthly allowance rate of the CAO comes near this amount.
RATE_AMOUNT_LAST = 10000.0
AMOUNT_FIELDS = ("amount_day", "amount_half_day", "amount_cap")


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

    @api.constrains("date_from", *AMOUNT_FIELDS)
    def _check_value_bounds(self):
        bounds = self._value_bounds()
        for rate in self:
            check_values(self, {name: rate[name] for name in bounds}, bounds)

    @api.model
    def _value_bounds(self):
        bounds = dict.fromkeys(AMOUNT_FIELDS, (0.0, RATE_AMOUNT_LAST))
        bounds["date_from"] = (DATE_FIRST, DATE_LAST)
        return bounds

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_values(self, vals, self._value_bounds())
            self._check_date_from_free(vals)
        return super().create(vals_list)

    def write(self, vals):
        check_exists(self)
        check_values(self, vals, self._value_bounds())
        self._check_date_from_free(vals)
        return super().write(vals)

    def _check_date_from_free(self, vals):
        """Say that the date is taken, before the database refuses it."""
        date_from = vals.get("date_from")
        if date_from and self.search_count(
            [("date_from", "=", date_from), ("id", "not in", self.ids)], limit=1
        ):
            raise ValidationError(
                self.env._("There is already an allowance rate from this date.")
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
