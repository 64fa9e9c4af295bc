from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_amount, format_date, format_datetime, formatLang

# IN-1: the introduction period lasts six weeks.
INTRODUCTION_WEEKS = 6
# VOG-1: a VOG older than this at registration is flagged.
VOG_MAX_AGE_MONTHS = 2
# Dutch rule: a block internship of at most 2 weeks and 60 hours needs no
# Personenregister registration.
SHORT_INTERNSHIP_DAYS = 14
SHORT_INTERNSHIP_HOURS = 60
# AL-1: an internship day of fewer hours counts as half a day for the allowance.
ALLOWANCE_FULL_DAY_HOURS = 5.0

# Early termination (TM-1, PO-9): the tasks it leaves behind.
SCHOOL_COORDINATION_ACTIVITY = "samenwijs_stage.mail_activity_type_school_coordination"
PERSONENREGISTER_END_ACTIVITY = (
    "samenwijs_stage.mail_activity_type_personenregister_end"
)
ALLOWANCE_STOP_ACTIVITY = "samenwijs_stage.mail_activity_type_allowance_stop"

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

# Fields only a praktijkopleider (or administrator) may change: the people,
# the period, the workflow and the legal checks of an internship.
PRAKTIJKOPLEIDER_FIELDS = {
    "state",
    "employee_id",
    "internship_type_id",
    "study_year",
    "school_id",
    "school_contact_id",
    "department_id",
    "schedule_ids",
    "werkbegeleider_id",
    "praktijkopleider_id",
    "date_start",
    "date_end",
    "rejection_reason",
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
    "allowance_amount",
    "vog_reimbursed",
    "vog_reimbursement_amount",
    "termination_date",
    "termination_reason_id",
    "termination_note",
}


