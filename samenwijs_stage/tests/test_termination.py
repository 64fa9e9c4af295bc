from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SamenwijsCase


@tagged("post_install", "-at_install")
class TestTermination(SamenwijsCase):
    """TM-1, PO-9: early termination through the wizard, the tasks it
    leaves for the praktijkopleider and payroll, and the confirmed stop."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason = cls.env.ref(
            "samenwijs_stage.samenwijs_termination_reason_programme"
        )
        cls.stop_type = cls.env.ref("samenwijs_stage.mail_activity_type_allowance_stop")
        cls.school_type = cls.env.ref(
            "samenwijs_stage.mail_activity_type_school_coordination"
        )
        cls.personenregister_type = cls.env.ref(
            "samenwijs_stage.mail_activity_type_personenregister_end"
        )

    def running_internship(self, **vals):
        """An internship of Sanne that started two months ago, placed and
        started by the praktijkopleider."""
        values = {
            "date_start": self.today - relativedelta(months=2),
            "date_end": self.today + relativedelta(months=8),
        }
        values.update(vals)
        internship = self.create_internship(**values).with_user(self.user_po)
        internship.action_apply()
        internship.action_place()
        self.complete_legal_checks(internship)
        internship.action_start()
        self.assertEqual(internship.state, "running")
        return internship

    def terminate(self, internship, user, when=None, reason=None, note=False):
        wizard = (
            self.env["samenwijs.internship.terminate"]
            .with_user(user)
            .create(
                {
                    "internship_id": internship.id,
                    "date": when or self.today,
                    "reason_id": (reason or self.reason).id,
                    "note": note,
                }
            )
        )
        wizard.action_terminate()
        return wizard

    def activities(self, internship, activity_type):
        return internship.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )

    def test_tm1_po9_terminate_as_praktijkopleider(self):
        internship = self.running_internship()
        onboarding = internship.activity_ids
        self.assertTrue(onboarding, "placing planned the onboarding tasks")
        wizard = (
            self.env["samenwijs.internship.terminate"]
            .with_user(self.user_po)
            .create(
                {
                    "internship_id": internship.id,
                    "date": self.today,
                    "reason_id": self.reason.id,
                    "note": "Sanne switches to another programme.",
                }
            )
        )
        # The wizard shows what will happen before it happens.
        self.assertFalse(wizard.problem)
        self.assertEqual(wizard.open_activity_ids, onboarding)
        self.assertTrue(wizard.school_coordination)
        self.assertTrue(wizard.personenregister_end)
        self.assertTrue(wizard.allowance_stop)
        self.assertIn(self.user_payroll, wizard.payroll_user_ids)
        self.assertEqual(internship.state, "running")

        wizard.action_terminate()
        self.assertEqual(internship.state, "terminated")
        self.assertEqual(internship.date_end, self.today)
        self.assertEqual(internship.termination_date, self.today)
        self.assertEqual(internship.termination_reason_id, self.reason)
        self.assertEqual(internship.allowance_state, "stop_requested")
        self.assertEqual(internship.allowance_stop_date, self.today)
        # The onboarding tasks are moot.
        self.assertFalse(onboarding.exists())
        # TM-1: the PO coordinates with the school and ends the koppeling.
        school = self.activities(internship, self.school_type)
        self.assertEqual(school.user_id, self.user_po)
        koppeling = self.activities(internship, self.personenregister_type)
        self.assertEqual(koppeling.user_id, self.user_po)
        # PO-9: payroll stops the allowance.
        stop = self.activities(internship, self.stop_type)
        self.assertIn(self.user_payroll, stop.user_id)
        note = stop.filtered(lambda a: a.user_id == self.user_payroll).note
        self.assertIn("Sanne Jansen", note)
        self.assertIn("120", note)
        message = internship.message_ids.filtered(
            lambda m: "Stopped the programme" in (m.body or "")
        )
        self.assertIn("another programme", message.body)

    def test_tm1_terminate_a_placed_internship(self):
        internship = self.internship.with_user(self.user_po)
        internship.action_apply()
        internship.action_place()
        self.terminate(internship, self.user_po, when=internship.date_start)
        self.assertEqual(internship.state, "terminated")
        self.assertEqual(internship.date_end, internship.date_start)

    def test_tm1_administrator_terminates(self):
        internship = self.running_internship()
        self.terminate(internship, self.user_admin)
        self.assertEqual(internship.state, "terminated")
        # The tasks go to the internship's praktijkopleider, not the admin.
        self.assertEqual(
            self.activities(internship, self.school_type).user_id, self.user_po
        )

    def test_tm1_refused_for_intern_and_werkbegeleider(self):
        internship = self.running_internship()
        activities = internship.activity_ids
        for user in (self.user_intern, self.user_wb, self.user_manager):
            with self.assertRaises(AccessError):
                self.terminate(internship, user)
            with self.assertRaises(AccessError):
                internship.with_user(user)._terminate(self.today, self.reason)
        # A praktijkopleider of another region cannot either.
        with self.assertRaises(AccessError):
            internship.with_user(self.user_po2)._terminate(self.today, self.reason)
        self.assertEqual(internship.state, "running")
        self.assertEqual(internship.allowance_state, "active")
        self.assertEqual(internship.activity_ids, activities)

    def test_tm1_refused_twice_finished_or_before_start(self):
        internship = self.running_internship()
        end = internship.date_end
        with self.assertRaisesRegex(UserError, "starts on"):
            self.terminate(
                internship,
                self.user_po,
                when=internship.date_start - relativedelta(days=1),
            )
        with self.assertRaisesRegex(UserError, "finish it instead"):
            self.terminate(internship, self.user_po, when=end + relativedelta(days=1))
        self.assertEqual(internship.state, "running")
        self.assertEqual(internship.date_end, end)
        self.assertFalse(self.activities(internship, self.stop_type))

        self.terminate(internship, self.user_po)
        stop = self.activities(internship, self.stop_type)
        with self.assertRaisesRegex(UserError, "already terminated"):
            self.terminate(
                internship, self.user_po, when=self.today - relativedelta(days=1)
            )
        self.assertEqual(internship.date_end, self.today)
        self.assertEqual(self.activities(internship, self.stop_type), stop)

        finished = self.running_internship(
            employee=self.emp_intern, date_end=self.today + relativedelta(days=1)
        )
        finished.action_done()
        with self.assertRaisesRegex(UserError, "placed or running"):
            self.terminate(finished, self.user_po)
        self.assertEqual(finished.state, "done")

    def test_tm1_wizard_shows_the_refusal(self):
        internship = self.running_internship()
        wizard = (
            self.env["samenwijs.internship.terminate"]
            .with_user(self.user_po)
            .create(
                {
                    "internship_id": internship.id,
                    "date": internship.date_start - relativedelta(days=1),
                    "reason_id": self.reason.id,
                }
            )
        )
        self.assertIn("starts on", wizard.problem)
        with self.assertRaises(UserError):
            wizard.action_terminate()
        self.assertEqual(internship.state, "running")

    def test_tm1_no_school_task_for_hbo_and_no_stop_without_allowance(self):
        hbo = self.running_internship(itype=self.type_hbo)
        self.terminate(hbo, self.user_po)
        self.assertFalse(self.activities(hbo, self.school_type))
        self.assertTrue(self.activities(hbo, self.stop_type))

        snuffel = self.running_internship(
            itype=self.type_snuffel,
            date_start=self.today - relativedelta(days=3),
            date_end=self.today + relativedelta(days=4),
        )
        wizard = self.terminate(snuffel, self.user_po)
        self.assertFalse(wizard.allowance_stop)
        self.assertEqual(snuffel.allowance_state, "none")
        self.assertFalse(snuffel.allowance_stop_date)
        self.assertFalse(self.activities(snuffel, self.stop_type))

    def test_po9_configured_payroll_user_gets_the_task(self):
        self.company.samenwijs_payroll_user_id = self.user_admin
        internship = self.running_internship()
        self.terminate(internship, self.user_po)
        self.assertEqual(
            self.activities(internship, self.stop_type).user_id, self.user_admin
        )

    def test_po9_stop_confirmed_by_payroll(self):
        internship = self.running_internship()
        self.terminate(internship, self.user_po)
        as_payroll = internship.with_user(self.user_payroll)
        self.assertTrue(as_payroll.can_confirm_allowance_stop)
        self.assertFalse(internship.can_confirm_allowance_stop)  # the PO
        as_payroll.action_confirm_allowance_stop()
        self.assertEqual(internship.allowance_state, "stopped")
        self.assertFalse(self.activities(internship, self.stop_type))
        confirmation = internship.message_ids.filtered(
            lambda m: "confirmed by Paul de Groot" in (m.body or "")
        )
        self.assertTrue(confirmation)
        self.assertEqual(confirmation.author_id, self.user_payroll.partner_id)
        with self.assertRaisesRegex(UserError, "No stop"):
            as_payroll.action_confirm_allowance_stop()

    def test_po9_stop_confirmed_from_the_activity(self):
        internship = self.running_internship()
        self.terminate(internship, self.user_po)
        stop = self.activities(internship, self.stop_type).filtered(
            lambda a: a.user_id == self.user_payroll
        )
        stop.with_user(self.user_payroll).action_feedback(feedback="Stopped in AFAS")
        self.assertEqual(internship.allowance_state, "stopped")
        self.assertFalse(self.activities(internship, self.stop_type))

    def test_po9_stop_refused_outside_payroll(self):
        internship = self.running_internship()
        self.terminate(internship, self.user_po)
        stop = self.activities(internship, self.stop_type)
        for user in (self.user_po, self.user_wb, self.user_intern):
            with self.assertRaises(AccessError):
                internship.with_user(user).action_confirm_allowance_stop()
        with self.assertRaises(AccessError):
            stop[:1].with_user(self.user_po).action_feedback()
        with self.assertRaises(AccessError):
            internship.write({"allowance_state": "stopped"})
        self.assertEqual(internship.allowance_state, "stop_requested")
        self.assertEqual(self.activities(internship, self.stop_type), stop)
        # An administrator may confirm.
        internship.with_user(self.user_admin).action_confirm_allowance_stop()
        self.assertEqual(internship.allowance_state, "stopped")
