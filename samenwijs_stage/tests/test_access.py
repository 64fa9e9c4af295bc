import base64
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import SamenwijsCase

VOG_COPY = base64.b64encode(b"%PDF-1.4 VOG copy of Sanne Jansen")

# Fields of the onboarding checklist and the VOG: personal data that payroll
# must not read.
ONBOARDING_FIELDS = [
    "vog_received",
    "vog_received_date",
    "vog_date_issue",
    "vog_issued_for",
    "vog_file",
    "vog_filename",
    "vog_too_old",
    "personenregister_informed",
    "personenregister_registered",
    "personenregister_koppeling_date",
    "personenregister_manager_informed",
    "bpv_signed",
    "bpv_signed_date",
    "personal_data_form_returned",
    "bpv_book_handed",
    "introduction_piece_written",
]

# A sample of the fields only a praktijkopleider (or administrator) may change.
PO_ONLY_VALUES = {
    "state": "running",
    "vog_received": True,
    "vog_received_date": date(2026, 1, 5),
    "personenregister_koppeling_date": date(2026, 1, 5),
    "bpv_signed": True,
    "personal_data_form_returned": True,
    "date_start": date(2026, 9, 1),
    "study_year": 2,
    "rejection_reason": "No room",
}


class SamenwijsAccessCase(SamenwijsCase):
    """The fixture organisation, plus the internships the access tests need.

    Region Noord: ``internship`` (Sanne, De Linde, Wendy, placed, with a VOG
    copy), ``internship_eik`` (Bram, De Eik, Esther, placed) and ``snuffel``
    (Daan, De Linde, Wendy, placed, snuffelstage without allowance).
    Region Zuid: ``internship2`` (Zoë, Het Anker, Willem, placed).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.emp_wb_eik = cls.create_werkbegeleider("Esther Eik", None, cls.eik)
        cls.intervision.attendee_ids = [Command.link(cls.emp_wb_eik.id)]
        cls.emp_intern_eik = Employee.create(
            {
                "name": "Bram Eik",
                "department_id": cls.eik.id,
                "employee_type": "trainee",
            }
        )
        cls.emp_snuffel = Employee.create(
            {
                "name": "Daan Snuffel",
                "department_id": cls.linde.id,
                "employee_type": "student",
            }
        )
        cls.internship_eik = cls.create_internship(
            employee=cls.emp_intern_eik, werkbegeleider=cls.emp_wb_eik, location=cls.eik
        )
        cls.snuffel = cls.create_internship(
            employee=cls.emp_snuffel, itype=cls.type_snuffel
        )
        cls.internship.write(
            {
                "vog_received": True,
                "vog_file": VOG_COPY,
                "vog_filename": "vog_sanne.pdf",
            }
        )
        cls.placed = cls.internship | cls.internship2 | cls.internship_eik | cls.snuffel
        cls.placed.action_place()
        cls.intervision_zuid = cls.env["samenwijs.intervision.session"].create(
            {
                "name": "Intervisie Zuid",
                "date": datetime(cls.today.year, 2, 10, 19, 0),
                "organiser_id": cls.emp_po2.id,
                "attendee_ids": [Command.link(cls.emp_wb2.id)],
            }
        )
        cls.all_users = {
            "intern": cls.user_intern,
            "werkbegeleider": cls.user_wb,
            "manager": cls.user_manager,
            "praktijkopleider": cls.user_po,
            "admin": cls.user_admin,
            "payroll": cls.user_payroll,
        }

    def assertReadRefused(self, records, user, field_names=("name",)):
        """Reading ``field_names`` of ``records`` as ``user`` raises AccessError."""
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            records.with_user(user).read(list(field_names))

    def assertReadAllowed(self, records, user, field_names=("name",)):
        self.env.invalidate_all()
        values = records.with_user(user).read(list(field_names))
        self.assertEqual(len(values), len(records))
        return values

    def draft_internship(self, user, location, employee_name="Nieuwe Stagiaire"):
        """Register a draft internship at ``location`` as ``user``."""
        werkbegeleider = {
            self.linde: self.emp_wb,
            self.eik: self.emp_wb_eik,
            self.anker: self.emp_wb2,
        }[location]
        intern = self.env["hr.employee"].create(
            {
                "name": employee_name,
                "department_id": location.id,
                "employee_type": "trainee",
            }
        )
        return (
            self.env["samenwijs.internship"]
            .with_user(user)
            .create(
                {
                    "employee_id": intern.id,
                    "internship_type_id": self.type_pw3.id,
                    "werkbegeleider_id": werkbegeleider.id,
                    "date_start": self.today + relativedelta(months=2),
                    "schedule_ids": [
                        Command.create(
                            {"weekday": "2", "department_id": location.id, "hours": 8}
                        )
                    ],
                }
            )
        )


@tagged("post_install", "-at_install")
class TestInternshipAccess(SamenwijsAccessCase):
    """samenwijs.internship: who sees, changes, registers and deletes which
    internship."""

    # ------------------------------------------------------------------
    # Intern
    # ------------------------------------------------------------------
    def test_intern_reads_only_own_internship(self):
        Internship = self.env["samenwijs.internship"].with_user(self.user_intern)
        self.assertEqual(Internship.search([]), self.internship)
        values = self.assertReadAllowed(
            self.internship,
            self.user_intern,
            ["name", "werkbegeleider_id", "vog_received", "bpv_book_handed"],
        )
        self.assertEqual(values[0]["werkbegeleider_id"][0], self.emp_wb.id)

    def test_intern_cannot_see_other_interns_internship(self):
        """Cross-intern leak: Sanne does not see Zoë's, Bram's or Daan's
        internship, not even when searching for it."""
        for other in (self.internship2, self.internship_eik, self.snuffel):
            with self.subTest(internship=other.employee_id.name):
                self.assertReadRefused(other, self.user_intern)
        Internship = self.env["samenwijs.internship"].with_user(self.user_intern)
        self.assertFalse(Internship.search([("employee_id", "=", self.emp_intern2.id)]))
        self.assertFalse(
            Internship.search_count([("id", "=", self.internship2.id)]), "search_count"
        )
        self.assertEqual(
            Internship.with_user(self.user_intern2).search([]), self.internship2
        )

    def test_intern_cannot_write_create_or_unlink_internship(self):
        internship = self.internship.with_user(self.user_intern)
        with self.assertRaises(AccessError):
            internship.write({"notes": "<p>Mijn stage</p>"})
        with self.assertRaises(AccessError):
            internship.write({"bpv_book_handed": True})
        with self.assertRaises(AccessError):
            self.draft_internship(self.user_intern, self.linde)
        with self.assertRaises(AccessError):
            internship.unlink()
        self.assertFalse(self.internship.bpv_book_handed)

    # ------------------------------------------------------------------
    # Werkbegeleider
    # ------------------------------------------------------------------
    def test_werkbegeleider_sees_only_supervised_internships(self):
        Internship = self.env["samenwijs.internship"]
        self.assertEqual(
            Internship.with_user(self.user_wb).search([]),
            self.internship | self.snuffel,
        )
        self.assertEqual(
            Internship.with_user(self.user_wb2).search([]), self.internship2
        )
        self.assertReadAllowed(self.internship | self.snuffel, self.user_wb)
        for other in (self.internship2, self.internship_eik):
            with self.subTest(internship=other.employee_id.name):
                self.assertReadRefused(other, self.user_wb)

    def test_werkbegeleider_ticks_checklist_of_supervised_internship(self):
        """ST-3, IN-2: the werkbegeleider ticks the BPV book and the
        introduction piece, only of the internships they supervise."""
        self.internship.with_user(self.user_wb).write(
            {"bpv_book_handed": True, "introduction_piece_written": True}
        )
        self.assertTrue(self.internship.bpv_book_handed)
        self.assertTrue(self.internship.introduction_piece_written)
        with self.assertRaises(AccessError):
            self.internship2.with_user(self.user_wb).write({"bpv_book_handed": True})
        with self.assertRaises(AccessError):
            self.internship_eik.with_user(self.user_wb).write(
                {"introduction_piece_written": True}
            )
        self.assertFalse(self.internship2.bpv_book_handed)

    def test_werkbegeleider_cannot_write_praktijkopleider_fields(self):
        internship = self.internship.with_user(self.user_wb)
        for field, value in {
            **PO_ONLY_VALUES,
            "werkbegeleider_id": self.emp_wb_eik.id,
            "department_id": self.eik.id,
            "employee_id": self.emp_intern2.id,
            "vog_file": VOG_COPY,
        }.items():
            with self.subTest(field=field), self.assertRaises(AccessError):
                internship.write({field: value})
        self.assertEqual(self.internship.werkbegeleider_id, self.emp_wb)
        self.assertEqual(self.internship.state, "placed")

    def test_werkbegeleider_cannot_place_start_create_or_unlink(self):
        draft = self.draft_internship(self.user_po, self.linde)
        with self.assertRaises(AccessError):
            draft.with_user(self.user_wb).action_place()
        self.assertEqual(draft.state, "draft")
        self.complete_legal_checks(self.internship)
        with self.assertRaises(AccessError):
            self.internship.with_user(self.user_wb).action_start()
        self.assertEqual(self.internship.state, "placed")
        with self.assertRaises(AccessError):
            self.draft_internship(self.user_wb, self.linde)
        with self.assertRaises(AccessError):
            draft.with_user(self.user_wb).unlink()
        self.assertTrue(draft.exists())

    def test_werkbegeleider_start_refused_before_legal_checks_are_looked_at(self):
        """Starting is refused for its lack of rights, not for a missing VOG:
        the werkbegeleider learns nothing from the refusal."""
        with self.assertRaises(AccessError):
            self.internship2.with_user(self.user_wb2).action_start()
        with self.assertRaises(AccessError):
            self.internship2.with_user(self.user_manager2).action_start()

    # ------------------------------------------------------------------
    # Location manager
    # ------------------------------------------------------------------
    def test_manager_sees_internships_of_own_locations(self):
        Internship = self.env["samenwijs.internship"]
        self.assertEqual(
            Internship.with_user(self.user_manager).search([]),
            self.internship | self.snuffel,
        )
        self.assertEqual(
            Internship.with_user(self.user_manager_eik).search([]),
            self.internship_eik,
        )
        self.assertEqual(
            Internship.with_user(self.user_manager2).search([]), self.internship2
        )
        self.assertReadRefused(self.internship_eik, self.user_manager)
        self.assertReadRefused(self.internship, self.user_manager_eik)

    def test_manager_cannot_see_other_region(self):
        """Cross-region leak: Marieke (Noord) does not see Het Anker (Zuid)."""
        self.assertReadRefused(self.internship2, self.user_manager)
        self.assertReadRefused(self.internship, self.user_manager2)
        with self.assertRaises(AccessError):
            self.internship2.with_user(self.user_manager).write(
                {"bpv_book_handed": True}
            )

    def test_manager_sees_no_other_region_through_employee(self):
        """Cross-region leak through hr.employee: the supervised internships
        of Willem (Zuid) are empty for Marieke (Noord)."""
        values = self.assertReadAllowed(
            self.emp_wb | self.emp_wb2,
            self.user_manager,
            ["supervised_internship_ids", "internship_ids"],
        )
        supervised = {v["id"]: v["supervised_internship_ids"] for v in values}
        self.assertEqual(
            set(supervised[self.emp_wb.id]), set((self.internship | self.snuffel).ids)
        )
        self.assertEqual(supervised[self.emp_wb2.id], [])

    def test_manager_without_locations_sees_no_internship(self):
        lonely = new_test_user(
            self.env,
            login="t_manager_none",
            groups="base.group_user,samenwijs_stage.group_manager",
        )
        Internship = self.env["samenwijs.internship"].with_user(lonely)
        self.assertFalse(Internship.search([]))
        self.assertReadRefused(self.internship, lonely)

    def test_manager_follows_location_when_manager_changes(self):
        """The rule reads the managed locations when it is applied: a new
        location manager sees the location's internships at once."""
        self.eik.manager_id = self.emp_manager
        Internship = self.env["samenwijs.internship"]
        self.assertEqual(
            Internship.with_user(self.user_manager).search([]),
            self.internship | self.snuffel | self.internship_eik,
        )
        self.assertFalse(Internship.with_user(self.user_manager_eik).search([]))

    def test_manager_ticks_checklist_but_not_praktijkopleider_fields(self):
        internship = self.internship.with_user(self.user_manager)
        internship.write({"bpv_book_handed": True, "introduction_piece_written": True})
        self.assertTrue(self.internship.bpv_book_handed)
        for field, value in {
            **PO_ONLY_VALUES,
            "werkbegeleider_id": self.emp_wb_eik.id,
        }.items():
            with self.subTest(field=field), self.assertRaises(AccessError):
                internship.write({field: value})

    def test_manager_cannot_place_start_create_or_unlink(self):
        draft = self.draft_internship(self.user_po, self.linde)
        with self.assertRaises(AccessError):
            draft.with_user(self.user_manager).action_place()
        self.complete_legal_checks(self.internship)
        with self.assertRaises(AccessError):
            self.internship.with_user(self.user_manager).action_start()
        with self.assertRaises(AccessError):
            self.draft_internship(self.user_manager, self.linde)
        with self.assertRaises(AccessError):
            draft.with_user(self.user_manager).unlink()
        self.assertEqual(draft.state, "draft")
        self.assertEqual(self.internship.state, "placed")

    # ------------------------------------------------------------------
    # Praktijkopleider
    # ------------------------------------------------------------------
    def test_po_sees_internships_of_own_region(self):
        Internship = self.env["samenwijs.internship"]
        self.assertEqual(
            Internship.with_user(self.user_po).search([]),
            self.internship | self.internship_eik | self.snuffel,
        )
        self.assertEqual(
            Internship.with_user(self.user_po2).search([]), self.internship2
        )

    def test_po_cannot_see_other_region(self):
        """Cross-region leak: Petra (Noord) cannot read, change, delete or
        place an internship of Piet's region Zuid."""
        self.assertReadRefused(self.internship2, self.user_po)
        self.assertReadRefused(self.internship, self.user_po2, ["vog_file"])
        with self.assertRaises(AccessError):
            self.internship2.with_user(self.user_po).write({"notes": "<p>x</p>"})
        draft_zuid = self.draft_internship(self.user_po2, self.anker)
        with self.assertRaises(AccessError):
            draft_zuid.with_user(self.user_po).action_place()
        with self.assertRaises(AccessError):
            draft_zuid.with_user(self.user_po).unlink()
        self.assertTrue(draft_zuid.exists())
        self.assertEqual(draft_zuid.state, "draft")

    def test_po_cannot_register_internship_in_other_region(self):
        with self.assertRaises(AccessError):
            self.draft_internship(self.user_po, self.anker)

    def test_po_cannot_register_internship_in_other_region_as_its_po(self):
        """Cross-region leak: naming herself as praktijkopleider does not let
        Petra register an internship at Het Anker (Zuid); the region decides."""
        with self.assertRaises(AccessError):
            self.env["samenwijs.internship"].with_user(self.user_po).create(
                {
                    "employee_id": self.emp_intern2.id,
                    "internship_type_id": self.type_pw3.id,
                    "werkbegeleider_id": self.emp_wb2.id,
                    "praktijkopleider_id": self.emp_po.id,
                    "schedule_ids": [
                        Command.create({"weekday": "3", "department_id": self.anker.id})
                    ],
                }
            )
        self.assertEqual(self.emp_intern2.coach_id, self.emp_wb2)

    def test_po_keeps_application_without_location_until_it_moves(self):
        """An application without a location yet belongs to the PO named on
        it; once it gets a location of another region, that region's PO has
        it and the first PO no longer sees it."""
        Internship = self.env["samenwijs.internship"]
        application = Internship.with_user(self.user_po).create(
            {
                "employee_id": self.emp_intern2.id,
                "internship_type_id": self.type_pw3.id,
                "praktijkopleider_id": self.emp_po.id,
            }
        )
        self.assertFalse(application.department_id)
        self.assertReadAllowed(application, self.user_po)
        self.assertReadRefused(application, self.user_po2)
        # Petra cannot plan days at a location of Zuid herself ...
        with self.assertRaises(AccessError):
            application.with_user(self.user_po).write(
                {
                    "schedule_ids": [
                        Command.create({"weekday": "0", "department_id": self.anker.id})
                    ]
                }
            )
        # ... but she can hand the application over to Het Anker.
        application.with_user(self.user_po).write(
            {"department_id": self.anker.id, "werkbegeleider_id": self.emp_wb2.id}
        )
        self.assertEqual(application.praktijkopleider_id, self.emp_po2)
        self.assertReadRefused(application, self.user_po)
        self.assertIn(application, Internship.with_user(self.user_po2).search([]))

    def test_po_manages_internships_of_own_region(self):
        """PO-2: the PO registers, places, changes, rejects and deletes."""
        draft = self.draft_internship(self.user_po, self.eik, "Eva Eik")
        self.assertEqual(draft.praktijkopleider_id, self.emp_po)
        self.assertEqual(draft.department_id, self.eik)
        draft.with_user(self.user_po).write(
            {"werkbegeleider_id": self.emp_wb_eik.id, "study_year": 1}
        )
        draft.with_user(self.user_po).request_validation()
        self.decide_as(draft, self.user_manager_eik)
        draft.with_user(self.user_po).action_place()
        self.assertEqual(draft.state, "placed")
        self.complete_legal_checks(draft.with_user(self.user_po))
        draft.with_user(self.user_po).action_start()
        self.assertEqual(draft.state, "running")
        other = self.draft_internship(self.user_po, self.linde, "Olga Linde")
        other.with_user(self.user_po).action_reject()
        other.with_user(self.user_po).unlink()
        self.assertFalse(other.exists())

    # ------------------------------------------------------------------
    # Administrator
    # ------------------------------------------------------------------
    def test_admin_manages_all_internships(self):
        Internship = self.env["samenwijs.internship"].with_user(self.user_admin)
        self.assertLessEqual(self.placed, Internship.search([]))
        self.assertReadAllowed(self.placed, self.user_admin, ONBOARDING_FIELDS)
        self.internship2.with_user(self.user_admin).write(
            {"vog_received": True, "vog_file": VOG_COPY}
        )
        for location in (self.linde, self.anker):
            draft = self.draft_internship(self.user_admin, location, location.name)
            draft.with_user(self.user_admin).unlink()
            self.assertFalse(draft.exists())

    # ------------------------------------------------------------------
    # Payroll
    # ------------------------------------------------------------------
    def test_po9_payroll_reads_no_internship_and_no_schedule(self):
        """PO-9: payroll works on the allowance records; the internships, their
        schedules, notes and history are not payroll's business."""
        Internship = self.env["samenwijs.internship"].with_user(self.user_payroll)
        with self.assertRaises(AccessError):
            Internship.search([("id", "in", self.placed.ids)])
        for internship in self.placed:
            with self.subTest(internship=internship.name):
                self.assertReadRefused(internship, self.user_payroll)
                self.assertReadRefused(
                    internship.schedule_ids, self.user_payroll, ["hours"]
                )
        with self.assertRaises(AccessError):
            self.env["samenwijs.internship.schedule"].with_user(
                self.user_payroll
            ).search([])

    def test_po9_payroll_reads_the_allowances_of_placed_internships(self):
        """AL-1: payroll reads the allowance record of each placed internship
        with an allowance; a snuffelstage or a draft has none."""
        draft = self.draft_internship(self.user_po, self.linde)
        Allowance = self.env["samenwijs.allowance"].with_user(self.user_payroll)
        # The fixture's internships (a demo database holds others as well).
        fixture = (
            self.internship
            | self.internship2
            | self.internship_eik
            | self.snuffel
            | draft
        )
        allowances = Allowance.search([("internship_id", "in", fixture.ids)])
        self.assertEqual(
            set(allowances.mapped("internship_id").ids),
            set((self.internship | self.internship2 | self.internship_eik).ids),
        )
        self.assertFalse(draft.sudo().allowance_id)
        self.assertFalse(self.snuffel.sudo().allowance_id)
        values = self.assertReadAllowed(
            self.internship.sudo().allowance_id,
            self.user_payroll,
            ["name", "employee_id", "amount", "date_start", "date_end", "state"],
        )
        self.assertEqual(values[0]["employee_id"][0], self.emp_intern.id)
        self.assertEqual(values[0]["amount"], 120.0)
        self.assertEqual(values[0]["state"], "active")

    def test_payroll_cannot_read_onboarding_or_vog_fields(self):
        for field in ONBOARDING_FIELDS:
            with self.subTest(field=field):
                self.assertReadRefused(self.internship, self.user_payroll, [field])

    def test_payroll_cannot_write_create_or_unlink_internship(self):
        with self.assertRaises(AccessError):
            self.internship.with_user(self.user_payroll).write({"notes": "<p>x</p>"})
        with self.assertRaises(AccessError):
            self.draft_internship(self.user_payroll, self.linde)
        with self.assertRaises(AccessError):
            self.internship.with_user(self.user_payroll).unlink()
        self.complete_legal_checks(self.internship)
        with self.assertRaises(AccessError):
            self.internship.with_user(self.user_payroll).action_start()
        self.assertEqual(self.internship.state, "placed")

    # ------------------------------------------------------------------
    # VOG copy (VOG-1)
    # ------------------------------------------------------------------
    def test_vog1_copy_readable_only_by_po_and_admin(self):
        for user in (self.user_po, self.user_admin):
            with self.subTest(user=user.login):
                values = self.assertReadAllowed(
                    self.internship, user, ["vog_file", "vog_filename"]
                )
                self.assertEqual(values[0]["vog_file"], VOG_COPY)
        for user in (
            self.user_manager,
            self.user_wb,
            self.user_intern,
            self.user_payroll,
        ):
            with self.subTest(user=user.login):
                self.assertReadRefused(self.internship, user, ["vog_file"])
                self.assertReadRefused(self.internship, user, ["vog_filename"])

    def test_vog1_copy_not_readable_by_po_of_other_region(self):
        self.assertReadRefused(self.internship, self.user_po2, ["vog_file"])

    def test_vog1_copy_attachment_not_readable_by_other_roles(self):
        """The copy is stored as an attachment: reading it there is refused
        too."""
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "samenwijs.internship"),
                    ("res_id", "=", self.internship.id),
                    ("res_field", "=", "vog_file"),
                ]
            )
        )
        self.assertTrue(attachment)
        for user in (self.user_wb, self.user_intern, self.user_payroll):
            with self.subTest(user=user.login):
                self.assertReadRefused(attachment, user, ["datas"])

    # ------------------------------------------------------------------
    # Query budget
    # ------------------------------------------------------------------
    def test_po_internship_list_query_count(self):
        """The internship list of a PO does not grow a query per internship."""
        for location in (self.linde, self.eik, self.linde):
            self.draft_internship(self.user_po, location, f"Extra {location.name}")
        Internship = self.env["samenwijs.internship"].with_user(self.user_po)
        specification = {
            "name": {},
            "employee_id": {"fields": {"display_name": {}}},
            "internship_type_id": {"fields": {"display_name": {}}},
            "department_id": {"fields": {"display_name": {}}},
            "werkbegeleider_id": {"fields": {"display_name": {}}},
            "date_start": {},
            "date_end": {},
            "onboarding_progress": {},
            "state": {},
        }
        Internship.web_search_read([], specification)  # warm the caches
        self.env.invalidate_all()
        # Measured: 8 queries, for 6 internships as for 15.
        with self.assertQueryCount(8):
            result = Internship.web_search_read([], specification)
        self.assertEqual(result["length"], 6)


