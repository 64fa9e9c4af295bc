from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.value_checks import check_values

# What the maker of a termination wizard fills in.
WIZARD_FIELDS = {"internship_id", "date", "reason_id", "note"}


class SamenwijsInternshipTerminate(models.TransientModel):
    """TM-1, PO-9: terminate an internship early. The wizard shows what the
    termination will do before it is done.

    Only its maker sees a wizard (record rule); it is made only for an
    internship its maker may change, and shows only what its maker may read:
    nothing here is read as superuser."""

    _name = "samenwijs.internship.terminate"
    _description = "Terminate an internship"

    internship_id = fields.Many2one(
        "samenwijs.internship", required=True, readonly=True, ondelete="cascade"
    )
    employee_id = fields.Many2one(
        related="internship_id.employee_id", compute_sudo=False
    )
    date = fields.Date(
        string="Termination date",
        required=True,
        default=fields.Date.context_today,
        help="The last day of the internship; it becomes its end date and the "
        "last day of the allowance.",
    )
    reason_id = fields.Many2one("samenwijs.termination.reason", required=True)
    note = fields.Text(help="What happened and what was agreed; kept in the chatter.")

    # What will happen
    problem = fields.Text(compute="_compute_preview")
    open_activity_ids = fields.Many2many(
        "mail.activity", string="Tasks to cancel", compute="_compute_preview"
    )
    school_coordination = fields.Boolean(compute="_compute_preview")
    personenregister_end = fields.Boolean(compute="_compute_preview")
    allowance_stop = fields.Boolean(compute="_compute_preview")
    payroll_user_ids = fields.Many2many(
        "res.users", string="Payroll administration", compute="_compute_preview"
    )
    allowance_amount = fields.Monetary(
        related="internship_id.allowance_amount", compute_sudo=False
    )
    currency_id = fields.Many2one(
        related="internship_id.currency_id", compute_sudo=False
    )

    @api.depends("internship_id", "date")
    def _compute_preview(self):
        for wizard in self:
            internship = wizard.internship_id
            if not internship:
                wizard.update(
                    {
                        "problem": False,
                        "open_activity_ids": False,
                        "school_coordination": False,
                        "personenregister_end": False,
                        "allowance_stop": False,
                        "payroll_user_ids": False,
                    }
                )
                continue
            allowance_stop = internship.allowance_state == "active"
            wizard.update(
                {
                    "problem": "\n".join(internship._termination_problems(wizard.date))
                    or False,
                    "open_activity_ids": internship.activity_ids,
                    "school_coordination": internship._needs_school_coordination(),
                    "personenregister_end": internship._needs_personenregister_end(),
                    "allowance_stop": allowance_stop,
                    "payroll_user_ids": allowance_stop
                    and internship._allowance_payroll_users(),
                }
            )

    @api.model_create_multi
    def create(self, vals_list):
        """A termination wizard is made only for an internship its maker may
        terminate: a praktijkopleider who may change it."""
        if not self.env.su and not self.env.user.has_group(
            "samenwijs_stage.group_praktijkopleider"
        ):
            raise AccessError(
                self.env._("Only a praktijkopleider can terminate an internship.")
            )
        for vals in vals_list:
            self._check_wizard_values(vals)
        wizards = super().create(vals_list)
        if not self.env.su:
            # Checked on the created wizards, so that an internship given as
            # a default in the context is checked as well.
            wizards.internship_id.check_access("write")
        wizards._check_internship_state()
        return wizards

    def write(self, vals):
        self._check_wizard_values(vals)
        if vals.get("internship_id") and not self.env.su:
            self.env["samenwijs.internship"].browse(vals["internship_id"]).check_access(
                "write"
            )
        res = super().write(vals)
        if "internship_id" in vals:
            self._check_internship_state()
        return res

    def _check_wizard_values(self, vals):
        """Only what the maker fills in, with a sane termination date."""
        other = set(vals) - WIZARD_FIELDS
        if other and not self.env.su:
            raise UserError(
                self.env._(
                    "A termination takes an internship, a date, a reason and a "
                    "note; %(fields)s cannot be set here.",
                    fields=", ".join(sorted(other)),
                )
            )
        check_values(self, vals)

    def _check_internship_state(self):
        """TM-1: only a placed or running internship can be terminated; a
        finished or terminated one is history."""
        for wizard in self:
            problem = wizard.internship_id._termination_problem(wizard.date)
            if wizard.internship_id.state not in ("placed", "running"):
                raise UserError(problem)

    def action_terminate(self):
        self.ensure_one()
        self.internship_id._terminate(self.date, self.reason_id, self.note)
        return {"type": "ir.actions.act_window_close"}
