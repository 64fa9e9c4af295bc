from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from .field_rights import field_labels, mail_field_names
from .value_checks import DATE_FIRST, DATE_LAST, check_exists, check_values_list

PRAKTIJKOPLEIDER = "samenwijs_stage.group_praktijkopleider"
ZERO_HOURS_TYPE = "samenwijs_stage.contract_type_zero_hours"
APPROVE_ACTIVITY = "samenwijs_stage.mail_activity_type_contract_proposal"
# What the praktijkopleider fills in; the rest follows from the internship.
PROPOSAL_FIELDS = {"internship_id", "evaluation_id", "date_start", "note"}


class SamenwijsContractProposal(models.Model):
    """WB-P6: after a positive competence scan the praktijkopleider proposes
    a 0-hours contract for the intern; the bestuurder (company setting)
    approves or declines it as the tier of the validation. Approval prepares
    the intern's new contract (an ``hr.version`` with the 0-hours contract
    type) from the day after the internship.

    Only the praktijkopleider proposes, only the bestuurder decides: the
    state changes through the actions, never by writing it.
    """

    _name = "samenwijs.contract.proposal"
    _description = "0-hours contract proposal"
    _inherit = ["tier.validation", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    # Tier validation: proposed (to approve) → approved by the bestuurder.
    _state_from = ["to_approve"]
    _state_to = ["approved"]
    _cancel_state = "declined"
    _tier_validation_manual_config = True

    internship_id = fields.Many2one(
        "samenwijs.internship",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    employee_id = fields.Many2one(
        related="internship_id.employee_id", string="Intern", store=True, index=True
    )
    company_id = fields.Many2one(
        related="internship_id.company_id", store=True, index=True
    )
    evaluation_id = fields.Many2one(
        "samenwijs.internship.evaluation",
        string="Competence scan",
        required=True,
        index=True,
        check_company=True,
        domain="[('internship_id', '=', internship_id), ('kind', '=', 'scan'), "
        "('state', '=', 'approved'), ('result', '=', 'positive')]",
        help="The positive signed competence scan the proposal rests on (WB-P6).",
    )
    date_start = fields.Date(
        string="Contract from",
        required=True,
        tracking=True,
        help="The day after the end of the internship.",
    )
    contract_type_id = fields.Many2one(
        "hr.contract.type",
        string="Contract type",
        readonly=True,
        default=lambda self: self.env.ref(ZERO_HOURS_TYPE, raise_if_not_found=False),
    )
    note = fields.Text(help="Why the intern is proposed; read by the bestuurder.")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To approve"),
            ("approved", "Approved"),
            ("declined", "Declined"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    bestuurder_user_id = fields.Many2one(
        related="company_id.samenwijs_bestuurder_user_id",
        string="Bestuurder",
        help="Approves or declines the proposal (company setting).",
    )
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decided_on = fields.Datetime(readonly=True, copy=False)
    version_id = fields.Many2one(
        "hr.version",
        string="Contract",
        readonly=True,
        copy=False,
        groups="hr.group_hr_user",
        help="The intern's contract prepared on approval.",
    )
    can_propose = fields.Boolean(compute="_compute_can")
    can_decide = fields.Boolean(compute="_compute_can")

    @api.depends("internship_id", "evaluation_id", "date_start")
    def _compute_display_name(self):
        for proposal in self:
            proposal.display_name = self.env._(
                "0-hours contract %(intern)s",
                intern=proposal.employee_id.name or "",
            )

    @api.depends_context("uid")
    @api.depends("state", "review_ids.status")
    def _compute_can(self):
        user = self.env.user
        is_po = user.has_group(PRAKTIJKOPLEIDER)
        for proposal in self:
            proposal.can_propose = is_po and proposal.state == "draft"
            proposal.can_decide = (
                proposal.state == "to_approve"
                and proposal.bestuurder_user_id == user
                and proposal.can_review
            )

    @api.constrains("evaluation_id", "internship_id")
    def _check_positive_scan(self):
        for proposal in self:
            # sudo: only the kind, state and result of the scan decide.
            scan = proposal.evaluation_id.sudo()
            if (
                scan.internship_id != proposal.internship_id
                or scan.kind != "scan"
                or scan.state != "approved"
                or scan.result != "positive"
            ):
                raise ValidationError(
                    self.env._(
                        "A 0-hours contract is proposed after a positive signed "
                        "competence scan of the same internship (WB-P6)."
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _value_bounds(self):
        return {"date_start": (DATE_FIRST, DATE_LAST)}

    @api.model_create_multi
    def create(self, vals_list):
        self._check_praktijkopleider()
        check_values_list(self, vals_list, self._value_bounds())
        self._check_field_rights(set().union(*vals_list))
        Internship = self.env["samenwijs.internship"]
        for vals in vals_list:
            if not vals.get("internship_id"):
                raise UserError(self.env._("Choose the internship of the proposal."))
            internship = Internship.browse(vals["internship_id"])
            check_exists(internship)
            if not self.env.su:
                internship.check_access("write")
            if not vals.get("evaluation_id"):
                vals["evaluation_id"] = internship._positive_scan().id
            if not vals.get("date_start") and internship.date_end:
                vals["date_start"] = internship.date_end + timedelta(days=1)
            if internship._open_contract_proposals():
                raise UserError(
                    self.env._(
                        "%(name)s already has a 0-hours contract proposal.",
                        name=internship.display_name,
                    )
                )
            if not vals.get("evaluation_id"):
                raise UserError(
                    self.env._(
                        "%(name)s has no positive signed competence scan: a "
                        "0-hours contract is proposed after one (WB-P6).",
                        name=internship.display_name,
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        check_exists(self)
        check_values_list(self, [vals], self._value_bounds())
        self._check_field_rights(vals.keys())
        if not self.env.su:
            if any(p.state != "draft" for p in self):
                raise UserError(
                    self.env._("Only a draft proposal can be changed; it was proposed.")
                )
            if vals.get("internship_id"):
                self.env["samenwijs.internship"].browse(
                    vals["internship_id"]
                ).check_access("write")
        return super().write(vals)

    def unlink(self):
        check_exists(self)
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts_by_praktijkopleider(self):
        if self.env.su:
            return
        self._check_praktijkopleider()
        if any(p.state != "draft" for p in self):
            raise UserError(
                self.env._("Only a draft proposal can be deleted; it was proposed.")
            )

    # ------------------------------------------------------------------
    # Rights
    # ------------------------------------------------------------------
    def _check_praktijkopleider(self):
        if not (self.env.su or self.env.user.has_group(PRAKTIJKOPLEIDER)):
            raise AccessError(
                self.env._("Only a praktijkopleider proposes a 0-hours contract.")
            )

    @api.model
    def _check_field_rights(self, field_names):
        """Deny by default: the praktijkopleider fills in the proposal; the
        state, the decision and the contract follow from the actions."""
        if self.env.su:
            return
        mail_fields = mail_field_names(self.env)
        allowed = (
            PROPOSAL_FIELDS if self.env.user.has_group(PRAKTIJKOPLEIDER) else set()
        )
        blocked = set(field_names) - allowed - mail_fields
        if blocked:
            raise AccessError(
                self.env._(
                    "You cannot change %(fields)s of a 0-hours contract proposal.",
                    fields=field_labels(self, blocked),
                )
            )

    def _check_bestuurder(self):
        """Only the company's bestuurder decides, and only on proposals they
        may read."""
        self.check_access("read")
        for proposal in self:
            if proposal.bestuurder_user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only the bestuurder of %(company)s approves or declines a "
                        "0-hours contract.",
                        company=proposal.company_id.name,
                    )
                )

    def _set_state(self, values):
        """Write the new state after the checks of the calling action."""
        # sudo: the state is on no role's list; the calling action checked
        # the user's right to decide on these proposals.
        self.sudo().with_context(skip_validation_check=True).write(values)

    # ------------------------------------------------------------------
    # Tier validation
    # ------------------------------------------------------------------
    def request_validation(self):
        self._check_praktijkopleider()
        return super().request_validation()

    def restart_validation(self):
        self._check_praktijkopleider()
        if not self.env.su and any(p.state != "draft" for p in self):
            raise UserError(self.env._("The bestuurder is deciding on this proposal."))
        # sudo: the praktijkopleider was checked; reviews are removed only
        # through the document (models/tier_review.py).
        return super(SamenwijsContractProposal, self.sudo()).restart_validation()

    def _allow_to_remove_reviews(self, values):
        """Keep the review of a declined proposal: it says who declined."""
        if values.get(self._state_field) == "declined":
            return False
        return super()._allow_to_remove_reviews(values)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_propose(self):
        """The praktijkopleider sends the proposal to the bestuurder."""
        self._check_praktijkopleider()
        check_exists(self)
        self.check_access("write")
        for proposal in self:
            if proposal.state != "draft":
                raise UserError(
                    self.env._(
                        "%(name)s was proposed already.", name=proposal.display_name
                    )
                )
            if not proposal.bestuurder_user_id:
                raise UserError(
                    self.env._(
                        "Set the bestuurder of %(company)s in the settings before "
                        "proposing a 0-hours contract.",
                        company=proposal.company_id.name,
                    )
                )
        self._set_state({"state": "to_approve"})
        # sudo: the reviews are made for the proposals checked above.
        self.sudo().request_validation()
        activity_type = self.env.ref(APPROVE_ACTIVITY)
        for proposal in self.sudo():
            env = proposal.internship_id._lang_env(proposal.bestuurder_user_id)
            proposal.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=proposal.bestuurder_user_id.id,
                summary=env._(
                    "Approve or decline a 0-hours contract for %(intern)s from "
                    "%(date)s (WB-P6)",
                    intern=proposal.employee_id.name,
                    date=format_date(env, proposal.date_start),
                ),
            )
        return True

    def action_approve(self):
        """The bestuurder approves: the tier is validated and the intern's
        contract prepared from the day after the internship."""
        self._check_decision()
        for proposal in self:
            proposal.validate_tier()
        now = fields.Datetime.now()
        self._set_state(
            {"state": "approved", "decided_by_id": self.env.user.id, "decided_on": now}
        )
        self._prepare_version()
        self._close_decision_activity(self.env._("Approved"))
        return True

    def action_decline(self):
        """The bestuurder declines: the tier is rejected."""
        self._check_decision()
        for proposal in self:
            proposal.reject_tier()
        self._set_state(
            {
                "state": "declined",
                "decided_by_id": self.env.user.id,
                "decided_on": fields.Datetime.now(),
            }
        )
        self._close_decision_activity(self.env._("Declined"))
        return True

    def _check_decision(self):
        check_exists(self)
        self._check_bestuurder()
        for proposal in self:
            if proposal.state != "to_approve":
                raise UserError(
                    self.env._(
                        "%(name)s is not waiting for a decision.",
                        name=proposal.display_name,
                    )
                )

    def _close_decision_activity(self, feedback):
        activity_type = self.env.ref(APPROVE_ACTIVITY)
        # sudo: the bestuurder decided (checked); their task is done.
        activities = self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        activities.action_feedback(feedback=feedback)

    def _prepare_version(self):
        """The intern's new version from the contract start: the 0-hours
        contract type, an employee from then on, no fixed wage. Copied from
        the version valid that day as ``hr.employee.create_version`` makes
        it (which needs HR rights the bestuurder need not have); a version
        of that very day is reused."""
        # sudo: the bestuurder approved (checked); the contract is HR data
        # prepared from the proposal's own values.
        Version = self.env["hr.version"].sudo()
        for proposal in self.sudo():
            employee = proposal.employee_id
            start = proposal.date_start
            base = employee._get_version(start)
            values = {
                "date_version": start,
                "contract_type_id": proposal.contract_type_id.id,
                "contract_date_start": start,
                "contract_date_end": False,
                "employee_type": "employee",
                "wage": 0.0,
            }
            if base.date_version == start:
                version = base
                version.write(values)
            else:
                version = Version.create({**base.copy_data()[0], **values})
            proposal.version_id = version
            proposal.message_post(
                body=self.env._(
                    "Contract prepared: %(type)s for %(intern)s from %(date)s.",
                    type=proposal.contract_type_id.name,
                    intern=employee.name,
                    date=format_date(self.env, start),
                ),
                subtype_xmlid="mail.mt_note",
            )
