import re

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import format_datetime

from .field_rights import field_labels, mail_field_names, refused_fields
from .value_checks import check_exists, check_values_list

ADMIN = "samenwijs_stage.group_admin"
PRAKTIJKOPLEIDER = "samenwijs_stage.group_praktijkopleider"
MEETING_ACTIVITY = "samenwijs_stage.mail_activity_type_introduction_meeting"
SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


def default_school_year(today):
    """The school year that starts on 1 August of this year: the meeting is
    held in August or September, before the start."""
    first = today.year
    return f"{first}-{first + 1}"


class SamenwijsIntroductionMeeting(models.Model):
    """The introduction meeting before the start of the internships (RS-4,
    August/September), run by the praktijkopleider for the placed interns
    of a school year.

    The praktijkopleider (or the internship administrator) plans it and
    invites: each attendee's werkbegeleider and the intern, when the intern
    has a user, get a task on the meeting's date. The werkbegeleiders and
    interns of the attendee internships read the meeting; the managers read
    the meetings of the interns of their locations.
    """

    _name = "samenwijs.introduction.meeting"
    _description = "Introduction meeting"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    school_year = fields.Char(
        required=True,
        tracking=True,
        index=True,
        default=lambda self: default_school_year(fields.Date.context_today(self)),
        help="The school year of the interns, e.g. 2026-2027 (from 1 August).",
    )
    date = fields.Datetime(required=True, tracking=True, index=True)
    location = fields.Char(tracking=True)
    organiser_id = fields.Many2one(
        "hr.employee",
        string="Praktijkopleider",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
        domain="[('is_praktijkopleider', '=', True)]",
        default=lambda self: self.env.user.employee_id.filtered("is_praktijkopleider"),
    )
    attendee_ids = fields.Many2many(
        "samenwijs.internship",
        "samenwijs_introduction_meeting_internship_rel",
        "meeting_id",
        "internship_id",
        string="Interns",
        check_company=True,
        domain="[('state', 'in', ('placed', 'running')), "
        "('school_year', '=', school_year)]",
    )
    attendee_count = fields.Integer(compute="_compute_attendee_count")
    notes = fields.Html()
    can_manage = fields.Boolean(compute="_compute_can_manage")

    @api.depends("attendee_ids")
    def _compute_attendee_count(self):
        for meeting in self:
            meeting.attendee_count = len(meeting.attendee_ids)

    @api.depends_context("uid")
    def _compute_can_manage(self):
        may = self.env.user.has_group(PRAKTIJKOPLEIDER)
        for meeting in self:
            meeting.can_manage = may

    @api.constrains("school_year")
    def _check_school_year(self):
        for meeting in self:
            match = SCHOOL_YEAR.match(meeting.school_year or "")
            if not (
                match
                and int(match[2]) == int(match[1]) + 1
                and 2000 <= int(match[1]) <= 2100
            ):
                raise ValidationError(
                    self.env._(
                        "%(year)s is not a school year: write it as 2026-2027.",
                        year=meeting.school_year,
                    )
                )

    @api.constrains("attendee_ids", "school_year")
    def _check_attendees(self):
        for meeting in self:
            wrong = meeting.attendee_ids.filtered(
                lambda i, m=meeting: i.school_year != m.school_year
                or i.state not in ("placed", "running")
            )
            if wrong:
                raise ValidationError(
                    self.env._(
                        "%(names)s is not a placed internship of school year %(year)s.",
                        names=", ".join(wrong.mapped("display_name")),
                        year=meeting.school_year,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_field_rights(vals)
        check_values_list(self, vals_list)
        meetings = super().create(vals_list)
        meetings._check_attendees_readable()
        return meetings

    def write(self, vals):
        self._check_field_rights(vals)
        check_values_list(self, [vals])
        result = super().write(vals)
        if "attendee_ids" in vals:
            self._check_attendees_readable()
        return result

    def unlink(self):
        check_exists(self)
        return super().unlink()

    def _check_attendees_readable(self):
        """Only internships the user may read become attendees: the meeting
        shows them to the werkbegeleiders and interns invited."""
        if not self.env.su:
            self.attendee_ids.check_access("read")

    @api.model
    def _role_writable_fields(self):
        """Deny by default: the praktijkopleider and the administrator plan
        meetings; the computed fields are on no list."""
        names = {
            "name",
            "company_id",
            "school_year",
            "date",
            "location",
            "organiser_id",
            "attendee_ids",
            "notes",
        }
        return {PRAKTIJKOPLEIDER: names, ADMIN: names}

    @api.model
    def _check_field_rights(self, vals):
        blocked = refused_fields(
            self.env, vals, self._role_writable_fields(), mail_field_names(self.env)
        )
        if blocked:
            raise AccessError(
                self.env._(
                    "You cannot change %(fields)s of an introduction meeting.",
                    fields=field_labels(self, blocked),
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_action_rights(self):
        check_exists(self)
        if not (self.env.su or self.env.user.has_group(PRAKTIJKOPLEIDER)):
            raise AccessError(
                self.env._("Only a praktijkopleider plans an introduction meeting.")
            )
        self.check_access("write")

    def action_fill_attendees(self):
        """Add the placed internships of the school year that the user
        manages (the praktijkopleider's region)."""
        self._check_action_rights()
        Internship = self.env["samenwijs.internship"]
        for meeting in self:
            found = Internship.search(
                [
                    ("state", "=", "placed"),
                    ("school_year", "=", meeting.school_year),
                    ("company_id", "=", meeting.company_id.id),
                ]
            )
            meeting.attendee_ids = [Command.link(i.id) for i in found]
        return True

    def action_invite(self):
        """RS-4: a task on the meeting's date for the werkbegeleider of each
        attendee and for the intern when the intern has a user. Whoever was
        invited before is not invited again."""
        self._check_action_rights()
        activity_type = self.env.ref(MEETING_ACTIVITY)
        for meeting in self:
            # sudo: the users of the werkbegeleiders and interns are read to
            # invite them; the user may change this meeting and read its
            # attendees (checked when they were added).
            internships = meeting.attendee_ids.sudo()
            users = (
                internships.werkbegeleider_id.user_id | internships.employee_id.user_id
            )
            invited = (
                meeting.sudo()
                .activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
                .user_id
            )
            deadline = fields.Date.context_today(self, meeting.date)
            for user in users - invited:
                # sudo: the task goes to a werkbegeleider or intern who reads
                # the meeting through the attendee rules.
                meeting.sudo().activity_schedule(
                    MEETING_ACTIVITY,
                    date_deadline=deadline,
                    user_id=user.id,
                    summary=meeting.name,
                    note=self.env._(
                        "Introduction meeting on %(date)s at %(location)s.",
                        date=format_datetime(self.env, meeting.date),
                        location=meeting.location or "-",
                    ),
                )
        return True
