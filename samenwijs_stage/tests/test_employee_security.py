from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import format_date

from .common import SamenwijsCase


class EmployeeSecurityCase(SamenwijsCase):
    """The fixture organisation, plus an HR officer, two employees without a
    role (Fleur at De Eik in Noord, Zeger at Het Anker in Zuid), an eligible
    werkbegeleider at De Eik (Esther) and a werkbegeleider at De Linde with
    one year of service (Nina)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.user_hr = new_test_user(
            cls.env,
            login="t_hr",
            name="Hanna Hoekstra",
            groups="base.group_user,hr.group_hr_user",
        )
        cls.candidate = Employee.create(
            {"name": "Fleur Eik", "department_id": cls.eik.id}
        )
        cls.candidate_zuid = Employee.create(
            {"name": "Zeger Zuid", "department_id": cls.anker.id}
        )
        cls.emp_wb_eik = cls.create_werkbegeleider("Esther Eik", None, cls.eik)
        cls.service_start = cls.today - relativedelta(years=1, days=3)
        cls.newcomer = cls.create_werkbegeleider(
            "Nina Nieuw",
            None,
            cls.linde,
            contract_date_start=cls.service_start,
            date_version=cls.service_start,
        )
        cls.intervision.attendee_ids = [
            Command.link(cls.emp_wb_eik.id),
            Command.link(cls.newcomer.id),
        ]

    def as_user(self, records, user):
        """The records as ``user`` sees them, with the chatter tracking that
        the fixture switches off switched on again."""
        return records.with_user(user).with_context(tracking_disable=False)


@tagged("post_install", "-at_install")
class TestPraktijkopleiderEmployeeWrite(EmployeeSecurityCase):
    """A praktijkopleider keeps the werkbegeleider data of the employees of
    their region (WB-1..WB-4, BG-1..BG-3) and nothing else of them (deny by
    default); the internship administrator keeps it for every region and
    appoints praktijkopleiders; HR officers keep their full access."""

    def test_wb1_wb2_po_maintains_werkbegeleider_data_in_every_hr_database(self):
        """The praktijkopleider sets the role, the training and the
        background on the werkbegeleider form, with the chatter tracking on.
        The tracking reads every tracked field of the employee, among them
        fields of the employee's version and, with hr_homeworking, today's
        work location type, computed from data only HR officers read: the
        write succeeds whatever HR apps are installed, and is recorded in the
        praktijkopleider's name."""
        form_view = self.env.ref("samenwijs_stage.hr_employee_view_form_werkbegeleider")
        # The chatter messages of the set-up are done with.
        self.env.flush_all()
        self.env.cr.precommit.run()
        with Form(self.as_user(self.candidate, self.user_po), view=form_view) as form:
            form.is_werkbegeleider = True
            form.werkbegeleider_training = "planned"
            form.childcare_function = "pedagogisch_medewerker"
            form.education_level = "mbo"
        self.assertTrue(self.candidate.is_werkbegeleider)
        self.assertEqual(self.candidate.werkbegeleider_since, self.today)
        self.as_user(self.emp_wb, self.user_po).write(
            {"werkbegeleider_training": "planned"}
        )
        self.assertEqual(self.emp_wb.werkbegeleider_training, "planned")
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        tracking = self.candidate.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "is_werkbegeleider"
        )
        self.assertTrue(tracking)
        self.assertEqual(tracking.mail_message_id.author_id, self.user_po.partner_id)

    def test_wb4_po_release_recorded_in_every_hr_database(self):
        """WB-4: the release from the role, with the chatter tracking on."""
        self.as_user(self.emp_wb, self.user_po).action_release_werkbegeleider()
        self.assertFalse(self.emp_wb.is_werkbegeleider)
        self.assertFalse(self.user_wb.has_group("samenwijs_stage.group_werkbegeleider"))
        message = self.emp_wb.message_ids.filtered(
            lambda m: "Released from the werkbegeleider role" in (m.body or "")
        )
        self.assertEqual(message.author_id, self.user_po.partner_id)

    def test_po1_po_cannot_change_hr_fields_of_employee_in_own_region(self):
        """The rules of the internship roles read the employee's user and
        department: a praktijkopleider who could change them would decide
        who sees which internships. Every field outside the werkbegeleider
        data is refused, computed fields included."""
        other_user = new_test_user(self.env, login="t_other", groups="base.group_user")
        refused = {
            "user_id": self.user_po.id,
            "department_id": self.anker.id,
            "employee_type": "trainee",
            "parent_id": self.emp_po.id,
            "coach_id": self.emp_po.id,
            "leave_manager_id": other_user.id,
            "company_id": self.env["res.company"].create({"name": "Elders"}).id,
            "name": "Fleur Gekaapt",
            "job_title": "Directeur",
            "work_email": "fleur@example.com",
            "active": False,
            "is_praktijkopleider": True,
            "is_intern": True,
            "werkbegeleider_eligible": True,
            "samenwijs_location_id": self.anker.id,
        }
        for field, value in refused.items():
            with (
                self.subTest(field=field),
                self.assertRaises(AccessError),
            ):
                self.as_user(self.candidate, self.user_po).write({field: value})
        self.assertFalse(self.candidate.user_id)
        self.assertEqual(self.candidate.department_id, self.eik)
        self.assertEqual(self.candidate.employee_type, "employee")
        self.assertFalse(self.candidate.coach_id | self.candidate.parent_id)
        self.assertEqual(self.candidate.name, "Fleur Eik")
        self.assertTrue(self.candidate.active)

    def test_po1_po_cannot_slip_an_hr_field_in_with_werkbegeleider_data(self):
        with self.assertRaises(AccessError):
            self.as_user(self.candidate, self.user_po).write(
                {"is_werkbegeleider": True, "user_id": self.user_po.id}
            )
        self.assertFalse(self.candidate.is_werkbegeleider)
        self.assertFalse(self.candidate.user_id)

    def test_po1_po_cannot_take_over_a_location_through_its_manager(self):
        """The location managers' rules read the user of the location's
        manager: the praktijkopleider cannot link their user to the manager
        of another location, nor move an employee through the department's
        members."""
        with self.assertRaises(AccessError):
            self.as_user(self.emp_manager_eik, self.user_po).write(
                {"user_id": self.user_po.id}
            )
        with self.assertRaises(AccessError):
            self.as_user(self.anker, self.user_po).write(
                {"member_ids": [Command.link(self.candidate.id)]}
            )
        self.assertEqual(self.emp_manager_eik.user_id, self.user_manager_eik)
        self.assertEqual(self.candidate.department_id, self.eik)
        self.assertNotIn(self.user_po, self.eik.samenwijs_manager_user_ids)

    def test_po1_po_cannot_set_werkbegeleider_data_in_other_region(self):
        with self.assertRaises(AccessError):
            self.as_user(self.candidate_zuid, self.user_po).write(
                {"is_werkbegeleider": True}
            )
        self.assertFalse(self.candidate_zuid.is_werkbegeleider)

    def test_po1_other_roles_cannot_write_employees(self):
        for user in (
            self.user_intern,
            self.user_wb,
            self.user_manager,
            self.user_payroll,
        ):
            for values in ({"is_werkbegeleider": True}, {"user_id": user.id}):
                with (
                    self.subTest(user=user.login, field=next(iter(values))),
                    self.assertRaises(AccessError),
                ):
                    self.as_user(self.candidate, user).write(values)
        self.assertFalse(self.candidate.is_werkbegeleider)
        self.assertFalse(self.candidate.user_id)

    def test_po1_hr_officer_keeps_full_employee_access(self):
        user = new_test_user(self.env, login="t_zeger", groups="base.group_user")
        self.as_user(self.candidate_zuid, self.user_hr).write(
            {
                "user_id": user.id,
                "department_id": self.linde.id,
                "employee_type": "student",
                "coach_id": self.emp_wb.id,
                "is_werkbegeleider": True,
            }
        )
        self.assertEqual(self.candidate_zuid.user_id, user)
        self.assertEqual(self.candidate_zuid.department_id, self.linde)
        self.assertEqual(self.candidate_zuid.employee_type, "student")
        self.assertEqual(self.candidate_zuid.coach_id, self.emp_wb)

    def test_po1_administrator_keeps_werkbegeleider_data_of_every_region(self):
        """The internship administrator keeps the werkbegeleider data of every
        region and appoints praktijkopleiders, with the chatter tracking on;
        the rest of the employee stays with HR."""
        self.as_user(self.candidate_zuid, self.user_admin).write(
            {"is_werkbegeleider": True, "werkbegeleider_training": "followed"}
        )
        self.as_user(self.candidate, self.user_admin).write(
            {"is_praktijkopleider": True}
        )
        self.assertTrue(self.candidate_zuid.is_werkbegeleider)
        self.assertTrue(self.candidate.is_praktijkopleider)
        for field, value in {
            "user_id": self.user_admin.id,
            "department_id": self.linde.id,
            "coach_id": self.emp_wb.id,
        }.items():
            with self.subTest(field=field), self.assertRaises(AccessError):
                self.as_user(self.candidate_zuid, self.user_admin).write({field: value})
        self.assertEqual(self.candidate_zuid.department_id, self.anker)


