from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from .value_checks import (
    DATE_FIRST,
    DATE_LAST,
    STUDY_YEAR_LAST,
    check_values,
    check_values_list,
)


class SamenwijsInternship(models.Model):
    """Sane values: the period, the study year and the dates of the
    checklist fall within a sane range, and the period ends after it starts.
    Bad input is refused with a sentence that says what is wrong, before
    anything is stored."""

    # One file per concern of the model, on purpose (see models/__init__.py).
    _inherit = "samenwijs.internship"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _value_bounds(self):
        """The sane range of each date and number a user enters, by field:
        (lowest, highest), both included. Each concern adds its own through
        ``super()``."""
        return {
            "date_start": (DATE_FIRST, DATE_LAST),
            "date_end": (DATE_FIRST, DATE_LAST),
            "study_year": (1, STUDY_YEAR_LAST),
        }

    @api.constrains(lambda self: tuple(self._value_bounds()))
    def _check_value_bounds(self):
        bounds = self._value_bounds()
        for internship in self:
            # sudo: the values are only compared with their bounds; the write
            # or create itself passed the access checks.
            record = internship.sudo()
            check_values(self, {name: record[name] for name in bounds}, bounds)

    @api.constrains("date_start", "date_end")
    def _check_dates_ordered(self):
        for internship in self:
            internship._check_date_order(internship.date_start, internship.date_end)

    def _check_date_order(self, start, end):
        start, end = fields.Date.to_date(start), fields.Date.to_date(end)
        if start and end and end < start:
            raise ValidationError(
                self.env._(
                    "The end date of an internship (%(end)s) cannot be before its "
                    "start date (%(start)s).",
                    end=format_date(self.env, end),
                    start=format_date(self.env, start),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        check_values_list(self, vals_list, self._value_bounds())
        for vals in vals_list:
            self._check_date_order(vals.get("date_start"), vals.get("date_end"))
        return super().create(vals_list)

    def write(self, vals):
        check_values(self, vals, self._value_bounds())
        if {"date_start", "date_end"} & vals.keys():
            for internship in self:
                internship._check_date_order(
                    vals.get("date_start", internship.date_start),
                    vals.get("date_end", internship.date_end),
                )
        return super().write(vals)
