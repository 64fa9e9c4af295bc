from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_amount, format_date, format_datetime, formatLang

from .samenwijs_internship import PRAKTIJKOPLEIDER

# AL-1: an internship day of fewer hours counts as half a day for the allowance.
ALLOWANCE_FULL_DAY_HOURS = 5.0
ALLOWANCE_STOP_ACTIVITY = "samenwijs_stage.mail_activity_type_allowance_stop"
# The fields whose change changes the CAO minimum.
ALLOWANCE_BASIS_FIELDS = {"schedule_ids", "date_start", "internship_type_id"}


class SamenwijsInternship(models.Model):
    """The internship allowance (stagevergoeding, AL-1) and the VOG
    reimbursement (VOG-3), in the currency of the CAO rates (euros), and
    their stop by payroll after an early termination (PO-9)."""

    # One file per concern of the model, on purpose (see models/__init__.py).
    _inherit = "samenwijs.internship"  # pylint: disable=consider-merging-classes-inherited

    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        help="The currency of the CAO allowance rates: euros.",
    )
    allowance_applicable = fields.Boolean(
        related="internship_type_id.allowance", string="With allowance"
    )
    allowance_minimum = fields.Monetary(
        string="CAO minimum allowance",
        compute="_compute_allowance_minimum",
        help="The minimum monthly stagevergoeding of the CAO Kinderopvang for "
        "the planned days a week, at the rate valid at the start (AL-1). A day "
        "of fewer than 5 hours counts as half a day.",
    )
    allowance_amount = fields.Monetary(
        string="Monthly allowance",
        compute="_compute_allowance_amount",
        store=True,
        readonly=False,
        tracking=True,
        help="The monthly stagevergoeding paid to the intern: the CAO minimum "
        "or more, never less (AL-1). An agreed higher amount is kept when the "
        "planned days change, as long as it is at least the new minimum.",
    )
    allowance_state = fields.Selection(
        [
            ("none", "No allowance"),
            ("active", "Active"),
            ("stop_requested", "Stop requested"),
            ("stopped", "Stopped"),
        ],
        compute="_compute_allowance_state",
        store=True,
        copy=False,
        tracking=True,
        index=True,
        help="Stop requested: the internship was terminated and the payroll "
        "administration has to stop the allowance (PO-9). Stopped: payroll "
        "confirmed the stop.",
    )
    allowance_stop_date = fields.Date(
        string="Last allowance day",
        readonly=True,
        copy=False,
        tracking=True,
        help="The last day for which the allowance is paid after an early termination.",
    )
    vog_reimbursed = fields.Boolean(
        string="VOG costs reimbursed",
        tracking=True,
        help="The costs of the VOG are reimbursed to the intern with the first "
        "allowance (VOG-3).",
    )
    vog_reimbursement_amount = fields.Monetary(
        string="VOG reimbursement", tracking=True
    )
    can_confirm_allowance_stop = fields.Boolean(
        compute="_compute_can_confirm_allowance_stop"
    )

    _vog_reimbursement_positive = models.Constraint(
        "CHECK (vog_reimbursement_amount IS NULL OR vog_reimbursement_amount >= 0)",
        "A VOG reimbursement cannot be negative.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def _allowance_rates(self):
        """The allowance rate valid at the start of each internship (today
        when it has no start yet), read in one query."""
        Rate = self.env["samenwijs.allowance.rate"]
        today = fields.Date.context_today(self)
        latest = max([today, *(d for d in self.mapped("date_start") if d)])
        # Newest first: a handful of CAO periods, read once.
        rates = Rate.search([("date_from", "<=", latest)])
        return {
            internship: next(
                (r for r in rates if r.date_from <= (internship.date_start or today)),
                Rate,
            )
            for internship in self
        }

    @api.depends("date_start")
    def _compute_currency_id(self):
        euro = self.env.ref("base.EUR")
        rates = self._allowance_rates()
        for internship in self:
            internship.currency_id = rates[internship].currency_id or euro

    @api.depends(
        "internship_type_id.allowance",
        "date_start",
        "schedule_ids.weekday",
        "schedule_ids.hours",
    )
    def _compute_allowance_minimum(self):
        rates = self._allowance_rates()
        for internship in self:
            rate = rates[internship]
            if not (internship.internship_type_id.allowance and rate):
                internship.allowance_minimum = 0.0
                continue
            internship.allowance_minimum = rate._monthly_minimum(
                *internship._allowance_days()
            )

    @api.depends("allowance_minimum")
    def _compute_allowance_amount(self):
        """AL-1: the CAO minimum, or the agreed higher amount while it is at
        least the minimum."""
        for internship in self:
            minimum = internship.allowance_minimum
            agreed = internship.allowance_amount
            if not internship.internship_type_id.allowance:
                internship.allowance_amount = 0.0
            elif internship.currency_id.compare_amounts(agreed, minimum) < 0:
                internship.allowance_amount = minimum
            else:
                internship.allowance_amount = agreed

    @api.depends("internship_type_id.allowance", "allowance_amount")
    def _compute_allowance_state(self):
        for internship in self:
            if internship.allowance_state in ("stop_requested", "stopped"):
                # A requested or confirmed stop is history; it stays.
                internship.allowance_state = internship.allowance_state
            elif (
                internship.internship_type_id.allowance and internship.allowance_amount
            ):
                internship.allowance_state = "active"
            else:
                internship.allowance_state = "none"

    @api.depends("allowance_state")
    @api.depends_context("uid")
    def _compute_can_confirm_allowance_stop(self):
        is_payroll = self.env.user.has_group("samenwijs_stage.group_payroll")
        for internship in self:
            internship.can_confirm_allowance_stop = (
                is_payroll and internship.allowance_state == "stop_requested"
            )

    def _allowance_days(self):
        """AL-1: the planned internship days a week as (full days, half
        days): a weekday with 5 planned hours or more is a full day, a
        shorter one half a day."""
        self.ensure_one()
        hours = defaultdict(float)
        for line in self.schedule_ids:
            hours[line.weekday] += line.hours
        full = sum(1 for total in hours.values() if total >= ALLOWANCE_FULL_DAY_HOURS)
        return full, len(hours) - full

    def _allowance_days_label(self):
        full, half = self._allowance_days()
        return formatLang(self.env, full + half / 2, digits=1 if half else 0)

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    @api.constrains("allowance_amount", "internship_type_id", "date_start")
    def _check_allowance_amount(self):
        """AL-1: the CAO amount is a minimum; types without an allowance
        have none."""
        for internship in self:
            currency = internship.currency_id
            amount = internship.allowance_amount
            if not internship.internship_type_id.allowance:
                if not currency.is_zero(amount):
                    raise ValidationError(
                        self.env._(
                            "Interns of type %(type)s receive no internship "
                            "allowance (AL-1).",
                            type=internship.internship_type_id.name,
                        )
                    )
                continue
            minimum = internship.allowance_minimum
            if currency.compare_amounts(amount, minimum) < 0:
                raise ValidationError(
                    self.env._(
                        "The monthly allowance of %(name)s cannot be %(amount)s: "
                        "the CAO Kinderopvang sets a minimum of %(minimum)s for "
                        "%(days)s internship days a week (AL-1).",
                        name=internship.display_name,
                        amount=format_amount(self.env, amount, currency),
                        minimum=format_amount(self.env, minimum, currency),
                        days=internship._allowance_days_label(),
                    )
                )

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------
    @api.model
    def _role_writable_fields(self):
        fields_by_role = super()._role_writable_fields()
        fields_by_role[PRAKTIJKOPLEIDER] |= {
            "allowance_amount",
            "vog_reimbursed",
            "vog_reimbursement_amount",
        }
        return fields_by_role

    def write(self, vals):
        if not ALLOWANCE_BASIS_FIELDS & vals.keys() or "allowance_amount" in vals:
            return super().write(vals)
        agreed = self._allowance_agreed_amounts()
        # The schedule lines written here do not tell it a second time.
        res = super(
            SamenwijsInternship, self.with_context(samenwijs_allowance_notified=True)
        ).write(vals)
        self._notify_allowance_raised(agreed)
        return res

    def _allowance_agreed_amounts(self):
        """The allowance of each internship before a change of its basis."""
        # sudo: the amounts are only compared after the change; the change
        # itself passes the access checks of write().
        return {i.id: i.sudo().allowance_amount for i in self}

    def _notify_allowance_raised(self, agreed):
        """AL-1: an agreed allowance below the new minimum was raised to the
        minimum; say so in the chatter."""
        for internship in self:
            before = agreed.get(internship.id)
            # sudo: see _allowance_agreed_amounts.
            after = internship.sudo().allowance_amount
            currency = internship.currency_id
            if not before or currency.compare_amounts(after, before) <= 0:
                continue
            internship.message_post(
                body=self.env._(
                    "The agreed monthly allowance of %(before)s is below the CAO "
                    "minimum of %(after)s for %(days)s internship days a week: it "
                    "was raised to %(after)s (AL-1).",
                    before=format_amount(self.env, before, currency),
                    after=format_amount(self.env, after, currency),
                    days=internship._allowance_days_label(),
                ),
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------
    # Stop by payroll (PO-9)
    # ------------------------------------------------------------------
    def _terminate(self, date, reason, note=False):
        res = super()._terminate(date, reason, note)
        self._request_allowance_stop(date)
        return res

    def _request_allowance_stop(self, date):
        """PO-9: after an early termination on ``date`` payroll stops the
        allowance of the internships that have one."""
        stopping = self.filtered(lambda i: i.allowance_state == "active")
        # sudo: the allowance state only follows the termination and the
        # payroll confirmation, never a direct write; the termination checked
        # the user's right to these internships.
        stopping.sudo().write(
            {"allowance_state": "stop_requested", "allowance_stop_date": date}
        )
        deadline = fields.Date.context_today(self)
        for internship in stopping:
            internship._schedule_allowance_stop(deadline)
        return stopping

    def _allowance_payroll_users(self):
        """PO-9: who stops the allowance in payroll: the configured payroll
        contact of the company, or else every member of the payroll group."""
        self.ensure_one()
        # sudo: the payroll contact and the group members are only used to
        # assign the task, not shown.
        contact = self.company_id.sudo().samenwijs_payroll_user_id
        if contact:
            return contact
        payroll = self.env.ref("samenwijs_stage.group_payroll").sudo()
        admin = self.env.ref("samenwijs_stage.group_admin").sudo()
        # Members through another group (such as payroll's own officer group)
        # count; internship administrators only when put in payroll itself.
        users = (payroll.all_user_ids - admin.all_user_ids) | payroll.user_ids
        return users.filtered(lambda u: u.active and not u.share).sudo(False)

    def _schedule_allowance_stop(self, deadline):
        """PO-9: the payroll administration stops the allowance."""
        self.ensure_one()
        users = self._allowance_payroll_users()
        note = self.env._(
            "Stop the internship allowance of %(intern)s: the last allowance day "
            "is %(date)s; the monthly allowance is %(amount)s.",
            intern=self.employee_id.name,
            date=format_date(self.env, self.allowance_stop_date),
            amount=format_amount(self.env, self.allowance_amount, self.currency_id),
        )
        if not users:
            users = self.env.user
            note = " ".join(
                [
                    note,
                    self.env._(
                        "Nobody is in the payroll administration: pass this task on."
                    ),
                ]
            )
        for user in users:
            self.activity_schedule(
                ALLOWANCE_STOP_ACTIVITY,
                date_deadline=deadline,
                user_id=user.id,
                note=Markup("<p>%s</p>") % note,
            )

    def _check_allowance_stop_rights(self):
        if not (
            self.env.su or self.env.user.has_group("samenwijs_stage.group_payroll")
        ):
            raise AccessError(
                self.env._(
                    "Only the payroll administration can confirm that an "
                    "internship allowance has stopped."
                )
            )
        self.check_access("read")

    def action_confirm_allowance_stop(self):
        """PO-9: the payroll administration confirms that the allowance has
        stopped. Marking the 'Stop internship allowance' task as done does
        the same."""
        self._check_allowance_stop_rights()
        wrong = self.filtered(lambda i: i.allowance_state != "stop_requested")
        if wrong:
            raise UserError(
                self.env._(
                    "No stop of the allowance was requested for %(names)s.",
                    names=", ".join(wrong.mapped("display_name")),
                )
            )
        # sudo: payroll reads internships but does not write them; confirming
        # the stop only sets the allowance state, after the checks above.
        internships = self.sudo()
        internships.write({"allowance_state": "stopped"})
        for internship in internships:
            internship.message_post(
                body=self.env._(
                    "Stop of the internship allowance confirmed by %(user)s on "
                    "%(when)s; the last allowance day is %(date)s.",
                    user=self.env.user.name,
                    when=format_datetime(self.env, fields.Datetime.now()),
                    date=format_date(self.env, internship.allowance_stop_date),
                ),
                author_id=self.env.user.partner_id.id,
                subtype_xmlid="mail.mt_note",
            )
        # The tasks of the other payroll users are done as well.
        internships.activity_feedback(
            [ALLOWANCE_STOP_ACTIVITY],
            feedback=self.env._("Stop confirmed by %(user)s.", user=self.env.user.name),
        )
        return True
