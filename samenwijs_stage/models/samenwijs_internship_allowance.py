from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_amount, format_date, formatLang

from .samenwijs_internship import PRAKTIJKOPLEIDER

# AL-1: an internship day of fewer hours counts as half a day for the allowance.
ALLOWANCE_FULL_DAY_HOURS = 5.0
ALLOWANCE_STOP_ACTIVITY = "samenwijs_stage.mail_activity_type_allowance_stop"
# The fields whose change changes the CAO minimum.
ALLOWANCE_BASIS_FIELDS = {"schedule_ids", "date_start", "internship_type_id"}
# The fields of the internship that payroll's allowance record follows.
ALLOWANCE_SYNC_FIELDS = ALLOWANCE_BASIS_FIELDS | {
    "state",
    "name",
    "employee_id",
    "company_id",
    "date_end",
    "allowance_amount",
    "vog_reimbursed",
    "vog_reimbursement_amount",
}
# Sane bounds: no CAO allowance or VOG fee comes near them (AL-1, VOG-3).
ALLOWANCE_MAXIMUM = 5000.0
VOG_REIMBURSEMENT_MAXIMUM = 500.0
# Who reads the allowance on the internship: the praktijkopleider and the
# internship administrator (who is a praktijkopleider too). Payroll reads the
# allowance record (samenwijs.allowance), not the internship.
ALLOWANCE_GROUPS = PRAKTIJKOPLEIDER


