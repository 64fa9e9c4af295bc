from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    samenwijs_payroll_user_id = fields.Many2one(
        "res.users",
        string="Internship payroll contact",
        domain="[('share', '=', False)]",
        help="Receives the 'Stop internship allowance' tasks (PO-9). Empty: "
        "every member of the Payroll administration group of Internships.",
    )
