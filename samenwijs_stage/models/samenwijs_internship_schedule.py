from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools.float_utils import float_compare

from .value_checks import (
    BREAK_AFTER_HOURS,
    check_values,
    check_values_list,
    format_time,
)

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]
# No internship day is longer than this, over all its lines together.
MAX_HOURS_PER_DAY = 12.0


class SamenwijsInternshipSchedule(models.Model):
    """One planned internship day in the weekly schedule: which location and
    how many hours. The location with the most hours is the main location
    (BG-4).

    WT-1: a planned day may say when it starts and ends. With both times the
    planned hours follow from them (the span minus half an hour of break on
    a day of more than 5.5 hours, as the hour lines made from the schedule
    do); without them the hours stay as entered. A day is an early or a late
    shift by the same boundaries of the settings as the hour lines."""

    _name = "samenwijs.internship.schedule"
    _description = "Planned internship day"
    _order = "internship_id, weekday, id"
    _check_company_auto = True

    internship_id = fields.Many2one(
        "samenwijs.internship",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="internship_id.company_id", store=True, index=True
    )
    weekday = fields.Selection(WEEKDAYS, string="Day", required=True, default="0")
    department_id = fields.Many2one(
        "hr.department",
        string="Location",
        required=True,
        check_company=True,
    )
    time_start = fields.Float(
        string="From",
        help="Planned start of the day (optional). With a start and an end the "
        "planned hours follow from them.",
    )
    time_end = fields.Float(string="To", help="Planned end of the day (optional).")
    hours = fields.Float(
        required=True,
        default=8.0,
        help="Planned hours of the day: from the times when both are given "
        "(minus half an hour of break on a day of more than 5.5 hours), else "
        "as entered.",
    )
    is_early = fields.Boolean(
        string="Early shift",
        compute="_compute_shift",
        store=True,
        help="Planned to start before the early shift boundary of the settings (WT-1).",
    )
    is_late = fields.Boolean(
        string="Late shift",
        compute="_compute_shift",
        store=True,
        help="Planned to end after the late shift boundary of the settings (WT-1).",
    )

    _hours_positive = models.Constraint(
        "CHECK (hours > 0 AND hours <= 12)",
        "Planned hours of a day must be more than 0 and at most 12.",
    )
    _times_valid = models.Constraint(
        "CHECK (time_start >= 0 AND time_end >= 0 AND time_start < 24 "
        "AND time_end <= 24 AND (time_end = 0 OR time_end > time_start))",
        "Planned times must lie within one day and end after they start.",
    )

    @api.onchange("time_start", "time_end")
    def _onchange_times(self):
        hours = self._hours_from_times(self.time_start, self.time_end)
        if hours is not None:
            self.hours = hours

    @api.model
    def _hours_from_times(self, start, end):
        """The planned hours of a day from its times: the span, minus half
        an hour of break when more than 5.5 hours remain (as the hour lines
        made from the schedule are made). None without both times."""
        try:
            start, end = float(start or 0.0), float(end or 0.0)
        except (TypeError, ValueError):
            return None
        if not (start and end and end > start):
            return None
        span = end - start
        return span - 0.5 if span - 0.5 > BREAK_AFTER_HOURS else span

    @api.depends(
        "time_start",
        "time_end",
        "company_id.samenwijs_early_shift_before",
        "company_id.samenwijs_late_shift_after",
    )
    def _compute_shift(self):
        """WT-1: a planned day without times is neither early nor late."""
        for line in self:
            company = line.company_id or self.env.company
            line.is_early = bool(line.time_start) and (
                float_compare(line.time_start, company.samenwijs_early_shift_before, 4)
                < 0
            )
            line.is_late = bool(line.time_end) and (
                float_compare(line.time_end, company.samenwijs_late_shift_after, 4) > 0
            )

    @api.depends("internship_id.name", "weekday")
    def _compute_display_name(self):
        days = dict(self._fields["weekday"]._description_selection(self.env))
        for line in self:
            line.display_name = " \N{EN DASH} ".join(
                filter(None, [line.internship_id.name, days.get(line.weekday)])
            )

    @api.constrains("hours", "weekday", "internship_id")
    def _check_hours(self):
        """Hours of one day: more than 0 and at most 12, over all the lines
        of that weekday together."""
        for line in self:
            self._check_hours_value(line.hours)
        # sudo: all lines of the day count, also those the user cannot read;
        # only their total is said.
        for line in self.sudo():
            same_day = line.internship_id.schedule_ids.filtered(
                lambda other, line=line: other.weekday == line.weekday
            )
            total = sum(same_day.mapped("hours"))
            if total > MAX_HOURS_PER_DAY:
                days = dict(self._fields["weekday"]._description_selection(self.env))
                raise ValidationError(
                    self.env._(
                        "Internship %(name)s plans %(hours)s hours on %(day)s; "
                        "one day can hold at most %(max)s hours.",
                        name=line.internship_id.display_name,
                        hours=f"{total:g}",
                        day=days[line.weekday].lower(),
                        max=f"{MAX_HOURS_PER_DAY:g}",
                    )
                )

    @api.constrains("time_start", "time_end")
    def _check_times(self):
        for line in self:
            if line.time_end and line.time_end <= line.time_start:
                raise ValidationError(
                    self.env._(
                        "The planned day %(name)s ends (%(end)s) before it starts "
                        "(%(start)s).",
                        name=line.display_name,
                        end=format_time(line.time_end),
                        start=format_time(line.time_start),
                    )
                )

    @api.model
    def _value_bounds(self):
        return {"time_start": (0.0, 24.0), "time_end": (0.0, 24.0)}

    @api.model
    def _check_written_fields(self, vals):
        """The early and late flags follow from the times and the settings:
        nobody writes them."""
        if self.env.su:
            return
        computed = [
            self._fields[name].get_description(self.env)["string"]
            for name in vals
            if name in ("is_early", "is_late")
        ]
        if computed:
            raise AccessError(
                self.env._(
                    "%(fields)s of a planned day is computed and cannot be changed.",
                    fields=", ".join(computed),
                )
            )

    def _check_hours_follow_times(self, vals):
        """Hours written by hand on a day with planned times would disagree
        with them: the times decide."""
        if "hours" not in vals or {"time_start", "time_end"} & vals.keys():
            return
        timed = self.filtered(lambda line: line.time_start and line.time_end)
        if timed:
            raise ValidationError(
                self.env._(
                    "%(names)s %(verb)s planned times: the hours follow from them. "
                    "Change the times, or clear them to enter the hours.",
                    names=", ".join(timed[:5].mapped("display_name")),
                    verb=self.env._("has") if len(timed) == 1 else self.env._("have"),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        Internship = self.env["samenwijs.internship"]
        check_values_list(self, vals_list, self._value_bounds())
        for vals in vals_list:
            self._check_written_fields(vals)
            hours = self._hours_from_times(vals.get("time_start"), vals.get("time_end"))
            if hours is not None:
                # The times decide the hours (WT-1).
                vals["hours"] = hours
        for vals in vals_list:
            self._check_hours_value(vals.get("hours"))
        internships = self._internships_of(vals_list)
        internships._check_exists()
        self._check_history_of(internships)
        for vals in vals_list:
            if not vals.get("department_id") and vals.get("internship_id"):
                vals["department_id"] = Internship.browse(
                    vals["internship_id"]
                ).department_id.id
        agreed = internships._allowance_agreed_amounts()
        lines = super().create(vals_list)
        lines.internship_id._check_werkbegeleider_fit()
        self._notify_allowance_raised(internships, agreed)
        return lines

    def write(self, vals):
        self._check_hours_value(vals.get("hours"))
        check_values(self, vals, self._value_bounds())
        self._check_written_fields(vals)
        self._check_hours_follow_times(vals)
        if {"time_start", "time_end"} & vals.keys() and len(self) > 1:
            # Each day's hours follow from its own times.
            for line in self:
                line.write(dict(vals))
            return True
        if {"time_start", "time_end"} & vals.keys():
            hours = self._hours_from_times(
                vals.get("time_start", self.time_start),
                vals.get("time_end", self.time_end),
            )
            if hours is not None:
                self._check_hours_value(hours)
                vals = dict(vals, hours=hours)
        moved_to = self._internships_of([vals])
        moved_to._check_exists()
        # A line moves only to an internship the user may change (a new line
        # is held by the create rules of the schedule).
        moved_to.check_access("write")
        self._check_history_of(self.internship_id | moved_to)
        internships = self.internship_id
        agreed = internships._allowance_agreed_amounts()
        res = super().write(vals)
        if {"department_id", "hours", "internship_id"} & vals.keys():
            # BG-4: moving hours can change the main location.
            self.internship_id._check_werkbegeleider_fit()
        self._notify_allowance_raised(internships | self.internship_id, agreed)
        return res

    def unlink(self):
        self._check_history_of(self.internship_id)
        internships = self.internship_id
        agreed = internships._allowance_agreed_amounts()
        res = super().unlink()
        internships = internships.exists()
        internships._check_werkbegeleider_fit()
        self._notify_allowance_raised(internships, agreed)
        return res

    @api.model
    def _internships_of(self, vals_list):
        """The internships named in ``vals_list``; a value that is no id is
        left to the conversion of the field itself."""
        return self.env["samenwijs.internship"].browse(
            {
                vals["internship_id"]
                for vals in vals_list
                if isinstance(vals.get("internship_id"), int)
                and not isinstance(vals["internship_id"], bool)
            }
        )

    @api.model
    def _check_hours_value(self, hours):
        """Refuse planned hours of a day that are not more than 0 and at most
        12 (nothing given is left to the default)."""
        if hours is None:
            return
        try:
            valid = 0 < float(hours) <= MAX_HOURS_PER_DAY
        except (TypeError, ValueError, OverflowError):
            valid = False
        if not valid:
            raise ValidationError(
                self.env._(
                    "Planned hours of a day must be more than 0 and at most "
                    "%(max)s, not %(hours)s.",
                    max=f"{MAX_HOURS_PER_DAY:g}",
                    hours=hours,
                )
            )

    @api.model
    def _check_history_of(self, internships):
        """The schedule of a finished, terminated or rejected internship is
        locked like the internship itself; an administrator's correction is
        logged on the internship."""
        internships._check_history({"schedule_ids"})._log_history_correction(
            {"schedule_ids"}
        )

    @api.model
    def _notify_allowance_raised(self, internships, agreed):
        """AL-1: a schedule change that lifts the CAO minimum above the agreed
        allowance raises the allowance and says so on the internship (once:
        a change through the internship's own form is told there)."""
        if not self.env.context.get("samenwijs_allowance_notified"):
            internships._notify_allowance_raised(agreed)
