from ast import literal_eval

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

HBO_INTERVIEW_TIER = "samenwijs_stage.tier_definition_hbo_interview"
HBO_AGREEMENT_ACTIVITY = "samenwijs_stage.mail_activity_type_hbo_interview_agreement"
REVIEW_ACTIVITY = "samenwijs_stage.mail_activity_type_tier_review"
# PO-2: what the location's manager consents to. When one of these changes
# while the consent is asked or given, it is asked again.
CONSENT_FIELDS = {"department_id", "internship_type_id", "employee_id"}


class SamenwijsInternship(models.Model):
    """Approvals through OCA's tier validation (PO-2, RS-5).

    Placing (draft or application → placed) needs the tiers defined for
    internships: the location manager's consent (PO-2) and, for an HBO
    candidate, first the pedagogical manager's agreement to the interview
    (RS-5); both ship as data (``data/samenwijs_consent_data.xml``) and an
    organisation adds its own in Settings ▸ Tier Definitions. Registering an
    application asks for them; a reviewer approves or rejects with a reason
    that the chatter keeps, with who did.

    ``_place_problems`` stays the one place that says why an internship
    cannot be placed: a tier not yet validated is one of its reasons, so the
    engine's own check on writing the state is not needed.
    """

    _name = "samenwijs.internship"
    # One file per concern of the model, on purpose (see models/__init__.py).
    _inherit = ["samenwijs.internship", "tier.validation"]

    _state_from = ["draft", "application"]
    _state_to = ["placed"]
    _cancel_state = "rejected"
    _tier_validation_manual_config = True

    location_manager_user_id = fields.Many2one(
        "res.users",
        string="Location manager's user",
        related="location_manager_id.user_id",
        help="The pedagogical manager of the location: consents to placing "
        "(PO-2) and agrees to an HBO interview (RS-5).",
    )

    # ------------------------------------------------------------------
    # Asking
    # ------------------------------------------------------------------
    @api.depends(
        "state", "review_ids", "company_id", "department_id", "internship_type_id"
    )
    def _compute_need_validation(self):
        """Whether the tiers still have to be asked: one search of the
        definitions for the whole batch instead of one per internship. A
        definition's domain may read other fields: the actions recompute
        before they ask."""
        definitions = self._tier_definitions()
        for internship in self:
            internship.need_validation = bool(
                isinstance(internship.id, int)
                and not internship.review_ids
                and internship.state in self._state_from
                and internship._applicable_definitions(definitions)
            )

    def _tier_definitions(self):
        # sudo: the definitions are configuration every user's action reads.
        return (
            self.env["tier.definition"]
            .sudo()
            .search([("model", "=", self._name)], order="sequence desc, id")
        )

    def _applicable_definitions(self, definitions):
        """The definitions that apply to this internship: its company (or
        none) and its domain."""
        self.ensure_one()
        applicable = definitions.browse()
        for definition in definitions:
            if definition.company_id and definition.company_id != self.company_id:
                continue
            domain = literal_eval(definition.definition_domain or "[]")
            if not domain or self.sudo().filtered_domain(domain):
                applicable |= definition
        return applicable

    def request_validation(self):
        """PO-2: ask the reviewers of the tiers (the location's manager).

        The engine's own request works one internship at a time; here the
        reviews of the whole batch are made in one call, the first open
        tier of each internship becomes pending and its reviewer gets a
        task, also in one call."""
        self._check_workflow_rights()
        self.invalidate_recordset(["review_ids", "need_validation"])
        # sudo: the reviews are made for internships the praktijkopleider
        # may change (checked above); nobody else makes reviews.
        internships = self.sudo().filtered("need_validation")
        definitions = self._tier_definitions()
        vals_list = []
        for internship in internships:
            applicable = internship._applicable_definitions(definitions)
            vals_list += [
                internship._prepare_tier_review_vals(definition, sequence)
                for sequence, definition in enumerate(applicable, start=1)
            ]
        reviews = self.env["tier.review"].sudo().create(vals_list)
        unassigned = reviews.filtered(lambda r: not r.reviewer_ids)
        if unassigned:
            internship = self.browse(unassigned[:1].res_id)
            raise UserError(
                self.env._(
                    "Nobody can give '%(tier)s' for %(name)s: its location has no "
                    "manager who uses Odoo. Choose the location, or give its "
                    "manager a user, first.",
                    tier=unassigned[:1].name,
                    name=internship.display_name,
                )
            )
        # The first tier of each internship is pending (tiers in order), or
        # every tier that is not approved in order.
        first = {}
        for review in reviews:
            first[review.res_id] = min(first.get(review.res_id, 99999), review.sequence)
        pending = reviews.filtered(
            lambda r: not r.approve_sequence or r.sequence == first[r.res_id]
        )
        pending.write({"status": "pending"})
        internships._schedule_review_tasks(pending)
        internships._update_counter({"review_created": True})
        return reviews

    def restart_validation(self):
        """The praktijkopleider starts the approvals again: the reviews are
        removed and asked anew."""
        self._check_workflow_rights()
        # sudo: see request_validation.
        super(SamenwijsInternship, self.sudo()).restart_validation()
        self.filtered(lambda i: i.state == "application").request_validation()
        return True

    def action_apply(self):
        """RS-3, PO-2: registering an application asks for the approvals."""
        res = super().action_apply()
        self.invalidate_recordset(["review_ids", "need_validation"])
        self.filtered(
            lambda i: i.need_validation and i.location_manager_user_id
        ).request_validation()
        return res

    # ------------------------------------------------------------------
    # Deciding
    # ------------------------------------------------------------------
    def _check_reviewer(self):
        """Only a reviewer of an open tier approves or rejects it."""
        self._check_exists()
        self.check_access("read")
        for internship in self:
            if not internship.can_review:
                raise AccessError(
                    self.env._(
                        "You have no approval to give on %(name)s: %(todo)s",
                        name=internship.display_name,
                        todo=internship._open_reviews_text()
                        or self.env._("nothing is waiting for approval."),
                    )
                )

    def validate_tier(self):
        self._check_reviewer()
        # sudo: the reviewer was checked; the engine writes the reviews and
        # the stored validation status.
        return super(SamenwijsInternship, self.sudo()).validate_tier()

    def reject_tier(self):
        self._check_reviewer()
        # sudo: see validate_tier.
        return super(SamenwijsInternship, self.sudo()).reject_tier()

    def _log_review_decision(self, review):
        """Called by the review when its reviewer decided (any way: the
        buttons, the comment wizard, the API): the chatter says who approved
        or rejected which tier, with the comment; the reviewer's task is
        done."""
        self.ensure_one()
        body = (
            self.env._(
                "%(user)s approved: %(tier)s.",
                user=review.done_by.name or self.env.user.name,
                tier=review.name,
            )
            if review.status == "approved"
            else self.env._(
                "%(user)s rejected: %(tier)s.",
                user=review.done_by.name or self.env.user.name,
                tier=review.name,
            )
        )
        if review.comment:
            body = Markup("%s<br/>%s") % (body, review.comment)
        # sudo: the reviewer may not write on the internship; the note is
        # the record of their decision.
        self.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
        self._close_review_activities(review)

    # ------------------------------------------------------------------
    # The reviewer's task
    # ------------------------------------------------------------------
    def _notify_review_available(self, tier_reviews):
        """A later tier became pending (the one before it was approved):
        the engine tells the reviewers, who also get a task."""
        res = super()._notify_review_available(tier_reviews)
        self._schedule_review_tasks(tier_reviews)
        return res

    def _schedule_review_tasks(self, reviews):
        """One task per pending review of a single reviewer, on its
        internship, made in one call."""
        hbo_tier = self.env.ref(HBO_INTERVIEW_TIER, raise_if_not_found=False)
        hbo_type = self.env.ref(HBO_AGREEMENT_ACTIVITY)
        review_type = self.env.ref(REVIEW_ACTIVITY)
        model_id = self.env["ir.model"]._get_id(self._name)
        internships = {internship.id: internship for internship in self.sudo()}
        vals_list = []
        for review in reviews:
            internship = internships.get(review.res_id)
            if (
                not internship
                or review.model != self._name
                or review.status != "pending"
                or len(review.reviewer_ids) != 1
            ):
                continue
            activity_type = (
                hbo_type if review.definition_id == hbo_tier else review_type
            )
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": internship.id,
                    "activity_type_id": activity_type.id,
                    "user_id": review.reviewer_ids.id,
                    "date_deadline": activity_type._get_date_deadline(),
                    "summary": review.name,
                    "note": Markup("<p>%s</p>")
                    % self.env._(
                        "%(tier)s: %(name)s, %(intern)s.",
                        tier=review.name,
                        name=internship.display_name,
                        intern=internship.employee_id.name or "",
                    ),
                    "automated": True,
                }
            )
        # sudo: the tasks are the reviewers' own; the reviews were made by
        # the internship's action.
        self.env["mail.activity"].sudo().create(vals_list)

    def _close_review_activities(self, reviews):
        types = self.env.ref(HBO_AGREEMENT_ACTIVITY) | self.env.ref(REVIEW_ACTIVITY)
        users = reviews.reviewer_ids
        # sudo: the reviewer decided (checked); their task is done.
        self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id in types and a.user_id in users
        ).action_done()

    # ------------------------------------------------------------------
    # What the approvals hold
    # ------------------------------------------------------------------
    def _tier_validation_check_state_on_write(self, vals):
        """The actions check the tiers through ``_place_problems``."""
        return

    def _check_allow_write_under_validation(self, vals):
        """The application stays editable while the manager is asked; what
        the consent is about asks it again (see ``write``)."""
        return True

    def _tier_validation_check_write_allowed(self, vals):
        """The engine checks its write exceptions record by record; without
        any exception for internships (the shipped configuration) there is
        nothing to check, found in one search for the whole batch."""
        # sudo: the exceptions are configuration.
        if (
            not self.env["tier.validation.exception"]
            .sudo()
            .search_count([("model_name", "=", self._name)], limit=1)
        ):
            return
        super()._tier_validation_check_write_allowed(vals)

    def _allow_to_remove_reviews(self, values):
        """A rejected application keeps its reviews: they say who refused
        and why."""
        if values.get(self._state_field) == self._cancel_state:
            return False
        return super()._allow_to_remove_reviews(values)

    def write(self, vals):
        changed = self.browse()
        if CONSENT_FIELDS & vals.keys():
            changed = self.sudo().filtered(
                lambda i: i.review_ids
                and i.state in self._state_from
                and any(
                    (i[name].id if i._fields[name].type == "many2one" else i[name])
                    != vals[name]
                    for name in CONSENT_FIELDS & vals.keys()
                )
            )
        res = super().write(vals)
        if changed:
            # sudo: the reviews of an internship whose location, type or
            # intern changed are asked again; the write was allowed above.
            changed = changed.sudo()
            changed.review_ids.unlink()
            changed.invalidate_recordset(["review_ids", "validation_status"])
            changed._message_log_batch(
                dict.fromkeys(
                    changed.ids,
                    self.env._(
                        "The location, type or intern changed: the approvals are "
                        "asked again (PO-2)."
                    ),
                )
            )
            changed.filtered(
                lambda i: i.state == "application"
                and i.need_validation
                and i.location_manager_user_id
            ).request_validation()
        return res

    def unlink(self):
        # sudo: the reviews go with the internship the user may delete.
        self.sudo().review_ids.unlink()
        return super().unlink()

    def _place_problems(self):
        """PO-2: an internship is placed only when its tiers are validated."""
        problems = super()._place_problems()
        definitions = self._tier_definitions()
        for internship in self.filtered(lambda i: i.state in self._state_from):
            name = internship.display_name
            # sudo: the reviews are read to say what is missing.
            reviews = internship.sudo().review_ids
            if not reviews:
                if internship._applicable_definitions(definitions):
                    problems.append(
                        self.env._(
                            "Internship %(name)s cannot be placed before the "
                            "approvals are asked and given (PO-2): ask for them "
                            "with 'Ask approvals'.",
                            name=name,
                        )
                    )
                continue
            rejected = reviews.filtered(lambda r: r.status == "rejected")
            if rejected:
                problems.append(
                    self.env._(
                        "Internship %(name)s cannot be placed: %(user)s rejected "
                        "'%(tier)s' (PO-2).",
                        name=name,
                        user=rejected[:1].done_by.name or "",
                        tier=rejected[:1].name,
                    )
                )
            elif any(r.status != "approved" for r in reviews):
                problems.append(
                    self.env._(
                        "Internship %(name)s cannot be placed before its approvals "
                        "are given (PO-2). %(todo)s",
                        name=name,
                        todo=internship._open_reviews_text(),
                    )
                )
        return problems

    def _open_reviews_text(self):
        self.ensure_one()
        # sudo: only the names of the tiers and their reviewers are shown.
        reviews = self.sudo().review_ids.filtered(
            lambda r: r.status in ("waiting", "pending")
        )
        return " ".join(
            self.env._(
                "Waiting for %(tier)s (%(who)s).",
                tier=review.name,
                who=review.todo_by
                or ", ".join(review.reviewer_ids.mapped("name"))
                or self.env._("nobody: the tier has no reviewer"),
            )
            for review in reviews
        )
