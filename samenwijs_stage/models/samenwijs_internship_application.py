from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_datetime

from .samenwijs_internship import PRAKTIJKOPLEIDER

INTERVIEW_ACTIVITY = "samenwijs_stage.mail_activity_type_interview"
HBO_AGREEMENT_ACTIVITY = "samenwijs_stage.mail_activity_type_hbo_interview_agreement"
REVIEW_ACTIVITY = "samenwijs_stage.mail_activity_type_tier_review"
HBO_INTERVIEW_TIER = "samenwijs_stage.tier_definition_hbo_interview"
PLACED_TEMPLATE = "samenwijs_stage.mail_template_application_placed"
REJECTED_TEMPLATE = "samenwijs_stage.mail_template_application_rejected"
# RS-3: the application documents are personal data: read by the
# praktijkopleider, the location's manager (the record rules keep other
# locations out), HR and the internship administrator.
APPLICATION_DOCUMENT_GROUPS = "samenwijs_stage.group_manager,hr.group_hr_user"
APPLICATION_FIELDS = {
    "cv_file",
    "cv_filename",
    "motivation_letter_file",
    "motivation_letter_filename",
    "vacancy_advertised",
}


class SamenwijsInternship(models.Model):
    """Applications (RS-3, RS-5): the CV and the motivation letter, the
    interview the praktijkopleider plans and holds, the agreement of the
    location's pedagogical manager before an HBO interview, and the mail
    that tells the candidate the outcome."""

    # One file per concern of the model, on purpose (see models/__init__.py).
    _inherit = "samenwijs.internship"  # pylint: disable=consider-merging-classes-inherited

    cv_file = fields.Binary(
        string="CV", attachment=True, copy=False, groups=APPLICATION_DOCUMENT_GROUPS
    )
    cv_filename = fields.Char(copy=False, groups=APPLICATION_DOCUMENT_GROUPS)
    motivation_letter_file = fields.Binary(
        string="Motivation letter",
        attachment=True,
        copy=False,
        groups=APPLICATION_DOCUMENT_GROUPS,
    )
    motivation_letter_filename = fields.Char(
        copy=False, groups=APPLICATION_DOCUMENT_GROUPS
    )
    vacancy_advertised = fields.Char(
        string="Vacancy advertised on",
        tracking=True,
        help="Where the vacancy was advertised, e.g. the internship site of "
        "the school (RS-5).",
    )
    interview_date = fields.Datetime(copy=False, readonly=True, tracking=True)
    interview_needs_agreement = fields.Boolean(
        string="Manager's agreement needed",
        compute="_compute_interview_needs_agreement",
        help="An HBO candidate is invited only after the location's "
        "pedagogical manager agreed (RS-5).",
    )
    hbo_manager_agreed = fields.Boolean(
        string="Manager agreed to the interview",
        compute="_compute_hbo_manager_agreed",
        help="The pedagogical manager approved the tier 'agrees to the HBO "
        "interview' (RS-5); the approvals below say who and when.",
    )
    can_plan_interview = fields.Boolean(compute="_compute_can_interview")
    can_agree_hbo_interview = fields.Boolean(compute="_compute_can_interview")

    @api.depends("internship_type_id.education_level")
    def _compute_interview_needs_agreement(self):
        for internship in self:
            internship.interview_needs_agreement = (
                internship.internship_type_id.education_level == "hbo"
            )

    @api.depends("review_ids.status", "review_ids.definition_id")
    def _compute_hbo_manager_agreed(self):
        tier = self.env.ref(HBO_INTERVIEW_TIER, raise_if_not_found=False)
        for internship in self:
            # sudo: only whether the tier was approved is asked.
            internship.hbo_manager_agreed = bool(tier) and any(
                review.definition_id == tier and review.status == "approved"
                for review in internship.sudo().review_ids
            )

    @api.depends_context("uid")
    @api.depends(
        "state",
        "interview_needs_agreement",
        "hbo_manager_agreed",
        "review_ids.status",
        "review_ids.reviewer_ids",
    )
    def _compute_can_interview(self):
        is_po = self.env.user.has_group(PRAKTIJKOPLEIDER)
        tier = self.env.ref(HBO_INTERVIEW_TIER, raise_if_not_found=False)
        for internship in self:
            internship.can_plan_interview = is_po and internship.state == "application"
            internship.can_agree_hbo_interview = (
                internship.state == "application"
                and internship.interview_needs_agreement
                and not internship.hbo_manager_agreed
                and any(
                    review.definition_id == tier
                    and review.status == "pending"
                    and self.env.user in review.reviewer_ids
                    for review in internship.sudo().review_ids
                )
            )

    # ------------------------------------------------------------------
    # Who may write what
    # ------------------------------------------------------------------
    @api.model
    def _role_writable_fields(self):
        """RS-3, RS-5: the praktijkopleider keeps the application documents
        and where the vacancy was advertised; the manager agrees only
        through ``action_agree_hbo_interview``."""
        rights = super()._role_writable_fields()
        rights[PRAKTIJKOPLEIDER] = rights.get(PRAKTIJKOPLEIDER, set()) | (
            APPLICATION_FIELDS
        )
        return rights

    # ------------------------------------------------------------------
    # The interview (RS-3, RS-5)
    # ------------------------------------------------------------------
    def _interview_problems(self):
        """Why the interview of these applications cannot be planned; one
        sentence per problem."""
        problems = []
        for internship in self:
            name = internship.display_name
            if internship.state != "application":
                problems.append(
                    self.env._(
                        "An interview is planned only for an application; "
                        "register %(name)s as application first.",
                        name=name,
                    )
                )
                continue
            # sudo: only whether the documents are there is asked; nothing of
            # them is shown.
            documents = internship.sudo()
            missing = []
            if not documents.cv_file:
                missing.append(self.env._("the CV"))
            if not documents.motivation_letter_file:
                missing.append(self.env._("the motivation letter"))
            if missing:
                problems.append(
                    self.env._(
                        "The interview of %(name)s cannot be planned without "
                        "%(missing)s (RS-3).",
                        name=name,
                        missing=self.env._(" and ").join(missing),
                    )
                )
            if internship.interview_needs_agreement and not (
                internship.hbo_manager_agreed
            ):
                problems.append(
                    self.env._(
                        "The interview of HBO candidate %(name)s can be planned "
                        "only after the location's pedagogical manager agreed "
                        "(RS-5).",
                        name=name,
                    )
                )
        return problems

    def action_plan_interview(self):
        """RS-3: open the interview planner of this application."""
        self.ensure_one()
        self._check_workflow_rights()
        self._raise_problems(self._interview_problems())
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan interview"),
            "res_model": "samenwijs.internship.interview",
            "view_mode": "form",
            "target": "new",
            "context": {"default_internship_id": self.id},
        }

    def _plan_interview(self, when, note=False):
        """RS-3: the praktijkopleider's task to hold the interview at
        ``when``; at its end the outcome is placed or rejected."""
        self._check_workflow_rights()
        self._raise_problems(self._interview_problems())
        for internship in self:
            praktijkopleider = internship.praktijkopleider_id.user_id or self.env.user
            moment = format_datetime(self.env, when, dt_format="short")
            internship.activity_unlink([INTERVIEW_ACTIVITY])
            internship.activity_schedule(
                INTERVIEW_ACTIVITY,
                date_deadline=fields.Datetime.context_timestamp(self, when).date(),
                user_id=praktijkopleider.id,
                summary=self.env._("Interview on %(moment)s", moment=moment),
                note=Markup("<p>%s</p>") % (note or "") if note else False,
            )
            internship._set_state({"interview_date": when})
            internship.message_post(
                body=self.env._(
                    "Interview planned on %(moment)s (RS-3).", moment=moment
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # ------------------------------------------------------------------
    # The manager's agreement for an HBO interview (RS-5)
    # ------------------------------------------------------------------
    def action_agree_hbo_interview(self):
        """RS-5: the location's pedagogical manager agrees that the
        praktijkopleider invites the HBO candidate: the first tier of the
        application's approvals (``tier_definition_hbo_interview``),
        approved with a comment."""
        self.ensure_one()
        self._check_exists()
        self.check_access("read")
        if self.state != "application":
            raise UserError(
                self.env._(
                    "Internship %(name)s is no application: there is no "
                    "interview to agree to.",
                    name=self.display_name,
                )
            )
        if not self.interview_needs_agreement:
            raise UserError(
                self.env._(
                    "The interview of %(name)s needs no agreement: it is no "
                    "HBO internship.",
                    name=self.display_name,
                )
            )
        if not self.can_agree_hbo_interview:
            raise AccessError(
                self.env._(
                    "Only the manager of the location of %(name)s agrees to its "
                    "interview, once it is asked (RS-5).",
                    name=self.display_name,
                )
            )
        return self.validate_tier()

    # ------------------------------------------------------------------
    # The outcome (RS-3)
    # ------------------------------------------------------------------
    def action_place(self):
        """RS-3: a placed application tells the candidate by mail."""
        applications = self.filtered(lambda i: i.state == "application")
        res = super().action_place()
        applications._send_application_outcome(PLACED_TEMPLATE)
        return res

    def action_reject(self):
        """RS-3: a rejected application tells the candidate by mail."""
        applications = self.filtered(lambda i: i.state == "application")
        res = super().action_reject()
        applications._send_application_outcome(REJECTED_TEMPLATE)
        return res

    def _application_candidate(self):
        """The contact the outcome goes to: the candidate's work contact."""
        self.ensure_one()
        # sudo: only the candidate's contact is taken, to address the mail.
        return self.sudo().employee_id.work_contact_id

    def _send_application_outcome(self, template_xmlid):
        """One mail per candidate, made in one batch by the template, and a
        note on each internship. Called after the action checked the user."""
        self.activity_unlink(
            [INTERVIEW_ACTIVITY, HBO_AGREEMENT_ACTIVITY, REVIEW_ACTIVITY]
        )
        # sudo: only the candidates' contacts are read, to address the mails.
        internships = self.sudo().filtered("employee_id.work_contact_id")
        if not internships:
            return
        # sudo: the template renders the internships the caller just placed
        # or rejected; the mails are queued, not sent here.
        self.env.ref(template_xmlid).sudo().send_mail_batch(internships.ids)
        internships._message_log_batch(
            {
                internship.id: self.env._(
                    "The outcome of the application was mailed to %(name)s.",
                    name=internship.employee_id.name,
                )
                for internship in internships
            }
        )
