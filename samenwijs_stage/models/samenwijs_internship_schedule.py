from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .value_checks import check_values, check_values_list

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
    (BG-4)."""

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
    hours = fields.Float(required=True, default=8.0)

    _hours_positive = models.Constraint(
        "CHECK (hours > 0 AND hours <= 12)",
        "Planned hours of a day must be more than 0 and at most 12.",
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

    @api.model_create_multi
    def create(self, vals_list):
        Internship = self.env["samenwijs.internship"]
        check_values_list(self, vals_list)
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
        check_values(self, vals)
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
