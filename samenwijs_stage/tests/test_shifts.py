from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import SamenwijsCase

SHIFT_ACTIVITY = "samenwijs_stage.mail_activity_type_shift_rule"


class RunningInternship:
    """Sanne's internship at De Linde, running since Monday 6 April 2026, and
    how her hours are registered, submitted and signed."""

    START = date(2026, 4, 6)

    @classmethod
    def start_internship(cls):
        cls.internship.write({"date_start": cls.START, "date_end": date(2027, 1, 29)})
        cls.complete_legal_checks(cls, cls.internship)
        cls.internship.action_place()
        cls.internship.action_start()
        cls.Hour = cls.env["samenwijs.internship.hour"]
        cls.Week = cls.env["samenwijs.internship.week"]

    def register(self, day, start, end, user=None, **vals):
        """One line of Sanne's on ``day`` from ``start`` to ``end`` (half an
        hour of break)."""
        return self.Hour.with_user(user or self.user_intern).create(
            {
                "internship_id": self.internship.id,
                "date": day,
                "department_id": self.linde.id,
                "time_start": start,
                "time_end": end,
                "break_hours": 0.5,
                **vals,
            }
        )

    def sign(self, lines):
        lines.with_user(self.user_intern).action_submit()
        lines.with_user(self.user_wb).action_approve()
        return lines

    def week_of(self, monday, internship=None):
        return self.Week.search(
            [
                ("internship_id", "=", (internship or self.internship).id),
                ("week_start", "=", monday),
            ]
        )


