from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

PRAKTIJKOPLEIDER = "samenwijs_stage.group_praktijkopleider"


class SamenwijsInternship(models.Model):
    """Absence: days off go through the Time Off app with the werkbegeleider
    as approver (LV-2, see the supervision concern); sickness is reported
    and followed here (SK-1, SK-2) with ``samenwijs.sick.report``.

    The counts are computed with the rights of the user: the location
    manager, who reads the internship but not the sick reports, sees none.
    """

    # One file per concern of the model, on purpose (see models/__init__.py).
    _inherit = "samenwijs.internship"  # pylint: disable=consider-merging-classes-inherited

    sick_report_count = fields.Integer(
        string="Sick reports",
        compute="_compute_sick_reports",
        help="Sick reports of the recent months (the company's period for "
        "'sick often', SK-2).",
    )
    is_sick = fields.Boolean(string="Sick now", compute="_compute_sick_reports")
    can_report_sick = fields.Boolean(compute="_compute_can_report_sick")
    can_report_recovery = fields.Boolean(compute="_compute_can_report_sick")
    can_view_sick_reports = fields.Boolean(compute="_compute_can_report_sick")

    @api.depends_context("uid")
    def _compute_sick_reports(self):
        Report = self.env["samenwijs.sick.report"]
        today = fields.Date.context_today(self)
        counts, sick = {}, set()
        if not Report.has_access("read"):
            self.sick_report_count = 0
            self.is_sick = False
            return
        for company, internships in self.grouped("company_id").items():
            since = today - relativedelta(months=company.samenwijs_sick_often_months)
            for internship, state, count in Report._read_group(
                [("internship_id", "in", internships.ids), ("date_from", ">=", since)],
                ["internship_id", "state"],
                ["__count"],
            ):
                counts[internship.id] = counts.get(internship.id, 0) + count
                if state == "sick":
                    sick.add(internship.id)
        # A sickness that started before the period is still "sick now".
        sick.update(
            Report.search(
                [("internship_id", "in", self.ids), ("state", "=", "sick")]
            ).internship_id.ids
        )
        for internship in self:
            internship.sick_report_count = counts.get(internship.id, 0)
            internship.is_sick = internship.id in sick

    @api.depends("state", "employee_id", "werkbegeleider_id")
    @api.depends_context("uid")
    def _compute_can_report_sick(self):
        Report = self.env["samenwijs.sick.report"]
        is_po = self.env.user.has_group(PRAKTIJKOPLEIDER)
        for internship in self:
            may_report = bool(internship.id) and Report._may_report(internship)
            internship.can_report_sick = (
                may_report and internship.state == "running" and not internship.is_sick
            )
            internship.can_report_recovery = may_report and internship.is_sick
            internship.can_view_sick_reports = bool(internship.id) and (
                may_report or is_po
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_report_sick(self):
        """SK-1: the intern, or the werkbegeleider for them, reports sick
        as of today; the werkbegeleider is informed at once."""
        self.ensure_one()
        self._check_exists()
        report = self.env["samenwijs.sick.report"]._report(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "samenwijs.sick.report",
            "res_id": report.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_report_recovery(self):
        """SK-1: report the recovery of the intern who is sick now."""
        self._check_exists()
        Report = self.env["samenwijs.sick.report"]
        Report._check_may_report(self)
        # sudo: the open report of internships the user may report for
        # (checked above).
        reports = Report.sudo().search(
            [("internship_id", "in", self.ids), ("state", "=", "sick")]
        )
        return reports.sudo(False).action_recover() if reports else True

    def action_view_sick_reports(self):
        """The sick reports of the intern, the recent months first."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "samenwijs_stage.samenwijs_sick_report_action"
        )
        action["domain"] = [("internship_id", "=", self.id)]
        action["context"] = {"search_default_recent": 1}
        return action