@tagged("post_install", "-at_install")
class TestScheduleAccess(SamenwijsAccessCase):
    """samenwijs.internship.schedule follows the internship; only the PO and
    the administrator plan."""

    def test_schedule_visible_per_role(self):
        Schedule = self.env["samenwijs.internship.schedule"]
        lines = self.placed.schedule_ids
        expected = {
            self.user_intern: self.internship,
            self.user_intern2: self.internship2,
            self.user_wb: self.internship | self.snuffel,
            self.user_manager: self.internship | self.snuffel,
            self.user_manager_eik: self.internship_eik,
            self.user_po: self.internship | self.internship_eik | self.snuffel,
            self.user_po2: self.internship2,
            self.user_admin: self.placed,
        }
        for user, internships in expected.items():
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                self.assertEqual(
                    Schedule.with_user(user).search([("id", "in", lines.ids)]),
                    internships.schedule_ids,
                )

    def test_intern_cannot_read_schedule_of_other_intern(self):
        self.assertReadRefused(
            self.internship2.schedule_ids, self.user_intern, ["hours"]
        )
        self.assertReadRefused(
            self.internship.schedule_ids, self.user_intern2, ["hours"]
        )

    def test_schedule_changed_only_by_po_and_admin(self):
        line = self.internship.schedule_ids[0]
        Schedule = self.env["samenwijs.internship.schedule"]
        new_line = {
            "internship_id": self.internship.id,
            "weekday": "3",
            "department_id": self.linde.id,
            "hours": 4,
        }
        for role in ("intern", "werkbegeleider", "manager", "payroll"):
            user = self.all_users[role]
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    line.with_user(user).write({"hours": 6})
                with self.assertRaises(AccessError):
                    Schedule.with_user(user).create(new_line)
                with self.assertRaises(AccessError):
                    line.with_user(user).unlink()
        self.assertEqual(line.hours, 8)
        for role in ("praktijkopleider", "admin"):
            user = self.all_users[role]
            with self.subTest(role=role):
                line.with_user(user).write({"hours": 7})
                created = Schedule.with_user(user).create(new_line)
                created.with_user(user).unlink()
                self.assertFalse(created.exists())
        self.assertEqual(line.hours, 7)

    def test_po_cannot_plan_schedule_of_other_region(self):
        line = self.internship2.schedule_ids[0]
        with self.assertRaises(AccessError):
            line.with_user(self.user_po).write({"hours": 6})
        with self.assertRaises(AccessError):
            line.with_user(self.user_po).unlink()
        with self.assertRaises(AccessError):
            self.env["samenwijs.internship.schedule"].with_user(self.user_po).create(
                {
                    "internship_id": self.internship2.id,
                    "weekday": "3",
                    "department_id": self.anker.id,
                    "hours": 4,
                }
            )
        self.assertEqual(len(self.internship2.schedule_ids), 2)
        self.assertEqual(line.hours, 8)


