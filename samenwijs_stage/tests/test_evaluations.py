from datetime import date, datetime, timedelta
from itertools import pairwise

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SamenwijsCase

MONDAY = date(2026, 6, 1)


@tagged("post_install", "-at_install")
class TestEvaluations(SamenwijsCase):
    """EV-1, WB-P1, WB-7, ST-4, PO-7: the first evaluation and the learning
    conversations, planned at the start, held and signed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Evaluation = cls.env["samenwijs.internship.evaluation"]
        cls.hold = cls.env.ref("samenwijs_stage.mail_activity_type_evaluation_hold")
        cls.prepare = cls.env.ref(
            "samenwijs_stage.mail_activity_type_evaluation_prepare"
        )

    def start(self, internship=None, start=MONDAY, end=None):
        internship = internship or self.internship
        internship.write(
            {"date_start": start, "date_end": end or start + timedelta(weeks=20)}
        )
        internship.write(
            {
                "vog_received": True,
                "vog_received_date": start - timedelta(days=20),
                "vog_date_issue": start - timedelta(days=30),
                "vog_issued_for": "samenwijs",
                "personenregister_informed": True,
                "personenregister_registered": True,
                "personenregister_koppeling_date": start - timedelta(days=20),
                "personenregister_manager_informed": True,
            }
        )
        internship.with_user(self.user_po).action_place()
        internship.with_user(self.user_po).action_start()
        return internship

    def planned(self, internship=None):
        return self.Evaluation.search(
            [("internship_id", "=", (internship or self.internship).id)], order="date"
        )

    def hold_first(self, feedback="Goede start, let op de overdracht."):
        first = self.planned()[0]
        first.with_user(self.user_wb).write({"feedback": feedback})
        first.with_user(self.user_wb).action_submit()
        return first

    # ------------------------------------------------------------------
    # Planning
    # ------------------------------------------------------------------
    @freeze_time(MONDAY)
    def test_ev1_wbp1_start_plans_first_evaluation_and_every_two_weeks(self):
        self.start()
        evaluations = self.planned()
        days = [e.date.date() for e in evaluations]
        self.assertEqual(days[0], MONDAY + timedelta(weeks=2))
        self.assertEqual(evaluations[0].kind, "first")
        self.assertEqual(set(evaluations[1:].mapped("kind")), {"conversation"})
        self.assertTrue(all((b - a).days == 14 for a, b in pairwise(days)))
        self.assertLessEqual(days[-1], self.internship.date_end)
        self.assertEqual(self.internship.next_evaluation_date, evaluations[0].date)
        self.assertEqual(self.internship.evaluation_count, len(evaluations))
        self.assertEqual(
            self.internship.with_user(self.user_manager).evaluation_count,
            0,
            "Counted as the user: the location manager reads none.",
        )
        evaluations[0].with_user(self.user_wb).action_submit()
        self.assertEqual(
            self.internship.with_user(self.user_wb).next_evaluation_date,
            evaluations[1].date,
        )
        # The first one's tasks: the werkbegeleider holds it, the intern
        # prepares the agenda three days before (ST-4).
        first = evaluations[0]
        self.assertEqual(
            first.activity_ids.filtered(
                lambda a: a.activity_type_id == self.hold
            ).user_id,
            self.user_wb,
        )
        prepare = first.activity_ids.filtered(
            lambda a: a.activity_type_id == self.prepare
        )
        self.assertEqual(prepare.user_id, self.user_intern)
        self.assertEqual(prepare.date_deadline, days[0] - timedelta(days=3))
        self.assertFalse(evaluations[2].activity_ids, "Later ones get tasks later.")
        # EV-1: the praktijkopleider checks the forms; the task is theirs.
        forms = self.env.ref("samenwijs_stage.mail_activity_type_ev1_forms")
        forms_task = self.internship.activity_ids.filtered(
            lambda a: a.activity_type_id == forms
        )
        self.assertEqual(forms_task.user_id, self.user_po)
        with self.assertRaises(AccessError):
            forms_task.with_user(self.user_wb).action_feedback(feedback="Klaar")
        self.assertTrue(forms_task.exists())

    @freeze_time(MONDAY)
    def test_wbp1_plan_skips_school_holidays_and_time_off(self):
        # The May holiday 2026 (25 April to 3 May in the holidays package):
        # start so that the first evaluation would fall inside it.
        self.region.sudo().school_region = "noord"
        start = date(2026, 4, 13)
        self.start(start=start)
        first = self.planned()[0].date.date()
        self.assertNotEqual(first, start + timedelta(weeks=2))
        self.assertGreater(first, start + timedelta(weeks=2))
        self.assertEqual(first.weekday(), 0, "The Monday after the holiday.")

    @freeze_time(MONDAY)
    def test_wbp1_moving_the_start_moves_the_plan_and_keeps_held_ones(self):
        self.start()
        first = self.hold_first()
        self.internship.with_user(self.user_po).write(
            {"date_end": MONDAY + timedelta(weeks=30)}
        )
        self.assertTrue(first.exists())
        self.assertEqual(first.state, "submitted")
        later = self.planned().filtered(lambda e: e.state == "draft")
        self.assertEqual(
            max(e.date.date() for e in later) > MONDAY + timedelta(weeks=20), True
        )
        self.assertEqual(len(self.planned().filtered(lambda e: e.kind == "first")), 1)

    @freeze_time(MONDAY + timedelta(weeks=5))
    def test_tm1_termination_cancels_what_is_planned_after_its_date(self):
        self.start()
        stop = MONDAY + timedelta(weeks=5)
        self.env["samenwijs.internship.terminate"].with_user(self.user_po).create(
            {
                "internship_id": self.internship.id,
                "date": stop,
                "reason_id": self.env["samenwijs.termination.reason"]
                .search([], limit=1)
                .id,
            }
        ).action_terminate()
        self.assertTrue(self.planned())
        self.assertLessEqual(max(e.date.date() for e in self.planned()), stop)

    # ------------------------------------------------------------------
    # Holding and signing
    # ------------------------------------------------------------------
    @freeze_time(MONDAY + timedelta(weeks=2))
    def test_ev1_first_evaluation_is_signed_after_the_forms_are_confirmed(self):
        self.start()
        first = self.hold_first()
        self.assertEqual(first.state, "submitted")
        with self.assertRaisesRegex(UserError, "EV-1"):
            first.with_user(self.user_wb).action_approve()
        # The praktijkopleider confirms only when every form is back.
        with self.assertRaisesRegex(UserError, "BPV"):
            self.internship.with_user(self.user_po).action_confirm_forms()
        with self.assertRaises(AccessError):
            self.internship.with_user(self.user_wb).action_confirm_forms()
        self.internship.write(
            {
                "bpv_signed": True,
                "bpv_signed_date": MONDAY,
                "personal_data_form_returned": True,
                "bpv_book_handed": True,
            }
        )
        self.internship.with_user(self.user_po).action_confirm_forms()
        self.assertTrue(self.internship.ev1_forms_confirmed)
        first.with_user(self.user_wb).action_approve()
        self.assertEqual(first.state, "approved")
        self.assertEqual(first.signed_by_id, self.user_wb)
        self.assertEqual(self.internship.last_conversation_date, first.date)

    @freeze_time(MONDAY + timedelta(weeks=4))
    def test_wb7_signing_needs_feedback_and_locks(self):
        self.start()
        conversation = self.planned()[1]
        conversation.with_user(self.user_wb).action_submit()
        with self.assertRaisesRegex(UserError, "WB-7"):
            conversation.with_user(self.user_wb).action_approve()
        conversation.with_user(self.user_wb).write(
            {"feedback": "Neemt steeds meer initiatief.", "result": "positive"}
        )
        with self.assertRaises(AccessError):
            conversation.with_user(self.user_wb2).action_approve()
        conversation.with_user(self.user_wb).action_approve()
        with self.assertRaises(UserError):
            conversation.with_user(self.user_wb).write({"feedback": "Anders"})
        with self.assertRaises(UserError):
            conversation.line_ids[0].with_user(self.user_wb).write({"rating": "goed"})
        self.assertEqual(conversation.feedback, "Neemt steeds meer initiatief.")

    @freeze_time(MONDAY)
    def test_st4_intern_plans_and_prepares_until_held(self):
        self.start()
        first = self.planned()[0].with_user(self.user_intern)
        first.write({"agenda": "<p>Hoe ga ik om met een huilende peuter?</p>"})
        first.write({"date": datetime(2026, 6, 16, 10, 0)})
        self.assertIn("huilende peuter", first.agenda)
        with self.assertRaises(AccessError):
            first.write({"feedback": "Zelf bedacht"})
        with self.assertRaises(AccessError):
            first.action_approve()
        self.planned()[0].with_user(self.user_wb).action_submit()
        with self.assertRaises(UserError):
            first.write({"agenda": "<p>Later toegevoegd</p>"})

    # ------------------------------------------------------------------
    # One form per kind (PO-7)
    # ------------------------------------------------------------------
    @freeze_time(MONDAY)
    def test_po7_one_form_per_kind_and_changes_keep_made_evaluations(self):
        self.start()
        template = self.env.ref("samenwijs_stage.evaluation_template_conversation")
        conversation = self.planned()[1]
        names = conversation.line_ids.mapped("name")
        self.assertEqual(names, template.criterion_ids.mapped("name"))
        template.criterion_ids = [Command.create({"name": "Omgaan met conflicten"})]
        self.assertEqual(conversation.line_ids.mapped("name"), names)
        later = self.Evaluation.with_user(self.user_po).create(
            {
                "internship_id": self.internship.id,
                "kind": "conversation",
                "date": datetime(2026, 9, 1, 10, 0),
            }
        )
        self.assertIn("Omgaan met conflicten", later.line_ids.mapped("name"))
        with self.assertRaises(AccessError):
            template.with_user(self.user_po).write({"name": "Eigen formulier"})

    # ------------------------------------------------------------------
    # Personal data
    # ------------------------------------------------------------------
    @freeze_time(MONDAY)
    def test_evaluations_are_read_only_by_the_intern_wb_po_and_admin(self):
        self.start()
        first = self.planned()[0]
        for user in (self.user_intern, self.user_wb, self.user_po, self.user_admin):
            with self.subTest(user=user.login):
                first.with_user(user).read(["feedback", "agenda"])
        for user in (
            self.user_intern2,
            self.user_wb2,
            self.user_po2,
            self.user_manager,
            self.user_payroll,
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                first.with_user(user).read(["feedback"])
        self.assertFalse(
            self.internship.with_user(self.user_manager).evaluation_ids,
            "The location manager sees the internship, not its evaluations.",
        )
        # HR officers read them as part of the employee's file, and change
        # nothing.
        hr_officer = new_test_user(
            self.env, login="t_hr", name="Hanna HR", groups="hr.group_hr_user"
        )
        first.with_user(hr_officer).read(["feedback"])
        first.line_ids.with_user(hr_officer).read(["rating"])
        with self.assertRaises(AccessError):
            first.with_user(hr_officer).write({"feedback": "Door HR"})

    # ------------------------------------------------------------------
    # The daily check (WB-P1)
    # ------------------------------------------------------------------
    def test_wbp1_no_conversation_in_two_weeks_warns_once_then_escalates(self):
        with freeze_time(MONDAY):
            self.start()
        activity_type = self.env.ref(
            "samenwijs_stage.mail_activity_type_no_conversation"
        )

        def warnings():
            return self.internship.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            )

        Internship = self.env["samenwijs.internship"]
        with freeze_time(MONDAY + timedelta(days=13)):
            Internship._cron_learning_conversations()
            self.assertFalse(warnings())
        with freeze_time(MONDAY + timedelta(days=15)):
            Internship._cron_learning_conversations()
            Internship._cron_learning_conversations()
            self.assertEqual(warnings().user_id, self.user_wb)
        self.company.samenwijs_conversation_escalation_days = 7
        with freeze_time(MONDAY + timedelta(days=21)):
            Internship._cron_learning_conversations()
            self.assertEqual(len(warnings()), 2)
            self.assertEqual(warnings().user_id, self.user_wb | self.user_po)
            Internship._cron_learning_conversations()
            self.assertEqual(len(warnings()), 2)
        # A held conversation ends it: the check adds nothing.
        with freeze_time(MONDAY + timedelta(days=22)):
            first = self.planned()[0]
            first.with_user(self.user_wb).write({"date": datetime(2026, 6, 22, 10, 0)})
            first.with_user(self.user_wb).action_submit()
            warnings().unlink()
            Internship._cron_learning_conversations()
            self.assertFalse(warnings())

    # ------------------------------------------------------------------
    # Batches
    # ------------------------------------------------------------------
    def running_internships(self, count, weeks=40):
        interns = self.env["hr.employee"].create(
            [
                {
                    "name": f"Stagiair {i}",
                    "department_id": self.linde.id,
                    "employee_type": "trainee",
                }
                for i in range(count)
            ]
        )
        internships = self.env["samenwijs.internship"].create(
            [
                {
                    "employee_id": intern.id,
                    "internship_type_id": self.type_pw3.id,
                    "werkbegeleider_id": self.emp_wb.id,
                    "date_start": MONDAY,
                    "date_end": MONDAY + timedelta(weeks=weeks),
                    "schedule_ids": [
                        Command.create(
                            {"weekday": "0", "department_id": self.linde.id, "hours": 8}
                        )
                    ],
                }
                for intern in interns
            ]
        )
        # The state is set directly: only the planning is measured.
        internships.write({"state": "running"})
        return internships

    @freeze_time(MONDAY)
    def test_wbp1_planning_queries_do_not_grow_per_internship(self):
        """Planning 5 or 500 internships costs the same queries, except that
        Odoo writes new rows in chunks of 100: one INSERT per chunk of
        evaluations, ratings, tasks and followers, and one UPDATE per chunk
        of the stored computed fields of evaluations and tasks.
        Internships of three weeks: one evaluation each, to keep it quick."""
        self.running_internships(2, weeks=3)._plan_evaluations()  # warm the caches
        counts, rows = [], []
        for count in (5, 500):
            internships = self.running_internships(count, weeks=3)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            evaluations = internships._plan_evaluations()
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
            self.assertEqual(len(evaluations), count)
            rows.append(
                (
                    len(evaluations),
                    len(evaluations.line_ids),
                    len(evaluations.activity_ids),
                    len(evaluations.message_follower_ids),
                )
            )

        def chunks(n):
            return -(-n // 100)

        # Rows of evaluations and tasks (each written twice: the INSERT and
        # the UPDATE of their stored computed fields), ratings, followers.
        weights = (2, 1, 2, 1)
        allowed = sum(
            weight * (chunks(big) - chunks(small))
            for weight, small, big in zip(weights, *rows, strict=True)
        )
        self.assertLessEqual(
            counts[1] - counts[0], allowed, f"queries for 5 and 500: {counts}"
        )
