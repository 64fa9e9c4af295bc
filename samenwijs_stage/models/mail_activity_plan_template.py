from odoo import api, fields, models
from odoo.exceptions import ValidationError

INTERNSHIP_RESPONSIBLES = {
    "praktijkopleider",
    "werkbegeleider",
    "intern",
    "location_manager",
}


class MailActivityPlanTemplate(models.Model):
    _inherit = "mail.activity.plan.template"

    responsible_type = fields.Selection(
        selection_add=[
            ("praktijkopleider", "Praktijkopleider"),
            ("werkbegeleider", "Werkbegeleider"),
            ("intern", "Intern"),
            ("location_manager", "Location manager"),
        ],
        ondelete=dict.fromkeys(INTERNSHIP_RESPONSIBLES, "cascade"),
    )

    @api.constrains("plan_id", "responsible_type")
    def _check_responsible_internship(self):
        for template in self:
            if (
                template.responsible_type in INTERNSHIP_RESPONSIBLES
                and template.plan_id.res_model != "samenwijs.internship"
            ):
                raise ValidationError(
                    self.env._(
                        "The responsible types praktijkopleider, werkbegeleider, "
                        "intern and location manager can only be used in "
                        "internship plans."
                    )
                )

    def _determine_responsible(self, on_demand_responsible, applied_on_record):
        if (
            self.plan_id.res_model != "samenwijs.internship"
            or self.responsible_type not in INTERNSHIP_RESPONSIBLES
        ):
            return super()._determine_responsible(
                on_demand_responsible, applied_on_record
            )
        internship = applied_on_record
        employee = {
            "praktijkopleider": internship.praktijkopleider_id,
            "werkbegeleider": internship.werkbegeleider_id,
            "intern": internship.employee_id,
            "location_manager": internship.department_id.manager_id,
        }[self.responsible_type]
        # sudo: the user linked to an employee is needed to assign the task,
        # whatever the planner may read of that employee.
        responsible = employee.sudo().user_id
        error = False
        if not responsible:
            error = self.env._(
                "%(role)s of internship %(internship)s has no user to assign "
                "“%(summary)s” to.",
                role=dict(
                    self._fields["responsible_type"]._description_selection(self.env)
                )[self.responsible_type],
                internship=internship.display_name,
                summary=self.summary or self.activity_type_id.name,
            )
        return {"responsible": responsible, "error": error, "warning": False}
