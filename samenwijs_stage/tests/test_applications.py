"""Schools and their offers (RS-2), applications and interviews (RS-3), and
the manager's agreement before an HBO interview (RS-5), each step as the user
who takes it."""

import base64
from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models.res_partner import next_school_year
from .common import SamenwijsCase

PDF = base64.b64encode(b"%PDF-1.4 cv")


@tagged("post_install", "-at_install")
class TestApplications(SamenwijsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.candidate = Employee.create(
            {
                "name": "Lotte Kandidaat",
                "employee_type": "trainee",
                "work_email": "lotte@example.com",
            }
        )
        cls.hbo_candidate = Employee.create(
            {
                "name": "Hidde Hbo",
                "employee_type": "student",
                "work_email": "hidde@example.com",
            }
        )
        cls.application = cls.create_internship(employee=cls.candidate, consent=False)
        cls.application.action_apply()
        cls.hbo_application = cls.create_internship(
            employee=cls.hbo_candidate, itype=cls.type_hbo, consent=False
        )
        cls.hbo_application.action_apply()
        cls.school.write(
            {
                "is_samenwijs_school": True,
                "email": "bpv@noorderpoort.example.com",
                "samenwijs_programme_ids": [Command.set(cls.type_pw3.ids)],
            }
        )
        # Mails are written in each recipient's language; these tests read
        # the English text.
        (
            cls.school
            | cls.candidate.work_contact_id
            | cls.hbo_candidate.work_contact_id
        ).lang = "en_US"

    def add_documents(self, internship):
        internship.with_user(self.user_po).write(
            {
                "cv_file": PDF,
                "cv_filename": "cv.pdf",
                "motivation_letter_file": PDF,
                "motivation_letter_filename": "brief.pdf",
            }
        )

    def emailed(self, message):
        """The partners ``message`` was sent to by email."""
        return (
            self.env["mail.notification"]
            .search(
                [
                    ("mail_message_id", "=", message.id),
                    ("notification_type", "=", "email"),
                ]
            )
            .res_partner_id
        )

    def plan(self, internship, user=None):
        wizard = (
            self.env["samenwijs.internship.interview"]
            .with_user(user or self.user_po)
            .create(
                {
                    "internship_id": internship.id,
                    "date": datetime.combine(
                        self.today + relativedelta(days=3), datetime.min.time()
                    ).replace(hour=10),
                }
            )
        )
        return wizard.action_plan()

    # ------------------------------------------------------------------
    # RS-2: schools and the offers they receive
    # ------------------------------------------------------------------
    def test_rs2_only_praktijkopleider_marks_schools(self):
        school = self.env["res.partner"].create({"name": "Hanze", "is_company": True})
        for user in (self.user_manager, self.user_wb, self.user_intern):
            with self.assertRaises(AccessError):
                school.with_user(user).write({"is_samenwijs_school": True})
            with self.assertRaises(AccessError):
                self.env["res.partner"].with_user(user).create(
                    {"name": "School", "is_samenwijs_school": True}
                )
        # The praktijkopleider keeps schools, not other contacts: an existing
        # company becomes a school through whoever keeps the contacts; the
        # praktijkopleider registers new schools.
        with self.assertRaises(AccessError):
            school.with_user(self.user_po).write({"is_samenwijs_school": True})
        school.write({"is_samenwijs_school": True})
        school.with_user(self.user_po).write(
            {"samenwijs_programme_ids": [Command.set(self.type_hbo.ids)]}
        )
        self.assertTrue(school.is_samenwijs_school)
        new = (
            self.env["res.partner"]
            .with_user(self.user_po)
            .create(
                {"name": "Hogeschool", "is_company": True, "is_samenwijs_school": True}
            )
        )
        self.assertTrue(new.is_samenwijs_school)
        school.with_user(self.user_admin).samenwijs_programme_ids = [
            Command.link(self.type_gpm4.id)
        ]
        self.assertEqual(school.samenwijs_programme_ids, self.type_hbo | self.type_gpm4)

    def test_rs2_offer_mail_lists_open_places_of_the_school_programmes(self):
        if "samenwijs.internship.capacity" not in self.env:
            self.fail("The capacity model is not installed: no places to offer.")
        Capacity = self.env["samenwijs.internship.capacity"]
        year = next_school_year(self.today)
        Capacity.create(
            [
                {
                    "school_year": year,
                    "department_id": self.linde.id,
                    "internship_type_id": self.type_pw3.id,
                    "places": 3,
                },
                {
                    "school_year": year,
                    "department_id": self.eik.id,
                    "internship_type_id": self.type_pw3.id,
                    "places": 0,
                },
                {
                    "school_year": year,
                    "department_id": self.anker.id,
                    "internship_type_id": self.type_hbo.id,
                    "places": 2,
                },
            ]
        )
        with self.assertRaises(AccessError):
            self.school.with_user(self.user_manager).action_send_internship_offers()
        self.school.with_user(self.user_po).action_send_internship_offers()
        message = self.school.message_ids.filtered(
            lambda m: m.message_type == "comment"
        )[:1]
        self.assertTrue(message, "The offer is kept in the school's chatter.")
        self.assertIn(self.school, message.partner_ids)
        body = str(message.body)
        self.assertIn(year, body)
        self.assertIn(self.linde.name, body)
        self.assertIn(self.type_pw3.name, body)
        # Only open places, only the school's programmes.
        self.assertNotIn(self.eik.name, body)
        self.assertNotIn(self.anker.name, body)
        self.assertNotIn(self.type_hbo.name, body)
        self.assertEqual(self.emailed(message), self.school)

    def test_rs2_offers_only_to_schools(self):
        company = self.env["res.partner"].create({"name": "Bakker", "is_company": True})
        with self.assertRaises(UserError):
            company.with_user(self.user_po).action_send_internship_offers()

    # ------------------------------------------------------------------
    # RS-3: documents, interview, outcome
    # ------------------------------------------------------------------
    def test_rs3_interview_refused_without_cv_and_letter(self):
        with self.assertRaisesRegex(UserError, "RS-3"):
            self.application.with_user(self.user_po).action_plan_interview()
        with self.assertRaisesRegex(UserError, "RS-3"):
            self.plan(self.application)
        self.application.with_user(self.user_po).write(
            {"cv_file": PDF, "cv_filename": "cv.pdf"}
        )
        with self.assertRaisesRegex(UserError, "motivation letter"):
            self.plan(self.application)
        self.add_documents(self.application)
        action = self.application.with_user(self.user_po).action_plan_interview()
        self.assertEqual(action["res_model"], "samenwijs.internship.interview")
        self.plan(self.application)
        activity = self.application.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("samenwijs_stage.mail_activity_type_interview")
        )
        self.assertEqual(activity.user_id, self.user_po)
        self.assertEqual(activity.date_deadline, self.today + relativedelta(days=3))
        self.assertTrue(self.application.interview_date)

    def test_rs3_only_praktijkopleider_of_the_region_plans(self):
        self.add_documents(self.application)
        for user in (self.user_manager, self.user_wb, self.user_intern, self.user_po2):
            with self.assertRaises(AccessError):
                self.plan(self.application, user)
            with self.assertRaises(AccessError):
                self.application.with_user(user).action_plan_interview()

    def test_rs3_cv_and_letter_readable_only_by_po_manager_and_hr(self):
        self.add_documents(self.internship)
        fields_ = ["cv_file", "motivation_letter_file", "cv_filename"]
        for user in (self.user_intern, self.user_wb):
            with self.assertRaises(AccessError):
                self.internship.with_user(user).read(fields_)
        for user in (self.user_manager_eik, self.user_manager2, self.user_po2):
            with self.assertRaises(AccessError):
                self.internship.with_user(user).read(fields_)
        for user in (self.user_po, self.user_manager, self.user_admin):
            values = self.internship.with_user(user).read(fields_)[0]
            self.assertEqual(values["cv_filename"], "cv.pdf")
            self.assertTrue(values["cv_file"])
        for user in (self.user_manager, self.user_wb, self.user_intern):
            with self.assertRaises(AccessError):
                self.internship.with_user(user).write({"cv_filename": "x.pdf"})
            with self.assertRaises(AccessError):
                self.internship.with_user(user).write({"vacancy_advertised": "x"})

    def outcome_mails(self, internship):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "samenwijs.internship"),
                ("res_id", "=", internship.id),
                ("recipient_ids", "in", self.candidate.work_contact_id.ids),
                ("subject", "ilike", "internship application"),
            ]
        )

    def test_rs3_placed_application_mails_the_candidate(self):
        self.decide_as(self.application, self.user_manager)
        self.application.with_user(self.user_po).action_place()
        self.assertEqual(self.application.state, "placed")
        mail = self.outcome_mails(self.application)
        self.assertEqual(len(mail), 1)
        self.assertIn(self.linde.name, str(mail.body_html))
        self.assertEqual(mail.recipient_ids, self.candidate.work_contact_id)

    def test_rs3_rejected_application_mails_the_candidate(self):
        self.application.with_user(self.user_po).rejection_reason = "Geen plek"
        self.application.with_user(self.user_po).action_reject()
        self.assertEqual(self.application.state, "rejected")
        mail = self.outcome_mails(self.application)
        self.assertEqual(len(mail), 1)
        self.assertNotIn("Geen plek", str(mail.body_html))

    def test_rs3_internship_placed_from_draft_sends_no_mail(self):
        self.internship.with_user(self.user_po).action_place()
        self.assertEqual(self.internship.state, "placed")
        self.assertFalse(
            self.env["mail.mail"].search(
                [
                    ("model", "=", "samenwijs.internship"),
                    ("res_id", "=", self.internship.id),
                    ("subject", "ilike", "internship application"),
                ]
            )
        )

    # ------------------------------------------------------------------
    # RS-5: HBO
    # ------------------------------------------------------------------
    def test_rs5_hbo_interview_refused_until_the_manager_agreed(self):
        """RS-5 as the first tier: the manager agrees to the interview; the
        consent to placing (PO-2) is the next tier, asked after it."""
        self.add_documents(self.hbo_application)
        self.hbo_application.with_user(
            self.user_po
        ).vacancy_advertised = "Stagesite Hanzehogeschool"
        agree = self.env.ref(
            "samenwijs_stage.mail_activity_type_hbo_interview_agreement"
        )
        task = self.hbo_application.activity_ids.filtered(
            lambda a: a.activity_type_id == agree
        )
        self.assertEqual(task.user_id, self.user_manager)
        with self.assertRaisesRegex(UserError, "RS-5"):
            self.plan(self.hbo_application)
        self.assertTrue(
            self.hbo_application.with_user(self.user_manager).can_agree_hbo_interview
        )
        action = self.hbo_application.with_user(
            self.user_manager
        ).action_agree_hbo_interview()
        self.assertEqual(action["res_model"], "comment.wizard")
        self.env["comment.wizard"].with_user(self.user_manager).with_context(
            **action["context"]
        ).create({"comment": "Goede kandidaat, graag uitnodigen"}).add_comment()
        self.assertTrue(self.hbo_application.hbo_manager_agreed)
        self.assertFalse(
            self.hbo_application.activity_ids.filtered(
                lambda a: a.activity_type_id == agree
            )
        )
        bodies = " ".join(self.hbo_application.message_ids.mapped("body"))
        self.assertIn("Marieke de Vries approved", bodies)
        self.assertIn("Goede kandidaat, graag uitnodigen", bodies)
        self.plan(self.hbo_application)
        self.assertTrue(self.hbo_application.interview_date)
        # Agreeing to the interview is no consent to placing (PO-2).
        with self.assertRaisesRegex(UserError, "PO-2"):
            self.hbo_application.with_user(self.user_po).action_place()
        self.decide_as(self.hbo_application, self.user_manager, "Plaatsen")
        self.hbo_application.with_user(self.user_po).action_place()
        self.assertEqual(self.hbo_application.state, "placed")

    def test_rs5_only_the_location_manager_agrees(self):
        for user in (
            self.user_po,
            self.user_po2,
            self.user_manager_eik,
            self.user_manager2,
            self.user_wb,
            self.user_intern,
            self.user_admin,
        ):
            with self.assertRaises(AccessError):
                self.hbo_application.with_user(user).action_agree_hbo_interview()
            with self.assertRaises(AccessError):
                self.hbo_application.with_user(user).write({"hbo_manager_agreed": True})
        self.assertFalse(self.hbo_application.hbo_manager_agreed)
        self.decide_as(self.hbo_application, self.user_manager)
        self.assertTrue(self.hbo_application.hbo_manager_agreed)

    def test_rs5_mbo_interview_needs_no_agreement(self):
        self.assertFalse(self.application.interview_needs_agreement)
        with self.assertRaises(UserError):
            self.application.with_user(self.user_manager).action_agree_hbo_interview()

    def test_rs2_praktijkopleider_keeps_schools_not_other_contacts(self):
        other = self.env["res.partner"].create({"name": "Bakkerij Bolletje"})
        with self.assertRaises(AccessError):
            other.with_user(self.user_po).write({"phone": "050 1234567"})
        contact = (
            self.env["res.partner"]
            .with_user(self.user_po)
            .create({"name": "Jan Schoolbegeleider", "parent_id": self.school.id})
        )
        contact.with_user(self.user_po).write({"phone": "050 7654321"})
        self.assertEqual(contact.phone, "050 7654321")
        # A praktijkopleider who also keeps Odoo's contacts keeps all of them.
        self.user_po.group_ids = [(4, self.env.ref("base.group_partner_manager").id)]
        other.with_user(self.user_po).write({"phone": "050 1234567"})
        self.assertEqual(other.phone, "050 1234567")
