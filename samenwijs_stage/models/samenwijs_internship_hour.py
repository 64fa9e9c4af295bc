from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date
from odoo.tools.float_utils import float_compare

from .field_rights import computed_fields, field_labels, role_fields
from .value_checks import (
    DATE_FIRST,
    DATE_LAST,
    check_exists,
    check_values_list,
    format_time,
)

ADMIN = "samenwijs_stage.group_admin"
WERKBEGELEIDER = "samenwijs_stage.group_werkbegeleider"
INTERN = "samenwijs_stage.group_intern"
# No line holds more than this (HR-1).
MAX_HOURS_PER_LINE = 12.0
# The fields a user fills in; everything else is set by the actions.
ENTRY_FIELDS = {
    "date",
    "department_id",
    "time_start",
    "time_end",
    "break_hours",
    "werkbegeleider_alongside",
    "note",
}


class SamenwijsInternshipHour(models.Model):
    """One worked period of an intern on one day (HR-1, WB-P4).

    The intern registers and submits their own lines; the werkbegeleider of
    the internship corrects them until signed and signs them (the sign-off
    mixin); the location manager and the praktijkopleider read them; the
    internship administrator reopens signed lines. A signed line is
    read-only for everybody else.
    """

    _name = "samenwijs.internship.hour"
    _inherit = ["samenwijs.signoff.mixin"]
    _description = "Internship hours"
    _order = "date desc, time_start desc, id desc"
    _check_company_auto = True
    _signoff_activity_type = "samenwijs_stage.mail_activity_type_hours_to_sign"
    _signoff_thread_field = "internship_id"

    internship_id = fields.Many2one(
        "samenwijs.internship",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        domain="[('state', 'in', ('running', 'terminated'))]",
    )
    employee_id = fields.Many2one(
        related="internship_id.employee_id", string="Intern", store=True, index=True
    )
    werkbegeleider_id = fields.Many2one(
        related="internship_id.werkbegeleider_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="internship_id.company_id", store=True, index=True
    )
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    department_id = fields.Many2one(
        "hr.department",
        string="Location",
        required=True,
        check_company=True,
        help="One of the locations of the internship's weekly schedule.",
    )
    time_start = fields.Float(
        string="From", required=True, default=8.5, aggregator=None
    )
    time_end = fields.Float(string="To", required=True, default=17.0, aggregator=None)
    break_hours = fields.Float(
        string="Break", default=0.5, help="Unpaid break, in hours and minutes."
    )
    hours = fields.Float(compute="_compute_hours", store=True)
    is_early = fields.Boolean(
        string="Early shift",
        compute="_compute_shift",
        store=True,
        help="Starts before the early shift boundary of the settings (WT-1).",
    )
    is_late = fields.Boolean(
        string="Late shift",
        compute="_compute_shift",
        store=True,
        help="Ends after the late shift boundary of the settings (WT-1).",
    )
    shift_kind = fields.Selection(
        [("early", "Early"), ("day", "Day"), ("late", "Late")],
        string="Shift",
        compute="_compute_shift",
        store=True,
    )
    werkbegeleider_alongside = fields.Boolean(
        string="With werkbegeleider",
        help="The werkbegeleider worked alongside the intern on the group "
        "during these hours (WB-5).",
    )
    note = fields.Char()

    _times_valid = models.Constraint(
        "CHECK (time_start >= 0 AND time_end <= 24 AND time_end > time_start "
        "AND break_hours >= 0)",
        "Hours must start before they end, within one day, with a break of "
        "zero or more.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("date", "time_start", "time_end", "employee_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = "{} {} {}\N{EN DASH}{}".format(
                line.employee_id.name or "",
                format_date(self.env, line.date) if line.date else "",
                format_time(line.time_start),
                format_time(line.time_end),
            ).strip()

    @api.depends("time_start", "time_end", "break_hours")
    def _compute_hours(self):
        for line in self:
            line.hours = max(line.time_end - line.time_start - line.break_hours, 0.0)

    @api.depends(
        "time_start",
        "time_end",
        "company_id.samenwijs_early_shift_before",
        "company_id.samenwijs_late_shift_after",
    )
    def _compute_shift(self):
        """WT-1: early when it starts before the company's early boundary,
        late when it ends after the late boundary."""
        for line in self:
            company = line.company_id or self.env.company
            line.is_early = (
                float_compare(line.time_start, company.samenwijs_early_shift_before, 4)
                < 0
            )
            line.is_late = (
                float_compare(line.time_end, company.samenwijs_late_shift_after, 4) > 0
            )
            line.shift_kind = (
                "early" if line.is_early else "late" if line.is_late else "day"
            )

    # ------------------------------------------------------------------
    # Checks (HR-1): nothing is saved when one line is wrong
    # ------------------------------------------------------------------
    @api.model
    def _value_bounds(self):
        return {
            "date": (DATE_FIRST, DATE_LAST),
            "time_start": (0.0, 24.0),
            "time_end": (0.0, 24.0),
            "break_hours": (0.0, MAX_HOURS_PER_LINE),
        }

    @api.constrains(
        "date",
        "time_start",
        "time_end",
        "break_hours",
        "department_id",
        "internship_id",
    )
    def _check_line(self):
        problems = []
        for line in self:
            problems += line._line_problems()
        if problems:
            raise ValidationError("\n".join(problems))
        self._check_overlap()

    @api.model
    def _time_problems(self, day, start, end, break_hours):
        """Why these times of one line cannot be stored (HR-1)."""
        env = self.env
        when = format_date(env, day) if day else ""
        times = f"{format_time(start)}\N{EN DASH}{format_time(end)}"
        if end <= start:
            return [
                env._(
                    "On %(date)s the hours end (%(end)s) before they start (%(start)s).",
                    date=when,
                    end=format_time(end),
                    start=format_time(start),
                )
            ]
        if break_hours >= end - start:
            return [
                env._(
                    "On %(date)s the break (%(pause)s) is as long as the hours "
                    "%(times)s.",
                    date=when,
                    times=times,
                    pause=format_time(break_hours),
                )
            ]
        if end - start - break_hours > MAX_HOURS_PER_LINE:
            return [
                env._(
                    "On %(date)s %(times)s makes %(hours)s hours; one line holds "
                    "at most %(max)s hours.",
                    date=when,
                    times=times,
                    hours=format_time(end - start - break_hours),
                    max=f"{MAX_HOURS_PER_LINE:g}",
                )
            ]
        return []

    def _check_times_before_store(self, vals_list):
        """Refuse wrong times before the database does, with the sentence of
        ``_time_problems``: the values of a new line, or of ``self`` with
        the change."""
        defaults = {
            "time_start": self._fields["time_start"].default(self),
            "time_end": self._fields["time_end"].default(self),
            "break_hours": self._fields["break_hours"].default(self),
        }
        problems = []
        for record, vals in vals_list:
            base = (
                {name: record[name] for name in defaults} | {"date": record.date}
                if record
                else dict(defaults)
            )
            merged = base | {
                name: vals[name]
                for name in (*defaults, "date")
                if name in vals and vals[name] is not None
            }
            try:
                start, end, pause = (
                    float(merged["time_start"] or 0.0),
                    float(merged["time_end"] or 0.0),
                    float(merged["break_hours"] or 0.0),
                )
            except (TypeError, ValueError):
                continue  # left to the conversion of the field
            problems += self._time_problems(
                fields.Date.to_date(merged.get("date")), start, end, pause
            )
        if problems:
            raise ValidationError("\n".join(problems))

    def _line_problems(self):
        """Why this line cannot be stored; one sentence per problem."""
        self.ensure_one()
        env = self.env
        when = format_date(env, self.date)
        problems = self._time_problems(
            self.date, self.time_start, self.time_end, self.break_hours
        )
        today = fields.Date.context_today(self)
        if self.date > today:
            problems.append(
                env._(
                    "Hours of %(date)s cannot be registered yet: that day is "
                    "still to come.",
                    date=when,
                )
            )
        # sudo: the period, state and locations of the internship decide
        # whether the line fits; only that is said.
        internship = self.internship_id.sudo()
        start, end = internship.date_start, internship.date_end
        if (start and self.date < start) or (end and self.date > end):
            problems.append(
                env._(
                    "%(date)s is outside the period of internship %(name)s "
                    "(%(start)s to %(end)s).",
                    date=when,
                    name=internship.display_name,
                    start=format_date(env, start) if start else "?",
                    end=format_date(env, end) if end else "?",
                )
            )
        if (
            internship.state == "terminated"
            and internship.termination_date
            and self.date > internship.termination_date
        ):
            problems.append(
                env._(
                    "Internship %(name)s was terminated on %(end)s; hours of "
                    "%(date)s cannot be registered on it.",
                    name=internship.display_name,
                    end=format_date(env, internship.termination_date),
                    date=when,
                )
            )
        elif internship.state not in ("running", "terminated", "done"):
            states = dict(internship._fields["state"]._description_selection(env))
            problems.append(
                env._(
                    "Hours are registered on a running internship; %(name)s is "
                    "%(state)s.",
                    name=internship.display_name,
                    state=states[internship.state].lower(),
                )
            )
        if self.department_id not in internship._hour_locations():
            problems.append(
                env._(
                    "%(location)s is not a location of internship %(name)s; "
                    "choose one of: %(locations)s.",
                    location=self.department_id.display_name,
                    name=internship.display_name,
                    locations=", ".join(
                        internship._hour_locations().mapped("display_name")
                    ),
                )
            )
        return problems

    def _check_overlap(self):
        """An intern is in one place at a time: lines of the same intern do
        not overlap, over all their internships (one query for the batch)."""
        if not self:
            return
        self.flush_model(["employee_id", "date", "time_start", "time_end"])
        self.env.cr.execute(
            """
            SELECT a.id, b.id
              FROM samenwijs_internship_hour a
              JOIN samenwijs_internship_hour b
                ON b.employee_id = a.employee_id
               AND b.date = a.date
               AND b.id != a.id
               AND b.time_start < a.time_end
               AND a.time_start < b.time_end
             WHERE a.id IN %s
             LIMIT 1
            """,
            [tuple(self.ids)],
        )
        row = self.env.cr.fetchone()
        if row:
            # sudo: the other line may be one the user cannot read; only its
            # day and times are said.
            line, other = self.browse(row[0]), self.sudo().browse(row[1])
            raise ValidationError(
                self.env._(
                    "%(line)s overlaps with %(other)s: an intern registers each "
                    "hour once.",
                    line=line.display_name,
                    other=other.display_name,
                )
            )

    # ------------------------------------------------------------------
    # Who may write what
    # ------------------------------------------------------------------
    @api.model
    def _role_writable_fields(self):
        """Deny by default: the intern fills in their own draft lines, the
        werkbegeleider corrects unsigned lines of their interns; state and
        signature change only through the actions."""
        return {
            INTERN: ENTRY_FIELDS | {"internship_id"},
            WERKBEGELEIDER: ENTRY_FIELDS,
        }

    def _check_write_rights(self, field_names):
        if self.env.su or self.env.context.get("samenwijs_signoff"):
            return
        computed = field_labels(self, computed_fields(self, field_names))
        if computed:
            raise AccessError(
                self.env._(
                    "%(fields)s of hour lines are computed and cannot be written.",
                    fields=computed,
                )
            )
        self._check_signoff_lock()
        if self.env.user.has_group(ADMIN):
            return
        user = self.env.user
        allowed = role_fields(self.env, self._role_writable_fields())
        blocked = set(field_names) - allowed
        if blocked:
            labels = field_labels(self, blocked)
            raise AccessError(
                self.env._(
                    "You cannot change %(fields)s of hour lines.",
                    fields=labels,
                )
            )
        self._check_own_or_supervised(user)

    def _check_own_or_supervised(self, user):
        """The intern changes their own draft lines; the werkbegeleider the
        unsigned lines of the interns they supervise."""
        for line in self:
            # sudo: reads who the intern and the werkbegeleider are.
            internship = line.internship_id.sudo()
            if internship.werkbegeleider_id.user_id == user:
                continue
            if internship.employee_id.user_id == user and line.state == "draft":
                continue
            raise AccessError(
                self.env._(
                    "%(line)s is submitted: only the werkbegeleider changes it "
                    "now, or sends it back to you.",
                    line=line.display_name,
                )
                if internship.employee_id.user_id == user
                else self.env._(
                    "You cannot change the hours of %(intern)s.",
                    intern=internship.employee_id.name,
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        check_values_list(self, vals_list, self._value_bounds())
        self._check_times_before_store([(None, vals) for vals in vals_list])
        if not self.env.su:
            self._check_write_rights(set().union(*vals_list))
            internships = self.env["samenwijs.internship"].browse(
                {v["internship_id"] for v in vals_list if v.get("internship_id")}
            )
            check_exists(internships)
            internships.check_access("read")
            if not self.env.user.has_group(ADMIN):
                # sudo: who the intern is decides; only that is used.
                foreign = internships.sudo().filtered(
                    lambda i: i.employee_id.user_id != self.env.user
                    and i.werkbegeleider_id.user_id != self.env.user
                )
                if foreign:
                    raise AccessError(
                        self.env._(
                            "You register hours only on your own internship, "
                            "not on %(names)s.",
                            names=", ".join(foreign.mapped("display_name")),
                        )
                    )
        self._default_locations(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        check_exists(self)
        check_values_list(self, [vals], self._value_bounds())
        self._check_write_rights(vals.keys())
        if {"time_start", "time_end", "break_hours"} & vals.keys():
            self._check_times_before_store([(line, vals) for line in self])
        return super().write(vals)

    def unlink(self):
        check_exists(self)
        if not self.env.su:
            self._check_signoff_lock()
            if not self.env.user.has_group(ADMIN):
                self._check_own_or_supervised(self.env.user)
        return super().unlink()

    @api.model
    def _default_locations(self, vals_list):
        """A line without a location is made at the internship's location of
        that weekday, else its main location."""
        Internship = self.env["samenwijs.internship"]
        for vals in vals_list:
            if vals.get("department_id") or not vals.get("internship_id"):
                continue
            # sudo: the schedule of the internship the user registers on.
            internship = Internship.browse(vals["internship_id"]).sudo()
            day = fields.Date.to_date(vals.get("date")) or fields.Date.context_today(
                self
            )
            planned = internship.schedule_ids.filtered(
                lambda s, d=day: s.weekday == str(d.weekday())
            )
            vals["department_id"] = (
                planned[:1].department_id or internship.department_id
            ).id

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _signoff_signer(self):
        # sudo: who supervises the intern decides who signs.
        return self.sudo().internship_id.werkbegeleider_id.user_id

    def _signoff_summary(self, records):
        first, last = min(records.mapped("date")), max(records.mapped("date"))
        return self.env._(
            "Sign the hours of %(intern)s (%(first)s to %(last)s)",
            intern=records[:1].sudo().employee_id.name,
            first=format_date(self.env, first),
            last=format_date(self.env, last),
        )

    def action_submit(self):
        """HR-1: the intern hands their lines to the werkbegeleider."""
        if not self.env.su and not self.env.user.has_group(ADMIN):
            self._check_own_or_supervised(self.env.user)
        return super().action_submit()

    def action_submit_mine(self):
        """Submit every draft line of the current user: the button of the
        intern's list, whatever is selected."""
        lines = self.search(
            [
                ("employee_id.user_id", "=", self.env.uid),
                ("state", "=", "draft"),
            ]
        )
        if not lines:
            raise UserError(self.env._("You have no hours to submit."))
        lines.action_submit()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s lines sent to your werkbegeleider.", count=len(lines)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_copy_roster(self):
        """Fill this week up to today from the planned schedule of the
        user's running internships; days already registered are left as
        they are. Then adjust and submit. The button of the intern's list,
        whatever is selected."""
        today = fields.Date.context_today(self)
        internships = self.env["samenwijs.internship"].search(
            [("employee_id.user_id", "=", self.env.uid), ("state", "=", "running")]
        )
        if not internships:
            raise UserError(
                self.env._("You have no running internship to register hours on.")
            )
        created = internships._hours_from_schedule(today)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info" if created else "warning",
                "message": self.env._(
                    "%(count)s lines made from your schedule: check the times "
                    "and submit the week.",
                    count=len(created),
                )
                if created
                else self.env._("This week's planned days are already registered."),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_open_send_back(self):
        return self._open_reason_wizard("send_back")

    def action_open_reset(self):
        return self._open_reason_wizard("reset")

    def _open_reason_wizard(self, mode):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send back")
            if mode == "send_back"
            else self.env._("Reopen"),
            "res_model": "samenwijs.internship.hour.return",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_hour_ids": self.ids,
                "default_mode": mode,
            },
        }
