from odoo import api, fields, models

from ..models.value_checks import check_exists, check_values_list


class SamenwijsInternshipHourReturn(models.TransientModel):
    """Send submitted hours back to the intern, or reopen signed hours, with
    the reason the chatter keeps (HR-1). Only its maker sees it (record
    rule); the action it calls checks the maker's role."""

    _name = "samenwijs.internship.hour.return"
    _description = "Send back or reopen hours"

    mode = fields.Selection(
        [("send_back", "Send back"), ("reset", "Reopen")],
        required=True,
        default="send_back",
    )
    hour_ids = fields.Many2many("samenwijs.internship.hour", string="Hours")
    hour_count = fields.Integer(compute="_compute_hour_count")
    reason = fields.Text(required=True)

    @api.depends("hour_ids")
    def _compute_hour_count(self):
        for wizard in self:
            wizard.hour_count = len(wizard.hour_ids)

    @api.model_create_multi
    def create(self, vals_list):
        check_values_list(self, vals_list)
        wizards = super().create(vals_list)
        wizards._check_hours()
        return wizards

    def write(self, vals):
        check_exists(self)
        check_values_list(self, [vals])
        res = super().write(vals)
        self._check_hours()
        return res

    def _check_hours(self):
        """The lines exist and are the maker's to see."""
        for wizard in self:
            check_exists(wizard.hour_ids)
            wizard.hour_ids.check_access("read")

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "reset":
            self.hour_ids.action_reset(self.reason)
        else:
            self.hour_ids.action_send_back(self.reason)
        return {"type": "ir.actions.act_window_close"}
