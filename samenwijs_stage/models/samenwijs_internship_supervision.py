from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class SamenwijsInternship(models.Model):
    """Supervision: who may be the werkbegeleider of an internship (WB-1..3,
    BG-1..4), and what follows from the choice: the werkbegeleider coaches the
    intern and approves their time off (LV-2, SK-1)."""

    # One file per concern of the model, on purpose (see models/__init__.py).
    _inherit = "samenwijs.internship"  # pylint: disable=consider-merging-classes-inherited

    allowed_werkbegeleider_ids = fields.Many2many(
        "hr.employee",
        compute="_compute_allowed_werkbegeleider_ids",
        groups="samenwijs_stage.group_praktijkopleider",
        help="Eligible werkbegeleiders who fit this internship; only the "
        "praktijkopleider chooses among them.",
    )

    @api.depends(
        "internship_type_id.supervision_rule",
        "internship_type_id.study_years",
        "study_year",
        "department_id.parent_path",
    )
    def _compute_allowed_werkbegeleider_ids(self):
        # sudo: the eligibility of candidates is derived from contract data;
        # only the ids of allowed candidates are offered, to praktijkopleiders
        # (the field's groups).
        candidates = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("is_werkbegeleider", "=", True),
                    ("werkbegeleider_eligible", "=", True),
                    ("company_id", "in", self.company_id.ids),
                ]
            )
        )
        for internship in self:
            internship.allowed_werkbegeleider_ids = candidates.filtered(
                lambda e, i=internship: e.company_id == i.company_id
                and not i._werkbegeleider_fit_problems(e)
            ).sudo(False)

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    def _werkbegeleider_fit_problems(self, employee):
        """Why ``employee`` cannot supervise this internship (BG-1..BG-4)."""
        self.ensure_one()
        # sudo: function, education and department of the candidate decide
        # the fit; only the rule that is not met is said, not the data.
        employee = employee.sudo()
        problems = self._supervision_rule_problems(employee)
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

    def _supervision_rule_problems(self, employee):
        """BG-1..BG-3: the supervision rule of the internship type."""
        rule = self.internship_type_id.supervision_rule
        if rule == "pedagogisch_medewerker":
            if employee.childcare_function != "pedagogisch_medewerker":
                return [
                    self.env._(
                        "%(type)s interns are supervised by a pedagogisch "
                        "medewerker (BG-1).",
                        type=self.internship_type_id.name,
                    )
                ]
        elif rule == "gpm4":
            return self._gpm4_supervision_problems(employee)
        elif rule == "hbo":
            if self.study_year == 1 and employee.education_level not in ("mbo", "hbo"):
                return [
                    self.env._(
                        "First-year HBO interns are supervised by an employee with "
                        "an MBO or HBO background (BG-3)."
                    )
                ]
            if self.study_year > 1 and employee.education_level != "hbo":
                return [
                    self.env._(
                        "HBO interns from study year 2 on are supervised by an "
                        "employee with an HBO background (BG-3)."
                    )
                ]
        return []

    def _gpm4_supervision_problems(self, employee):
        """BG-2: a pedagogisch medewerker in the first years, a pedagogisch
        manager or specialist in the last study year."""
        function = employee.childcare_function
        last_year = self.study_year >= max(self.internship_type_id.study_years, 1)
        if last_year and function not in (
            "pedagogisch_manager",
            "pedagogisch_specialist",
        ):
            return [
                self.env._(
                    "In the last study year %(type)s interns are supervised by a "
                    "pedagogisch manager or specialist (BG-2).",
                    type=self.internship_type_id.name,
                )
            ]
        if not last_year and function != "pedagogisch_medewerker":
            functions = dict(
                employee._fields["childcare_function"]._description_selection(self.env)
            )
            return [
                self.env._(
                    "Before the last study year %(type)s interns are supervised "
                    "by a pedagogisch medewerker (BG-2); %(name)s is %(function)s.",
                    type=self.internship_type_id.name,
                    name=employee.name,
                    function=functions.get(function, self.env._("without function")),
                )
            ]
        return []

    def _werkbegeleider_eligibility_problems(self):
        """WB-1..WB-3: the chosen werkbegeleiders who are not eligible, with
        the reasons the current user may read."""
        problems = []
        for internship in self.filtered("werkbegeleider_id"):
            employee = internship.werkbegeleider_id
            # sudo: eligibility is derived from HR contract data; here only
            # whether the werkbegeleider is eligible.
            if employee.sudo().werkbegeleider_eligible:
                continue
            _count, reasons = employee._werkbegeleider_eligibility().get(
                employee.id, (0, None)
            )
            if reasons:
                problems.append(
                    self.env._(
                        "%(name)s cannot be werkbegeleider yet:\n%(reasons)s",
                        name=employee.name,
                        reasons="\n".join(reasons),
                    )
                )
            else:
                problems.append(
                    self.env._(
                        "%(name)s cannot be werkbegeleider yet (WB-1..WB-3).",
                        name=employee.name,
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

    @api.constrains("werkbegeleider_id", "state")
    def _check_werkbegeleider_while_placed(self):
        """BG-4: a placed or running intern has exactly one werkbegeleider."""
        for internship in self:
            if internship.state in ("placed", "running") and not (
                internship.werkbegeleider_id
            ):
                raise ValidationError(
                    self.env._(
                        "Internship %(name)s is %(state)s: it keeps exactly one "
                        "werkbegeleider (BG-4). Choose another werkbegeleider "
                        "instead of none.",
                        name=internship.display_name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[internship.state].lower(),
                    )
                )

    @api.constrains("werkbegeleider_id")
    def _check_werkbegeleider_eligible(self):
        """WB-1..WB-3, checked when a werkbegeleider is chosen."""
        problems = self._werkbegeleider_eligibility_problems()
        if problems:
            raise ValidationError("\n".join(problems))

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------
    def _place_problems(self):
        problems = super()._place_problems()
        for internship in self.filtered(lambda i: not i.werkbegeleider_id):
            problems.append(
                self.env._(
                    "Internship %(name)s cannot be placed without a werkbegeleider.",
                    name=internship.display_name,
                )
            )
        # WB-1..3 may have lapsed since the werkbegeleider was chosen.
        return problems + self._werkbegeleider_eligibility_problems()

    @api.model_create_multi
    def create(self, vals_list):
        internships = super().create(vals_list)
        internships._sync_supervision()
        internships._sync_intern_group()
        return internships

    def write(self, vals):
        res = super().write(vals)
        if "employee_id" in vals:
            self._sync_intern_group()
        if {"werkbegeleider_id", "employee_id"} & vals.keys():
            self._sync_supervision()
        return res

    def _sync_supervision(self):
        """The werkbegeleider coaches the intern and approves their time off
        (LV-2, SK-1)."""
        # sudo: coach and time-off approver are HR fields the praktijkopleider
        # may not read; they are compared here, and written below only for
        # interns the acting user may change (checked first).
        current = self.sudo().filtered(
            lambda i: i.werkbegeleider_id
            and i.state not in ("done", "rejected", "terminated")
        )
        changes = []
        for werkbegeleider, internships in current.grouped("werkbegeleider_id").items():
            interns = internships.employee_id.filtered(
                lambda e, w=werkbegeleider: e.coach_id != w
                or (w.user_id and e.leave_manager_id != w.user_id)
            )
            if interns:
                values = {"coach_id": werkbegeleider.id}
                if werkbegeleider.user_id:
                    values["leave_manager_id"] = werkbegeleider.user_id.id
                changes.append((interns, values))
        self._check_intern_rights(
            self.env["hr.employee"].union(*(interns for interns, _v in changes))
        )
        for interns, values in changes:
            interns.write(values)

    def _sync_intern_group(self):
        group = self.env.ref("samenwijs_stage.group_intern")
        # sudo: the interns' users are read to see who lacks the intern role;
        # they get it only when the acting user may change the intern (checked
        # first).
        interns = self.sudo().employee_id.filtered(
            lambda e: e.user_id and e.user_id not in group.all_user_ids
        )
        self._check_intern_rights(interns)
        interns.user_id.write({"group_ids": [fields.Command.link(group.id)]})

    def _check_intern_rights(self, interns):
        """The internship changes the intern's employee record and user
        (coach, time-off approver, intern role) only when the acting user may
        change that employee: a praktijkopleider the interns of their region,
        HR and the internship administrator every intern."""
        if self.env.su or not interns:
            return
        refused = interns - interns.with_env(self.env)._filtered_access("write")
        if refused:
            raise AccessError(
                self.env._(
                    "%(interns)s does not work at a location of your region: you "
                    "cannot make a werkbegeleider their coach and time-off "
                    "approver or give them access as intern. Ask HR or the "
                    "praktijkopleider of their region.",
                    interns=", ".join(refused.sudo().mapped("name")),
                )
            )
