from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

# WB-1: two years of service; WB-4: two years in the role.
WERKBEGELEIDER_MIN_YEARS = 2
# WB-3: two intervisie evenings each calendar year.
INTERVISION_EVENINGS_PER_YEAR = 2

ROLE_GROUPS = {
    "is_werkbegeleider": "samenwijs_stage.group_werkbegeleider",
    "is_praktijkopleider": "samenwijs_stage.group_praktijkopleider",
}

# Derived from contracts (HR data): readable by HR officers and internship
# administrators, by the praktijkopleider of the employee's region and by the
# managers of the employee's location; refused to everyone else (WB-1..WB-3).
ELIGIBILITY_FIELDS = frozenset(
    {
        "werkbegeleider_eligible",
        "werkbegeleider_unmet_reasons",
        "werkbegeleider_intervision_count",
    }
)

# The werkbegeleider data a praktijkopleider keeps for the employees of their
# region, and an internship administrator for all employees (WB-1..WB-4,
# BG-1..BG-3). Deny by default: every other field of an employee stays with
# HR officers.
PRAKTIJKOPLEIDER_WRITABLE_FIELDS = frozenset(
    {
        "is_werkbegeleider",
        "werkbegeleider_since",
        "werkbegeleider_training",
        "education_level",
        "childcare_function",
    }
)


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    is_werkbegeleider = fields.Boolean(
        string="Werkbegeleider",
        tracking=True,
        groups="hr.group_hr_user,samenwijs_stage.group_manager",
        help="Supervises interns on the group (werkbegeleider).",
    )
    is_intern = fields.Boolean(
        string="Intern",
        compute="_compute_is_intern",
        store=True,
        groups="hr.group_hr_user,samenwijs_stage.group_manager",
        help="Trainee or student: can be the intern of an internship.",
    )
    is_praktijkopleider = fields.Boolean(
        string="Praktijkopleider",
        tracking=True,
        groups="hr.group_hr_user,samenwijs_stage.group_manager",
        help="Responsible for the internships of a region (PO-1).",
    )
    education_level = fields.Selection(
        [("mbo", "MBO"), ("hbo", "HBO")],
        string="Education background",
        groups="hr.group_hr_user,samenwijs_stage.group_manager",
        help="Needed to supervise HBO interns (BG-3): from study year 2 on "
        "only employees with an HBO background.",
    )
    childcare_function = fields.Selection(
        [
            ("pedagogisch_medewerker", "Pedagogisch medewerker"),
            ("pedagogisch_specialist", "Pedagogisch specialist"),
            ("pedagogisch_manager", "Pedagogisch manager"),
            ("other", "Other"),
        ],
        string="Childcare function",
        groups="hr.group_hr_user,samenwijs_stage.group_manager",
        help="Decides which interns the employee may supervise (BG-1, BG-2).",
    )
    samenwijs_location_id = fields.Many2one(
        "hr.department",
        string="Location",
        related="department_id",
        store=True,
        index="btree_not_null",
        groups="hr.group_hr_user,samenwijs_stage.group_manager",
        help="The employee's department, readable by the internship roles "
        "that have no HR rights.",
    )
    werkbegeleider_since = fields.Date(
        string="Werkbegeleider since",
        tracking=True,
        groups="hr.group_hr_user,samenwijs_stage.group_manager",
        help="Start of the werkbegeleider role. A werkbegeleider commits to "
        "the role for at least two years (WB-4).",
    )
    werkbegeleider_training = fields.Selection(
        [("none", "Not followed"), ("planned", "Planned"), ("followed", "Followed")],
        string="Training basisvaardigheden werkbegeleider",
        default="none",
        required=True,
        tracking=True,
        groups="hr.group_hr_user,samenwijs_stage.group_manager",
        help="The internal training “basisvaardigheden werkbegeleider” (WB-2).",
    )
    intervision_session_ids = fields.Many2many(
        "samenwijs.intervision.session",
        "samenwijs_intervision_session_attendee_rel",
        "employee_id",
        "session_id",
        string="Intervision sessions",
        # Not for HR officers: they have no access to intervision sessions,
        # and the field on their employee form would refuse to load.
        groups="samenwijs_stage.group_manager",
    )
    werkbegeleider_eligible = fields.Boolean(
        string="Eligible as werkbegeleider",
        compute="_compute_werkbegeleider_eligible",
        search="_search_werkbegeleider_eligible",
        groups="hr.group_hr_user,samenwijs_stage.group_manager",
        help="Permanent contract and two years of service (WB-1), training "
        "followed or planned (WB-2) and two intervision evenings this "
        "calendar year (WB-3).",
    )
    werkbegeleider_unmet_reasons = fields.Text(
        string="Why not eligible",
        compute="_compute_werkbegeleider_eligible",
        groups="hr.group_hr_user,samenwijs_stage.group_manager",
    )
    werkbegeleider_intervision_count = fields.Integer(
        string="Intervision evenings this year",
        compute="_compute_werkbegeleider_eligible",
        groups="hr.group_hr_user,samenwijs_stage.group_manager",
    )
    werkbegeleider_eligibility_readable = fields.Boolean(
        string="Eligibility readable",
        compute="_compute_werkbegeleider_eligibility_readable",
        search="_search_werkbegeleider_eligibility_readable",
        groups="hr.group_hr_user,samenwijs_stage.group_manager",
        help="You may read this employee's eligibility as werkbegeleider: HR, "
        "the praktijkopleider of the employee's region and the managers of "
        "the employee's location may.",
    )
    werkbegeleider_commitment_end = fields.Date(
        string="Committed until",
        compute="_compute_werkbegeleider_commitment_end",
        groups="hr.group_hr_user,samenwijs_stage.group_manager",
        help="Two years after the start of the role (WB-4).",
    )
    supervised_internship_ids = fields.One2many(
        "samenwijs.internship",
        "werkbegeleider_id",
        string="Supervised internships",
        # Not for HR officers either: they have no access to internships.
        groups="samenwijs_stage.group_manager",
    )
    internship_ids = fields.One2many(
        "samenwijs.internship",
        "employee_id",
        string="Internships",
        groups="samenwijs_stage.group_manager",
    )

    @api.depends("employee_type")
    def _compute_is_intern(self):
        for employee in self:
            employee.is_intern = employee.employee_type in ("trainee", "student")

    @api.depends(
        "is_werkbegeleider",
        "werkbegeleider_training",
        "intervision_session_ids.date",
        "intervision_session_ids.state",
        "version_ids.contract_type_id",
        "version_ids.contract_date_start",
        "version_ids.contract_date_end",
        "department_id.praktijkopleider_id",
        "department_id.samenwijs_manager_user_ids",
    )
    # The reasons are written in the user's language, dates in its format;
    # who may read them, and in how much detail, depends on the user.
    @api.depends_context("lang", "uid")
    def _compute_werkbegeleider_eligible(self):
        eligibility = self._werkbegeleider_eligibility()
        for employee in self:
            # Employees whose eligibility the user may not read show nothing.
            count, reasons = eligibility.get(employee.id, (0, None))
            employee.werkbegeleider_intervision_count = count
            employee.werkbegeleider_eligible = reasons == []
            employee.werkbegeleider_unmet_reasons = "\n".join(reasons or []) or False

    @api.depends(
        "department_id.praktijkopleider_id",
        "department_id.samenwijs_manager_user_ids",
    )
    @api.depends_context("uid")
    def _compute_werkbegeleider_eligibility_readable(self):
        readable = self._werkbegeleider_eligibility_readers()
        for employee in self:
            employee.werkbegeleider_eligibility_readable = employee in readable

    def _search_werkbegeleider_eligibility_readable(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        domain = self._werkbegeleider_eligibility_domain()
        # sudo: the departments' praktijkopleider and managers decide; the
        # subquery returns employee ids only.
        readable = [("id", "in", self.sudo()._search(domain))] if domain else []
        if (operator == "=") == bool(value):
            return readable or [("id", "!=", False)]
        return ["!", *readable] if readable else [("id", "=", False)]

    def _werkbegeleider_eligibility_domain(self):
        """The employees whose eligibility the current user may read, as a
        domain on hr.employee to evaluate as superuser; ``None`` for every
        employee (WB-1..WB-3).

        The eligibility is derived from contracts (HR data): HR officers and
        internship administrators read it for every employee, a praktijkopleider
        for the employees of their region, a location manager for those of
        their locations.
        """
        user = self.env.user
        if (
            self.env.su
            or user.has_group("hr.group_hr_user")
            or user.has_group("samenwijs_stage.group_admin")
        ):
            return None
        return [
            "|",
            ("department_id.praktijkopleider_id.user_id", "=", user.id),
            ("department_id.samenwijs_manager_user_ids", "in", user.ids),
        ]

    def _werkbegeleider_eligibility_readers(self):
        """The employees of ``self`` whose eligibility the current user may
        read (see ``_werkbegeleider_eligibility_domain``)."""
        domain = self._werkbegeleider_eligibility_domain()
        if domain is None:
            return self
        # sudo: the department, its praktijkopleider and its managers only
        # decide whose eligibility the user reads; none of it leaves here.
        # The stored employee decides, also for the form's draft of it.
        readable = set(self._origin.sudo().filtered_domain(domain).ids)
        return self.filtered(lambda e: e._origin.id in readable)

    def _werkbegeleider_eligibility(self):
        """Eligibility of these employees as the current user may know it.

        :return: ``{employee id: (intervision evenings this year, reasons)}``
            for the employees whose eligibility the user may read (see
            ``_werkbegeleider_eligibility_readers``); no reasons means
            eligible. Only HR officers read the contract start date itself;
            the others read which rule is not met.
        """
        readable = self._werkbegeleider_eligibility_readers()
        if not readable:
            return {}
        hr_detail = self.env.user.has_group("hr.group_hr_user")
        today = fields.Date.context_today(self)
        year_start = today.replace(month=1, day=1)
        counts = readable._intervision_counts(
            year_start, year_start.replace(year=today.year + 1)
        )
        permanent = self.env.ref("hr.contract_type_permanent", raise_if_not_found=False)
        service_limit = today - relativedelta(years=WERKBEGELEIDER_MIN_YEARS)
        result = {}
        # sudo: contract type and dates live on hr.version (HR managers
        # only). Safe because only the employees whose eligibility the user
        # may read get here (see above), and they read which rule is not met;
        # only HR officers read the date itself.
        for employee in readable.sudo():
            reasons = []
            version = employee.version_id
            if not permanent or version.contract_type_id != permanent:
                reasons.append(self.env._("No permanent contract (WB-1)."))
            starts = [
                v.contract_date_start
                for v in employee.version_ids
                if v.contract_date_start
            ]
            in_service_since = min(starts) if starts else False
            if not hr_detail and (
                not in_service_since or in_service_since > service_limit
            ):
                reasons.append(self.env._("Less than 2 years of service (WB-1)."))
            elif not in_service_since:
                reasons.append(self.env._("No contract start date known (WB-1)."))
            elif in_service_since > service_limit:
                reasons.append(
                    self.env._(
                        "Less than 2 years of work experience: in service since "
                        "%(date)s (WB-1).",
                        date=format_date(self.env, in_service_since),
                    )
                )
            if employee.werkbegeleider_training == "none":
                reasons.append(
                    self.env._(
                        "Training “basisvaardigheden werkbegeleider” neither "
                        "followed nor planned (WB-2)."
                    )
                )
            count = counts.get(employee.id, 0)
            if count < INTERVISION_EVENINGS_PER_YEAR:
                reasons.append(
                    self.env._(
                        "%(count)s of %(needed)s intervision evenings in %(year)s (WB-3).",
                        count=count,
                        needed=INTERVISION_EVENINGS_PER_YEAR,
                        year=today.year,
                    )
                )
            if not employee.is_werkbegeleider:
                reasons.insert(0, self.env._("Not a werkbegeleider."))
            result[employee.id] = (count, reasons)
        return result

    def _intervision_counts(self, date_from, date_to):
        """Intervision sessions attended or registered for, per employee (WB-3)."""
        if not self.ids:
            return {}
        # sudo: a location manager may not read the sessions of another
        # region. Safe because only the counts per employee leave this method,
        # and its caller, the eligibility compute, runs only for the roles in
        # the groups= of the eligibility fields (checked by the ORM).
        groups = (
            self.env["samenwijs.intervision.session"]
            .sudo()
            ._read_group(
                [
                    ("attendee_ids", "in", self.ids),
                    ("state", "!=", "cancelled"),
                    ("date", ">=", date_from),
                    ("date", "<", date_to),
                ],
                ["attendee_ids"],
                ["__count"],
            )
        )
        return {employee.id: count for employee, count in groups}

    def _search_werkbegeleider_eligible(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            return NotImplemented
        # A search on a computed field skips its groups=: check them here.
        self._check_field_access(self._fields["werkbegeleider_eligible"], "read")
        # sudo: the eligibility needs contracts and intervision sessions the
        # user may not read. Safe after the check above: the user may read
        # the eligibility, and the search finds only employees whose
        # eligibility the user may read, whichever way it asks; the search
        # itself still applies the user's record rules.
        wanted = {
            "=": {bool(value)},
            "!=": {not value},
            "in": {bool(v) for v in value} if operator == "in" else set(),
            "not in": {True, False} - {bool(v) for v in value}
            if operator == "not in"
            else set(),
        }[operator]
        if not wanted:
            return [("id", "=", False)]
        readable = [("werkbegeleider_eligibility_readable", "=", True)]
        if wanted == {True, False}:
            return readable
        candidates = self.sudo().search([("is_werkbegeleider", "=", True)])
        eligible = candidates.filtered("werkbegeleider_eligible")
        return [
            "&",
            ("id", "in" if True in wanted else "not in", eligible.ids),
            *readable,
        ]

    @api.depends("werkbegeleider_since")
    def _compute_werkbegeleider_commitment_end(self):
        for employee in self:
            since = employee.werkbegeleider_since
            employee.werkbegeleider_commitment_end = since and since + relativedelta(
                years=WERKBEGELEIDER_MIN_YEARS
            )

    @api.onchange("is_werkbegeleider")
    def _onchange_is_werkbegeleider(self):
        if self.is_werkbegeleider and not self.werkbegeleider_since:
            self.werkbegeleider_since = fields.Date.context_today(self)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _read_format(self, fnames, load="_classic_read"):
        if ELIGIBILITY_FIELDS.intersection(fnames):
            hidden = self - self._werkbegeleider_eligibility_readers()
            if hidden:
                raise AccessError(
                    self.env._(
                        "You cannot read whether %(names)s can be werkbegeleider: "
                        "it follows from HR data that only HR, the "
                        "praktijkopleider of the employee's region and the "
                        "managers of the employee's location read.",
                        # sudo: the names of employees the user reads anyway.
                        names=", ".join(hidden.sudo().mapped("name")),
                    )
                )
        return super()._read_format(fnames, load=load)

    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        employees._sync_internship_role_groups()
        return employees

    def write(self, vals):
        employees = self
        if not self._has_full_employee_rights():
            self._check_internship_role_write(vals)
            # sudo: the user's right to these employees and to each field was
            # checked just above. The write itself runs as superuser because
            # it prepares the chatter tracking of every tracked field, and
            # some of them are computed from fields only HR officers read (the
            # employee's version; with hr_homeworking, today's exceptional
            # work location).
            employees = self.sudo()
        if vals.get("is_werkbegeleider") is False:
            employees._check_werkbegeleider_release()
        if vals.get("is_werkbegeleider"):
            vals.setdefault("werkbegeleider_since", fields.Date.context_today(self))
        old_users = employees.user_id
        res = super(HrEmployee, employees).write(vals)
        if {"is_werkbegeleider", "is_praktijkopleider", "user_id"} & vals.keys():
            (employees | old_users.employee_ids)._sync_internship_role_groups(old_users)
        return res

    def _has_full_employee_rights(self):
        """HR officers keep what the employee form gives them; superuser
        code too."""
        return self.env.su or self.env.user.has_group("hr.group_hr_user")

    def _check_internship_role_write(self, vals):
        """Deny by default: without HR rights, the werkbegeleider data only
        (WB-1..WB-4, BG-1..BG-3), of the employees of the user's region for a
        praktijkopleider; an internship administrator also appoints
        praktijkopleiders (PO-1)."""
        allowed = set(PRAKTIJKOPLEIDER_WRITABLE_FIELDS)
        if self.env.user.has_group("samenwijs_stage.group_admin"):
            allowed.add("is_praktijkopleider")
        elif "is_praktijkopleider" in vals:
            # A praktijkopleider may not hand out their own role.
            raise AccessError(
                self.env._(
                    "Only an internship administrator or HR officer can appoint a "
                    "praktijkopleider."
                )
            )
        blocked = vals.keys() - allowed
        if blocked:
            labels = sorted(
                self._fields[name].get_description(self.env)["string"]
                if name in self._fields
                else name
                for name in blocked
            )
            raise AccessError(
                self.env._(
                    "You cannot change %(fields)s of an employee: the internship "
                    "roles keep only the werkbegeleider data, HR keeps the rest.",
                    fields=", ".join(labels),
                )
            )
        # Access rights, the record rules (a praktijkopleider: the employees
        # of their region) and the groups= of each field.
        self.check_access("write")
        for name in vals:
            self._check_field_access(self._fields[name], "write")

    def _check_werkbegeleider_release(self):
        """WB-4: a werkbegeleider commits to the role for two years."""
        if self.env.context.get("samenwijs_werkbegeleider_release_override"):
            return
        today = fields.Date.context_today(self)
        early = self.filtered(
            lambda e: e.is_werkbegeleider
            and e.werkbegeleider_commitment_end
            and e.werkbegeleider_commitment_end > today
        )
        if early:
            raise UserError(
                self.env._(
                    "%(names)s committed to the werkbegeleider role for two years "
                    "(WB-4), until %(date)s. A praktijkopleider can release them "
                    "earlier with “Release from role”, which is recorded.",
                    names=", ".join(early.mapped("name")),
                    date=format_date(
                        self.env, min(early.mapped("werkbegeleider_commitment_end"))
                    ),
                )
            )

    def _sync_internship_role_groups(self, extra_users=None):
        """Give users the groups of the roles of their employees, and take
        them away when no employee of theirs has the role any more.

        Called after create() and write() have passed the acting user's access
        checks (access rights, record rules, the groups= of the role flags,
        and write()'s own check on who appoints a praktijkopleider): the sudo()
        calls below only carry out that permitted role change on the users'
        groups, which the acting user may not write themselves.
        """
        # sudo: the linked users and their other employees (other companies)
        # are read to decide their groups; see the docstring for why it is safe.
        users = self.sudo().user_id | (extra_users or self.env["res.users"])
        for field, xmlid in ROLE_GROUPS.items():
            group = self.env.ref(xmlid)
            # sudo: role flags are read to manage the user's groups; the
            # role change itself passed the access checks of write().
            with_role = users.filtered(
                lambda u, field=field: any(u.sudo().employee_ids.mapped(field))
            )
            without_role = users - with_role
            # sudo: only this role's group is linked or unlinked, as the
            # permitted role change requires.
            (with_role - group.all_user_ids).sudo().write(
                {"group_ids": [fields.Command.link(group.id)]}
            )
            (without_role & group.user_ids).sudo().write(
                {"group_ids": [fields.Command.unlink(group.id)]}
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_release_werkbegeleider(self):
        """WB-4: the praktijkopleider releases a werkbegeleider before the
        two years are over; the override is recorded in the chatter."""
        if not self.env.user.has_group("samenwijs_stage.group_praktijkopleider"):
            raise AccessError(
                self.env._("Only a praktijkopleider can release a werkbegeleider.")
            )
        for employee in self.filtered("is_werkbegeleider"):
            early = (
                employee.werkbegeleider_commitment_end
                and employee.werkbegeleider_commitment_end
                > fields.Date.context_today(self)
            )
            employee.with_context(
                samenwijs_werkbegeleider_release_override=True
            ).is_werkbegeleider = False
            body = (
                self.env._(
                    "Released from the werkbegeleider role before the two-year "
                    "commitment ended (%(date)s) by %(user)s (WB-4 override).",
                    date=format_date(self.env, employee.werkbegeleider_commitment_end),
                    user=self.env.user.name,
                )
                if early
                else self.env._(
                    "Released from the werkbegeleider role by %(user)s.",
                    user=self.env.user.name,
                )
            )
            employee.message_post(body=body)
        return True
