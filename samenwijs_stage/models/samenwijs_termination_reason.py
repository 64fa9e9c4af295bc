from odoo import api, fields, models

from .value_checks import check_exists, check_values


class SamenwijsTerminationReason(models.Model):
    """Why an internship ended early (TM-1); a configurable list."""

    _name = "samenwijs.termination.reason"
    _description = "Termination reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_values(self, vals)
        return super().create(vals_list)

    def write(self, vals):
        check_exists(self)
        check_values(self, vals)
        return super().write(vals)

    def unlink(self):
        check_exists(self)
        return super().unlink()
