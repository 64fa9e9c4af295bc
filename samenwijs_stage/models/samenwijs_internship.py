from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .field_rights import field_labels, mail_field_names, refused_fields
from .value_checks import check_exists, ensure_states

ADMIN = "samenwijs_stage.group_admin"
PRAKTIJKOPLEIDER = "samenwijs_stage.group_praktijkopleider"
WERKBEGELEIDER = "samenwijs_stage.group_werkbegeleider"
INTERN = "samenwijs_stage.group_intern"


class SamenwijsInternship(models.Model):
    """One internship of one intern: programme, period, people and lifecycle.

    Who reads: the intern their own internship; the werkbegeleider the
    internships they supervise; the location manager those of their locations;
    the praktijkopleider those of their region; the internship administrator
    all of them. Payroll works on the allowance, not on this record.

    Who changes what: each role writes only the fields that
    ``_role_writable_fields`` gives it (deny by default, the concerns add
    theirs through ``super()``); the praktijkopleider registers, places,
    starts, finishes and terminates (``action_*`` and the termination
    wizard), never by writing ``state``. Why an internship cannot be placed,
    started or finished is said by ``_place_problems``, ``_start_problems``
    and ``_done_problems``, which each concern extends.

    The concerns live in their own files: supervision (BG-*, WB-*),
    onboarding (VOG, Personenregister, checklist, introduction period),
    allowance (AL-1, VOG-3) and termination (TM-1, PO-9).
    """

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
    internship_type_id = fields.Many2one(
        "samenwijs.internship.type",
        string="Type",
        required=True,
        tracking=True,
        index=True,
    )
    care_tasks = fields.Boolean(related="internship_type_id.care_tasks")
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
        check_company=True,
        help="Exactly one werkbegeleider per intern (BG-4): an eligible "
        "employee of the main location who fits the type and study year.",
    )
    praktijkopleider_id = fields.Many2one(
        "hr.employee",
        compute="_compute_praktijkopleider_id",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        check_company=True,
        domain="[('is_praktijkopleider', '=', True)]",
    )
    rejection_reason = fields.Text(tracking=True)
    notes = fields.Html(groups="samenwijs_stage.group_intern")

    # Buttons
    can_manage = fields.Boolean(compute="_compute_can_manage")

    _dates_ordered = models.Constraint(
        "CHECK (date_end IS NULL OR date_start IS NULL OR date_end >= date_start)",
        "The end date of an internship cannot be before its start date.",
    )
    _study_year_positive = models.Constraint(
        "CHECK (study_year > 0)", "The study year starts at 1."
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

    @api.depends_context("uid")
    def _compute_can_manage(self):
        is_po = self.env.user.has_group(PRAKTIJKOPLEIDER)
        for internship in self:
            internship.can_manage = is_po

    @api.constrains("employee_id")
    def _check_employee_is_intern(self):
        for internship in self:
            # sudo: the employee type is HR data; only whether the employee is
            # a trainee or student is said.
            if not internship.employee_id.sudo().is_intern:
                raise ValidationError(
                    self.env._(
                        "%(name)s is not registered as trainee or student: set the "
                        "employee type before creating an internship.",
                        name=internship.employee_id.name,
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
        if not self.env.su and not self.env.user.has_group(PRAKTIJKOPLEIDER):
            raise AccessError(
                self.env._("Only a praktijkopleider can register an internship.")
            )
        self._check_field_rights(set().union(*vals_list) - {"name"})
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = sequence.next_by_code("samenwijs.internship") or "/"
        return super().create(vals_list)

    def write(self, vals):
        self._check_field_rights(vals.keys())
        return super().write(vals)

    def unlink(self):
        self._check_exists()
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(i.state not in ("draft", "application", "rejected") for i in self):
            raise UserError(
                self.env._(
                    "Only draft, applied or rejected internships can be deleted; "
                    "terminate or finish the others."
                )
            )

    def _check_exists(self):
        """Refuse internships that do not exist (any more) with a sentence
        that says so, instead of failing on them halfway."""
        check_exists(self)

    # ------------------------------------------------------------------
    # Who may write what
    # ------------------------------------------------------------------
    @api.model
    def _role_writable_fields(self):
        """The fields each role may write, by the xml id of the role's group.

        Deny by default: a field that no role of the user lists is refused.
        Each concern adds its own fields through ``super()``. The workflow
        state and computed fields are on no list: they change only through
        the ``action_*`` methods and the termination wizard.
        """
        return {
            PRAKTIJKOPLEIDER: {
                "company_id",
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
                "notes",
            },
            WERKBEGELEIDER: {"notes"},
            INTERN: set(),
        }

    @api.model
    def _mail_field_names(self):
        """The chatter, followers and activities: they guard their own
        access."""
        return mail_field_names(self.env)

    @api.model
    def _check_field_rights(self, field_names):
        """Refuse the fields that no role of the current user may write."""
        blocked = refused_fields(
            self.env,
            field_names,
            self._role_writable_fields(),
            self._mail_field_names(),
        )
        if blocked:
            raise AccessError(
                self.env._(
                    "You cannot change %(fields)s of an internship: your role in "
                    "the internships does not allow it.",
                    fields=field_labels(self, blocked),
                )
            )

    # ------------------------------------------------------------------
    # Why an internship cannot move on (extended by the concerns)
    # ------------------------------------------------------------------
    def _place_problems(self):
        """PO-2: why these internships cannot be placed; one sentence per
        problem."""
        problems = []
        for internship in self:
            missing = []
            if not internship.department_id:
                missing.append(self.env._("a location"))
            if not internship.date_start:
                missing.append(self.env._("a start date"))
            if not internship.praktijkopleider_id:
                missing.append(self.env._("a praktijkopleider"))
            if missing:
                problems.append(
                    self.env._(
                        "Internship %(name)s cannot be placed without %(missing)s.",
                        name=internship.display_name,
                        missing=", ".join(missing),
                    )
                )
        return problems

    def _start_problems(self):
        """Why these internships cannot start; one sentence per problem."""
        return []

    def _done_problems(self):
        """Why these internships cannot be finished; one sentence per problem."""
        return []

    def _raise_problems(self, problems):
        if problems:
            raise UserError("\n".join(problems))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_workflow_rights(self):
        """Only a praktijkopleider moves internships through their states,
        and only internships they may change."""
        self._check_exists()
        if not (self.env.su or self.env.user.has_group(PRAKTIJKOPLEIDER)):
            raise AccessError(
                self.env._(
                    "Only a praktijkopleider can register, place, start, finish or "
                    "terminate an internship."
                )
            )
        self.check_access("write")

    def _ensure_states(self, states, action):
        ensure_states(self, states, action)

    def _set_state(self, values):
        """Write the new state (and what comes with it) after the checks of
        the action that calls this."""
        # sudo: state is on no role's list of writable fields; the calling
        # action checked the user's right to these internships.
        self.sudo().write(values)

    def action_apply(self):
        self._check_workflow_rights()
        self._ensure_states({"draft"}, self.env._("Registering the application"))
        self._set_state({"state": "application"})
        return True

    def action_place(self):
        """PO-2: place the intern."""
        self._check_workflow_rights()
        self._ensure_states({"draft", "application"}, self.env._("Placing"))
        self._raise_problems(self._place_problems())
        self._set_state({"state": "placed"})
        return True

    def action_reject(self):
        self._check_workflow_rights()
        self._ensure_states({"draft", "application"}, self.env._("Rejecting"))
        self._set_state({"state": "rejected"})
        return True

    def action_draft(self):
        self._check_workflow_rights()
        self._ensure_states({"rejected"}, self.env._("Reopening"))
        self._set_state({"state": "draft"})
        return True

    def action_start(self):
        self._check_workflow_rights()
        self._ensure_states({"placed"}, self.env._("Starting"))
        self._raise_problems(self._start_problems())
        today = fields.Date.context_today(self)
        for internship in self:
            values = {"state": "running"}
            if not internship.date_start:
                values["date_start"] = today
            internship._set_state(values)
        return True

    def action_done(self):
        self._check_workflow_rights()
        self._ensure_states({"running"}, self.env._("Finishing"))
        self._raise_problems(self._done_problems())
        today = fields.Date.context_today(self)
        for internship in self:
            values = {"state": "done"}
            starts_before = not internship.date_start or internship.date_start <= today
            if starts_before and (
                not internship.date_end or internship.date_end > today
            ):
                values["date_end"] = today
            internship._set_state(values)
        return True
