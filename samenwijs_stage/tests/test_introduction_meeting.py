from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, ValidationError

from .common import SamenwijsCase

MEETING_ACTIVITY = "samenwijs_stage.mail_activity_type_introduction_meeting"


class TestIntroductionMeeting(SamenwijsCase):
    """RS-4: the praktijkopleider runs an introduction meeting for the placed
    interns of a school year before the start."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.internship | cls.internship2).action_place()
        cls.school_year = cls.internship.school_year
        first = int(cls.school_year[:4])
        cls.meeting = (
            cls.env["samenwijs.introduction.meeting"]
            .with_user(cls.user_po)
            .create(
                {
                    "name": "Introductiebijeenkomst",
                    "school_year": cls.school_year,
                    "date": datetime(first, 8, 28, 14, 0),
                    "location": "Kantoor Regio Noord",
                }
            )
        )

    def test_rs4_fill_adds_the_placed_interns_of_the_region(self):
        draft = self.create_internship(
            employee=self.env["hr.employee"].create(
                {"name": "Nog Niet", "employee_type": "trainee"}
            )
        )
        self.meeting.with_user(self.user_po).action_fill_attendees()
        self.assertIn(self.internship, self.meeting.attendee_ids)
        # Not a draft, not another region's intern.
        self.assertNotIn(draft, self.meeting.attendee_ids)
        self.assertNotIn(self.internship2, self.meeting.attendee_ids)
        self.assertEqual(self.meeting.organiser_id, self.emp_po)

    def test_rs4_invite_plans_a_task_for_werkbegeleider_and_intern(self):
        self.meeting.with_user(self.user_po).attendee_ids = [
            Command.link(self.internship.id)
        ]
        self.meeting.with_user(self.user_po).action_invite()
        activities = self.meeting.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(MEETING_ACTIVITY)
        )
        self.assertEqual(activities.user_id, self.user_wb | self.user_intern)
        self.assertEqual(
            set(activities.mapped("date_deadline")), {self.meeting.date.date()}
        )
        # Inviting again invites nobody twice.
        self.meeting.with_user(self.user_po).action_invite()
        self.assertEqual(len(self.meeting.activity_ids), 2)

    def test_rs4_attendees_read_their_meeting_and_nobody_else(self):
        self.meeting.with_user(self.user_po).attendee_ids = [
            Command.link(self.internship.id)
        ]
        for user in (self.user_wb, self.user_intern, self.user_manager):
            self.meeting.with_user(user).read(["name", "date", "attendee_ids"])
        for user in (
            self.user_wb2,
            self.user_intern2,
            self.user_manager2,
            self.user_payroll,
        ):
            with self.assertRaises(AccessError):
                self.meeting.with_user(user).read(["name"])

    def test_rs4_only_the_praktijkopleider_plans(self):
        self.meeting.with_user(self.user_po).attendee_ids = [
            Command.link(self.internship.id)
        ]
        for user in (self.user_wb, self.user_intern, self.user_manager):
            with self.assertRaises(AccessError):
                self.meeting.with_user(user).write({"location": "Elders"})
            with self.assertRaises(AccessError):
                self.meeting.with_user(user).action_invite()
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.user_po2).write({"location": "Elders"})
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.user_po).write({"attendee_count": 5})

    def test_rs4_attendees_are_placed_interns_of_the_school_year(self):
        first = int(self.school_year[:4])
        self.meeting.with_user(self.user_po).attendee_ids = [
            Command.link(self.internship.id)
        ]
        with self.assertRaises(ValidationError):
            self.meeting.with_user(self.user_po).school_year = f"{first - 1}-{first}"
        with self.assertRaises(ValidationError):
            self.meeting.with_user(self.user_po).school_year = "volgend jaar"
        # Another region's internship is not the praktijkopleider's to invite.
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.user_po).attendee_ids = [
                Command.link(self.internship2.id)
            ]
