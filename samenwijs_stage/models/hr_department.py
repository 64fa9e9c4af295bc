from odoo import api, fields, models


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
    # Only for the roles that may read internships: without groups, reading a
    # department would fail for every other user.
    internship_ids = fields.One2many(
        "samenwijs.internship",
        "department_id",
        string="Internships",
        groups="samenwijs_stage.group_intern,samenwijs_stage.group_payroll",
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

    def write(self, vals):
        res = super().write(vals)
        if {"manager_id", "parent_id"} & vals.keys():
            # The location managers' record rules read the departments they
            # manage (res.users.samenwijs_managed_department_ids): cached rule
            # domains must be rebuilt.
            self.env.registry.clear_cache()
        return res
