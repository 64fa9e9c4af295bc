from datetime import timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SamenwijsCase


@tagged("post_install", "-at_install")
class TestHours(SamenwijsCase):
    """HR-1, WB-P4: the intern registers and submits hours, the
    werkbegeleider signs them; signed lines are locked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A running internship since 8 weeks, Monday and Tuesday at De Linde.
        cls.monday = cls.today - timedelta(days=cls.today.weekday())
        cls.last_monday = cls.monday - timedelta(days=7)
        cls.internship.write(
            {
                "date_start": cls.monday - timedelta(weeks=8),
                "date_end": cls.monday + relativedelta(months=6),
            }
        )
        cls.complete_legal_checks(cls, cls.internship)
        cls.internship.action_place()
        cls.internship.action_start()
        cls.Hour = cls.env["samenwijs.internship.hour"]

    def line_values(self, day=None, start=8.5, end=17.0, **vals):
        values = {
            "internship_id": self.internship.id,
            "date": day or self.last_monday,
            "department_id": self.linde.id,
            "time_start": start,
            "time_end": end,
            "break_hours": 0.5,
        }
        values.update(vals)
        return values

    def register(self, *vals_list, user=None):
        return self.Hour.with_user(user or self.user_intern).create(list(vals_list))

    def signoff_activities(self):
        activity_type = self.env.ref("samenwijs_stage.mail_activity_type_hours_to_sign")
        return self.internship.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )

    # ------------------------------------------------------------------
    # The path of a week
    # ------------------------------------------------------------------
    def test_hr1_intern_registers_and_werkbegeleider_signs(self):
        lines = self.register(
            self.line_values(),
            self.line_values(self.last_monday + timedelta(days=1), 7.0, 15.5),
        )
        self.assertEqual(lines.mapped("hours"), [8.0, 8.0])
        self.assertEqual(lines[1].shift_kind, "early")
        lines.with_user(self.user_intern).action_submit()
        self.assertEqual(set(lines.mapped("state")), {"submitted"})
        activity = self.signoff_activities()
        self.assertEqual(len(activity), 1, "One task for the week, not one per line.")
        self.assertEqual(activity.user_id, self.user_wb)
        self.assertEqual(self.internship.hours_to_sign, 16.0)

        lines.with_user(self.user_wb).action_approve()
        self.assertEqual(set(lines.mapped("state")), {"approved"})
        self.assertEqual(lines.signed_by_id, self.user_wb)
        self.assertTrue(all(lines.mapped("signed_on")))
        self.assertFalse(self.signoff_activities(), "Nothing left to sign.")
        self.assertEqual(self.internship.hours_signed, 16.0)
        self.assertEqual(self.internship.hours_to_sign, 0.0)
        self.assertAlmostEqual(self.internship.hours_progress, 100 * 16 / 800)

    def test_hr1_submitting_twice_gives_one_task(self):
        first = self.register(self.line_values())
        first.with_user(self.user_intern).action_submit()
        second = self.register(self.line_values(self.last_monday + timedelta(days=1)))
        second.with_user(self.user_intern).action_submit()
        self.assertEqual(len(self.signoff_activities()), 1)
        first.with_user(self.user_wb).action_approve()
        self.assertEqual(
            len(self.signoff_activities()), 1, "The second line still waits."
        )

    def test_hr1_shift_kind_follows_times_and_settings(self):
        line = self.register(self.line_values(start=9.0, end=18.0))
        self.assertEqual(line.shift_kind, "late")
        line.with_user(self.user_intern).write({"time_end": 17.0})
        self.assertEqual(line.shift_kind, "day")
        self.company.samenwijs_early_shift_before = 9.5
        self.assertEqual(line.shift_kind, "early")
        self.assertTrue(line.is_early)

    def test_hr1_totals_of_week_and_month(self):
        with freeze_time(self.last_monday + timedelta(days=2)):
            self.register(
                self.line_values(),
                self.line_values(
                    self.last_monday + timedelta(days=1), 9.0, 13.0, break_hours=0
                ),
            )
            self.internship.invalidate_recordset(["hours_this_week"])
            self.assertEqual(self.internship.hours_this_week, 12.0)
            self.assertEqual(self.internship.hours_registered, 12.0)
            self.assertEqual(self.internship.hours_signed, 0.0)

    def test_hr1_bpv_hours_follow_the_type(self):
        self.assertEqual(self.internship.bpv_hours, 800.0)
        self.type_pw3.bpv_hours = 0.0
        self.assertEqual(self.internship.bpv_hours, self.internship.planned_hours_total)
        self.type_pw3.bpv_hours = 400.0
        self.assertEqual(self.internship.bpv_hours, 400.0)

    def test_hr1_copy_roster_fills_the_week_up_to_today(self):
        with freeze_time(self.last_monday + timedelta(days=2)):
            self.Hour.with_user(self.user_intern).action_copy_roster()
            lines = self.internship.hour_ids
            self.assertEqual(
                sorted(lines.mapped("date")),
                [self.last_monday, self.last_monday + timedelta(days=1)],
            )
            self.assertEqual(lines.mapped("hours"), [8.0, 8.0])
            self.assertEqual(set(lines.mapped("state")), {"draft"})
            # Twice does not register a day twice.
            self.Hour.with_user(self.user_intern).action_copy_roster()
            self.assertEqual(len(self.internship.hour_ids), 2)
            self.Hour.with_user(self.user_intern).action_submit_mine()
            self.assertEqual(set(lines.mapped("state")), {"submitted"})

    # ------------------------------------------------------------------
    # Who signs, the lock
    # ------------------------------------------------------------------
    def test_wbp4_only_the_werkbegeleider_signs(self):
        lines = self.register(self.line_values())
        lines.with_user(self.user_intern).action_submit()
        for user in (self.user_intern, self.user_wb2, self.user_po, self.user_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                lines.with_user(user).action_approve()
        self.assertEqual(lines.state, "submitted")

    def test_wbp4_send_back_with_a_reason(self):
        lines = self.register(self.line_values())
        lines.with_user(self.user_intern).action_submit()
        action = lines.with_user(self.user_wb).action_open_send_back()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.user_wb)
            .with_context(**action["context"])
        )
        wizard.reason = "Dinsdag ben je om 15:00 gegaan."
        wizard.save().action_confirm()
        self.assertEqual(lines.state, "draft")
        self.assertEqual(lines.sent_back_reason, "Dinsdag ben je om 15:00 gegaan.")
        self.assertIn(
            "Dinsdag ben je om 15:00 gegaan.", self.internship.message_ids[0].body
        )
        self.assertFalse(self.signoff_activities())
        # The intern corrects and submits again.
        lines.with_user(self.user_intern).write({"time_end": 15.0})
        lines.with_user(self.user_intern).action_submit()
        self.assertFalse(lines.sent_back_reason)
        with self.assertRaises(UserError):
            lines.with_user(self.user_wb).action_send_back("  ")

    def test_hr1_signed_lines_are_locked_for_intern_and_werkbegeleider(self):
        lines = self.register(self.line_values())
        lines.with_user(self.user_intern).action_submit()
        lines.with_user(self.user_wb).action_approve()
        for user in (self.user_intern, self.user_wb):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    lines.with_user(user).write({"time_end": 18.0})
                with self.assertRaises(UserError):
                    lines.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    lines.with_user(user).action_reset("Vergissing")
        self.assertEqual(lines.time_end, 17.0)
        self.assertEqual(lines.state, "approved")

    def test_hr1_administrator_reopens_with_reason_in_chatter(self):
        lines = self.register(self.line_values())
        lines.with_user(self.user_intern).action_submit()
        lines.with_user(self.user_wb).action_approve()
        with self.assertRaises(UserError):
            lines.with_user(self.user_admin).action_reset("")
        lines.with_user(self.user_admin).action_reset("Verkeerde dag getekend")
        self.assertEqual(lines.state, "draft")
        self.assertFalse(lines.signed_by_id)
        message = self.internship.message_ids[0]
        self.assertIn("Verkeerde dag getekend", message.body)
        self.assertIn(self.user_admin.name, message.body)
        self.assertEqual(self.internship.hours_signed, 0.0)

    def test_hr1_intern_changes_only_draft_lines_of_their_own(self):
        lines = self.register(self.line_values())
        lines.with_user(self.user_intern).action_submit()
        with self.assertRaises(AccessError):
            lines.with_user(self.user_intern).write({"time_end": 16.0})
        with self.assertRaises(AccessError):
            lines.with_user(self.user_intern).write({"state": "approved"})
        # The werkbegeleider corrects a submitted line before signing.
        lines.with_user(self.user_wb).write({"werkbegeleider_alongside": True})
        self.assertTrue(lines.werkbegeleider_alongside)
        with self.assertRaises(AccessError):
            lines.with_user(self.user_wb).write({"signed_by_id": self.user_wb.id})
        # Another intern neither reads nor registers on this internship.
        with self.assertRaises(AccessError):
            lines.with_user(self.user_intern2).read(["hours"])
        with self.assertRaises(AccessError):
            self.register(self.line_values(), user=self.user_intern2)

    def test_hr1_payroll_reads_no_hours(self):
        lines = self.register(self.line_values())
        with self.assertRaises(AccessError):
            lines.with_user(self.user_payroll).read(["hours"])

    # ------------------------------------------------------------------
    # Bad input: a clear sentence, nothing saved
    # ------------------------------------------------------------------
    def test_hr1_bad_input_is_refused_and_nothing_is_saved(self):
        self.register(self.line_values(start=9.0, end=13.0))
        tomorrow = fields.Date.context_today(self.env.user) + timedelta(days=1)
        bad = {
            "end before start": self.line_values(
                self.last_monday + timedelta(days=1), start=14.0, end=9.0
            ),
            "more than 12 hours": self.line_values(
                self.last_monday + timedelta(days=1), start=6.0, end=19.5, break_hours=0
            ),
            "overlap": self.line_values(start=12.0, end=15.0),
            "outside period": self.line_values(
                self.internship.date_start - timedelta(days=1)
            ),
            "not the intern's location": self.line_values(
                self.last_monday + timedelta(days=1), department_id=self.anker.id
            ),
            "in the future": self.line_values(tomorrow),
            "break as long as the day": self.line_values(
                self.last_monday + timedelta(days=1), start=9.0, end=10.0, break_hours=1
            ),
        }
        for problem, values in bad.items():
            with self.subTest(problem), self.assertRaises(ValidationError):
                # One good line in the batch is not saved either.
                self.register(
                    self.line_values(self.last_monday + timedelta(days=2)), values
                )
        self.assertEqual(len(self.internship.hour_ids), 1)

    def test_hr1_bad_times_on_write_are_refused(self):
        line = self.register(self.line_values())
        with self.assertRaises(ValidationError):
            line.with_user(self.user_intern).write({"time_end": 25.0})
        with self.assertRaises(ValidationError):
            line.with_user(self.user_intern).write({"time_start": 18.0})
        self.assertEqual((line.time_start, line.time_end), (8.5, 17.0))

    def test_hr1_overlap_counts_across_internships_of_the_intern(self):
        self.register(self.line_values())
        # A second internship of the same intern.
        second = self.create_internship(
            date_start=self.internship.date_start,
            date_end=self.internship.date_end,
        )
        self.complete_legal_checks(second)
        second.action_place()
        second.action_start()
        with self.assertRaises(ValidationError):
            self.register(
                self.line_values(internship_id=second.id, start=16.0, end=18.0)
            )

    # ------------------------------------------------------------------
    # The hooks: finishing, termination
    # ------------------------------------------------------------------
    def test_hr1_internship_finishes_only_with_all_hours_signed(self):
        lines = self.register(self.line_values())
        with self.assertRaisesRegex(UserError, "unsigned"):
            self.internship.with_user(self.user_po).action_done()
        lines.with_user(self.user_intern).action_submit()
        lines.with_user(self.user_wb).action_approve()
        self.internship.with_user(self.user_po).action_done()
        self.assertEqual(self.internship.state, "done")

    def test_tm1_termination_removes_unsigned_hours_after_its_date(self):
        signed = self.register(self.line_values())
        signed.with_user(self.user_intern).action_submit()
        signed.with_user(self.user_wb).action_approve()
        after = self.register(
            self.line_values(self.last_monday + timedelta(days=1)),
            self.line_values(self.last_monday + timedelta(days=2)),
        )
        wizard = (
            self.env["samenwijs.internship.terminate"]
            .with_user(self.user_po)
            .create(
                {
                    "internship_id": self.internship.id,
                    "date": self.last_monday,
                    "reason_id": self.env["samenwijs.termination.reason"]
                    .search([], limit=1)
                    .id,
                }
            )
        )
        wizard.action_terminate()
        self.assertFalse(after.exists(), "Unsigned hours after the date are gone.")
        self.assertTrue(signed.exists())
        with self.assertRaisesRegex(ValidationError, "terminated"):
            self.register(self.line_values(self.last_monday + timedelta(days=1)))

    # ------------------------------------------------------------------
    # Batches
    # ------------------------------------------------------------------
    def submitted_lines(self, internship, count, first_day=0):
        """``count`` submitted lines of half an hour, ten a day."""
        start = internship.date_start + timedelta(days=first_day)
        vals_list = [
            {
                "internship_id": internship.id,
                "date": start + timedelta(days=i // 10),
                "department_id": internship.department_id.id,
                "time_start": 8.0 + (i % 10) * 0.5,
                "time_end": 8.5 + (i % 10) * 0.5,
                "break_hours": 0.0,
                "state": "submitted",
            }
            for i in range(count)
        ]
        return self.Hour.create(vals_list)

    def test_wbp4_signing_500_lines_takes_as_many_queries_as_50(self):
        self.internship.write({"date_start": self.monday - relativedelta(years=2)})
        small = self.submitted_lines(self.internship, 50)
        # A second intern of the same werkbegeleider with 500 lines.
        intern = self.env["hr.employee"].create(
            {
                "name": "Bram de Boer",
                "department_id": self.linde.id,
                "employee_type": "trainee",
            }
        )
        big_internship = self.create_internship(
            employee=intern,
            date_start=self.monday - relativedelta(years=2),
            date_end=self.monday + relativedelta(months=6),
        )
        self.complete_legal_checks(big_internship)
        big_internship.action_place()
        big_internship.action_start()
        big = self.submitted_lines(big_internship, 500)
        warm = self.submitted_lines(self.internship, 10, first_day=20)
        warm.with_user(self.user_wb).action_approve()

        self.env.invalidate_all()
        self.env.flush_all()
        count0 = self.cr.sql_log_count
        small.with_user(self.user_wb).action_approve()
        self.env.flush_all()
        queries_50 = self.cr.sql_log_count - count0
        self.env.invalidate_all()
        with self.assertQueryCount(queries_50):
            big.with_user(self.user_wb).action_approve()
        self.assertEqual(set(big.mapped("state")), {"approved"})
        self.assertEqual(big_internship.hours_signed, 250.0)
