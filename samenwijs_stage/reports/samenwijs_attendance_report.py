import re
from collections import defaultdict
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, format_datetime, formatLang

from ..models.value_checks import format_time

REPORT = "samenwijs_stage.action_report_attendance_list"
MONTH_PATTERN = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
# The rows of the day table that fit on the first sheet of an intern (below
# the title and the internship's data) and on a following sheet, and the
# room the totals and the signature take on the last one. wkhtmltopdf with
# an unpatched Qt repeats no table head on a new page: the report breaks
# the pages itself, so that every sheet carries the intern, the month and
# the sign-off status, and no row is cut.
ROWS_FIRST_SHEET = 44
ROWS_NEXT_SHEET = 54
ROWS_TAIL = 11
# The fields of the hour lines the list shows: read in one query.
LINE_FIELDS = [
    "internship_id",
    "date",
    "department_id",
    "time_start",
    "time_end",
    "break_hours",
    "hours",
    "shift_kind",
    "werkbegeleider_alongside",
    "is_school_holiday",
    "state",
    "signed_by_id",
    "signed_on",
]


def report_ids(env, docids, data):
    """The records to print: ``docids``, or for a report printed with data
    (``report_action(records, data=...)``, whose URL carries no ids) the
    ``active_ids`` of its context."""
    if docids:
        return docids
    context = (data or {}).get("context") or env.context
    return context.get("active_ids") or []


def first_of_month(value):
    return value.replace(day=1)


def paginate(rows, first, rest, tail):
    """Split ``rows`` into sheets: ``first`` rows on the first, ``rest`` on
    the others, and ``tail`` rows of room left on the last one (a sheet of
    its own when the rows leave too little)."""
    sheets, size = [], first
    while rows:
        sheets.append(rows[:size])
        rows, size = rows[size:], rest
    if not sheets:
        sheets.append([])
    room = first if len(sheets) == 1 else rest
    if len(sheets[-1]) + tail > room:
        sheets.append([])
    count = len(sheets)
    return [
        {
            "rows": chunk,
            "number": number,
            "count": count,
            "label": f"{number}/{count}",
            "last": number == count,
        }
        for number, chunk in enumerate(sheets, start=1)
    ]


