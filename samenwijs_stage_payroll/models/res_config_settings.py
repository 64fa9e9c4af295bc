from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    samenwijs_allowance_end_on_termination = fields.Boolean(
        related="company_id.samenwijs_allowance_end_on_termination", readonly=False
    )
