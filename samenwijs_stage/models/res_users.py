from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    samenwijs_managed_department_ids = fields.Many2many(
        "hr.department",
        string="Managed locations",
        compute="_compute_samenwijs_managed_department_ids",
        help="Departments this user manages as pedagogisch manager, with their "
        "child departments. Used by the location managers' record rules.",
    )

    @api.depends("employee_ids")
    def _compute_samenwijs_managed_department_ids(self):
        Department = self.env["hr.department"].sudo()
        for user in self:
            # sudo: only department ids are read, to build the user's own
            # record-rule domain.
            managed = Department.search([("manager_id.user_id", "=", user.id)])
            user.samenwijs_managed_department_ids = (
                Department.search([("id", "child_of", managed.ids)])
                if managed
                else Department
            )
