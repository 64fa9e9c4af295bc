from odoo import api, fields, models

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class SamenwijsInternshipSchedule(models.Model):
    """One planned internship day in the weekly schedule: which location and
    how many hours. The location with the most hours is the main location
    (BG-4)."""

    _name = "samenwijs.internship.schedule"
    _description = "Planned internship day"
    _order = "internship_id, weekday, id"

    internship_id = fields.Many2one(
        "samenwijs.internship", required=True, ondelete="cascade", index=True
    )
    weekday = fields.Selection(WEEKDAYS, string="Day", required=True, default="0")
    department_id = fields.Many2one(
        "hr.department",
        string="Location",
        required=True,
    )
    hours = fields.Float(required=True, default=8.0)

    _hours_positive = models.Constraint(
        "CHECK (hours > 0 AND hours <= 24)",
        "Planned hours of a day must be more than 0 and at most 24.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        Internship = self.env["samenwijs.internship"]
        for vals in vals_list:
            if not vals.get("department_id") and vals.get("internship_id"):
                vals["department_id"] = Internship.browse(
                    vals["internship_id"]
                ).department_id.id
        internships = Internship.browse(
            {vals["internship_id"] for vals in vals_list if vals.get("internship_id")}
        )
        agreed = internships._allowance_agreed_amounts()
        lines = super().create(vals_list)
        lines.internship_id._check_werkbegeleider_fit()
        self._notify_allowance_raised(internships, agreed)
        return lines

    def write(self, vals):
        internships = self.internship_id
        agreed = internships._allowance_agreed_amounts()
        res = super().write(vals)
        if {"department_id", "hours", "internship_id"} & vals.keys():
            # BG-4: moving hours can change the main location.
            self.internship_id._check_werkbegeleider_fit()
        self._notify_allowance_raised(internships | self.internship_id, agreed)
        return res

    def unlink(self):
        internships = self.internship_id
        agreed = internships._allowance_agreed_amounts()
        res = super().unlink()
        internships = internships.exists()
        internships._check_werkbegeleider_fit()
        self._notify_allowance_raised(internships, agreed)
        return res

    @api.model
    def _notify_allowance_raised(self, internships, agreed):
        """AL-1: a schedule change that lifts the CAO minimum above the agreed
        allowance raises the allowance and says so on the internship (once:
        a change through the internship's own form is told there)."""
        if not self.env.context.get("samenwijs_allowance_notified"):
            internships._notify_allowance_raised(agreed)
