import logging
from collections import Counter
from datetime import date, datetime

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SamenwijsCase

_logger = logging.getLogger(__name__)

# What our code, our rules and Odoo's access checks refuse with (a
# MissingError is a UserError).
REFUSED = (ValidationError, UserError, AccessError)
# What Odoo's own conversion raises for a value of the wrong kind altogether
# (text in a date field, text for an id): accepted for those values only.
MALFORMED = (ValueError, TypeError, KeyError)
MISSING_ID = 999_999_999
NAN = float("nan")
INF = float("inf")
# Fields that change with every write.
VOLATILE = {"write_date", "write_uid"}


@tagged("post_install", "-at_install")
class TestBadInput(SamenwijsCase):
    """Issue 8, point 11: every bad value is refused with a clear error of
    ours (or Odoo's own conversion error for a malformed value), never a
    Python or database error, and the record stays as it was."""

    calls = Counter()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type = cls.env["samenwijs.internship.type"].create(
            {"name": "Proefstage", "code": "PROEF", "study_years": 3}
        )
        cls.rate = cls.env["samenwijs.allowance.rate"].create(
            {
                "date_from": date(2031, 1, 1),
                "amount_day": 100,
                "amount_half_day": 50,
                "amount_cap": 400,
            }
        )
        cls.reason = cls.env["samenwijs.termination.reason"].create(
            {"name": "Verhuisd"}
        )
        cls.rule = cls.env["samenwijs.policy.rule"].create(
            {"code": "XX-1", "name": "Proefregel", "section": "3"}
        )

    @classmethod
    def tearDownClass(cls):
        for model, count in sorted(cls.calls.items()):
            _logger.info("bad input: %s refused calls on %s", count, model)
        super().tearDownClass()

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _snapshot(self, record):
        names = [
            name
            for name, field in record._fields.items()
            if field.store and field.column_type and name not in VOLATILE
        ]
        return record.sudo().read(names)

    def assertRefused(self, record, call, malformed=False, what=None, sql=False):
        """``call`` is refused as a user is told, and ``record`` (and the
        number of records of its model) is unchanged afterwards. With
        ``sql``, a constraint of the database may refuse: over the API, Odoo
        turns it into a ValidationError that names the constraint."""
        self.calls[record._name] += 1
        before = self._snapshot(record)
        count = record.sudo().search_count([])
        errors = REFUSED + (MALFORMED if malformed else ())
        with self.subTest(model=record._name, what=what):
            try:
                with self.env.cr.savepoint():
                    call()
            except errors as error:
                message = str(error.args[0] if error.args else error)
                self.assertNotIn("Traceback", message)
                self.assertNotIn("psycopg2", message)
            except psycopg2.IntegrityError as error:
                if not sql:
                    self.fail(f"{what}: database error leaks: {error}")
                message = record._sql_error_to_message(error)
                self.assertNotIn("psycopg2", message)
            except psycopg2.Error as error:
                self.fail(f"{what}: database error leaks: {error}")
            else:
                self.fail(f"{what}: accepted")
            self.assertEqual(self._snapshot(record), before, what)
            self.assertEqual(record.sudo().search_count([]), count, what)

    def assertWritesRefused(self, record, bad_values, sql=False):
        """Each (vals, malformed) of ``bad_values`` is refused on ``record``."""
        for vals, malformed in bad_values:
            self.assertRefused(
                record,
                lambda vals=vals: record.write(vals),
                malformed=malformed,
                what=repr(vals),
                sql=sql,
            )

    def assertCreatesRefused(self, record, good, bad_values):
        """Each (vals, malformed) added to the ``good`` values of a new
        record is refused; ``record`` is any record of the model."""
        Model = record.browse()
        for vals, malformed in bad_values:
            self.assertRefused(
                record,
                lambda vals=vals: Model.create({**good, **vals}),
                malformed=malformed,
                what=f"create {vals!r}",
            )

    @staticmethod
    def _bad_dates(name):
        return [
            ({name: date(1, 1, 1)}, False),
            ({name: "0001-01-01"}, False),
            ({name: "9999-12-31"}, False),
            ({name: date(9999, 12, 31)}, False),
            ({name: date(1899, 12, 31)}, False),
            ({name: date(2101, 1, 1)}, False),
            ({name: "2026-02-30"}, True),
            ({name: "geen datum"}, True),
            ({name: 1e300}, True),
            ({name: [2026, 1, 1]}, True),
        ]

    @staticmethod
    def _bad_ids(name):
        return [
            ({name: MISSING_ID}, False),
            ({name: -5}, False),
            ({name: "abc"}, True),
        ]

    @staticmethod
    def _bad_integers(name):
        return [
            ({name: 2**31}, False),
            ({name: -(2**31) - 1}, False),
            ({name: 2**63}, False),
            ({name: 10**400}, False),
            ({name: "twee"}, True),
        ]

    # ------------------------------------------------------------------
    # Internship
    # ------------------------------------------------------------------
    def test_internship_bad_values_refused(self):
        internship = self.internship.with_user(self.user_po)
        start = self.internship.date_start
        today = self.today
        bad = [
            *self._bad_dates("date_start"),
            *self._bad_dates("date_end"),
            ({"date_end": start - relativedelta(days=1)}, False),
            ({"date_start": self.internship.date_end + relativedelta(days=1)}, False),
            *[({"study_year": v}, False) for v in (0, -1, 7, 1e300, NAN, INF)],
            *self._bad_integers("study_year"),
            *self._bad_dates("vog_date_issue"),
            ({"vog_date_issue": date(1989, 12, 31)}, False),
            ({"vog_date_issue": today + relativedelta(days=1)}, False),
            ({"vog_received_date": today + relativedelta(days=1)}, False),
            ({"vog_received_date": date(1, 1, 1)}, False),
            (
                {"personenregister_koppeling_date": today + relativedelta(months=1)},
                False,
            ),
            ({"personenregister_koppeling_date": "0001-01-01"}, False),
            ({"bpv_signed_date": today + relativedelta(days=1)}, False),
            ({"bpv_signed_date": date(1899, 1, 1)}, False),
            *self._bad_ids("employee_id"),
            ({"employee_id": self.emp_wb2.id}, False),  # not an intern
            *self._bad_ids("internship_type_id"),
            *self._bad_ids("werkbegeleider_id"),
            ({"werkbegeleider_id": self.emp_wb2.id}, False),  # BG-4: other location
            *self._bad_ids("school_id"),
            *self._bad_ids("department_id"),
            *self._bad_ids("praktijkopleider_id"),
            *self._bad_ids("company_id"),
            ({"vog_issued_for": "onbekend"}, False),
            ({"vog_issued_for": 7}, False),
            # Workflow and computed fields are written by nobody.
            ({"state": "running"}, False),
            ({"state": "onbekend"}, False),
            ({"name": "STG/9999/0001"}, False),
            ({"weekly_hours": 99}, False),
            ({"personenregister_needed": False}, False),
            ({"school_year": "1900-1901"}, False),
            ({"introduction_end_date": date(2000, 1, 1)}, False),
            ({"termination_date": today}, False),
            # A weekday of more than 12 hours over several lines.
            (
                {
                    "schedule_ids": [
                        Command.create(
                            {"weekday": "0", "department_id": self.linde.id, "hours": 5}
                        )
                    ]
                },
                False,
            ),
            (
                {
                    "schedule_ids": [
                        Command.create(
                            {
                                "weekday": "4",
                                "department_id": self.linde.id,
                                "hours": 13,
                            }
                        )
                    ]
                },
                False,
            ),
        ]
        self.assertWritesRefused(internship, bad)
        self.assertGreaterEqual(self.calls["samenwijs.internship"], 50)

    def test_internship_bad_values_refused_on_create(self):
        good = {
            "employee_id": self.emp_intern.id,
            "internship_type_id": self.type_pw3.id,
            "werkbegeleider_id": self.emp_wb.id,
            "date_start": self.today,
            "schedule_ids": [
                Command.create({"weekday": "2", "department_id": self.linde.id})
            ],
        }
        bad = [
            *self._bad_dates("date_start"),
            ({"study_year": 0}, False),
            ({"study_year": 2**63}, False),
            ({"vog_date_issue": date(1, 1, 1)}, False),
            ({"state": "running"}, False),
            *self._bad_ids("internship_type_id"),
            (
                {
                    "schedule_ids": [
                        Command.create(
                            {"weekday": "2", "department_id": self.linde.id, "hours": h}
                        )
                        for h in (6, 7)
                    ]
                },
                False,
            ),
        ]
        self.assertCreatesRefused(self.internship.with_user(self.user_po), good, bad)

    def test_internship_forbidden_transitions_refused(self):
        internship = self.internship.with_user(self.user_po)
        for action in ("action_start", "action_done", "action_draft"):
            self.assertRefused(internship, getattr(internship, action), what=action)
        self.assertRefused(
            internship,
            lambda: internship._terminate(self.today, self.reason),
            what="terminate a draft",
        )
        other = self.internship2.with_user(self.user_po)
        for action in ("action_apply", "action_place", "action_reject"):
            self.assertRefused(
                self.internship2, getattr(other, action), what=f"{action} elsewhere"
            )
        # Roles without the workflow.
        for user in (self.user_wb, self.user_manager, self.user_intern):
            self.assertRefused(
                internship,
                internship.with_user(user).action_apply,
                what=f"action_apply as {user.login}",
            )

    def test_internship_that_does_not_exist(self):
        ghost = self.create_internship()
        ghost_id = ghost.id
        ghost.unlink()
        ghost = self.internship.browse(ghost_id).with_user(self.user_po)
        for call in (
            ghost.action_apply,
            ghost.action_place,
            ghost.action_done,
            ghost.unlink,
            lambda: ghost.write({"study_year": 2}),
        ):
            self.assertRefused(self.internship, call, what="missing internship")

    # ------------------------------------------------------------------
    # Schedule
    # ------------------------------------------------------------------
    def test_schedule_bad_values_refused(self):
        monday, tuesday = self.internship.schedule_ids.with_user(self.user_po)
        bad = [
            *[
                ({"hours": v}, False)
                for v in (0, -1, 12.5, 24, 1e300, -1e300, NAN, INF, -INF)
            ],
            ({"hours": "veel"}, True),
            ({"hours": [8]}, True),
            # Two lines on Monday: 16 hours on one day.
            ({"weekday": "0"}, False),
            ({"weekday": "7"}, False),
            ({"weekday": "onbekend"}, False),
            ({"weekday": 7}, False),
            *self._bad_ids("department_id"),
            *self._bad_ids("internship_id"),
            # Another region's internship: not the user's to change.
            ({"internship_id": self.internship2.id}, False),
            ({"company_id": MISSING_ID}, False),
        ]
        self.assertWritesRefused(tuesday, bad)
        good = {
            "internship_id": self.internship.id,
            "weekday": "0",
            "department_id": self.linde.id,
        }
        creates = [
            ({"hours": 5}, False),  # 13 hours on Monday
            ({"hours": 0}, False),
            ({"hours": 13}, False),
            ({"weekday": "2", "hours": 1e300}, False),
            ({"internship_id": MISSING_ID}, False),
            ({"internship_id": self.internship2.id}, False),
            ({"department_id": MISSING_ID}, False),
        ]
        self.assertCreatesRefused(monday, good, creates)
        self.assertGreaterEqual(self.calls["samenwijs.internship.schedule"], 25)

    # ------------------------------------------------------------------
    # Intervision
    # ------------------------------------------------------------------
    def test_intervision_bad_values_refused(self):
        session = self.intervision[0].with_user(self.user_po)
        bad = [
            ({"date": "0001-01-01 00:00:00"}, False),
            ({"date": "9999-12-31 23:59:59"}, False),
            ({"date": datetime(1999, 12, 31, 19, 0)}, False),
            ({"date": datetime(2101, 1, 1, 19, 0)}, False),
            ({"date": "geen tijd"}, True),
            ({"date": 1e300}, True),
            *self._bad_ids("organiser_id"),
            *self._bad_ids("region_id"),
            *self._bad_ids("company_id"),
            ({"attendee_ids": [Command.link(MISSING_ID)]}, False),
            ({"state": "done"}, False),
            ({"state": "onbekend"}, False),
            ({"state": 7}, False),
            ({"attendee_count": 40}, False),
        ]
        self.assertWritesRefused(session, bad)
        self.assertCreatesRefused(
            session,
            {"name": "Intervisie", "date": datetime(2030, 1, 10, 19, 0)},
            [
                ({"date": "9999-12-31 23:59:59"}, False),
                ({"state": "done"}, False),
                *self._bad_ids("organiser_id"),
            ],
        )
        # Transitions: held and cancelled only from planned, planned again
        # only from cancelled.
        self.assertRefused(session, session.action_plan, what="plan a planned session")
        self.intervision[1].action_cancel()
        cancelled = self.intervision[1].with_user(self.user_po)
        self.assertRefused(
            cancelled, cancelled.action_done, what="hold a cancelled one"
        )
        self.assertRefused(
            cancelled, cancelled.action_cancel, what="cancel a cancelled one"
        )
        self.assertRefused(
            session,
            session.with_user(self.user_wb).action_done,
            what="held by a werkbegeleider",
        )
        ghost = session.browse(MISSING_ID)
        self.assertRefused(session, ghost.action_done, what="missing session")

    # ------------------------------------------------------------------
    # Configuration: types, rates, reasons, policy rules
    # ------------------------------------------------------------------
    def test_internship_type_bad_values_refused(self):
        itype = self.type.with_user(self.user_admin)
        bad = [
            *[({"study_years": v}, False) for v in (0, -1, 7, NAN)],
            *self._bad_integers("study_years"),
            *self._bad_integers("sequence"),
            ({"code": self.type_pw3.code}, False),
            ({"education_level": "wo"}, False),
            ({"education_level": 7}, False),
            ({"supervision_rule": "niemand"}, False),
            *self._bad_ids("activity_plan_id"),
        ]
        self.assertWritesRefused(itype, bad)
        self.assertCreatesRefused(
            itype,
            {"name": "Nog een", "code": "NOG"},
            [({"code": self.type_pw3.code}, False), ({"study_years": 9}, False)],
        )
        self.assertRefused(
            itype,
            lambda: self.type.with_user(self.user_po).write({"study_years": 2}),
            what="written by a praktijkopleider",
        )

    def test_allowance_rate_bad_values_refused(self):
        rate = self.rate.with_user(self.user_admin)
        bad = [
            *self._bad_dates("date_from"),
            *[
                ({name: v}, False)
                for name in ("amount_day", "amount_half_day", "amount_cap")
                for v in (-1, 1e300, -1e300, NAN, INF, 10_001)
            ],
            ({"amount_day": "veel"}, True),
            *self._bad_ids("currency_id"),
        ]
        self.assertWritesRefused(rate, bad)
        existing = self.env["samenwijs.allowance.rate"].search(
            [("id", "!=", self.rate.id)], limit=1
        )
        if existing:
            self.assertWritesRefused(rate, [({"date_from": existing.date_from}, False)])
        self.assertCreatesRefused(
            rate,
            {
                "date_from": date(2032, 1, 1),
                "amount_day": 1,
                "amount_half_day": 1,
                "amount_cap": 1,
            },
            [
                ({"date_from": self.rate.date_from}, False),
                ({"amount_cap": 1e300}, False),
            ],
        )
        self.assertRefused(
            rate,
            lambda: self.rate.with_user(self.user_po).write({"amount_day": 1}),
            what="written by a praktijkopleider",
        )

    def test_termination_reason_bad_values_refused(self):
        reason = self.reason.with_user(self.user_admin)
        bad = [
            ({"name": False}, False),
        ]
        # Required fields are held by the database (NOT NULL).
        self.assertWritesRefused(reason, bad, sql=True)
        self.assertRefused(
            reason,
            lambda: self.reason.with_user(self.user_po).write({"name": "Anders"}),
            what="written by a praktijkopleider",
        )

    def test_policy_rule_bad_values_refused(self):
        rule = self.rule.with_user(self.user_admin)
        bad = [
            ({"section": "9"}, True),
            ({"section": 7}, True),
            ({"name": False}, False),
            ({"code": False}, False),
            ({"code": "WB-3"}, False),
            ({"role_ids": [Command.link(MISSING_ID)]}, False),
        ]
        # Required fields and the unique code are held by the database.
        self.assertWritesRefused(rule, bad, sql=True)
        self.assertRefused(
            rule,
            lambda: self.rule.with_user(self.user_po).write({"name": "Anders"}),
            what="written by a praktijkopleider",
        )
