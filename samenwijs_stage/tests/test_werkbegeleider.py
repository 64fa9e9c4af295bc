from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import format_date

from .common import SamenwijsCase


@tagged("post_install", "-at_install")
class TestWerkbegeleiderEligibility(SamenwijsCase):
    """WB-1..WB-4: who may be a werkbegeleider, and for how long."""

    def test_wb1_permanent_contract_required(self):
        self.assertTrue(self.emp_wb.werkbegeleider_eligible)
        self.emp_wb.contract_type_id = self.env.ref("hr.contract_type_temporary")
        self.assertFalse(self.emp_wb.werkbegeleider_eligible)
        self.assertIn(
            "No permanent contract (WB-1)", self.emp_wb.werkbegeleider_unmet_reasons
        )

    def test_wb1_two_years_experience(self):
        newcomer = self.create_werkbegeleider(
            "Nina Nieuw",
            None,
            self.linde,
            contract_date_start=self.today - relativedelta(years=1),
            date_version=self.today - relativedelta(years=1),
        )
        self.intervision.attendee_ids = [Command.link(newcomer.id)]
        self.assertFalse(newcomer.werkbegeleider_eligible)
        self.assertIn("Less than 2 years", newcomer.werkbegeleider_unmet_reasons)
        self.assertEqual(newcomer.werkbegeleider_unmet_reasons.count("\n"), 0)
        # Exactly two years of service is enough.
        newcomer.version_id.contract_date_start = self.today - relativedelta(years=2)
        self.assertTrue(newcomer.werkbegeleider_eligible)

    def test_wb1_service_date_in_the_users_date_format(self):
        """The "in service since" date reads like every other date the user
        sees: in the date format of their language."""
        since = self.today - relativedelta(years=1, days=3)
        newcomer = self.create_werkbegeleider(
            "Nina Nieuw",
            None,
            self.linde,
            contract_date_start=since,
            date_version=since,
        )
        languages = ("en_US", "nl_NL")
        for lang in languages:
            self.env["res.lang"]._activate_lang(lang)
        dates = {}
        for lang in languages:
            with self.subTest(lang=lang):
                employee = newcomer.with_context(lang=lang)
                dates[lang] = format_date(employee.env, since)
                self.assertIn(dates[lang], employee.werkbegeleider_unmet_reasons)
        self.assertNotEqual(dates["en_US"], dates["nl_NL"])

    def test_wb_eligibility_search_refused_without_its_groups(self):
        """The eligibility is derived from contracts: a user who reads
        employees but not the eligibility may not search on it either."""
        reader = self.env["res.groups"].create(
            {
                "name": "Employee readers",
                "model_access": [
                    Command.create(
                        {
                            "name": "hr.employee readers",
                            "model_id": self.env.ref("hr.model_hr_employee").id,
                            "perm_read": True,
                        }
                    )
                ],
            }
        )
        user = new_test_user(
            self.env,
            login="t_reader",
            group_ids=(self.env.ref("base.group_user") | reader).ids,
        )
        Employee = self.env["hr.employee"]
        self.assertIn(self.emp_wb, Employee.with_user(user).search([]))
        with self.assertRaises(AccessError):
            Employee.with_user(user).search([("werkbegeleider_eligible", "=", True)])
        self.assertIn(
            self.emp_wb,
            Employee.with_user(self.user_manager).search(
                [("werkbegeleider_eligible", "=", True)]
            ),
        )

    def test_wb2_training_followed_or_planned(self):
        self.emp_wb.werkbegeleider_training = "planned"
        self.assertTrue(self.emp_wb.werkbegeleider_eligible)
        self.emp_wb.werkbegeleider_training = "none"
        self.assertFalse(self.emp_wb.werkbegeleider_eligible)
        self.assertIn("(WB-2)", self.emp_wb.werkbegeleider_unmet_reasons)

    def test_wb3_two_intervision_evenings_this_year(self):
        self.assertEqual(self.emp_wb.werkbegeleider_intervision_count, 2)
        self.intervision[0].action_cancel()
        self.assertEqual(self.emp_wb.werkbegeleider_intervision_count, 1)
        self.assertFalse(self.emp_wb.werkbegeleider_eligible)
        self.assertIn(
            f"1 of 2 intervision evenings in {self.today.year} (WB-3)",
            self.emp_wb.werkbegeleider_unmet_reasons,
        )
        # Last year's evenings do not count for this year.
        self.env["samenwijs.intervision.session"].create(
            {
                "name": "Last year",
                "date": datetime(self.today.year - 1, 11, 5, 19, 0),
                "organiser_id": self.emp_po.id,
                "attendee_ids": [Command.link(self.emp_wb.id)],
            }
        )
        self.assertFalse(self.emp_wb.werkbegeleider_eligible)

    def test_wb3_po3_intervision_organised_by_praktijkopleider(self):
        """PO-3: the PO organises intervision; attendance counts for WB-3."""
        session = (
            self.env["samenwijs.intervision.session"]
            .with_user(self.user_po)
            .create(
                {
                    "name": "Intervisie: feedback geven",
                    "date": datetime(self.today.year, 6, 1, 19, 0),
                    "attendee_ids": [Command.link(self.emp_wb.id)],
                }
            )
        )
        self.assertEqual(session.organiser_id, self.emp_po)
        self.assertEqual(session.region_id, self.region)
        self.assertEqual(self.emp_wb.werkbegeleider_intervision_count, 3)

    def test_wb_eligible_search_offers_only_eligible(self):
        self.emp_wb2.werkbegeleider_training = "none"
        eligible = self.env["hr.employee"].search(
            [("werkbegeleider_eligible", "=", True)]
        )
        self.assertIn(self.emp_wb, eligible)
        self.assertNotIn(self.emp_wb2, eligible)
        not_eligible = self.env["hr.employee"].search(
            [("werkbegeleider_eligible", "!=", True), ("is_werkbegeleider", "=", True)]
        )
        self.assertIn(self.emp_wb2, not_eligible)

    def test_wb_ineligible_werkbegeleider_refused_on_internship(self):
        self.emp_wb.werkbegeleider_training = "none"
        with self.assertRaisesRegex(ValidationError, "WB-2"):
            self.create_internship()

    def test_wb4_no_release_within_two_years(self):
        recent = self.create_werkbegeleider(
            "Rosa Recent",
            None,
            self.linde,
            werkbegeleider_since=self.today - relativedelta(months=8),
        )
        with self.assertRaisesRegex(UserError, "WB-4"):
            recent.with_user(self.user_po).write({"is_werkbegeleider": False})
        self.assertTrue(recent.is_werkbegeleider)
        # After two years the role ends without override.
        self.emp_wb.with_user(self.user_po).write({"is_werkbegeleider": False})
        self.assertFalse(self.emp_wb.is_werkbegeleider)

    def test_roles_set_user_groups(self):
        user = self.env["res.users"].create(
            {"name": "Noor Nieuw", "login": "t_noor", "group_ids": [Command.set([])]}
        )
        employee = self.create_werkbegeleider("Noor Nieuw", user, self.linde)
        self.assertTrue(user.has_group("samenwijs_stage.group_werkbegeleider"))
        self.assertFalse(user.has_group("samenwijs_stage.group_praktijkopleider"))
        employee.is_praktijkopleider = True
        self.assertTrue(user.has_group("samenwijs_stage.group_praktijkopleider"))
        employee.is_praktijkopleider = False
        self.assertFalse(user.has_group("samenwijs_stage.group_praktijkopleider"))
        employee.with_context(
            samenwijs_werkbegeleider_release_override=True
        ).is_werkbegeleider = False
        self.assertFalse(user.has_group("samenwijs_stage.group_werkbegeleider"))

    def test_po1_only_admin_appoints_praktijkopleider(self):
        """PO-1: a praktijkopleider cannot hand out the PO role in the region."""
        with self.assertRaises(AccessError):
            self.emp_wb.with_user(self.user_po).write({"is_praktijkopleider": True})
        self.assertFalse(self.emp_wb.is_praktijkopleider)
        self.emp_wb.with_user(self.user_admin).write({"is_praktijkopleider": True})
        self.assertTrue(
            self.user_wb.has_group("samenwijs_stage.group_praktijkopleider")
        )
