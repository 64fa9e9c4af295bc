from datetime import date, timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

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
        # The location manager's consent (PO-2) is given in the set-up: this
        # tour is about placing; TestRecruitmentTour has the manager give it.
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


@tagged("post_install", "-at_install")
class TestRecruitmentTour(SamenwijsCase, HttpCase):
    """RS-1, RS-3, PO-2 in a real browser, each role as its own user: the
    location manager sets the places of the next school year, the
    praktijkopleider records an application with CV and motivation letter
    and plans the interview, the manager consents to placing and the
    praktijkopleider places the candidate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The school year that starts on the coming 1 August.
        first = cls.today.year + 1 if cls.today.month >= 8 else cls.today.year
        cls.next_school_year = f"{first}-{first + 1}"
        cls.emp_noor = cls.env["hr.employee"].create(
            {
                "name": "Noor Tour",
                "department_id": cls.linde.id,
                "employee_type": "trainee",
            }
        )
        # A draft, its approvals not yet asked: registering the application
        # asks them.
        cls.candidate = cls.create_internship(
            employee=cls.emp_noor,
            consent=False,
            date_start=date(first, 9, 1),
            date_end=date(first + 1, 6, 30),
        )

    def test_rs1_rs3_po2_places_application_interview_consent_placing(self):
        po, manager = self.user_po.login, self.user_manager.login
        self.start_tour("/odoo", "samenwijs_recruitment_places_tour", login=manager)
        capacity = self.env["samenwijs.internship.capacity"].search(
            [
                ("school_year", "=", self.next_school_year),
                ("department_id", "=", self.linde.id),
                ("internship_type_id", "=", self.type_pw3.id),
            ]
        )
        self.assertEqual(capacity.places, 2)
        self.assertEqual(capacity.placed_count, 0)

        planned_after = fields.Datetime.now() + timedelta(days=6)
        self.start_tour("/odoo", "samenwijs_recruitment_application_tour", login=po)
        self.env.invalidate_all()
        candidate = self.candidate.sudo()
        self.assertEqual(candidate.state, "application")
        self.assertEqual(candidate.vacancy_advertised, "The school's internship site")
        for field, filename in (
            ("cv_file", "cv_noor.pdf"),
            ("motivation_letter_file", "letter_noor.pdf"),
        ):
            attachment = self.env["ir.attachment"].search(
                [
                    ("res_model", "=", candidate._name),
                    ("res_id", "=", candidate.id),
                    ("res_field", "=", field),
                ]
            )
            self.assertEqual(len(attachment), 1, field)
            self.assertIn(b"Noor Tour", attachment.raw, field)
            self.assertEqual(candidate[field.replace("_file", "_filename")], filename)
        self.assertTrue(
            planned_after
            < candidate.interview_date
            < fields.Datetime.now() + timedelta(days=8),
            "The interview is planned a week from today.",
        )
        self.assertEqual(
            candidate.activity_ids.filtered(
                lambda a: a.activity_type_id
                == self.env.ref("samenwijs_stage.mail_activity_type_interview")
            ).user_id,
            self.user_po,
        )
        review = candidate.review_ids
        self.assertEqual(len(review), 1, "Only the placing consent: no HBO tier.")
        self.assertEqual(review.status, "pending")
        self.assertEqual(review.reviewer_ids, self.user_manager)

        self.start_tour("/odoo", "samenwijs_recruitment_consent_tour", login=manager)
        self.env.invalidate_all()
        self.assertEqual(review.status, "approved")
        self.assertEqual(review.done_by, self.user_manager)
        self.assertEqual(
            review.comment, "Fine with me: we have a place on the toddler group."
        )
        self.assertEqual(candidate.validation_status, "validated")
        self.assertEqual(candidate.state, "application")

        self.start_tour("/odoo", "samenwijs_recruitment_place_tour", login=po)
        self.env.invalidate_all()
        self.assertEqual(candidate.state, "placed")
        self.assertEqual(capacity.places, 2)
        self.assertEqual(capacity.placed_count, 1)
        self.assertEqual(capacity.open_places, 1)


@tagged("post_install", "-at_install")
class TestHoursTours(SamenwijsCase, HttpCase):
    """HR-1, WB-P4 in a real browser: the intern on a phone, the
    werkbegeleider at a desk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_tessa = new_test_user(
            cls.env,
            login="t_tessa",
            name="Tessa Tour",
            groups="base.group_user,samenwijs_stage.group_intern",
        )
        cls.emp_tessa = cls.env["hr.employee"].create(
            {
                "name": "Tessa Tour",
                "user_id": cls.user_tessa.id,
                "department_id": cls.linde.id,
                "employee_type": "trainee",
            }
        )
        # Every day planned, so that today's week always has planned days.
        cls.running = cls.create_internship(
            employee=cls.emp_tessa,
            date_start=cls.today - timedelta(weeks=8),
            date_end=cls.today + timedelta(weeks=20),
            schedule_ids=[
                Command.create(
                    {"weekday": str(day), "department_id": cls.linde.id, "hours": 3.0}
                )
                for day in range(7)
            ],
        )
        cls.complete_legal_checks(cls, cls.running)
        cls.running.action_place()
        cls.running.action_start()

    def test_hr1_intern_fills_in_and_submits_a_week_on_a_phone(self):
        self.browser_size = "375x667"
        self.touch_enabled = True
        self.start_tour(
            "/odoo/action-samenwijs_stage.samenwijs_internship_hour_action_mine",
            "samenwijs_hours_phone_tour",
            login=self.user_tessa.login,
        )
        lines = self.running.hour_ids
        monday = self.today - timedelta(days=self.today.weekday())
        self.assertEqual(len(lines), (self.today - monday).days + 1)
        self.assertEqual(set(lines.mapped("state")), {"submitted"})
        self.assertIn(12.0, lines.mapped("time_end"), "The corrected day is kept.")
        self.assertEqual(
            self.running.activity_ids.filtered(
                lambda a: a.activity_type_id
                == self.env.ref("samenwijs_stage.mail_activity_type_hours_to_sign")
            ).user_id,
            self.user_wb,
        )

    def test_wbp4_werkbegeleider_signs_a_week_at_a_desk(self):
        monday = self.today - timedelta(days=self.today.weekday() + 7)
        lines = (
            self.env["samenwijs.internship.hour"]
            .with_user(self.user_tessa)
            .create(
                [
                    {
                        "internship_id": self.running.id,
                        "date": monday + timedelta(days=day),
                        "time_start": 8.0,
                        "time_end": 12.0,
                        "break_hours": 0.0,
                    }
                    for day in range(5)
                ]
            )
        )
        lines.action_submit()
        self.start_tour(
            "/odoo/action-samenwijs_stage.samenwijs_internship_hour_action_to_sign",
            "samenwijs_hours_sign_tour",
            login=self.user_wb.login,
        )
        self.assertEqual(set(lines.mapped("state")), {"approved"})
        self.assertEqual(lines.signed_by_id, self.user_wb)
        self.assertEqual(self.running.hours_signed, 20.0)
