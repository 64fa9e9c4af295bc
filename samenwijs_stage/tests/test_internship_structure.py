from dateutil.relativedelta import relativedelta

from odoo import Command, models
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SamenwijsCase


@tagged("post_install", "-at_install")
class TestInternshipComputes(SamenwijsCase):
    """Each compute follows its inputs within the same transaction."""

    def test_vog2_onboarding_progress_follows_the_koppeling_date(self):
        internship = self.internship
        internship.with_user(self.user_po).action_place()
        # PW3: VOG, koppeling, manager informed, BPV, form, book, piece.
        self.assertEqual(internship.onboarding_progress, 0)
        internship.with_user(self.user_po).personenregister_koppeling_date = self.today
        self.assertEqual(internship.onboarding_progress, 14)  # 1 of 7
        # A type without VOG has one item less.
        self.type_pw3.vog_required = False
        self.assertEqual(internship.onboarding_progress, 17)  # 1 of 6

    def test_vog2_personenregister_follows_the_weekdays_of_the_schedule(self):
        """Moving a snuffelstage day to a weekday that occurs twice in the
        period raises the planned hours above the exemption (60 hours)."""
        monday = self.today + relativedelta(weekday=0)
        snuffel = self.create_internship(
            itype=self.type_snuffel,
            date_start=monday,
            date_end=monday + relativedelta(days=11),  # Friday a week later
            schedule_ids=[
                Command.create(
                    {"weekday": day, "department_id": self.linde.id, "hours": hours}
                )
                for day, hours in (("0", 6), ("1", 6), ("2", 6), ("3", 6), ("5", 12))
            ],
        )
        self.assertEqual(snuffel.planned_hours_total, 60)
        self.assertFalse(snuffel.personenregister_needed)
        saturday = snuffel.schedule_ids.filtered(lambda line: line.weekday == "5")
        saturday.with_user(self.user_po).weekday = "4"
        self.assertEqual(snuffel.planned_hours_total, 72)
        self.assertTrue(snuffel.personenregister_needed)

    def test_can_manage_follows_the_user(self):
        internship = self.internship
        self.assertTrue(internship.with_user(self.user_po).can_manage)
        self.assertFalse(internship.with_user(self.user_wb).can_manage)
        self.assertTrue(internship.with_user(self.user_po).can_manage)

    def test_bg4_allowed_werkbegeleiders_follow_the_main_location(self):
        internship = self.internship.with_user(self.user_po)
        self.assertIn(self.emp_wb, internship.allowed_werkbegeleider_ids)
        other = self.create_werkbegeleider("Eva Eik", None, self.eik)
        self.intervision.attendee_ids = [Command.link(other.id)]  # WB-3
        self.assertTrue(other.werkbegeleider_eligible)
        self.assertNotIn(other, internship.allowed_werkbegeleider_ids)
        internship.write(
            {
                "werkbegeleider_id": False,
                "schedule_ids": [
                    Command.update(line.id, {"department_id": self.eik.id})
                    for line in internship.schedule_ids
                ],
            }
        )
        self.assertEqual(internship.department_id, self.eik)
        self.assertIn(other, internship.allowed_werkbegeleider_ids)
        self.assertNotIn(self.emp_wb, internship.allowed_werkbegeleider_ids)


@tagged("post_install", "-at_install")
class TestInternshipHooks(SamenwijsCase):
    """The hooks each concern extends: who writes which field, why an
    internship cannot be placed, started or finished."""

    def test_werkbegeleider_writes_only_its_own_fields(self):
        internship = self.internship.with_user(self.user_wb)
        internship.write({"bpv_book_handed": True, "notes": "<p>Goede start</p>"})
        self.assertTrue(self.internship.bpv_book_handed)
        refused = {
            "personenregister_needed": False,
            "name": "STG/0001",
            "school_year": "2030-2031",
            "introduction_end_date": self.today,
            "weekly_hours": 40,
            "region_id": self.region2.id,
            "vog_received": True,
            "allowance_amount": 500,
            "termination_note": "weg",
        }
        for field, value in refused.items():
            with self.subTest(field=field), self.assertRaises(AccessError):
                internship.write({field: value})
        self.assertTrue(self.internship.personenregister_needed)
        self.assertEqual(self.internship.region_id, self.region)

    def test_po_never_writes_the_state_or_computed_fields(self):
        internship = self.internship.with_user(self.user_po)
        for field, value in {
            "state": "running",
            "allowance_state": "stopped",
            "termination_date": self.today,
            "personenregister_needed": False,
            "onboarding_progress": 100,
        }.items():
            with self.subTest(field=field), self.assertRaises(AccessError):
                internship.write({field: value})
        self.assertEqual(self.internship.state, "draft")
        self.assertTrue(self.internship.personenregister_needed)

    def test_intern_writes_nothing_of_the_internship(self):
        with self.assertRaises(AccessError):
            self.internship.with_user(self.user_intern).write({"notes": "<p>x</p>"})

    def test_po2_place_problems_name_every_missing_item(self):
        bare = self.create_internship(werkbegeleider_id=False, date_start=False)
        problems = bare._place_problems()
        self.assertEqual(len(problems), 2)
        self.assertIn("start date", problems[0])
        self.assertIn("werkbegeleider", problems[1])
        with self.assertRaises(UserError) as error:
            bare.with_user(self.user_po).action_place()
        self.assertIn("start date", str(error.exception))
        self.assertIn("werkbegeleider", str(error.exception))
        self.assertEqual(bare.state, "draft")

    def test_wb1_lapsed_werkbegeleider_blocks_placing(self):
        self.emp_wb.werkbegeleider_training = "none"
        problems = self.internship._place_problems()
        self.assertTrue(any("WB-2" in problem for problem in problems))
        with self.assertRaisesRegex(UserError, "WB-2"):
            self.internship.with_user(self.user_po).action_place()

    def test_wb1_choosing_a_non_eligible_werkbegeleider_is_a_constraint(self):
        kevin = self.create_werkbegeleider(
            "Kevin Kort",
            None,
            self.linde,
            contract_date_start=self.today - relativedelta(months=6),
            date_version=self.today - relativedelta(months=6),
        )
        with self.assertRaisesRegex(UserError, "WB-1"), self.env.cr.savepoint():
            self.internship.with_user(self.user_po).werkbegeleider_id = kevin
        self.env.invalidate_all()
        self.assertEqual(self.internship.werkbegeleider_id, self.emp_wb)

    def test_praktijkopleider_of_another_company_is_refused(self):
        other = self.env["res.company"].create({"name": "Andere opvang BV"})
        stranger = self.env["hr.employee"].create(
            {"name": "Olga Ander", "company_id": other.id, "is_praktijkopleider": True}
        )
        with self.assertRaisesRegex(UserError, "compan"), self.env.cr.savepoint():
            self.internship.write({"praktijkopleider_id": stranger.id})
        self.env.invalidate_all()
        self.assertEqual(self.internship.praktijkopleider_id, self.emp_po)


@tagged("post_install", "-at_install")
class TestInternshipDenyByDefault(SamenwijsCase):
    """Every field of the internship that no role lists (the concerns' own
    bookkeeping such as the confirmed forms of EV-1, the week of the last
    WT-1 task, the conversation warnings of WB-P1) is refused to every role
    that writes the internship, whatever the form shows."""

    def test_fields_on_no_role_list_are_refused_to_every_role(self):
        Internship = self.env["samenwijs.internship"]
        listed = set().union(*Internship._role_writable_fields().values())
        unlisted = sorted(
            name
            for name, field in Internship._fields.items()
            if name not in listed
            and name not in Internship._mail_field_names()
            and name not in models.MAGIC_COLUMNS
            and name != "display_name"
            and field.type not in ("one2many", "many2many", "binary", "json")
        )
        for name in ("ev1_forms_confirmed", "shift_activity_week", "state"):
            self.assertIn(name, unlisted)
        plausible = {
            "boolean": True,
            "integer": 1,
            "float": 1.0,
            "monetary": 1.0,
            "char": "x",
            "text": "x",
            "html": "<p>x</p>",
            "date": str(self.today),
            "datetime": f"{self.today} 10:00:00",
            "many2one": False,
        }
        users = (self.user_po, self.user_manager, self.user_wb, self.user_intern)
        for name in unlisted:
            field = Internship._fields[name]
            value = (
                field.get_values(self.env)[0]
                if field.type == "selection"
                else plausible.get(field.type, False)
            )
            for user in users:
                with (
                    self.subTest(field=name, user=user.login),
                    self.assertRaises(AccessError),
                ):
                    self.internship.with_user(user).write({name: value})
