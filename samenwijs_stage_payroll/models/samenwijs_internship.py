from odoo import fields, models
from odoo.tools import format_date

# Fields whose change changes the monthly allowance, and so the wage.
ALLOWANCE_FIELDS = {
    "allowance_amount",
    "schedule_ids",
    "date_start",
    "internship_type_id",
}


class SamenwijsInternship(models.Model):
    _inherit = "samenwijs.internship"

    payroll_version_id = fields.Many2one(
        "hr.version",
        string="Payroll contract",
        copy=False,
        readonly=True,
        groups="hr.group_hr_user,payroll.group_payroll_user",
        help="The intern's contract (employee version) through which payroll "
        "pays the allowance: prepared when the internship is placed, in force "
        "from the start, ended on the last allowance day.",
    )

    def write(self, vals):
        res = super().write(vals)
        if ALLOWANCE_FIELDS & vals.keys():
            self._sync_payroll_wage()
        return res

    def action_place(self):
        res = super().action_place()
        self._prepare_payroll_version()
        return res

    def action_start(self):
        res = super().action_start()
        self._prepare_payroll_version()
        self._activate_payroll_version()
        return res

    def _terminate(self, date, reason, note=False):
        res = super()._terminate(date, reason, note)
        self.filtered(
            lambda i: i.company_id.samenwijs_allowance_end_on_termination
        )._end_payroll_version()
        return res

    def action_confirm_allowance_stop(self):
        res = super().action_confirm_allowance_stop()
        self._end_payroll_version()
        return res

    def _payroll_version_values(self):
        self.ensure_one()
        return {
            "contract_type_id": self.env.ref("hr.contract_type_intern").id,
            "wage": self.allowance_amount,
            "struct_id": self.env.ref(
                "samenwijs_stage_payroll.hr_payroll_structure_stagiair"
            ).id,
            "schedule_pay": "monthly",
        }

    def _prepare_payroll_version(self):
        """Placing prepares the intern's version from the start date, with
        the internship contract type, the allowance as wage and the
        structure Stagiair; it becomes a contract when the internship
        starts."""
        # sudo: the praktijkopleider places the intern; the version is HR
        # data prepared on their behalf, from the internship's own values.
        for internship in self.sudo():
            if internship.allowance_state != "active" or not internship.date_start:
                continue
            version = internship.payroll_version_id or internship._new_payroll_version()
            version.write(internship._payroll_version_values())
            if internship.payroll_version_id != version:
                internship.payroll_version_id = version

    def _new_payroll_version(self):
        """The intern's version from the start date: the one of that date,
        or a copy of the version valid then, as ``create_version`` makes it
        (which needs HR rights the praktijkopleider does not have)."""
        self.ensure_one()
        employee = self.employee_id
        version = employee.version_ids.filtered(
            lambda v: v.date_version == self.date_start
        )[:1]
        if version:
            return version
        return employee._get_version(self.date_start).copy(
            {
                "date_version": self.date_start,
                "contract_date_start": False,
                "contract_date_end": False,
            }
        )

    def _activate_payroll_version(self):
        """Starting makes the version a contract from the start date until
        the planned end date."""
        # sudo: see _prepare_payroll_version.
        for internship in self.sudo().filtered("payroll_version_id"):
            version = internship.payroll_version_id
            if version.contract_date_start:
                continue
            version.write(
                {
                    "contract_date_start": internship.date_start,
                    "contract_date_end": internship.date_end,
                }
            )

    def _end_payroll_version(self):
        """PO-9: the contract ends on the last allowance day, so that no
        payslip after it pays the allowance."""
        # sudo: payroll confirms the stop or the praktijkopleider terminates;
        # the contract end follows the internship's last allowance day.
        for internship in self.sudo():
            version = internship.payroll_version_id
            stop = internship.allowance_stop_date
            if not (version.contract_date_start and stop):
                continue
            if version.contract_date_end == stop:
                continue
            version.write({"contract_date_end": stop})
            internship.message_post(
                body=self.env._(
                    "The payroll contract of %(intern)s ends on %(date)s.",
                    intern=internship.employee_id.name,
                    date=format_date(self.env, stop),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _sync_payroll_wage(self):
        """A changed allowance is the new wage of a contract still running."""
        # sudo: see _prepare_payroll_version.
        for internship in self.sudo().filtered("payroll_version_id"):
            version = internship.payroll_version_id
            if internship.allowance_state != "active":
                continue
            if version.currency_id.compare_amounts(
                version.wage, internship.allowance_amount
            ):
                version.wage = internship.allowance_amount
