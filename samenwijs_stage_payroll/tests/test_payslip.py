from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.addons.samenwijs_stage.tests.common import SamenwijsCase
from odoo.tests import tagged

START = date(2025, 2, 3)  # a Monday
END = date(2025, 12, 19)
STOP = date(2025, 5, 16)  # a Friday: 12 of the 22 working days of May
ALLOWANCE = 120.0  # Monday and Tuesday, 8 hours each (AL-1)


@tagged("post_install", "-at_install")
class TestPayslip(SamenwijsCase):
    """PO-9, AL-1, VOG-3: OCA payroll pays the allowance through the
    intern's contract and stops it with the contract's end."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.structure = cls.env.ref(
            "samenwijs_stage_payroll.hr_payroll_structure_stagiair"
        )
        cls.reason = cls.env.ref("samenwijs_stage.samenwijs_termination_reason_mutual")
        cls.stage = cls.create_internship(date_start=START, date_end=END).with_user(
            cls.user_po
        )

    def place_and_start(self):
        self.stage.action_apply()
        self.stage.action_place()
        self.complete_legal_checks(self.stage)
        self.stage.action_start()

    def terminate(self):
        self.env["samenwijs.internship.terminate"].with_user(self.user_po).create(
            {"internship_id": self.stage.id, "date": STOP, "reason_id": self.reason.id}
        ).action_terminate()

    def payslip(self, first_day):
        payslip = self.env["hr.payslip"].create(
            {
                "employee_id": self.emp_intern.id,
                "date_from": first_day,
                "date_to": first_day + relativedelta(months=1, days=-1),
            }
        )
        payslip.onchange_employee()
        payslip.compute_sheet()
        return payslip

    def test_al1_placing_prepares_and_starting_activates_the_contract(self):
        self.stage.action_apply()
        self.stage.action_place()
        version = self.stage.sudo().payroll_version_id
        self.assertTrue(version)
        self.assertEqual(version.employee_id, self.emp_intern)
        self.assertEqual(
            version.contract_type_id, self.env.ref("hr.contract_type_intern")
        )
        self.assertEqual(version.wage, ALLOWANCE)
        self.assertEqual(version.struct_id, self.structure)
        self.assertFalse(version.contract_date_start, "not a contract before the start")
        self.complete_legal_checks(self.stage)
        self.stage.action_start()
        self.assertEqual(version.date_version, START)
        self.assertEqual(version.contract_date_start, START)
        self.assertEqual(version.contract_date_end, END)
        # A higher allowance is the new wage.
        self.stage.allowance_amount = 150
        self.assertEqual(version.wage, 150)

    def test_po9_payslips_before_during_and_after_the_stop(self):
        self.place_and_start()
        self.terminate()
        version = self.stage.sudo().payroll_version_id
        self.assertEqual(version.contract_date_end, END, "payroll has not confirmed")
        self.stage.sudo().allowance_id.with_user(
            self.user_payroll
        ).action_confirm_stop()
        self.assertEqual(version.contract_date_end, STOP)

        april = self.payslip(date(2025, 4, 1))
        self.assertEqual(april.contract_id, version)
        self.assertEqual(april.struct_id, self.structure)
        self.assertEqual(april.get_salary_line_total("STAGEVERG"), ALLOWANCE)

        may = self.payslip(date(2025, 5, 1))
        work100 = may.worked_days_line_ids.filtered(lambda w: w.code == "WORK100")
        self.assertEqual(work100.number_of_days, 12)
        self.assertAlmostEqual(
            may.get_salary_line_total("STAGEVERG"), round(ALLOWANCE * 12 / 22, 2)
        )
        self.assertAlmostEqual(
            may.get_salary_line_total("STAGENET"), round(ALLOWANCE * 12 / 22, 2)
        )

        june = self.payslip(date(2025, 6, 1))
        self.assertFalse(june.contract_id)
        self.assertFalse(june.line_ids)
        self.assertEqual(june.get_salary_line_total("STAGEVERG"), 0)

    def test_po9_contract_ends_on_termination_when_payroll_prefers(self):
        self.company.samenwijs_allowance_end_on_termination = True
        self.place_and_start()
        self.terminate()
        version = self.stage.sudo().payroll_version_id
        self.assertEqual(version.contract_date_end, STOP)
        self.assertEqual(self.stage.allowance_state, "stop_requested")
        self.stage.sudo().allowance_id.with_user(
            self.user_payroll
        ).action_confirm_stop()
        self.assertEqual(version.contract_date_end, STOP)
        self.assertFalse(self.payslip(date(2025, 6, 1)).line_ids)

    def test_vog3_reimbursement_on_the_first_payslip(self):
        self.stage.write({"vog_reimbursed": True, "vog_reimbursement_amount": 41.35})
        self.place_and_start()
        february = self.payslip(date(2025, 2, 1))
        vog_input = february.input_line_ids.filtered(lambda i: i.code == "VOG")
        self.assertEqual(vog_input.amount, 41.35)
        self.assertEqual(february.get_salary_line_total("VOGVERG"), 41.35)
        # Started on the first Monday: all working days of February.
        self.assertEqual(february.get_salary_line_total("STAGEVERG"), ALLOWANCE)
        self.assertEqual(february.get_salary_line_total("STAGENET"), ALLOWANCE + 41.35)
        march = self.payslip(date(2025, 3, 1))
        self.assertFalse(march.line_ids.filtered(lambda line: line.code == "VOGVERG"))
        self.assertEqual(march.get_salary_line_total("STAGENET"), ALLOWANCE)