@tagged("post_install", "-at_install")
@freeze_time("2026-06-10 10:00:00")
class TestShifts(RunningInternship, SamenwijsCase):
    """WT-1: at least one early and one late shift a week, in the planned
    schedule and in the hours worked."""

    # Mondays of weeks before today (Wednesday 10 June 2026); none of them
    # in the school holidays of region Noord.
    WEEK = date(2026, 6, 1)
    EARLIER = date(2026, 5, 18)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_internship()

    # ------------------------------------------------------------------
    # The planned schedule
    # ------------------------------------------------------------------
    def test_wt1_schedule_without_early_or_late_shift_warns(self):
        monday, tuesday = self.internship.schedule_ids.sorted("weekday")
        self.assertIn("no early shift", self.internship.schedule_shift_warning)
        self.assertIn("no late shift", self.internship.schedule_shift_warning)
        monday.with_user(self.user_po).write({"time_start": 7.0, "time_end": 15.5})
        self.assertTrue(monday.is_early)
        self.assertFalse(monday.is_late)
        self.assertNotIn("no early shift", self.internship.schedule_shift_warning)
        self.assertIn("no late shift", self.internship.schedule_shift_warning)
        tuesday.with_user(self.user_po).write({"time_start": 10.0, "time_end": 18.5})
        self.assertTrue(tuesday.is_late)
        self.assertFalse(self.internship.schedule_shift_warning)

    def test_wt1_schedule_hours_follow_the_times(self):
        monday = self.internship.schedule_ids.sorted("weekday")[0]
        monday.with_user(self.user_po).write({"time_start": 7.0, "time_end": 13.5})
        self.assertEqual(monday.hours, 6.0, "Six hours and half an hour of break")
        monday.with_user(self.user_po).write({"time_end": 12.0})
        self.assertEqual(monday.hours, 5.0, "Five hours: no break")
        with self.assertRaisesRegex(ValidationError, "follow from them"):
            monday.with_user(self.user_po).write({"hours": 8.0})
        monday.with_user(self.user_po).write(
            {"time_start": 0.0, "time_end": 0.0, "hours": 6.0}
        )
        self.assertEqual(monday.hours, 6.0)
        self.assertFalse(monday.is_early or monday.is_late)
        with self.assertRaises(ValidationError):
            monday.with_user(self.user_po).write({"time_start": 14.0, "time_end": 9.0})
        with self.assertRaises(ValidationError):
            monday.with_user(self.user_po).write({"time_end": 30.0})

    def test_wt1_form_plans_a_day_by_its_times(self):
        with Form(self.internship.with_user(self.user_po)) as form:
            with form.schedule_ids.new() as day:
                day.weekday = "2"
                day.department_id = self.linde
                day.time_start = 7.0
                day.time_end = 15.5
                self.assertEqual(day.hours, 8.0)
            self.assertIn("no late shift", form.schedule_shift_warning)
            self.assertNotIn("no early shift", form.schedule_shift_warning)
        wednesday = self.internship.schedule_ids.filtered(lambda d: d.weekday == "2")
        self.assertEqual((wednesday.hours, wednesday.is_early), (8.0, True))

    def test_wt1_schedule_shifts_follow_the_settings(self):
        monday = self.internship.schedule_ids.sorted("weekday")[0]
        monday.with_user(self.user_po).write({"time_start": 7.5, "time_end": 16.0})
        self.assertTrue(monday.is_early)
        self.company.samenwijs_early_shift_before = 7.5
        self.assertFalse(monday.is_early, "Starting at the boundary is no early shift")

    def test_wt1_nobody_writes_the_shift_flags_of_a_planned_day(self):
        monday = self.internship.schedule_ids.sorted("weekday")[0]
        with self.assertRaises(AccessError):
            monday.with_user(self.user_po).write({"is_early": True})
        with self.assertRaises(AccessError):
            monday.with_user(self.user_wb).write({"time_start": 7.0})

    def test_wt1_lines_made_from_the_schedule_keep_its_times(self):
        monday = self.internship.schedule_ids.sorted("weekday")[0]
        monday.with_user(self.user_po).write({"time_start": 7.0, "time_end": 15.5})
        values = self.internship._hour_values_from(monday, self.WEEK)
        self.assertEqual((values["time_start"], values["time_end"]), (7.0, 15.5))

    # ------------------------------------------------------------------
    # The weeks worked
    # ------------------------------------------------------------------
    def test_wt1_week_without_late_shift_is_flagged(self):
        self.register(self.WEEK, 7.0, 15.5)
        self.register(self.WEEK + timedelta(days=1), 8.5, 17.0)
        week = self.week_of(self.WEEK).with_user(self.user_intern)
        self.assertEqual((week.early_count, week.late_count), (1, 0))
        self.assertEqual(week.hours, 16.0)
        self.assertTrue(week.is_full_week)
        self.assertTrue(week.is_violation)
        self.assertEqual(week.violation, "late shift")
        self.assertEqual(self.internship.shift_violation_count, 1)
        self.assertEqual(
            self.Week.with_user(self.user_wb).search([("is_violation", "=", True)]),
            week,
        )
        # A late shift on Wednesday makes the week good.
        self.register(self.WEEK + timedelta(days=2), 10.0, 18.5)
        week = self.week_of(self.WEEK)
        self.assertEqual((week.early_count, week.late_count), (1, 1))
        self.assertFalse(week.is_violation)
        self.assertFalse(
            self.Week.search(
                [
                    ("internship_id", "=", self.internship.id),
                    ("is_violation", "=", True),
                ]
            )
        )
        self.assertEqual(self.internship.shift_violation_count, 0)

    def test_wt1_week_in_progress_is_not_flagged(self):
        self.register(date(2026, 6, 8), 8.5, 17.0)
        week = self.week_of(date(2026, 6, 8))
        self.assertFalse(week.is_full_week)
        self.assertFalse(week.is_violation)

    def test_wt1_week_with_leave_is_exempt(self):
        self.register(self.EARLIER, 8.5, 17.0)
        week = self.week_of(self.EARLIER)
        self.assertTrue(week.is_violation)
        leave_type = self.env["hr.leave.type"].create(
            {"name": "Vrije dag", "requires_allocation": False}
        )
        leave = self.env["hr.leave"].create(
            {
                "employee_id": self.emp_intern.id,
                "holiday_status_id": leave_type.id,
                "request_date_from": self.EARLIER + timedelta(days=3),
                "request_date_to": self.EARLIER + timedelta(days=3),
            }
        )
        week = self.week_of(self.EARLIER)
        self.assertFalse(week.is_exempt, "Leave still to approve does not count")
        leave.action_approve()
        self.assertEqual(leave.state, "validate")
        self.env.invalidate_all()
        week = self.week_of(self.EARLIER)
        self.assertTrue(week.is_exempt)
        self.assertEqual(week.exemption, "Leave")
        self.assertFalse(week.is_violation)

    def test_wt1_school_holiday_week_is_exempt(self):
        may_break = date(2026, 4, 27)
        self.register(may_break, 8.5, 17.0)
        self.register(self.EARLIER, 8.5, 17.0)
        self.assertTrue(self.week_of(may_break).is_violation)
        self.region.with_user(self.user_admin).school_region = "noord"
        week = self.week_of(may_break)
        self.assertTrue(week.is_exempt)
        self.assertEqual(week.exemption, "School holidays")
        self.assertFalse(week.is_violation)
        self.assertTrue(self.week_of(self.EARLIER).is_violation)

    def test_wt1_weeks_are_read_like_the_hours(self):
        self.register(self.WEEK, 8.5, 17.0)
        week = self.week_of(self.WEEK)
        for user in (self.user_intern, self.user_wb, self.user_manager, self.user_po):
            with self.subTest(user=user.login):
                self.assertEqual(
                    self.Week.with_user(user).search([("id", "=", week.id)]), week
                )
        for user in (self.user_intern2, self.user_wb2, self.user_po2):
            with self.subTest(user=user.login):
                self.assertFalse(self.Week.with_user(user).search([]))
        with self.assertRaises(AccessError):
            week.with_user(self.user_payroll).read(["hours"])
        with self.assertRaises(AccessError):
            week.with_user(self.user_admin).write({"hours": 1.0})

    def test_wt1_smart_button_opens_the_weeks(self):
        action = self.internship.with_user(self.user_wb).action_view_weeks()
        self.assertEqual(action["res_model"], "samenwijs.internship.week")
        self.assertEqual(action["domain"], [("internship_id", "=", self.internship.id)])

    def test_wt1_weeks_are_judged_in_the_same_queries_however_many(self):
        def queries_to_judge(weeks):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            weeks.mapped("is_violation")
            return self.env.cr.sql_log_count - before

        for n in range(6):
            self.register(self.START + timedelta(weeks=n), 8.5, 17.0)
        weeks = self.Week.search([("internship_id", "=", self.internship.id)])
        self.assertEqual(len(weeks), 6)
        self.assertEqual(queries_to_judge(weeks[:2]), queries_to_judge(weeks))

    # ------------------------------------------------------------------
    # The Monday task
    # ------------------------------------------------------------------
    def shift_activities(self, internship=None):
        activity_type = self.env.ref(SHIFT_ACTIVITY)
        return (internship or self.internship).activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )

    def test_wt1_cron_gives_the_werkbegeleider_one_task_per_intern_once(self):
        self.register(self.WEEK, 8.5, 17.0)
        self.register(self.WEEK + timedelta(days=1), 8.5, 17.0)
        Internship = self.env["samenwijs.internship"]
        with freeze_time("2026-06-08 03:00:00"):
            done = Internship._cron_shift_rule()
            self.assertEqual(done, self.internship)
            again = Internship._cron_shift_rule()
            self.assertFalse(again)
        activity = self.shift_activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_wb)
        self.assertIn("early shift, late shift", activity.summary)
        self.assertEqual(self.internship.shift_activity_week, self.WEEK)
        # The next Monday judges the next week: no hours there, no task.
        with freeze_time("2026-06-15 03:00:00"):
            self.assertFalse(Internship._cron_shift_rule())
        self.assertEqual(len(self.shift_activities()), 1)

    def test_wt1_cron_skips_good_weeks(self):
        self.register(self.WEEK, 7.0, 15.5)
        self.register(self.WEEK + timedelta(days=1), 10.0, 18.5)
        with freeze_time("2026-06-08 03:00:00"):
            self.assertFalse(self.env["samenwijs.internship"]._cron_shift_rule())
        self.assertFalse(self.shift_activities())
