import io
import re
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.addons.mail.tests.common import MockEmail
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader
from odoo.tools.safe_eval import safe_eval

from ..models.res_partner import next_school_year
from .common import SamenwijsCase

ATTENDANCE = "samenwijs_stage.action_report_attendance_list"
CAPACITY = "samenwijs_stage.action_report_capacity_overview"
CAPACITY_SCHOOL = "samenwijs_stage.action_report_capacity_school"
DUTCH_MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober "
    "november december"
).split()


def html_text(html):
    """The text of a rendered report: tags out, white space collapsed."""
    text = re.sub(r"<[^>]+>", " ", html.decode() if isinstance(html, bytes) else html)
    text = re.sub(r"\s+", " ", text)
    return text.replace("( ", "(").replace(" )", ")")


def page_count(pdf):
    return len(PdfFileReader(io.BytesIO(pdf)).pages)


@tagged("post_install", "-at_install")
class TestReportAttendance(SamenwijsCase, MockEmail):
    """HR-1 attendance list and RS-2 capacity overview as real PDFs:
    rendered by wkhtmltopdf as the printing user, with the record rules of
    that user, in English and with Dutch dates and numbers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # English labels in an English render, Dutch dates and numbers in a
        # Dutch one (a database may have been made with Dutch only).
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["res.lang"]._activate_lang("nl_NL")
        # The last complete month, which the list prints by default.
        cls.month = cls.today.replace(day=1) - relativedelta(months=1)
        cls.month_code = cls.month.strftime("%Y-%m")
        cls.running = cls.internship | cls.internship2
        cls.running.write(
            {
                "date_start": cls.month - relativedelta(months=1),
                "date_end": cls.month + relativedelta(months=9),
            }
        )
        cls.complete_legal_checks(cls, cls.running)
        cls.running.action_place()
        cls.running.action_start()
        cls.Hour = cls.env["samenwijs.internship.hour"]
        cls.day1 = cls.month + timedelta(days=4)
        cls.day2 = cls.month + timedelta(days=5)
        cls.day3 = cls.month + timedelta(days=11)
        signed = cls.Hour.with_user(cls.user_intern).create(
            [
                cls.line_values(cls.day1, 8.5, 17.0, werkbegeleider_alongside=True),
                cls.line_values(cls.day2, 7.0, 15.5),
            ]
        )
        signed.with_user(cls.user_intern).action_submit()
        signed.with_user(cls.user_wb).action_approve()
        cls.signed = signed
        # 09:00-17:00 with half an hour break: 7.50 hours, not yet signed.
        cls.unsigned = cls.Hour.with_user(cls.user_intern).create(
            cls.line_values(cls.day3, 9.0, 17.0)
        )
        cls.other_line = cls.Hour.with_user(cls.user_intern2).create(
            cls.line_values(
                cls.day1, 9.0, 13.0, internship=cls.internship2, location=cls.anker
            )
        )

    @classmethod
    def line_values(
        cls, day, start, end, internship=None, location=None, break_hours=0.5, **vals
    ):
        return {
            "internship_id": (internship or cls.internship).id,
            "date": day,
            "department_id": (location or cls.linde).id,
            "time_start": start,
            "time_end": end,
            "break_hours": break_hours,
            **vals,
        }

    def render_pdf(self, report, records, user=None, data=None, lang=None):
        Report = self.env["ir.actions.report"].with_context(
            force_report_rendering=True, **({"lang": lang} if lang else {})
        )
        if user:
            Report = Report.with_user(user)
        pdf, kind = Report._render_qweb_pdf(report, records.ids, data=data)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf made a PDF")
        return pdf

    def render_html(self, report, records, user=None, data=None, lang=None):
        Report = self.env["ir.actions.report"]
        if lang:
            Report = Report.with_context(lang=lang)
        if user:
            Report = Report.with_user(user)
        html, _kind = Report._render_qweb_html(report, records.ids, data=data)
        return html_text(html)

    # ------------------------------------------------------------------
    # HR-1: the attendance list
    # ------------------------------------------------------------------
    def test_hr1_attendance_list_pdf_shows_days_hours_and_signature(self):
        data = {"month": self.month_code}
        self.render_pdf(ATTENDANCE, self.internship, self.user_po, data)
        text = self.render_html(ATTENDANCE, self.internship, self.user_po, data)
        for label in (
            "Attendance list",
            "Intern",
            "Werkbegeleider",
            "With WB",
            "School holiday",
            "Status",
            "Signed by",
            "Signed hours",
            "Hours not yet signed",
        ):
            self.assertIn(label, text)
        self.assertIn(self.month.strftime("%B %Y"), text)
        self.assertIn("Sanne Jansen", text)
        self.assertNotIn("Zoë Peters", text)
        self.assertIn("Wendy Bakker", text)
        # One row per day of the month.
        days = (self.month + relativedelta(months=1) - self.month).days
        self.assertEqual(
            len(re.findall(r"\d\d/\d\d/\d{4}", text.split("Total")[0])), days
        )
        # Times, hours, shift kinds; totals: 8.00 + 8.00 + 7.50.
        for value in ("08:30", "17:00", "07:00", "15:30", "8.00", "7.50", "Early"):
            self.assertIn(value, text)
        self.assertIn("Total 23.50 Days worked 3", text)
        self.assertIn("Signed hours 16.00", text)
        self.assertIn("Hours not yet signed 7.50", text)
        self.assertIn("With the werkbegeleider 8.00 (34%)", text)
        self.assertIn("Early shifts / late shifts 1 / 0", text)
        # The line not yet signed is marked as such; the list is not signed.
        self.assertIn("NOT SIGNED Draft", text)
        self.assertIn("NOT SIGNED: 1 of 3 lines are not yet signed", text)
        self.assertIn("Signed by Wendy Bakker on", text)

    def test_hr1_attendance_list_dutch_dates_and_numbers(self):
        self.user_po.lang = "nl_NL"
        text = self.render_html(
            ATTENDANCE,
            self.internship,
            self.user_po,
            {"month": self.month_code},
            lang="nl_NL",
        )
        month_nl = f"{DUTCH_MONTHS[self.month.month - 1]} {self.month.year}"
        self.assertIn(month_nl, text)
        self.assertIn(self.day3.strftime("%d-%m-%Y"), text)
        self.assertIn("7,50", text)
        self.assertIn("23,50", text)
        self.assertNotIn("23.50", text)
        pdf = self.render_pdf(
            ATTENDANCE,
            self.internship,
            self.user_po,
            {"month": self.month_code},
            lang="nl_NL",
        )
        self.assertEqual(page_count(pdf), 1)

    def test_hr1_fully_signed_list_says_who_signed(self):
        self.unsigned.with_user(self.user_intern).action_submit()
        self.unsigned.with_user(self.user_wb).action_approve()
        text = self.render_html(
            ATTENDANCE, self.internship, self.user_wb, {"month": self.month_code}
        )
        self.assertIn("Signed by the werkbegeleider", text)
        self.assertNotIn("NOT SIGNED", text)
        self.assertIn("Signed by Wendy Bakker on", text)

    def test_hr1_intern_prints_own_list_not_another(self):
        data = {"month": self.month_code}
        self.render_pdf(ATTENDANCE, self.internship, self.user_intern, data)
        text = self.render_html(ATTENDANCE, self.internship, self.user_intern, data)
        self.assertIn("Sanne Jansen", text)
        self.assertNotIn("Zoë Peters", text)
        with self.assertRaises(AccessError):
            self.render_pdf(ATTENDANCE, self.internship2, self.user_intern, data)
        with self.assertRaises(AccessError):
            self.render_html(ATTENDANCE, self.running, self.user_intern, data)
        with self.assertRaises(AccessError):
            self.render_html(ATTENDANCE, self.internship, self.user_intern2, data)

    def test_hr1_several_interns_one_per_page(self):
        pdf = self.render_pdf(
            ATTENDANCE, self.running, self.user_admin, {"month": self.month_code}
        )
        self.assertEqual(page_count(pdf), 2)
        text = self.render_html(
            ATTENDANCE, self.running, self.user_admin, {"month": self.month_code}
        )
        sanne, zoe = text.split("Attendance list")[1:]
        self.assertIn("Intern Sanne Jansen", sanne)
        self.assertNotIn("Zoë Peters", sanne)
        self.assertIn("Intern Zoë Peters", zoe)
        self.assertIn("Total 3.50 Days worked 1", zoe)

    def test_hr1_unsigned_list_says_so_on_every_page(self):
        """Three lines a day for four weeks do not fit on one page: every
        page says the list is not signed, and rows are not cut."""
        days = [self.month + timedelta(days=n) for n in range(14, 28)]
        self.Hour.with_user(self.user_intern).create(
            [
                self.line_values(day, start, start + 2, break_hours=0)
                for day in days
                for start in (7.0, 10.0, 13.0, 16.0)
            ]
        )
        pdf = self.render_pdf(
            ATTENDANCE, self.internship, self.user_po, {"month": self.month_code}
        )
        pages = page_count(pdf)
        self.assertGreater(pages, 1)
        # The report breaks the pages itself, one sheet per page; each
        # sheet's head names the intern and says the list is not signed.
        html = self.env["ir.actions.report"]._render_qweb_html(
            ATTENDANCE, self.internship.ids, data={"month": self.month_code}
        )[0]
        heads = re.findall(rb"<thead>(.*?)</thead>", html, re.S)
        self.assertEqual(len(heads), pages)
        for number, head in enumerate(heads, start=1):
            with self.subTest(sheet=number):
                text = html_text(head)
                self.assertIn("Sanne Jansen", text)
                self.assertIn("NOT SIGNED: 57 of 59 lines", text)
                self.assertIn(f"sheet {number}/{pages}", text)
        self.assertIn(b"page-break-inside: avoid", html)

    def test_hr1_month_defaults_to_last_complete_month(self):
        text = self.render_html(ATTENDANCE, self.internship, self.user_po)
        self.assertIn(self.month.strftime("%B %Y"), text)
        self.assertIn("23.50", text)
        earlier = self.month - relativedelta(months=1)
        Report = self.env["ir.actions.report"].with_context(
            samenwijs_month=earlier.strftime("%Y-%m")
        )
        text = html_text(Report._render_qweb_html(ATTENDANCE, self.internship.ids)[0])
        self.assertIn(earlier.strftime("%B %Y"), text)
        self.assertIn("Total 0.00 Days worked 0", text)
        self.assertIn("NOT SIGNED: no hours registered in this month", text)
        with self.assertRaises(UserError):
            self.render_html(ATTENDANCE, self.internship, data={"month": "oktober"})

    def test_hr1_month_chosen_by_data_with_the_ids_in_the_context(self):
        """A report action with data (the month) prints from a URL without
        ids: the records come from the action's context."""
        earlier = self.month - relativedelta(months=1)
        action = self.env.ref(ATTENDANCE).report_action(
            self.internship, data={"month": earlier.strftime("%Y-%m")}, config=False
        )
        data = dict(action["data"], context=action["context"])
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_intern)
            ._render_qweb_html(ATTENDANCE, None, data=data)[0]
        )
        text = html_text(html)
        self.assertIn("Intern Sanne Jansen", text)
        self.assertIn(earlier.strftime("%B %Y"), text)
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(
                self.user_intern2
            )._render_qweb_html(ATTENDANCE, None, data=data)

    def test_hr1_file_name_has_report_intern_and_month(self):
        report = self.env.ref(ATTENDANCE)
        self.assertEqual(report.binding_model_id.model, "samenwijs.internship")
        internship = self.internship.with_context(samenwijs_month="2026-10")
        name = safe_eval(report.print_report_name, {"object": internship})
        self.assertEqual(name, "Attendance list - Sanne Jansen - 2026-10")
        name = safe_eval(report.print_report_name, {"object": self.internship})
        self.assertEqual(name, f"Attendance list - Sanne Jansen - {self.month_code}")

    def test_hr1_fifty_interns_in_a_constant_number_of_queries(self):
        employees = self.env["hr.employee"].create(
            [
                {
                    "name": f"Stagiair {n:02d}",
                    "department_id": self.linde.id,
                    "employee_type": "trainee",
                }
                for n in range(50)
            ]
        )
        internships = self.env["samenwijs.internship"].browse()
        for employee in employees:
            internships |= self.create_internship(
                employee=employee,
                date_start=self.month - relativedelta(months=1),
                date_end=self.month + relativedelta(months=9),
            )
        self.complete_legal_checks(internships)
        internships.action_place()
        internships.action_start()
        lines = self.Hour.create(
            [
                self.line_values(day, 8.5, 17.0, internship=internship)
                for internship in internships
                for day in (self.day1, self.day2, self.day3)
            ]
        )
        lines[::2].action_submit()
        lines[::2].with_user(self.user_wb).action_approve()
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.user_po)
            .with_context(force_report_rendering=True)
        )
        data = {"month": self.month_code}

        def render(records):
            self.env.invalidate_all()
            return Report._render_qweb_pdf(ATTENDANCE, records.ids, data=data)[0]

        render(internships[:1])  # the assets and the templates, once
        before = self.cr.sql_log_count
        render(internships[:1])
        one = self.cr.sql_log_count - before
        # Fifty interns take at most a few queries more than one.
        with self.assertQueryCount(one + 5):
            pdf = render(internships)
        self.assertEqual(page_count(pdf), 50)

    # ------------------------------------------------------------------
    # RS-2: the capacity overview
    # ------------------------------------------------------------------
    def capacities(self, year):
        return self.env["samenwijs.internship.capacity"].create(
            [
                {
                    "school_year": year,
                    "department_id": location.id,
                    "internship_type_id": itype.id,
                    "places": places,
                }
                for location, itype, places in (
                    (self.linde, self.type_pw3, 3),
                    (self.linde, self.type_gpm4, 2),
                    (self.eik, self.type_pw3, 1),
                    (self.anker, self.type_hbo, 2),
                )
            ]
        )

    def test_rs2_capacity_overview_per_location_and_type(self):
        year = self.internship.school_year
        rows = self.capacities(year)
        linde = rows.filtered(lambda r: r.department_id == self.linde)
        self.render_pdf(CAPACITY, linde, self.user_manager)
        text = self.render_html(CAPACITY, linde, self.user_manager)
        for label in ("Internship places", "Location", "Places", "Placed", "Open"):
            self.assertIn(label, text)
        self.assertIn(year, text)
        first = int(year[:4])
        self.assertIn(
            f"School year {year}: 1 August {first} to 31 July {first + 1}", text
        )
        # The running internship takes one of the three PW3 places.
        pw3 = f"{self.linde.display_name} {self.type_pw3.name} 3 0 1 2"
        gpm4 = f"{self.linde.display_name} {self.type_gpm4.name} 2 0 0 2"
        self.assertIn(pw3, text)
        self.assertIn(gpm4, text)
        self.assertIn("Total 5 0 1 4", text)
        text = self.render_html(CAPACITY, linde, self.user_manager, lang="nl_NL")
        self.assertIn(f"1 augustus {first}", text)
        self.assertIn(f"31 juli {first + 1}", text)
        self.assertEqual(
            safe_eval(self.env.ref(CAPACITY).print_report_name, {"object": linde}),
            f"Internship places - {year}",
        )

    def test_rs2_capacity_overview_only_for_those_who_read_the_places(self):
        rows = self.capacities(self.internship.school_year)
        anker = rows.filtered(lambda r: r.department_id == self.anker)
        with self.assertRaises(AccessError):
            self.render_pdf(CAPACITY, anker, self.user_manager)
        with self.assertRaises(AccessError):
            self.render_html(CAPACITY, rows[:1], self.user_intern)

    def test_rs2_capacity_for_a_school_fits_its_programmes(self):
        year = next_school_year(self.today)
        self.capacities(year)
        self.school.write(
            {
                "is_samenwijs_school": True,
                "samenwijs_programme_ids": [Command.set(self.type_pw3.ids)],
                "lang": "nl_NL",
            }
        )
        self.render_pdf(CAPACITY_SCHOOL, self.school, self.user_po)
        text = self.render_html(CAPACITY_SCHOOL, self.school, self.user_po)
        self.assertIn(self.school.name, text)
        self.assertIn(year, text)
        pw3 = self.type_pw3.with_context(lang="nl_NL").name
        self.assertIn(f"{self.linde.display_name} {pw3} 3", text)
        self.assertIn(f"{self.eik.display_name} {pw3} 1", text)
        self.assertNotIn("GPM4", text)
        # Region Zuid's places are not the praktijkopleider's of Noord.
        self.assertNotIn(self.anker.name, text)
        # In the school's language.
        self.assertIn(f"1 augustus {year[:4]}", text)

    def test_rs2_offer_mail_to_school_carries_the_pdf(self):
        year = next_school_year(self.today)
        self.capacities(year)
        self.school.write(
            {
                "is_samenwijs_school": True,
                "samenwijs_programme_ids": [Command.set(self.type_pw3.ids)],
                "email": "stage@noorderpoort.example.com",
                # The PDF is made in the school's language.
                "lang": "en_US",
            }
        )
        with self.mock_mail_gateway():
            self.school.with_user(self.user_po).with_context(
                force_report_rendering=True
            ).action_send_internship_offers()
        message = self.school.message_ids.filtered(
            lambda m: m.message_type == "comment"
        )[:1]
        self.assertTrue(message)
        attachment = message.attachment_ids
        self.assertEqual(len(attachment), 1)
        self.assertEqual(
            attachment.name, f"Internship places - {self.school.name} - {year}.pdf"
        )
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertTrue(attachment.raw.startswith(b"%PDF"))
        self.assertEqual(page_count(attachment.raw), 1)
        # The mail that leaves for the school carries the PDF.
        sent = [
            mail
            for mail in self._mails
            if any("stage@noorderpoort.example.com" in to for to in mail["email_to"])
        ]
        self.assertEqual(len(sent), 1)
        self.assertEqual(
            [(name, kind) for name, _content, kind in sent[0]["attachments"]],
            [(attachment.name, "application/pdf")],
        )
        self.assertTrue(sent[0]["attachments"][0][1].startswith(b"%PDF"))