@tagged("post_install", "-at_install")
class TestWerkbegeleiderEligibilityPrivacy(EmployeeSecurityCase):
    """WB-1..WB-3: the eligibility is derived from contracts (HR data). HR
    officers read it with the contract dates; the praktijkopleider of the
    employee's region and the managers of the employee's location read which
    rule is not met; everyone else reads nothing, not even through a
    search."""

    def read_eligibility(self, employee, user):
        return employee.with_user(user).read(
            [
                "werkbegeleider_eligible",
                "werkbegeleider_unmet_reasons",
                "werkbegeleider_intervision_count",
            ]
        )[0]

    def test_wb1_hr_officer_reads_the_service_date(self):
        values = self.read_eligibility(self.newcomer, self.user_hr)
        self.assertFalse(values["werkbegeleider_eligible"])
        self.assertIn(
            format_date(self.env, self.service_start),
            values["werkbegeleider_unmet_reasons"],
        )
        self.assertIn("in service since", values["werkbegeleider_unmet_reasons"])

    def test_wb1_po_of_region_and_location_manager_read_the_rule_not_the_date(self):
        for user in (self.user_po, self.user_manager):
            with self.subTest(user=user.login):
                values = self.read_eligibility(self.newcomer, user)
                reasons = values["werkbegeleider_unmet_reasons"]
                self.assertFalse(values["werkbegeleider_eligible"])
                self.assertEqual(reasons, "Less than 2 years of service (WB-1).")
                self.assertNotIn(str(self.service_start.year), reasons)
                self.assertEqual(values["werkbegeleider_intervision_count"], 2)
                self.assertTrue(
                    self.read_eligibility(self.emp_wb, user)["werkbegeleider_eligible"]
                )
        # Which rule is not met is what the praktijkopleider needs.
        self.newcomer.contract_type_id = self.env.ref("hr.contract_type_temporary")
        self.assertIn(
            "No permanent contract (WB-1).",
            self.read_eligibility(self.newcomer, self.user_po)[
                "werkbegeleider_unmet_reasons"
            ],
        )

    def test_wb1_other_location_manager_and_other_region_po_are_refused(self):
        for user in (self.user_manager_eik, self.user_po2, self.user_manager2):
            for employee in (self.newcomer, self.emp_wb):
                with self.subTest(user=user.login, employee=employee.name):
                    with self.assertRaises(AccessError):
                        self.read_eligibility(employee, user)
                    with self.assertRaises(AccessError):
                        self.env["hr.employee"].with_user(user).search_read(
                            [("id", "=", employee.id)], ["werkbegeleider_unmet_reasons"]
                        )
                    # Computed on the server for them, it says nothing.
                    employee = employee.with_user(user)
                    self.assertFalse(employee.werkbegeleider_eligible)
                    self.assertFalse(employee.werkbegeleider_unmet_reasons)
                    self.assertEqual(employee.werkbegeleider_intervision_count, 0)
                    self.assertFalse(employee.werkbegeleider_eligibility_readable)
        # Their own locations' werkbegeleiders they do read.
        self.assertTrue(
            self.read_eligibility(self.emp_wb_eik, self.user_manager_eik)[
                "werkbegeleider_eligible"
            ]
        )
        self.assertTrue(
            self.read_eligibility(self.emp_wb2, self.user_po2)[
                "werkbegeleider_eligible"
            ]
        )

    def test_wb1_eligibility_search_keeps_other_locations_hidden(self):
        """Whichever way a search asks, it finds only employees whose
        eligibility the user may read."""
        werkbegeleiders = self.emp_wb | self.emp_wb_eik | self.emp_wb2 | self.newcomer
        expected = {
            # user: (readable, eligible)
            self.user_manager_eik: (self.emp_wb_eik, self.emp_wb_eik),
            self.user_manager: (self.emp_wb | self.newcomer, self.emp_wb),
            self.user_po: (
                self.emp_wb | self.emp_wb_eik | self.newcomer,
                self.emp_wb | self.emp_wb_eik,
            ),
            self.user_po2: (self.emp_wb2, self.emp_wb2),
            self.user_hr: (werkbegeleiders, werkbegeleiders - self.newcomer),
            self.user_admin: (werkbegeleiders, werkbegeleiders - self.newcomer),
        }
        for user, (readable, eligible) in expected.items():
            with self.subTest(user=user.login):
                Employee = self.env["hr.employee"].with_user(user)
                domain = [("id", "in", werkbegeleiders.ids)]
                for condition, found in (
                    (("werkbegeleider_eligible", "=", True), eligible),
                    (("werkbegeleider_eligible", "=", False), readable - eligible),
                    (("werkbegeleider_eligible", "!=", True), readable - eligible),
                    (("werkbegeleider_eligible", "in", [True, False]), readable),
                    (("werkbegeleider_eligibility_readable", "=", True), readable),
                    (
                        ("werkbegeleider_eligibility_readable", "=", False),
                        werkbegeleiders - readable,
                    ),
                ):
                    self.assertEqual(
                        Employee.search([*domain, condition]), found, condition
                    )

    def test_wb1_werkbegeleider_overview_lists_the_readable_werkbegeleiders(self):
        action = self.env.ref("samenwijs_stage.hr_employee_action_werkbegeleider")
        view = self.env.ref("samenwijs_stage.hr_employee_view_list_werkbegeleider")
        for user, listed in (
            (self.user_manager_eik, self.emp_wb_eik),
            (self.user_po2, self.emp_wb2),
        ):
            with self.subTest(user=user.login):
                Employee = self.env["hr.employee"].with_user(user)
                arch = Employee.get_views([(view.id, "list")])["views"]["list"]["arch"]
                names = [name for name in Employee._fields if f'name="{name}"' in arch]
                self.assertIn("werkbegeleider_unmet_reasons", names)
                rows = Employee.search_read(
                    [*eval(action.domain), ("company_id", "=", self.company.id)], names
                )
                ours = {row["id"] for row in rows} & set(
                    (self.emp_wb | self.emp_wb_eik | self.emp_wb2 | self.newcomer).ids
                )
                self.assertEqual(ours, set(listed.ids))

    def test_wb1_unmet_reasons_cannot_be_searched(self):
        Employee = self.env["hr.employee"].with_user(self.user_manager_eik)
        with self.assertRaises(ValueError):
            Employee.search([("werkbegeleider_unmet_reasons", "ilike", "since")])

    def test_wb1_po_placing_reads_the_rule_not_the_date(self):
        """The refusal of an ineligible werkbegeleider on an internship says
        which rule is not met, not the contract data."""
        with self.assertRaises(ValidationError) as error:
            self.internship.with_user(self.user_po).werkbegeleider_id = self.newcomer
        message = str(error.exception)
        self.assertIn("Less than 2 years of service (WB-1).", message)
        self.assertNotIn(format_date(self.env, self.service_start), message)
        self.assertEqual(self.internship.werkbegeleider_id, self.emp_wb)


