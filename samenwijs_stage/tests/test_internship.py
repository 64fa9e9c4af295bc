from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SamenwijsCase


@tagged("post_install", "-at_install")
class TestWerkbegeleiderFit(SamenwijsCase):
    """BG-1..BG-4: which werkbegeleider fits which intern."""

    def test_bg1_pw3_supervised_by_pedagogisch_medewerker(self):
        specialist = self.create_werkbegeleider(
            "Sam Specialist",
            None,
            self.linde,
            childcare_function="pedagogisch_specialist",
        )
        self.intervision.attendee_ids = [Command.link(specialist.id)]
        self.assertNotIn(specialist, self.internship.allowed_werkbegeleider_ids)
        self.assertIn(self.emp_wb, self.internship.allowed_werkbegeleider_ids)
        with self.assertRaisesRegex(ValidationError, "BG-1"):
            self.internship.werkbegeleider_id = specialist

    def test_bg2_gpm4_last_year_needs_manager_or_specialist(self):
        specialist = self.create_werkbegeleider(
            "Sam Specialist",
            None,
            self.linde,
            childcare_function="pedagogisch_specialist",
        )
        self.intervision.attendee_ids = [Command.link(specialist.id)]
        first_year = self.create_internship(itype=self.type_gpm4, study_year=1)
        self.assertEqual(first_year.werkbegeleider_id, self.emp_wb)
        with self.assertRaisesRegex(ValidationError, "BG-2"):
            first_year.study_year = 3
        last_year = self.create_internship(
            itype=self.type_gpm4, study_year=3, werkbegeleider=specialist
        )
        self.assertIn(specialist, last_year.allowed_werkbegeleider_ids)
        self.assertNotIn(self.emp_wb, last_year.allowed_werkbegeleider_ids)

    def test_bg3_hbo_background_from_year_two(self):
        first = self.create_internship(itype=self.type_hbo, study_year=1)
        self.assertEqual(first.werkbegeleider_id, self.emp_wb)  # MBO is fine in year 1
        with self.assertRaisesRegex(ValidationError, "BG-3"):
            self.create_internship(itype=self.type_hbo, study_year=2)
        self.emp_wb.education_level = "hbo"
        second = self.create_internship(itype=self.type_hbo, study_year=2)
        self.assertEqual(second.werkbegeleider_id, self.emp_wb)

    def test_bg4_main_location_has_most_hours(self):
        internship = self.create_internship(
            schedule_ids=[
                Command.create(
                    {"weekday": "0", "department_id": self.linde.id, "hours": 8}
                ),
                Command.create(
                    {"weekday": "1", "department_id": self.linde.id, "hours": 8}
                ),
                Command.create(
                    {"weekday": "2", "department_id": self.eik.id, "hours": 8}
                ),
            ]
        )
        self.assertEqual(internship.department_id, self.linde)
        self.assertEqual(internship.weekly_hours, 24)
        self.assertEqual(internship.days_per_week, 3)
        # Moving a day to De Eik makes De Eik the main location: Wendy works
        # at De Linde and can no longer supervise.
        with self.assertRaisesRegex(ValidationError, "BG-4"):
            internship.schedule_ids[1].department_id = self.eik
        eik_wb = self.create_werkbegeleider("Erik Eik", None, self.eik)
        self.intervision.attendee_ids = [Command.link(eik_wb.id)]
        internship.write(
            {
                "werkbegeleider_id": eik_wb.id,
                "schedule_ids": [
                    Command.update(
                        internship.schedule_ids[1].id, {"department_id": self.eik.id}
                    )
                ],
            }
        )
        self.assertEqual(internship.department_id, self.eik)
        self.assertNotIn(self.emp_wb, internship.allowed_werkbegeleider_ids)
        self.assertIn(eik_wb, internship.allowed_werkbegeleider_ids)

    def test_bg4_werkbegeleider_becomes_coach_and_leave_approver(self):
        """One werkbegeleider per intern: coach and time-off approver (LV-2)."""
        self.assertEqual(self.emp_intern.coach_id, self.emp_wb)
        self.assertEqual(self.emp_intern.leave_manager_id, self.user_wb)
        other = self.create_werkbegeleider("Wim Wissel", None, self.linde)
        self.intervision.attendee_ids = [Command.link(other.id)]
        other.user_id = self.env["res.users"].create({"name": "Wim", "login": "t_wim"})
        self.internship.with_user(self.user_po).werkbegeleider_id = other
        self.assertEqual(self.emp_intern.coach_id, other)
        self.assertEqual(self.emp_intern.leave_manager_id.login, "t_wim")


