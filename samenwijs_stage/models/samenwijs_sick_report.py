import logging
from datetime import date, timedelta

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date, format_datetime

from .field_rights import mail_field_names
from .value_checks import check_exists, check_values, check_values_list

_logger = logging.getLogger(__name__)

ADMIN = "samenwijs_stage.group_admin"
TIME_OFF_OFFICER = "hr_holidays.group_hr_holidays_user"
SICK_LEAVE_TYPE = "hr_holidays.leave_type_sick_time_off"
SICK_REPORT_ACTIVITY = "samenwijs_stage.mail_activity_type_sick_report"
SCHOOL_CONTACT_ACTIVITY = "samenwijs_stage.mail_activity_type_sick_school_contact"
# How long after recovery a long sickness is still looked at by the daily
# check (SK-2): the check runs every day, this only covers missed runs and
# recoveries reported afterwards.
LONG_LOOKBACK_DAYS = 31


class SamenwijsSickReport(models.Model):
    """A sick report of an intern (SK-1) and its follow-up (SK-2).

    The intern, or the werkbegeleider for them, reports sick with one action
    from the internship (``samenwijs.internship.action_report_sick``) or by
    entering time off of the sick type in the Time Off app. The report keeps
    a validated leave of Odoo's sick time-off type in step (``leave_id``):
    while the intern is sick the daily check extends it to today, the
    recovery (``action_recover``) sets its end. A report made after the
    company's hour (``samenwijs_sick_report_before``) of its first day is
    late (SK-1). Sick often or long gives the praktijkopleider a task to
    consider contacting the school, once per occurrence (SK-2).

    Who reads: the intern their own reports, the werkbegeleider those of the
    internships they supervise, the praktijkopleider those of their region,
    the internship administrator all of them; nobody else (sickness is
    health data). Nobody creates or writes a report directly: the actions
    do, after checking the acting user, and readers only post messages on
    it.
    """

    _name = "samenwijs.sick.report"
    _description = "Sick report"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    internship_id = fields.Many2one(
        "samenwijs.internship",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    employee_id = fields.Many2one(
        related="internship_id.employee_id",
        string="Intern",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        related="internship_id.company_id", store=True, index=True
    )
    date_from = fields.Date(
        string="Sick from", required=True, readonly=True, tracking=True
    )
    date_to = fields.Date(
        string="Sick until",
        readonly=True,
        tracking=True,
        help="The last day of sickness; empty while the intern is sick.",
    )
    reported_at = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now
    )
    reported_by_id = fields.Many2one(
        "res.users",
        string="Reported by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    late = fields.Boolean(
        string="Reported late",
        compute="_compute_late",
        store=True,
        help="Reported after the hour of the company's setting on the first "
        "day of sickness, or on a later day (SK-1).",
    )
    state = fields.Selection(
        [("sick", "Sick"), ("recovered", "Recovered")],
        default="sick",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    recovered_at = fields.Datetime(string="Recovery reported at", readonly=True)
    recovered_by_id = fields.Many2one(
        "res.users", string="Recovery reported by", readonly=True
    )
    leave_id = fields.Many2one(
        "hr.leave",
        string="Time off",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The sick time off in the Time Off app that this report keeps in step.",
    )
    working_days = fields.Integer(
        compute="_compute_working_days",
        help="The intern's working days (of the weekly schedule) from the first "
        "day of sickness up to the last one, or up to today while sick.",
    )
    sk2_often_signalled = fields.Boolean(
        string="Sick often: praktijkopleider informed", readonly=True, copy=False
    )
    sk2_long_signalled = fields.Boolean(
        string="Sick long: praktijkopleider informed", readonly=True, copy=False
    )
    can_recover = fields.Boolean(compute="_compute_can_recover")

    _dates_ordered = models.Constraint(
        "CHECK (date_to IS NULL OR date_to >= date_from)",
        "A sickness cannot end before it starts.",
    )
    _one_open_report = models.UniqueIndex(
        "(internship_id) WHERE state = 'sick'",
        "The intern is already reported sick: report recovery first.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("employee_id", "date_from")
    def _compute_display_name(self):
        for report in self:
            # sudo: only the intern's name is shown, to those who read the
            # report.
            report.display_name = self.env._(
                "%(intern)s: sick from %(date)s",
                intern=report.sudo().employee_id.name or "",
                date=format_date(self.env, report.date_from),
            )

    @api.depends("reported_at", "date_from", "company_id")
    def _compute_late(self):
        """SK-1: the intern reports sick before the company's hour (09:00)
        of the first day of sickness; later is late. Stored when the report
        is made: a later change of the setting does not change it."""
        for report in self:
            if not (report.reported_at and report.date_from):
                report.late = False
                continue
            local = report._local_datetime(report.reported_at)
            limit = report.company_id.samenwijs_sick_report_before
            hour = local.hour + local.minute / 60 + local.second / 3600
            report.late = local.date() > report.date_from or (
                local.date() == report.date_from and hour > limit
            )

    @api.depends("date_from", "date_to", "internship_id.schedule_ids.weekday")
    def _compute_working_days(self):
        for report in self:
            if not report.date_from:
                report.working_days = 0
                continue
            end = report.date_to or report._local_today()
            report.working_days = report._count_working_days(report.date_from, end)

    @api.depends("state", "internship_id")
    @api.depends_context("uid")
    def _compute_can_recover(self):
        for report in self:
            report.can_recover = report.state == "sick" and report._may_report(
                report.internship_id
            )

    # ------------------------------------------------------------------
    # CRUD: only the actions create and change reports.
    # ------------------------------------------------------------------
    @api.model
    def _value_bounds(self):
        return {}

    @api.model_create_multi
    def create(self, vals_list):
        self._check_internal_change()
        check_values_list(self, vals_list, self._value_bounds())
        return super().create(vals_list)

    def write(self, vals):
        mail_fields = mail_field_names(self.env)
        if vals.keys() - mail_fields:
            self._check_internal_change()
            check_values(self, vals, self._value_bounds())
        return super().write(vals)

    def _check_internal_change(self):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "A sick report is made and closed only with the buttons "
                    "'Report sick' and 'Report recovery', or with sick time off "
                    "in the Time Off app."
                )
            )

    # ------------------------------------------------------------------
    # Messages: whoever reads a report may post on it (keep each other
    # informed, SK-1); tasks on it stay with whoever may change it.
    # ------------------------------------------------------------------
    def _mail_get_operation_for_mail_message_operation(self, message_operation):
        if message_operation == "create":
            return dict.fromkeys(self, "read")
        return super()._mail_get_operation_for_mail_message_operation(message_operation)

    def _thread_to_store(self, store, fields, *, request_list=None):
        result = super()._thread_to_store(store, fields, request_list=request_list)
        if request_list is not None:
            for report in self:
                store.add(report, {"canPostOnReadonly": True}, as_thread=True)
        return result

    # ------------------------------------------------------------------
    # Who reports
    # ------------------------------------------------------------------
    def _may_report(self, internship):
        """SK-1: the intern reports to the werkbegeleider, or the
        werkbegeleider reports for the intern."""
        if self.env.su:
            return True
        # sudo: only whether the current user is the intern or the
        # werkbegeleider of the internship is looked at.
        internship = internship.sudo()
        return self.env.user in (
            internship.employee_id.user_id | internship.werkbegeleider_id.user_id
        )

    def _check_may_report(self, internships):
        refused = internships.filtered(lambda i: not self._may_report(i))
        if refused:
            raise AccessError(
                self.env._(
                    "Only the intern or their werkbegeleider can report sickness "
                    "or recovery for %(names)s.",
                    names=", ".join(refused.sudo().mapped("display_name")),
                )
            )

    @api.model
    def _sick_leave_type(self):
        leave_type = self.env.ref(SICK_LEAVE_TYPE, raise_if_not_found=False)
        return leave_type.sudo() if leave_type and leave_type.active else None

    @api.model
    def _require_sick_leave_type(self):
        leave_type = self._sick_leave_type()
        if not leave_type:
            raise UserError(
                self.env._(
                    "The time-off type 'Sick Time Off' of the Time Off app is "
                    "missing or archived: ask the administrator to restore it "
                    "before sickness can be reported."
                )
            )
        return leave_type

    # ------------------------------------------------------------------
    # Reporting sick (SK-1)
    # ------------------------------------------------------------------
    @api.model
    def _report(self, internship):
        """SK-1: report the intern of ``internship`` sick as of today."""
        internship.ensure_one()
        self._check_may_report(internship)
        self._check_can_fall_sick(internship)
        self._require_sick_leave_type()
        now = fields.Datetime.now()
        # sudo: the acting user is the intern or their werkbegeleider
        # (checked above); nobody writes reports directly.
        report = self.sudo().create(
            {
                "internship_id": internship.id,
                "date_from": self._local_datetime(now, internship).date(),
                "reported_at": now,
                "reported_by_id": self.env.uid,
            }
        )
        report._sync_leave()
        report._notify_reported()
        return report.sudo(False)

    @api.model
    def _report_from_leaves(self, leaves):
        """SK-1 from the Time Off app: sick time off of an intern with a
        running internship is their sick report. The time off is validated
        at once: it is a report, not a request."""
        Internship = self.env["samenwijs.internship"]
        reports = self.browse()
        now = fields.Datetime.now()
        for leave in leaves:
            # sudo: finds the running internship of the employee on leave.
            internship = Internship.sudo().search(
                [("employee_id", "=", leave.employee_id.id), ("state", "=", "running")],
                limit=1,
            )
            if not internship:
                continue
            internship = internship.sudo(False)
            officer = self.env.su or self.env.user.has_group(TIME_OFF_OFFICER)
            if not officer:
                self._check_may_report(internship)
            today = self._local_datetime(now, internship).date()
            if leave.request_date_from > today:
                if officer:
                    # Sick time off planned ahead by HR (an operation) is
                    # Odoo's own business, not a sick report.
                    continue
                raise UserError(
                    self.env._(
                        "Sickness is reported on the day itself, not ahead: %(name)s "
                        "cannot be reported sick from %(date)s yet.",
                        name=internship.sudo().employee_id.name,
                        date=format_date(self.env, leave.request_date_from),
                    )
                )
            self._check_can_fall_sick(internship)
            ended = leave.request_date_to < today
            values = {
                "internship_id": internship.id,
                "date_from": leave.request_date_from,
                "reported_at": now,
                "reported_by_id": self.env.uid,
                "leave_id": leave.id,
            }
            if ended:
                values.update(
                    {
                        "state": "recovered",
                        "date_to": leave.request_date_to,
                        "recovered_at": now,
                        "recovered_by_id": self.env.uid,
                    }
                )
            # sudo: the acting user is the intern, their werkbegeleider or a
            # time-off officer (checked above); nobody writes reports
            # directly.
            report = self.sudo().create(values)
            # Superuser: validating is safe for the same reason; the intern
            # and the werkbegeleider cannot validate time off themselves, and
            # nobody approved it.
            leave.with_user(SUPERUSER_ID).with_context(
                mail_activity_automation_skip=True
            )._action_validate(check_state=False)
            leave.sudo().activity_unlink(
                ["hr_holidays.mail_act_leave_approval"], only_automated=False
            )
            report._notify_reported()
            reports |= report
        return reports

    def _check_can_fall_sick(self, internship):
        # sudo: whether the intern is already sick decides; nothing is shown.
        internship_su = internship.sudo()
        if internship_su.state != "running":
            raise UserError(
                self.env._(
                    "Internship %(name)s is not running: only a running internship "
                    "has sick reports.",
                    name=internship_su.display_name,
                )
            )
        if self.sudo().search_count(
            [("internship_id", "=", internship.id), ("state", "=", "sick")], limit=1
        ):
            raise UserError(
                self.env._(
                    "%(name)s is already reported sick: report recovery first.",
                    name=internship_su.employee_id.name,
                )
            )

    def _notify_reported(self):
        """SK-1: the werkbegeleider hears at once, with a task unless they
        made the report themselves."""
        for report in self.sudo():
            internship = report.internship_id
            werkbegeleider = internship.werkbegeleider_id.user_id
            intern = internship.employee_id
            report.message_subscribe(
                partner_ids=(intern.user_id | werkbegeleider).partner_id.ids
            )
            lines = [
                self.env._(
                    "%(intern)s reported sick from %(date)s; reported by %(user)s "
                    "on %(when)s.",
                    intern=intern.name,
                    date=format_date(self.env, report.date_from),
                    user=report.reported_by_id.name,
                    when=format_datetime(
                        self.env, report.reported_at, tz=report._tz_name()
                    ),
                )
            ]
            if report.late:
                lines.append(report._late_sentence())
            if report.date_to:
                lines.append(
                    self.env._(
                        "Recovered: the last day of sickness was %(date)s.",
                        date=format_date(self.env, report.date_to),
                    )
                )
            body = Markup("<br/>").join(lines)
            report.message_post(
                body=body,
                subtype_xmlid="mail.mt_note",
                author_id=self.env.user.partner_id.id,
            )
            if werkbegeleider and werkbegeleider != self.env.user:
                report.activity_schedule(
                    SICK_REPORT_ACTIVITY,
                    date_deadline=report._local_today(),
                    user_id=werkbegeleider.id,
                    note=Markup("<p>%s</p>") % body,
                )

    def _late_sentence(self):
        hours, minutes = divmod(
            round(self.company_id.samenwijs_sick_report_before * 60), 60
        )
        return self.env._(
            "Reported late: after %(hour)s on the first day of sickness (SK-1).",
            hour=f"{hours:02d}:{minutes:02d}",
        )

    # ------------------------------------------------------------------
    # Recovery (SK-1)
    # ------------------------------------------------------------------
    def action_recover(self):
        """SK-1: the intern, or the werkbegeleider for them, reports
        recovery; the last day of sickness is the day of the report."""
        check_exists(self)
        self._check_may_report(self.internship_id)
        open_reports = self.filtered(lambda r: r.state == "sick")
        if open_reports != self:
            raise UserError(
                self.env._(
                    "%(names)s: recovery was already reported.",
                    names=", ".join((self - open_reports).mapped("display_name")),
                )
            )
        self.sudo()._recover(self.env.user)
        return True

    def _recover(self, user, date=None):
        """End the sickness on ``date`` (default: today for the intern)."""
        now = fields.Datetime.now()
        for report in self:
            end = max(report.date_from, date or report._local_today())
            report.write(
                {
                    "state": "recovered",
                    "date_to": end,
                    "recovered_at": now,
                    "recovered_by_id": user.id,
                }
            )
            report._sync_leave()
            werkbegeleider = report.internship_id.werkbegeleider_id.user_id
            report.message_post(
                body=self.env._(
                    "Recovery reported by %(user)s: sick from %(date_from)s to "
                    "%(date_to)s (%(days)s working days).",
                    user=user.name,
                    date_from=format_date(self.env, report.date_from),
                    date_to=format_date(self.env, report.date_to),
                    days=report.working_days,
                ),
                subtype_xmlid="mail.mt_note",
                author_id=user.partner_id.id,
                partner_ids=(werkbegeleider - user).partner_id.ids,
            )
            report.activity_feedback(
                [SICK_REPORT_ACTIVITY],
                feedback=self.env._("Recovery reported by %(user)s.", user=user.name),
            )

    # ------------------------------------------------------------------
    # The time off in step with the report
    # ------------------------------------------------------------------
    def _sync_leave(self):
        """Keep the sick time off of each report over its days: created when
        it covers a working day, extended while sick, ended at recovery. A
        running sickness only extends it (time off entered ahead in the Time
        Off app stays)."""
        leave_type = self._sick_leave_type()
        if not leave_type:
            return
        for report in self.sudo():
            end = report.date_to or report._local_today()
            leave = report.leave_id
            if leave and leave.state not in ("validate", "validate1", "confirm"):
                continue
            if not leave:
                report._create_leave(leave_type, end)
            elif leave.request_date_to != end and (
                report.date_to or end > leave.request_date_to
            ):
                report._move_leave_end(end)

    def _create_leave(self, leave_type, end):
        values = {
            "employee_id": self.employee_id.id,
            "holiday_status_id": leave_type.id,
            "request_date_from": self.date_from,
            "request_date_to": end,
        }
        Leave = self.env["hr.leave"].with_context(
            samenwijs_sick_report=True, mail_activity_automation_skip=True
        )
        # No time off over days the intern does not work (a report on a
        # Sunday): the daily check creates it once a working day is covered.
        if not Leave.new(values).number_of_days:
            return
        leave = Leave.create(values)
        # Superuser: a report is not a request; nobody approved it.
        leave.with_user(SUPERUSER_ID)._action_validate(check_state=False)
        self.leave_id = leave

    def _move_leave_end(self, end):
        """Move the end of the validated sick time off: its working time
        (resource leave) and calendar entry follow."""
        leave = self.leave_id.with_context(
            leave_skip_state_check=True, mail_activity_automation_skip=True
        )
        validated = leave.state == "validate"
        if validated:
            leave._remove_resource_leave()
        leave.write({"request_date_to": end})
        if validated:
            leave._create_resource_leave()
        if leave.meeting_id and leave.date_to:
            tz = pytz.timezone(leave.tz or "UTC")
            stop = pytz.utc.localize(leave.date_to).astimezone(tz).replace(tzinfo=None)
            leave.meeting_id.write({"stop": max(stop, leave.meeting_id.start)})

    # ------------------------------------------------------------------
    # Daily check (SK-1, SK-2)
    # ------------------------------------------------------------------
    @api.model
    def _cron_samenwijs_sickness(self):
        """Daily, idempotent: extend the time off of the interns who are
        still sick, end the sickness of internships that ended, and give
        the praktijkopleider a task once per occurrence of sick often or
        long (SK-2)."""
        # sudo: the scheduled action works for every company and region.
        reports = self.sudo()
        reports._extend_open_reports()
        reports._signal_sick_long()
        reports._signal_sick_often()
        return True

    def _extend_open_reports(self):
        for report in self.search([("state", "=", "sick")]):
            try:
                with self.env.cr.savepoint():
                    internship = report.internship_id
                    if internship.state != "running":
                        end = min(
                            report._local_today(), internship.date_end or date.max
                        )
                        report._recover(self.env.ref("base.user_root"), end)
                    else:
                        report._sync_leave()
            except (UserError, AccessError) as error:
                # A conflicting time off (e.g. a holiday booked ahead) keeps
                # the sick time off as it is; the report itself stays open.
                _logger.warning("Sick report %s not extended: %s", report.id, error)

    def _signal_sick_long(self):
        """SK-2: sick for more working days in a row than the company's
        setting; once per report."""
        since = fields.Date.context_today(self) - timedelta(days=LONG_LOOKBACK_DAYS)
        reports = self.search(
            [
                ("sk2_long_signalled", "=", False),
                "|",
                ("state", "=", "sick"),
                ("date_to", ">=", since),
            ]
        )
        for report in reports:
            limit = report.company_id.samenwijs_sick_long_days
            if report.working_days <= limit:
                continue
            note = self.env._(
                "%(intern)s is sick for %(days)s working days in a row since "
                "%(date)s, more than %(limit)s (SK-2). Consider contacting the "
                "school (%(school)s).",
                intern=report.employee_id.name,
                days=report.working_days,
                date=format_date(self.env, report.date_from),
                limit=limit,
                school=report.internship_id.school_id.name or self.env._("no school"),
            )
            if report._schedule_school_contact(note):
                report.sk2_long_signalled = True

    def _signal_sick_often(self):
        """SK-2: at least the company's number of sick reports within its
        number of months; once per occurrence: a new task only when none of
        the reports in the period gave one yet."""
        today = fields.Date.context_today(self)
        # The companies with reports within the longest period the setting
        # allows.
        companies = [
            company
            for [company] in self._read_group(
                [("date_from", ">=", today - relativedelta(months=24))],
                ["company_id"],
            )
        ]
        for company in companies:
            since = today - relativedelta(months=company.samenwijs_sick_often_months)
            groups = self._read_group(
                [("company_id", "=", company.id), ("date_from", ">=", since)],
                ["internship_id"],
                ["__count", "id:recordset"],
            )
            for internship, count, reports in groups:
                if count < company.samenwijs_sick_often_count:
                    continue
                if any(reports.mapped("sk2_often_signalled")):
                    continue
                latest = reports.sorted(lambda r: (r.date_from, r.id))[-1]
                note = self.env._(
                    "%(intern)s reported sick %(count)s times since %(date)s "
                    "(SK-2). Consider contacting the school (%(school)s).",
                    intern=internship.employee_id.name,
                    count=count,
                    date=format_date(self.env, since),
                    school=internship.school_id.name or self.env._("no school"),
                )
                if latest._schedule_school_contact(note):
                    latest.sk2_often_signalled = True

    def _schedule_school_contact(self, note):
        """The praktijkopleider's task on the report (not on the internship,
        which the location manager reads too)."""
        self.ensure_one()
        praktijkopleider = self.internship_id.praktijkopleider_id.user_id
        if not praktijkopleider:
            _logger.warning(
                "Sick report %s: no praktijkopleider user to inform (SK-2).", self.id
            )
            return False
        self.message_subscribe(partner_ids=praktijkopleider.partner_id.ids)
        self.activity_schedule(
            SCHOOL_CONTACT_ACTIVITY,
            user_id=praktijkopleider.id,
            note=Markup("<p>%s</p>") % note,
        )
        return True

    # ------------------------------------------------------------------
    # Time helpers
    # ------------------------------------------------------------------
    def _tz_name(self, internship=None):
        internship = internship or self.internship_id
        # sudo: only the intern's time zone is read.
        employee = internship.sudo().employee_id
        return employee.tz or self.env.user.tz or "Europe/Amsterdam"

    def _local_datetime(self, utc_datetime, internship=None):
        tz = pytz.timezone(self._tz_name(internship))
        return pytz.utc.localize(utc_datetime).astimezone(tz)

    def _local_today(self):
        return self._local_datetime(fields.Datetime.now()).date()

    def _count_working_days(self, start, end):
        """The days from ``start`` to ``end`` on which the intern works by
        the weekly schedule (Monday to Friday without one)."""
        # sudo: only the weekdays of the schedule are read.
        weekdays = {
            int(day) for day in self.sudo().internship_id.schedule_ids.mapped("weekday")
        } or {0, 1, 2, 3, 4}
        days = (end - start).days + 1
        return sum(
            1
            for i in range(max(days, 0))
            if (start + timedelta(days=i)).weekday() in weekdays
        )