@tagged("post_install", "-at_install")
class TestInternshipTypeAccess(SamenwijsAccessCase):
    """samenwijs.internship.type is configuration: read by all, kept by the
    administrator."""

    def test_every_role_reads_internship_types(self):
        types = self.type_pw3 | self.type_snuffel
        for role, user in self.all_users.items():
            with self.subTest(role=role):
                Type = self.env["samenwijs.internship.type"].with_user(user)
                self.assertLessEqual(types, Type.search([]))
                self.assertReadAllowed(types, user, ["name", "allowance"])

    def test_only_admin_configures_internship_types(self):
        values = {"name": "Zij-instroom", "code": "ZIJ"}
        for role in (
            "intern",
            "werkbegeleider",
            "manager",
            "praktijkopleider",
            "payroll",
        ):
            user = self.all_users[role]
            with self.subTest(role=role):
                Type = self.env["samenwijs.internship.type"].with_user(user)
                with self.assertRaises(AccessError):
                    Type.create(values)
                with self.assertRaises(AccessError):
                    self.type_pw3.with_user(user).write({"allowance": False})
                with self.assertRaises(AccessError):
                    self.type_snuffel.with_user(user).unlink()
        self.assertTrue(self.type_pw3.allowance)
        Type = self.env["samenwijs.internship.type"].with_user(self.user_admin)
        new_type = Type.create(values)
        new_type.write({"allowance": False})
        new_type.unlink()
        self.assertFalse(new_type.exists())