@tagged("post_install", "-at_install")
class TestInternshipLifecycle(SamenwijsCase):
    def _place(self, internship):
        internship.with_user(self.user_po).action_apply()
        internship.with_user(self.user_po).action_place()

    def _activity_types(self, internship):
        return {
            a.activity_type_id.get_external_id()[a.activity_type_id.id]: a.user_id
            for a in internship.activity_ids
        }

    def test_sequence_and_states(self):
        self.assertTrue(self.internship.name.startswith("STG/"))
        self.assertEqual(self.internship.state, "draft")
        self._place(self.internship)
        self.assertEqual(self.internship.state, "placed")
        with self.assertRaisesRegex(UserError, "not possible"):
            self.internship.with_user(self.user_po).action_place()
        self.assertEqual(
            self.internship.school_year[:4],
            str(
                self.internship.date_start.year
                if self.internship.date_start.month >= 8
                else self.internship.date_start.year - 1
            ),
        )

    def test_reject_and_reopen(self):
        self.internship.with_user(self.user_po).action_apply()
        self.internship.with_user(self.user_po).action_reject()
        self.assertEqual(self.internship.state, "rejected")
        self.internship.with_user(self.user_po).action_draft()
        self.assertEqual(self.internship.state, "draft")

    def test_place_requires_people_and_dates(self):
        self.internship.with_user(self.user_po).werkbegeleider_id = False
        with self.assertRaisesRegex(UserError, "werkbegeleider"):
            self.internship.with_user(self.user_po).action_place()
        self.assertEqual(self.internship.state, "draft")

    def test_placing_plans_onboarding_for_the_right_people(self):
        """VOG-1, VOG-2, PO-P2 for the PO; ST-1, ST-3, IN-2 for the intern."""
        self._place(self.internship)
        types = self._activity_types(self.internship)
        prefix = "samenwijs_stage.mail_activity_type_"
        self.assertEqual(types[prefix + "vog"], self.user_po)
        self.assertEqual(types[prefix + "personenregister"], self.user_po)
        self.assertEqual(types[prefix + "bpv_agreement"], self.user_po)
        self.assertEqual(types[prefix + "personal_data"], self.user_intern)
        self.assertEqual(types[prefix + "bpv_book"], self.user_intern)
        self.assertEqual(types[prefix + "introduction_piece"], self.user_intern)
        vog = self.internship.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(prefix + "vog")
        )
        self.assertEqual(
            vog.date_deadline, self.internship.date_start - relativedelta(days=7)
        )

    def test_vog1_vog_checklist_closes_task_and_old_vog_flagged(self):
        self._place(self.internship)
        self.internship.with_user(self.user_po).write(
            {
                "vog_received": True,
                "vog_received_date": self.today,
                "vog_date_issue": self.today - relativedelta(months=3),
                "vog_issued_for": "school",
            }
        )
        self.assertTrue(self.internship.vog_too_old)
        self.assertNotIn(
            "samenwijs_stage.mail_activity_type_vog",
            self._activity_types(self.internship),
        )
        self.internship.vog_date_issue = self.today - relativedelta(weeks=6)
        self.assertFalse(self.internship.vog_too_old)

    def test_vog1_vog2_start_refused_without_vog_and_koppeling(self):
        self._place(self.internship)
        with self.assertRaises(UserError) as error:
            self.internship.with_user(self.user_po).action_start()
        message = str(error.exception)
        self.assertIn("VOG-1", message)
        self.assertIn("Personenregister", message)
        self.assertEqual(self.internship.state, "placed")
        self.internship.with_user(self.user_po).vog_received = True
        with self.assertRaisesRegex(UserError, "VOG-2") as error:
            self.internship.with_user(self.user_po).action_start()
        self.assertNotIn("VOG-1", str(error.exception))
        self.complete_legal_checks(self.internship)
        self.internship.with_user(self.user_po).action_start()
        self.assertEqual(self.internship.state, "running")

    def test_vog2_koppeling_and_manager_informed_close_task(self):
        self._place(self.internship)
        self.internship.with_user(
            self.user_po
        ).personenregister_koppeling_date = self.today
        self.assertIn(
            "samenwijs_stage.mail_activity_type_personenregister",
            self._activity_types(self.internship),
        )
        self.internship.with_user(self.user_po).personenregister_manager_informed = True
        self.assertNotIn(
            "samenwijs_stage.mail_activity_type_personenregister",
            self._activity_types(self.internship),
        )

    def test_pop2_st1_st3_in2_checklist_progress(self):
        """PO-P2 BPV agreement, ST-1 personal data form, ST-3 BPV book, IN-2
        introduction piece: each closes its task and counts for progress."""
        self._place(self.internship)
        self.assertEqual(self.internship.onboarding_progress, 0)
        self.internship.with_user(self.user_po).write(
            {"bpv_signed": True, "bpv_signed_date": self.today}
        )
        self.internship.with_user(self.user_po).personal_data_form_returned = True
        self.internship.with_user(self.user_wb).bpv_book_handed = True
        self.internship.with_user(self.user_wb).introduction_piece_written = True
        self.assertEqual(self.internship.onboarding_progress, 57)  # 4 of 7
        # PO-P1: the werkbegeleider's placement planning task is theirs to
        # mark done; the checklist does not close it.
        planning = "samenwijs_stage.mail_activity_type_placement_planning"
        remaining = set(self._activity_types(self.internship)) - {planning}
        self.assertEqual(
            remaining,
            {
                "samenwijs_stage.mail_activity_type_vog",
                "samenwijs_stage.mail_activity_type_personenregister",
            },
        )
        self.complete_legal_checks(self.internship)
        self.assertEqual(self.internship.onboarding_progress, 100)
        self.assertEqual(set(self._activity_types(self.internship)), {planning})

    def test_rs6_snuffelstage_without_care_tasks_or_personenregister(self):
        monday = self.today + relativedelta(weekday=0)
        snuffel = self.create_internship(
            itype=self.type_snuffel,
            date_start=monday,
            date_end=monday + relativedelta(days=11),
            schedule_ids=[
                Command.create(
                    {"weekday": day, "department_id": self.linde.id, "hours": 6}
                )
                for day in ("0", "1", "2", "3", "4")
            ],
        )
        self.assertFalse(snuffel.care_tasks)
        # Two working weeks of 5 x 6 hours: 60 hours, no Personenregister.
        self.assertEqual(snuffel.planned_hours_total, 60)
        self.assertFalse(snuffel.personenregister_needed)
        snuffel.with_user(self.user_po).action_place()
        snuffel.with_user(self.user_po).vog_received = True
        snuffel.with_user(self.user_po).action_start()
        self.assertEqual(snuffel.state, "running")
        # Three weeks is longer than the exemption.
        longer = self.create_internship(
            itype=self.type_maatschappelijk,
            date_start=monday,
            date_end=monday + relativedelta(days=20),
        )
        self.assertTrue(longer.personenregister_needed)
        self.assertTrue(self.internship.care_tasks)

    def test_in1_six_week_introduction(self):
        self._place(self.internship)
        self.complete_legal_checks(self.internship)
        self.internship.with_user(self.user_po).action_start()
        start = self.internship.date_start
        self.assertEqual(
            self.internship.introduction_end_date, start + relativedelta(weeks=6)
        )
        Internship = self.env["samenwijs.internship"]
        with freeze_time(start + relativedelta(weeks=2)):
            self.internship.invalidate_recordset(["in_introduction"])
            self.assertTrue(self.internship.in_introduction)
            self.assertIn(
                self.internship, Internship.search([("in_introduction", "=", True)])
            )
        with freeze_time(start + relativedelta(weeks=6)):
            self.internship.invalidate_recordset(["in_introduction"])
            self.assertFalse(self.internship.in_introduction)
            self.assertNotIn(
                self.internship, Internship.search([("in_introduction", "=", True)])
            )

    def test_done_ends_internship(self):
        self._place(self.internship)
        self.complete_legal_checks(self.internship)
        self.internship.with_user(self.user_po).action_start()
        self.internship.with_user(self.user_po).action_done()
        self.assertEqual(self.internship.state, "done")
        with self.assertRaises(UserError):
            self.internship.with_user(self.user_po).unlink()

    def test_intern_must_be_trainee_or_student(self):
        with self.assertRaisesRegex(ValidationError, "trainee or student"):
            self.create_internship(employee=self.emp_wb2)

    def test_intern_user_gets_intern_group(self):
        user = self.env["res.users"].create({"name": "Lisa", "login": "t_lisa"})
        intern = self.env["hr.employee"].create(
            {"name": "Lisa", "user_id": user.id, "employee_type": "student"}
        )
        self.assertFalse(user.has_group("samenwijs_stage.group_intern"))
        self.create_internship(employee=intern)
        self.assertTrue(user.has_group("samenwijs_stage.group_intern"))