@tagged("post_install", "-at_install")
class TestSupervisionSideEffects(EmployeeSecurityCase):
    """LV-2, SK-1: the werkbegeleider becomes the intern's coach and
    time-off approver, and the intern's user gets the intern role; only for
    interns the acting user may change."""

    def new_intern(self, name, department, login):
        user = new_test_user(self.env, login=login, groups="base.group_user")
        intern = self.env["hr.employee"].create(
            {
                "name": name,
                "user_id": user.id,
                "department_id": department.id,
                "employee_type": "trainee",
            }
        )
        return intern, user

    def internship_values(self, intern, werkbegeleider=None, location=None):
        values = {
            "employee_id": intern.id,
            "internship_type_id": self.type_pw3.id,
            "praktijkopleider_id": self.emp_po.id,
        }
        if werkbegeleider:
            values["werkbegeleider_id"] = werkbegeleider.id
        if location:
            values["schedule_ids"] = [
                Command.create({"weekday": "0", "department_id": location.id})
            ]
        return values

    def test_lv2_po_cannot_rewrite_coach_of_intern_of_other_region(self):
        """Without a location and with herself as praktijkopleider, Petra
        (Noord) names Wendy werkbegeleider of Zoë (Het Anker, Zuid): refused,
        Zoë keeps Willem as coach and time-off approver."""
        Internship = self.env["samenwijs.internship"].with_user(self.user_po)
        with self.assertRaises(AccessError) as error:
            Internship.create(self.internship_values(self.emp_intern2, self.emp_wb))
        self.assertIn(
            "Zoë Peters does not work at a location of your region",
            str(error.exception),
        )
        self.assertEqual(self.emp_intern2.coach_id, self.emp_wb2)
        self.assertEqual(self.emp_intern2.leave_manager_id, self.user_wb2)
        self.assertFalse(
            self.env["samenwijs.internship"].search(
                [
                    ("employee_id", "=", self.emp_intern2.id),
                    ("werkbegeleider_id", "=", self.emp_wb.id),
                ]
            )
        )

    def test_lv2_po_cannot_switch_an_internship_to_intern_of_other_region(self):
        with self.assertRaises(AccessError):
            self.internship.with_user(self.user_po).employee_id = self.emp_intern2
        self.assertEqual(self.internship.employee_id, self.emp_intern)
        self.assertEqual(self.emp_intern2.coach_id, self.emp_wb2)

    def test_po_cannot_give_intern_role_to_user_of_other_region(self):
        intern, user = self.new_intern("Yara Zuid", self.anker, "t_yara")
        with self.assertRaises(AccessError):
            self.env["samenwijs.internship"].with_user(self.user_po).create(
                self.internship_values(intern)
            )
        self.assertFalse(user.has_group("samenwijs_stage.group_intern"))

    def test_lv2_po_makes_werkbegeleider_coach_of_intern_of_own_region(self):
        intern, user = self.new_intern("Bas Linde", self.linde, "t_bas")
        internship = (
            self.env["samenwijs.internship"]
            .with_user(self.user_po)
            .create(self.internship_values(intern, self.emp_wb, self.linde))
        )
        self.assertEqual(internship.employee_id, intern)
        self.assertEqual(intern.coach_id, self.emp_wb)
        self.assertEqual(intern.leave_manager_id, self.user_wb)
        self.assertTrue(user.has_group("samenwijs_stage.group_intern"))

    def test_lv2_hr_and_admin_rights_cover_every_intern(self):
        """The internship administrator may change every intern."""
        intern, user = self.new_intern("Yara Zuid", self.anker, "t_yara")
        self.env["samenwijs.internship"].with_user(self.user_admin).create(
            self.internship_values(intern, self.emp_wb2, self.anker)
        )
        self.assertEqual(intern.coach_id, self.emp_wb2)
        self.assertTrue(user.has_group("samenwijs_stage.group_intern"))
