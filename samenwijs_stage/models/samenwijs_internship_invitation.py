from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import format_date

from .samenwijs_internship_assignment import check_upload
from .value_checks import DATE_FIRST, DATE_LAST, check_exists, check_values_list

ADMIN = "samenwijs_stage.group_admin"
ACTIVITY_TYPE = "samenwijs_stage.mail_activity_type_school_meeting"
# The praktijkopleider's task is due this many days before the meeting, or
# today when the meeting is closer (ST-2).
DAYS_BEFORE = 3
ENTRY_FIELDS = {"name", "date", "note", "attachment", "attachment_name"}


class SamenwijsInternshipInvitation(models.Model):
    """An invitation to a school information meeting that the intern passes
    on to the praktijkopleider (ST-2).

    The intern records the invitation on their internship: date, title, a
    note and optionally the invitation itself (a document or image, checked
    like the work of an assignment). The praktijkopleider of the internship
    gets a task on the internship, due a few days before the meeting, or
    today when the meeting is closer; moving the meeting moves the task,
    deleting the invitation removes it. A meeting in the past is not
    recorded: it can no longer reach the praktijkopleider in time.

    Who reads: the intern their own, the werkbegeleider those of the
    interns they supervise, the location manager those of their locations,
    the praktijkopleider those of the region, the internship administrator
    all; only the intern (and the administrator) changes them.
    """

    _name = "samenwijs.internship.invitation"
    _description = "School meeting invitation"
    _order = "date desc, id desc"
    _check_company_auto = True

    internship_id = fields.Many2one(
        "samenwijs.internship",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        default=lambda self: self._default_internship_id(),
        domain="[('state', 'in', ('placed', 'running'))]",
    )
    employee_id = fields.Many2one(
        related="internship_id.employee_id", string="Intern", store=True, index=True
    )
    praktijkopleider_id = fields.Many2one(
        related="internship_id.praktijkopleider_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="internship_id.company_id", store=True, index=True
    )
    name = fields.Char(string="Meeting", required=True)
    date = fields.Date(string="Meeting date", required=True, index=True)
    note = fields.Text()
    attachment = fields.Binary(string="Invitation", attachment=True, copy=False)
    attachment_name = fields.Char(string="File name", copy=False)
    activity_id = fields.Many2one(
        "mail.activity", string="Task", readonly=True, copy=False, ondelete="set null"
    )

    @api.model
    def _default_internship_id(self):
        """The intern's own placed or running internship."""
        Internship = self.env["samenwijs.internship"]
        if not Internship.has_access("read"):
            return Internship
        return Internship.search(
            [
                ("employee_id.user_id", "=", self.env.uid),
                ("state", "in", ("placed", "running")),
            ],
            limit=1,
        )

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.model
    def _value_bounds(self):
        return {"date": (DATE_FIRST, DATE_LAST)}

    @api.model
    def _check_before_store(self, vals_list, records=None):
        check_values_list(self, vals_list, self._value_bounds())
        today = fields.Date.context_today(self)
        problems = []
        for vals in vals_list:
            for name in ("name", "note", "attachment_name"):
                value = vals.get(name)
                if value not in (None, False) and not isinstance(value, str):
                    problems.append(
                        self.env._(
                            "%(field)s must be text.",
                            field=self._fields[name].get_description(self.env)[
                                "string"
                            ],
                        )
                    )
            if "name" in vals and not (vals["name"] or "").strip():
                problems.append(self.env._("Give the meeting a title."))
            day = vals.get("date")
            if day and fields.Date.to_date(day) < today:
                problems.append(
                    self.env._(
                        "The meeting of %(date)s is past: pass on invitations "
                        "before the meeting (ST-2).",
                        date=format_date(self.env, fields.Date.to_date(day)),
                    )
                )
        if problems:
            raise ValidationError("\n".join(problems))
        Internship = self.env["samenwijs.internship"]
        for record in records or [None]:
            for vals in vals_list:
                if "attachment" in vals:
                    data = vals["attachment"]
                elif "attachment_name" in vals and record:
                    data = record.attachment
                else:
                    continue
                if not data:
                    continue
                filename = (
                    vals["attachment_name"]
                    if "attachment_name" in vals
                    else record.attachment_name
                    if record
                    else None
                )
                # sudo: only the upload limit of the internship's company is
                # read.
                company = (
                    record.company_id
                    if record
                    else Internship.sudo().browse(vals.get("internship_id")).company_id
                )
                check_upload(self.env, data, filename, company.sudo() or None)

    def _check_intern(self, internships, field_names):
        """The intern writes only the invitation's own fields, on their own
        internship; the administrator anything but the computed ones."""
        if self.env.su:
            return
        computed = [
            name
            for name in field_names
            if name in self._fields
            and (self._fields[name].compute or self._fields[name].readonly)
        ]
        blocked = set(field_names) - ENTRY_FIELDS - {"internship_id"}
        if computed or blocked:
            labels = sorted(
                self._fields[name].get_description(self.env)["string"]
                if name in self._fields
                else name
                for name in {*computed, *blocked}
            )
            raise AccessError(
                self.env._(
                    "You cannot change %(fields)s of an invitation.",
                    fields=", ".join(labels),
                )
            )
        if self.env.user.has_group(ADMIN):
            return
        # sudo: who the intern is decides; only that is used.
        foreign = internships.sudo().filtered(
            lambda i: i.employee_id.user_id != self.env.user
        )
        if foreign:
            raise AccessError(
                self.env._(
                    "Only the intern records invitations on %(names)s.",
                    names=", ".join(foreign.mapped("display_name")),
                )
            )

    @api.constrains("internship_id")
    def _check_internship_state(self):
        for invitation in self:
            # sudo: only the state of the internship is said.
            internship = invitation.internship_id.sudo()
            if internship.state not in ("placed", "running"):
                raise ValidationError(
                    self.env._(
                        "Invitations are recorded on a placed or running "
                        "internship, not on %(name)s.",
                        name=internship.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._check_before_store(vals_list)
        missing = sorted(
            {
                self._fields[name].get_description(self.env)["string"]
                for vals in vals_list
                for name in ("name", "internship_id", "date")
                if not vals.get(name)
            }
        )
        if missing:
            raise ValidationError(
                self.env._("Fill in %(fields)s.", fields=", ".join(missing))
            )
        internships = self.env["samenwijs.internship"].browse(
            {v["internship_id"] for v in vals_list}
        )
        check_exists(internships)
        if not self.env.su:
            internships.check_access("read")
        self._check_intern(internships, set().union(*vals_list))
        invitations = super().create(vals_list)
        invitations._schedule_praktijkopleider()
        return invitations

    def write(self, vals):
        check_exists(self)
        self._check_before_store([vals], self)
        self._check_intern(self.internship_id, vals.keys())
        if "internship_id" in vals and not self.env.su:
            internships = self.env["samenwijs.internship"].browse(vals["internship_id"])
            internships.check_access("read")
            self._check_intern(internships, set())
        result = super().write(vals)
        if {"date", "name", "internship_id"} & vals.keys():
            self._schedule_praktijkopleider()
        return result

    def unlink(self):
        check_exists(self)
        self._check_intern(self.internship_id, set())
        self.check_access("unlink")
        # sudo: the task is the praktijkopleider's; the invitation it is
        # about is removed by its intern, just checked.
        self.activity_id.sudo().unlink()
        return super().unlink()

    # ------------------------------------------------------------------
    # The praktijkopleider's task (ST-2)
    # ------------------------------------------------------------------
    def _deadline(self):
        today = fields.Date.context_today(self)
        return max(today, self.date - timedelta(days=DAYS_BEFORE))

    def _schedule_praktijkopleider(self):
        """Give the praktijkopleider of the internship one task per
        invitation, due before the meeting; a changed invitation moves its
        task. Running it again changes nothing."""
        activity_type = self.env.ref(ACTIVITY_TYPE)
        for invitation in self:
            # sudo: the intern may not plan tasks for others; the task is the
            # praktijkopleider's, asked for by the invitation just checked.
            internship = invitation.internship_id.sudo()
            po = internship.praktijkopleider_id.user_id
            summary = self.env._(
                "School meeting %(meeting)s on %(date)s (%(intern)s)",
                meeting=invitation.name,
                date=format_date(self.env, invitation.date),
                intern=internship.employee_id.name,
            )
            # sudo: the task of this invitation, whoever may read tasks.
            activity = invitation.sudo().activity_id
            if activity and (activity.res_id != internship.id or not po):
                activity.unlink()
                activity = self.env["mail.activity"]
            if not po:
                continue
            if activity:
                activity.write(
                    {
                        "date_deadline": invitation._deadline(),
                        "summary": summary,
                        "user_id": po.id,
                    }
                )
                continue
            activity = internship.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=po.id,
                date_deadline=invitation._deadline(),
                summary=summary,
                note=invitation.note or "",
            )
            # sudo: the link to the task is set by the app, never by a user.
            invitation.sudo().write({"activity_id": activity.id})
