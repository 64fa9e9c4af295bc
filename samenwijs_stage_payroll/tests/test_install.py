from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_bridge_installs_with_payroll(self):
        Module = self.env["ir.module.module"]
        bridge = Module.search([("name", "=", "samenwijs_stage_payroll")])
        self.assertEqual(bridge.state, "installed")
        self.assertTrue(bridge.auto_install)
        self.assertEqual(
            set(bridge.dependencies_id.mapped("name")), {"samenwijs_stage", "payroll"}
        )
        self.assertIn("hr.payslip", self.env)
