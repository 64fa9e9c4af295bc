from odoo import api, models

from .value_checks import check_exists, check_values_list


class SamenwijsValueMixin(models.AbstractModel):
    """Sane values for the configuration models: what cannot be stored is
    refused with a sentence before anything is written (see
    ``value_checks``), and records that no longer exist are said to be gone
    instead of being skipped. A model adds its own ranges in
    ``_value_bounds``."""

    _name = "samenwijs.value.mixin"
    _description = "Sane values"

    @api.model
    def _value_bounds(self):
        """(lowest, highest) by field name, both included."""
        return {}

    @api.model_create_multi
    def create(self, vals_list):
        check_values_list(self, vals_list, self._value_bounds())
        return super().create(vals_list)

    def write(self, vals):
        check_exists(self)
        check_values_list(self, [vals], self._value_bounds())
        return super().write(vals)

    def unlink(self):
        check_exists(self)
        return super().unlink()