@tagged("post_install", "-at_install")
class TestIntervisionAccess(SamenwijsAccessCase):
    """samenwijs.intervision.session: organised by the PO of a region (PO-3),
    attended by werkbegeleiders (WB-3)."""

    def test_intern_and_payroll_have_no_access_to_intervision(self):
        Session = self.env["samenwijs.intervision.session"]
        for user in (self.user_intern, self.user_payroll):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    Session.with_user(user).search([])
                self.assertReadRefused(self.intervision, user)
                with self.assertRaises(AccessError):
                    Session.with_user(user).create(
                        {"name": "x", "date": datetime(2026, 5, 1, 19, 0)}
                    )

    def test_werkbegeleider_reads_only_attended_sessions(self):
        Session = self.env["samenwijs.intervision.session"]
        other = Session.create(
            {
                "name": "Intervisie zonder Wendy",
                "date": datetime(self.today.year, 5, 10, 19, 0),
                "organiser_id": self.emp_po.id,
                "attendee_ids": [Command.link(self.emp_wb_eik.id)],
            }
        )
        self.assertEqual(Session.with_user(self.user_wb).search([]), self.intervision)
        self.assertReadRefused(other | self.intervision_zuid, self.user_wb)
        session = self.intervision[0].with_user(self.user_wb)
        with self.assertRaises(AccessError):
            session.write({"state": "done"})
        with self.assertRaises(AccessError):
            Session.with_user(self.user_wb).create(
                {"name": "Eigen avond", "date": datetime(2026, 5, 1, 19, 0)}
            )
        with self.assertRaises(AccessError):
            session.unlink()

    def test_manager_reads_sessions_of_own_region_only(self):
        Session = self.env["samenwijs.intervision.session"]
        sessions = self.intervision | self.intervision_zuid
        for user in (self.user_manager, self.user_manager_eik):
            with self.subTest(user=user.login):
                self.assertEqual(
                    Session.with_user(user).search([("id", "in", sessions.ids)]),
                    self.intervision,
                )
                self.assertReadRefused(self.intervision_zuid, user)
        self.assertEqual(
            Session.with_user(self.user_manager2).search([("id", "in", sessions.ids)]),
            self.intervision_zuid,
        )
        with self.assertRaises(AccessError):
            self.intervision[0].with_user(self.user_manager).write({"state": "done"})
        with self.assertRaises(AccessError):
            self.intervision[0].with_user(self.user_manager).unlink()

    def test_po_manages_sessions_of_own_region(self):
        """PO-3: the PO organises intervision for the region."""
        Session = self.env["samenwijs.intervision.session"].with_user(self.user_po)
        session = Session.create(
            {"name": "Intervisie mei", "date": datetime(self.today.year, 5, 12, 19, 0)}
        )
        self.assertEqual(session.region_id, self.region)
        session.write({"attendee_ids": [Command.link(self.emp_wb.id)]})
        self.intervision[0].with_user(self.user_po).action_done()
        self.assertEqual(self.intervision[0].state, "done")
        session.unlink()
        self.assertFalse(session.exists())

    def test_po_cannot_manage_sessions_of_other_region(self):
        self.assertReadRefused(self.intervision_zuid, self.user_po)
        with self.assertRaises(AccessError):
            self.intervision_zuid.with_user(self.user_po).action_cancel()
        with self.assertRaises(AccessError):
            self.intervision_zuid.with_user(self.user_po).unlink()
        with self.assertRaises(AccessError):
            self.intervision[0].with_user(self.user_po2).write({"name": "Gekaapt"})
        self.assertEqual(self.intervision_zuid.state, "planned")

    def test_admin_manages_all_sessions(self):
        Session = self.env["samenwijs.intervision.session"].with_user(self.user_admin)
        sessions = self.intervision | self.intervision_zuid
        self.assertEqual(Session.search([("id", "in", sessions.ids)]), sessions)
        sessions.with_user(self.user_admin).write({"location": "Hoofdkantoor"})
        session = Session.create(
            {
                "name": "Regio-overstijgend",
                "date": datetime(self.today.year, 6, 1, 19, 0),
                "organiser_id": self.emp_po2.id,
            }
        )
        session.unlink()
        self.assertFalse(session.exists())


