import base64
import io
import zipfile
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from lxml import etree
from PIL import Image

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import SamenwijsCase

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def b64(data):
    return base64.b64encode(data).decode()


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, "PNG")
    return buffer.getvalue()


def docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestAssignments(SamenwijsCase):
    """WB-7, WB-P3, ST-5, ST-6: the werkbegeleider (or praktijkopleider)
    gives assignments, the intern hands in the work, the werkbegeleider signs
    it with feedback; exams are signed by both. ST-2: invitations to school
    meetings reach the praktijkopleider in time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internship.write(
            {
                "date_start": cls.today - timedelta(weeks=8),
                "date_end": cls.today + relativedelta(months=6),
            }
        )
        cls.complete_legal_checks(cls, cls.internship)
        cls.internship.action_place()
        cls.internship.action_start()
        cls.Assignment = cls.env["samenwijs.internship.assignment"]
        cls.Invitation = cls.env["samenwijs.internship.invitation"]
        cls.sign_type = cls.env.ref(
            "samenwijs_stage.mail_activity_type_assignment_to_sign"
        )
        cls.meeting_type = cls.env.ref(
            "samenwijs_stage.mail_activity_type_school_meeting"
        )

    def give(self, user=None, **vals):
        values = {
            "internship_id": self.internship.id,
            "name": "Observatie peuter",
            "deadline": self.today + timedelta(days=7),
            "description": "Observeer een peuter tijdens het vrij spel.",
        }
        values.update(vals)
        return self.Assignment.with_user(user or self.user_wb).create(values)

    def hand_in(self, assignment, data=PDF, filename="observatie.pdf"):
        work = assignment.with_user(self.user_intern)
        work.write({"submission_file": b64(data), "submission_filename": filename})
        work.action_submit()
        return assignment

    def sign_tasks(self, user=None):
        activities = self.internship.activity_ids.filtered(
            lambda a: a.activity_type_id == self.sign_type
        )
        return activities.filtered(lambda a: a.user_id == user) if user else activities

    # ------------------------------------------------------------------
    # The path of an assignment
    # ------------------------------------------------------------------
    def test_wb7_werkbegeleider_gives_assignment_with_deadline(self):
        assignment = self.give()
        self.assertEqual(assignment.state, "draft")
        self.assertEqual(assignment.employee_id, self.emp_intern)
        self.assertEqual(self.internship.assignment_count, 1)
        # The praktijkopleider of the internship gives one too.
        self.give(user=self.user_po, name="Verslag week 1", kind="report")
        self.assertEqual(
            self.internship.with_user(self.user_intern).assignment_count, 2
        )

    def test_wbp3_intern_hands_in_and_werkbegeleider_signs_with_feedback(self):
        assignment = self.hand_in(self.give())
        self.assertEqual(assignment.state, "submitted")
        self.assertEqual(assignment.submitted_on, self.today)
        self.assertFalse(assignment.submitted_late)
        self.assertEqual(len(self.sign_tasks(self.user_wb)), 1)
        self.assertFalse(self.sign_tasks(self.user_po), "Not an exam: no PO task.")

        as_wb = assignment.with_user(self.user_wb)
        self.assertTrue(as_wb.can_sign)
        as_wb.write({"feedback": "Mooie observatie, let op je conclusie."})
        as_wb.action_approve()
        self.assertEqual(assignment.state, "approved")
        self.assertEqual(assignment.signed_by_id, self.user_wb)
        self.assertTrue(assignment.signed_on)
        self.assertFalse(self.sign_tasks(), "Nothing left to sign.")

    def test_wbp3_signing_needs_feedback(self):
        assignment = self.hand_in(self.give())
        with self.assertRaisesRegex(UserError, "feedback"):
            assignment.with_user(self.user_wb).action_approve()
        assignment.with_user(self.user_wb).write({"feedback": "   "})
        with self.assertRaisesRegex(UserError, "feedback"):
            assignment.with_user(self.user_wb).action_approve()
        self.assertEqual(assignment.state, "submitted")

    def test_wbp3_intern_writes_only_their_work_until_handed_in(self):
        assignment = self.give()
        as_intern = assignment.with_user(self.user_intern)
        as_intern.write({"submission_note": "Zie bijlage."})
        for vals in (
            {"deadline": self.today + timedelta(days=30)},
            {"name": "Iets anders"},
            {"feedback": "Goed gedaan"},
            {"state": "approved"},
            {"submitted_late": False},
        ):
            with self.assertRaises(AccessError, msg=str(vals)):
                as_intern.write(vals)
        with self.assertRaises(AccessError):
            self.give(user=self.user_intern)
        with self.assertRaises(AccessError):
            as_intern.unlink()
        as_intern.action_submit()
        with self.assertRaises(AccessError):
            as_intern.write({"submission_note": "Toch nog iets"})
        with self.assertRaises(AccessError):
            as_intern.write(
                {"submission_file": b64(PDF), "submission_filename": "b.pdf"}
            )
        # The werkbegeleider no longer moves the deadline either.
        with self.assertRaises(AccessError):
            assignment.with_user(self.user_wb).write(
                {"deadline": self.today + timedelta(days=30)}
            )

    def test_wbp3_handing_in_needs_work(self):
        assignment = self.give()
        with self.assertRaisesRegex(UserError, "Upload your work"):
            assignment.with_user(self.user_intern).action_submit()
        with self.assertRaises(AccessError):
            self.give().with_user(self.user_wb).action_submit()

    def test_wbp3_signed_work_is_locked(self):
        assignment = self.hand_in(self.give())
        as_wb = assignment.with_user(self.user_wb)
        as_wb.write({"feedback": "Goed."})
        as_wb.action_approve()
        with self.assertRaises(UserError):
            as_wb.write({"feedback": "Toch anders."})
        with self.assertRaises(UserError):
            as_wb.unlink()
        with self.assertRaises(AccessError):
            as_wb.action_reset("Vergissing")
        # The administrator reopens, with a reason.
        assignment.with_user(self.user_admin).action_reset("Verkeerde bijlage")
        self.assertEqual(assignment.state, "draft")
        self.assertFalse(assignment.signed_by_id)

    def test_wbp3_only_the_werkbegeleider_signs(self):
        assignment = self.hand_in(self.give())
        assignment.with_user(self.user_wb).write({"feedback": "Goed."})
        for user in (self.user_intern, self.user_manager, self.user_po):
            with self.assertRaises(AccessError, msg=user.name):
                assignment.with_user(user).action_approve()
        with self.assertRaises(AccessError):
            assignment.with_user(self.user_po).write({"feedback": "Anders."})
        self.assertEqual(assignment.state, "submitted")

    def test_wbp3_send_back_with_feedback_as_reason(self):
        assignment = self.hand_in(self.give())
        as_wb = assignment.with_user(self.user_wb)
        with self.assertRaises(UserError):
            as_wb.action_send_back_feedback()
        as_wb.write({"feedback": "De conclusie ontbreekt."})
        as_wb.action_send_back_feedback()
        self.assertEqual(assignment.state, "draft")
        self.assertEqual(assignment.sent_back_reason, "De conclusie ontbreekt.")
        self.assertFalse(self.sign_tasks())
        # The intern improves the work and hands it in again.
        self.hand_in(assignment, docx(), "observatie.docx")
        self.assertEqual(assignment.state, "submitted")

    # ------------------------------------------------------------------
    # ST-5: late
    # ------------------------------------------------------------------
    def test_st5_handed_in_after_the_deadline_is_late(self):
        assignment = self.give(deadline=self.today + timedelta(days=2))
        with freeze_time(self.today + timedelta(days=3)):
            self.hand_in(assignment)
        self.assertTrue(assignment.submitted_late)
        self.assertTrue(assignment.is_late)
        on_time = self.give(deadline=self.today + timedelta(days=2))
        with freeze_time(self.today + timedelta(days=2)):
            self.hand_in(on_time)
        self.assertFalse(on_time.submitted_late)
        self.assertFalse(on_time.is_late)

    def test_st5_not_handed_in_past_the_deadline_is_late(self):
        assignment = self.give(deadline=self.today + timedelta(days=2))
        self.assertFalse(assignment.is_late)
        domain = [("is_late", "=", True), ("id", "=", assignment.id)]
        self.assertFalse(self.Assignment.search(domain))
        with freeze_time(self.today + timedelta(days=3)):
            assignment.invalidate_recordset(["is_late"])
            self.assertTrue(assignment.is_late)
            self.assertEqual(self.Assignment.search(domain), assignment)
            self.assertEqual(
                self.Assignment.with_user(self.user_wb).search(domain), assignment
            )
            self.assertFalse(
                self.Assignment.search(
                    [("is_late", "=", False), ("id", "=", assignment.id)]
                )
            )
            self.internship.invalidate_recordset(["assignment_late_count"])
            self.assertEqual(self.internship.assignment_late_count, 1)

    # ------------------------------------------------------------------
    # ST-6: exams
    # ------------------------------------------------------------------
    def test_st6_exam_needs_both_signatures(self):
        exam = self.hand_in(self.give(name="Proeve van bekwaamheid", kind="exam"))
        self.assertEqual(len(self.sign_tasks(self.user_wb)), 1)
        self.assertEqual(len(self.sign_tasks(self.user_po)), 1)

        as_wb = exam.with_user(self.user_wb)
        as_wb.write({"feedback": "Voldoende, goed voorbereid."})
        as_wb.action_approve()
        self.assertEqual(exam.state, "submitted", "The praktijkopleider still signs.")
        self.assertEqual(exam.signed_by_id, self.user_wb)
        self.assertFalse(self.sign_tasks(self.user_wb), "The WB's part is done.")
        self.assertEqual(len(self.sign_tasks(self.user_po)), 1)
        with self.assertRaises(UserError):
            as_wb.action_approve()
        with self.assertRaises(AccessError):
            as_wb.write({"feedback": "Na de handtekening nog iets."})

        as_po = exam.with_user(self.user_po)
        self.assertTrue(as_po.can_sign)
        with self.assertRaisesRegex(UserError, "feedback"):
            as_po.action_approve()
        as_po.write({"po_feedback": "Akkoord."})
        as_po.action_approve()
        self.assertEqual(exam.state, "approved")
        self.assertEqual(exam.po_signed_by_id, self.user_po)
        self.assertFalse(self.sign_tasks())

    def test_st6_praktijkopleider_may_sign_an_exam_first(self):
        exam = self.hand_in(self.give(kind="exam"))
        exam.with_user(self.user_po).write({"po_feedback": "Akkoord."})
        exam.with_user(self.user_po).action_approve()
        self.assertEqual(exam.state, "submitted")
        self.assertFalse(exam.signed_by_id)
        with self.assertRaises(AccessError):
            exam.with_user(self.user_wb).write({"po_feedback": "Anders."})
        exam.with_user(self.user_wb).write({"feedback": "Goed."})
        exam.with_user(self.user_wb).action_approve()
        self.assertEqual(exam.state, "approved")

    def test_st6_other_praktijkopleider_signs_nothing(self):
        exam = self.hand_in(self.give(kind="exam"))
        with self.assertRaises(AccessError):
            exam.with_user(self.user_po2).read(["name"])
        with self.assertRaises(AccessError):
            exam.with_user(self.user_po2).action_approve()

    def search_filter(self, name, user):
        """The records the filter ``name`` of the search view finds for
        ``user``."""
        arch = self.Assignment.with_user(user).get_views([(False, "search")])
        view = arch["views"]["search"]["arch"]
        node = etree.fromstring(view).xpath(f"//filter[@name='{name}']")[0]
        domain = safe_eval(node.get("domain"), {"uid": user.id})
        return self.Assignment.with_user(user).search(domain)

    def test_wbp3_filters_to_sign_late_and_mine(self):
        assignment = self.hand_in(self.give())
        exam = self.hand_in(self.give(kind="exam"))
        late = self.give(deadline=self.today - timedelta(days=1))
        self.assertEqual(self.search_filter("to_sign", self.user_wb), assignment | exam)
        self.assertEqual(self.search_filter("to_sign", self.user_po), exam)
        self.assertFalse(self.search_filter("to_sign", self.user_intern))
        self.assertEqual(self.search_filter("late", self.user_wb), late)
        self.assertEqual(
            self.search_filter("mine", self.user_intern), assignment | exam | late
        )
        exam.with_user(self.user_wb).write({"feedback": "Goed."})
        exam.with_user(self.user_wb).action_approve()
        self.assertEqual(self.search_filter("to_sign", self.user_wb), assignment)
        self.assertEqual(self.search_filter("to_sign", self.user_po), exam)

    # ------------------------------------------------------------------
    # Uploads
    # ------------------------------------------------------------------
    def test_wbp3_upload_accepts_documents_and_images(self):
        for data, filename in (
            (PDF, "werk.pdf"),
            (docx(), "werk.docx"),
            (png(), "foto.png"),
            (b"Mijn verslag.\n", "verslag.txt"),
        ):
            assignment = self.give()
            assignment.with_user(self.user_intern).write(
                {"submission_file": b64(data), "submission_filename": filename}
            )
            self.assertTrue(assignment.submission_file, filename)

    def test_wbp3_upload_refuses_other_files_and_stores_nothing(self):
        assignment = self.give()
        as_intern = assignment.with_user(self.user_intern)
        for data, filename in (
            (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "programma.exe"),
            (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "verslag.pdf"),
            (b"<html><script>alert(1)</script></html>", "verslag.txt"),
            (png(), "foto.pdf"),
            (PDF, "zonder-extensie"),
            (PDF, False),
        ):
            with self.assertRaises(ValidationError, msg=str(filename)):
                as_intern.write(
                    {"submission_file": b64(data), "submission_filename": filename}
                )
        with self.assertRaisesRegex(ValidationError, "could not be read"):
            as_intern.write({"submission_file": "@@@", "submission_filename": "a.pdf"})
        self.env.company.samenwijs_upload_max_mb = 1
        big = PDF + b"0" * (1024 * 1024)
        with self.assertRaisesRegex(ValidationError, "at most 1 MB"):
            as_intern.write(
                {"submission_file": b64(big), "submission_filename": "groot.pdf"}
            )
        self.assertFalse(assignment.submission_file)
        attachments = self.env["ir.attachment"].search(
            [
                ("res_model", "=", assignment._name),
                ("res_id", "=", assignment.id),
                ("res_field", "=", "submission_file"),
            ]
        )
        self.assertFalse(attachments, "Nothing stored.")

    def test_wbp3_renaming_a_stored_file_is_checked_too(self):
        assignment = self.give()
        as_intern = assignment.with_user(self.user_intern)
        as_intern.write({"submission_file": b64(PDF), "submission_filename": "a.pdf"})
        with self.assertRaises(ValidationError):
            as_intern.write({"submission_filename": "a.exe"})
        self.assertEqual(assignment.submission_filename, "a.pdf")
        as_intern.write({"submission_file": False, "submission_filename": False})
        self.assertFalse(assignment.submission_file)

    def test_wbp3_upload_limit_is_the_internship_company_setting(self):
        self.internship.company_id.samenwijs_upload_max_mb = 2
        big = PDF + b"0" * (1024 * 1024 + 10)
        assignment = self.give()
        assignment.with_user(self.user_intern).write(
            {"submission_file": b64(big), "submission_filename": "groot.pdf"}
        )
        self.assertTrue(assignment.submission_file)

    # ------------------------------------------------------------------
    # Who reads
    # ------------------------------------------------------------------
    def test_wbp3_assignments_are_personal_data(self):
        assignment = self.give()
        for user in (self.user_intern, self.user_wb, self.user_manager, self.user_po):
            assignment.with_user(user).read(["name", "deadline"])
        for user in (
            self.user_intern2,
            self.user_wb2,
            self.user_manager_eik,
            self.user_manager2,
            self.user_po2,
            self.user_payroll,
        ):
            with self.assertRaises(AccessError, msg=user.name):
                assignment.with_user(user).read(["name"])
        self.assertFalse(
            self.Assignment.with_user(self.user_intern2).search(
                [("id", "=", assignment.id)]
            )
        )
        # The location manager reads but gives or changes nothing.
        with self.assertRaises(AccessError):
            assignment.with_user(self.user_manager).write({"name": "Anders"})
        with self.assertRaises(AccessError):
            self.give(user=self.user_manager)
        # Another werkbegeleider gives nothing on this internship.
        with self.assertRaises(AccessError):
            self.give(user=self.user_wb2)

    def test_wbp3_giver_deletes_only_work_not_handed_in(self):
        assignment = self.give()
        self.give().with_user(self.user_wb).unlink()
        self.hand_in(assignment)
        with self.assertRaises(AccessError):
            assignment.with_user(self.user_wb).unlink()

    def test_st5_assignments_only_on_running_internships(self):
        with self.assertRaisesRegex(ValidationError, "running internship"):
            self.Assignment.create(
                {
                    "internship_id": self.internship2.id,
                    "name": "Opdracht",
                    "deadline": self.today,
                }
            )

    # ------------------------------------------------------------------
    # ST-2: school meeting invitations
    # ------------------------------------------------------------------
    def meeting_tasks(self):
        return self.internship.activity_ids.filtered(
            lambda a: a.activity_type_id == self.meeting_type
        )

    def invite(self, days=10, user=None, **vals):
        values = {
            "internship_id": self.internship.id,
            "name": "Informatieavond BPV",
            "date": self.today + timedelta(days=days),
            "note": "19:30 in de aula",
        }
        values.update(vals)
        return self.Invitation.with_user(user or self.user_intern).create(values)

    def test_st2_invitation_gives_praktijkopleider_a_task_before_the_meeting(self):
        invitation = self.invite(
            days=10, attachment=b64(PDF), attachment_name="uitnodiging.pdf"
        )
        task = self.meeting_tasks()
        self.assertEqual(len(task), 1)
        self.assertEqual(task.user_id, self.user_po)
        self.assertEqual(task.date_deadline, self.today + timedelta(days=7))
        self.assertEqual(invitation.activity_id, task)
        # Moving the meeting moves the task; it stays one task.
        invitation.with_user(self.user_intern).write(
            {"date": self.today + timedelta(days=20)}
        )
        self.assertEqual(self.meeting_tasks(), task)
        self.assertEqual(task.date_deadline, self.today + timedelta(days=17))
        invitation._schedule_praktijkopleider()
        self.assertEqual(self.meeting_tasks(), task, "Running again adds nothing.")
        invitation.with_user(self.user_intern).unlink()
        self.assertFalse(self.meeting_tasks())

    def test_st2_meeting_close_by_is_due_today(self):
        self.invite(days=1)
        self.assertEqual(self.meeting_tasks().date_deadline, self.today)

    def test_st2_past_meetings_and_bad_files_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "past"):
            self.invite(days=-1)
        with self.assertRaises(ValidationError):
            self.invite(attachment=b64(b"MZ\x90\x00"), attachment_name="x.exe")
        self.assertFalse(
            self.Invitation.search([("internship_id", "=", self.internship.id)])
        )
        self.assertFalse(self.meeting_tasks())

    def test_st2_only_the_intern_records_invitations(self):
        invitation = self.invite()
        for user in (self.user_wb, self.user_manager, self.user_po):
            invitation.with_user(user).read(["name", "date"])
            with self.assertRaises(AccessError, msg=user.name):
                invitation.with_user(user).write({"name": "Anders"})
            with self.assertRaises(AccessError, msg=user.name):
                self.invite(user=user)
        for user in (
            self.user_intern2,
            self.user_wb2,
            self.user_po2,
            self.user_payroll,
        ):
            with self.assertRaises(AccessError, msg=user.name):
                invitation.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            self.invite(user=self.user_intern2)
        with self.assertRaises(AccessError):
            invitation.with_user(self.user_intern).write({"activity_id": False})
