"""PO-2: the location manager's consent to placing, as a tier of OCA's tier
validation, each step as the user who takes it; the approvals cannot be
made, given or removed around the internship's own actions."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SamenwijsCase, load_migration

CONSENT = "samenwijs_stage.tier_definition_placing_consent"


@tagged("post_install", "-at_install")
class TestConsent(SamenwijsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.candidate = cls.env["hr.employee"].create(
            {"name": "Lotte Kandidaat", "employee_type": "trainee"}
        )
        cls.application = cls.create_internship(employee=cls.candidate, consent=False)
        cls.application.with_user(cls.user_po).action_apply()

    def review(self, internship=None):
        return (internship or self.application).review_ids

    def bodies(self, internship=None):
        return " ".join((internship or self.application).message_ids.mapped("body"))

    def test_po2_applying_asks_the_location_manager(self):
        review = self.review()
        self.assertEqual(len(review), 1)
        self.assertEqual(review.definition_id, self.env.ref(CONSENT))
        self.assertEqual(review.status, "pending")
        self.assertEqual(review.reviewer_ids, self.user_manager)
        self.assertEqual(self.application.validation_status, "pending")
        # The manager gets a task, and is told of it.
        told = self.env["mail.message"].search(
            [
                ("model", "=", self.application._name),
                ("res_id", "=", self.application.id),
                ("partner_ids", "in", self.user_manager.partner_id.ids),
            ]
        )
        self.assertTrue(told)
        task = self.application.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("samenwijs_stage.mail_activity_type_tier_review")
        )
        self.assertEqual(task.user_id, self.user_manager)
        self.assertTrue(self.application.with_user(self.user_manager).can_review)
        self.assertFalse(self.application.with_user(self.user_po).can_review)
        self.assertIn(
            self.application,
            self.env["samenwijs.internship"]
            .with_user(self.user_manager)
            .search([("can_review", "=", True)]),
        )

    def test_po2_placing_refused_before_the_manager_consents(self):
        with self.assertRaisesRegex(UserError, "PO-2.*Marieke de Vries"):
            self.application.with_user(self.user_po).action_place()
        self.assertEqual(self.application.state, "application")
        # Without asking, placing a draft is refused too.
        draft = self.create_internship(
            employee=self.env["hr.employee"].create(
                {"name": "Daan Draft", "employee_type": "trainee"}
            ),
            consent=False,
        )
        with self.assertRaisesRegex(UserError, "Ask approvals"):
            draft.with_user(self.user_po).action_place()
        self.assertEqual(draft.state, "draft")

    def test_po2_only_the_location_manager_decides(self):
        review = self.review()
        for user in (
            self.user_po,
            self.user_po2,
            self.user_manager_eik,
            self.user_manager2,
            self.user_wb,
            self.user_intern,
            self.user_admin,
            self.user_payroll,
        ):
            with self.subTest(user=user.name):
                for method in ("validate_tier", "reject_tier"):
                    with self.assertRaises(AccessError):
                        getattr(self.application.with_user(user), method)()
        # Around the internship's actions: the review itself.
        Review = self.env["tier.review"].with_user(self.user_po)
        with self.assertRaises(AccessError):
            review.with_user(self.user_po).write(
                {"status": "approved", "done_by": self.user_po.id}
            )
        with self.assertRaises(AccessError):
            review.with_user(self.user_po).write({"done_by": self.user_manager.id})
        with self.assertRaises(AccessError):
            review.with_user(self.user_manager).write({"status": "waiting"})
        with self.assertRaises(AccessError):
            review.with_user(self.user_manager).write(
                {"status": "approved", "done_by": self.user_po.id}
            )
        with self.assertRaises(AccessError):
            Review.create(
                {
                    "model": "samenwijs.internship",
                    "res_id": self.application.id,
                    "definition_id": review.definition_id.id,
                    "status": "approved",
                }
            )
        with self.assertRaises(AccessError):
            review.with_user(self.user_po).unlink()
        with self.assertRaises(AccessError):
            self.env["comment.wizard"].with_user(self.user_po).create(
                {
                    "res_model": "samenwijs.internship",
                    "res_id": self.application.id,
                    "review_ids": review.ids,
                    "validate_reject": "validate",
                    "comment": "Zelf goedgekeurd",
                }
            ).add_comment()
        with self.assertRaises(AccessError):
            self.application.with_user(self.user_po).write(
                {"review_ids": [(1, review.id, {"status": "approved"})]}
            )
        self.assertEqual(review.status, "pending")
        self.assertEqual(self.application.validation_status, "pending")
        with self.assertRaisesRegex(UserError, "PO-2"):
            self.application.with_user(self.user_po).action_place()

    def test_po2_manager_consents_with_a_reason_then_the_po_places(self):
        self.decide_as(
            self.application, self.user_manager, "Past goed in groep Dolfijnen"
        )
        review = self.review()
        self.assertEqual(review.status, "approved")
        self.assertEqual(review.done_by, self.user_manager)
        self.assertEqual(self.application.validation_status, "validated")
        bodies = self.bodies()
        self.assertIn(
            "Marieke de Vries approved: Location manager consents to placing (PO-2).",
            bodies,
        )
        self.assertIn("Past goed in groep Dolfijnen", bodies)
        self.assertFalse(
            self.application.activity_ids.filtered(
                lambda a: a.user_id == self.user_manager
            )
        )
        self.application.with_user(self.user_po).action_place()
        self.assertEqual(self.application.state, "placed")
        # The approvals stay on the placed internship.
        self.assertEqual(self.review(), review)

    def test_po2_manager_rejects_with_a_reason(self):
        self.decide_as(self.application, self.user_manager, "Groep is vol", reject=True)
        self.assertEqual(self.application.validation_status, "rejected")
        self.assertIn("Marieke de Vries rejected", self.bodies())
        self.assertIn("Groep is vol", self.bodies())
        with self.assertRaisesRegex(UserError, "Marieke de Vries rejected"):
            self.application.with_user(self.user_po).action_place()
        self.application.with_user(self.user_po).action_reject()
        # The refusal stays readable on the rejected application.
        self.assertEqual(self.review().status, "rejected")
        self.assertEqual(self.review().comment, "Groep is vol")

    def test_po2_another_location_asks_its_own_manager(self):
        """Handed over to Het Anker, the application waits for Mona, its
        manager, whatever Marieke agreed to."""
        self.decide_as(self.application, self.user_manager)
        self.candidate.department_id = self.anker
        self.application.write(
            {
                "schedule_ids": [(5, 0, 0)],
                "department_id": self.anker.id,
                "werkbegeleider_id": self.emp_wb2.id,
            }
        )
        review = self.review()
        self.assertEqual(len(review), 1)
        self.assertEqual(review.status, "pending")
        self.assertEqual(review.reviewer_ids, self.user_manager2)
        self.assertIn("the approvals are asked again", self.bodies())
        with self.assertRaisesRegex(UserError, "Mona Anker"):
            self.application.with_user(self.user_po2).action_place()
        with self.assertRaises(AccessError):
            self.application.with_user(self.user_manager).validate_tier()
        self.decide_as(self.application, self.user_manager2)
        self.application.with_user(self.user_po2).action_place()
        self.assertEqual(self.application.state, "placed")

    def test_po2_the_organisation_adds_its_own_tier(self):
        """An HR approval added in the settings, without code: placing then
        waits for both."""
        hr_officer = new_test_user(
            self.env,
            login="t_hr_officer",
            name="Hanna Personeelszaken",
            groups="base.group_user,hr.group_hr_user,samenwijs_stage.group_admin",
        )
        settings_admin = new_test_user(
            self.env,
            login="t_settings",
            name="Sietse Beheer",
            groups="base.group_user,base.group_erp_manager",
        )
        self.env["tier.definition"].with_user(settings_admin).create(
            {
                "name": "HR checks the contract data",
                "model_id": self.env.ref(
                    "samenwijs_stage.model_samenwijs_internship"
                ).id,
                "review_type": "individual",
                "reviewer_id": hr_officer.id,
                "sequence": 5,
                "approve_sequence": True,
            }
        )
        application = self.create_internship(
            employee=self.env["hr.employee"].create(
                {"name": "Henk Hr", "employee_type": "trainee"}
            ),
            consent=False,
        )
        application.with_user(self.user_po).action_apply()
        self.assertEqual(
            application.review_ids.mapped("name"),
            [
                "Location manager consents to placing (PO-2)",
                "HR checks the contract data",
            ],
        )
        self.decide_as(application, self.user_manager)
        with self.assertRaisesRegex(UserError, "Hanna Personeelszaken"):
            application.with_user(self.user_po).action_place()
        application.with_user(hr_officer).validate_tier()
        application.with_user(self.user_po).action_place()
        self.assertEqual(application.state, "placed")

    def test_po2_archived_definition_asks_nothing(self):
        self.env.ref(CONSENT).active = False
        internship = self.create_internship(
            employee=self.env["hr.employee"].create(
                {"name": "Anna Archief", "employee_type": "trainee"}
            ),
            consent=False,
        )
        self.assertFalse(internship.need_validation)
        internship.with_user(self.user_po).action_place()
        self.assertEqual(internship.state, "placed")

    def test_po2_location_without_a_manager_user_cannot_be_asked(self):
        self.linde.manager_id.user_id = False
        internship = self.create_internship(
            employee=self.env["hr.employee"].create(
                {"name": "Nina Niemand", "employee_type": "trainee"}
            ),
            consent=False,
        )
        with self.assertRaises(UserError) as caught:
            internship.with_user(self.user_po).request_validation()
        self.assertIn("no manager who uses Odoo", str(caught.exception))
        self.assertFalse(
            self.env["tier.review"].search(
                [("model", "=", internship._name), ("res_id", "=", internship.id)]
            )
        )

    def test_po2_rs5_upgrade_asks_the_approvals_and_keeps_the_agreement(self):
        """Applications of before the tiers get theirs on upgrade; an HBO
        interview agreed to then is the approved first tier."""
        hbo = self.create_internship(
            employee=self.env["hr.employee"].create(
                {"name": "Hidde Hbo", "employee_type": "student"}
            ),
            itype=self.type_hbo,
            consent=False,
        )
        (hbo | self.application).sudo().write({"state": "application"})
        self.application.sudo().review_ids.unlink()
        cr = self.env.cr
        cr.execute(
            "ALTER TABLE samenwijs_internship ADD COLUMN hbo_manager_agreed boolean, "
            "ADD COLUMN hbo_manager_agreed_uid integer"
        )
        cr.execute(
            "UPDATE samenwijs_internship SET hbo_manager_agreed = true, "
            "hbo_manager_agreed_uid = %s WHERE id = %s",
            [self.user_manager.id, hbo.id],
        )
        offer = self.env.ref("samenwijs_stage.mail_template_internship_offer")
        offer.report_template_ids = False
        migration = load_migration("19.0.4.0.0/post-migrate.py")
        migration.migrate(cr, "19.0.3.0.0")
        self.env.invalidate_all()
        # RS-2: the April offer of an older database carries the places too.
        self.assertEqual(
            offer.report_template_ids,
            self.env.ref("samenwijs_stage.action_report_capacity_school"),
        )
        self.assertEqual(
            hbo.review_ids.mapped("status"), ["approved", "pending"], hbo.review_ids
        )
        self.assertEqual(hbo.review_ids[0].done_by, self.user_manager)
        self.assertTrue(hbo.hbo_manager_agreed)
        self.assertEqual(self.application.review_ids.status, "pending")
        cr.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = "
            "'samenwijs_internship' AND column_name LIKE 'hbo_manager_agreed%%'"
        )
        self.assertEqual(cr.fetchone()[0], 0)
        migration.migrate(cr, "19.0.3.0.0")
        self.env.invalidate_all()
        self.assertEqual(len(hbo.review_ids), 2)
