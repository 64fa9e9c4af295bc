import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.mimetypes import get_extension, guess_mimetype

from .field_rights import computed_fields, field_labels
from .value_checks import DATE_FIRST, DATE_LAST, check_exists, check_values_list

ADMIN = "samenwijs_stage.group_admin"
PRAKTIJKOPLEIDER = "samenwijs_stage.group_praktijkopleider"
WERKBEGELEIDER = "samenwijs_stage.group_werkbegeleider"
INTERN = "samenwijs_stage.group_intern"

# What an intern may upload: the extension of the file name and what its
# content turns out to be must both be one of these.
UPLOAD_TYPES = {
    ".pdf": {"application/pdf"},
    ".doc": {"application/msword"},
    ".docx": {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    },
    ".odt": {"application/vnd.oasis.opendocument.text"},
    ".txt": {"text/plain"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".png": {"image/png"},
}

# The fields of each part of an assignment; state, dates of submission and
# signatures are set by the actions only.
GIVER_FIELDS = {"name", "kind", "description", "deadline"}
SUBMISSION_FIELDS = {"submission_file", "submission_filename", "submission_note"}


def check_upload(env, data, filename, company=None):
    """Refuse a file that is not a document or image of the allowed types,
    or larger than the maximum of ``company`` (``samenwijs_upload_max_mb``;
    the current company when not given), with a sentence that says why.
    ``data`` is the base64 value of a binary field; nothing is stored when
    this raises."""
    if not data:
        return
    if isinstance(data, str):
        data = data.encode()
    if not isinstance(data, bytes):
        raise ValidationError(env._("The uploaded file is not a file."))
    limit_mb = (company or env.company).samenwijs_upload_max_mb or 10
    # Base64 takes four characters for three bytes: far too large is
    # refused before it is decoded.
    if len(data) // 4 * 3 > limit_mb * 1024 * 1024 + 3:
        raise ValidationError(
            env._(
                "%(file)s is %(size)s MB; files of at most %(max)s MB can be uploaded.",
                file=filename or "",
                size=f"{len(data) // 4 * 3 / 1024 / 1024:.1f}",
                max=limit_mb,
            )
        )
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError(
            env._("The uploaded file could not be read; upload it again.")
        ) from None
    allowed = ", ".join(sorted({ext.lstrip(".").upper() for ext in UPLOAD_TYPES}))
    if not filename or not isinstance(filename, str):
        raise ValidationError(
            env._("Give the uploaded file its name (one of %(types)s).", types=allowed)
        )
    if len(raw) > limit_mb * 1024 * 1024:
        raise ValidationError(
            env._(
                "%(file)s is %(size)s MB; files of at most %(max)s MB can be uploaded.",
                file=filename,
                size=f"{len(raw) / 1024 / 1024:.1f}",
                max=limit_mb,
            )
        )
    extension = get_extension(filename).lower()
    mimetype = guess_mimetype(raw) if raw else ""
    if extension not in UPLOAD_TYPES or mimetype not in UPLOAD_TYPES[extension]:
        raise ValidationError(
            env._(
                "%(file)s cannot be uploaded: only documents and images are "
                "accepted (%(types)s), and the file must be what its name "
                "says.",
                file=filename,
                types=allowed,
            )
        )


class SamenwijsInternshipAssignment(models.Model):
    """An assignment, report or exam that an intern hands in and that is
    signed with feedback (WB-7, WB-P3, ST-5, ST-6).

    Who gives it: the werkbegeleider or the praktijkopleider of the
    internship makes the assignment with its deadline, and corrects it until
    the work is handed in (the school's assignments reach them through the
    BPV book, ST-3). The intern does not make or move assignments: a
    deadline the intern set would make the late flag (ST-5) meaningless. The
    giver deletes an assignment that was not handed in.

    The path: the intern uploads their work (a document or image, at most the
    company's ``samenwijs_upload_max_mb``) and submits it; from then on the
    intern changes nothing. The werkbegeleider writes feedback and signs
    (signing without feedback is refused, WB-P3), or sends the work back
    with a reason. An exam (ST-6) is handed in to the praktijkopleider and
    the werkbegeleider: each signs with their own feedback (``feedback``,
    ``po_feedback``) in any order, each signature is kept on its own fields
    (``signed_by_id``/``signed_on`` and ``po_signed_by_id``/``po_signed_on``),
    and the exam is signed (``approved``) only when both signed. Sending back
    clears the signatures given so far. A signed assignment is read-only for
    everybody but the internship administrator, who can reopen it.

    Late (ST-5): work handed in after the deadline is marked late when it is
    submitted (``submitted_late``, stored); work not handed in while the
    deadline passed is found through ``is_late``, which is searched against
    today, so no scheduled action has to keep it up to date.

    Who reads: the intern their own, the werkbegeleider those of the interns
    they supervise, the location manager those of their locations, the
    praktijkopleider those of the region and the internship administrator
    all; payroll nothing.
    """

    _name = "samenwijs.internship.assignment"
    _inherit = ["samenwijs.signoff.mixin"]
    _description = "Internship assignment"
    _order = "deadline desc, id desc"
    _check_company_auto = True
    _signoff_activity_type = "samenwijs_stage.mail_activity_type_assignment_to_sign"
    _signoff_thread_field = "internship_id"

    state = fields.Selection(
        [("draft", "To hand in"), ("submitted", "Handed in"), ("approved", "Signed")]
    )
    name = fields.Char(string="Title", required=True)
    kind = fields.Selection(
        [
            ("assignment", "Practical assignment"),
            ("report", "Written report"),
            ("exam", "Exam"),
        ],
        required=True,
        default="assignment",
        help="An exam is handed in to the praktijkopleider and the "
        "werkbegeleider, and both sign it (ST-6).",
    )
    internship_id = fields.Many2one(
        "samenwijs.internship",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        domain="[('state', '=', 'running')]",
    )
    employee_id = fields.Many2one(
        related="internship_id.employee_id", string="Intern", store=True, index=True
    )
    werkbegeleider_id = fields.Many2one(
        related="internship_id.werkbegeleider_id", store=True, index=True
    )
    praktijkopleider_id = fields.Many2one(
        related="internship_id.praktijkopleider_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="internship_id.company_id", store=True, index=True
    )
    description = fields.Text(help="What the intern has to do or write.")
    deadline = fields.Date(required=True, index=True)
    submission_file = fields.Binary(
        string="Work",
        attachment=True,
        copy=False,
        help="A PDF, Word, OpenDocument or text document, or a JPEG or PNG image.",
    )
    submission_filename = fields.Char(string="File name", copy=False)
    submission_note = fields.Text(string="Note of the intern", copy=False)
    submitted_on = fields.Date(string="Handed in on", readonly=True, copy=False)
    submitted_late = fields.Boolean(
        string="Handed in late",
        compute="_compute_submitted_late",
        store=True,
        help="Handed in after the deadline (ST-5).",
    )
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        search="_search_is_late",
        help="Handed in after the deadline, or not handed in while the "
        "deadline has passed (ST-5).",
    )
    feedback = fields.Text(
        string="Feedback of the werkbegeleider",
        copy=False,
        help="Required to sign (WB-P3).",
    )
    po_feedback = fields.Text(
        string="Feedback of the praktijkopleider",
        copy=False,
        help="Exams: required for the praktijkopleider to sign (ST-6).",
    )
    po_signed_by_id = fields.Many2one(
        "res.users", string="Signed by (praktijkopleider)", readonly=True, copy=False
    )
    po_signed_on = fields.Datetime(
        string="Signed on (praktijkopleider)", readonly=True, copy=False
    )
    can_submit = fields.Boolean(compute="_compute_can_act")
    can_edit_feedback = fields.Boolean(compute="_compute_can_act")
    can_edit_po_feedback = fields.Boolean(compute="_compute_can_act")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("submitted_on", "deadline")
    def _compute_submitted_late(self):
        for assignment in self:
            assignment.submitted_late = bool(
                assignment.submitted_on
                and assignment.deadline
                and assignment.submitted_on > assignment.deadline
            )

    @api.depends("submitted_late", "submitted_on", "state", "deadline")
    @api.depends_context("tz")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for assignment in self:
            assignment.is_late = assignment.submitted_late or bool(
                assignment.state == "draft"
                and assignment.deadline
                and assignment.deadline < today
            )

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        today = fields.Date.context_today(self)
        late = [
            "|",
            ("submitted_late", "=", True),
            "&",
            ("state", "=", "draft"),
            ("deadline", "<", today),
        ]
        if (operator == "=") == bool(value):
            return late
        return ["!", *late]

    @api.depends(
        "state",
        "kind",
        "signed_by_id",
        "po_signed_by_id",
        "internship_id.employee_id.user_id",
        "internship_id.werkbegeleider_id.user_id",
        "internship_id.praktijkopleider_id.user_id",
    )
    @api.depends_context("uid")
    def _compute_can_act(self):
        user = self.env.user
        for assignment in self:
            assignment.can_submit = (
                assignment.state == "draft" and assignment._intern_user() == user
            )
            assignment.can_edit_feedback = (
                assignment.state == "submitted"
                and not assignment.signed_by_id
                and assignment._signoff_signer() == user
            )
            assignment.can_edit_po_feedback = (
                assignment.state == "submitted"
                and assignment.kind == "exam"
                and not assignment.po_signed_by_id
                and assignment._po_user() == user
            )

    @api.depends("state", "kind", "signed_by_id", "po_signed_by_id")
    @api.depends_context("uid")
    def _compute_can_sign(self):
        """The werkbegeleider signs what they did not sign yet; for an exam
        the praktijkopleider too (ST-6)."""
        user = self.env.user
        for assignment in self:
            assignment.can_sign = assignment.state == "submitted" and (
                (not assignment.signed_by_id and assignment._signoff_signer() == user)
                or (
                    assignment.kind == "exam"
                    and not assignment.po_signed_by_id
                    and assignment._po_user() == user
                )
            )

    # ------------------------------------------------------------------
    # Who is who (one record)
    # ------------------------------------------------------------------
    def _intern_user(self):
        # sudo: who the intern is decides what they may do; only that is used.
        return self.sudo().internship_id.employee_id.user_id

    def _signoff_signer(self):
        # sudo: who supervises the intern decides who signs.
        return self.sudo().internship_id.werkbegeleider_id.user_id

    def _po_user(self):
        # sudo: the praktijkopleider of the internship signs its exams.
        return self.sudo().internship_id.praktijkopleider_id.user_id

    # ------------------------------------------------------------------
    # Checks before anything is stored
    # ------------------------------------------------------------------
    @api.model
    def _value_bounds(self):
        return {"deadline": (DATE_FIRST, DATE_LAST)}

    @api.model
    def _check_text_values(self, vals_list):
        """Text fields take text; the title is not empty."""
        problems = []
        for vals in vals_list:
            for name in (*GIVER_FIELDS, *SUBMISSION_FIELDS, "feedback", "po_feedback"):
                value = vals.get(name)
                field = self._fields.get(name)
                if (
                    field is not None
                    and field.type in ("char", "text")
                    and value not in (None, False)
                    and not isinstance(value, str)
                ):
                    problems.append(
                        self.env._(
                            "%(field)s must be text.",
                            field=field.get_description(self.env)["string"],
                        )
                    )
            if "name" in vals and not (vals["name"] or "").strip():
                problems.append(self.env._("Give the assignment a title."))
        if problems:
            raise ValidationError("\n".join(problems))

    def _check_uploads(self, vals_list):
        """Check each uploaded file, or the new name of a stored one, against
        the allowed types and the maximum size of the internship's
        company."""
        Internship = self.env["samenwijs.internship"]
        for record, vals in vals_list:
            if "submission_file" in vals:
                data = vals["submission_file"]
            elif "submission_filename" in vals and record:
                data = record.submission_file
            else:
                continue
            if not data:
                continue
            filename = (
                vals["submission_filename"]
                if "submission_filename" in vals
                else record.submission_filename
                if record
                else None
            )
            # sudo: only the upload limit of the internship's company is read.
            company = (
                record.company_id
                if record
                else Internship.sudo().browse(vals.get("internship_id")).company_id
            )
            check_upload(self.env, data, filename, company.sudo() or None)

    @api.constrains("internship_id")
    def _check_internship_running(self):
        for assignment in self:
            # sudo: only the state of the internship is said.
            internship = assignment.internship_id.sudo()
            if internship.state != "running":
                states = dict(
                    internship._fields["state"]._description_selection(self.env)
                )
                raise ValidationError(
                    self.env._(
                        "Assignments are given on a running internship; %(name)s "
                        "is %(state)s.",
                        name=internship.display_name,
                        state=states[internship.state].lower(),
                    )
                )

    # ------------------------------------------------------------------
    # Who may write what (deny by default)
    # ------------------------------------------------------------------
    def _check_write_rights(self, field_names):
        """The werkbegeleider and the praktijkopleider give and correct the
        assignment until it is handed in; the intern writes only their work
        until they hand it in; the werkbegeleider writes their feedback, the
        praktijkopleider theirs on an exam, while it waits for their
        signature. Computed fields, state and signatures are nobody's."""
        if self.env.su or self.env.context.get("samenwijs_signoff"):
            return
        field_names = set(field_names)
        computed = field_labels(self, computed_fields(self, field_names))
        if computed:
            raise AccessError(
                self.env._(
                    "%(fields)s of assignments are computed and cannot be written.",
                    fields=computed,
                )
            )
        self._check_signoff_lock()
        if self.env.user.has_group(ADMIN):
            return
        user = self.env.user
        for assignment in self:
            allowed = set()
            if assignment.state == "draft":
                if user in (assignment._signoff_signer(), assignment._po_user()):
                    allowed |= GIVER_FIELDS
                if assignment._intern_user() == user:
                    allowed |= SUBMISSION_FIELDS
            elif assignment.state == "submitted":
                if assignment._signoff_signer() == user and not assignment.signed_by_id:
                    allowed.add("feedback")
                if (
                    assignment.kind == "exam"
                    and assignment._po_user() == user
                    and not assignment.po_signed_by_id
                ):
                    allowed.add("po_feedback")
            blocked = field_names - allowed
            if blocked:
                labels = field_labels(self, blocked)
                raise AccessError(
                    self.env._(
                        "You cannot change %(fields)s of %(assignment)s.",
                        fields=labels,
                        assignment=assignment.display_name,
                    )
                )

    def _check_givers(self, internships):
        """Only the werkbegeleider of the internship, the praktijkopleider of
        the internship or the internship administrator gives assignments."""
        if self.env.su or self.env.user.has_group(ADMIN):
            return
        user = self.env.user
        # sudo: who supervises the intern decides; only that is used.
        foreign = internships.sudo().filtered(
            lambda i: user
            not in (i.werkbegeleider_id.user_id, i.praktijkopleider_id.user_id)
        )
        if foreign:
            raise AccessError(
                self.env._(
                    "Only the werkbegeleider or the praktijkopleider gives "
                    "assignments on %(names)s.",
                    names=", ".join(foreign.mapped("display_name")),
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        check_values_list(self, vals_list, self._value_bounds())
        self._check_text_values(vals_list)
        missing = sorted(
            {
                self._fields[name].get_description(self.env)["string"]
                for vals in vals_list
                for name in ("name", "internship_id", "deadline")
                if not vals.get(name)
            }
        )
        if missing:
            raise ValidationError(
                self.env._("Fill in %(fields)s.", fields=", ".join(missing))
            )
        if not self.env.su:
            field_names = set().union(*vals_list)
            computed = [
                name
                for name in field_names
                if name in self._fields and self._fields[name].compute
            ]
            allowed = GIVER_FIELDS | {"internship_id"}
            if self.env.user.has_group(ADMIN):
                allowed |= {"feedback", "po_feedback"} | SUBMISSION_FIELDS
            blocked = field_names - allowed
            if computed or blocked:
                labels = sorted(
                    self._fields[name].get_description(self.env)["string"]
                    if name in self._fields
                    else name
                    for name in (*computed, *blocked)
                )
                raise AccessError(
                    self.env._(
                        "You cannot set %(fields)s when giving an assignment.",
                        fields=labels,
                    )
                )
            internships = self.env["samenwijs.internship"].browse(
                {v["internship_id"] for v in vals_list if v.get("internship_id")}
            )
            check_exists(internships)
            internships.check_access("read")
            self._check_givers(internships)
        self._check_uploads([(None, vals) for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        check_exists(self)
        check_values_list(self, [vals], self._value_bounds())
        self._check_text_values([vals])
        self._check_write_rights(vals.keys())
        self._check_uploads([(record, vals) for record in self])
        return super().write(vals)

    def unlink(self):
        check_exists(self)
        threads = self.internship_id
        result = super().unlink()
        # Nothing left to sign on the thread may close the signers' tasks.
        self.browse()._assignment_close_activities(threads)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_giver(self):
        """The giver removes an assignment that was not handed in; the
        internship administrator any assignment."""
        if self.env.su:
            return
        self._check_signoff_lock()
        if self.env.user.has_group(ADMIN):
            return
        user = self.env.user
        for assignment in self:
            if assignment.state != "draft" or user not in (
                assignment._signoff_signer(),
                assignment._po_user(),
            ):
                raise AccessError(
                    self.env._(
                        "%(assignment)s cannot be deleted: only the "
                        "werkbegeleider or praktijkopleider deletes an "
                        "assignment that was not handed in.",
                        assignment=assignment.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _signoff_summary(self, records):
        return self.env._(
            "Sign %(names)s of %(intern)s",
            names=", ".join(records[:5].mapped("name")),
            # sudo: the intern's name, for the signer's task.
            intern=records[:1].sudo().employee_id.name,
        )

    def action_submit(self):
        """ST-5, ST-6: the intern hands in their work; the werkbegeleider,
        and for an exam the praktijkopleider, gets a task to sign it. Work
        handed in after the deadline is marked late."""
        check_exists(self)
        if not self.env.su and not self.env.user.has_group(ADMIN):
            others = self.filtered(lambda a: a._intern_user() != self.env.user)
            if others:
                raise AccessError(
                    self.env._(
                        "Only the intern hands in %(names)s.",
                        names=", ".join(others[:5].mapped("display_name")),
                    )
                )
        self._signoff_ensure_states({"draft"}, self.env._("Handing in"))
        empty = self.filtered(
            lambda a: not a.submission_file and not (a.submission_note or "").strip()
        )
        if empty:
            raise UserError(
                self.env._(
                    "Upload your work or write a note before handing in %(names)s.",
                    names=", ".join(empty[:5].mapped("display_name")),
                )
            )
        super().action_submit()
        self._signoff_write(
            {"submitted_on": fields.Date.context_today(self)}
            | {
                "signed_by_id": False,
                "signed_on": False,
                "po_signed_by_id": False,
                "po_signed_on": False,
            }
        )
        activity_type = self._signoff_activity_type_record()
        exams = self.filtered(lambda a: a.kind == "exam")
        for thread, records in exams._signoff_by_thread().items():
            po = records[:1]._po_user()
            # sudo: whether the praktijkopleider has the task already.
            if po and not thread.sudo().activity_ids.filtered(
                lambda a, u=po: a.user_id == u and a.activity_type_id == activity_type
            ):
                # sudo: the intern may not plan tasks for others; the task
                # is the praktijkopleider's, asked for by the exam just
                # handed in (ST-6).
                thread.sudo().activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=po.id,
                    summary=self._signoff_summary(records),
                )
        return True

    def _signoff_parts(self):
        """The records the current user signs as werkbegeleider and those
        they sign as praktijkopleider (exams)."""
        user = self.env.user
        su = self.env.su
        as_wb = self.filtered(
            lambda a: not a.signed_by_id and (su or a._signoff_signer() == user)
        )
        as_po = self.filtered(
            lambda a: a.kind == "exam"
            and not a.po_signed_by_id
            and (su or a._po_user() == user)
        )
        return as_wb, as_po

    def _check_signer(self):
        """The werkbegeleider, and for an exam also the praktijkopleider,
        signs or sends back."""
        if self.env.su:
            return
        user = self.env.user
        others = self.filtered(
            lambda a: a._signoff_signer() != user
            and not (a.kind == "exam" and a._po_user() == user)
        )
        if others:
            raise AccessError(
                self.env._(
                    "Only the werkbegeleider of the intern signs %(records)s; "
                    "an exam also the praktijkopleider.",
                    records=", ".join(others[:5].mapped("display_name")),
                )
            )

    def action_approve(self):
        """WB-P3, WB-7: the werkbegeleider signs with feedback. ST-6: an exam
        is signed when the werkbegeleider and the praktijkopleider both
        signed, each with their own feedback."""
        check_exists(self)
        self.check_access("write")
        self._check_signer()
        self._signoff_ensure_states({"submitted"}, self.env._("Signing"))
        as_wb, as_po = self._signoff_parts()
        if not (as_wb | as_po) and not self.env.su:
            raise UserError(
                self.env._(
                    "You already signed %(names)s.",
                    names=", ".join(self[:5].mapped("display_name")),
                )
            )
        without = as_wb.filtered(lambda a: not (a.feedback or "").strip()) | (
            as_po.filtered(lambda a: not (a.po_feedback or "").strip())
        )
        if without:
            raise UserError(
                self.env._(
                    "Write your feedback before signing %(names)s (WB-P3).",
                    names=", ".join(without[:5].mapped("display_name")),
                )
            )
        now = fields.Datetime.now()
        as_wb._signoff_write({"signed_by_id": self.env.user.id, "signed_on": now})
        as_po._signoff_write({"po_signed_by_id": self.env.user.id, "po_signed_on": now})
        complete = self.filtered(
            lambda a: a.signed_by_id and (a.kind != "exam" or a.po_signed_by_id)
        )
        complete._signoff_write({"state": "approved"})
        complete._signoff_signed()
        self._signoff_done_activities()
        return True

    def action_send_back(self, reason):
        """The werkbegeleider (or, for an exam, the praktijkopleider) returns
        the work to the intern with a reason; signatures given so far are
        cleared: the work will be handed in again."""
        result = super().action_send_back(reason)
        self._signoff_write(
            {
                "signed_by_id": False,
                "signed_on": False,
                "po_signed_by_id": False,
                "po_signed_on": False,
            }
        )
        return result

    def action_reset(self, reason):
        result = super().action_reset(reason)
        self._signoff_write({"po_signed_by_id": False, "po_signed_on": False})
        return result

    def _signoff_done_activities(self):
        self._assignment_close_activities(self.internship_id)

    def _assignment_close_activities(self, threads):
        """Close the signing task of each user of ``threads`` who has nothing
        left to sign there: a werkbegeleider who signed an exam does not wait
        for the praktijkopleider."""
        threads = threads.exists()
        if not threads:
            return
        activity_type = self._signoff_activity_type_record()
        # sudo: only who still has something to sign is used.
        pending = (
            self.sudo()
            .browse()
            .search([("internship_id", "in", threads.ids), ("state", "=", "submitted")])
        )
        waiting = {}
        for assignment in pending:
            users = waiting.setdefault(assignment.internship_id.id, set())
            if not assignment.signed_by_id:
                users.add(assignment._signoff_signer().id)
            if assignment.kind == "exam" and not assignment.po_signed_by_id:
                users.add(assignment._po_user().id)
        # sudo: the activities are the signers'; the action that ends them
        # was just checked.
        for thread in threads.sudo():
            activities = thread.activity_ids.filtered(
                lambda a, t=thread: a.activity_type_id == activity_type
                and a.user_id.id not in waiting.get(t.id, set())
            )
            activities.action_feedback(
                feedback=self.env._(
                    "Nothing left to sign (%(user)s)", user=self.env.user.name
                )
            )

    def action_send_back_feedback(self):
        """Send the work back with the feedback just written as the reason:
        the feedback of the werkbegeleider, or of the praktijkopleider when
        they send back an exam."""
        check_exists(self)
        user = self.env.user
        for assignment in self:
            as_po = (
                assignment.kind == "exam"
                and assignment._po_user() == user
                and assignment._signoff_signer() != user
            )
            assignment.action_send_back(
                assignment.po_feedback if as_po else assignment.feedback
            )
        return True
