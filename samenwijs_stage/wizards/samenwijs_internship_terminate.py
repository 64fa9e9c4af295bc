from odoo import api, fields, models


class SamenwijsInternshipTerminate(models.TransientModel):
    """TM-1, PO-9: terminate an internship early. The wizard shows what the
    termination will do before it is done."""

    _name = "samenwijs.internship.terminate"
    _description = "Terminate an internship"

    internship_id = fields.Many2one(
        "samenwijs.internship", required=True, readonly=True, ondelete="cascade"
    )
    employee_id = fields.Many2one(related="internship_id.employee_id")
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
    allowance_amount = fields.Monetary(related="internship_id.allowance_amount")
    currency_id = fields.Many2one(related="internship_id.currency_id")

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

    def action_terminate(self):
        self.ensure_one()
        self.internship_id._terminate(self.date, self.reason_id, self.note)
        return {"type": "ir.actions.act_window_close"}
