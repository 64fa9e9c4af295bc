from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    samenwijs_payroll_user_id = fields.Many2one(
        related="company_id.samenwijs_payroll_user_id", readonly=False
    )
    samenwijs_early_shift_before = fields.Float(
        related="company_id.samenwijs_early_shift_before", readonly=False
    )
    samenwijs_late_shift_after = fields.Float(
        related="company_id.samenwijs_late_shift_after", readonly=False
    )
    samenwijs_sick_report_before = fields.Float(
        related="company_id.samenwijs_sick_report_before", readonly=False
    )
    samenwijs_sick_often_count = fields.Integer(
        related="company_id.samenwijs_sick_often_count", readonly=False
    )
    samenwijs_sick_often_months = fields.Integer(
        related="company_id.samenwijs_sick_often_months", readonly=False
    )
    samenwijs_sick_long_days = fields.Integer(
        related="company_id.samenwijs_sick_long_days", readonly=False
    )
    samenwijs_conversation_escalation_days = fields.Integer(
        related="company_id.samenwijs_conversation_escalation_days", readonly=False
    )
    samenwijs_bestuurder_user_id = fields.Many2one(
        related="company_id.samenwijs_bestuurder_user_id", readonly=False
    )
    samenwijs_upload_max_mb = fields.Integer(
        related="company_id.samenwijs_upload_max_mb", readonly=False
    )
    samenwijs_intern_staff_share = fields.Integer(
        related="company_id.samenwijs_intern_staff_share", readonly=False
    )
