from datetime import date

from odoo import Command
from odoo.addons.samenwijs_stage.tests.common import SamenwijsCase
from odoo.tests import tagged

START = date(2025, 2, 3)  # a Monday
END = date(2025, 12, 19)
STOP = date(2025, 5, 16)
ALLOWANCE = 120.0  # Monday and Tuesday, 8 hours each (AL-1)


@tagged("post_install", "-at_install")
class TestPayrollVersion(SamenwijsCase):
    """AL-1, PO-9: which version of the intern carries the allowance, and
    how it follows the internship."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.intern_type = cls.env.ref("hr.contract_type_intern")
        cls.structure = cls.env.ref(
            "samenwijs_stage_payroll.hr_payroll_structure_stagiair"
        )
        cls.reason = cls.env.ref("samenwijs_stage.samenwijs_termination_reason_mutual")
        cls.stage = cls.create_internship(date_start=START, date_end=END).with_user(
            cls.user_po
        )

    def place(self, internships, user=None):
        internships = internships.with_user(user or self.user_po)
        internships.action_apply()
        internships.action_place()

    def place_and_start(self, internships, user=None):
        internships = internships.with_user(user or self.user_po)
        self.place(internships, internships.env.user)
        for internship in internships:
            self.complete_legal_checks(internship)
        internships.action_start()

    def test_al1_a_new_intern_s_only_version_becomes_the_contract(self):
        """An intern without a contract has one version: it carries the
        allowance and becomes the contract; no second version appears."""
        original = self.emp_intern.version_ids
        self.assertEqual(len(original), 1)
        self.place(self.stage)
        self.assertEqual(self.stage.sudo().payroll_version_id, original)
        self.assertEqual(original.wage, ALLOWANCE)
        self.complete_legal_checks(self.stage)
        self.stage.action_start()
        self.assertEqual(self.emp_intern.version_ids, original)
        self.assertEqual(original.date_version, START)
        self.assertEqual(original.contract_date_start, START)

    def test_al1_intern_with_an_earlier_contract_gets_a_version_from_the_start(self):
        """The version of an intern's earlier contract stays as it was: the
        allowance gets a version of its own from the start date, a copy of
        the version valid then."""
        calendar = self.env["resource.calendar"].create({"name": "Stage 16 uur"})
        noor = self.env["hr.employee"].create(
            {
                "name": "Noor de Wit",
                "department_id": self.linde.id,
                "employee_type": "trainee",
                "job_title": "Stagiair PW3",
                "resource_calendar_id": calendar.id,
                "date_version": date(2023, 9, 1),
                "contract_date_start": date(2023, 9, 1),
                "contract_date_end": date(2024, 6, 28),
                "wage": 200.0,
            }
        )
        earlier = noor.version_ids
        stage = self.create_internship(employee=noor, date_start=START, date_end=END)
        self.place(stage)
        version = stage.sudo().payroll_version_id
        self.assertEqual(noor.version_ids, earlier | version)
        self.assertNotEqual(version, earlier)
        self.assertEqual(version.date_version, START)
        self.assertFalse(version.contract_date_start)
        self.assertEqual(version.job_title, "Stagiair PW3")
        self.assertEqual(version.resource_calendar_id, calendar)
        self.assertEqual(version.department_id, self.linde)
        self.assertEqual(version.contract_type_id, self.intern_type)
        self.assertEqual(version.struct_id, self.structure)
        self.assertEqual(version.wage, ALLOWANCE)
        self.complete_legal_checks(stage.with_user(self.user_po))
        stage.with_user(self.user_po).action_start()
        self.assertEqual(version.contract_date_start, START)
        self.assertEqual(version.contract_date_end, END)
        self.assertEqual(earlier.wage, 200.0)
        self.assertEqual(earlier.contract_date_start, date(2023, 9, 1))
        self.assertEqual(earlier.contract_date_end, date(2024, 6, 28))

    def test_al1_two_internships_of_one_intern_placed_together(self):
        """Each internship gets a version of its own, also when placed in
        one go."""
        original = self.emp_intern.version_ids
        internships = self.internship | self.stage
        self.place(internships)
        versions = internships.sudo().payroll_version_id
        self.assertEqual(len(versions), 2)
        self.assertEqual(self.emp_intern.version_ids, versions)
        self.assertIn(original, versions)
        second = internships.sudo().filtered(lambda i: i.payroll_version_id != original)
        self.assertEqual(second.payroll_version_id.date_version, second.date_start)
        self.assertEqual(set(versions.mapped("wage")), {ALLOWANCE})

    def test_al1_a_changed_schedule_is_the_new_wage(self):
        self.place_and_start(self.stage)
        version = self.stage.sudo().payroll_version_id
        self.stage.write(
            {
                "schedule_ids": [
                    Command.create(
                        {"weekday": "2", "department_id": self.linde.id, "hours": 8}
                    )
                ]
            }
        )
        self.assertEqual(self.stage.allowance_amount, 180.0)
        self.assertEqual(version.wage, 180.0)

    def test_al1_internship_without_allowance_prepares_no_contract(self):
        stage = self.create_internship(
            itype=self.type_snuffel, date_start=START, date_end=date(2025, 2, 7)
        )
        version = self.emp_intern.version_ids
        self.place(stage)
        self.assertFalse(stage.sudo().payroll_version_id)
        self.assertNotEqual(version.contract_type_id, self.intern_type)
        self.assertFalse(version.struct_id)

    def test_po9_terminating_several_internships_ends_their_contracts(self):
        self.company.samenwijs_allowance_end_on_termination = True
        stage2 = self.create_internship(
            employee=self.emp_intern2,
            werkbegeleider=self.emp_wb2,
            location=self.anker,
            date_start=START,
            date_end=END,
        )
        internships = (self.stage | stage2).with_user(self.user_admin)
        self.place_and_start(internships, self.user_admin)
        internships._terminate(STOP, self.reason)
        versions = internships.sudo().payroll_version_id
        self.assertEqual(len(versions), 2)
        self.assertEqual(set(versions.mapped("contract_date_end")), {STOP})
        for internship in internships:
            notes = internship.sudo().allowance_id.message_ids.filtered(
                lambda m: "payroll contract" in (m.body or "")
            )
            self.assertEqual(len(notes), 1)
            self.assertIn(internship.employee_id.name, notes.body)
        # Payroll's confirmation finds the contracts ended: nothing changes.
        internships.sudo().allowance_id.with_user(
            self.user_payroll
        ).action_confirm_stop()
        self.assertEqual(set(versions.mapped("contract_date_end")), {STOP})
        self.assertEqual(
            len(
                internships.sudo().allowance_id.message_ids.filtered(
                    lambda m: "payroll contract" in (m.body or "")
                )
            ),
            2,
        )

    def _placing_queries(self, count):
        interns = self.env["hr.employee"].create(
            [
                {
                    "name": f"Stagiair {count}-{i}",
                    "department_id": self.linde.id,
                    "employee_type": "trainee",
                }
                for i in range(count)
            ]
        )
        internships = self.env["samenwijs.internship"]
        for intern in interns:
            internships |= self.create_internship(employee=intern)
        internships = internships.with_user(self.user_po)
        self.env.flush_all()
        self.env.invalidate_all()
        queries = self.env.cr.sql_log_count
        internships.action_apply()
        internships.action_place()
        self.env.flush_all()
        self.assertEqual(
            set(internships.sudo().payroll_version_id.mapped("wage")), {ALLOWANCE}
        )
        return self.env.cr.sql_log_count - queries

    def test_placing_many_internships_costs_no_queries_per_internship(self):
        self._placing_queries(2)  # warm the caches
        few = self._placing_queries(2)
        many = self._placing_queries(20)
        # The payroll versions of 18 more internships cost no query each.
        self.assertLessEqual(many, few + 10, f"2: {few} queries, 20: {many} queries")
