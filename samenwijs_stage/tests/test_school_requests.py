from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import SamenwijsCase

REQUEST_ACTIVITY = "samenwijs_stage.mail_activity_type_school_request"


class TestSchoolRequests(SamenwijsCase):
    """RS-6, RS-7: a school's request for snuffel- or maatschappelijke
    stages, forwarded by the praktijkopleider to the managers of the chosen
    locations, who each decide for their own location."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Request = cls.env["samenwijs.school.request"]
        cls.vmbo = cls.env["res.partner"].create(
            {"name": "Vmbo De Brug", "is_company": True}
        )
        cls.date_from = cls.today + relativedelta(months=1)
        cls.request = cls.Request.with_user(cls.user_po).create(
            {
                "school_id": cls.vmbo.id,
                "internship_type_id": cls.type_snuffel.id,
                "date_from": cls.date_from,
                "date_to": cls.date_from + relativedelta(days=4),
                "pupil_count": 3,
                "pupil_age": 14,
                "location_ids": [Command.set((cls.linde | cls.eik).ids)],
            }
        )

    def forward(self):
        self.request.with_user(self.user_po).action_forward()
        lines = self.request.line_ids
        return (
            lines.filtered(lambda line: line.location_id == self.linde),
            lines.filtered(lambda line: line.location_id == self.eik),
        )

    def pupil(self, name):
        """A pupil, registered by HR as a trainee."""
        return self.env["hr.employee"].create(
            {"name": name, "department_id": self.linde.id, "employee_type": "trainee"}
        )

    def manager_tasks(self, user):
        return self.request.activity_ids.filtered(
            lambda a: a.user_id == user
            and a.activity_type_id == self.env.ref(REQUEST_ACTIVITY)
        )

    def test_rs7_forward_makes_a_line_and_a_task_per_location(self):
        linde, eik = self.forward()
        self.assertEqual(self.request.state, "forwarded")
        self.assertEqual((linde | eik).mapped("state"), ["pending", "pending"])
        self.assertTrue(self.manager_tasks(self.user_manager))
        self.assertTrue(self.manager_tasks(self.user_manager_eik))
        # Forwarding again asks nobody twice.
        self.request.with_user(self.user_po).action_forward()
        self.assertEqual(len(self.request.line_ids), 2)
        self.assertEqual(len(self.manager_tasks(self.user_manager)), 1)

    def test_rs7_manager_accepts_for_own_location(self):
        linde, _eik = self.forward()
        as_manager = linde.with_user(self.user_manager)
        as_manager.write({"places_accepted": 2, "manager_note": "Groep Vlinders"})
        as_manager.action_accept()
        self.assertEqual(linde.state, "accepted")
        self.assertEqual(linde.places_accepted, 2)
        self.assertEqual(self.request.places_accepted, 2)
        self.assertFalse(self.manager_tasks(self.user_manager))
        self.assertTrue(self.manager_tasks(self.user_manager_eik))
        # The manager reads the request, but does not change it.
        self.request.with_user(self.user_manager).read(["school_id", "pupil_count"])
        with self.assertRaises(AccessError):
            self.request.with_user(self.user_manager).write({"note": "Toch niet"})

    def test_rs7_manager_of_another_location_is_refused(self):
        linde, eik = self.forward()
        with self.assertRaises(AccessError):
            linde.with_user(self.user_manager_eik).action_accept()
        with self.assertRaises(AccessError):
            linde.with_user(self.user_manager_eik).write({"places_accepted": 1})
        with self.assertRaises(AccessError):
            eik.with_user(self.user_manager).action_decline()
        # A manager of another region does not even read the request.
        with self.assertRaises(AccessError):
            self.request.with_user(self.user_manager2).read(["school_id"])
        self.assertEqual((linde | eik).mapped("state"), ["pending", "pending"])

    def test_rs7_praktijkopleider_does_not_decide_for_the_manager(self):
        linde, _eik = self.forward()
        with self.assertRaises(AccessError):
            linde.with_user(self.user_po).action_accept()
        with self.assertRaises(AccessError):
            linde.with_user(self.user_po).write({"places_accepted": 3})

    def test_rs7_state_changes_only_through_the_actions(self):
        linde, _eik = self.forward()
        with self.assertRaises(AccessError):
            linde.with_user(self.user_manager).write({"state": "accepted"})
        with self.assertRaises(AccessError):
            self.request.with_user(self.user_po).write({"state": "draft"})
        linde.with_user(self.user_manager).action_decline()
        with self.assertRaises(UserError):
            linde.with_user(self.user_manager).action_accept()

    def test_rs7_only_accepted_lines_become_internships(self):
        linde, eik = self.forward()
        linde.with_user(self.user_manager).write({"places_accepted": 2})
        linde.with_user(self.user_manager).action_accept()
        eik.with_user(self.user_manager_eik).action_decline()
        pupils = self.pupil("Lotte Brug") | self.pupil("Daan Brug")
        as_po = self.request.with_user(self.user_po)
        linde.with_user(self.user_po).employee_ids = [Command.set(pupils.ids)]
        with self.assertRaises(ValidationError):
            eik.with_user(self.user_po).employee_ids = [
                Command.set(self.pupil("Extra").ids)
            ]
        as_po.action_create_internships()
        internships = linde.internship_ids
        self.assertEqual(internships.employee_id, pupils)
        self.assertEqual(set(internships.mapped("department_id")), {self.linde})
        self.assertEqual(
            set(internships.mapped("internship_type_id")), {self.type_snuffel}
        )
        self.assertEqual(set(internships.mapped("date_start")), {self.date_from})
        self.assertFalse(eik.internship_ids)
        # RS-6: block internships without care tasks.
        self.assertFalse(any(internships.mapped("care_tasks")))
        # Running it again makes nothing new.
        as_po.action_create_internships()
        self.assertEqual(len(linde.internship_ids), 2)
        self.assertEqual(self.request.internship_count, 2)

    def test_rs7_no_more_pupils_than_places(self):
        linde, _eik = self.forward()
        with self.assertRaises(ValidationError):
            linde.with_user(self.user_manager).write({"places_accepted": 4})
        linde.with_user(self.user_manager).write({"places_accepted": 1})
        linde.with_user(self.user_manager).action_accept()
        with self.assertRaises(ValidationError):
            linde.with_user(self.user_po).employee_ids = [
                Command.set((self.pupil("Een") | self.pupil("Twee")).ids)
            ]
        with self.assertRaises(UserError):
            linde.with_user(self.user_manager).write({"places_accepted": 1})

    def test_rs7_nothing_is_made_without_accepted_pupils(self):
        _linde, eik = self.forward()
        eik.with_user(self.user_manager_eik).action_decline()
        with self.assertRaises(UserError):
            self.request.with_user(self.user_po).action_create_internships()
        self.assertFalse(self.request.line_ids.internship_ids)

    def test_rs7_only_a_praktijkopleider_records_requests(self):
        values = {
            "school_id": self.vmbo.id,
            "internship_type_id": self.type_maatschappelijk.id,
            "date_from": self.date_from,
            "date_to": self.date_from,
            "praktijkopleider_id": self.emp_po.id,
        }
        for user in (self.user_manager, self.user_wb, self.user_intern):
            with self.assertRaises(AccessError):
                self.Request.with_user(user).create(values)
        # Another region's praktijkopleider neither reads nor changes it.
        with self.assertRaises(AccessError):
            self.request.with_user(self.user_po2).write({"note": "Overgenomen"})

    def test_rs6_only_block_internships_without_care_tasks(self):
        with self.assertRaises(ValidationError):
            self.request.with_user(self.user_po).write(
                {"internship_type_id": self.type_pw3.id}
            )
        self.request.with_user(self.user_po).write(
            {"internship_type_id": self.type_maatschappelijk.id}
        )
        self.assertFalse(self.request.internship_type_id.care_tasks)

    def test_rs6_dates_and_pupils_are_checked(self):
        as_po = self.request.with_user(self.user_po)
        with self.assertRaises(ValidationError):
            as_po.write({"date_to": self.date_from - relativedelta(days=1)})
        with self.assertRaises(ValidationError):
            as_po.write({"pupil_count": 0})
        with self.assertRaises(ValidationError):
            as_po.write({"pupil_age": 200})

    def test_rs7_cancel_removes_the_managers_tasks(self):
        self.forward()
        self.request.with_user(self.user_po).action_cancel()
        self.assertEqual(self.request.state, "cancelled")
        self.assertFalse(self.manager_tasks(self.user_manager))

    def test_rs7_pupils_are_named_from_the_request(self):
        linde, _eik = self.forward()
        linde.with_user(self.user_manager).action_accept()
        pupil = self.pupil("Sem Brug")
        as_po = self.request.with_user(self.user_po)
        as_po.write(
            {
                "line_ids": [
                    Command.update(linde.id, {"employee_ids": [Command.set(pupil.ids)]})
                ]
            }
        )
        self.assertEqual(linde.employee_ids, pupil)
        # The answer itself stays the manager's, also through the request.
        with self.assertRaises(AccessError):
            as_po.write(
                {"line_ids": [Command.update(linde.id, {"manager_note": "Vol"})]}
            )
        with self.assertRaises(AccessError):
            self.request.with_user(self.user_manager).write(
                {"line_ids": [Command.update(linde.id, {"manager_note": "Vol"})]}
            )
