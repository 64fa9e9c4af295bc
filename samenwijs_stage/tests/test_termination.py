from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SamenwijsCase, load_migration


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
        """The open tasks of ``activity_type``: the stop task lives on the
        internship's allowance record (PO-9), the others on the internship."""
        record = internship.sudo()
        if activity_type == self.stop_type:
            record = record.allowance_id
        return record.activity_ids.filtered(
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
        allowance = internship.allowance_id
        self.assertEqual(allowance.state, "stop_requested")
        self.assertEqual(allowance.stop_date, self.today)
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

    def test_po9_stop_confirmed_by_payroll_on_the_allowance(self):
        internship = self.running_internship()
        self.terminate(internship, self.user_po)
        allowance = internship.allowance_id
        as_payroll = allowance.with_user(self.user_payroll)
        self.assertTrue(as_payroll.can_confirm_stop)
        self.assertEqual(
            # The "Stop requested" filter, among the fixture's allowances (a
            # demo database holds others as well).
            as_payroll.search(
                [
                    ("state", "=", "stop_requested"),
                    ("employee_id", "in", (self.emp_intern | self.emp_intern2).ids),
                ]
            ),
            allowance,
        )
        as_payroll.action_confirm_stop()
        self.assertEqual(allowance.state, "stopped")
        self.assertEqual(internship.allowance_state, "stopped")
        # Payroll notes on its own record what it did.
        as_payroll.message_post(body="Stopped in AFAS.", subtype_xmlid="mail.mt_note")
        self.assertFalse(self.activities(internship, self.stop_type))
        confirmation = allowance.message_ids.filtered(
            lambda m: "confirmed by Paul de Groot" in (m.body or "")
        )
        self.assertTrue(confirmation)
        self.assertEqual(confirmation.author_id, self.user_payroll.partner_id)
        with self.assertRaisesRegex(UserError, "No stop"):
            as_payroll.action_confirm_stop()

    def test_po9_stop_confirmed_from_the_activity(self):
        internship = self.running_internship()
        self.terminate(internship, self.user_po)
        stop = self.activities(internship, self.stop_type).filtered(
            lambda a: a.user_id == self.user_payroll
        )
        self.assertEqual(stop.res_model, "samenwijs.allowance")
        stop.with_user(self.user_payroll).action_feedback(feedback="Stopped in AFAS")
        self.assertEqual(internship.allowance_id.state, "stopped")
        self.assertEqual(internship.allowance_state, "stopped")
        self.assertFalse(self.activities(internship, self.stop_type))

    def test_po9_stop_refused_outside_payroll(self):
        internship = self.running_internship()
        self.terminate(internship, self.user_po)
        allowance = internship.allowance_id
        stop = self.activities(internship, self.stop_type)
        for user in (self.user_po, self.user_wb, self.user_intern):
            with self.assertRaises(AccessError):
                internship.with_user(user).action_confirm_allowance_stop()
            with self.assertRaises(AccessError):
                allowance.with_user(user).action_confirm_stop()
        with self.assertRaises(AccessError):
            stop[:1].with_user(self.user_po).action_feedback()
        # Refused as a computed field (AccessError) or as history of a
        # terminated internship (UserError, of which AccessError is one),
        # whichever check speaks first.
        with self.assertRaises(UserError):
            internship.write({"allowance_state": "stopped"})
        for user in (self.user_po, self.user_payroll):
            with self.assertRaises(AccessError):
                allowance.with_user(user).write({"state": "stopped"})
        self.assertEqual(internship.allowance_state, "stop_requested")
        self.assertEqual(allowance.state, "stop_requested")
        self.assertEqual(self.activities(internship, self.stop_type), stop)
        # An administrator may confirm, from the internship too.
        internship.with_user(self.user_admin).action_confirm_allowance_stop()
        self.assertEqual(internship.allowance_state, "stopped")
        self.assertEqual(allowance.state, "stopped")

    def test_po9_allowance_chatter_holds_no_termination_or_internship_note(self):
        """PO-9: payroll's allowance record tells the stop, never the
        termination note nor the internship's notes."""
        internship = self.running_internship()
        internship.message_post(body="Sanne had a hard time at home.")
        self.terminate(
            internship, self.user_po, note="Sanne switches to another programme."
        )
        allowance = internship.allowance_id.with_user(self.user_payroll)
        allowance.action_confirm_stop()
        texts = " ".join(
            allowance.message_ids.mapped(lambda m: str(m.body or ""))
            + allowance.sudo()
            .with_context(active_test=False)
            .activity_ids.mapped(lambda a: str(a.note or ""))
        )
        self.assertIn("confirmed by Paul de Groot", texts)
        self.assertNotIn("another programme", texts)
        self.assertNotIn("hard time", texts)
        self.assertNotIn(self.reason.name, texts)

    # ------------------------------------------------------------------
    # The wizard: its maker only, for internships its maker may change
    # ------------------------------------------------------------------
    def wizard_values(self, internship):
        return {
            "internship_id": internship.id,
            "date": self.today,
            "reason_id": self.reason.id,
            "note": "Private note of the praktijkopleider.",
        }

    def test_tm1_wizard_seen_and_changed_by_its_maker_only(self):
        internship = self.running_internship()
        Wizard = self.env["samenwijs.internship.terminate"]
        wizard = Wizard.with_user(self.user_po).create(self.wizard_values(internship))
        for user in (self.user_po2, self.user_admin):
            with self.subTest(user=user.login):
                self.assertFalse(
                    Wizard.with_user(user).search([("id", "=", wizard.id)])
                )
                with self.assertRaises(AccessError):
                    wizard.with_user(user).read(["note"])
                with self.assertRaises(AccessError):
                    wizard.with_user(user).write({"note": "Changed"})
                with self.assertRaises(AccessError):
                    wizard.with_user(user).action_terminate()
        self.assertEqual(
            wizard.with_user(self.user_po).note, "Private note of the praktijkopleider."
        )
        self.assertEqual(internship.state, "running")

    def test_tm1_wizard_refused_for_internship_of_other_region(self):
        """A praktijkopleider of another region cannot make a wizard on an
        internship's id to read its intern and allowance, nor point their
        own wizard at it."""
        internship = self.running_internship()
        Wizard = self.env["samenwijs.internship.terminate"]
        with self.assertRaises(AccessError):
            Wizard.with_user(self.user_po2).create(self.wizard_values(internship))
        values = self.wizard_values(internship)
        del values["internship_id"]
        with self.assertRaises(AccessError):
            Wizard.with_user(self.user_po2).with_context(
                default_internship_id=internship.id
            ).create(values)
        self.internship2.with_user(self.user_po2).action_place()
        own = Wizard.with_user(self.user_po2).create(
            self.wizard_values(self.internship2)
        )
        with self.assertRaises(AccessError):
            own.write({"internship_id": internship.id})
        # Even a wizard made past the checks shows nothing its maker may not
        # read: its related fields are read as the maker.
        leaked = (
            Wizard.with_user(self.user_po2)
            .sudo()
            .create(self.wizard_values(internship))
        )
        self.assertEqual(leaked.create_uid, self.user_po2)
        for field in ("employee_id", "allowance_amount"):
            with self.subTest(field=field):
                self.env.invalidate_all()
                with self.assertRaises(AccessError):
                    leaked.with_user(self.user_po2).read([field])
        self.assertEqual(internship.state, "running")

    def test_tm1_wizard_refused_for_other_roles(self):
        internship = self.running_internship()
        Wizard = self.env["samenwijs.internship.terminate"]
        for user in (
            self.user_intern,
            self.user_wb,
            self.user_manager,
            self.user_payroll,
        ):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    Wizard.with_user(user).create(self.wizard_values(internship))
                with self.assertRaises(AccessError):
                    Wizard.with_user(user).search([])

    # ------------------------------------------------------------------
    # Tasks that carry a legal or payroll duty stay with their role
    # ------------------------------------------------------------------
    def test_po9_tm1_duty_tasks_stay_with_their_role(self):
        internship = self.running_internship()
        self.terminate(internship, self.user_po)
        stop = self.activities(internship, self.stop_type)[:1]
        school = self.activities(internship, self.school_type)
        koppeling = self.activities(internship, self.personenregister_type)
        self.assertTrue(stop and school and koppeling)
        attempts = {
            "done": lambda a: a.action_feedback(feedback="Done"),
            "reassign": lambda a: a.write({"user_id": a.env.uid}),
            "reschedule": lambda a: a.action_reschedule_nextweek(),
            "cancel": lambda a: a.action_cancel(),
            "unlink": lambda a: a.unlink(),
        }
        refused = {
            stop: (self.user_po, self.user_wb, self.user_manager, self.user_intern),
            school: (
                self.user_po2,
                self.user_wb,
                self.user_manager,
                self.user_intern,
                self.user_payroll,
            ),
            koppeling: (self.user_po2, self.user_wb, self.user_manager),
        }
        for activity, users in refused.items():
            for user in users:
                for name, attempt in attempts.items():
                    with self.subTest(
                        task=activity.activity_type_id.name, user=user.login, what=name
                    ):
                        with self.assertRaises(AccessError):
                            attempt(activity.with_user(user))
        for activity in (stop, school, koppeling):
            self.assertTrue(activity.exists() and activity.active)
        # A werkbegeleider of the internship is told why, in words.
        with self.assertRaisesRegex(AccessError, "praktijkopleider of the region"):
            school.with_user(self.user_wb).write({"user_id": self.user_wb.id})
        with self.assertRaisesRegex(AccessError, "payroll administration"):
            stop.with_user(self.user_po).write({"user_id": self.user_po.id})

    def test_po9_tm1_duty_tasks_done_by_their_role(self):
        internship = self.running_internship()
        self.terminate(internship, self.user_po)
        school = self.activities(internship, self.school_type)
        school.with_user(self.user_po).action_reschedule_nextweek()
        school.with_user(self.user_po).action_feedback(feedback="School informed")
        self.assertFalse(self.activities(internship, self.school_type))
        koppeling = self.activities(internship, self.personenregister_type)
        koppeling.with_user(self.user_admin).action_feedback(feedback="Ended")
        self.assertFalse(self.activities(internship, self.personenregister_type))
        stop = self.activities(internship, self.stop_type).filtered(
            lambda a: a.user_id == self.user_payroll
        )
        stop.with_user(self.user_payroll).action_reschedule_tomorrow()
        stop.with_user(self.user_payroll).action_feedback(feedback="Stopped")
        self.assertEqual(internship.allowance_id.state, "stopped")

    def test_po9_upgrade_gives_older_internships_their_allowance_record(self):
        """Internships terminated before payroll had allowance records get one
        on upgrade, with their stop and their open stop task."""
        internship = self.running_internship()
        self.terminate(internship, self.user_po)
        stop = self.activities(internship, self.stop_type)
        # As it was before: the task on the internship, no allowance record.
        stop.sudo().write(
            {
                "res_model_id": self.env["ir.model"]._get_id("samenwijs.internship"),
                "res_id": internship.id,
            }
        )
        internship.sudo().allowance_id.unlink()
        self.assertEqual(internship.allowance_state, "stop_requested")
        migration = load_migration("19.0.2.0.0/post-migrate.py")
        migration.migrate(self.env.cr, "19.0.1.0.0")
        self.env.invalidate_all()
        allowance = internship.allowance_id
        self.assertEqual(allowance.state, "stop_requested")
        self.assertEqual(allowance.stop_date, self.today)
        self.assertEqual(self.activities(internship, self.stop_type), stop)
        migration.migrate(self.env.cr, "19.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(len(internship.allowance_ids), 1)
        allowance.with_user(self.user_payroll).action_confirm_stop()
        self.assertEqual(internship.allowance_state, "stopped")
