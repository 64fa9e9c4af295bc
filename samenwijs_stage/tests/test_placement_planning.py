from odoo.exceptions import AccessError

from .common import SamenwijsCase

PLANNING_ACTIVITY = "samenwijs_stage.mail_activity_type_placement_planning"


class TestPlacementPlanning(SamenwijsCase):
    """PO-P1: the praktijkopleider passes the final placement planning to the
    werkbegeleider in time: placing an internship mails it and gives the
    werkbegeleider a task."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_wb.work_email = "wendy@samenwijs.example"
        # The mail is written in the werkbegeleider's language; these tests
        # read the English text.
        cls.emp_wb.work_contact_id.lang = "en_US"
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Jan de Leraar",
                "parent_id": cls.school.id,
                "email": "jan@noorderpoort.example",
            }
        )
        cls.internship.school_contact_id = cls.contact

    def planning_mails(self, internships):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "samenwijs.internship"),
                ("res_id", "in", internships.ids),
                ("recipient_ids", "in", self.emp_wb.work_contact_id.ids),
                ("subject", "like", "Placement planning"),
            ]
        )

    def test_po_p1_placing_sends_the_planning_to_the_werkbegeleider(self):
        """PO-P1: one mail with intern, period, days, location and school
        contact, and a task for the werkbegeleider."""
        self.internship.with_user(self.user_po).action_place()
        mail = self.planning_mails(self.internship)
        self.assertEqual(len(mail), 1)
        body = str(mail.body_html)
        for text in ("Sanne Jansen", "Kindcentrum De Linde", "Jan de Leraar", "8 h"):
            self.assertIn(text, body)
        task = self.internship.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(PLANNING_ACTIVITY)
        )
        self.assertEqual(task.user_id, self.user_wb)
        # The werkbegeleider reads the internship the task is on.
        task.with_user(self.user_wb).read(["summary"])
        self.internship.with_user(self.user_wb).read(["placement_days"])

    def test_po_p1_only_the_praktijkopleider_places(self):
        """PO-P1: nobody else sends the planning by placing."""
        for user in (self.user_wb, self.user_manager, self.user_intern):
            with self.assertRaises(AccessError):
                self.internship.with_user(user).action_place()
        self.assertFalse(self.planning_mails(self.internship))

    def test_po_p1_placing_many_sends_one_mail_each_in_batch(self):
        """PO-P1: one mail per internship; the queries do not grow with the
        number of internships."""
        Employee = self.env["hr.employee"]

        def internships(count, prefix):
            return self.env["samenwijs.internship"].concat(
                *[
                    self.create_internship(
                        employee=Employee.create(
                            {"name": f"{prefix} {n}", "employee_type": "trainee"}
                        )
                    )
                    for n in range(count)
                ]
            )

        few, many = internships(2, "Klein"), internships(12, "Groot")
        # Placed as superuser first: what is measured is the planning alone.
        (few | many).action_place()
        self.env["mail.mail"].search([("res_id", "in", (few | many).ids)]).unlink()
        counts = []
        for batch in (few, many):
            batch = batch.with_user(self.user_po)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            batch._send_placement_planning()
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(len(self.planning_mails(few | many)), 14)
        self.assertLessEqual(counts[1], counts[0] + 5, counts)