@tagged("post_install", "-at_install")
class TestEmployeeRoleAccess(SamenwijsAccessCase):
    """The werkbegeleider fields on hr.employee (WB-1..WB-4)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.candidate = Employee.create(
            {"name": "Fleur Eik", "department_id": cls.eik.id}
        )
        cls.candidate_zuid = Employee.create(
            {"name": "Zeger Zuid", "department_id": cls.anker.id}
        )
        cls.recent_wb = cls.create_werkbegeleider(
            "Rosa Recent",
            None,
            cls.linde,
            werkbegeleider_since=cls.today - relativedelta(months=8),
        )

    def test_po_sets_werkbegeleider_fields_in_own_region(self):
        self.candidate.with_user(self.user_po).write(
            {"is_werkbegeleider": True, "werkbegeleider_training": "planned"}
        )
        self.assertTrue(self.candidate.is_werkbegeleider)
        self.assertEqual(self.candidate.werkbegeleider_training, "planned")
        self.assertEqual(self.candidate.werkbegeleider_since, self.today)

    def test_po_cannot_set_werkbegeleider_fields_in_other_region(self):
        for employee in (self.candidate_zuid, self.emp_wb2):
            with self.subTest(employee=employee.name):
                with self.assertRaises(AccessError):
                    employee.with_user(self.user_po).write({"is_werkbegeleider": True})
                with self.assertRaises(AccessError):
                    employee.with_user(self.user_po).write(
                        {"werkbegeleider_training": "none"}
                    )
        self.assertFalse(self.candidate_zuid.is_werkbegeleider)
        self.assertEqual(self.emp_wb2.werkbegeleider_training, "followed")

    def test_intern_and_werkbegeleider_cannot_set_werkbegeleider_fields(self):
        for user in (self.user_intern, self.user_wb):
            with self.subTest(user=user.login):
                for employee in (self.candidate, self.emp_wb):
                    with self.assertRaises(AccessError):
                        employee.with_user(user).write({"is_werkbegeleider": True})
                    with self.assertRaises(AccessError):
                        employee.with_user(user).write(
                            {"werkbegeleider_training": "followed"}
                        )
                self.assertReadRefused(self.emp_wb, user, ["is_werkbegeleider"])
        self.assertFalse(self.candidate.is_werkbegeleider)

    def test_manager_reads_but_cannot_set_werkbegeleider_fields(self):
        values = self.assertReadAllowed(
            self.emp_wb,
            self.user_manager,
            ["is_werkbegeleider", "werkbegeleider_training", "werkbegeleider_eligible"],
        )
        self.assertTrue(values[0]["werkbegeleider_eligible"])
        with self.assertRaises(AccessError):
            self.candidate.with_user(self.user_manager).write(
                {"is_werkbegeleider": True}
            )
        with self.assertRaises(AccessError):
            self.emp_wb.with_user(self.user_manager).write(
                {"werkbegeleider_training": "planned"}
            )

    def test_payroll_cannot_read_or_set_werkbegeleider_fields(self):
        self.assertReadRefused(
            self.emp_wb,
            self.user_payroll,
            ["is_werkbegeleider", "supervised_internship_ids"],
        )
        with self.assertRaises(AccessError):
            self.candidate.with_user(self.user_payroll).write(
                {"is_werkbegeleider": True}
            )

    def test_admin_sets_werkbegeleider_fields_everywhere(self):
        (self.candidate | self.candidate_zuid).with_user(self.user_admin).write(
            {"is_werkbegeleider": True, "werkbegeleider_training": "followed"}
        )
        self.assertTrue(self.candidate_zuid.is_werkbegeleider)

    def test_hr_officer_without_internship_role_opens_employee_form(self):
        """The internship fields on the employee form do not lock out HR
        officers who have no internship role."""
        hr_officer = new_test_user(
            self.env, login="t_hr_officer", groups="base.group_user,hr.group_hr_user"
        )
        Employee = self.env["hr.employee"].with_user(hr_officer)
        views = Employee.get_views([(False, "form")])
        field_names = list(views["models"]["hr.employee"]["fields"])
        self.assertIn("is_werkbegeleider", field_names)
        self.assertNotIn("supervised_internship_ids", field_names)
        self.assertNotIn("intervision_session_ids", field_names)
        self.assertReadAllowed(self.emp_wb, hr_officer, field_names)
        # HR officers keep the werkbegeleider data of all employees.
        self.candidate_zuid.with_user(hr_officer).werkbegeleider_training = "planned"
        self.assertEqual(self.candidate_zuid.werkbegeleider_training, "planned")

    def test_employee_without_internship_role_reads_departments(self):
        employee = new_test_user(self.env, login="t_employee", groups="base.group_user")
        self.env.invalidate_all()
        values = self.linde.with_user(employee).read(
            ["name", "parent_id", "manager_id", "praktijkopleider_id"]
        )
        self.assertEqual(values[0]["name"], self.linde.name)
        self.assertNotIn("internship_ids", values[0])
        self.assertReadRefused(self.linde, employee, ["internship_ids"])
        values = self.assertReadAllowed(
            self.linde, self.user_intern, ["internship_ids"]
        )
        self.assertEqual(values[0]["internship_ids"], self.internship.ids)

    def test_wb4_release_override_only_by_po_and_recorded(self):
        for role in ("intern", "werkbegeleider", "manager", "payroll"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.recent_wb.with_user(
                    self.all_users[role]
                ).action_release_werkbegeleider()
        self.assertTrue(self.recent_wb.is_werkbegeleider)
        self.recent_wb.with_user(self.user_po).action_release_werkbegeleider()
        self.assertFalse(self.recent_wb.is_werkbegeleider)
        message = self.recent_wb.message_ids[0]
        self.assertIn("WB-4 override", message.body)
        self.assertEqual(message.author_id, self.user_po.partner_id)

    def test_wb4_release_override_refused_for_po_of_other_region(self):
        with self.assertRaises(AccessError):
            self.recent_wb.with_user(self.user_po2).action_release_werkbegeleider()
        self.assertTrue(self.recent_wb.is_werkbegeleider)
        self.assertFalse(
            self.recent_wb.message_ids.filtered(lambda m: "WB-4" in (m.body or ""))
        )