@tagged("post_install", "-at_install")
class TestInternshipHistory(SamenwijsCase):
    """A finished, terminated or rejected internship is history: nobody
    changes it but an internship administrator, whose correction is logged
    (issue 8, point 2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason = cls.env.ref(
            "samenwijs_stage.samenwijs_termination_reason_programme"
        )

    def _run(self, internship):
        po = internship.with_user(self.user_po)
        po.action_place()
        self.complete_legal_checks(internship)
        po.action_start()
        return internship

    def _finished(self):
        internship = self._run(self.internship)
        internship.with_user(self.user_po).action_done()
        self.assertEqual(internship.state, "done")
        return internship

    def _terminated(self):
        internship = self._run(self.internship)
        internship.with_user(self.user_po)._terminate(
            internship.date_start, self.reason
        )
        self.assertEqual(internship.state, "terminated")
        return internship

    def _notes(self, internship):
        return internship.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("mail.mt_note")
        )

    def test_finished_internship_refuses_changes_by_praktijkopleider(self):
        internship = self._finished()
        before = internship.read(["date_end", "study_year", "school_id"])
        po = internship.with_user(self.user_po)
        for vals in (
            {"date_end": self.today + relativedelta(months=1)},
            {"study_year": 2},
            {"school_id": False},
            {"vog_received": False},
            {"schedule_ids": [Command.clear()]},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(
                    UserError, "finished and can no longer be changed"
                ),
            ):
                po.write(vals)
        internship.invalidate_recordset()
        self.assertEqual(
            internship.read(["date_end", "study_year", "school_id"]), before
        )
        self.assertEqual(len(internship.schedule_ids), 2)

    def test_terminated_internship_refuses_changes_by_praktijkopleider(self):
        internship = self._terminated()
        with self.assertRaisesRegex(UserError, "terminated and can no longer"):
            internship.with_user(self.user_po).write({"notes": "<p>Later</p>"})
        with self.assertRaisesRegex(UserError, "terminated and can no longer"):
            internship.with_user(self.user_wb).write({"notes": "<p>Later</p>"})
        self.assertFalse(internship.notes)

    def test_history_schedule_is_locked(self):
        internship = self._finished()
        line = internship.schedule_ids[0].with_user(self.user_po)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            line.hours = 4
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            line.unlink()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            self.env["samenwijs.internship.schedule"].with_user(self.user_po).create(
                {
                    "internship_id": internship.id,
                    "weekday": "4",
                    "department_id": self.linde.id,
                    "hours": 4,
                }
            )
        self.assertEqual(internship.schedule_ids.mapped("hours"), [8.0, 8.0])

    def _assert_not_reopened_or_deleted(self, internship):
        po = internship.with_user(self.user_po)
        state = internship.state
        with self.assertRaises(AccessError):
            po.write({"state": "running"})
        with self.assertRaises(AccessError):
            po.write({"state": "draft"})
        for action in ("action_draft", "action_start", "action_place", "action_done"):
            with (
                self.subTest(action=action),
                self.assertRaisesRegex(UserError, "not possible"),
            ):
                getattr(po, action)()
        with self.assertRaisesRegex(UserError, "can be deleted"):
            po.unlink()
        self.assertEqual(internship.state, state)

    def test_finished_internship_cannot_be_reopened_or_deleted(self):
        self._assert_not_reopened_or_deleted(self._finished())

    def test_terminated_internship_cannot_be_reopened_or_deleted(self):
        self._assert_not_reopened_or_deleted(self._terminated())

    def test_admin_correction_is_logged(self):
        internship = self._finished()
        notes = self._notes(internship)
        new_end = internship.date_end - relativedelta(days=1)
        internship.with_user(self.user_admin).write(
            {"date_end": new_end, "study_year": 2}
        )
        internship.schedule_ids[0].with_user(self.user_admin).hours = 6
        self.env.cr.precommit.run()
        self.assertEqual(internship.date_end, new_end)
        self.assertEqual(internship.schedule_ids[0].hours, 6)
        note = self._notes(internship) - notes
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.user_admin.partner_id)
        for text in ("Anne Admin", "finished", "End date", "Study Year", "Weekly"):
            self.assertIn(text, note.body)
        with self.assertRaises(AccessError):
            internship.with_user(self.user_admin).write({"state": "running"})

    def test_rejected_internship_keeps_only_its_reason_open(self):
        po = self.internship.with_user(self.user_po)
        po.action_reject()
        po.rejection_reason = "Geen plaats"
        with self.assertRaisesRegex(UserError, "rejected and can no longer"):
            po.study_year = 2
        po.action_draft()
        po.study_year = 2
        self.assertEqual(self.internship.study_year, 2)

    def test_missing_internship_gives_a_clear_error(self):
        ghost = self.create_internship()
        ghost_id = ghost.id
        ghost.unlink()
        ghost = (
            self.env["samenwijs.internship"].with_user(self.user_po).browse(ghost_id)
        )
        for action in ("action_apply", "action_place", "action_start", "unlink"):
            with (
                self.subTest(action=action),
                self.assertRaisesRegex(UserError, "does not exist"),
            ):
                getattr(ghost, action)()