class SamenwijsInternship(models.Model):
    _name = "samenwijs.internship"
    _description = "Internship"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    color = fields.Integer()
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("application", "Application"),
            ("placed", "Placed"),
            ("running", "Running"),
            ("done", "Finished"),
            ("rejected", "Rejected"),
            ("terminated", "Terminated"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand=True,
    )

    # The intern and the programme
    employee_id = fields.Many2one(
        "hr.employee",
        string="Intern",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
        domain="[('is_intern', '=', True)]",
        help="The intern, an employee of type trainee or student.",
    )
    intern_user_id = fields.Many2one(
        related="employee_id.user_id", string="Intern user", store=True, index=True
    )
    internship_type_id = fields.Many2one(
        "samenwijs.internship.type",
        string="Type",
        required=True,
        tracking=True,
        index=True,
    )
    care_tasks = fields.Boolean(related="internship_type_id.care_tasks")
    block_internship = fields.Boolean(related="internship_type_id.block_internship")
    study_year = fields.Integer(default=1, required=True, tracking=True)
    school_year = fields.Char(
        compute="_compute_school_year",
        store=True,
        index=True,
        help="School year in which the internship starts, e.g. 2026-2027.",
    )
    school_id = fields.Many2one(
        "res.partner",
        tracking=True,
        domain="[('is_company', '=', True)]",
    )
    school_contact_id = fields.Many2one(
        "res.partner",
        string="School supervisor",
        domain="[('parent_id', '=', school_id)]",
        help="The school's supervisor (onderwijsbegeleider / SLB-er).",
    )

    # Where and when
    schedule_ids = fields.One2many(
        "samenwijs.internship.schedule",
        "internship_id",
        string="Weekly schedule",
        copy=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Main location",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        check_company=True,
        help="With several locations, the location with the most planned hours (BG-4).",
    )
    region_id = fields.Many2one(
        related="department_id.region_id", store=True, index=True, string="Region"
    )
    location_manager_id = fields.Many2one(
        related="department_id.manager_id", string="Location manager"
    )
    weekly_hours = fields.Float(compute="_compute_weekly_hours", store=True)
    days_per_week = fields.Integer(compute="_compute_weekly_hours", store=True)
    date_start = fields.Date(string="Start date", tracking=True)
    date_end = fields.Date(string="End date", tracking=True)
    planned_hours_total = fields.Float(
        string="Planned hours in total", compute="_compute_planned_hours_total"
    )

    # People
    werkbegeleider_id = fields.Many2one(
        "hr.employee",
        tracking=True,
        index=True,
        help="Exactly one werkbegeleider per intern (BG-4): an eligible "
        "employee of the main location who fits the type and study year.",
    )
    allowed_werkbegeleider_ids = fields.Many2many(
        "hr.employee",
        compute="_compute_allowed_werkbegeleider_ids",
        groups="samenwijs_stage.group_praktijkopleider",
        help="Eligible werkbegeleiders who fit this internship; only the "
        "praktijkopleider chooses among them.",
    )
    praktijkopleider_id = fields.Many2one(
        "hr.employee",
        compute="_compute_praktijkopleider_id",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        domain="[('is_praktijkopleider', '=', True)]",
    )
    rejection_reason = fields.Text(tracking=True)
    notes = fields.Html(groups="samenwijs_stage.group_intern")

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

    # Allowance (AL-1, VOG-3)
    currency_id = fields.Many2one(related="company_id.currency_id")
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
        "or more, never less (AL-1). Recomputed to the minimum when the "
        "planned days change.",
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

    # Early termination (TM-1, PO-9)
    termination_date = fields.Date(copy=False, tracking=True)
    termination_reason_id = fields.Many2one(
        "samenwijs.termination.reason",
        copy=False,
        tracking=True,
        groups="samenwijs_stage.group_intern",
    )
    termination_note = fields.Text(copy=False, groups="samenwijs_stage.group_intern")

    # Buttons
    can_manage = fields.Boolean(compute="_compute_can_manage")
    can_confirm_allowance_stop = fields.Boolean(
        compute="_compute_can_confirm_allowance_stop"
    )

    _dates_ordered = models.Constraint(
        "CHECK (date_end IS NULL OR date_start IS NULL OR date_end >= date_start)",
        "The end date of an internship cannot be before its start date.",
    )
    _study_year_positive = models.Constraint(
        "CHECK (study_year > 0)", "The study year starts at 1."
    )
    _vog_reimbursement_positive = models.Constraint(
        "CHECK (vog_reimbursement_amount IS NULL OR vog_reimbursement_amount >= 0)",
        "A VOG reimbursement cannot be negative.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("date_start")
    def _compute_school_year(self):
        for internship in self:
            start = internship.date_start
            if not start:
                internship.school_year = False
                continue
            first = start.year if start.month >= 8 else start.year - 1
            internship.school_year = f"{first}-{first + 1}"

    @api.depends("schedule_ids.department_id", "schedule_ids.hours")
    def _compute_department_id(self):
        for internship in self:
            hours = {}
            for line in internship.schedule_ids:
                hours[line.department_id] = (
                    hours.get(line.department_id, 0) + line.hours
                )
            if hours:
                # BG-4: the main location is where most hours are made.
                internship.department_id = max(hours, key=lambda d: (hours[d], -d.id))
            else:
                internship.department_id = internship.department_id

    @api.depends("schedule_ids.hours", "schedule_ids.weekday")
    def _compute_weekly_hours(self):
        for internship in self:
            internship.weekly_hours = sum(internship.schedule_ids.mapped("hours"))
            internship.days_per_week = len(
                set(internship.schedule_ids.mapped("weekday"))
            )

    @api.depends("schedule_ids.hours", "schedule_ids.weekday", "date_start", "date_end")
    def _compute_planned_hours_total(self):
        for internship in self:
            start, end = internship.date_start, internship.date_end
            if not (start and end and end >= start):
                internship.planned_hours_total = 0.0
                continue
            days = (end - start).days + 1
            weeks, rest = divmod(days, 7)
            # Each weekday occurs once per full week, and once more when it
            # falls in the remaining days after the full weeks.
            extra = {(start.weekday() + i) % 7 for i in range(rest)}
            internship.planned_hours_total = sum(
                line.hours * (weeks + (int(line.weekday) in extra))
                for line in internship.schedule_ids
            )

    @api.depends("department_id.praktijkopleider_id")
    def _compute_praktijkopleider_id(self):
        for internship in self:
            internship.praktijkopleider_id = (
                internship.department_id.praktijkopleider_id
            )

    @api.depends(
        "internship_type_id.personenregister_required",
        "internship_type_id.personenregister_short_exempt",
        "date_start",
        "date_end",
        "schedule_ids.hours",
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
        "internship_type_id",
        "personenregister_needed",
        *CHECKLIST_ACTIVITIES,
    )
    def _compute_onboarding_progress(self):
        for internship in self.sudo():
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

    @api.depends("state", "introduction_end_date")
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

    @api.depends(
        "internship_type_id", "study_year", "department_id", "werkbegeleider_id"
    )
    def _compute_allowed_werkbegeleider_ids(self):
        Employee = self.env["hr.employee"].sudo()
        # sudo: the eligibility of candidates is derived from contract data;
        # only the ids of allowed candidates are offered.
        candidates = Employee.search(
            [("is_werkbegeleider", "=", True), ("werkbegeleider_eligible", "=", True)]
        )
        for internship in self:
            internship.allowed_werkbegeleider_ids = candidates.filtered(
                lambda e, i=internship: not i._werkbegeleider_fit_problems(e)
            )

    def _compute_can_manage(self):
        is_po = self.env.user.has_group("samenwijs_stage.group_praktijkopleider")
        for internship in self:
            internship.can_manage = is_po

    @api.depends("allowance_state")
    @api.depends_context("uid")
    def _compute_can_confirm_allowance_stop(self):
        is_payroll = self.env.user.has_group("samenwijs_stage.group_payroll")
        for internship in self:
            internship.can_confirm_allowance_stop = (
                is_payroll and internship.allowance_state == "stop_requested"
            )

    @api.depends(
        "internship_type_id.allowance",
        "date_start",
        "schedule_ids.weekday",
        "schedule_ids.hours",
    )
    def _compute_allowance_minimum(self):
        Rate = self.env["samenwijs.allowance.rate"]
        today = fields.Date.context_today(self)
        for internship in self:
            rate = (
                Rate._rate_at(internship.date_start or today)
                if internship.internship_type_id.allowance
                else Rate
            )
            if not rate:
                internship.allowance_minimum = 0.0
                continue
            internship.allowance_minimum = rate._monthly_minimum(
                *internship._allowance_days()
            )

    @api.depends("allowance_minimum")
    def _compute_allowance_amount(self):
        for internship in self:
            internship.allowance_amount = internship.allowance_minimum

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

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    def _werkbegeleider_fit_problems(self, employee):
        """Why ``employee`` cannot supervise this internship (BG-1..BG-4)."""
        self.ensure_one()
        # sudo: function, education and department of the candidate decide
        # the fit; they are not shown.
        employee = employee.sudo()
        problems = []
        rule = self.internship_type_id.supervision_rule
        function = employee.childcare_function
        functions = dict(
            employee._fields["childcare_function"]._description_selection(self.env)
        )
        if rule == "pedagogisch_medewerker" and function != "pedagogisch_medewerker":
            problems.append(
                self.env._(
                    "%(type)s interns are supervised by a pedagogisch medewerker (BG-1).",
                    type=self.internship_type_id.name,
                )
            )
        elif rule == "gpm4":
            last_year = self.study_year >= max(self.internship_type_id.study_years, 1)
            if last_year and function not in (
                "pedagogisch_manager",
                "pedagogisch_specialist",
            ):
                problems.append(
                    self.env._(
                        "In the last study year %(type)s interns are supervised by a "
                        "pedagogisch manager or specialist (BG-2).",
                        type=self.internship_type_id.name,
                    )
                )
            elif not last_year and function != "pedagogisch_medewerker":
                problems.append(
                    self.env._(
                        "Before the last study year %(type)s interns are supervised "
                        "by a pedagogisch medewerker (BG-2); %(name)s is %(function)s.",
                        type=self.internship_type_id.name,
                        name=employee.name,
                        function=functions.get(
                            function, self.env._("without function")
                        ),
                    )
                )
        elif rule == "hbo":
            if self.study_year == 1 and employee.education_level not in ("mbo", "hbo"):
                problems.append(
                    self.env._(
                        "First-year HBO interns are supervised by an employee with an "
                        "MBO or HBO background (BG-3)."
                    )
                )
            elif self.study_year > 1 and employee.education_level != "hbo":
                problems.append(
                    self.env._(
                        "HBO interns from study year 2 on are supervised by an "
                        "employee with an HBO background (BG-3)."
                    )
                )
        if self.department_id and not (
            employee.department_id
            and employee.department_id.parent_path.startswith(
                self.department_id.parent_path
            )
        ):
            problems.append(
                self.env._(
                    "The werkbegeleider works at the main location %(location)s, "
                    "where most internship hours are made (BG-4).",
                    location=self.department_id.display_name,
                )
            )
        return problems

    @api.constrains(
        "werkbegeleider_id", "internship_type_id", "study_year", "department_id"
    )
    def _check_werkbegeleider_fit(self):
        for internship in self.filtered("werkbegeleider_id"):
            problems = internship._werkbegeleider_fit_problems(
                internship.werkbegeleider_id
            )
            if problems:
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot supervise %(internship)s:\n%(problems)s",
                        name=internship.werkbegeleider_id.name,
                        internship=internship.display_name,
                        problems="\n".join(problems),
                    )
                )

    def _check_werkbegeleider_eligible(self):
        """WB-1..WB-3, checked when a werkbegeleider is chosen."""
        for internship in self.filtered("werkbegeleider_id"):
            employee = internship.werkbegeleider_id.sudo()
            if not employee.werkbegeleider_eligible:
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot be werkbegeleider yet:\n%(reasons)s",
                        name=employee.name,
                        reasons=employee.werkbegeleider_unmet_reasons,
                    )
                )

    @api.constrains("employee_id")
    def _check_employee_is_intern(self):
        for internship in self:
            # sudo: the employee type is HR data; only checked here.
            if not internship.employee_id.sudo().is_intern:
                raise ValidationError(
                    self.env._(
                        "%(name)s is not registered as trainee or student: set the "
                        "employee type before creating an internship.",
                        name=internship.employee_id.name,
                    )
                )

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
                full, half = internship._allowance_days()
                days = full + half / 2
                raise ValidationError(
                    self.env._(
                        "The monthly allowance of %(name)s cannot be %(amount)s: "
                        "the CAO Kinderopvang sets a minimum of %(minimum)s for "
                        "%(days)s internship days a week (AL-1).",
                        name=internship.display_name,
                        amount=format_amount(self.env, amount, currency),
                        minimum=format_amount(self.env, minimum, currency),
                        days=formatLang(self.env, days, digits=1 if half else 0),
                    )
                )

    @api.onchange("school_id")
    def _onchange_school_id(self):
        if (
            self.school_contact_id
            and self.school_contact_id.parent_id != self.school_id
        ):
            self.school_contact_id = False

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._check_praktijkopleider_rights(
            set().union(*vals_list) - {"name"}, create=True
        )
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = sequence.next_by_code("samenwijs.internship") or "/"
        internships = super().create(vals_list)
        internships._check_werkbegeleider_eligible()
        internships._sync_supervision()
        internships._sync_intern_group()
        return internships

    def write(self, vals):
        self._check_praktijkopleider_rights(vals.keys())
        if {"allowance_state", "allowance_stop_date"} & vals.keys() and not self.env.su:
            raise AccessError(
                self.env._(
                    "The allowance state follows the termination of the internship "
                    "and the confirmation by payroll (PO-9); it cannot be changed "
                    "directly."
                )
            )
        res = super().write(vals)
        if "werkbegeleider_id" in vals:
            self._check_werkbegeleider_eligible()
            self._sync_supervision()
        if "employee_id" in vals:
            self._sync_intern_group()
            self._sync_supervision()
        done = [field for field in CHECKLIST_ACTIVITIES if vals.get(field)]
        if done:
            self._complete_checklist_activities(done)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(i.state not in ("draft", "application", "rejected") for i in self):
            raise UserError(
                self.env._(
                    "Only draft, applied or rejected internships can be deleted; "
                    "terminate or finish the others."
                )
            )

    def _check_praktijkopleider_rights(self, field_names, create=False):
        if self.env.su or self.env.user.has_group(
            "samenwijs_stage.group_praktijkopleider"
        ):
            return
        if create:
            raise AccessError(
                self.env._("Only a praktijkopleider can register an internship.")
            )
        blocked = PRAKTIJKOPLEIDER_FIELDS & set(field_names)
        if blocked:
            labels = sorted(
                self._fields[name].get_description(self.env)["string"]
                for name in blocked
            )
            raise AccessError(
                self.env._(
                    "Only a praktijkopleider can change %(fields)s of an internship.",
                    fields=", ".join(labels),
                )
            )

    def _sync_supervision(self):
        """The werkbegeleider coaches the intern and approves their time off
        (LV-2, SK-1)."""
        # sudo: coach and time-off approver are HR fields; they follow the
        # werkbegeleider the praktijkopleider chose.
        current = self.sudo().filtered(
            lambda i: i.werkbegeleider_id
            and i.state not in ("done", "rejected", "terminated")
        )
        for werkbegeleider, internships in current.grouped("werkbegeleider_id").items():
            interns = internships.employee_id.filtered(
                lambda e, w=werkbegeleider: e.coach_id != w
                or (w.user_id and e.leave_manager_id != w.user_id)
            )
            values = {"coach_id": werkbegeleider.id}
            if werkbegeleider.user_id:
                values["leave_manager_id"] = werkbegeleider.user_id.id
            if interns:
                interns.write(values)

    def _sync_intern_group(self):
        group = self.env.ref("samenwijs_stage.group_intern")
        # sudo: the intern's user gets the intern role of their internship.
        users = self.sudo().employee_id.user_id - group.all_user_ids
        users.sudo().write({"group_ids": [fields.Command.link(group.id)]})

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

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _ensure_states(self, states, action):
        wrong = self.filtered(lambda i: i.state not in states)
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(action)s is not possible for %(names)s (%(state)s).",
                    action=action,
                    names=", ".join(wrong.mapped("display_name")),
                    state=labels[wrong[0].state],
                )
            )

    def action_apply(self):
        self._ensure_states({"draft"}, self.env._("Registering the application"))
        self.write({"state": "application"})
        return True

    def action_place(self):
        """PO-2: place the intern; plans the onboarding activities."""
        # Refuse other roles before anything of the internship is checked.
        self._check_praktijkopleider_rights({"state"})
        self._ensure_states({"draft", "application"}, self.env._("Placing"))
        for internship in self:
            missing = []
            if not internship.department_id:
                missing.append(self.env._("a location"))
            if not internship.werkbegeleider_id:
                missing.append(self.env._("a werkbegeleider"))
            if not internship.date_start:
                missing.append(self.env._("a start date"))
            if not internship.praktijkopleider_id:
                missing.append(self.env._("a praktijkopleider"))
            if missing:
                raise UserError(
                    self.env._(
                        "Internship %(name)s cannot be placed without %(missing)s.",
                        name=internship.display_name,
                        missing=", ".join(missing),
                    )
                )
        self._check_werkbegeleider_eligible()
        self.write({"state": "placed"})
        self._plan_onboarding()
        return True

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
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        vals_list = []
        for internship in self:
            plan = internship.internship_type_id.activity_plan_id or default_plan
            applicable = internship.sudo()._onboarding_items()
            for template in plan.template_ids:
                field = field_by_type.get(template.activity_type_id.id)
                if field and not (field in applicable and not applicable[field]):
                    continue  # not needed for this type, or already done
                responsible = template._determine_responsible(
                    self.env.user, internship
                )["responsible"]
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": internship.id,
                        "activity_type_id": template.activity_type_id.id,
                        "summary": template.summary,
                        "note": template.note,
                        "user_id": (responsible or self.env.user).id,
                        "date_deadline": template._get_date_deadline(
                            internship.date_start or today
                        ),
                        "automated": True,
                    }
                )
        return self.env["mail.activity"].create(vals_list)

    def action_reject(self):
        self._ensure_states({"draft", "application"}, self.env._("Rejecting"))
        self.write({"state": "rejected"})
        self.activity_unlink(list(CHECKLIST_ACTIVITIES.values()))
        return True

    def action_draft(self):
        self._ensure_states({"rejected"}, self.env._("Reopening"))
        self.write({"state": "draft"})
        return True

    def action_start(self):
        """Start the internship: the VOG and the Personenregister koppeling
        must be in where the type needs them (VOG-1, VOG-2)."""
        # Refuse other roles before the legal checks are read with sudo.
        self._check_praktijkopleider_rights({"state"})
        self._ensure_states({"placed"}, self.env._("Starting"))
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
                raise UserError(
                    self.env._(
                        "Internship %(name)s of %(intern)s cannot start yet. Missing: "
                        "%(missing)s.",
                        name=internship.name,
                        intern=internship.employee_id.name,
                        missing=", ".join(missing),
                    )
                )
        today = fields.Date.context_today(self)
        for internship in self:
            values = {"state": "running"}
            if not internship.date_start:
                values["date_start"] = today
            internship.write(values)
        return True

    def action_done(self):
        self._ensure_states({"running"}, self.env._("Finishing"))
        today = fields.Date.context_today(self)
        for internship in self:
            values = {"state": "done"}
            starts_before = not internship.date_start or internship.date_start <= today
            if starts_before and (
                not internship.date_end or internship.date_end > today
            ):
                values["date_end"] = today
            internship.write(values)
        return True

    # ------------------------------------------------------------------
    # Early termination (TM-1, PO-9)
    # ------------------------------------------------------------------
    def _termination_problems(self, date):
        """Why these internships cannot be terminated on ``date``: one
        sentence per internship that cannot."""
        states = dict(self._fields["state"]._description_selection(self.env))
        problems = []
        for internship in self:
            name = internship.display_name
            if internship.state == "terminated":
                problems.append(
                    self.env._("Internship %(name)s is already terminated.", name=name)
                )
            elif internship.state not in ("placed", "running"):
                problems.append(
                    self.env._(
                        "Only a placed or running internship can be terminated; "
                        "%(name)s is %(state)s.",
                        name=name,
                        state=states[internship.state].lower(),
                    )
                )
            elif not date:
                problems.append(
                    self.env._(
                        "Choose the termination date of internship %(name)s.",
                        name=name,
                    )
                )
            elif internship.date_start and date < internship.date_start:
                problems.append(
                    self.env._(
                        "Internship %(name)s cannot be terminated on %(date)s: it "
                        "starts on %(start)s.",
                        name=name,
                        date=format_date(self.env, date),
                        start=format_date(self.env, internship.date_start),
                    )
                )
            elif internship.date_end and date > internship.date_end:
                problems.append(
                    self.env._(
                        "Internship %(name)s ends on %(end)s, before %(date)s: "
                        "finish it instead of terminating it.",
                        name=name,
                        end=format_date(self.env, internship.date_end),
                        date=format_date(self.env, date),
                    )
                )
        return problems

    def _needs_school_coordination(self):
        """TM-1: when a BOL (mbo) intern stops early, the praktijkopleider
        coordinates with the school."""
        self.ensure_one()
        return self.internship_type_id.education_level == "mbo"

    def _needs_personenregister_end(self):
        """The koppeling in the Personenregister Kinderopvang ends with the
        internship."""
        self.ensure_one()
        # sudo: only whether a koppeling exists decides; nothing is shown.
        return bool(
            self.personenregister_needed or self.sudo().personenregister_koppeling_date
        )

    def _allowance_payroll_users(self):
        """PO-9: who stops the allowance in payroll: the configured payroll
        contact of the company, or else every member of the payroll group."""
        self.ensure_one()
        # sudo: the payroll contact and the group members are only used to
        # assign the task.
        contact = self.company_id.sudo().samenwijs_payroll_user_id
        if contact:
            return contact
        group = self.env.ref("samenwijs_stage.group_payroll").sudo()
        return group.user_ids.filtered(lambda u: u.active and not u.share).sudo(False)

    def _terminate(self, date, reason, note=False):
        """TM-1, PO-9: end the internships early on ``date``. The open tasks
        become moot; the praktijkopleider gets the tasks for the school and
        the Personenregister, the payroll administration the task to stop
        the allowance."""
        self._check_praktijkopleider_rights({"state"})
        self.check_access("write")
        problems = self._termination_problems(date)
        if problems:
            raise UserError("\n".join(problems))
        cancelled = self._cancel_after_termination(date)
        for internship in self:
            values = {
                "state": "terminated",
                "date_end": date,
                "termination_date": date,
                "termination_reason_id": reason.id,
                "termination_note": note or False,
            }
            stop_allowance = internship.allowance_state == "active"
            internship.write(values)
            if stop_allowance:
                # sudo: the allowance state only follows the termination and
                # the payroll confirmation, never a direct write.
                internship.sudo().write(
                    {"allowance_state": "stop_requested", "allowance_stop_date": date}
                )
            lines = [
                self.env._(
                    "Internship terminated on %(date)s. Reason: %(reason)s.",
                    date=format_date(self.env, date),
                    reason=reason.name,
                )
            ]
            if note:
                lines.append(note)
            if cancelled[internship]:
                lines.append(
                    self.env._(
                        "Cancelled open tasks: %(tasks)s.",
                        tasks=", ".join(cancelled[internship]),
                    )
                )
            internship.message_post(
                body=Markup("<br/>").join(lines),
                subtype_xmlid="mail.mt_note",
            )
        self._schedule_termination_activities()
        return True

    def _cancel_after_termination(self, date):
        """Cancel what the termination on ``date`` makes moot: the open
        tasks of the internships. Returns per internship the descriptions of
        what was cancelled, for the chatter. Later additions (planned
        conversations, unsigned hours after ``date``) extend this method."""
        cancelled = defaultdict(list)
        activities = self.activity_ids
        for activity in activities:
            internship = self.browse(activity.res_id)
            cancelled[internship].append(
                self.env._(
                    "%(task)s (%(user)s)",
                    task=activity.summary or activity.activity_type_id.name,
                    user=activity.user_id.name,
                )
            )
        activities.unlink()
        return cancelled

    def _schedule_termination_activities(self):
        today = fields.Date.context_today(self)
        for internship in self:
            praktijkopleider = internship.praktijkopleider_id.user_id or self.env.user
            intern = internship.employee_id.name
            if internship._needs_school_coordination():
                internship.activity_schedule(
                    SCHOOL_COORDINATION_ACTIVITY,
                    date_deadline=today,
                    user_id=praktijkopleider.id,
                    note=Markup("<p>%s</p>")
                    % self.env._(
                        "%(intern)s stopped early: inform %(school)s and settle the "
                        "BPV agreement and the school's administration (TM-1).",
                        intern=intern,
                        school=internship.school_id.name or self.env._("the school"),
                    ),
                )
            if internship._needs_personenregister_end():
                internship.activity_schedule(
                    PERSONENREGISTER_END_ACTIVITY,
                    date_deadline=today,
                    user_id=praktijkopleider.id,
                    note=Markup("<p>%s</p>")
                    % self.env._(
                        "End the koppeling of %(intern)s with Samenwijs in the "
                        "Personenregister Kinderopvang from %(date)s.",
                        intern=intern,
                        date=format_date(self.env, internship.termination_date),
                    ),
                )
            if internship.allowance_state == "stop_requested":
                internship._schedule_allowance_stop(today)

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
