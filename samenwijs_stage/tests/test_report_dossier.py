import base64
import io
import re
from datetime import datetime, timedelta

import lxml.html
from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader
from odoo.tools.safe_eval import safe_eval, time

from .common import SamenwijsCase

DOSSIER = "samenwijs_stage.action_report_internship_dossier"
EVALUATION = "samenwijs_stage.action_report_internship_evaluation"
NL_DATE = "%d-%m-%Y"
EN_DATE = "%m/%d/%Y"
DASH = "\N{EN DASH}"


BLOCKS = ("p", "div", "td", "th", "tr", "li", "h2", "h5", "br", "table")


def html_text(html):
    """The text of a rendered report as it reads: blocks and table cells
    apart, inline elements not, white space (also non-breaking) collapsed
    to single spaces."""
    root = lxml.html.fromstring(html)
    for element in root.xpath("//style | //script"):
        element.drop_tree()
    for element in root.iter(*BLOCKS):
        element.tail = " " + (element.tail or "")
    return " ".join(root.text_content().split())


@tagged("post_install", "-at_install")
class TestReportDossier(SamenwijsCase):
    """The internship dossier and the evaluation report: real PDFs through
    wkhtmltopdf, their text through the HTML render, in the language of the
    printing user or the intern, and only what the printing user may read
    (INS-1, VOG-1, VOG-2, PO-P2, EV-1, WB-7, WB-P6, AL-1, HR-1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Both languages active: a database with Dutch demo data may have
        # put English aside.
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["res.lang"]._activate_lang("nl_NL")
        cls.env["ir.module.module"]._load_module_terms(
            ["samenwijs_stage"], ["nl_NL"], overwrite=True
        )
        # Each test chooses Dutch itself; the demo users of the database may
        # speak Dutch already.
        (
            cls.user_po
            | cls.user_wb
            | cls.user_manager
            | cls.user_intern
            | cls.user_intern2
            | cls.user_payroll
        ).lang = "en_US"
        # Dutch notation, as the organisation sets the euro: "€ 247,50".
        cls.env.ref("base.EUR").position = "before"
        Evaluation = cls.env["samenwijs.internship.evaluation"]

        # Sanne: BOL PW3, study year 3, running for eight weeks at De Linde.
        monday = cls.today - timedelta(days=cls.today.weekday())
        cls.start = monday - timedelta(weeks=8)
        cls.end = monday + relativedelta(months=6)
        cls.contact = cls.env["res.partner"].create(
            {"name": "Ingrid Hoekstra", "parent_id": cls.school.id}
        )
        cls.internship.write(
            {
                "study_year": 3,
                "date_start": cls.start,
                "date_end": cls.end,
                "school_contact_id": cls.contact.id,
            }
        )
        cls.complete_legal_checks(cls, cls.internship)
        cls.vog_issue = cls.internship.vog_date_issue
        cls.bpv_date = cls.start - timedelta(days=10)
        cls.internship.write(
            {
                "bpv_signed": True,
                "bpv_signed_date": cls.bpv_date,
                "personal_data_form_returned": True,
            }
        )
        cls.internship.action_place()
        cls.internship.action_start()
        cls.internship.allowance_amount = 247.5

        # Hours (HR-1): two days signed, one waiting for the signature.
        Hour = cls.env["samenwijs.internship.hour"]
        hours = Hour.create(
            [
                {
                    "internship_id": cls.internship.id,
                    "date": cls.start + timedelta(days=day),
                    "department_id": cls.linde.id,
                    "time_start": 8.5,
                    "time_end": 17.0,
                    "break_hours": 0.5,
                    "state": "submitted",
                }
                for day in (7, 8, 14)
            ]
        )
        hours[:2].with_user(cls.user_wb).action_approve()

        # A learning conversation, held and signed (WB-P1, WB-7).
        cls.conversation_date = datetime.combine(
            cls.start + timedelta(weeks=4), datetime.min.time()
        ) + timedelta(hours=13, minutes=30)
        cls.conversation = Evaluation.create(
            {
                "internship_id": cls.internship.id,
                "kind": "conversation",
                "date": cls.conversation_date,
            }
        )
        cls.sign(
            cls.conversation,
            result="positive",
            feedback="Neemt initiatief in de groep.",
        )

        # An assignment not handed in while its deadline passed (ST-5).
        cls.assignment = cls.env["samenwijs.internship.assignment"].create(
            {
                "internship_id": cls.internship.id,
                "name": "Observatie van een peuter",
                "kind": "assignment",
                "deadline": cls.start + timedelta(weeks=3),
            }
        )

        # The competence scan (WB-P6), held but not signed yet.
        cls.scan_date = datetime.combine(
            cls.today - timedelta(days=2), datetime.min.time()
        ) + timedelta(hours=14, minutes=15)
        cls.scan = Evaluation.create(
            {
                "internship_id": cls.internship.id,
                "kind": "scan",
                "date": cls.scan_date,
                "partner_ids": [(6, 0, cls.contact.ids)],
            }
        )
        cls.scan.with_user(cls.user_intern).write(
            {"agenda": "<p>Overdracht aan ouders oefenen</p>"}
        )
        scan = cls.scan.with_user(cls.user_wb)
        ratings = ["goed", "voldoende", "oefenen"]
        for line, rating in zip(scan.line_ids, ratings, strict=False):
            line.rating = rating
        scan.write(
            {
                "notes": "<p>Sanne werkt zelfstandig op de peutergroep.</p>",
                "result": "positive",
                "feedback": "Laat veel groei zien.",
            }
        )
        scan.action_submit()

    @classmethod
    def sign(cls, evaluation, result, feedback):
        evaluation = evaluation.with_user(cls.user_wb)
        evaluation.write({"result": result, "feedback": feedback})
        evaluation.action_submit()
        evaluation.action_approve()

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def pdf(self, user, report, record):
        """The real PDF, made by wkhtmltopdf as ``user``."""
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, record.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF-"), "A real PDF.")
        return content

    def html(self, user, report, record):
        """The HTML that wkhtmltopdf prints, rendered as ``user``."""
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(report, record.ids)
        )
        return content

    def text(self, user, report, record):
        """The printed text of the report: one space between the texts of
        its elements, white space (also non-breaking) collapsed."""
        return html_text(self.html(user, report, record))

    def assertInAll(self, needles, haystack):
        for needle in needles:
            self.assertIn(needle, haystack)

    # ------------------------------------------------------------------
    # The dossier
    # ------------------------------------------------------------------
    def test_ins1_dossier_pdf_shows_the_whole_internship_to_the_praktijkopleider(self):
        self.pdf(self.user_po, DOSSIER, self.internship)
        text = self.text(self.user_po, DOSSIER, self.internship)
        self.assertInAll(
            [
                f"Internship dossier {self.internship.name}",
                "Intern Sanne Jansen",
                "Programme BOL PW3",
                "Study year 3",
                "School ROC Noorderpoort",
                "School supervisor Ingrid Hoekstra",
                f"Period {self.start.strftime(EN_DATE)} {DASH} {self.end.strftime(EN_DATE)}",
                f"School year {self.internship.school_year}",
                "Main location Kindcentrum De Linde (Regio Noord)",
                "Planned per week 16.0 hours on 2 days",
                "Monday Kindcentrum De Linde",
                "Werkbegeleider Wendy Bakker",
                "Praktijkopleider Petra Oosterhof",
                "Location manager Marieke de Vries",
                # The onboarding checklist with its dates (VOG-1, VOG-2, PO-P2).
                "Onboarding checklist",
                f"VOG (certificate of conduct) Yes Date of issue: "
                f"{self.vog_issue.strftime(EN_DATE)}",
                f"Personenregister koppeling Yes Koppeling on "
                f"{self.today.strftime(EN_DATE)}",
                f"BPV agreement signed Yes Signed on {self.bpv_date.strftime(EN_DATE)}",
                "Introduction piece for the parent portal No",
                # INS-1
                "All interns are insured for liability (WA) and accidents through "
                f"{self.company.name}.",
                # The evaluations held with their outcome, signed (WB-7).
                f"{self.conversation_date.strftime(EN_DATE)} Learning conversation "
                "Positive Signed by Wendy Bakker on",
                f"{self.scan_date.strftime(EN_DATE)} Competence scan Positive "
                "Held, not signed yet",
                # Assignments with their status (ST-5).
                "Observatie van een peuter Practical assignment "
                f"{(self.start + timedelta(weeks=3)).strftime(EN_DATE)} "
                "To hand in (late) Not signed",
                # Hours against the planned BPV hours (HR-1).
                "Planned BPV hours 800.0",
                "Hours signed so far 16.0",
                "Progress 2 %",
                "Hours waiting to be signed 8.0",
                "Hours registered in total 24.0",
                # The allowance (AL-1), for who may read it.
                "Monthly allowance € 247.50",
                "Allowance status Active",
            ],
            text,
        )
        self.assertNotIn("not shown to you", text)

    def test_dossier_dutch_dates_and_numbers_for_a_dutch_user(self):
        self.user_po.lang = "nl_NL"
        self.pdf(self.user_po, DOSSIER, self.internship)
        text = self.text(self.user_po, DOSSIER, self.internship)
        self.assertInAll(
            [
                f"{self.start.strftime(NL_DATE)} {DASH} {self.end.strftime(NL_DATE)}",
                f"Afgiftedatum: {self.vog_issue.strftime(NL_DATE)}",
                f"Afgetekend op {self.bpv_date.strftime(NL_DATE)}",
                "16,0 uur over 2 dagen",
                "Geplande BPV-uren 800,0",
                "Tot nu toe afgetekende uren 16,0",
                "€ 247,50",
                "Stagedossier",
                "Introductie-checklist",
                "Alle stagiairs zijn verzekerd",
                "Positief",
                "Leergesprek",
                "Lopend",
            ],
            text,
        )
        self.assertNotIn(self.start.strftime(EN_DATE), text)
        self.assertNotIn("€ 247.50", text)

    def test_dossier_is_dutch_when_the_intern_is_dutch(self):
        """Printed by an English-speaking user for a Dutch intern: the
        intern's folder and the school get Dutch."""
        self.user_intern.lang = "nl_NL"
        text = self.text(self.user_po, DOSSIER, self.internship)
        self.assertIn(f"{self.start.strftime(NL_DATE)} {DASH}", text)
        self.assertIn("€ 247,50", text)

    def test_dossier_intern_prints_their_own_not_another(self):
        self.pdf(self.user_intern, DOSSIER, self.internship)
        text = self.text(self.user_intern, DOSSIER, self.internship)
        self.assertIn("Intern Sanne Jansen", text)
        self.assertIn("Onboarding checklist", text)
        self.assertIn("Competence scan Positive", text, "Their own evaluations.")
        # The amounts of the allowance are the praktijkopleider's (AL-1).
        self.assertIn("With allowance Yes", text)
        self.assertNotIn("Monthly allowance", text)
        self.assertNotIn("247.50", text)
        self.assertNotIn("€", text)
        with self.assertRaises(AccessError):
            self.pdf(self.user_intern, DOSSIER, self.internship2)
        with self.assertRaises(AccessError):
            self.html(self.user_intern2, DOSSIER, self.internship)

    def test_dossier_location_manager_gets_no_evaluations(self):
        """Evaluations are personal data: the location manager prints the
        dossier without them, and is told so."""
        text = self.text(self.user_manager, DOSSIER, self.internship)
        self.assertIn("Intern Sanne Jansen", text)
        self.assertIn("Evaluations are personal data and are not shown to you.", text)
        self.assertNotIn("Learning conversation", text)
        self.assertNotIn("Competence scan", text)
        self.assertNotIn("No evaluation has been held yet", text)
        self.assertIn("Observatie van een peuter", text)

    def test_dossier_payroll_prints_nothing(self):
        with self.assertRaises(AccessError):
            self.pdf(self.user_payroll, DOSSIER, self.internship)

    def test_report_actions_are_in_the_print_menu_with_names(self):
        dossier = self.env.ref(DOSSIER)
        evaluation = self.env.ref(EVALUATION)
        self.assertEqual(dossier.binding_model_id.model, "samenwijs.internship")
        self.assertEqual(
            evaluation.binding_model_id.model, "samenwijs.internship.evaluation"
        )
        self.assertEqual(
            safe_eval(
                dossier.print_report_name, {"object": self.internship, "time": time}
            ),
            f"Internship dossier - Sanne Jansen - {self.start.year}",
        )
        self.assertEqual(
            safe_eval(
                evaluation.print_report_name, {"object": self.scan, "time": time}
            ),
            f"Evaluation - Sanne Jansen - {self.scan_date.strftime('%Y-%m-%d')}",
        )

    # ------------------------------------------------------------------
    # The evaluation report
    # ------------------------------------------------------------------
    def test_wbp6_wb7_signed_scan_shows_ratings_and_who_signed(self):
        self.scan.with_user(self.user_wb).action_approve()
        self.pdf(self.user_wb, EVALUATION, self.scan)
        text = self.text(self.user_wb, EVALUATION, self.scan)
        criteria = self.scan.line_ids
        self.assertInAll(
            [
                f"Competence scan {DASH} Sanne Jansen",
                f"Date {self.scan_date.strftime(EN_DATE)} 02:15 PM",
                "Programme BOL PW3",
                "Study year 3",
                "Participants Ingrid Hoekstra",
                "Werkbegeleider Wendy Bakker",
                "Agenda Overdracht aan ouders oefenen",
                "Notes Sanne werkt zelfstandig op de peutergroep.",
                "Work processes Work process Rating Note",
                f"{criteria[0].name} Good",
                f"{criteria[1].name} Sufficient",
                f"{criteria[2].name} Practising",
                f"{criteria[-1].name} Not rated",
                "Overall result Positive",
                "Feedback of the werkbegeleider Laat veel groei zien.",
                "Signed by Wendy Bakker on",
            ],
            text,
        )
        self.assertNotIn("Not signed", text)
        self.assertNotIn(
            "data:image/svg+xml",
            self.html(self.user_wb, EVALUATION, self.scan).decode(),
        )

    def test_wb7_unsigned_evaluation_says_so_on_every_page(self):
        # Long notes: the report runs over several pages.
        paragraphs = "".join(
            f"<p>Observatie {i}: {'de peuters spelen buiten en binnen. ' * 12}</p>"
            for i in range(40)
        )
        self.scan.with_user(self.user_wb).notes = paragraphs
        html = self.html(self.user_wb, EVALUATION, self.scan).decode()
        text = html_text(html)
        self.assertIn(
            "Not signed: this evaluation has not been signed by the werkbegeleider.",
            text,
        )
        self.assertIn("Signature Not signed.", text)
        self.assertIn("Werkbegeleider Wendy Bakker Date", text)
        # The mark tiled over the page body says it in words.
        mark = re.search(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", html)
        self.assertTrue(mark)
        self.assertIn(b"NOT SIGNED", base64.b64decode(mark.group(1)))
        # In the PDF: the mark is a tiling pattern on every page.
        pages = PdfFileReader(
            io.BytesIO(self.pdf(self.user_wb, EVALUATION, self.scan))
        ).pages
        self.assertGreater(len(pages), 1)
        for page in pages:
            self.assertTrue(page["/Resources"].get("/Pattern"))
        # Signed, the same report carries no mark.
        self.scan.with_user(self.user_wb).action_approve()
        pages = PdfFileReader(
            io.BytesIO(self.pdf(self.user_wb, EVALUATION, self.scan))
        ).pages
        self.assertGreater(len(pages), 1)
        for page in pages:
            self.assertFalse(page["/Resources"].get("/Pattern"))

    def test_evaluation_report_dutch_for_a_dutch_user(self):
        self.user_wb.lang = "nl_NL"
        self.pdf(self.user_wb, EVALUATION, self.scan)
        text = self.text(self.user_wb, EVALUATION, self.scan)
        self.assertInAll(
            [
                f"{self.scan_date.strftime(NL_DATE)} 14:15",
                # Values that carry their Dutch translation already.
                "Competentiescan",
                "Goed",
                "Voldoende",
                "Positief",
            ],
            text,
        )
        self.assertNotIn(self.scan_date.strftime(EN_DATE), text)

    def test_evaluation_report_only_for_who_may_read_it(self):
        """The intern prints their own evaluation; another intern, the
        location manager and payroll print none."""
        self.pdf(self.user_intern, EVALUATION, self.scan)
        self.assertIn(
            f"Competence scan {DASH} Sanne Jansen",
            self.text(self.user_intern, EVALUATION, self.scan),
        )
        for user in (self.user_intern2, self.user_manager, self.user_payroll):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.pdf(user, EVALUATION, self.scan)
