from datetime import datetime

from odoo.tests import tagged

from .common import SamenwijsCase


@tagged("post_install", "-at_install")
class TestIntervisionSession(SamenwijsCase):
    """PO-3: intervision sessions belong to the region of their organiser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Ten regions, each with its own praktijkopleider.
        Employee = cls.env["hr.employee"]
        cls.extra_pos = Employee.create(
            [
                {"name": f"Praktijkopleider {index}", "is_praktijkopleider": True}
                for index in range(10)
            ]
        )
        cls.extra_regions = cls.env["hr.department"].create(
            [
                {"name": f"Regio {index}", "praktijkopleider_own_id": po.id}
                for index, po in enumerate(cls.extra_pos)
            ]
        )

    def create_sessions(self, organisers):
        return self.env["samenwijs.intervision.session"].create(
            [
                {
                    "name": f"Intervisie {organiser.name}",
                    "date": datetime(self.today.year, 9, 1, 19, 0),
                    "organiser_id": organiser.id,
                }
                for organiser in organisers
            ]
        )

    def region_compute_queries(self, sessions):
        """Queries spent computing the region of the sessions."""
        field = sessions._fields["region_id"]
        self.env.invalidate_all()
        sessions.mapped("organiser_id")  # known before the region is computed
        with self.env.protecting([field], sessions):
            count = self.cr.sql_log_count
            sessions._compute_region_id()
            return self.cr.sql_log_count - count

    def test_po3_session_region_follows_organiser(self):
        session = self.create_sessions(self.emp_po)
        self.assertEqual(session.region_id, self.region)
        session.organiser_id = self.emp_po2
        self.assertEqual(session.region_id, self.region2)
        session.organiser_id = self.extra_pos[3]
        self.assertEqual(session.region_id, self.extra_regions[3])
        # A praktijkopleider who heads no region: the session has no region.
        session.organiser_id = self.create_werkbegeleider(
            "Wendy Zonder Regio", None, self.linde, is_praktijkopleider=True
        )
        self.assertFalse(session.region_id)

    def test_po3_region_compute_costs_the_same_for_1_and_10_sessions(self):
        one = self.create_sessions(self.extra_pos[0])
        ten = self.create_sessions(self.extra_pos)
        queries_one = self.region_compute_queries(one)
        queries_ten = self.region_compute_queries(ten)
        self.assertEqual(queries_one, queries_ten)
        self.assertLessEqual(queries_ten, 2)
        for session, region in zip(ten, self.extra_regions, strict=True):
            self.assertEqual(session.region_id, region)

    def test_po3_session_actions_return_true(self):
        """Buttons called over the API return a value that can be sent back."""
        session = self.intervision[0].with_user(self.user_po)
        self.assertIs(session.action_cancel(), True)
        self.assertEqual(session.state, "cancelled")
        self.assertIs(session.action_plan(), True)
        self.assertEqual(session.state, "planned")
        self.assertIs(session.action_done(), True)
        self.assertEqual(session.state, "done")
