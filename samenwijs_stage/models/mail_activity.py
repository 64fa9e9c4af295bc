from odoo import models
from odoo.exceptions import AccessError

ALLOWANCE_STOP_ACTIVITY = "samenwijs_stage.mail_activity_type_allowance_stop"
# Tasks of the praktijkopleider of the internship's region: after an early
# termination, the school (TM-1) and the Personenregister (VOG-2); the
# returned forms before the first evaluation (EV-1); the monthly check with
# a werkbegeleider (PO-4); a problem a werkbegeleider reported (WB-P5).
PRAKTIJKOPLEIDER_ACTIVITIES = (
    "samenwijs_stage.mail_activity_type_school_coordination",
    "samenwijs_stage.mail_activity_type_personenregister_end",
    "samenwijs_stage.mail_activity_type_ev1_forms",
    "samenwijs_stage.mail_activity_type_po_check",
    "samenwijs_stage.mail_activity_type_problem_report",
)


class MailActivity(models.Model):
    """Tasks that carry a legal or payroll duty stay with their role: only
    the payroll administration closes, moves or cancels the 'Stop internship
    allowance' task (PO-9); only the praktijkopleider of the region (or the
    internship administrator) those for the school (TM-1) and the
    Personenregister (VOG-2)."""

    _inherit = "mail.activity"

    def _samenwijs_activity_types(self, xmlids):
        return self.env["mail.activity.type"].browse(
            [
                type_id
                for xmlid in xmlids
                if (
                    type_id := self.env["ir.model.data"]._xmlid_to_res_id(
                        xmlid, raise_if_not_found=False
                    )
                )
            ]
        )

    def _check_samenwijs_duty(self):
        """Refuse to close, move or cancel a task of a role the user does
        not have."""
        if self.env.su:
            return
        user = self.env.user
        stop_type = self._samenwijs_activity_types([ALLOWANCE_STOP_ACTIVITY])
        po_types = self._samenwijs_activity_types(PRAKTIJKOPLEIDER_ACTIVITIES)
        # sudo: only the type and document of the tasks are looked at, to
        # decide whether the user may touch them.
        activities = self.sudo()
        stops = activities.filtered(lambda a: a.activity_type_id in stop_type)
        if stops and not user.has_group("samenwijs_stage.group_payroll"):
            raise AccessError(
                self.env._(
                    "Only the payroll administration can close, reassign, "
                    "reschedule or cancel the task to stop an internship "
                    "allowance (PO-9)."
                )
            )
        po_tasks = activities.filtered(lambda a: a.activity_type_id in po_types)
        if not po_tasks:
            return
        allowed = user.has_group("samenwijs_stage.group_praktijkopleider")
        if allowed:
            internships = po_tasks.filtered(
                lambda a: a.res_model == "samenwijs.internship"
            )
            records = self.env["samenwijs.internship"].browse(
                internships.mapped("res_id")
            )
            # The region decides: the internships the user may change.
            allowed = len(records._filtered_access("write")) == len(records.exists())
        if not allowed:
            raise AccessError(
                self.env._(
                    "Only the praktijkopleider of the region can close, "
                    "reassign, reschedule or cancel this task: %(tasks)s.",
                    tasks=", ".join(po_tasks.mapped("activity_type_id.name")),
                )
            )

    def write(self, vals):
        self._check_samenwijs_duty()
        return super().write(vals)

    def unlink(self):
        self._check_samenwijs_duty()
        return super().unlink()

    def _action_done(self, feedback=False, attachment_ids=None):
        """PO-9: marking the 'Stop internship allowance' task as done
        confirms the stop on the allowance record, as of today (payroll and
        administrators only: anyone else is refused and the task stays
        open)."""
        # Refuse before anything is posted or marked done.
        self._check_samenwijs_duty()
        stop_type = self._samenwijs_activity_types([ALLOWANCE_STOP_ACTIVITY])
        stops = self.filtered(
            lambda a: a.activity_type_id in stop_type
            and a.res_model == "samenwijs.allowance"
        )
        allowances = (
            self.env["samenwijs.allowance"]
            .browse(stops.mapped("res_id"))
            .exists()
            # sudo: the state only decides whether the stop is still open;
            # action_confirm_stop checks the user's right to the records.
            .filtered(lambda a: a.sudo().state == "stop_requested")
        )
        if allowances:
            allowances._check_stop_rights()
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if allowances:
            allowances.action_confirm_stop()
        return result
