from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestGroups(TransactionCase):
    """The six roles of the internship module and how they imply each other."""

    def test_role_chain_admin_po_manager_werkbegeleider_intern(self):
        ref = self.env.ref
        admin = ref("samenwijs_stage.group_admin")
        implied = admin.all_implied_ids
        for xmlid in (
            "samenwijs_stage.group_praktijkopleider",
            "samenwijs_stage.group_manager",
            "samenwijs_stage.group_werkbegeleider",
            "samenwijs_stage.group_intern",
            "samenwijs_stage.group_payroll",
        ):
            self.assertIn(ref(xmlid), implied, xmlid)
        po_implied = ref("samenwijs_stage.group_praktijkopleider").all_implied_ids
        self.assertIn(ref("samenwijs_stage.group_manager"), po_implied)
        self.assertNotIn(admin, po_implied)
        # Payroll sees allowances only: it is not part of the supervision chain.
        payroll_implied = ref("samenwijs_stage.group_payroll").all_implied_ids
        self.assertNotIn(ref("samenwijs_stage.group_intern"), payroll_implied)

    def test_groups_share_the_internships_privilege(self):
        privilege = self.env.ref("samenwijs_stage.res_groups_privilege_stage")
        self.assertEqual(
            privilege.category_id, self.env.ref("base.module_category_human_resources")
        )
        self.assertEqual(
            set(privilege.group_ids.mapped(lambda g: g.get_external_id()[g.id])),
            {
                "samenwijs_stage.group_intern",
                "samenwijs_stage.group_werkbegeleider",
                "samenwijs_stage.group_manager",
                "samenwijs_stage.group_praktijkopleider",
                "samenwijs_stage.group_admin",
            },
        )

    def test_app_menu_visible_to_roles_only(self):
        menu = self.env.ref("samenwijs_stage.samenwijs_stage_menu_root")
        intern = new_test_user(
            self.env, "smoke_intern", groups="samenwijs_stage.group_intern"
        )
        payroll = new_test_user(
            self.env, "smoke_payroll", groups="samenwijs_stage.group_payroll"
        )
        employee = new_test_user(self.env, "smoke_employee", groups="base.group_user")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(intern)._visible_menu_ids())
        self.assertIn(menu.id, Menu.with_user(payroll)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(employee)._visible_menu_ids())
