from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.value_checks import check_values

PRAKTIJKOPLEIDER = "samenwijs_stage.group_praktijkopleider"
# What the maker of a problem report fills in.
WIZARD_FIELDS = {"internship_id", "description", "school_meeting"}


class SamenwijsInternshipProblem(models.TransientModel):
    """WB-P5: the werkbegeleider tells the praktijkopleider about an
    undesired situation or a problem, and asks for a meeting with the school
    when needed (PO-6). What is written becomes an internal note on the
    internship, read only by those who may read the internship, and the
    praktijkopleider gets a task.

    Only its maker sees a report (record rule); it is made only for an
    internship its maker supervises (or, as praktijkopleider, may change)."""

    _name = "samenwijs.internship.problem"
    _description = "Report a problem of an internship"

    internship_id = fields.Many2one(
        "samenwijs.internship", required=True, readonly=True, ondelete="cascade"
    )
    employee_id = fields.Many2one(
        related="internship_id.employee_id", compute_sudo=False
    )
    description = fields.Text(
        string="What happened",
        required=True,
        help="The situation or problem, what was done and what is needed.",
    )
    school_meeting = fields.Boolean(
        string="Meeting with the school wanted",
        help="Ask the praktijkopleider to organise a meeting with the school's "
        "supervisor, the intern and you (PO-6).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        """A report is made only for an internship its maker supervises, or
        as praktijkopleider may change."""
        for vals in vals_list:
            self._check_wizard_values(vals)
        wizards = super().create(vals_list)
        if not self.env.su:
            # Checked on the created wizards, so that an internship given as
            # a default in the context is checked as well.
            wizards._check_reporter()
        return wizards

    def write(self, vals):
        self._check_wizard_values(vals)
        res = super().write(vals)
        if "internship_id" in vals and not self.env.su:
            self._check_reporter()
        return res

    def _check_wizard_values(self, vals):
        other = set(vals) - WIZARD_FIELDS
        if other and not self.env.su:
            raise UserError(
                self.env._(
                    "A problem report takes an internship, what happened and "
                    "whether a school meeting is wanted; %(fields)s cannot be "
                    "set here.",
                    fields=", ".join(sorted(other)),
                )
            )
        check_values(self, vals)

    def _check_reporter(self):
        user = self.env.user
        is_po = user.has_group(PRAKTIJKOPLEIDER)
        for wizard in self:
            internship = wizard.internship_id
            if is_po:
                internship.check_access("write")
                continue
            internship.check_access("read")
            if internship.werkbegeleider_id.user_id != user:
                raise AccessError(
                    self.env._(
                        "Only the werkbegeleider of %(name)s reports its problems "
                        "to the praktijkopleider.",
                        name=internship.display_name,
                    )
                )

    def action_report(self):
        self.ensure_one()
        self.internship_id._report_problem(self.description, self.school_meeting)
        return {"type": "ir.actions.act_window_close"}
