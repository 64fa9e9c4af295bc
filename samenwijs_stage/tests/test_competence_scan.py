from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import SamenwijsCase

HOLD_ACTIVITY = "samenwijs_stage.mail_activity_type_evaluation_hold"
DECIDE_ACTIVITY = "samenwijs_stage.mail_activity_type_contract_proposal"


@tagged("post_install", "-at_install")
class TestCompetenceScan(SamenwijsCase):
    """WB-P6: the competence scan in April of study year 3 and the 0-hours
    contract the bestuurder approves after a positive scan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The tasks are written in each person's language; these tests read
        # the English text (a database with Dutch demo users too).
        (cls.user_po | cls.user_po2 | cls.user_wb | cls.user_wb2).lang = "en_US"
        monday = cls.today - timedelta(days=cls.today.weekday())
        # Sanne: BOL PW3 in study year 3, running; Zoë: study year 1.
        cls.internship.write(
            {
                "study_year": 3,
                "date_start": monday - timedelta(weeks=8),
                "date_end": monday + relativedelta(months=6),
            }
        )
        cls.internship2.write(
            {
                "date_start": monday - timedelta(weeks=8),
                "date_end": monday + relativedelta(months=6),
            }
        )
        for internship in cls.internship | cls.internship2:
            cls.complete_legal_checks(cls, internship)
        (cls.internship | cls.internship2).action_place()
        (cls.internship | cls.internship2).action_start()
        cls.Evaluation = cls.env["samenwijs.internship.evaluation"]
        cls.Proposal = cls.env["samenwijs.contract.proposal"]
        cls.user_bestuurder = new_test_user(
            cls.env,
            login="t_bestuurder",
            name="Bea Bestuur",
            groups="base.group_user",
        )
        cls.user_employee = new_test_user(
            cls.env, login="t_employee", name="Eva Employee", groups="base.group_user"
        )
        cls.company.samenwijs_bestuurder_user_id = cls.user_bestuurder

    def scans(self, internship=None):
        return self.Evaluation.search(
            [
                ("internship_id", "=", (internship or self.internship).id),
                ("kind", "=", "scan"),
            ]
        )

    def scan_activities(self, scans):
        activity_type = self.env.ref(HOLD_ACTIVITY)
        return scans.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )

    def signed_scan(self, result="positive"):
        scan = self.Evaluation.create(
            {
                "internship_id": self.internship.id,
                "kind": "scan",
                "date": datetime.combine(self.today, datetime.min.time()),
            }
        )
        scan = scan.with_user(self.user_wb)
        scan.write({"result": result, "feedback": "Laat veel groei zien."})
        scan.action_submit()
        scan.action_approve()
        return scan.with_user(self.env.user)

    # ------------------------------------------------------------------
    # The scan
    # ------------------------------------------------------------------
    def test_wbp6_april_scan_is_planned_once(self):
        with freeze_time("2027-04-12 04:00:00"):
            self.env["samenwijs.internship"]._cron_competence_scan()
            scan = self.scans()
            self.assertEqual(len(scan), 1)
            self.assertEqual(scan.state, "draft")
            self.assertEqual(scan.werkbegeleider_id, self.emp_wb)
            self.assertEqual(
                scan.template_id,
                self.env.ref("samenwijs_stage.evaluation_template_scan"),
                "The shared form of the competence scan (PO-7).",
            )
            self.assertLessEqual(scan.date.date(), datetime(2027, 4, 30).date())
            activity = self.scan_activities(scan)
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.user_id, self.user_wb)
            self.assertEqual(activity.date_deadline, scan.date.date())
            self.assertIn("competence scan", activity.summary)
            self.assertFalse(self.scans(self.internship2), "Study year 1: no scan.")

            self.env["samenwijs.internship"]._cron_competence_scan()
            self.assertEqual(self.scans(), scan, "No second scan.")
            self.assertEqual(len(self.scan_activities(scan)), 1, "No second task.")

    def test_wbp6_no_scan_outside_april(self):
        for day in ("2027-03-31", "2027-05-01", "2026-12-01"):
            with freeze_time(day):
                self.env["samenwijs.internship"]._cron_competence_scan()
        self.assertFalse(self.scans())

    def test_wbp6_no_scan_for_hbo_or_finished_internships(self):
        # Straight into the table: Willem does not supervise HBO interns, and
        # only what the scheduled action picks is checked here.
        self.env.cr.execute(
            "UPDATE samenwijs_internship SET study_year = 3, internship_type_id = %s "
            "WHERE id = %s",
            [self.type_hbo.id, self.internship2.id],
        )
        self.env.invalidate_all()
        self.internship.sudo().write({"state": "done"})
        with freeze_time("2027-04-01"):
            self.env["samenwijs.internship"]._cron_competence_scan()
        self.assertFalse(self.scans() | self.scans(self.internship2))

    # ------------------------------------------------------------------
    # The 0-hours contract
    # ------------------------------------------------------------------
    def test_wbp6_positive_scan_lets_po_propose_and_bestuurder_approve(self):
        scan = self.signed_scan()
        internship = self.internship.with_user(self.user_po)
        self.assertTrue(internship.can_propose_contract)
        action = internship.action_propose_contract()
        proposal = self.Proposal.with_user(self.user_po).browse(action["res_id"])
        self.assertEqual(proposal.evaluation_id, scan)
        self.assertEqual(
            proposal.date_start, self.internship.date_end + timedelta(days=1)
        )
        self.assertEqual(
            proposal.contract_type_id,
            self.env.ref("samenwijs_stage.contract_type_zero_hours"),
        )
        self.assertEqual(proposal.state, "draft")

        proposal.action_propose()
        self.assertEqual(proposal.state, "to_approve")
        self.assertEqual(internship.contract_proposal_count, 1)
        internship.invalidate_recordset(["can_propose_contract"])
        self.assertFalse(internship.can_propose_contract, "One proposal at a time.")
        self.assertEqual(proposal.review_ids.status, "pending")
        self.assertEqual(proposal.review_ids.reviewer_ids, self.user_bestuurder)
        decide = proposal.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(DECIDE_ACTIVITY)
        )
        self.assertEqual(decide.user_id, self.user_bestuurder)

        # Only the bestuurder decides.
        for user in (self.user_po, self.user_admin, self.user_wb):
            with self.assertRaises(AccessError, msg=user.name):
                proposal.with_user(user).action_approve()
            with self.assertRaises(AccessError, msg=user.name):
                proposal.with_user(user).action_decline()
        as_bestuurder = proposal.with_user(self.user_bestuurder)
        self.assertTrue(as_bestuurder.can_decide)
        as_bestuurder.action_approve()
        self.assertEqual(proposal.state, "approved")
        self.assertEqual(proposal.validation_status, "validated")
        self.assertEqual(proposal.review_ids.done_by, self.user_bestuurder)
        self.assertEqual(proposal.decided_by_id, self.user_bestuurder)
        self.assertFalse(proposal.activity_ids, "The bestuurder's task is done.")

        version = proposal.sudo().version_id
        self.assertTrue(version)
        self.assertEqual(version.employee_id, self.emp_intern)
        self.assertEqual(version.date_version, proposal.date_start)
        self.assertEqual(version.contract_date_start, proposal.date_start)
        self.assertEqual(version.contract_type_id, proposal.contract_type_id)
        with self.assertRaises(UserError):
            as_bestuurder.action_decline()

    def test_wbp6_bestuurder_declines(self):
        self.signed_scan()
        proposal = self.Proposal.with_user(self.user_po).create(
            {"internship_id": self.internship.id, "note": "Sterke stagiaire"}
        )
        proposal.action_propose()
        proposal.with_user(self.user_bestuurder).action_decline()
        self.assertEqual(proposal.state, "declined")
        self.assertEqual(proposal.review_ids.status, "rejected")
        self.assertFalse(proposal.sudo().version_id)
        self.assertFalse(proposal.activity_ids)
        # After a decline the praktijkopleider may propose again, once.
        self.assertTrue(self.internship.with_user(self.user_po).can_propose_contract)
        self.Proposal.with_user(self.user_po).create(
            {"internship_id": self.internship.id}
        )
        with self.assertRaises(UserError):
            self.Proposal.with_user(self.user_po).create(
                {"internship_id": self.internship.id}
            )

    def test_wbp6_only_po_proposes(self):
        self.signed_scan()
        for user in (
            self.user_wb,
            self.user_manager,
            self.user_bestuurder,
            self.user_intern,
        ):
            with self.assertRaises(AccessError, msg=user.name):
                self.Proposal.with_user(user).create(
                    {"internship_id": self.internship.id}
                )
        # A praktijkopleider of another region may not either.
        with self.assertRaises(AccessError):
            self.Proposal.with_user(self.user_po2).create(
                {"internship_id": self.internship.id}
            )
        proposal = self.Proposal.with_user(self.user_po).create(
            {"internship_id": self.internship.id}
        )
        with self.assertRaises(AccessError):
            proposal.with_user(self.user_po).write({"state": "approved"})
        with self.assertRaises(AccessError):
            proposal.with_user(self.user_bestuurder).action_propose()

    def test_wbp6_without_positive_signed_scan_nothing_to_propose(self):
        self.assertFalse(self.internship.with_user(self.user_po).can_propose_contract)
        with self.assertRaises(UserError):
            self.Proposal.with_user(self.user_po).create(
                {"internship_id": self.internship.id}
            )
        negative = self.signed_scan(result="negative")
        self.assertFalse(self.internship.with_user(self.user_po).can_propose_contract)
        with self.assertRaises(UserError):
            self.Proposal.with_user(self.user_po).create(
                {"internship_id": self.internship.id, "evaluation_id": negative.id}
            )

    def test_wbp6_without_bestuurder_no_proposal(self):
        self.signed_scan()
        self.company.samenwijs_bestuurder_user_id = False
        proposal = self.Proposal.with_user(self.user_po).create(
            {"internship_id": self.internship.id}
        )
        with self.assertRaises(UserError):
            proposal.action_propose()
        self.assertEqual(proposal.state, "draft")

    def test_wbp6_only_the_bestuurder_reads_proposals_besides_the_po(self):
        self.signed_scan()
        proposal = self.Proposal.with_user(self.user_po).create(
            {"internship_id": self.internship.id}
        )
        proposal.action_propose()
        proposal.with_user(self.user_bestuurder).read(["state", "date_start"])
        for user in (
            self.user_employee,
            self.user_wb,
            self.user_intern,
            self.user_payroll,
        ):
            with self.assertRaises(AccessError, msg=user.name):
                proposal.with_user(user).read(["state"])

    def test_wbp6_bestuurder_and_po_open_the_proposal_form(self):
        self.signed_scan()
        proposal = self.Proposal.with_user(self.user_po).create(
            {"internship_id": self.internship.id}
        )
        Form(proposal)
        proposal.action_propose()
        form = Form(proposal.with_user(self.user_bestuurder))
        self.assertEqual(form.state, "to_approve")
        self.assertTrue(form.can_decide)
        self.env["samenwijs.contract.proposal"].with_user(self.user_po).get_views(
            [(False, "list"), (False, "search")]
        )
