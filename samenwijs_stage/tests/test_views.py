from odoo.tests import Form, tagged

from .common import SamenwijsCase


@tagged("post_install", "-at_install")
class TestFormsPerRole(SamenwijsCase):
    """Every role opens the screens it needs with the fields it may read."""

    def test_every_role_opens_the_internship_form(self):
        self.internship.with_user(self.user_po).action_place()
        for user in (
            self.user_intern,
            self.user_wb,
            self.user_manager,
            self.user_po,
            self.user_admin,
        ):
            with self.subTest(user=user.login):
                form = Form(self.internship.with_user(user))
                self.assertEqual(form.werkbegeleider_id, self.emp_wb)
                self.assertEqual(form.state, "placed")

    def test_po9_payroll_opens_the_allowance_form_not_the_internship(self):
        self.internship.with_user(self.user_po).action_place()
        allowance = self.internship.sudo().allowance_id
        for user in (self.user_payroll, self.user_po, self.user_admin):
            with self.subTest(user=user.login):
                form = Form(allowance.with_user(user))
                self.assertEqual(form.employee_id, self.emp_intern)
                self.assertEqual(form.amount, 120)
                self.assertEqual(form.state, "active")

    def test_po_chooses_among_fitting_werkbegeleiders(self):
        form = Form(self.internship.with_user(self.user_po))
        self.assertIn(self.emp_wb, form.allowed_werkbegeleider_ids)
        self.assertNotIn(self.emp_wb2, form.allowed_werkbegeleider_ids)

    def test_po_opens_the_werkbegeleider_overview(self):
        action = self.env.ref("samenwijs_stage.hr_employee_action_werkbegeleider")
        view = self.env.ref("samenwijs_stage.hr_employee_view_list_werkbegeleider")
        Employee = self.env["hr.employee"].with_user(self.user_po)
        arch = Employee.get_views([(view.id, "list")])["views"]["list"]["arch"]
        names = [
            name
            for name in Employee._fields
            if f'name="{name}"' in arch and name in Employee._fields
        ]
        rows = Employee.search_read(eval(action.domain), names)
        by_name = {row["name"]: row for row in rows}
        self.assertTrue(by_name["Wendy Bakker"]["werkbegeleider_eligible"])
        self.assertEqual(
            by_name["Wendy Bakker"]["samenwijs_location_id"][0], self.linde.id
        )
        form_view = self.env.ref("samenwijs_stage.hr_employee_view_form_werkbegeleider")
        form = Form(self.emp_wb.with_user(self.user_po), view=form_view)
        self.assertTrue(form.werkbegeleider_eligible)
        self.assertEqual(form.werkbegeleider_intervision_count, 2)
        self.assertIn(
            self.linde,
            Employee.search(
                [("samenwijs_location_id", "child_of", self.region.id)]
            ).samenwijs_location_id,
        )
