from odoo import fields, models


class SamenwijsTerminationReason(models.Model):
    """Why an internship ended early (TM-1); a configurable list."""

    _name = "samenwijs.termination.reason"
    _inherit = ["samenwijs.value.mixin"]
    _description = "Termination reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
