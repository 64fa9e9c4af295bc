from odoo import api, fields, models

from .value_checks import check_values


class ResCompany(models.Model):
    _inherit = "res.company"

    samenwijs_payroll_user_id = fields.Many2one(
        "res.users",
        string="Internship payroll contact",
        domain="[('share', '=', False)]",
        help="Receives the 'Stop internship allowance' tasks (PO-9). Empty: "
        "every member of the Payroll administration group of Internships.",
    )
    # WT-1: which hours count as an early and as a late shift.
    samenwijs_early_shift_before = fields.Float(
        string="Early shift starts before",
        default=8.0,
        help="An hour line that starts before this time is an early shift "
        "(opening the day, WT-1).",
    )
    samenwijs_late_shift_after = fields.Float(
        string="Late shift ends after",
        default=17.5,
        help="An hour line that ends after this time is a late shift "
        "(closing the day, WT-1).",
    )
    # SK-1, SK-2: reporting sick.
    samenwijs_sick_report_before = fields.Float(
        string="Report sick before",
        default=9.0,
        help="A sick report for the same day made after this time is marked "
        "late (SK-1).",
    )
    samenwijs_sick_often_count = fields.Integer(
        string="Sick often: reports",
        default=3,
        help="This many sick reports within the period below make the "
        "praktijkopleider consider contacting the school (SK-2).",
    )
    samenwijs_sick_often_months = fields.Integer(
        string="Sick often: period in months",
        default=3,
    )
    samenwijs_sick_long_days = fields.Integer(
        string="Sick long: working days",
        default=5,
        help="Sickness of more than this many working days in a row makes the "
        "praktijkopleider consider contacting the school (SK-2).",
    )

    # The learning process (issue of evaluations and assignments).
    samenwijs_conversation_escalation_days = fields.Integer(
        string="Escalate missing conversations after",
        default=7,
        help="Days after the 14 days of WB-P1 without a held conversation "
        "before the praktijkopleider gets a task too.",
    )
    samenwijs_bestuurder_user_id = fields.Many2one(
        "res.users",
        string="Bestuurder",
        domain="[('share', '=', False)]",
        help="Approves or declines a 0-hours contract after a positive "
        "competence scan (WB-P6).",
    )
    samenwijs_upload_max_mb = fields.Integer(
        string="Largest upload (MB)",
        default=10,
        help="The largest document or image an intern can hand in with an assignment.",
    )

    # The staffing limit of the CAO Kinderopvang (capacity of issue 11).
    samenwijs_intern_staff_share = fields.Integer(
        string="Interns at most (% of professionals)",
        default=33,
        help="The internship places with care tasks of a location in a school "
        "year above this share of its professionals make the places show a "
        "warning: the CAO Kinderopvang counts at most one third of the "
        "deployed professionals as interns.",
    )

    @api.model
    def _samenwijs_value_bounds(self):
        return {
            "samenwijs_intern_staff_share": (0, 100),
            "samenwijs_conversation_escalation_days": (0, 365),
            "samenwijs_upload_max_mb": (1, 100),
            "samenwijs_early_shift_before": (0.0, 24.0),
            "samenwijs_late_shift_after": (0.0, 24.0),
            "samenwijs_sick_report_before": (0.0, 24.0),
            "samenwijs_sick_often_count": (1, 100),
            "samenwijs_sick_often_months": (1, 24),
            "samenwijs_sick_long_days": (1, 365),
        }

    @api.constrains(
        "samenwijs_early_shift_before",
        "samenwijs_late_shift_after",
        "samenwijs_sick_report_before",
        "samenwijs_sick_often_count",
        "samenwijs_sick_often_months",
        "samenwijs_sick_long_days",
        "samenwijs_conversation_escalation_days",
        "samenwijs_upload_max_mb",
        "samenwijs_intern_staff_share",
    )
    def _check_samenwijs_settings(self):
        bounds = self._samenwijs_value_bounds()
        for company in self:
            check_values(
                company,
                {name: company[name] for name in bounds},
                bounds,
            )
