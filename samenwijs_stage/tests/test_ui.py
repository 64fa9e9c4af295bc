from odoo.tests import HttpCase, tagged

from .common import SamenwijsCase


@tagged("post_install", "-at_install")
class TestInternshipTour(SamenwijsCase, HttpCase):
    """The praktijkopleider's daily path through the web client, in a real
    browser: the fixture organisation, not the demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_tessa = cls.env["hr.employee"].create(
            {
                "name": "Tessa Tour",
                "department_id": cls.linde.id,
                "employee_type": "trainee",
            }
        )
        cls.application = cls.create_internship(employee=cls.emp_tessa)
        cls.application.action_apply()

    def test_po2_praktijkopleider_places_an_application(self):
        """PO-2: the praktijkopleider opens the application from the kanban
        board and places it; the form and the board show the new state."""
        self.start_tour(
            "/odoo", "samenwijs_internship_place_tour", login=self.user_po.login
        )
        self.env.invalidate_all()
        self.assertEqual(self.application.state, "placed")
        self.assertTrue(
            self.application.activity_ids.filtered(lambda a: a.user_id == self.user_po),
            "Placing plans the praktijkopleider's onboarding tasks.",
        )
