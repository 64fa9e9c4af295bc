from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .samenwijs_internship import PRAKTIJKOPLEIDER, WERKBEGELEIDER
from .value_checks import DATE_FIRST

# IN-1: the introduction period lasts six weeks.
INTRODUCTION_WEEKS = 6
# VOG-1: a VOG older than this at registration is flagged.
VOG_MAX_AGE_MONTHS = 2
# Dutch rule: a block internship of at most 2 weeks and 60 hours needs no
# Personenregister registration.
SHORT_INTERNSHIP_DAYS = 14
SHORT_INTERNSHIP_HOURS = 60
# No VOG in a file is older than this.
VOG_DATE_FIRST = date(1990, 1, 1)

# Onboarding checklist: the field that is ticked and the activity type of the
# task that it completes.
CHECKLIST_ACTIVITIES = {
    "vog_received": "samenwijs_stage.mail_activity_type_vog",
    "personenregister_manager_informed": (
        "samenwijs_stage.mail_activity_type_personenregister"
    ),
    "bpv_signed": "samenwijs_stage.mail_activity_type_bpv_agreement",
    "personal_data_form_returned": "samenwijs_stage.mail_activity_type_personal_data",
    "bpv_book_handed": "samenwijs_stage.mail_activity_type_bpv_book",
    "introduction_piece_written": (
        "samenwijs_stage.mail_activity_type_introduction_piece"
    ),
}

# The checklist items that the praktijkopleider keeps (legal checks, the BPV
# agreement, the intern's forms) and those the werkbegeleider ticks at the
# location.
PRAKTIJKOPLEIDER_CHECKLIST = {
    "vog_received",
    "vog_received_date",
    "vog_date_issue",
    "vog_issued_for",
    "vog_file",
    "vog_filename",
    "personenregister_informed",
    "personenregister_registered",
    "personenregister_koppeling_date",
    "personenregister_manager_informed",
    "bpv_signed",
    "bpv_signed_date",
    "personal_data_form_returned",
}
WERKBEGELEIDER_CHECKLIST = {"bpv_book_handed", "introduction_piece_written"}