class ReportSamenwijsAttendanceList(models.AbstractModel):
    """HR-1, WB-P4: the monthly attendance list (aanwezigheidslijst) of one
    or more internships, one intern per page.

    One row per day of the month with the registered times, shift, hours,
    whether the werkbegeleider worked alongside (WB-5) and whether the day
    fell in the school holidays (LV-1), and the sign-off status of each
    line; the totals; who signed and when. Lines not yet signed are marked,
    and an unsigned list says so on every page: the report breaks the pages
    itself (``paginate``) and every sheet starts with the intern, the month
    and the sign-off status.

    The month is ``data['month']`` ("YYYY-MM"), else the context key
    ``samenwijs_month``, else the last complete month. Everything is read
    as the printing user: the record rules decide which internships and
    lines they see, and an internship they may not read raises an
    AccessError. The hour lines of all internships are read in one query.
    """

    _name = "report.samenwijs_stage.report_attendance_list"
    _description = "Attendance list report"

    @api.model
    def _report_month(self, data=None):
        """The first day of the month to print."""
        value = (data or {}).get("month") or self.env.context.get("samenwijs_month")
        if not value:
            today = fields.Date.context_today(self)
            return first_of_month(today) - relativedelta(months=1)
        if isinstance(value, date):
            return first_of_month(value)
        match = MONTH_PATTERN.match(str(value))
        if not match or not 1 <= int(match[2]) <= 12:
            raise UserError(
                self.env._(
                    "%(value)r is not a month: write the year and the month, "
                    "e.g. 2026-10.",
                    value=value,
                )
            )
        return date(int(match[1]), int(match[2]), 1)

    @api.model
    def _file_name(self, internship):
        """The name of the PDF of one internship (print_report_name):
        "Attendance list - Intern - 2026-10", in the user's language."""
        month = self._report_month()
        return "{} - {} - {}".format(
            self.env.ref(REPORT).name,
            internship.employee_id.name or internship.name,
            month.strftime("%Y-%m"),
        )

    @api.model
    def _get_report_values(self, docids, data=None):
        internships = self.env["samenwijs.internship"].browse(
            report_ids(self.env, docids, data)
        )
        # The record rules of the printing user decide: an intern prints
        # their own list, not another's.
        internships.check_access("read")
        month = self._report_month(data)
        last = month + relativedelta(months=1, days=-1)
        lines = self.env["samenwijs.internship.hour"].search_fetch(
            [
                ("internship_id", "in", internships.ids),
                ("date", ">=", month),
                ("date", "<=", last),
            ],
            LINE_FIELDS,
            order="date, time_start, id",
        )
        line_ids = defaultdict(list)
        for line in lines:
            line_ids[line.internship_id.id].append(line.id)
        env = self.env
        tz = env.context.get("tz") or env.user.tz or "UTC"
        labels = {
            name: dict(lines._fields[name]._description_selection(env))
            for name in ("state", "shift_kind")
        }
        days = [month + timedelta(days=n) for n in range((last - month).days + 1)]
        month_label = format_date(env, month, date_format="MMMM y")
        pages = [
            self._page_values(
                internship,
                days,
                # the lines of all pages share one prefetch: their locations
                # and signers are read once for the whole report
                lines.browse(line_ids[internship.id]).with_prefetch(
                    lines._prefetch_ids
                ),
                labels,
                tz,
                month_label,
            )
            for internship in internships
        ]
        return {
            "doc_ids": internships.ids,
            "doc_model": "samenwijs.internship",
            "docs": internships,
            "pages": pages,
            "month_label": month_label,
            "printed_on": format_datetime(
                env, fields.Datetime.now(), tz=tz, dt_format=False
            ),
        }

    def _hours(self, value):
        return formatLang(self.env, value or 0.0, digits=2)

    def _page_values(self, internship, days, lines, labels, tz, month_label):
        """What one page shows: the rows, the totals and the signature."""
        env = self.env
        by_day = defaultdict(list)
        for line in lines:
            by_day[line.date].append(line)
        rows = []
        for day in days:
            day_lines = by_day.get(day) or [None]
            for index, line in enumerate(day_lines):
                row = {
                    "weekday": format_date(env, day, date_format="EEE")
                    if index == 0
                    else "",
                    "date": format_date(env, day) if index == 0 else "",
                    "weekend": day.weekday() >= 5,
                    "line": line,
                }
                if line:
                    row.update(
                        {
                            "location": line.department_id.name or "",
                            "start": format_time(line.time_start),
                            "end": format_time(line.time_end),
                            "break": format_time(line.break_hours),
                            "hours": self._hours(line.hours),
                            "shift": labels["shift_kind"].get(line.shift_kind, ""),
                            "alongside": line.werkbegeleider_alongside,
                            "holiday": line.is_school_holiday,
                            "state": line.state,
                            "status": labels["state"].get(line.state, ""),
                        }
                    )
                rows.append(row)
        signed = lines.filtered(lambda line: line.state == "approved")
        unsigned = lines - signed
        total = sum(lines.mapped("hours"))
        alongside = sum(lines.filtered("werkbegeleider_alongside").mapped("hours"))
        signatures = []
        for user in signed.signed_by_id:
            last = max(
                signed.filtered(lambda s, u=user: s.signed_by_id == u).mapped(
                    "signed_on"
                )
            )
            signatures.append(
                env._(
                    "Signed by %(name)s on %(date)s",
                    name=user.name,
                    date=format_datetime(env, last, tz=tz, dt_format=False),
                )
            )
        share = formatLang(env, 100.0 * alongside / total if total else 0.0, digits=0)
        return {
            "intern": internship.employee_id.name or "",
            "heading": " \N{MIDDLE DOT} ".join(
                [internship.employee_id.name or internship.name, month_label]
            ),
            "internship_label": "{} ({})".format(
                internship.name, internship.internship_type_id.name or ""
            ),
            "company": internship.company_id.name or "",
            "location": internship.department_id.name or "",
            "werkbegeleider": internship.werkbegeleider_id.name or "",
            "school": internship.school_id.name or "",
            "sheets": paginate(rows, ROWS_FIRST_SHEET, ROWS_NEXT_SHEET, ROWS_TAIL),
            "line_count": len(lines),
            "unsigned_count": len(unsigned),
            "all_signed": bool(lines) and not unsigned,
            "signatures": signatures,
            "totals": {
                "hours": self._hours(total),
                "days": len({line.date for line in lines}),
                "signed": self._hours(sum(signed.mapped("hours"))),
                "unsigned": self._hours(sum(unsigned.mapped("hours"))),
                "alongside": f"{self._hours(alongside)} ({share}%)",
                "holiday": self._hours(
                    sum(lines.filtered("is_school_holiday").mapped("hours"))
                ),
                "shifts": "{} / {}".format(
                    len(lines.filtered(lambda line: line.shift_kind == "early")),
                    len(lines.filtered(lambda line: line.shift_kind == "late")),
                ),
            },
        }
