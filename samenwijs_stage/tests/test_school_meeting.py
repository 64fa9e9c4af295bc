from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import SamenwijsCase

PROBLEM_ACTIVITY = "samenwijs_stage.mail_activity_type_problem_report"
SECRET = "Sanne was twee keer onbereikbaar tijdens haar dienst."


@tagged("post_install", "-at_install")
class TestSchoolMeeting(SamenwijsCase):
    """WB-P5: the werkbegeleider reports a problem to the praktijkopleider
    and asks for a school meeting; PO-6: the praktijkopleider plans the
    meeting of the school's supervisor, the intern and the werkbegeleider."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The tasks are written in each person's language; these tests read
        # the English text (a database with Dutch demo users too).
        (cls.user_po | cls.user_po2 | cls.user_wb | cls.user_wb2).lang = "en_US"
        monday = cls.today - timedelta(days=cls.today.weekday())
        cls.slb = cls.env["res.partner"].create(
            {"name": "Saskia Loopbaan", "parent_id": cls.school.id}
        )
        cls.internship.write(
            {
                "date_start": monday - timedelta(weeks=8),
                "date_end": monday + relativedelta(months=6),
                "school_contact_id": cls.slb.id,
            }
        )
        cls.complete_legal_checks(cls, cls.internship)
        cls.internship.action_place()
        cls.internship.action_start()
        cls.Problem = cls.env["samenwijs.internship.problem"]

    def report(self, user=None, school_meeting=True, internship=None):
        internship = internship or self.internship
        wizard = self.Problem.with_user(user or self.user_wb).create(
            {
                "internship_id": internship.id,
                "description": SECRET,
                "school_meeting": school_meeting,
            }
        )
        wizard.action_report()
        return wizard

    def problem_activities(self):
        activity_type = self.env.ref(PROBLEM_ACTIVITY)
        return self.internship.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )

    def test_wbp5_werkbegeleider_reports_a_problem_to_the_po(self):
        action = self.internship.with_user(self.user_wb).action_report_problem()
        self.assertEqual(action["res_model"], "samenwijs.internship.problem")
        self.assertTrue(self.internship.with_user(self.user_wb).can_report_problem)
        form = Form(
            self.Problem.with_user(self.user_wb).with_context(**action["context"])
        )
        form.description = SECRET
        form.school_meeting = True
        form.save().action_report()

        note = self.report_message()
        self.assertEqual(len(note), 1)
        self.assertEqual(note.message_type, "user_notification")
        self.assertEqual(note.partner_ids, self.user_po.partner_id)
        self.assertEqual(note.author_id, self.user_wb.partner_id)
        self.assertFalse(
            self.internship.message_ids & note, "Not in the internship's chatter."
        )
        activity = self.problem_activities()
        self.assertEqual(activity.user_id, self.user_po)
        self.assertIn("school meeting", activity.summary)
        self.assertNotIn(SECRET, activity.note or "", "The text stays in the note.")

    def test_wbp5_report_without_school_meeting(self):
        self.report(school_meeting=False)
        activity = self.problem_activities()
        self.assertEqual(activity.user_id, self.user_po)
        self.assertNotIn("school meeting", activity.summary)

    def test_wbp5_only_the_werkbegeleider_of_the_intern_reports(self):
        for user in (
            self.user_wb2,
            self.user_intern,
            self.user_payroll,
            self.user_manager2,
        ):
            with self.assertRaises(AccessError, msg=user.name):
                self.report(user=user)
        self.assertFalse(self.problem_activities())

    def test_wbp5_report_is_seen_by_its_maker_only(self):
        wizard = self.Problem.with_user(self.user_wb).create(
            {"internship_id": self.internship.id, "description": SECRET}
        )
        self.assertFalse(self.Problem.with_user(self.user_po).search([]))
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_po).read(["description"])

    def test_wbp5_report_needs_a_description_and_an_active_internship(self):
        wizard = self.Problem.with_user(self.user_wb).create(
            {"internship_id": self.internship.id, "description": "   "}
        )
        with self.assertRaises(UserError):
            wizard.action_report()
        self.internship2.sudo().write({"state": "done"})
        with self.assertRaises(UserError):
            self.report(user=self.user_wb2, internship=self.internship2)

    def report_message(self):
        return self.env["mail.message"].search(
            [
                ("model", "=", "samenwijs.internship"),
                ("res_id", "=", self.internship.id),
                ("body", "ilike", SECRET),
            ]
        )

    def test_wbp5_report_is_read_by_the_po_not_by_the_intern(self):
        self.report()
        note = self.report_message()
        note.with_user(self.user_po).read(["body"])
        for user in (self.user_intern, self.user_wb2, self.user_payroll, self.user_po2):
            with self.assertRaises(AccessError, msg=user.name):
                note.with_user(user).read(["body"])

    def test_po6_po_plans_the_school_meeting_in_one_step(self):
        self.report()
        action = self.internship.with_user(self.user_po).action_plan_school_meeting()
        meeting = self.env["samenwijs.internship.evaluation"].browse(action["res_id"])
        self.assertEqual(meeting.kind, "school")
        self.assertEqual(meeting.internship_id, self.internship)
        self.assertEqual(meeting.state, "draft")
        self.assertEqual(
            meeting.partner_ids,
            self.slb | self.emp_intern.work_contact_id | self.emp_wb.work_contact_id,
        )
        self.assertEqual(meeting.date.date(), self.today + timedelta(days=7))
        self.assertFalse(
            self.problem_activities(), "The reported problem is followed up."
        )
        hold = meeting.activity_ids.filtered(lambda a: a.user_id == self.user_wb)
        self.assertTrue(hold, "The werkbegeleider holds the meeting.")

    def test_po6_only_the_po_of_the_region_plans(self):
        for user in (self.user_wb, self.user_intern, self.user_manager):
            with self.assertRaises(AccessError, msg=user.name):
                self.internship.with_user(user).action_plan_school_meeting()
        with self.assertRaises(AccessError):
            self.internship.with_user(self.user_po2).action_plan_school_meeting()

    def test_po6_school_meeting_needs_the_school_supervisor(self):
        self.internship.school_contact_id = False
        with self.assertRaises(UserError):
            self.internship.with_user(self.user_po).action_plan_school_meeting()