class SamenwijsInternship(models.Model):
    """Onboarding: the checklist before and at the start (VOG-1, VOG-2, PO-P2,
    ST-1, ST-3, IN-2), the tasks that come with it, and the six-week
    introduction period (IN-1)."""

    # One file per concern of the model, on purpose (see models/__init__.py).
    _inherit = "samenwijs.internship"  # pylint: disable=consider-merging-classes-inherited

    # Onboarding checklist
    vog_received = fields.Boolean(
        string="VOG received",
        tracking=True,
        groups="samenwijs_stage.group_intern",
        help="A copy of the VOG is kept; the original stays with the student (VOG-1).",
    )
    vog_received_date = fields.Date(
        string="VOG registered on", groups="samenwijs_stage.group_intern"
    )
    vog_date_issue = fields.Date(
        string="VOG date of issue", groups="samenwijs_stage.group_intern"
    )
    vog_issued_for = fields.Selection(
        [("samenwijs", "Samenwijs opvang"), ("school", "The school")],
        string="VOG issued for",
        groups="samenwijs_stage.group_intern",
    )
    vog_file = fields.Binary(
        string="VOG copy",
        attachment=True,
        copy=False,
        groups="samenwijs_stage.group_praktijkopleider",
    )
    vog_filename = fields.Char(groups="samenwijs_stage.group_praktijkopleider")
    vog_too_old = fields.Boolean(
        string="VOG older than 2 months",
        compute="_compute_vog_too_old",
        groups="samenwijs_stage.group_intern",
        help="The VOG was issued more than two months before it was registered.",
    )
    personenregister_needed = fields.Boolean(
        compute="_compute_personenregister_needed",
        store=True,
        help="Registration in the Personenregister Kinderopvang and a koppeling "
        "are needed before the start (VOG-2).",
    )
    personenregister_informed = fields.Boolean(
        string="Informed about the Personenregister",
        tracking=True,
        groups="samenwijs_stage.group_intern",
    )
    personenregister_registered = fields.Boolean(
        string="Registered in the Personenregister",
        tracking=True,
        groups="samenwijs_stage.group_intern",
    )
    personenregister_koppeling_date = fields.Date(
        string="Koppeling date",
        tracking=True,
        groups="samenwijs_stage.group_intern",
        help="Date on which the intern was linked to Samenwijs in the "
        "Personenregister Kinderopvang.",
    )
    personenregister_manager_informed = fields.Boolean(
        string="Manager informed of the koppeling",
        tracking=True,
        groups="samenwijs_stage.group_intern",
    )
    bpv_signed = fields.Boolean(
        string="BPV agreement signed",
        tracking=True,
        groups="samenwijs_stage.group_intern",
        help="The praktijkopleider signed the BPV agreement (PO-P2).",
    )
    bpv_signed_date = fields.Date(
        string="BPV agreement signed on", groups="samenwijs_stage.group_intern"
    )
    personal_data_form_returned = fields.Boolean(
        string="Personal data form returned",
        tracking=True,
        groups="samenwijs_stage.group_intern",
        help="The intern makes sure the personal data form reaches the "
        "praktijkopleider (ST-1).",
    )
    bpv_book_handed = fields.Boolean(
        string="BPV book handed to the werkbegeleider",
        tracking=True,
        groups="samenwijs_stage.group_intern",
        help="ST-3",
    )
    introduction_piece_written = fields.Boolean(
        string="Introduction piece for the parent portal",
        tracking=True,
        groups="samenwijs_stage.group_intern",
        help="The intern writes an introduction for the parent portal, "
        "supported by the werkbegeleider (IN-2).",
    )
    onboarding_progress = fields.Integer(
        string="Onboarding",
        compute="_compute_onboarding_progress",
        compute_sudo=True,
        help="Percentage of the onboarding checklist that is done.",
    )

    # IN-1
    introduction_end_date = fields.Date(
        string="End of introduction",
        compute="_compute_introduction_end_date",
        store=True,
        help="The introduction period lasts six weeks from the start (IN-1).",
    )
    in_introduction = fields.Boolean(
        string="In introduction period",
        compute="_compute_in_introduction",
        search="_search_in_introduction",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(
        "internship_type_id.personenregister_required",
        "internship_type_id.personenregister_short_exempt",
        "date_start",
        "date_end",
        "schedule_ids.hours",
        "schedule_ids.weekday",
    )
    def _compute_personenregister_needed(self):
        for internship in self:
            itype = internship.internship_type_id
            needed = itype.personenregister_required
            if needed and itype.personenregister_short_exempt and internship.date_start:
                days = (
                    (internship.date_end - internship.date_start).days + 1
                    if internship.date_end
                    else SHORT_INTERNSHIP_DAYS + 1
                )
                if (
                    days <= SHORT_INTERNSHIP_DAYS
                    and internship.planned_hours_total <= SHORT_INTERNSHIP_HOURS
                ):
                    needed = False
            internship.personenregister_needed = needed

    @api.depends("vog_date_issue", "vog_received_date")
    def _compute_vog_too_old(self):
        for internship in self:
            issued = internship.vog_date_issue
            registered = internship.vog_received_date
            internship.vog_too_old = bool(
                issued
                and registered
                and issued < registered - relativedelta(months=VOG_MAX_AGE_MONTHS)
            )

    @api.depends(
        "internship_type_id.vog_required",
        "personenregister_needed",
        "personenregister_koppeling_date",
        *CHECKLIST_ACTIVITIES,
    )
    def _compute_onboarding_progress(self):
        # Runs as superuser (compute_sudo): the share of the checklist is
        # shown to roles that do not read the checklist items themselves.
        for internship in self:
            items = internship._onboarding_items()
            done = sum(1 for value in items.values() if value)
            internship.onboarding_progress = (
                round(100 * done / len(items)) if items else 100
            )

    def _onboarding_items(self):
        """Checklist items that apply to this internship, with their state."""
        self.ensure_one()
        items = {
            "bpv_signed": self.bpv_signed,
            "personal_data_form_returned": self.personal_data_form_returned,
            "bpv_book_handed": self.bpv_book_handed,
            "introduction_piece_written": self.introduction_piece_written,
        }
        if self.internship_type_id.vog_required:
            items["vog_received"] = self.vog_received
        if self.personenregister_needed:
            items["personenregister_koppeling_date"] = (
                self.personenregister_koppeling_date
            )
            items["personenregister_manager_informed"] = (
                self.personenregister_manager_informed
            )
        return items

    @api.depends("date_start")
    def _compute_introduction_end_date(self):
        for internship in self:
            internship.introduction_end_date = internship.date_start and (
                internship.date_start + relativedelta(weeks=INTRODUCTION_WEEKS)
            )

    @api.depends("state", "date_start", "introduction_end_date")
    def _compute_in_introduction(self):
        today = fields.Date.context_today(self)
        for internship in self:
            internship.in_introduction = bool(
                internship.state == "running"
                and internship.introduction_end_date
                and internship.date_start <= today < internship.introduction_end_date
            )

    def _search_in_introduction(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        today = fields.Date.context_today(self)
        domain = [
            ("state", "=", "running"),
            ("date_start", "<=", today),
            ("introduction_end_date", ">", today),
        ]
        positive = (operator == "=") == bool(value)
        return domain if positive else ["!", *domain]

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------
    @api.model
    def _value_bounds(self):
        """The checklist dates say when something happened: not in the
        future, and no VOG from before 1990."""
        bounds = super()._value_bounds()
        today = fields.Date.context_today(self)
        bounds.update(
            {
                "vog_date_issue": (VOG_DATE_FIRST, today),
                "vog_received_date": (VOG_DATE_FIRST, today),
                "personenregister_koppeling_date": (DATE_FIRST, today),
                "bpv_signed_date": (DATE_FIRST, today),
            }
        )
        return bounds

    @api.model
    def _role_writable_fields(self):
        fields_by_role = super()._role_writable_fields()
        fields_by_role[PRAKTIJKOPLEIDER] |= (
            PRAKTIJKOPLEIDER_CHECKLIST | WERKBEGELEIDER_CHECKLIST
        )
        fields_by_role[WERKBEGELEIDER] |= WERKBEGELEIDER_CHECKLIST
        return fields_by_role

    def _start_problems(self):
        """VOG-1, VOG-2: the VOG and the Personenregister koppeling must be
        in where the type needs them."""
        problems = super()._start_problems()
        # sudo: only whether the VOG and the koppeling are in decides; the
        # calling action checked the user's right to these internships.
        for internship in self.sudo():
            missing = []
            if (
                internship.internship_type_id.vog_required
                and not internship.vog_received
            ):
                missing.append(self.env._("the VOG (VOG-1)"))
            if (
                internship.personenregister_needed
                and not internship.personenregister_koppeling_date
            ):
                missing.append(
                    self.env._(
                        "the koppeling in the Personenregister Kinderopvang (VOG-2)"
                    )
                )
            if missing:
                problems.append(
                    self.env._(
                        "Internship %(name)s of %(intern)s cannot start yet. Missing: "
                        "%(missing)s.",
                        name=internship.name,
                        intern=internship.employee_id.name,
                        missing=", ".join(missing),
                    )
                )
        return problems

    def write(self, vals):
        res = super().write(vals)
        done = [field for field in CHECKLIST_ACTIVITIES if vals.get(field)]
        if done:
            self._complete_checklist_activities(done)
        return res

    def action_place(self):
        """PO-2: placing plans the onboarding activities."""
        res = super().action_place()
        self._plan_onboarding()
        return res

    def action_reject(self):
        res = super().action_reject()
        self.activity_unlink(list(CHECKLIST_ACTIVITIES.values()))
        return res

    def _complete_checklist_activities(self, field_names):
        xmlids = [CHECKLIST_ACTIVITIES[name] for name in field_names]
        # sudo: ticking the checklist item completes the task, whoever it
        # was assigned to; the write itself passed the access checks.
        self.sudo().activity_feedback(
            xmlids,
            feedback=self.env._(
                "Done on the checklist by %(user)s.", user=self.env.user.name
            ),
        )

    def _plan_onboarding(self):
        """Schedule the onboarding plan's activities, in one batch, for the
        people the plan names; checklist items that do not apply to the
        type or are already done get no activity."""
        default_plan = (
            self.env.ref(
                "samenwijs_stage.mail_activity_plan_onboarding",
                raise_if_not_found=False,
            )
            or self.env["mail.activity.plan"]
        )
        field_by_type = {
            self.env.ref(xmlid).id: field
            for field, xmlid in CHECKLIST_ACTIVITIES.items()
        }
        vals_list = []
        for internship in self:
            plan = internship.internship_type_id.activity_plan_id or default_plan
            applicable = internship.sudo()._onboarding_items()
            for template in plan.template_ids:
                field = field_by_type.get(template.activity_type_id.id)
                if field and not (field in applicable and not applicable[field]):
                    continue  # not needed for this type, or already done
                vals_list.append(internship._onboarding_activity_values(template))
        return self.env["mail.activity"].create(vals_list)

    def _onboarding_activity_values(self, template):
        """The activity of one template of the onboarding plan, for the
        person the template names (the current user when it names nobody)."""
        self.ensure_one()
        responsible = template._determine_responsible(self.env.user, self)[
            "responsible"
        ]
        start = self.date_start or fields.Date.context_today(self)
        return {
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "activity_type_id": template.activity_type_id.id,
            "summary": template.summary,
            "note": template.note,
            "user_id": (responsible or self.env.user).id,
            "date_deadline": template._get_date_deadline(start),
            "automated": True,
        }
