from odoo import fields, models


class SamenwijsAllowance(models.Model):
    _inherit = "samenwijs.allowance"

    payroll_version_id = fields.Many2one(
        "hr.version",
        string="Payroll contract",
        copy=False,
        readonly=True,
        index="btree_not_null",
        groups="hr.group_hr_user,payroll.group_payroll_user",
        help="The intern's contract (employee version) through which payroll "
        "pays the allowance: prepared when the internship is placed, in force "
        "from the start, ended on the last allowance day.",
    )

    def _on_stop_confirmed(self):
        """PO-9: the confirmed stop ends the intern's payroll contract on
        the last allowance day, so that no later payslip pays it."""
        res = super()._on_stop_confirmed()
        # sudo: the stop was confirmed by payroll after the checks of
        # action_confirm_stop; the contract end follows the last allowance
        # day of these allowances' internships.
        self.sudo().internship_id._end_payroll_version()
        return res
