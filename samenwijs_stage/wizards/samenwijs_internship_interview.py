from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.value_checks import check_values

PRAKTIJKOPLEIDER = "samenwijs_stage.group_praktijkopleider"
# What the maker of an interview planner fills in.
WIZARD_FIELDS = {"internship_id", "date", "note"}


class SamenwijsInternshipInterview(models.TransientModel):
    """RS-3, RS-5: the praktijkopleider plans the interview of an
    application: a task on the chosen date and time. It is refused without
    CV and motivation letter, and for an HBO candidate until the location's
    pedagogical manager agreed.

    Only its maker sees a planner (record rule); it is made only by a
    praktijkopleider for an internship they may change."""

    _name = "samenwijs.internship.interview"
    _description = "Plan an interview"

    internship_id = fields.Many2one(
        "samenwijs.internship", required=True, readonly=True, ondelete="cascade"
    )
    employee_id = fields.Many2one(
        related="internship_id.employee_id", compute_sudo=False
    )
    date = fields.Datetime(string="Date and time", required=True)
    note = fields.Text(help="What to prepare or bring; kept with the task.")
    problem = fields.Text(compute="_compute_problem")

    @api.depends("internship_id")
    def _compute_problem(self):
        for wizard in self:
            wizard.problem = (
                "\n".join(wizard.internship_id._interview_problems()) or False
                if wizard.internship_id
                else False
            )

    @api.model_create_multi
    def create(self, vals_list):
        """A planner is made only by a praktijkopleider for an internship
        they may change."""
        if not self.env.su and not self.env.user.has_group(PRAKTIJKOPLEIDER):
            raise AccessError(self.env._("Only a praktijkopleider plans an interview."))
        for vals in vals_list:
            self._check_wizard_values(vals)
        wizards = super().create(vals_list)
        if not self.env.su:
            # Checked on the created wizards, so that an internship given as
            # a default in the context is checked as well.
            wizards.internship_id.check_access("write")
        return wizards

    def write(self, vals):
        self._check_wizard_values(vals)
        if vals.get("internship_id") and not self.env.su:
            self.env["samenwijs.internship"].browse(vals["internship_id"]).check_access(
                "write"
            )
        return super().write(vals)

    def _check_wizard_values(self, vals):
        other = set(vals) - WIZARD_FIELDS
        if other and not self.env.su:
            raise UserError(
                self.env._(
                    "An interview takes an internship, a date and time and a "
                    "note; %(fields)s cannot be set here.",
                    fields=", ".join(sorted(other)),
                )
            )
        check_values(self, vals)

    def action_plan(self):
        self.ensure_one()
        self.internship_id._plan_interview(self.date, self.note)
        return {"type": "ir.actions.act_window_close"}
