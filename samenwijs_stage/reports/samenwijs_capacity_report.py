from collections import defaultdict
from datetime import date

from odoo import api, fields, models
from odoo.tools import format_date, format_datetime

from .samenwijs_attendance_report import paginate, report_ids

CAPACITY = "samenwijs.internship.capacity"
OVERVIEW_REPORT = "samenwijs_stage.action_report_capacity_overview"
# The rows that fit on the first sheet of a school year (or a school) and on
# a following one, and the room of the totals and notes on the last one
# (see ``paginate``: every sheet carries its table head and no row is cut).
# Location and type may take two lines.
ROWS_FIRST_SHEET = 24
ROWS_NEXT_SHEET = 30
ROWS_TAIL = 3


class ReportSamenwijsCapacityOverview(models.AbstractModel):
    """RS-1, RS-2: the internship places of the selected rows, one page per
    school year: per location and type the places, the applications, the
    placed internships and the places still open, with the totals.

    Read as the printing user: the record rules decide which rows they see;
    a row they may not read raises an AccessError. The counts of all rows
    come from one grouped read of the internships (the capacity model's
    batch compute)."""

    _name = "report.samenwijs_stage.report_capacity_overview"
    _description = "Internship places report"

    @api.model
    def _file_name(self, capacities):
        """The name of the PDF in the user's language, e.g. "Internship
        places - 2026-2027"."""
        years = sorted(set(capacities.mapped("school_year")), reverse=True)
        return " - ".join([self.env.ref(OVERVIEW_REPORT).name, *years])

    @api.model
    def _get_report_values(self, docids, data=None):
        capacities = self.env[CAPACITY].browse(report_ids(self.env, docids, data))
        capacities.check_access("read")
        by_year = defaultdict(list)
        for capacity in capacities:
            by_year[capacity.school_year].append(capacity.id)
        sections = [
            self._section_values(capacities.browse(ids), year)
            for year, ids in sorted(by_year.items(), reverse=True)
        ]
        return {
            "doc_ids": capacities.ids,
            "doc_model": CAPACITY,
            "docs": capacities,
            "sections": sections,
            "printed_on": self._printed_on(),
        }

    @api.model
    def _printed_on(self):
        env = self.env
        tz = env.context.get("tz") or env.user.tz or "UTC"
        return format_datetime(env, fields.Datetime.now(), tz=tz, dt_format=False)

    @api.model
    def _period(self, school_year):
        """The period of ``school_year`` in the language of the environment,
        e.g. "School year 2026-2027: 1 August 2026 to 31 July 2027"."""
        first = int(school_year[:4])
        return self.env._(
            "School year %(year)s: %(start)s to %(end)s",
            year=school_year,
            start=format_date(self.env, date(first, 8, 1), date_format="d MMMM y"),
            end=format_date(self.env, date(first + 1, 7, 31), date_format="d MMMM y"),
        )

    @api.model
    def _section_values(self, capacities, school_year, school=None):
        """The sheets of one school year: its rows by location and type."""
        # The counts of all rows at once (one grouped read).
        capacities.mapped("open_places")
        lines = sorted(
            (
                {
                    "location": capacity.department_id.display_name or "",
                    "type": capacity.internship_type_id.name or "",
                    "places": capacity.places,
                    "applications": capacity.application_count,
                    "placed": capacity.placed_count,
                    "open": capacity.open_places,
                }
                for capacity in capacities
            ),
            key=lambda line: (line["location"], line["type"]),
        )
        company = ", ".join((capacities.company_id or self.env.company).mapped("name"))
        return {
            "school_year": school_year,
            "period": self._period(school_year),
            "title": " \N{MIDDLE DOT} ".join(filter(None, [school_year, company])),
            "heading": " \N{MIDDLE DOT} ".join(
                filter(None, [school.name if school else "", school_year])
            ),
            "school": school,
            "lines": lines,
            "sheets": paginate(lines, ROWS_FIRST_SHEET, ROWS_NEXT_SHEET, ROWS_TAIL),
            "totals": {
                name: sum(line[name] for line in lines)
                for name in ("places", "applications", "placed", "open")
            },
        }


class ReportSamenwijsCapacitySchool(models.AbstractModel):
    """RS-2: the internship places for a school, the attachment of the
    April mail: for the school year of the offer, the places per location
    and type that fit the school's programmes, one school per page, in the
    school's language.

    Read as the printing (sending) user, like the mail's own list: the
    record rules decide which places they see. One search for all schools;
    the counts in one grouped read."""

    _name = "report.samenwijs_stage.report_capacity_school"
    _description = "Internship places for a school"

    @api.model
    def _school_year(self, schools, data=None):
        year = (data or {}).get("school_year")
        if year:
            return self.env[CAPACITY]._parse_school_year(year)
        return schools[:1]._samenwijs_offer_school_year()

    @api.model
    def _file_name(self, school):
        """The name of the PDF in the school's language, e.g. "Internship
        places - School - 2026-2027"."""
        env = self.with_context(lang=school.lang or self.env.lang).env
        return " - ".join(
            [
                env.ref(OVERVIEW_REPORT).name,
                school.name or "",
                self._school_year(school),
            ]
        )

    @api.model
    def _get_report_values(self, docids, data=None):
        schools = self.env["res.partner"].browse(report_ids(self.env, docids, data))
        schools.check_access("read")
        school_year = self._school_year(schools, data)
        capacities = self.env[CAPACITY].search(
            [
                ("school_year", "=", school_year),
                ("internship_type_id", "in", schools.samenwijs_programme_ids.ids),
                ("places", ">", 0),
            ]
        )
        capacities.mapped("open_places")
        Overview = self.env["report.samenwijs_stage.report_capacity_overview"]
        pages = []
        for school in schools:
            lang = school.lang or self.env.lang
            # The school's page in the school's language.
            overview = Overview.with_context(lang=lang)
            fitting = capacities.filtered(
                lambda c, s=school: c.internship_type_id in s.samenwijs_programme_ids
            )
            section = overview._section_values(
                fitting.with_context(lang=lang), school_year, school=school
            )
            programmes = school.with_context(lang=lang).samenwijs_programme_ids
            section.update(
                {
                    "lang": lang,
                    "is_school": school.is_samenwijs_school,
                    "intro": overview.env._(
                        "The internship places for the programmes of %(school)s: "
                        "%(programmes)s",
                        school=school.name,
                        programmes=", ".join(programmes.mapped("name")),
                    ),
                    "printed_on": overview._printed_on(),
                }
            )
            pages.append(section)
        return {
            "doc_ids": schools.ids,
            "doc_model": "res.partner",
            "docs": schools,
            "pages": pages,
        }
