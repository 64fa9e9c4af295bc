from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SamenwijsCase

SICK_ACTIVITY = "samenwijs_stage.mail_activity_type_sick_report"
SCHOOL_ACTIVITY = "samenwijs_stage.mail_activity_type_sick_school_contact"
# Monday 2 March 2026; Amsterdam is UTC+1 then.
MONDAY = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestSickness(SamenwijsCase):
    """Days off (LV-2) and sickness (SK-1, SK-2) through the Time Off app."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.emp_intern | cls.emp_intern2).tz = "Europe/Amsterdam"
        internship = cls.internship
        internship.write(
            {
                "vog_received": True,
                "vog_received_date": cls.today,
                "vog_date_issue": cls.today,
                "vog_issued_for": "samenwijs",
                "personenregister_informed": True,
                "personenregister_registered": True,
                "personenregister_koppeling_date": cls.today,
                "personenregister_manager_informed": True,
            }
        )
        internship.action_place()
        internship.action_start()
        internship.write(
            {"date_start": date(2026, 1, 5), "date_end": date(2026, 12, 18)}
        )
        cls.sick_type = cls.env.ref("hr_holidays.leave_type_sick_time_off")
        cls.Report = cls.env["samenwijs.sick.report"]

    # ------------------------------------------------------------------
    def report_sick(self, user=None, when="2026-03-02 07:30:00"):
        with freeze_time(when):
            self.internship.with_user(user or self.user_intern).action_report_sick()
        return self.Report.search(
            [("internship_id", "=", self.internship.id)], order="id desc", limit=1
        )

    def recover(self, report, user=None, when="2026-03-02 15:00:00"):
        with freeze_time(when):
            report.with_user(user or self.user_intern).action_recover()

    def activities(self, report, xmlid):
        activity_type = self.env.ref(xmlid)
        return report.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )

    def run_cron(self, when):
        with freeze_time(when):
            self.Report._cron_samenwijs_sickness()

    # ------------------------------------------------------------------
    # LV-2: days off are requested from the werkbegeleider
    # ------------------------------------------------------------------
    def test_lv2_werkbegeleider_approves_day_off(self):
        day_off = self.env["hr.leave.type"].create(
            {
                "name": "Vrije dag",
                "requires_allocation": False,
                "leave_validation_type": "manager",
            }
        )
        with freeze_time("2026-03-02 10:00:00"):
            leave = (
                self.env["hr.leave"]
                .with_user(self.user_intern)
                .create(
                    {
                        "employee_id": self.emp_intern.id,
                        "holiday_status_id": day_off.id,
                        "request_date_from": "2026-03-09",
                        "request_date_to": "2026-03-09",
                    }
                )
            )
            self.assertEqual(leave.state, "confirm")
            # The werkbegeleider is the approver and has the task.
            self.assertEqual(leave.employee_id.leave_manager_id, self.user_wb)
            self.assertIn(self.user_wb, leave.activity_ids.user_id)
            with self.assertRaises(UserError):
                leave.with_user(self.user_intern).action_approve()
            for other in (self.user_wb2, self.user_intern2):
                with self.assertRaises(AccessError):
                    leave.with_user(other).action_approve()
            self.assertEqual(leave.state, "confirm")
            leave.with_user(self.user_wb).action_approve()
            self.assertEqual(leave.state, "validate")

    # ------------------------------------------------------------------
    # SK-1: reporting sick and recovery
    # ------------------------------------------------------------------
    def test_sk1_report_before_nine_is_on_time(self):
        report = self.report_sick(when="2026-03-02 07:30:00")  # 08:30 local
        self.assertEqual(report.state, "sick")
        self.assertFalse(report.late)
        self.assertEqual(report.date_from, MONDAY)
        self.assertFalse(report.date_to)
        self.assertEqual(report.reported_by_id, self.user_intern)
        leave = report.leave_id
        self.assertEqual(leave.holiday_status_id, self.sick_type)
        self.assertEqual(leave.employee_id, self.emp_intern)
        self.assertEqual(leave.state, "validate")
        self.assertEqual(leave.request_date_from, MONDAY)
        # The werkbegeleider is told at once.
        activity = self.activities(report, SICK_ACTIVITY)
        self.assertEqual(activity.user_id, self.user_wb)
        self.assertIn(self.user_wb.partner_id, report.message_partner_ids)
        self.assertTrue(self.internship.with_user(self.user_wb).is_sick)

    def test_sk1_report_after_nine_is_late(self):
        report = self.report_sick(when="2026-03-02 08:30:00")  # 09:30 local
        self.assertTrue(report.late)
        self.assertIn("late", report.message_ids[:1].body)
        self.assertIn("late", self.activities(report, SICK_ACTIVITY).note)

    def test_sk1_report_hour_is_a_company_setting(self):
        self.company.samenwijs_sick_report_before = 10.0
        report = self.report_sick(when="2026-03-02 08:30:00")  # 09:30 local
        self.assertFalse(report.late)

    def test_sk1_werkbegeleider_reports_for_the_intern(self):
        report = self.report_sick(user=self.user_wb)
        self.assertEqual(report.reported_by_id, self.user_wb)
        self.assertEqual(report.leave_id.state, "validate")
        # The werkbegeleider made the report: no task for themselves.
        self.assertFalse(self.activities(report, SICK_ACTIVITY))

    def test_sk1_only_intern_or_werkbegeleider_reports(self):
        for user in (
            self.user_wb2,
            self.user_intern2,
            self.user_po,
            self.user_manager,
            self.user_payroll,
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                with freeze_time("2026-03-02 07:30:00"):
                    self.internship.with_user(user).action_report_sick()
        self.assertFalse(self.Report.search([]))
        self.assertFalse(self.internship.with_user(self.user_po).can_report_sick)
        self.assertTrue(self.internship.with_user(self.user_intern).can_report_sick)

    def test_sk1_only_running_internships_and_once(self):
        with self.assertRaises(UserError) as error:
            self.internship2.with_user(self.user_intern2).action_report_sick()
        self.assertIn("not running", str(error.exception))
        self.report_sick()
        with self.assertRaises(UserError) as error:
            self.report_sick(when="2026-03-02 09:00:00")
        self.assertIn("already reported sick", str(error.exception))

    def test_sk1_recovery_ends_sickness_and_time_off(self):
        report = self.report_sick()
        # Still sick on Wednesday: the daily check extends the time off.
        self.run_cron("2026-03-04 01:30:00")
        self.assertEqual(report.leave_id.request_date_to, date(2026, 3, 4))
        self.assertEqual(report.leave_id.state, "validate")
        self.recover(report, when="2026-03-04 16:00:00")
        self.assertEqual(report.state, "recovered")
        self.assertEqual(report.date_to, date(2026, 3, 4))
        self.assertEqual(report.recovered_by_id, self.user_intern)
        self.assertEqual(report.leave_id.request_date_to, date(2026, 3, 4))
        self.assertEqual(report.leave_id.state, "validate")
        # Monday and Tuesday are the intern's working days.
        self.assertEqual(report.working_days, 2)
        self.assertFalse(self.activities(report, SICK_ACTIVITY))
        with self.assertRaises(UserError) as error:
            self.recover(report)
        self.assertIn("already reported", str(error.exception))
        # Once recovered the intern can report sick again.
        self.assertTrue(self.internship.with_user(self.user_intern).can_report_sick)

    def test_sk1_recovery_from_the_internship(self):
        self.report_sick()
        with freeze_time("2026-03-02 15:00:00"):
            self.internship.with_user(self.user_wb).action_report_recovery()
        report = self.Report.search([("internship_id", "=", self.internship.id)])
        self.assertEqual(report.state, "recovered")
        self.assertEqual(report.recovered_by_id, self.user_wb)
        for user in (self.user_wb2, self.user_po):
            with self.assertRaises(AccessError):
                self.recover(report, user=user)

    def test_sk1_report_from_the_time_off_app(self):
        with freeze_time("2026-03-02 07:45:00"):
            leave = (
                self.env["hr.leave"]
                .with_user(self.user_intern)
                .create(
                    {
                        "employee_id": self.emp_intern.id,
                        "holiday_status_id": self.sick_type.id,
                        "request_date_from": "2026-03-02",
                        "request_date_to": "2026-03-02",
                    }
                )
            )
        report = self.Report.search([("leave_id", "=", leave.id)])
        self.assertEqual(report.internship_id, self.internship)
        self.assertEqual(report.state, "sick")
        self.assertFalse(report.late)
        # A report, not a request: validated at once, no approval task.
        self.assertEqual(leave.state, "validate")
        self.assertFalse(
            leave.activity_ids.filtered(
                lambda a: a.activity_type_id
                == self.env.ref("hr_holidays.mail_act_leave_approval")
            )
        )
        self.assertEqual(self.activities(report, SICK_ACTIVITY).user_id, self.user_wb)
        # Still sick on Tuesday.
        self.run_cron("2026-03-03 01:30:00")
        self.assertEqual(leave.request_date_to, date(2026, 3, 3))

    def test_sk1_werkbegeleider_reports_in_the_time_off_app(self):
        values = {
            "employee_id": self.emp_intern.id,
            "holiday_status_id": self.sick_type.id,
            "request_date_from": "2026-03-02",
            "request_date_to": "2026-03-02",
        }
        with freeze_time("2026-03-02 07:45:00"):
            with self.assertRaises(AccessError):
                self.env["hr.leave"].with_user(self.user_wb2).create(values)
            leave = self.env["hr.leave"].with_user(self.user_wb).create(values)
        report = self.Report.search([("leave_id", "=", leave.id)])
        self.assertEqual(report.reported_by_id, self.user_wb)
        self.assertEqual(leave.state, "validate")
        # Nobody approved it: it is a report.
        self.assertFalse(leave.first_approver_id)

    def test_sk1_time_off_app_past_sickness_is_late_and_recovered(self):
        with freeze_time("2026-03-04 10:00:00"):
            leave = (
                self.env["hr.leave"]
                .with_user(self.user_intern)
                .create(
                    {
                        "employee_id": self.emp_intern.id,
                        "holiday_status_id": self.sick_type.id,
                        "request_date_from": "2026-03-02",
                        "request_date_to": "2026-03-03",
                    }
                )
            )
        report = self.Report.search([("leave_id", "=", leave.id)])
        self.assertTrue(report.late)
        self.assertEqual(report.state, "recovered")
        self.assertEqual(report.date_to, date(2026, 3, 3))
        self.assertEqual(leave.state, "validate")

    def test_sk1_no_sickness_ahead_and_no_report_for_others(self):
        values = {
            "employee_id": self.emp_intern.id,
            "holiday_status_id": self.sick_type.id,
            "request_date_from": "2026-03-09",
            "request_date_to": "2026-03-09",
        }
        with freeze_time("2026-03-02 07:45:00"):
            with self.assertRaises(UserError) as error:
                self.env["hr.leave"].with_user(self.user_intern).create(values)
        self.assertIn("not ahead", str(error.exception))
        # Sick time off of an employee without a running internship is
        # Odoo's own business: no report.
        with freeze_time("2026-03-02 07:45:00"):
            leave = self.env["hr.leave"].create(
                dict(
                    values,
                    employee_id=self.emp_po.id,
                    request_date_from="2026-03-02",
                    request_date_to="2026-03-02",
                )
            )
        self.assertFalse(self.Report.search([("leave_id", "=", leave.id)]))
        # Sick time off planned ahead by HR (an operation) is no report.
        with freeze_time("2026-03-02 07:45:00"):
            planned = self.env["hr.leave"].create(values)
        self.assertFalse(self.Report.search([("leave_id", "=", planned.id)]))

    def test_sk1_reports_are_changed_only_by_the_actions(self):
        report = self.report_sick()
        for user, values in (
            (self.user_intern, {"state": "recovered"}),
            (self.user_wb, {"late": False}),
            (self.user_wb, {"date_from": "2026-03-01"}),
            (self.user_admin, {"state": "recovered"}),
            (self.user_po, {"date_to": "2026-03-02"}),
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                report.with_user(user).write(values)
        for user in (self.user_intern, self.user_wb, self.user_admin):
            with self.assertRaises(AccessError):
                self.Report.with_user(user).create(
                    {"internship_id": self.internship.id, "date_from": MONDAY}
                )
            with self.assertRaises(AccessError):
                report.with_user(user).unlink()
        self.assertEqual(report.state, "sick")
        # The intern keeps the werkbegeleider informed on the report.
        report.with_user(self.user_intern).message_post(
            body="Koorts, morgen weet ik meer.", message_type="comment"
        )
        self.assertIn("Koorts", report.message_ids[:1].body)

    def test_sk1_ended_internship_ends_sickness(self):
        report = self.report_sick()
        # Finished on Tuesday (the dates of the legal checks are real ones,
        # hence no frozen action here).
        self.internship.write({"state": "done", "date_end": date(2026, 3, 3)})
        self.run_cron("2026-03-05 01:30:00")
        self.assertEqual(report.state, "recovered")
        self.assertEqual(report.date_to, date(2026, 3, 3))
        self.assertEqual(report.leave_id.request_date_to, date(2026, 3, 3))

    # ------------------------------------------------------------------
    # SK-2: often or long sick, the praktijkopleider considers the school
    # ------------------------------------------------------------------
    def test_sk2_often_sick_gives_po_one_task(self):
        first = self.report_sick(when="2026-03-02 07:00:00")
        self.recover(first, when="2026-03-02 15:00:00")
        second = self.report_sick(when="2026-03-16 07:00:00")
        self.recover(second, when="2026-03-16 15:00:00")
        self.run_cron("2026-03-17 01:30:00")
        school = self.env.ref(SCHOOL_ACTIVITY)
        self.assertFalse(
            self.env["mail.activity"].search([("activity_type_id", "=", school.id)])
        )
        third = self.report_sick(when="2026-04-06 06:00:00")
        self.recover(third, when="2026-04-06 15:00:00")
        self.run_cron("2026-04-07 01:30:00")
        self.run_cron("2026-04-08 01:30:00")
        tasks = self.activities(third, SCHOOL_ACTIVITY)
        self.assertEqual(tasks.user_id, self.user_po)
        self.assertEqual(len(tasks), 1)
        self.assertIn("3 times", tasks.note)
        self.assertTrue(third.sk2_often_signalled)
        self.assertFalse(self.activities(first | second, SCHOOL_ACTIVITY))
        # A fourth report within the same period is the same occurrence.
        fourth = self.report_sick(when="2026-04-13 06:00:00")
        self.run_cron("2026-04-14 01:30:00")
        self.assertFalse(self.activities(fourth, SCHOOL_ACTIVITY))

    def test_sk2_often_follows_the_settings(self):
        self.company.write(
            {"samenwijs_sick_often_count": 2, "samenwijs_sick_often_months": 1}
        )
        first = self.report_sick(when="2026-03-02 07:00:00")
        self.recover(first, when="2026-03-02 15:00:00")
        # Two reports, but more than a month apart.
        second = self.report_sick(when="2026-04-06 06:00:00")
        self.recover(second, when="2026-04-06 15:00:00")
        self.run_cron("2026-04-07 01:30:00")
        self.assertFalse(self.activities(first | second, SCHOOL_ACTIVITY))
        third = self.report_sick(when="2026-04-13 06:00:00")
        self.run_cron("2026-04-14 01:30:00")
        self.assertEqual(len(self.activities(third, SCHOOL_ACTIVITY)), 1)

    def test_sk2_long_sick_gives_po_one_task(self):
        report = self.report_sick()
        # Five working days (Monday and Tuesday) are not more than five.
        self.run_cron("2026-03-16 01:30:00")
        with freeze_time("2026-03-16 12:00:00"):
            report.invalidate_recordset(["working_days"])
            self.assertEqual(report.working_days, 5)
        self.assertFalse(self.activities(report, SCHOOL_ACTIVITY))
        self.run_cron("2026-03-17 01:30:00")
        self.run_cron("2026-03-17 02:30:00")
        tasks = self.activities(report, SCHOOL_ACTIVITY)
        self.assertEqual(len(tasks), 1)
        self.assertEqual(tasks.user_id, self.user_po)
        self.assertIn("6 working days", tasks.note)
        self.assertTrue(report.sk2_long_signalled)
        self.assertEqual(report.leave_id.request_date_to, date(2026, 3, 17))
        # The praktijkopleider's task stays with them.
        with self.assertRaises(AccessError):
            tasks.with_user(self.user_intern).action_done()
        with self.assertRaises(AccessError):
            tasks.with_user(self.user_wb).unlink()
        tasks.with_user(self.user_po).action_done()
        self.run_cron("2026-03-18 01:30:00")
        self.assertFalse(self.activities(report, SCHOOL_ACTIVITY))

    # ------------------------------------------------------------------
    # Privacy: who may know that an intern is sick
    # ------------------------------------------------------------------
    def test_sk1_sick_report_readers(self):
        report = self.report_sick()
        for user in (self.user_intern, self.user_wb, self.user_po, self.user_admin):
            with self.subTest(user=user.login):
                report.with_user(user).read(["date_from", "state", "late"])
                with freeze_time("2026-03-02 12:00:00"):
                    self.assertEqual(
                        self.internship.with_user(user).sick_report_count, 1
                    )
        for user in (
            self.user_intern2,
            self.user_wb2,
            self.user_po2,
            self.user_manager,
            self.user_payroll,
        ):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    report.with_user(user).read(["date_from"])
                as_user = self.Report.with_user(user)
                self.assertFalse(as_user.has_access("read") and as_user.search([]))
                self.assertFalse(
                    self.env["mail.message"]
                    .with_user(user)
                    .search([("model", "=", report._name)])
                )
        # The location manager reads the internship, not that the intern is
        # sick.
        as_manager = self.internship.with_user(self.user_manager)
        with freeze_time("2026-03-02 12:00:00"):
            self.assertEqual(as_manager.sick_report_count, 0)
        self.assertFalse(as_manager.is_sick)
        self.assertFalse(as_manager.can_view_sick_reports)

    def test_sk1_sick_time_off_stays_private(self):
        """Odoo shows every employee that a colleague is absent (Time Off
        calendar, working time); that it is sickness only those who may
        read the time off see."""
        report = self.report_sick()
        leave = report.leave_id
        for user in (self.user_intern, self.user_wb):
            leave.with_user(user).read(["holiday_status_id"])
        # The location manager (the department's manager) is left out of the
        # time-off summary check below: Odoo's own hr.leave.report shows a
        # department manager the time off of their department.
        for user in (self.user_intern2, self.user_wb2, self.user_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    leave.with_user(user).read(["holiday_status_id"])
                self.assertFalse(
                    self.env["hr.leave"]
                    .with_user(user)
                    .search([("holiday_status_id", "=", self.sick_type.id)])
                )
                # The absence in the Time Off calendar, without its type.
                calendar = (
                    self.env["hr.leave.report.calendar"]
                    .with_user(user)
                    .search([("employee_id", "=", self.emp_intern.id)])
                )
                self.assertTrue(calendar)
                self.assertNotIn(self.sick_type.name, calendar.name)
                with self.assertRaises(AccessError):
                    calendar.read(["holiday_status_id"])
                # The working time names the time off without its type.
                resource_leave = (
                    self.env["resource.calendar.leaves"]
                    .with_user(user)
                    .search([("holiday_id", "=", leave.id)])
                )
                self.assertTrue(resource_leave)
                [values] = resource_leave.read(["name", "holiday_id"])
                self.assertNotIn(self.sick_type.name, values["holiday_id"][1])
                self.assertNotIn(self.sick_type.name, values["name"])
                # The time-off summary shows only one's own.
                if user == self.user_manager:
                    continue
                self.assertFalse(
                    self.env["hr.leave.report"]
                    .with_user(user)
                    .search([("employee_id", "=", self.emp_intern.id)])
                )
        # Those who may read the time off see its type.
        [values] = (
            self.env["resource.calendar.leaves"]
            .with_user(self.user_wb)
            .search([("holiday_id", "=", leave.id)])
            .read(["holiday_id"])
        )
        self.assertIn(self.sick_type.name, values["holiday_id"][1])

    def test_sk1_readers_open_the_sick_report_screens(self):
        report = self.report_sick()
        for user in (self.user_intern, self.user_wb, self.user_po, self.user_admin):
            with self.subTest(user=user.login):
                Report = self.Report.with_user(user)
                views = Report.get_views([(False, "list"), (False, "form")])
                names = list(views["models"][Report._name]["fields"])
                with freeze_time("2026-03-02 12:00:00"):
                    report.with_user(user).read(names)
                    action = self.internship.with_user(user).action_view_sick_reports()
                self.assertEqual(Report.search(action["domain"]), report)

    def test_sk1_sick_on_sunday_time_off_from_the_first_working_day(self):
        report = self.report_sick(when="2026-03-01 09:00:00")  # Sunday
        self.assertEqual(report.state, "sick")
        self.assertFalse(report.leave_id)
        self.run_cron("2026-03-02 01:30:00")
        self.assertEqual(report.leave_id.state, "validate")
        self.assertEqual(report.leave_id.request_date_from, date(2026, 3, 1))
        self.assertEqual(report.leave_id.request_date_to, MONDAY)
        self.run_cron("2026-03-02 02:30:00")
        self.assertEqual(
            len(
                self.env["hr.leave"].search([("employee_id", "=", self.emp_intern.id)])
            ),
            1,
        )
