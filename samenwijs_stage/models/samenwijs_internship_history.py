from odoo import models
from odoo.exceptions import UserError

from .samenwijs_internship import ADMIN

# A finished, terminated or rejected internship is history: it changes only
# through the steps of its state and an administrator's correction.
HISTORY_STATES = ("done", "terminated", "rejected")
# What may still be filled in on a rejected internship: why it was rejected.
REJECTED_WRITABLE_FIELDS = {"rejection_reason"}


class SamenwijsInternship(models.Model):
    """History: a finished, terminated or rejected internship changes only
    through the steps of its state (the allowance stop, closing its tasks,
    which run after their own checks) and through an internship
    administrator's correction, which the chatter records."""

    # One file per concern of the model, on purpose (see models/__init__.py).
    _inherit = "samenwijs.internship"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        # The role's own fields first: that refusal says more to the user.
        self._check_field_rights(vals.keys())
        corrected = self._check_history(vals.keys())
        res = super().write(vals)
        corrected._log_history_correction(vals.keys())
        return res

    def _check_history(self, field_names):
        """Refuse changes of ``field_names`` to internships that are history
        (finished, terminated or rejected), except the reason of a rejection
        and an internship administrator's correction. Returns the finished
        and terminated internships an administrator corrects, whose
        correction is logged."""
        if self.env.su:
            return self.browse()
        changed = set(field_names) - self._mail_field_names()
        history = self.filtered(lambda i: i.state in HISTORY_STATES)
        if not (changed and history):
            return self.browse()
        if self.env.user.has_group(ADMIN):
            return history.filtered(lambda i: i.state != "rejected")
        locked = history.filtered(
            lambda i: i.state != "rejected" or changed - REJECTED_WRITABLE_FIELDS
        )
        if not locked:
            return self.browse()
        labels = dict(self._fields["state"]._description_selection(self.env))
        raise UserError(
            self.env._(
                "Internship %(names)s is %(state)s and can no longer be changed. "
                "An internship administrator can correct it if needed.",
                names=", ".join(locked.mapped("display_name")),
                state=labels[locked[0].state].lower(),
            )
        )

    def _log_history_correction(self, field_names):
        """Say in the chatter of finished and terminated internships which
        fields an administrator corrected, and who did. The notes are posted
        once per internship and user, when the transaction is committed."""
        names = set(field_names) - self._mail_field_names()
        if not (self and names):
            return
        labels = {
            self._fields[name].get_description(self.env)["string"]
            if name in self._fields
            else name
            for name in names
        }
        data = self.env.cr.precommit.data
        corrections = data.setdefault("samenwijs.internship.corrections", {})
        if not corrections:
            self.env.cr.precommit.add(self._post_history_corrections)
        for internship in self:
            corrections.setdefault((internship.id, self.env.uid), set()).update(labels)

    def _post_history_corrections(self):
        corrections = self.env.cr.precommit.data.pop(
            "samenwijs.internship.corrections", {}
        )
        states = dict(self._fields["state"]._description_selection(self.env))
        for (internship_id, uid), labels in corrections.items():
            # sudo: the correction passed the administrator's access checks;
            # the note only records it, in the administrator's name.
            internship = self.sudo().browse(internship_id).exists()
            user = self.env["res.users"].sudo().browse(uid)
            if not internship:
                continue
            internship.message_post(
                body=self.env._(
                    "Correction of this %(state)s internship by %(user)s: %(fields)s.",
                    state=states[internship.state].lower(),
                    user=user.name,
                    fields=", ".join(sorted(labels)),
                ),
                author_id=user.partner_id.id,
                subtype_xmlid="mail.mt_note",
            )
