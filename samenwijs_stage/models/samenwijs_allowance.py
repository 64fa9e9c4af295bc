from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date, format_datetime

from .field_rights import mail_field_names

PAYROLL = "samenwijs_stage.group_payroll"
ALLOWANCE_STOP_ACTIVITY = "samenwijs_stage.mail_activity_type_allowance_stop"


class SamenwijsAllowance(models.Model):
    """The internship allowance of one internship as payroll sees and works
    on it (AL-1, VOG-3, PO-9): the intern, the monthly amount, the period,
    the stop and the payroll task to stop it, with a chatter of its own.

    Who reads: the payroll administration all allowances of its companies;
    the praktijkopleider those of their region; the internship
    administrator all. Nobody writes it directly: the internship keeps it in
    step (``samenwijs.internship._sync_allowance``) and payroll confirms the
    stop through ``action_confirm_stop`` or by marking the stop task done.
    Payroll reads nothing of the internship itself.
    """

    _name = "samenwijs.allowance"
    _description = "Internship allowance"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    # Payroll, which only reads the record, notes what it did in payroll.
    _mail_post_access = "read"

    name = fields.Char(string="Reference", required=True, readonly=True)
    internship_id = fields.Many2one(
        "samenwijs.internship",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Intern", required=True, readonly=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    currency_id = fields.Many2one("res.currency", required=True, readonly=True)
    amount = fields.Monetary(
        string="Monthly allowance",
        readonly=True,
        tracking=True,
        help="The monthly stagevergoeding paid to the intern (AL-1).",
    )
    date_start = fields.Date(string="Start date", readonly=True, tracking=True)
    date_end = fields.Date(string="End date", readonly=True, tracking=True)
    stop_date = fields.Date(
        string="Last allowance day",
        readonly=True,
        tracking=True,
        help="The last day for which the allowance is paid after an early "
        "termination (PO-9).",
    )
    state = fields.Selection(
        [
            ("active", "Active"),
            ("stop_requested", "Stop requested"),
            ("stopped", "Stopped"),
        ],
        default="active",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        help="Stop requested: the internship was terminated and the payroll "
        "administration has to stop the allowance (PO-9). Stopped: payroll "
        "confirmed the stop.",
    )
    vog_reimbursed = fields.Boolean(
        string="VOG costs reimbursed",
        readonly=True,
        tracking=True,
        help="The costs of the VOG are reimbursed to the intern with the first "
        "allowance (VOG-3).",
    )
    vog_reimbursement_amount = fields.Monetary(
        string="VOG reimbursement", readonly=True, tracking=True
    )
    can_confirm_stop = fields.Boolean(compute="_compute_can_confirm_stop")

    _internship_unique = models.UniqueIndex(
        "(internship_id)", "An internship has one allowance record."
    )

    @api.depends("state")
    @api.depends_context("uid")
    def _compute_can_confirm_stop(self):
        is_payroll = self.env.user.has_group(PAYROLL)
        for allowance in self:
            allowance.can_confirm_stop = (
                is_payroll and allowance.state == "stop_requested"
            )

    # ------------------------------------------------------------------
    # CRUD: only the internship creates and changes allowance records.
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._check_internal_change()
        return super().create(vals_list)

    def write(self, vals):
        mail_fields = mail_field_names(self.env)
        if vals.keys() - mail_fields:
            self._check_internal_change()
        return super().write(vals)

    def _check_internal_change(self):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "An internship allowance follows its internship: change the "
                    "internship, or confirm the stop of the allowance."
                )
            )

    # ------------------------------------------------------------------
    # Stop by payroll (PO-9)
    # ------------------------------------------------------------------
    def _check_stop_rights(self):
        if not (self.env.su or self.env.user.has_group(PAYROLL)):
            raise AccessError(
                self.env._(
                    "Only the payroll administration can confirm that an "
                    "internship allowance has stopped."
                )
            )
        self.check_access("read")

    def action_confirm_stop(self):
        """PO-9: the payroll administration confirms that the allowance has
        stopped. Marking the 'Stop internship allowance' task as done does
        the same."""
        self._check_stop_rights()
        wrong = self.filtered(lambda a: a.state != "stop_requested")
        if wrong:
            raise UserError(
                self.env._(
                    "No stop of the allowance was requested for %(names)s.",
                    names=", ".join(wrong.mapped("display_name")),
                )
            )
        # sudo: payroll reads allowances but does not write them; confirming
        # the stop only sets the state, after the checks above.
        allowances = self.sudo()
        allowances.write({"state": "stopped"})
        for allowance in allowances:
            allowance.message_post(
                body=self.env._(
                    "Stop of the internship allowance confirmed by %(user)s on "
                    "%(when)s; the last allowance day is %(date)s.",
                    user=self.env.user.name,
                    when=format_datetime(self.env, fields.Datetime.now()),
                    date=format_date(self.env, allowance.stop_date),
                ),
                author_id=self.env.user.partner_id.id,
                subtype_xmlid="mail.mt_note",
            )
        # The tasks of the other payroll users are done as well.
        allowances.activity_feedback(
            [ALLOWANCE_STOP_ACTIVITY],
            feedback=self.env._("Stop confirmed by %(user)s.", user=self.env.user.name),
        )
        self._on_stop_confirmed()
        return True

    def _on_stop_confirmed(self):
        """Hook after the stop is confirmed (payroll ends the contract)."""
        return True
