import os
import traceback
from datetime import datetime
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError
from odoo.orm.registry import Registry
from odoo.tests import new_test_user, tagged

from .common import SamenwijsCase

# The folder that holds this project's addons.
ADDONS_DIR = os.path.dirname(os.path.dirname(os.path.dirname(__file__))) + os.sep


@tagged("post_install", "-at_install")
class TestDepartmentManagers(SamenwijsCase):
    """The location managers' record rules rest on the managers stored on the
    departments: a change of manager or parent department by HR applies to
    the next access check, in the same transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_hr = new_test_user(
            cls.env,
            login="t_hr",
            name="Hanna Hoekstra",
            groups="base.group_user,hr.group_hr_user",
        )
        cls.intervision_zuid = cls.env["samenwijs.intervision.session"].create(
            {
                "name": "Intervisie Zuid",
                "date": datetime(cls.today.year, 2, 10, 19, 0),
                "organiser_id": cls.emp_po2.id,
            }
        )

    def visible_internships(self, user):
        internships = self.internship | self.internship2
        Internship = self.env["samenwijs.internship"].with_user(user)
        return Internship.search([("id", "in", internships.ids)])

    def test_managers_stored_on_department_and_its_children(self):
        self.assertEqual(self.linde.samenwijs_manager_user_ids, self.user_manager)
        self.assertEqual(self.eik.samenwijs_manager_user_ids, self.user_manager_eik)
        self.assertFalse(self.region.samenwijs_manager_user_ids)
        # A manager of the region manages its locations too.
        self.region.with_user(self.user_hr).manager_id = self.emp_manager2
        self.assertEqual(
            self.linde.samenwijs_manager_user_ids,
            self.user_manager | self.user_manager2,
        )
        self.assertEqual(
            self.eik.samenwijs_manager_user_ids,
            self.user_manager_eik | self.user_manager2,
        )

    def test_manager_sees_internships_of_own_location(self):
        self.assertEqual(self.visible_internships(self.user_manager), self.internship)
        self.assertEqual(self.visible_internships(self.user_manager2), self.internship2)
        self.assertFalse(self.visible_internships(self.user_manager_eik))
        self.internship.with_user(self.user_manager).check_access("read")
        with self.assertRaises(AccessError):
            self.internship2.with_user(self.user_manager).check_access("read")
        Schedule = self.env["samenwijs.internship.schedule"]
        self.assertEqual(
            Schedule.with_user(self.user_manager).search(
                [("internship_id", "in", (self.internship | self.internship2).ids)]
            ),
            self.internship.schedule_ids,
        )

    def test_new_manager_sees_location_at_once_without_cache_clear(self):
        """HR hands De Linde to Mark: Mark sees its internship and Marieke
        no longer does, in the same transaction, with the registry caches
        left as they are (clearing them does nothing in this test)."""
        # Both managers' rules are evaluated (and cached) before the change.
        self.assertEqual(self.visible_internships(self.user_manager), self.internship)
        self.assertFalse(self.visible_internships(self.user_manager_eik))
        callers = []

        def clear_cache(*args):
            # The code that asks for the caches to be cleared.
            callers.extend(
                frame.filename
                for frame in traceback.extract_stack()
                if "clear_cache(" in (frame.line or "")
            )

        with patch.object(Registry, "clear_cache", side_effect=clear_cache):
            self.linde.with_user(self.user_hr).manager_id = self.emp_manager_eik
            self.assertEqual(
                self.visible_internships(self.user_manager_eik), self.internship
            )
            self.assertFalse(self.visible_internships(self.user_manager))
            self.internship.with_user(self.user_manager_eik).check_access("write")
            with self.assertRaises(AccessError):
                self.internship.with_user(self.user_manager).check_access("read")
        # Odoo may clear its caches for its own reasons; these addons do not.
        self.assertFalse(
            [caller for caller in callers if caller.startswith(ADDONS_DIR)]
        )

    def test_moved_location_follows_its_new_parent_manager(self):
        self.anker.with_user(self.user_hr).manager_id = False
        self.region2.with_user(self.user_hr).manager_id = self.emp_manager2
        self.assertEqual(self.visible_internships(self.user_manager2), self.internship2)
        # De Linde moves to region Zuid: its internship goes along.
        self.linde.with_user(self.user_hr).parent_id = self.region2
        self.assertEqual(
            self.visible_internships(self.user_manager2),
            self.internship | self.internship2,
        )

    def test_manager_reads_intervision_of_the_region_they_manage(self):
        Session = self.env["samenwijs.intervision.session"]
        sessions = self.intervision | self.intervision_zuid
        self.assertEqual(
            Session.with_user(self.user_manager).search([("id", "in", sessions.ids)]),
            self.intervision,
        )
        self.anker.with_user(self.user_hr).manager_id = self.emp_manager
        self.assertEqual(
            Session.with_user(self.user_manager).search([("id", "in", sessions.ids)]),
            sessions,
        )
        self.assertFalse(
            Session.with_user(self.user_manager2).search([("id", "in", sessions.ids)])
        )

    def test_manager_cannot_make_themselves_manager_of_another_location(self):
        """Every employee may write a department in Odoo; the fields the
        record rules rest on stay with HR and the internship administrator."""
        for user in (self.user_manager, self.user_po, self.user_intern):
            for field, value in {
                "manager_id": self.emp_manager.id,
                "parent_id": self.region.id,
                "praktijkopleider_id": self.emp_po.id,
                "praktijkopleider_own_id": self.emp_po.id,
            }.items():
                with (
                    self.subTest(user=user.login, field=field),
                    self.assertRaises(AccessError),
                ):
                    self.anker.with_user(user).write({field: value})
        self.assertEqual(self.anker.manager_id, self.emp_manager2)
        self.assertEqual(self.anker.praktijkopleider_id, self.emp_po2)
        self.assertFalse(self.visible_internships(self.user_manager) & self.internship2)
        # The internship administrator may.
        self.anker.with_user(self.user_admin).manager_id = self.emp_manager
        self.assertEqual(
            self.visible_internships(self.user_manager),
            self.internship | self.internship2,
        )

    def test_po1_no_role_changes_what_the_rules_read_on_departments(self):
        """PO-1: re-pointing a region's praktijkopleider, a location's parent
        or manager, the stored region or managers, the children of a region,
        the company or the archive state of a department: refused for every
        internship role without HR rights and for a plain employee, whatever
        the way (the field itself or the one2many of another department)."""
        other_company = self.env["res.company"].create({"name": "Elders BV"})
        employee = new_test_user(self.env, login="t_employee", groups="base.group_user")
        attacks = {
            "region2 praktijkopleider_own_id": (
                self.region2,
                {"praktijkopleider_own_id": self.emp_po.id},
            ),
            "region2 praktijkopleider_id": (
                self.region2,
                {"praktijkopleider_id": self.emp_po.id},
            ),
            "anker parent_id": (self.anker, {"parent_id": self.region.id}),
            "anker manager_id": (self.anker, {"manager_id": self.emp_manager.id}),
            "anker region_id": (self.anker, {"region_id": self.region.id}),
            "anker samenwijs_manager_user_ids": (
                self.anker,
                {"samenwijs_manager_user_ids": [Command.link(self.user_manager.id)]},
            ),
            "region child_ids": (
                self.region,
                {"child_ids": [Command.link(self.anker.id)]},
            ),
            "region2 child_ids unlink": (
                self.region2,
                {"child_ids": [Command.unlink(self.anker.id)]},
            ),
            "region samenwijs_region_department_ids": (
                self.region,
                {"samenwijs_region_department_ids": [Command.link(self.anker.id)]},
            ),
            "anker parent_path": (self.anker, {"parent_path": self.linde.parent_path}),
            "anker company_id": (self.anker, {"company_id": other_company.id}),
            "anker active": (self.anker, {"active": False}),
        }
        users = (
            self.user_intern,
            self.user_wb,
            self.user_manager,
            self.user_po,
            self.user_payroll,
            employee,
        )
        for user in users:
            for attack, (department, values) in attacks.items():
                with (
                    self.subTest(user=user.login, attack=attack),
                    self.assertRaises(AccessError),
                ):
                    department.with_user(user).write(values)
        self.assertEqual(self.region2.praktijkopleider_id, self.emp_po2)
        self.assertEqual(self.anker.parent_id, self.region2)
        self.assertEqual(self.anker.region_id, self.region2)
        self.assertEqual(self.anker.manager_id, self.emp_manager2)
        self.assertEqual(self.anker.samenwijs_manager_user_ids, self.user_manager2)
        self.assertEqual(self.anker.company_id, self.company)
        self.assertTrue(self.anker.active)
        self.assertEqual(self.visible_internships(self.user_po), self.internship)
        self.assertEqual(self.visible_internships(self.user_manager), self.internship)
        # What Odoo gives every employee on a department stays.
        self.anker.with_user(self.user_manager).write({"note": "Open dag in juni"})
        self.assertEqual(self.anker.note, "Open dag in juni")

    def test_po1_administrator_hands_a_location_to_another_manager(self):
        """The internship administrator changes a location's manager; its
        employees follow the new manager, as they do when HR changes it."""
        self.emp_wb2.parent_id = self.emp_manager2
        self.anker.with_user(self.user_admin).with_context(
            tracking_disable=False
        ).manager_id = self.emp_manager
        self.assertEqual(self.emp_wb2.parent_id, self.emp_manager)
        self.assertIn(self.internship2, self.visible_internships(self.user_manager))

    def test_po1_hr_officer_restructures_departments(self):
        self.anker.with_user(self.user_hr).write(
            {"parent_id": self.region.id, "manager_id": self.emp_manager.id}
        )
        self.assertEqual(self.anker.region_id, self.region)
        self.assertEqual(self.anker.praktijkopleider_id, self.emp_po)
        self.assertEqual(
            self.visible_internships(self.user_po), self.internship | self.internship2
        )

    def test_managers_field_is_not_readable_by_the_roles(self):
        """The rules read the field as superuser; the roles do not need it."""
        with self.assertRaises(AccessError):
            self.linde.with_user(self.user_manager).read(["samenwijs_manager_user_ids"])
        self.assertTrue(
            self.linde.with_user(self.user_hr).read(["samenwijs_manager_user_ids"])
        )
