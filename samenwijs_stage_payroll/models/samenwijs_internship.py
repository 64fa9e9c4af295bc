from odoo import api, fields, models
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
        compute="_compute_payroll_version_id",
        compute_sudo=True,
        string="Payroll contract",
        groups="hr.group_hr_user,payroll.group_payroll_user",
        help="The intern's contract (employee version) through which payroll "
        "pays the allowance: prepared when the internship is placed, in force "
        "from the start, ended on the last allowance day. Kept on payroll's "
        "allowance record.",
    )

    @api.depends("allowance_ids.payroll_version_id")
    def _compute_payroll_version_id(self):
        # One read of the allowances for the batch: the slice below would
        # read them one internship at a time.
        self.allowance_ids.fetch(["payroll_version_id"])
        for internship in self:
            internship.payroll_version_id = internship.allowance_ids[
                :1
            ].payroll_version_id

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

    @api.model
    def _payroll_version_values(self):
        """What every intern's version carries besides the wage."""
        return {
            "contract_type_id": self.env.ref("hr.contract_type_intern").id,
            "struct_id": self.env.ref(
                "samenwijs_stage_payroll.hr_payroll_structure_stagiair"
            ).id,
            "schedule_pay": "monthly",
        }

    def _prepare_payroll_version(self):
        """Placing prepares the intern's version with the internship
        contract type, the allowance as wage and the structure Stagiair; it
        becomes a contract from the start date when the internship starts.
        Internships with the same allowance share one write."""
        # sudo: the praktijkopleider places the intern; the version is HR
        # data prepared on their behalf, from the internship's own values.
        internships = self.sudo().filtered(
            lambda i: i.allowance_state == "active" and i.date_start and i.allowance_id
        )
        internships.filtered(lambda i: not i.payroll_version_id)._link_payroll_version()
        values = self._payroll_version_values()
        for amount, group in internships.grouped("allowance_amount").items():
            group.payroll_version_id.write({**values, "wage": amount})

    def _link_payroll_version(self):
        """Link each internship to the intern's version that will carry the
        allowance: the version of the start date; else the intern's only
        version while it is not a contract and carries no other internship
        (it moves to the start date when it becomes the contract); else a
        new version from the start date, copied from the version valid then
        as ``hr.employee.create_version`` makes it (which needs HR rights
        the praktijkopleider does not have). The link is kept on the
        allowance record. Called on sudo records, see
        _prepare_payroll_version."""
        versions = self.employee_id.version_ids
        taken = set(
            self.env["samenwijs.allowance"]
            .sudo()
            .search([("payroll_version_id", "in", versions.ids)])
            .payroll_version_id.ids
        )
        to_copy = {}
        for internship in self:
            employee = internship.employee_id
            start = internship.date_start
            version = employee.version_ids.filtered(
                lambda v, start=start: v.date_version == start
            )[:1]
            if not version:
                only = employee.version_ids
                if (
                    len(only) == 1
                    and not only.contract_date_start
                    and only.id not in taken
                ):
                    version = only
            if version:
                internship.allowance_id.payroll_version_id = version
                taken.add(version.id)
            else:
                to_copy.setdefault((employee, start), self.browse())
                to_copy[employee, start] |= internship
        if not to_copy:
            return
        bases = {key: key[0]._get_version(key[1]) for key in to_copy}
        base_versions = self.env["hr.version"].union(*bases.values())
        copied = dict(zip(base_versions.ids, base_versions.copy_data(), strict=True))
        new_versions = self.env["hr.version"].create(
            [
                {
                    **copied[bases[key].id],
                    "date_version": key[1],
                    "contract_date_start": False,
                    "contract_date_end": False,
                }
                for key in to_copy
            ]
        )
        for internships, version in zip(to_copy.values(), new_versions, strict=True):
            internships.allowance_id.payroll_version_id = version

    def _activate_payroll_version(self):
        """Starting makes the version a contract from the start date until
        the planned end date."""
        # sudo: see _prepare_payroll_version.
        internships = self.sudo().filtered(
            lambda i: i.payroll_version_id
            and not i.payroll_version_id.contract_date_start
        )
        for (start, end), group in internships.grouped(
            lambda i: (i.date_start, i.date_end)
        ).items():
            group.payroll_version_id.write(
                {"contract_date_start": start, "contract_date_end": end}
            )

    def _end_payroll_version(self):
        """PO-9: the contract ends on the last allowance day, so that no
        payslip after it pays the allowance."""
        # sudo: payroll confirms the stop or the praktijkopleider terminates;
        # the contract end follows the internship's last allowance day.
        internships = self.sudo().filtered(
            lambda i: i.payroll_version_id.contract_date_start
            and i.allowance_stop_date
            and i.payroll_version_id.contract_date_end != i.allowance_stop_date
        )
        if not internships:
            return
        # One write per last allowance day; contracts of one intern that
        # start on different days cannot be ended in one write.
        for (stop, __), group in internships.grouped(
            lambda i: (i.allowance_stop_date, i.payroll_version_id.contract_date_start)
        ).items():
            group.payroll_version_id.write({"contract_date_end": stop})
        # Told on payroll's allowance record: the internship's chatter is
        # read by roles that do not see the allowance.
        with_allowance = internships.filtered("allowance_id")
        with_allowance.allowance_id._message_log_batch(
            {
                internship.allowance_id.id: self.env._(
                    "The payroll contract of %(intern)s ends on %(date)s.",
                    intern=internship.employee_id.name,
                    date=format_date(self.env, internship.allowance_stop_date),
                )
                for internship in with_allowance
            },
            message_type="comment",
        )

    def _sync_payroll_wage(self):
        """A changed allowance is the new wage of a contract still running."""
        # sudo: see _prepare_payroll_version.
        internships = self.sudo().filtered(
            lambda i: i.payroll_version_id
            and i.allowance_state == "active"
            and i.payroll_version_id.currency_id.compare_amounts(
                i.payroll_version_id.wage, i.allowance_amount
            )
        )
        for amount, group in internships.grouped("allowance_amount").items():
            group.payroll_version_id.write({"wage": amount})
