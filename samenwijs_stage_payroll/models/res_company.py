from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    samenwijs_allowance_end_on_termination = fields.Boolean(
        string="End the allowance contract on termination",
        help="End the intern's payroll contract as soon as the internship is "
        "terminated, instead of when payroll confirms the stop (PO-9).",
    )
