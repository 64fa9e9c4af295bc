from odoo import SUPERUSER_ID, api, models


class HrLeave(models.Model):
    """Sick time off of interns (SK-1) and its privacy.

    Sick time off entered in the Time Off app for an intern with a running
    internship is their sick report (``samenwijs.sick.report``). Odoo shows
    every employee that a colleague is absent (Time Off calendar, working
    time); that the absence is sickness stays with those who may read the
    time off itself.
    """

    _inherit = "hr.leave"

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        if not self.env.context.get("samenwijs_sick_report"):
            leaves._samenwijs_report_sickness()
        return leaves

    def _samenwijs_report_sickness(self):
        sick_type = self.env["samenwijs.sick.report"]._sick_leave_type()
        if not sick_type:
            return
        sick = self.filtered(
            lambda leave: leave.holiday_status_id == sick_type
            and leave.state not in ("cancel", "refuse")
        )
        if sick:
            self.env["samenwijs.sick.report"]._report_from_leaves(sick)

    @api.depends_context("uid")
    def _compute_display_name(self):
        """The name of time off is shown with superuser rights wherever it
        is linked (e.g. the working time of every employee): the sick type
        is left out for those who cannot read the time off itself."""
        super()._compute_display_name()
        if not self.env.su or self.env.uid == SUPERUSER_ID:
            return
        sick_type = self.env["samenwijs.sick.report"]._sick_leave_type()
        sick = self.filtered(lambda leave: leave.holiday_status_id == sick_type)
        if not sick:
            return
        hidden = sick - sick.sudo(False)._filtered_access("read")
        label = self.env._("Time Off")
        for leave in hidden:
            leave.display_name = leave.display_name.replace(sick_type.name, label)
