from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.addons.samenwijs_stage.tests.common import SamenwijsCase
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

START = date(2025, 2, 3)  # a Monday
END = date(2025, 12, 19)
STOP = date(2025, 5, 16)  # a Friday: 12 of the 22 working days of May
ALLOWANCE = 120.0  # Monday and Tuesday, 8 hours each (AL-1)


@tagged("post_install", "-at_install")
class TestPayrollSecurity(SamenwijsCase):
    """PO-9: a payroll officer of OCA payroll is the payroll administration
    of the internships: they read the allowances, confirm their stop and
    compute and confirm the payslips that pay them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_payroll_officer = new_test_user(
            cls.env,
            login="t_payroll_officer",
            name="Paula Salaris",
            groups="base.group_user,payroll.group_payroll_user",
        )
        cls.stage = cls.create_internship(date_start=START, date_end=END).with_user(
            cls.user_po
        )

    def test_po9_payroll_officer_has_the_allowance_role(self):
        officer = self.user_payroll_officer
        self.assertTrue(officer.has_group("samenwijs_stage.group_payroll"))
        self.assertIn(
            officer, self.env.ref("samenwijs_stage.group_payroll").all_user_ids
        )
        self.assertFalse(officer.has_group("samenwijs_stage.group_praktijkopleider"))

    def test_po9_payroll_officer_stops_the_allowance_and_pays_up_to_the_stop(self):
        self.stage.action_apply()
        self.stage.action_place()
        self.complete_legal_checks(self.stage)
        self.stage.action_start()
        reason = self.env.ref("samenwijs_stage.samenwijs_termination_reason_mutual")
        self.env["samenwijs.internship.terminate"].with_user(self.user_po).create(
            {"internship_id": self.stage.id, "date": STOP, "reason_id": reason.id}
        ).action_terminate()

        # PO-9: the payroll officer works on the allowance record, not on
        # the internship.
        allowance = self.stage.sudo().allowance_id.with_user(self.user_payroll_officer)
        stop_type = self.env.ref("samenwijs_stage.mail_activity_type_allowance_stop")
        tasks = allowance.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == stop_type
        )
        self.assertIn(self.user_payroll_officer, tasks.user_id)
        self.assertNotIn(self.user_admin, tasks.user_id)
        self.assertEqual(allowance.amount, ALLOWANCE)
        self.assertEqual(allowance.state, "stop_requested")
        self.assertEqual(allowance.stop_date, STOP)
        with self.assertRaises(AccessError):
            self.stage.with_user(self.user_payroll_officer).read(["name"])
        allowance.action_confirm_stop()
        self.assertEqual(allowance.state, "stopped")
        self.assertEqual(self.stage.allowance_state, "stopped")
        self.assertEqual(allowance.payroll_version_id.contract_date_end, STOP)

        Payslip = self.env["hr.payslip"].with_user(self.user_payroll_officer)
        may = Payslip.create(
            {
                "employee_id": self.emp_intern.id,
                "date_from": date(2025, 5, 1),
                "date_to": date(2025, 5, 1) + relativedelta(months=1, days=-1),
            }
        )
        may.onchange_employee()
        may.compute_sheet()
        self.assertEqual(may.contract_id, allowance.payroll_version_id)
        self.assertAlmostEqual(
            may.get_salary_line_total("STAGENET"), round(ALLOWANCE * 12 / 22, 2)
        )
        may.action_payslip_done()
        self.assertEqual(may.state, "done")

    def test_po9_payroll_officer_sees_no_payslips_of_other_departments(self):
        """Interns only: OCA payroll's own limits hold for other employees."""
        Payslip = self.env["hr.payslip"].with_user(self.user_payroll_officer)
        with self.assertRaises(AccessError):
            Payslip.create(
                {
                    "employee_id": self.emp_wb.id,
                    "date_from": date(2025, 5, 1),
                    "date_to": date(2025, 5, 31),
                }
            )
