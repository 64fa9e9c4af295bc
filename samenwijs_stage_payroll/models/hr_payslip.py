from datetime import datetime, time

from odoo import api, fields, models

# VOG-3: the payslip input that carries the VOG reimbursement.
VOG_INPUT_CODE = "VOG"


class HrPayslip(models.Model):
    _inherit = "hr.payslip"

    def _samenwijs_is_internship_contract(self, contract):
        structure = self.env.ref(
            "samenwijs_stage_payroll.hr_payroll_structure_stagiair",
            raise_if_not_found=False,
        )
        return bool(structure) and contract.struct_id == structure

    def _samenwijs_until_contract_end(self, contract, day_to):
        """OCA payroll counts the working days of a contract from its start
        but up to the end of the period, also when the contract ends within
        it. For an intern the allowance stops with the contract: count up
        to its end."""
        # sudo: the contract end is read to bound the period, nothing else.
        end = contract.sudo().contract_date_end
        if end and self._samenwijs_is_internship_contract(contract):
            return min(day_to, datetime.combine(end, time.max))
        return day_to

    def _compute_worked_days(self, contract, day_from, day_to):
        return super()._compute_worked_days(
            contract, day_from, self._samenwijs_until_contract_end(contract, day_to)
        )

    def _compute_leave_days(self, contract, day_from, day_to):
        return super()._compute_leave_days(
            contract, day_from, self._samenwijs_until_contract_end(contract, day_to)
        )

    def get_current_contract_dict(self, contract, contracts):
        """Offer the salary rules ``current_contract.period_work_days``: the
        working days of the whole period on the contract's calendar, the
        basis of the pro rata allowance of interns."""
        res = super().get_current_contract_dict(contract, contracts)
        calendar = contract.resource_calendar_id
        if calendar and self._samenwijs_is_internship_contract(contract):
            employee = contract.employee_id
            data = employee._get_work_days_data_batch(
                datetime.combine(self.date_from, time.min),
                datetime.combine(self.date_to, time.max),
                calendar=calendar,
                compute_leaves=False,
            )
            res["period_work_days"] = data[employee.id]["days"]
        return res

    @api.model
    def get_inputs(self, contracts, date_from, date_to):
        """VOG-3: the VOG reimbursement reaches the first payslip of the
        internship, the one whose period holds its start date."""
        res = super().get_inputs(contracts, date_from, date_to)
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        for line in res:
            if line.get("code") != VOG_INPUT_CODE:
                continue
            contract = self.env["hr.version"].browse(line["contract_id"])
            line["amount"] = self._samenwijs_vog_reimbursement(
                contract, date_from, date_to
            )
        return res

    @api.model
    def _samenwijs_vog_reimbursement(self, contract, date_from, date_to):
        if not (date_from and date_to):
            return 0.0
        # sudo: payroll reads the reimbursement on the intern's allowance
        # records; only the amount is used.
        allowances = (
            self.env["samenwijs.allowance"]
            .sudo()
            .search(
                [
                    ("employee_id", "=", contract.employee_id.id),
                    ("vog_reimbursed", "=", True),
                    ("date_start", ">=", date_from),
                    ("date_start", "<=", date_to),
                ]
            )
        )
        return sum(allowances.mapped("vog_reimbursement_amount"))
