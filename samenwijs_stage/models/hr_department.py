from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

# The department fields that the internship record rules and the computes
# behind them read to decide who sees what: the region's praktijkopleider, the
# location's managers, the structure of regions and locations, and the
# company. Every employee may write a department in Odoo; these stay with HR
# and the internship administrator. The one2many fields are listed too: their
# commands rewrite the parent or region of other departments.
RULE_FIELDS = frozenset(
    {
        "manager_id",
        "parent_id",
        "child_ids",
        "parent_path",
        "praktijkopleider_own_id",
        "praktijkopleider_id",
        "region_id",
        "samenwijs_region_department_ids",
        "samenwijs_manager_user_ids",
        "company_id",
        "active",
    }
)
# LV-1: the school-holiday region decides which hours are holiday work and
# so the compensation hours of the interns: HR and the internship
# administrator set it, like the fields above.
HR_ONLY_FIELDS = RULE_FIELDS | {"school_region", "school_region_used"}
SCHOOL_REGIONS = [("noord", "Noord"), ("midden", "Midden"), ("zuid", "Zuid")]


class ComputedMany2many(fields.Many2many):
    """A stored computed many2many that a search computes first.

    A search on a column field computes the field's pending values before the
    query runs; a search on a many2many does not. The location managers'
    record rules search on such a field: without this, a change of manager
    would only apply once the transaction's pending computations are done.
    """

    def _condition_to_sql_relational(self, model, alias, exists, coquery, query):
        sql = super()._condition_to_sql_relational(model, alias, exists, coquery, query)
        return SQL("%s", sql, to_flush=self)


class HrDepartment(models.Model):
    _inherit = "hr.department"

    # PO-1: a praktijkopleider is responsible for the internships of a region.
    # A region is a department whose praktijkopleider is set on it; its child
    # departments (the locations) inherit that praktijkopleider.
    praktijkopleider_own_id = fields.Many2one(
        "hr.employee",
        string="Praktijkopleider (set here)",
        domain="[('is_praktijkopleider', '=', True)]",
        help="Set on a region; its locations inherit it unless set on them.",
    )
    praktijkopleider_id = fields.Many2one(
        "hr.employee",
        compute="_compute_praktijkopleider_id",
        inverse="_inverse_praktijkopleider_id",
        store=True,
        recursive=True,
        index="btree_not_null",
        domain="[('is_praktijkopleider', '=', True)]",
        help="The praktijkopleider responsible for the internships of this "
        "department. Inherited from the parent department unless set here.",
    )
    region_id = fields.Many2one(
        "hr.department",
        compute="_compute_region_id",
        store=True,
        recursive=True,
        index="btree_not_null",
        help="The nearest department (this one or a parent) that has its own "
        "praktijkopleider.",
    )
    # The location managers' record rules rest on this field: the users of
    # the pedagogisch managers of this department and of its parents. Stored,
    # so a change of manager or parent applies to the next access check.
    samenwijs_manager_user_ids = ComputedMany2many(
        "res.users",
        "hr_department_samenwijs_manager_user_rel",
        "department_id",
        "user_id",
        string="Location managers (users)",
        compute="_compute_samenwijs_manager_user_ids",
        store=True,
        recursive=True,
        groups="hr.group_hr_user,samenwijs_stage.group_admin",
        help="Users of the managers of this department and of its parent "
        "departments: they manage the internships of this location.",
    )
    # The departments of this region: the location managers' rule on
    # intervision sessions goes from a session's region to its locations.
    samenwijs_region_department_ids = fields.One2many(
        "hr.department",
        "region_id",
        string="Departments of the region",
        groups="hr.group_hr_user,samenwijs_stage.group_admin",
    )
    # Only for the roles that may read internships: without groups, reading a
    # department would fail for every other user.
    internship_ids = fields.One2many(
        "samenwijs.internship",
        "department_id",
        string="Internships",
        groups="samenwijs_stage.group_intern,samenwijs_stage.group_payroll",
    )

    # LV-1: set on a region; its locations use it.
    school_region = fields.Selection(
        SCHOOL_REGIONS,
        string="School-holiday region (set here)",
        help="The region of the Dutch school holidays (noord, midden, zuid) "
        "for this department and the locations under it (LV-1).",
    )
    school_region_used = fields.Selection(
        SCHOOL_REGIONS,
        string="School-holiday region",
        compute="_compute_school_region_used",
        store=True,
        recursive=True,
        help="Set here, else the one of the parent department (LV-1).",
    )

    @api.depends("school_region", "parent_id.school_region_used")
    def _compute_school_region_used(self):
        for department in self:
            department.school_region_used = (
                department.school_region or department.parent_id.school_region_used
            )

    @api.depends("praktijkopleider_own_id", "parent_id.praktijkopleider_id")
    def _compute_praktijkopleider_id(self):
        for department in self:
            department.praktijkopleider_id = (
                department.praktijkopleider_own_id
                or department.parent_id.praktijkopleider_id
            )

    def _inverse_praktijkopleider_id(self):
        for department in self:
            inherited = department.parent_id.praktijkopleider_id
            own = department.praktijkopleider_id
            department.praktijkopleider_own_id = own if own != inherited else False

    @api.depends("praktijkopleider_own_id", "parent_id.region_id")
    def _compute_region_id(self):
        for department in self:
            if department.praktijkopleider_own_id:
                department.region_id = department
            else:
                department.region_id = department.parent_id.region_id

    @api.depends("manager_id.user_id", "parent_id.samenwijs_manager_user_ids")
    def _compute_samenwijs_manager_user_ids(self):
        for department in self:
            department.samenwijs_manager_user_ids = (
                department.manager_id.user_id
                | department.parent_id.samenwijs_manager_user_ids
            )

    def write(self, vals):
        if "school_region_used" in vals and not self.env.su:
            raise AccessError(
                self.env._(
                    "The school-holiday region of a department follows from its "
                    "own or its parent's setting; set that instead."
                )
            )
        blocked = HR_ONLY_FIELDS & vals.keys()
        if blocked and not (
            self.env.su
            or self.env.user.has_group("hr.group_hr_user")
            or self.env.user.has_group("samenwijs_stage.group_admin")
        ):
            labels = sorted(
                self._fields[name].get_description(self.env)["string"]
                for name in blocked
            )
            raise AccessError(
                self.env._(
                    "You cannot change %(fields)s of a department: who sees which "
                    "internships follows from it, so only an HR officer or "
                    "internship administrator changes it.",
                    fields=", ".join(labels),
                )
            )
        return super().write(vals)

    def _update_employee_manager(self, manager_id):
        if self.env.su or self.env.user.has_group("hr.group_hr_user"):
            return super()._update_employee_manager(manager_id)
        # sudo: the employees of the department follow its new manager, as
        # Odoo does for HR officers. Only an internship administrator gets
        # here without HR rights: write() let them change the manager, but
        # they may not write those employees themselves.
        return super(HrDepartment, self.sudo())._update_employee_manager(manager_id)