class SamenwijsInternship(models.Model):
    """The internship allowance (stagevergoeding, AL-1) and the VOG
    reimbursement (VOG-3), in the currency of the CAO rates (euros), and
    their stop by payroll after an early termination (PO-9).

    Payroll works on the internship's allowance record
    (``samenwijs.allowance``), created when the internship is placed and
    kept in step with it here; the allowance fields of the internship are
    read by the praktijkopleider and the administrator only."""

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
    allowance_ids = fields.One2many(
        "samenwijs.allowance",
        "internship_id",
        string="Allowance records",
        readonly=True,
        copy=False,
        groups=ALLOWANCE_GROUPS,
    )
    allowance_id = fields.Many2one(
        "samenwijs.allowance",
        string="Allowance record",
        compute="_compute_allowance_id",
        search="_search_allowance_id",
        groups=ALLOWANCE_GROUPS,
        help="What payroll sees of this internship's allowance.",
    )
    allowance_minimum = fields.Monetary(
        string="CAO minimum allowance",
        groups=ALLOWANCE_GROUPS,
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
        groups=ALLOWANCE_GROUPS,
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
        groups=ALLOWANCE_GROUPS,
        help="Stop requested: the internship was terminated and the payroll "
        "administration has to stop the allowance (PO-9). Stopped: payroll "
        "confirmed the stop.",
    )
    allowance_stop_date = fields.Date(
        string="Last allowance day",
        readonly=True,
        copy=False,
        tracking=True,
        groups=ALLOWANCE_GROUPS,
        help="The last day for which the allowance is paid after an early termination.",
    )
    vog_reimbursed = fields.Boolean(
        string="VOG costs reimbursed",
        tracking=True,
        groups=ALLOWANCE_GROUPS,
        help="The costs of the VOG are reimbursed to the intern with the first "
        "allowance (VOG-3).",
    )
    vog_reimbursement_amount = fields.Monetary(
        string="VOG reimbursement", tracking=True, groups=ALLOWANCE_GROUPS
    )
    can_confirm_allowance_stop = fields.Boolean(
        compute="_compute_can_confirm_allowance_stop", groups=ALLOWANCE_GROUPS
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

    @api.depends("allowance_ids")
    def _compute_allowance_id(self):
        for internship in self:
            # One allowance record per internship (unique index).
            internship.allowance_id = internship.allowance_ids[:1]

    def _search_allowance_id(self, operator, value):
        return [("allowance_ids", operator, value)]

    @api.depends(
        "internship_type_id.allowance", "allowance_amount", "allowance_ids.state"
    )
    def _compute_allowance_state(self):
        for internship in self:
            if internship.allowance_id.state in ("stop_requested", "stopped"):
                # Payroll works on the allowance record.
                internship.allowance_state = internship.allowance_id.state
            elif internship.allowance_state in ("stop_requested", "stopped"):
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
    @api.model
    def _allowance_bound_problem(self, field_name, value):
        """AL-1, VOG-3: why ``value`` is no sane amount for ``field_name``
        (False when it is). Values that are no number are left to Odoo's own
        conversion."""
        bounds = {
            "allowance_amount": ALLOWANCE_MAXIMUM,
            "vog_reimbursement_amount": VOG_REIMBURSEMENT_MAXIMUM,
        }
        if field_name not in bounds or value in (False, None):
            return False
        try:
            amount = float(value)
        except (TypeError, ValueError):
            return False
        # Written this way round so that NaN is refused as well.
        if 0 <= amount <= bounds[field_name]:
            return False
        euro = self.env.ref("base.EUR")
        minimum = format_amount(self.env, 0.0, euro)
        maximum = format_amount(self.env, bounds[field_name], euro)
        if field_name == "allowance_amount":
            return self.env._(
                "The monthly internship allowance must be between %(minimum)s "
                "and %(maximum)s (AL-1).",
                minimum=minimum,
                maximum=maximum,
            )
        return self.env._(
            "The VOG reimbursement must be between %(minimum)s and %(maximum)s "
            "(VOG-3).",
            minimum=minimum,
            maximum=maximum,
        )

    @api.model
    def _check_allowance_bounds(self, vals):
        """Refuse out-of-bounds amounts before anything is written."""
        for field_name in ("allowance_amount", "vog_reimbursement_amount"):
            problem = self._allowance_bound_problem(field_name, vals.get(field_name))
            if problem:
                raise ValidationError(problem)

    @api.constrains("allowance_amount", "vog_reimbursement_amount")
    def _check_allowance_bounds_stored(self):
        for internship in self:
            for field_name in ("allowance_amount", "vog_reimbursement_amount"):
                problem = self._allowance_bound_problem(
                    field_name, internship[field_name]
                )
                if problem:
                    raise ValidationError(problem)

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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_allowance_bounds(vals)
        internships = super().create(vals_list)
        internships._sync_allowance()
        return internships

    def write(self, vals):
        self._check_allowance_bounds(vals)
        if not ALLOWANCE_BASIS_FIELDS & vals.keys() or "allowance_amount" in vals:
            res = super().write(vals)
        else:
            agreed = self._allowance_agreed_amounts()
            # The schedule lines written here do not tell it a second time.
            res = super(
                SamenwijsInternship,
                self.with_context(samenwijs_allowance_notified=True),
            ).write(vals)
            self._notify_allowance_raised(agreed)
        if ALLOWANCE_SYNC_FIELDS & vals.keys():
            self._sync_allowance()
        return res

    def _allowance_agreed_amounts(self):
        """The allowance of each internship before a change of its basis."""
        # sudo: the amounts are only compared after the change; the change
        # itself passes the access checks of write().
        return {i.id: i.sudo().allowance_amount for i in self}

    def _notify_allowance_raised(self, agreed):
        """AL-1: an agreed allowance below the new minimum was raised to the
        minimum; say so. Payroll's allowance record follows and tells the
        amounts; the internship's chatter, which every role of the internship
        reads, tells that it happened but no amounts."""
        self._sync_allowance()
        for internship in self:
            before = agreed.get(internship.id)
            # sudo: see _allowance_agreed_amounts.
            internship_sudo = internship.sudo()
            after = internship_sudo.allowance_amount
            currency = internship.currency_id
            if not before or currency.compare_amounts(after, before) <= 0:
                continue
            days = internship._allowance_days_label()
            internship.message_post(
                body=self.env._(
                    "The agreed monthly allowance is below the CAO minimum for "
                    "%(days)s internship days a week: it was raised to the "
                    "minimum (AL-1).",
                    days=days,
                ),
                subtype_xmlid="mail.mt_note",
            )
            if internship_sudo.allowance_id:
                internship_sudo.allowance_id.message_post(
                    body=self.env._(
                        "The agreed monthly allowance of %(before)s is below the "
                        "CAO minimum of %(after)s for %(days)s internship days a "
                        "week: it was raised to %(after)s (AL-1).",
                        before=format_amount(self.env, before, currency),
                        after=format_amount(self.env, after, currency),
                        days=days,
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    # ------------------------------------------------------------------
    # Payroll's allowance record
    # ------------------------------------------------------------------
    def _allowance_record_values(self):
        """What payroll's allowance record holds of this internship: the
        intern, the amount, the period and the VOG reimbursement; nothing of
        the internship's history."""
        self.ensure_one()
        return {
            "name": self.name,
            "employee_id": self.employee_id.id,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "amount": self.allowance_amount,
            "date_start": self.date_start,
            "date_end": self.date_end,
            "vog_reimbursed": self.vog_reimbursed,
            "vog_reimbursement_amount": self.vog_reimbursement_amount,
        }

    def _sync_allowance(self):
        """AL-1: a placed internship with an allowance has an allowance
        record for payroll; it follows the internship's amount and period.
        Called after the internship's own access and field checks."""
        # sudo: the allowance record is written by nobody directly (payroll
        # reads it); these internships passed create() or write() as the
        # acting user, and only their own values are copied.
        internships = self.sudo().filtered(
            lambda i: i.state in ("placed", "running", "done", "terminated")
            and (i.allowance_id or i.allowance_state == "active")
        )
        to_create = []
        for internship in internships:
            values = internship._allowance_record_values()
            allowance = internship.allowance_id
            if not allowance:
                to_create.append((internship, values))
                continue
            changed = {}
            for name, value in values.items():
                current = allowance[name]
                if isinstance(current, models.BaseModel):
                    current = current.id
                if current != value:
                    changed[name] = value
            if changed:
                allowance.write(changed)
        if to_create:
            self.env["samenwijs.allowance"].sudo().with_context(
                mail_create_nosubscribe=True, mail_create_nolog=True
            ).create([{**values, "internship_id": i.id} for i, values in to_create])

    # ------------------------------------------------------------------
    # Stop by payroll (PO-9)
    # ------------------------------------------------------------------
    def _terminate(self, date, reason, note=False):
        res = super()._terminate(date, reason, note)
        self._request_allowance_stop(date)
        return res

    def _request_allowance_stop(self, date):
        """PO-9: after an early termination on ``date`` payroll stops the
        allowance of the internships that have one, on their allowance
        record."""
        # sudo: the allowance state only follows the termination and the
        # payroll confirmation, never a direct write; the termination checked
        # the user's right to these internships.
        stopping = self.sudo().filtered(lambda i: i.allowance_state == "active")
        stopping._sync_allowance()
        stopping.write(
            {"allowance_state": "stop_requested", "allowance_stop_date": date}
        )
        stopping.allowance_id.write({"state": "stop_requested", "stop_date": date})
        deadline = fields.Date.context_today(self)
        for internship in stopping.with_env(self.env):
            internship._schedule_allowance_stop(deadline)
        return stopping.with_env(self.env)

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
        """PO-9: the payroll administration stops the allowance: a task on
        the allowance record, which payroll reads, not on the internship."""
        self.ensure_one()
        users = self._allowance_payroll_users()
        # sudo: the allowance record was just set to stop; the task and its
        # note say only the intern, the last day and the amount.
        allowance = self.sudo().allowance_id
        note = self.env._(
            "Stop the internship allowance of %(intern)s: the last allowance day "
            "is %(date)s; the monthly allowance is %(amount)s.",
            intern=allowance.employee_id.name,
            date=format_date(self.env, allowance.stop_date),
            amount=format_amount(self.env, allowance.amount, allowance.currency_id),
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
            allowance.activity_schedule(
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
        """PO-9: confirm the stop of the allowance from the internship (an
        administrator who is in payroll too); payroll itself confirms on the
        allowance record (``samenwijs.allowance.action_confirm_stop``) or by
        marking the task done."""
        self._check_allowance_stop_rights()
        wrong = self.filtered(lambda i: i.allowance_state != "stop_requested")
        if wrong:
            raise UserError(
                self.env._(
                    "No stop of the allowance was requested for %(names)s.",
                    names=", ".join(wrong.mapped("display_name")),
                )
            )
        return self.allowance_id.action_confirm_stop()
