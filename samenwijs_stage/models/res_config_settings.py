from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    samenwijs_payroll_user_id = fields.Many2one(
        related="company_id.samenwijs_payroll_user_id", readonly=False
    )
