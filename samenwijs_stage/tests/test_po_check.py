from datetime import timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.tests import tagged

from .common import SamenwijsCase

PO_CHECK_ACTIVITY = "samenwijs_stage.mail_activity_type_po_check"


@tagged("post_install", "-at_install")
class TestPoCheck(SamenwijsCase):
    """PO-4: once a month the praktijkopleider checks with each
    werkbegeleider on the interns' development and bottlenecks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The tasks are written in each person's language; these tests read
        # the English text (a database with Dutch demo users too).
        (cls.user_po | cls.user_po2 | cls.user_wb | cls.user_wb2).lang = "en_US"
        monday = cls.today - timedelta(days=cls.today.weekday())
        cls.emp_intern3 = cls.env["hr.employee"].create(
            {
                "name": "Daan de Boer",
                "department_id": cls.linde.id,
                "employee_type": "trainee",
            }
        )
        cls.internship3 = cls.create_internship(employee=cls.emp_intern3)
        cls.internships = cls.internship | cls.internship2 | cls.internship3
        for internship in cls.internships:
            internship.write(
                {
                    "date_start": monday - timedelta(weeks=8),
                    "date_end": monday + relativedelta(months=10),
                }
            )
            cls.complete_legal_checks(cls, internship)
        cls.internships.action_place()
        cls.internships.action_start()
        cls.Internship = cls.env["samenwijs.internship"]

    def check_activities(self):
        activity_type = self.env.ref(PO_CHECK_ACTIVITY)
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "samenwijs.internship"),
                ("res_id", "in", self.internships.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )

    def test_po4_first_working_day_one_task_per_werkbegeleider(self):
        # 1 May 2027 is a Saturday: the first working day is Monday 3 May.
        with freeze_time("2027-05-01 04:00:00"):
            self.Internship._cron_po_check()
        self.assertFalse(self.check_activities(), "Not before the first working day.")

        with freeze_time("2027-05-03 04:00:00"):
            self.Internship._cron_po_check()
        activities = self.check_activities()
        self.assertEqual(len(activities), 2, "One per werkbegeleider.")
        petra = activities.filtered(lambda a: a.user_id == self.user_po)
        piet = activities.filtered(lambda a: a.user_id == self.user_po2)
        self.assertEqual(len(petra), 1)
        self.assertEqual(len(piet), 1)
        self.assertIn("Wendy Bakker", petra.summary)
        self.assertIn("Sanne Jansen", petra.note)
        self.assertIn("Daan de Boer", petra.note)
        self.assertNotIn("Zoë Peters", petra.note)
        self.assertIn("Zoë Peters", piet.note)
        self.assertIn("hours this month", petra.note)
        self.assertEqual(
            set(self.internships.mapped("po_check_month")),
            {self.today.replace(2027, 5, 1)},
        )

        # Again the same day and later in the month: nothing new.
        with freeze_time("2027-05-03 12:00:00"):
            self.Internship._cron_po_check()
        with freeze_time("2027-05-17 04:00:00"):
            self.Internship._cron_po_check()
        self.assertEqual(self.check_activities(), activities)

        # 1 June 2027 is a Tuesday: a new month, a new task.
        with freeze_time("2027-06-01 04:00:00"):
            self.Internship._cron_po_check()
        self.assertEqual(len(self.check_activities() - activities), 2)

    def test_po4_summary_counts_hours_and_conversations(self):
        day = self.today.replace(2027, 5, 3)
        figures = self.internship._po_check_figures(day)
        line = self.internship._po_check_line(self.env, figures)
        self.assertIn("Sanne Jansen: last conversation none", line)
        self.assertIn("0 hours this month", line)
        if "samenwijs.internship.assignment" in self.env:
            self.assertIn("0 open assignments", line)

    def test_po4_finished_internships_are_left_out(self):
        self.internship2.sudo().write({"state": "done"})
        with freeze_time("2027-05-03 04:00:00"):
            self.Internship._cron_po_check()
        self.assertEqual(self.check_activities().user_id, self.user_po)

    def test_po4_outcome_is_logged_on_each_internship_of_the_werkbegeleider(self):
        with freeze_time("2027-05-03 04:00:00"):
            self.Internship._cron_po_check()
        petra = self.check_activities().filtered(lambda a: a.user_id == self.user_po)
        petra.with_user(self.user_po).action_feedback(
            feedback="Sanne loopt goed; Daan moet meer initiatief nemen."
        )
        self.assertNotIn(petra, self.check_activities(), "The task is done.")
        for internship in self.internship | self.internship3:
            notes = internship.message_ids.filtered(
                lambda m: "meer initiatief" in (m.body or "")
                and m.subtype_id == self.env.ref("mail.mt_note")
            )
            self.assertEqual(len(notes), 1, internship.display_name)
            self.assertEqual(notes.author_id, self.user_po.partner_id)
        self.assertFalse(
            self.internship2.message_ids.filtered(
                lambda m: "meer initiatief" in (m.body or "")
            ),
            "Another werkbegeleider's interns are not concerned.",
        )
