from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .field_rights import computed_fields, field_labels, mail_field_names, role_fields
from .samenwijs_evaluation_template import KINDS
from .value_checks import (
    DATETIME_FIRST,
    DATETIME_LAST,
    check_exists,
    check_values_list,
)

ADMIN = "samenwijs_stage.group_admin"
PRAKTIJKOPLEIDER = "samenwijs_stage.group_praktijkopleider"
WERKBEGELEIDER = "samenwijs_stage.group_werkbegeleider"
INTERN = "samenwijs_stage.group_intern"
RESULTS = [("positive", "Positive"), ("negative", "Negative")]


class SamenwijsInternshipEvaluation(models.Model):
    """An evaluation or conversation of an intern: the first evaluation
    (EV-1), the learning conversations every two weeks (WB-P1), a school
    meeting (PO-6, WB-P5), the competence scan (WB-P6) and the final
    assessment.

    Planned → held → signed (the sign-off mixin): the werkbegeleider holds
    it, rates the criteria of the shared form of its kind (PO-7), writes the
    feedback and signs; signed is read-only. The intern prepares the agenda
    while it is planned (ST-4). The praktijkopleider plans school meetings
    and confirms the onboarding forms before the first evaluation is signed
    (EV-1).

    Personal data: read by the intern, their werkbegeleider, the
    praktijkopleider of the region and the internship administrator; not by
    other interns, location managers or payroll.
    """

    _name = "samenwijs.internship.evaluation"
    _inherit = ["samenwijs.signoff.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Evaluation"
    _order = "date desc, id desc"
    _check_company_auto = True
    _signoff_activity_type = "samenwijs_stage.mail_activity_type_evaluation_sign"

    state = fields.Selection(
        [("draft", "Planned"), ("submitted", "Held"), ("approved", "Signed")],
        tracking=True,
    )
    internship_id = fields.Many2one(
        "samenwijs.internship",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    employee_id = fields.Many2one(
        related="internship_id.employee_id", string="Intern", store=True, index=True
    )
    werkbegeleider_id = fields.Many2one(
        related="internship_id.werkbegeleider_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="internship_id.company_id", store=True, index=True
    )
    kind = fields.Selection(KINDS, required=True, default="conversation", index=True)
    date = fields.Datetime(required=True, tracking=True, index=True)
    partner_ids = fields.Many2many("res.partner", string="Participants")
    template_id = fields.Many2one(
        "samenwijs.evaluation.template",
        string="Form",
        readonly=True,
        help="The shared form of this kind when the evaluation was made (PO-7).",
    )
    line_ids = fields.One2many(
        "samenwijs.internship.evaluation.line",
        "evaluation_id",
        string="Ratings",
        copy=True,
    )
    agenda = fields.Html(
        help="What the intern wants to discuss, prepared before the "
        "conversation (ST-4)."
    )
    notes = fields.Html()
    feedback = fields.Text(
        help="The werkbegeleider's feedback and advice on the assessment (WB-7)."
    )
    result = fields.Selection(RESULTS, tracking=True)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("kind", "employee_id", "date")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for evaluation in self:
            evaluation.display_name = " \N{EN DASH} ".join(
                filter(
                    None,
                    [
                        kinds.get(evaluation.kind),
                        evaluation.employee_id.name,
                        fields.Date.to_string(evaluation.date.date())
                        if evaluation.date
                        else False,
                    ],
                )
            )

    # ------------------------------------------------------------------
    # Who may write what
    # ------------------------------------------------------------------
    @api.model
    def _role_writable_fields(self):
        """Deny by default. The intern plans the conversation with the
        werkbegeleider and prepares the agenda (ST-4); the
        werkbegeleider plans and holds conversations (the praktijkopleider
        is a werkbegeleider too); the praktijkopleider plans
        (school meetings, PO-6)."""
        planning = {"internship_id", "kind", "date", "partner_ids"}
        return {
            INTERN: {"agenda", "date"},
            WERKBEGELEIDER: {
                "internship_id",
                "kind",
                "date",
                "partner_ids",
                "agenda",
                "notes",
                "feedback",
                "result",
                "line_ids",
            },
            PRAKTIJKOPLEIDER: planning | {"notes"},
        }

    def _check_write_rights(self, field_names):
        if self.env.su or self.env.context.get("samenwijs_signoff"):
            return
        mail_fields = mail_field_names(self.env)
        field_names = set(field_names) - mail_fields
        if not field_names:
            return
        computed = field_labels(self, computed_fields(self, field_names))
        if computed:
            raise AccessError(
                self.env._(
                    "%(fields)s of evaluations are computed and cannot be written.",
                    fields=computed,
                )
            )
        self._check_signoff_lock()
        user = self.env.user
        if user.has_group(ADMIN):
            return
        allowed = role_fields(self.env, self._role_writable_fields())
        blocked = field_names - allowed
        if blocked:
            labels = field_labels(self, blocked)
            raise AccessError(
                self.env._(
                    "You cannot change %(fields)s of evaluations.",
                    fields=labels,
                )
            )
        if user.has_group(WERKBEGELEIDER):
            return
        # ST-4: the intern plans the conversation and prepares its agenda
        # while it is planned.
        held = self.filtered(lambda e: e.state != "draft")
        if held:
            raise UserError(
                self.env._(
                    "%(names)s can no longer be changed by you: the conversation "
                    "was held.",
                    names=", ".join(held.mapped("display_name")),
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _value_bounds(self):
        return {"date": (DATETIME_FIRST, DATETIME_LAST)}

    @api.model_create_multi
    def create(self, vals_list):
        check_values_list(self, vals_list, self._value_bounds())
        if not self.env.su:
            self._check_write_rights(set().union(*vals_list) - {"template_id"})
            internships = self.env["samenwijs.internship"].browse(
                {v["internship_id"] for v in vals_list if v.get("internship_id")}
            )
            check_exists(internships)
            internships.check_access("write")
        lines = self._lines_from_templates(vals_list)
        evaluations = super().create(vals_list)
        # sudo: the criteria of the shared form, copied onto evaluations the
        # user was just allowed to make (PO-7).
        self.env["samenwijs.internship.evaluation.line"].sudo().create(
            [
                {**line, "evaluation_id": evaluation.id}
                for evaluation, evaluation_lines in zip(evaluations, lines, strict=True)
                for line in evaluation_lines
            ]
        )
        return evaluations

    def write(self, vals):
        check_exists(self)
        check_values_list(self, [vals], self._value_bounds())
        self._check_write_rights(vals.keys())
        return super().write(vals)

    def unlink(self):
        check_exists(self)
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_praktijkopleider(self):
        if self.env.su:
            return
        self._check_signoff_lock()
        if not self.env.user.has_group(PRAKTIJKOPLEIDER):
            raise AccessError(
                self.env._("Only a praktijkopleider removes planned evaluations.")
            )

    @api.model
    def _templates_by_kind(self):
        """The shared form of each kind (PO-7): the first active one."""
        templates = {}
        # sudo: the forms are configuration every role reads.
        Template = self.env["samenwijs.evaluation.template"].sudo()
        for template in Template.search([("kind", "in", list(dict(KINDS)))]):
            templates.setdefault(template.kind, template)
        return templates

    @api.model
    def _lines_from_templates(self, vals_list):
        """PO-7: a new evaluation gets the criteria of its kind's form as they
        are today; returns the lines of each evaluation and sets its form."""
        templates = self._templates_by_kind()
        lines = []
        for vals in vals_list:
            template = templates.get(vals.get("kind") or "conversation")
            if not template or vals.get("line_ids"):
                lines.append([])
                continue
            vals["template_id"] = template.id
            lines.append(
                [
                    {
                        "sequence": criterion.sequence,
                        "code": criterion.code,
                        "name": criterion.name,
                    }
                    for criterion in template.criterion_ids
                ]
            )
        return lines

    # ------------------------------------------------------------------
    # Sign-off
    # ------------------------------------------------------------------
    def _signoff_signer(self):
        # sudo: who supervises the intern decides who signs.
        return self.sudo().internship_id.werkbegeleider_id.user_id

    def _signoff_summary(self, records):
        return self.env._(
            "Sign %(names)s", names=", ".join(records.mapped("display_name"))
        )

    def action_submit(self):
        """The werkbegeleider marks the conversation as held."""
        if not self.env.su and not self.env.user.has_group(ADMIN):
            self._check_signer()
        return super().action_submit()

    def action_approve(self):
        """WB-7: signing needs the werkbegeleider's feedback; the first
        evaluation needs the praktijkopleider's confirmation that every
        required form is returned (EV-1)."""
        self.check_access("write")
        self._check_signer()
        without_feedback = self.filtered(lambda e: not (e.feedback or "").strip())
        if without_feedback:
            raise UserError(
                self.env._(
                    "Write your feedback before signing %(names)s (WB-7).",
                    names=", ".join(without_feedback.mapped("display_name")),
                )
            )
        # sudo: reads whether the praktijkopleider confirmed the forms.
        unconfirmed = self.filtered(
            lambda e: e.kind == "first"
            and not e.sudo().internship_id.ev1_forms_confirmed
        )
        if unconfirmed:
            raise UserError(
                self.env._(
                    "%(names)s can be signed once the praktijkopleider has "
                    "confirmed that every required form is returned (EV-1).",
                    names=", ".join(unconfirmed.mapped("display_name")),
                )
            )
        return super().action_approve()

    def _schedule_due_tasks(self, days_before=3, ahead=14):
        """ST-4, WB-P1: for planned evaluations of the next ``ahead`` days, the
        werkbegeleider's task on the day and the intern's task to prepare the
        agenda ``days_before`` days before; once per evaluation, made in one
        call for the whole batch."""
        prepare = self.env.ref("samenwijs_stage.mail_activity_type_evaluation_prepare")
        hold = self.env.ref("samenwijs_stage.mail_activity_type_evaluation_hold")
        today = fields.Date.context_today(self)
        horizon = today + timedelta(days=ahead)
        due = self.filtered(
            lambda e: e.state == "draft" and e.date and e.date.date() <= horizon
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        note = Markup("<p>%s</p>") % self.env._(
            "Prepare the agenda of this conversation: what went well, what you "
            "want to learn, your questions (ST-4)."
        )
        vals_list = []
        for evaluation in due:
            day = evaluation.date.date()
            planned = evaluation.activity_ids.activity_type_id
            intern = evaluation.employee_id.user_id
            supervisor = evaluation.werkbegeleider_id.user_id
            base = {"res_model_id": model_id, "res_id": evaluation.id}
            if supervisor and hold not in planned:
                vals_list.append(
                    {
                        **base,
                        "activity_type_id": hold.id,
                        "user_id": supervisor.id,
                        "date_deadline": day,
                    }
                )
            if intern and prepare not in planned:
                vals_list.append(
                    {
                        **base,
                        "activity_type_id": prepare.id,
                        "user_id": intern.id,
                        "date_deadline": max(day - timedelta(days=days_before), today),
                        "note": note,
                    }
                )
        # sudo: the tasks follow from evaluations the caller planned; they
        # are the werkbegeleider's and the intern's. No mail per planned
        # task: they appear in each person's activities.
        return (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )
