from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from ..models.samenwijs_internship_capacity import school_year_of
from .common import SamenwijsCase


@tagged("post_install", "-at_install")
class TestCapacity(SamenwijsCase):
    """RS-1: places per school year, location and type, set by the location
    manager; PO-2: placing beyond them only by the praktijkopleider."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Capacity = cls.env["samenwijs.internship.capacity"]
        # The school year of the internships of the common fixture.
        cls.year = school_year_of(cls.today + relativedelta(days=14))

    def places(self, places, location=None, itype=None, year=None):
        return self.Capacity.create(
            {
                "school_year": year or self.year,
                "department_id": (location or self.linde).id,
                "internship_type_id": (itype or self.type_pw3).id,
                "places": places,
            }
        )

    def new_internship(self, name, location=None, **vals):
        location = location or self.linde
        intern = self.env["hr.employee"].create(
            {"name": name, "department_id": location.id, "employee_type": "trainee"}
        )
        werkbegeleider = self.emp_wb if location == self.linde else self.emp_wb2
        return self.create_internship(
            employee=intern, werkbegeleider=werkbegeleider, location=location, **vals
        )

    # ------------------------------------------------------------------
    # RS-1: who sets the places
    # ------------------------------------------------------------------
    def test_rs1_manager_sets_places_for_own_location(self):
        Capacity = self.Capacity.with_user(self.user_manager)
        form = Form(Capacity)
        self.assertIn(self.linde, form.allowed_department_ids)
        self.assertNotIn(self.eik, form.allowed_department_ids)
        form.school_year = self.year
        form.department_id = self.linde
        form.internship_type_id = self.type_pw3
        form.places = 3
        capacity = form.save()
        self.assertEqual(capacity.places, 3)
        capacity.places = 4
        self.assertEqual(Capacity.search([]), capacity)
        capacity.unlink()
        self.assertFalse(capacity.exists())

    def test_rs1_manager_is_refused_for_another_location(self):
        eik = self.places(2, location=self.eik)
        anker = self.places(2, location=self.anker)
        Capacity = self.Capacity.with_user(self.user_manager)
        for location in (self.eik, self.anker):
            with self.subTest(location=location.name), self.assertRaises(AccessError):
                Capacity.create(
                    {
                        "school_year": self.year,
                        "department_id": location.id,
                        "internship_type_id": self.type_gpm4.id,
                        "places": 1,
                    }
                )
        for capacity in (eik, anker):
            with self.subTest(capacity=capacity.display_name):
                capacity = capacity.with_user(self.user_manager)
                with self.assertRaises(AccessError):
                    capacity.write({"places": 5})
                with self.assertRaises(AccessError):
                    capacity.read(["places"])
                with self.assertRaises(AccessError):
                    capacity.unlink()
        self.assertEqual((eik | anker).mapped("places"), [2, 2])
        # Nor can a manager move their own row to another location.
        own = self.places(1, itype=self.type_gpm4).with_user(self.user_manager)
        with self.assertRaises(AccessError):
            own.write({"department_id": self.eik.id})
        self.assertEqual(own.sudo().department_id, self.linde)

    def test_rs1_praktijkopleider_sets_places_of_the_region(self):
        Capacity = self.Capacity.with_user(self.user_po)
        for location in (self.linde, self.eik):
            capacity = Capacity.create(
                {
                    "school_year": self.year,
                    "department_id": location.id,
                    "internship_type_id": self.type_hbo.id,
                    "places": 1,
                }
            )
            capacity.places = 2
        with self.assertRaises(AccessError):
            Capacity.create(
                {
                    "school_year": self.year,
                    "department_id": self.anker.id,
                    "internship_type_id": self.type_hbo.id,
                    "places": 1,
                }
            )

    def test_rs1_other_roles_see_no_places(self):
        capacity = self.places(2)
        for user in (self.user_intern, self.user_wb, self.user_payroll):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    capacity.with_user(user).read(["places"])
                with self.assertRaises(AccessError):
                    capacity.with_user(user).write({"places": 9})
        self.assertEqual(capacity.places, 2)

    def test_rs1_places_are_tracked_in_the_chatter(self):
        capacity = self.places(2)
        self.env.flush_all()
        self.env.cr.precommit.run()
        capacity.with_user(self.user_manager).with_context(
            tracking_disable=False
        ).places = 5
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        values = capacity.message_ids.tracking_value_ids.filtered(
            lambda v: v.field_id.name == "places"
        )
        self.assertEqual(values.mapped("old_value_integer"), [2])
        self.assertEqual(values.mapped("new_value_integer"), [5])
        self.assertEqual(values.mail_message_id.author_id, self.user_manager.partner_id)

    def test_rs1_computed_counts_are_not_written(self):
        capacity = self.places(2).with_user(self.user_manager)
        for name in ("placed_count", "open_places", "staffing_warning"):
            with self.subTest(field=name), self.assertRaises(AccessError):
                capacity.write({name: 1})

    # ------------------------------------------------------------------
    # RS-1: values that cannot be stored
    # ------------------------------------------------------------------
    def test_rs1_negative_places_are_refused(self):
        Capacity = self.Capacity.with_user(self.user_manager)
        for places in (-1, -100, 1000, 2**31):
            with self.subTest(places=places), self.assertRaises(ValidationError):
                Capacity.create(
                    {
                        "school_year": self.year,
                        "department_id": self.linde.id,
                        "internship_type_id": self.type_pw3.id,
                        "places": places,
                    }
                )
        capacity = self.places(2).with_user(self.user_manager)
        with self.assertRaises(ValidationError):
            capacity.write({"places": -1})
        self.assertEqual(capacity.places, 2)

    def test_rs1_school_year_must_parse(self):
        Capacity = self.Capacity.with_user(self.user_manager)
        for value in (
            "2026",
            "2026-2028",
            "2027-2026",
            "2026-2026",
            "twintig-zesentwintig",
            "2026-2027x",
            "1899-1900",
            "9998-9999",
            "",
            False,
        ):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                Capacity.create(
                    {
                        "school_year": value,
                        "department_id": self.linde.id,
                        "internship_type_id": self.type_pw3.id,
                        "places": 1,
                    }
                )
        capacity = Capacity.create(
            {
                "school_year": " 2030 / 2031 ",
                "department_id": self.linde.id,
                "internship_type_id": self.type_pw3.id,
                "places": 1,
            }
        )
        self.assertEqual(capacity.school_year, "2030-2031")
        with self.assertRaisesRegex(ValidationError, "not a school year"):
            capacity.write({"school_year": "2030-2032"})
        self.assertEqual(capacity.school_year, "2030-2031")

    def test_rs1_one_row_per_location_type_and_school_year(self):
        self.places(2)
        with self.assertRaisesRegex(ValidationError, "already places"):
            self.places(3)
        other = self.places(1, itype=self.type_gpm4)
        with self.assertRaisesRegex(ValidationError, "already places"):
            other.write({"internship_type_id": self.type_pw3.id})
        Capacity = self.Capacity.with_user(self.user_manager)
        values = {
            "school_year": "2031-2032",
            "department_id": self.linde.id,
            "internship_type_id": self.type_pw3.id,
        }
        with self.assertRaisesRegex(ValidationError, "already places"):
            Capacity.create([values, values])

    def test_rs1_default_school_year_is_the_coming_one(self):
        cases = {
            "2026-03-15 10:00:00": "2026-2027",
            "2026-07-31 10:00:00": "2026-2027",
            "2026-08-01 10:00:00": "2027-2028",
        }
        for now, expected in cases.items():
            with self.subTest(now=now), freeze_time(now):
                self.assertEqual(self.Capacity._default_school_year(), expected)
        self.assertEqual(school_year_of(date(2026, 7, 31)), "2025-2026")
        self.assertEqual(school_year_of(date(2026, 8, 1)), "2026-2027")

    # ------------------------------------------------------------------
    # RS-1: what is filled
    # ------------------------------------------------------------------
    def test_rs1_counts_applications_placed_and_open(self):
        capacity = self.places(3)
        gpm4 = self.places(1, itype=self.type_gpm4)
        self.assertEqual(
            (capacity.application_count, capacity.placed_count, capacity.open_places),
            (0, 0, 3),
        )
        self.internship.action_place()
        applicant = self.new_internship("Amira Sollicitant")
        applicant.action_apply()
        running = self.new_internship("Ruben Loopt")
        self.complete_legal_checks(running)
        running.action_place()
        running.action_start()
        # Another type, location or school year does not count.
        self.new_internship("Gijs Anders", itype=self.type_gpm4).action_apply()
        self.new_internship("Anna Anker", location=self.anker).action_place()
        self.new_internship(
            "Lotte Later",
            date_start=self.today + relativedelta(years=1, days=14),
            date_end=self.today + relativedelta(years=1, days=14, months=10),
        ).action_place()
        self.new_internship("Roos Afgewezen").action_reject()
        self.env.invalidate_all()
        self.assertEqual(
            (capacity.application_count, capacity.placed_count, capacity.open_places),
            (1, 2, 1),
        )
        self.assertEqual((gpm4.application_count, gpm4.placed_count), (1, 0))
        capacity.places = 1
        self.assertEqual(capacity.open_places, 0, "never below 0")

    def test_rs1_counts_in_constant_queries(self):
        """The counts of a list of rows take one grouped read of the
        internships: 2 rows and 20 rows cost the same number of queries."""
        Department = self.env["hr.department"]
        locations = Department.create(
            [{"name": f"Locatie {n}", "parent_id": self.region.id} for n in range(10)]
        )
        rows = self.Capacity.create(
            [
                {
                    "school_year": self.year,
                    "department_id": location.id,
                    "internship_type_id": itype.id,
                    "places": 2,
                }
                for location in locations
                for itype in (self.type_pw3, self.type_gpm4)
            ]
        )
        self.assertEqual(len(rows), 20)
        self.internship.action_place()
        names = ["places", "application_count", "placed_count", "open_places"]

        def queries(records):
            records = records.with_user(self.user_admin)
            records.read(names)  # caches of the user's groups and rules
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            records.read(names)
            return self.env.cr.sql_log_count - before

        self.assertEqual(queries(rows[:2]), queries(rows))
        with self.assertQueryCount(__system__=queries(rows)):
            self.env.invalidate_all()
            rows.with_user(self.user_admin).read(names)

    # ------------------------------------------------------------------
    # PO-2: over-placing
    # ------------------------------------------------------------------
    def test_po2_over_placing_is_refused(self):
        self.places(1)
        self.internship.with_user(self.user_po).action_place()
        second = self.new_internship("Tom Teveel").with_user(self.user_po)
        with self.assertRaisesRegex(UserError, "PO-2"):
            second.action_place()
        self.assertEqual(second.state, "draft")

    def test_po2_placing_together_counts_together(self):
        self.places(1)
        first = self.new_internship("Eva Eerst")
        second = self.new_internship("Tim Tweede")
        with self.assertRaisesRegex(UserError, "PO-2"):
            (first | second).with_user(self.user_po).action_place()
        self.assertEqual((first | second).mapped("state"), ["draft", "draft"])

    def test_po2_type_without_places_is_full_once_the_location_has_places(self):
        self.places(2, itype=self.type_gpm4)
        with self.assertRaisesRegex(UserError, "0 places"):
            self.internship.with_user(self.user_po).action_place()
        # Another school year of the location has no places set: no limit.
        later = self.new_internship(
            "Lotte Later",
            date_start=self.today + relativedelta(years=1, days=14),
            date_end=self.today + relativedelta(years=1, days=14, months=10),
        )
        later.with_user(self.user_po).action_place()
        self.assertEqual(later.state, "placed")

    def test_po2_location_without_places_is_not_limited(self):
        self.places(0, location=self.eik)
        self.internship.with_user(self.user_po).action_place()
        self.assertEqual(self.internship.state, "placed")

    def test_po2_praktijkopleider_overrides_and_the_chatter_says_who(self):
        self.places(1)
        self.internship.with_user(self.user_po).action_place()
        second = self.new_internship("Tom Teveel").with_user(self.user_po)
        second.capacity_override = True
        second.action_place()
        self.assertEqual(second.state, "placed")
        note = second.sudo().message_ids.filtered(
            lambda m: "beyond the places" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn("Petra Oosterhof", note.body)
        self.assertIn("PO-2", note.body)
        self.assertEqual(note.author_id, self.user_po.partner_id)
        # An override that was not needed leaves no note.
        self.places(1, itype=self.type_gpm4)
        other = self.new_internship("Olga Overal", itype=self.type_gpm4)
        other.with_user(self.user_po).write({"capacity_override": True})
        other.with_user(self.user_po).action_place()
        self.assertFalse(
            other.message_ids.filtered(lambda m: "beyond" in (m.body or ""))
        )

    def test_po2_manager_cannot_set_the_override(self):
        self.places(1)
        internship = self.internship.with_user(self.user_manager)
        with self.assertRaises(AccessError):
            internship.write({"capacity_override": True})
        self.assertFalse(self.internship.capacity_override)
        with self.assertRaises(AccessError):
            internship.action_place()

    # ------------------------------------------------------------------
    # Staffing limit (CAO Kinderopvang)
    # ------------------------------------------------------------------
    def test_rs1_staffing_warning_above_the_share_of_professionals(self):
        # De Linde: Marieke, Petra and Wendy are professionals; Sanne is an
        # intern and does not count.
        capacity = self.places(1)
        self.assertEqual(capacity.professional_count, 3)
        self.assertEqual(capacity.location_places, 1)
        self.assertIn("CAO Kinderopvang", capacity.staffing_warning)
        self.assertIn("33%", capacity.staffing_warning)
        self.company.samenwijs_intern_staff_share = 34
        self.env.invalidate_all()
        self.assertFalse(capacity.staffing_warning)
        # All types with care tasks of the location and school year count;
        # a snuffelstage has no care tasks.
        self.places(1, itype=self.type_gpm4)
        self.places(5, itype=self.type_snuffel)
        self.env.invalidate_all()
        self.assertEqual(capacity.location_places, 2)
        self.assertTrue(capacity.staffing_warning)
        # Employees of a department under the location count too.
        group = self.env["hr.department"].create(
            {"name": "Groep Rups", "parent_id": self.linde.id}
        )
        self.create_werkbegeleider("Greet Groep", None, group)
        self.create_werkbegeleider("Henk Groep", None, group)
        self.create_werkbegeleider("Ilse Groep", None, group)
        self.env.invalidate_all()
        self.assertEqual(capacity.professional_count, 6)
        self.assertFalse(capacity.staffing_warning)
        # On the form, the places on screen count before saving.
        form = Form(capacity.with_user(self.user_manager))
        form.places = 6
        self.assertTrue(form.staffing_warning)

    def test_rs1_staff_share_is_a_setting_within_bounds(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.samenwijs_intern_staff_share, 33)
        for value in (-1, 101):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                self.company.samenwijs_intern_staff_share = value

    # ------------------------------------------------------------------
    # Screens
    # ------------------------------------------------------------------
    def test_rs1_school_year_filters_follow_1_august(self):
        views = [
            "samenwijs_stage.samenwijs_internship_capacity_view_search",
            "samenwijs_stage.samenwijs_internship_view_search",
        ]
        cases = {
            date(2026, 11, 28): ("2026-2027", "2027-2028"),
            date(2027, 7, 31): ("2026-2027", "2027-2028"),
            date(2027, 8, 1): ("2027-2028", "2028-2029"),
            date(2027, 1, 1): ("2026-2027", "2027-2028"),
        }
        for xmlid in views:
            arch = self.env.ref(xmlid).arch
            for today, expected in cases.items():
                context = {
                    "context_today": lambda today=today: today,
                    "relativedelta": relativedelta,
                }
                found = []
                for name in ("this_school_year", "next_school_year"):
                    start = arch.index(f'name="{name}"')
                    domain = arch[arch.index('domain="', start) + 8 :]
                    domain = domain[: domain.index('"/>')].replace("&gt;", ">")
                    found.append(safe_eval(domain, context)[0][2])
                with self.subTest(view=xmlid, today=today):
                    self.assertEqual(tuple(found), expected)

    def test_po2_pipeline_by_state_for_one_school_year(self):
        action = self.env.ref("samenwijs_stage.samenwijs_internship_action_pipeline")
        context = safe_eval(action.context)
        self.assertEqual(context, {"search_default_this_school_year": 1})
        Internship = self.env["samenwijs.internship"].with_user(self.user_po)
        views = Internship.get_views(
            [(action.view_id.id, "kanban"), (action.search_view_id.id, "search")]
        )["views"]
        self.assertIn('default_group_by="state"', views["kanban"]["arch"])
        search = views["search"]["arch"]
        for name in ("school_id", "internship_type_id", "department_id"):
            self.assertIn(f'name="{name}"', search[search.index("<searchpanel") :])
        self.internship.action_place()
        applicant = self.new_internship("Amira Sollicitant")
        applicant.action_apply()
        groups = Internship.formatted_read_group(
            [("school_year", "=", self.year)], ["state"], ["__count"]
        )
        counts = {group["state"]: group["__count"] for group in groups}
        self.assertEqual(counts["placed"], 1)
        self.assertEqual(counts["application"], 1)
        # From a row of places to its internships.
        capacity = self.places(3).with_user(self.user_manager)
        result = capacity.action_view_internships()
        self.assertEqual(
            Internship.with_user(self.user_manager).search(result["domain"]),
            self.internship | applicant,
        )
