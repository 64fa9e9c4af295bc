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
    )
    # The reasons are written in the user's language, dates in its format.
    @api.depends_context("lang")
    def _compute_werkbegeleider_eligible(self):
        today = fields.Date.context_today(self)
        year_start = today.replace(month=1, day=1)
        counts = self._intervision_counts(
            year_start, year_start.replace(year=today.year + 1)
        )
        permanent = self.env.ref("hr.contract_type_permanent", raise_if_not_found=False)
        service_limit = today - relativedelta(years=WERKBEGELEIDER_MIN_YEARS)
        # sudo: contract type and dates live on hr.version (HR managers
        # only). Safe because the fields computed here carry groups=, which
        # the ORM checks before it computes them for a user: only HR officers
        # and the internship roles from location manager up get here, and they
        # see the derived eligibility and the reasons, not the contracts.
        for employee, employee_sudo in zip(self, self.sudo(), strict=False):
            reasons = []
            version = employee_sudo.version_id
            if not permanent or version.contract_type_id != permanent:
                reasons.append(self.env._("No permanent contract (WB-1)."))
            starts = [
                v.contract_date_start
                for v in employee_sudo.version_ids
                if v.contract_date_start
            ]
            in_service_since = min(starts) if starts else False
            if not in_service_since:
                reasons.append(self.env._("No contract start date known (WB-1)."))
            elif in_service_since > service_limit:
                reasons.append(
                    self.env._(
                        "Less than 2 years of work experience: in service since "
                        "%(date)s (WB-1).",
                        date=format_date(self.env, in_service_since),
                    )
                )
            if employee_sudo.werkbegeleider_training == "none":
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
            if not employee_sudo.is_werkbegeleider:
                reasons.insert(0, self.env._("Not a werkbegeleider."))
            employee.werkbegeleider_intervision_count = count
            employee.werkbegeleider_eligible = not reasons
            employee.werkbegeleider_unmet_reasons = "\n".join(reasons) or False

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
        # the eligibility, and only the ids of eligible employees are returned
        # (the search itself still applies the user's record rules).
        candidates = self.sudo().search([("is_werkbegeleider", "=", True)])
        eligible = candidates.filtered("werkbegeleider_eligible")
        positive = {"=": value, "!=": not value}.get(operator)
        if positive is None:
            positive = True in value if operator == "in" else True not in value
        return [("id", "in" if positive else "not in", eligible.ids)]

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
    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        employees._sync_internship_role_groups()
        return employees

    def write(self, vals):
        if "is_praktijkopleider" in vals and not (
            self.env.su
            or self.env.user.has_group("samenwijs_stage.group_admin")
            or self.env.user.has_group("hr.group_hr_user")
        ):
            # A praktijkopleider may not hand out their own role.
            raise AccessError(
                self.env._(
                    "Only an internship administrator or HR officer can appoint a "
                    "praktijkopleider."
                )
            )
        if vals.get("is_werkbegeleider") is False:
            self._check_werkbegeleider_release()
        if vals.get("is_werkbegeleider"):
            vals.setdefault("werkbegeleider_since", fields.Date.context_today(self))
        old_users = self.user_id
        res = super().write(vals)
        if {"is_werkbegeleider", "is_praktijkopleider", "user_id"} & vals.keys():
            (self | old_users.employee_ids)._sync_internship_role_groups(old_users)
        return res

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
