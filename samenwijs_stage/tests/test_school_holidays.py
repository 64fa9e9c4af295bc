from datetime import date, timedelta
from unittest.mock import patch

import holidays
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SamenwijsCase
from .test_shifts import RunningInternship

COMPENSATION = "samenwijs_stage.hr_leave_type_compensation"
# Summer holidays 2026: region Noord from 4 July, Zuid from 11 July.
SUMMER_NOORD = date(2026, 7, 6)
WORKDAY = date(2026, 6, 29)


@tagged("post_install", "-at_install")
@freeze_time("2026-07-15 10:00:00")
class TestSchoolHolidays(RunningInternship, SamenwijsCase):
    """LV-1: hours worked in the school holidays of the location's region can
    be taken off later: signed, they feed a compensation allocation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_internship()
        cls.region.school_region = "noord"
        cls.region2.school_region = "zuid"

    def allocation(self):
        return self.env["hr.leave.allocation"].search(
            [
                ("employee_id", "=", self.emp_intern.id),
                ("holiday_status_id", "=", self.env.ref(COMPENSATION).id),
            ]
        )

    def holiday_week(self):
        """Monday and Tuesday in the summer holidays of region Noord, 8 hours
        each."""
        return self.register(SUMMER_NOORD, 8.5, 17.0) | self.register(
            SUMMER_NOORD + timedelta(days=1), 8.5, 17.0
        )

    # ------------------------------------------------------------------
    # The region
    # ------------------------------------------------------------------
    def test_lv1_region_is_set_by_hr_and_admin_only(self):
        self.assertEqual(self.linde.school_region_used, "noord", "From its region")
        for user in (self.user_po, self.user_manager, self.user_wb, self.user_intern):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.region.with_user(user).write({"school_region": "midden"})
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.linde.with_user(user).write({"school_region": "midden"})
        self.region.with_user(self.user_admin).school_region = "midden"
        self.assertEqual(self.linde.school_region_used, "midden")
        self.assertEqual(self.anker.school_region_used, "zuid")

    # ------------------------------------------------------------------
    # Holiday hours
    # ------------------------------------------------------------------
    def test_lv1_line_in_the_school_holidays_of_its_region_is_flagged(self):
        holiday, workday = (
            self.register(SUMMER_NOORD, 8.5, 17.0),
            self.register(WORKDAY, 8.5, 17.0),
        )
        self.assertTrue(holiday.is_school_holiday)
        self.assertFalse(workday.is_school_holiday)
        # Region Zuid has its summer holidays a week later.
        self.region.with_user(self.user_admin).school_region = "zuid"
        self.assertFalse(holiday.is_school_holiday)
        holiday.with_user(self.user_intern).date = date(2026, 7, 13)
        self.assertTrue(holiday.is_school_holiday)

    def test_lv1_holidays_are_read_once_per_region_and_year(self):
        days = [WORKDAY + timedelta(days=n) for n in range(0, 14)]
        with patch.object(holidays, "NL", wraps=holidays.NL) as school_holidays:
            lines = self.Hour.create(
                [
                    {
                        "internship_id": self.internship.id,
                        "date": day,
                        "department_id": self.linde.id,
                        "time_start": 8.5,
                        "time_end": 17.0,
                    }
                    for day in days
                ]
            )
            self.env.flush_all()
        self.assertEqual(school_holidays.call_count, 1)
        self.assertEqual(
            [line.date for line in lines.filtered("is_school_holiday")],
            [day for day in days if day >= date(2026, 7, 4)],
        )

    # ------------------------------------------------------------------
    # Compensation
    # ------------------------------------------------------------------
    def test_lv1_signed_holiday_hours_become_compensation_hours(self):
        lines = self.holiday_week()
        lines.with_user(self.user_intern).action_submit()
        self.assertFalse(self.allocation(), "Nothing before signing")
        lines.with_user(self.user_wb).action_approve()
        allocation = self.allocation()
        self.assertEqual(len(allocation), 1)
        self.assertEqual(allocation.state, "validate")
        self.assertEqual(allocation.type_request_unit, "hour")
        self.assertAlmostEqual(allocation.number_of_hours_display, 16.0)
        self.assertFalse(allocation.activity_ids, "Approved: nobody has to act")
        # More holiday hours grow the same allocation; other hours do not.
        self.sign(
            self.register(SUMMER_NOORD + timedelta(days=2), 10.0, 14.0)
            | self.register(WORKDAY, 8.5, 17.0)
        )
        self.assertEqual(self.allocation(), allocation)
        self.assertAlmostEqual(allocation.number_of_hours_display, 19.5)

    def test_lv1_reopening_signed_holiday_hours_shrinks_the_allocation(self):
        lines = self.sign(self.holiday_week())
        lines[0].with_user(self.user_admin).action_reset("Dag verkeerd ingevuld")
        self.assertAlmostEqual(self.allocation().number_of_hours_display, 8.0)
        lines[1].with_user(self.user_admin).action_reset("Ook verkeerd")
        self.assertFalse(self.allocation(), "No holiday hours, no allocation")
        with self.assertRaises(AccessError):
            self.sign(lines).with_user(self.user_wb).action_reset("Mag niet")

    def test_lv1_signing_the_same_hours_twice_counts_them_once(self):
        lines = self.holiday_week()
        lines.with_user(self.user_intern).action_submit()
        # The same lines twice in one selection.
        twice = self.Hour.browse(lines.ids + lines.ids)
        twice.with_user(self.user_wb).action_approve()
        self.assertAlmostEqual(self.allocation().number_of_hours_display, 16.0)
        # Signing them again is refused and changes nothing.
        with self.assertRaisesRegex(UserError, "Signing is not possible"):
            lines.with_user(self.user_wb).action_approve()
        # Even the hook of a signature run again counts them once.
        lines._signoff_signed()
        self.assertAlmostEqual(self.allocation().number_of_hours_display, 16.0)
        self.assertEqual(len(self.allocation()), 1)

    def test_lv1_intern_cannot_raise_their_compensation(self):
        self.sign(self.holiday_week())
        allocation = self.allocation()
        with self.assertRaises(AccessError):
            allocation.with_user(self.user_intern).write({"number_of_days": 10})
        draft = self.register(WORKDAY, 8.5, 17.0)
        with self.assertRaises(AccessError):
            draft.with_user(self.user_intern).write({"is_school_holiday": True})
        self.assertFalse(draft.is_school_holiday)

    def test_lv1_hours_taken_off_are_not_reopened_away(self):
        lines = self.sign(self.holiday_week())
        leave_type = self.env.ref(COMPENSATION)
        leaves = self.env["hr.leave"].create(
            [
                {
                    "employee_id": self.emp_intern.id,
                    "holiday_status_id": leave_type.id,
                    "request_date_from": day,
                    "request_date_to": day,
                    "request_hour_from": 9.0,
                    "request_hour_to": 15.0,
                }
                for day in (date(2026, 7, 20), date(2026, 7, 21))
            ]
        )
        leaves.action_approve()
        self.assertEqual(set(leaves.mapped("state")), {"validate"})
        # 9:00 to 15:00 less the lunch of the working hours: 5 hours a day.
        self.assertAlmostEqual(sum(leaves.mapped("number_of_hours")), 10.0)
        with self.assertRaises(ValidationError):
            lines[0].with_user(self.user_admin).action_reset("Dag verkeerd")
        leaves[1].action_refuse()
        lines[0].with_user(self.user_admin).action_reset("Dag verkeerd")
        self.assertAlmostEqual(self.allocation().number_of_hours_display, 8.0)
        with (
            self.assertRaisesRegex(UserError, "already taken compensation hours"),
            self.env.cr.savepoint(),
        ):
            lines[1].with_user(self.user_admin).action_reset("Ook verkeerd")
        self.env.invalidate_all()
        self.assertEqual(lines[1].state, "approved")
        self.assertAlmostEqual(self.allocation().number_of_hours_display, 8.0)
