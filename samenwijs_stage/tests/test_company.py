from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SamenwijsCase


@tagged("post_install", "-at_install")
class TestMultiCompany(SamenwijsCase):
    """Issue 8, point 9: internships, their schedules and intervision sessions
    belong to a company; a user sees only those of the companies they work
    in, whatever their role, and records of two companies are not linked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Kinderopvang Elders"})
        env_b = cls.env(
            context=dict(cls.env.context, allowed_company_ids=[cls.company_b.id])
        )
        Employee = env_b["hr.employee"]
        cls.user_po_b = new_test_user(
            cls.env,
            login="t_po_b",
            name="Bea Elders",
            groups="base.group_user,samenwijs_stage.group_praktijkopleider",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.emp_po_b = Employee.create(
            {
                "name": "Bea Elders",
                "user_id": cls.user_po_b.id,
                "company_id": cls.company_b.id,
                "is_praktijkopleider": True,
            }
        )
        cls.region_b = env_b["hr.department"].create(
            {
                "name": "Regio Elders",
                "company_id": cls.company_b.id,
                "praktijkopleider_id": cls.emp_po_b.id,
            }
        )
        cls.location_b = env_b["hr.department"].create(
            {
                "name": "KDV Elders",
                "company_id": cls.company_b.id,
                "parent_id": cls.region_b.id,
            }
        )
        cls.emp_intern_b = Employee.create(
            {
                "name": "Ilse Elders",
                "company_id": cls.company_b.id,
                "department_id": cls.location_b.id,
                "employee_type": "trainee",
            }
        )
        cls.internship_b = env_b["samenwijs.internship"].create(
            {
                "company_id": cls.company_b.id,
                "employee_id": cls.emp_intern_b.id,
                "internship_type_id": cls.type_pw3.id,
                "date_start": cls.today + relativedelta(days=14),
                "date_end": cls.today + relativedelta(months=10),
                "schedule_ids": [
                    Command.create({"weekday": "0", "department_id": cls.location_b.id})
                ],
            }
        )
        cls.session_b = env_b["samenwijs.intervision.session"].create(
            {
                "name": "Intervisie Elders",
                "date": datetime(cls.today.year, 4, 10, 19, 0),
                "organiser_id": cls.emp_po_b.id,
                "company_id": cls.company_b.id,
            }
        )
        # Administrators (the director's view): one works in company A only,
        # the other in both companies.
        cls.user_admin_both = new_test_user(
            cls.env,
            login="t_admin_both",
            name="Bram Beide",
            groups="base.group_user,samenwijs_stage.group_admin",
            company_id=cls.company.id,
            company_ids=[Command.set((cls.company | cls.company_b).ids)],
        )

    def _visible(self, user, model, records):
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_records_carry_the_company(self):
        self.assertEqual(self.internship.company_id, self.company)
        self.assertEqual(self.internship.schedule_ids.company_id, self.company)
        self.assertEqual(self.internship_b.schedule_ids.company_id, self.company_b)
        self.assertEqual(self.intervision.company_id, self.company)

    def test_user_of_one_company_does_not_see_the_other(self):
        internships = self.internship | self.internship_b
        schedules = internships.schedule_ids
        sessions = self.intervision | self.session_b
        self.assertNotIn(self.company_b, self.user_admin.company_ids)
        admin = self.user_admin
        self.assertEqual(
            self._visible(admin, "samenwijs.internship", internships),
            self.internship,
        )
        self.assertEqual(
            self._visible(admin, "samenwijs.internship.schedule", schedules),
            self.internship.schedule_ids,
        )
        self.assertEqual(
            self._visible(admin, "samenwijs.intervision.session", sessions),
            self.intervision,
        )
        with self.assertRaises(AccessError):
            self.internship_b.with_user(admin).read(["name"])
        with self.assertRaises(AccessError):
            self.internship_b.schedule_ids.with_user(admin).read(["hours"])
        with self.assertRaises(AccessError):
            self.session_b.with_user(admin).read(["name"])
        with self.assertRaises(AccessError):
            self.internship_b.with_user(admin).write({"study_year": 2})

    def test_praktijkopleider_of_other_company_sees_only_their_own(self):
        internships = self.internship | self.internship_b
        self.assertEqual(
            self._visible(self.user_po_b, "samenwijs.internship", internships),
            self.internship_b,
        )
        self.assertEqual(
            self._visible(
                self.user_po_b, "samenwijs.intervision.session", self.session_b
            ),
            self.session_b,
        )
        with self.assertRaises(AccessError):
            self.internship.with_user(self.user_po_b).read(["name"])

    def test_user_of_both_companies_sees_both(self):
        internships = self.internship | self.internship_b
        sessions = self.intervision | self.session_b
        both = (self.company | self.company_b).ids
        env = self.env(user=self.user_admin_both, context={"allowed_company_ids": both})
        self.assertEqual(
            env["samenwijs.internship"].search([("id", "in", internships.ids)]),
            internships,
        )
        self.assertEqual(
            env["samenwijs.internship.schedule"].search(
                [("id", "in", internships.schedule_ids.ids)]
            ),
            internships.schedule_ids,
        )
        self.assertEqual(
            env["samenwijs.intervision.session"].search([("id", "in", sessions.ids)]),
            sessions,
        )
        # With only company A switched on, company B's records are hidden.
        env_a = env(context={"allowed_company_ids": self.company.ids})
        self.assertEqual(
            env_a["samenwijs.internship"].search([("id", "in", internships.ids)]),
            self.internship,
        )

    def test_schedule_location_of_other_company_is_refused(self):
        with (
            self.assertRaisesRegex(UserError, "another company"),
            self.env.cr.savepoint(),
        ):
            self.env["samenwijs.internship.schedule"].with_user(self.user_po).create(
                {
                    "internship_id": self.internship.id,
                    "weekday": "4",
                    "department_id": self.location_b.id,
                    "hours": 4,
                }
            )
        line = self.internship.schedule_ids[0]
        with (
            self.assertRaisesRegex(UserError, "another company"),
            self.env.cr.savepoint(),
        ):
            line.with_user(self.user_admin_both).with_context(
                allowed_company_ids=(self.company | self.company_b).ids
            ).department_id = self.location_b
        self.assertEqual(line.department_id, self.linde)

    def test_intervision_people_of_other_company_are_refused(self):
        session = (
            self.intervision[0]
            .with_user(self.user_admin_both)
            .with_context(allowed_company_ids=(self.company | self.company_b).ids)
        )
        with (
            self.assertRaisesRegex(UserError, "another company"),
            self.env.cr.savepoint(),
        ):
            session.attendee_ids = [Command.link(self.emp_intern_b.id)]
        with (
            self.assertRaisesRegex(UserError, "another company"),
            self.env.cr.savepoint(),
        ):
            session.organiser_id = self.emp_po_b
        self.assertEqual(self.intervision[0].organiser_id, self.emp_po)

    def test_internship_intern_of_other_company_is_refused(self):
        with (
            self.assertRaisesRegex(UserError, "another company"),
            self.env.cr.savepoint(),
        ):
            self.internship.with_user(self.user_admin_both).with_context(
                allowed_company_ids=(self.company | self.company_b).ids
            ).employee_id = self.emp_intern_b
        self.assertEqual(self.internship.employee_id, self.emp_intern)
