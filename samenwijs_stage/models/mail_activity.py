from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """PO-9: marking the 'Stop internship allowance' task as done
        confirms the stop on the internship (payroll and administrators
        only: anyone else is refused and the task stays open)."""
        stop_type = self.env.ref(
            "samenwijs_stage.mail_activity_type_allowance_stop",
            raise_if_not_found=False,
        )
        stops = self.filtered(
            lambda a: stop_type
            and a.activity_type_id == stop_type
            and a.res_model == "samenwijs.internship"
        )
        internships = (
            self.env["samenwijs.internship"]
            .browse(stops.mapped("res_id"))
            .exists()
            .filtered(lambda i: i.sudo().allowance_state == "stop_requested")
        )
        if internships:
            # Refuse before anything is marked done.
            internships._check_allowance_stop_rights()
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if internships:
            internships.action_confirm_allowance_stop()
        return result
