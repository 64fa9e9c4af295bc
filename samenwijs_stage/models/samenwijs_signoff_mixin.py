from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .value_checks import ensure_states

ADMIN = "samenwijs_stage.group_admin"


class SamenwijsSignoffMixin(models.AbstractModel):
    """What a werkbegeleider signs (HR-1, WB-P3, EV-1): hour lines now,
    assignments and evaluations later.

    A record goes ``draft`` → ``submitted`` → ``approved`` (signed). Its
    owner submits it, which gives the signer one activity on the record that
    carries the chatter (``_signoff_thread``); the signer approves it (signed
    by, signed on) or sends it back with a reason. A signed record is
    read-only for everybody but an internship administrator, who can reopen
    it with a reason that the chatter keeps.

    A model that uses the mixin says who signs (``_signoff_signer``), which
    record carries the chatter and the activity (``_signoff_thread``) and
    which activity type asks for the signature
    (``_signoff_activity_type``). The actions work on many records at once
    and write each new state in one go.
    """

    _name = "samenwijs.signoff.mixin"
    _description = "Signed off by the werkbegeleider"

    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("approved", "Signed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
    )
    signed_by_id = fields.Many2one(
        "res.users", string="Signed by", readonly=True, copy=False
    )
    signed_on = fields.Datetime(readonly=True, copy=False)
    sent_back_reason = fields.Text(string="Reason sent back", readonly=True, copy=False)
    can_sign = fields.Boolean(compute="_compute_can_sign")

    _signoff_activity_type = "samenwijs_stage.mail_activity_type_signoff"
    _signoff_thread_field = None

    # ------------------------------------------------------------------
    # What the model says
    # ------------------------------------------------------------------
    def _signoff_signer(self):
        """The user who signs this record (one record)."""
        raise NotImplementedError

    def _signoff_thread(self):
        """The record whose chatter and activities tell about this one: the
        record of ``_signoff_thread_field``, or the record itself."""
        return self[self._signoff_thread_field] if self._signoff_thread_field else self

    def _signoff_summary(self, records):
        """The summary of the signer's activity for ``records`` of one
        thread."""
        return self.env._("Sign %(what)s", what=self._description)

    @api.depends("state")
    @api.depends_context("uid")
    def _compute_can_sign(self):
        for record in self:
            record.can_sign = (
                record.state == "submitted"
                and record._signoff_signer() == self.env.user
            )

    # ------------------------------------------------------------------
    # The lock
    # ------------------------------------------------------------------
    def _signoff_is_admin(self):
        return self.env.su or self.env.user.has_group(ADMIN)

    def _check_signoff_lock(self):
        """Signed records stay as they were signed; only an internship
        administrator changes them (HR-1)."""
        if self._signoff_is_admin():
            return
        signed = self.filtered(lambda r: r.state == "approved")
        if signed:
            raise UserError(
                self.env._(
                    "%(records)s %(verb)s signed and can no longer be changed. "
                    "Ask the internship administrator to reopen it.",
                    records=", ".join(signed[:5].mapped("display_name")),
                    verb=self.env._("is") if len(signed) == 1 else self.env._("are"),
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _signoff_ensure_states(self, states, action):
        ensure_states(self, states, action)

    def _signoff_by_thread(self):
        groups = defaultdict(self.browse)
        for record in self:
            groups[record._signoff_thread()] |= record
        return groups

    def _signoff_write(self, values):
        """Write the new state after the calling action checked the user."""
        # sudo: state and signature are on nobody's list of writable
        # fields; the calling action checked the user's right to each
        # record and its role in the sign-off.
        self.sudo().with_context(samenwijs_signoff=True).write(values)

    def action_submit(self):
        """The owner hands the records to the signer, who gets one activity
        per thread."""
        self.check_access("write")
        self._signoff_ensure_states({"draft"}, self.env._("Submitting"))
        self._signoff_write({"state": "submitted", "sent_back_reason": False})
        activity_type = self._signoff_activity_type_record()
        for thread, records in self._signoff_by_thread().items():
            signer = records[:1]._signoff_signer()
            if signer and not thread.activity_ids.filtered(
                lambda a, s=signer: a.user_id == s
                and a.activity_type_id == activity_type
            ):
                # sudo: the owner may not plan tasks for others on the
                # thread; the task is the signer's, asked for by the
                # submission just checked.
                thread.sudo().activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=signer.id,
                    summary=self._signoff_summary(records),
                )
        return True

    def _check_signer(self):
        if self.env.su:
            return
        others = self.filtered(lambda r: r._signoff_signer() != self.env.user)
        if others:
            raise AccessError(
                self.env._(
                    "Only the werkbegeleider of the intern signs %(records)s.",
                    records=", ".join(others[:5].mapped("display_name")),
                )
            )

    def action_approve(self):
        """HR-1, WB-P4: the werkbegeleider signs; one click for a week or
        any selection."""
        self.check_access("write")
        self._check_signer()
        self._signoff_ensure_states({"submitted"}, self.env._("Signing"))
        self._signoff_write(
            {
                "state": "approved",
                "signed_by_id": self.env.user.id,
                "signed_on": fields.Datetime.now(),
            }
        )
        self._signoff_signed()
        self._signoff_done_activities()
        return True

    def action_send_back(self, reason):
        """The werkbegeleider returns submitted records to the owner with a
        reason."""
        self.check_access("write")
        self._check_signer()
        self._signoff_ensure_states({"submitted"}, self.env._("Sending back"))
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the records are sent back."))
        self._signoff_write({"state": "draft", "sent_back_reason": reason})
        self._signoff_done_activities()
        for thread, records in self._signoff_by_thread().items():
            # sudo: posting on the thread is part of the checked action.
            thread.sudo().message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    self.env._(
                        "%(user)s sent back %(count)s lines: %(names)s",
                        user=self.env.user.name,
                        count=len(records),
                        names=", ".join(records[:10].mapped("display_name")),
                    ),
                    reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_reset(self, reason):
        """Only an internship administrator reopens signed records; the
        chatter says who and why."""
        if not self._signoff_is_admin():
            raise AccessError(
                self.env._(
                    "Only the internship administrator can reopen signed records."
                )
            )
        self.check_access("write")
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the signed records are reopened."))
        self._signoff_ensure_states({"submitted", "approved"}, self.env._("Reopening"))
        signed = self.filtered(lambda r: r.state == "approved")
        self._signoff_write(
            {"state": "draft", "signed_by_id": False, "signed_on": False}
        )
        self._signoff_reopened(signed)
        self._signoff_done_activities()
        for thread, records in self._signoff_by_thread().items():
            thread.sudo().message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    self.env._(
                        "%(user)s reopened %(count)s lines: %(names)s",
                        user=self.env.user.name,
                        count=len(records),
                        names=", ".join(records[:10].mapped("display_name")),
                    ),
                    reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _signoff_signed(self):
        """Hook: these records were just signed (all of them at once)."""

    def _signoff_reopened(self, signed):
        """Hook: ``signed`` records were signed and are now reopened."""

    def _signoff_activity_type_record(self):
        return self.env.ref(self._signoff_activity_type)

    def _signoff_done_activities(self):
        """Close the signer's activity of each thread with nothing left to
        sign."""
        activity_type = self._signoff_activity_type_record()
        threads = self._signoff_by_thread()
        pending = self._signoff_threads_pending(threads)
        for thread in threads:
            if thread in pending:
                continue
            activities = thread.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            )
            # sudo: the activity is the signer's; the action that ends it
            # was just checked.
            activities.sudo().action_feedback(
                feedback=self.env._(
                    "Nothing left to sign (%(user)s)", user=self.env.user.name
                )
            )

    def _signoff_threads_pending(self, threads):
        """Those of ``threads`` that still have records to sign, in one
        query."""
        field = self._signoff_thread_field
        if not field:
            return {t for t in threads if t.state == "submitted"}
        # sudo: only whether something is left to sign is used.
        groups = self.sudo()._read_group(
            [(field, "in", [t.id for t in threads]), ("state", "=", "submitted")],
            [field],
        )
        return {thread for (thread,) in groups}
