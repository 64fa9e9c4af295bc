"""Query counts, timings and memory of the operations users repeat most.

Run through ``make bench``: it installs the addons into a throwaway database
and calls this script with ``-c <odoo.conf> -d <database>``. The script builds
an organisation of ``--locations`` locations, ``--werkbegeleiders``
werkbegeleiders and ``--internships`` internships, measures each operation and
compares it with its target. Nothing is committed: the transaction is rolled
back at the end.
"""

import argparse
import sys
import time
import tracemalloc
from contextlib import contextmanager
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

import odoo
from odoo import Command, api
from odoo.modules.registry import Registry

RESULTS = []


@contextmanager
def measure(env, label, max_queries=None, max_seconds=None, max_mib=None):
    env.flush_all()
    env.invalidate_all()
    cr = env.cr
    queries = cr.sql_log_count
    tracemalloc.start()
    start = time.perf_counter()
    yield
    env.flush_all()
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    count = cr.sql_log_count - queries
    ok = (
        (max_queries is None or count <= max_queries)
        and (max_seconds is None or seconds <= max_seconds)
        and (max_mib is None or peak <= max_mib)
    )
    RESULTS.append((label, count, max_queries, seconds, max_seconds, peak, max_mib, ok))


def build(env, n_locations, n_wb, n_internships):
    today = date.today()
    Employee = env["hr.employee"]
    po_user = env["res.users"].create(
        {
            "name": "Bench PO",
            "login": "bench_po",
            "group_ids": [
                Command.link(env.ref("samenwijs_stage.group_praktijkopleider").id)
            ],
        }
    )
    po = Employee.create(
        {"name": "Bench PO", "user_id": po_user.id, "is_praktijkopleider": True}
    )
    region = env["hr.department"].create(
        {"name": "Bench region", "praktijkopleider_id": po.id}
    )
    # Each location's manager consents to placing (PO-2).
    manager_users = env["res.users"].create(
        [
            {
                "name": f"Bench manager {i}",
                "login": f"bench_manager_{i}",
                "group_ids": [
                    Command.link(env.ref("samenwijs_stage.group_manager").id)
                ],
            }
            for i in range(n_locations)
        ]
    )
    managers = Employee.create(
        [{"name": user.name, "user_id": user.id} for user in manager_users]
    )
    locations = env["hr.department"].create(
        [
            {
                "name": f"Location {i}",
                "parent_id": region.id,
                "manager_id": managers[i].id,
            }
            for i in range(n_locations)
        ]
    )
    permanent = env.ref("hr.contract_type_permanent")
    wbs = Employee.create(
        [
            {
                "name": f"Werkbegeleider {i}",
                "department_id": locations[i % n_locations].id,
                "contract_type_id": permanent.id,
                "contract_date_start": today - relativedelta(years=3),
                "date_version": today - relativedelta(years=3),
                "is_werkbegeleider": True,
                "werkbegeleider_since": today - relativedelta(years=3),
                "werkbegeleider_training": "followed",
                "childcare_function": "pedagogisch_medewerker",
                "education_level": "mbo",
            }
            for i in range(n_wb)
        ]
    )
    env["samenwijs.intervision.session"].create(
        [
            {
                "name": f"Intervisie {month}",
                "date": datetime(today.year, month, 10, 19),
                "organiser_id": po.id,
                "attendee_ids": [Command.set(wbs.ids)],
            }
            for month in (1, 3)
        ]
    )
    interns = Employee.create(
        [
            {
                "name": f"Intern {i}",
                "employee_type": "trainee",
                "department_id": locations[i % n_locations].id,
            }
            for i in range(n_internships)
        ]
    )
    pw3 = env.ref("samenwijs_stage.internship_type_bol_pw3")
    return po_user, locations, wbs, interns, pw3, today


def hour_lines(env, internships, wbs, today):
    """Submitted hour lines of two interns of the first werkbegeleider: 55
    of one and 500 of the other (half an hour each, ten a day)."""
    wb_user = env["res.users"].create(
        {
            "name": "Bench WB",
            "login": "bench_wb",
            "group_ids": [
                Command.link(env.ref("samenwijs_stage.group_werkbegeleider").id)
            ],
        }
    )
    wbs[0].user_id = wb_user
    supervised = internships.filtered(lambda i: i.werkbegeleider_id == wbs[0])[:2]
    start = today - relativedelta(years=1)
    # The state is set directly: the onboarding of these interns is not what
    # is measured.
    supervised.write({"state": "running", "date_start": start})

    def lines(internship, count):
        return [
            {
                "internship_id": internship.id,
                "date": start + relativedelta(days=i // 10),
                "department_id": internship.department_id.id,
                "time_start": 8.0 + (i % 10) * 0.5,
                "time_end": 8.5 + (i % 10) * 0.5,
                "break_hours": 0.0,
                "state": "submitted",
            }
            for i in range(count)
        ]

    Hour = env["samenwijs.internship.hour"]
    sign_50 = Hour.create(lines(supervised[0], 55))
    sign_500 = Hour.create(lines(supervised[1], 500))
    return sign_50, sign_500, wb_user


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--locations", type=int, default=20)
    parser.add_argument("--werkbegeleiders", type=int, default=200)
    parser.add_argument("--internships", type=int, default=1000)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        po_user, locations, wbs, interns, pw3, today = build(
            env, args.locations, args.werkbegeleiders, args.internships
        )
        n = args.internships
        with measure(
            env, f"create {n} internships (one call)", max_seconds=60, max_mib=400
        ):
            internships = env["samenwijs.internship"].create(
                [
                    {
                        "employee_id": intern.id,
                        "internship_type_id": pw3.id,
                        "werkbegeleider_id": wbs[i % len(wbs)].id,
                        "date_start": today + relativedelta(days=14),
                        "date_end": today + relativedelta(months=10),
                        "schedule_ids": [
                            Command.create(
                                {
                                    "weekday": day,
                                    "department_id": locations[i % len(locations)].id,
                                    "hours": 8,
                                }
                            )
                            for day in ("0", "1")
                        ],
                    }
                    for i, intern in enumerate(interns)
                ]
            )
        po_env = env(user=po_user)
        batch = internships[:200].with_env(po_env)
        with measure(
            env,
            "register 200 applications (asks the managers' consent)",
            # The reviews and the managers' tasks are made in one call each;
            # what grows per application is Odoo telling each manager of
            # each new task (one notification per task).
            max_queries=3000,
            max_seconds=20,
        ):
            batch.action_apply()
        # The managers consent (PO-2); not measured: each manager decides on
        # their own applications.
        batch.sudo().review_ids.write(
            {"status": "approved", "reviewed_date": datetime.now()}
        )
        with measure(
            env,
            "place 200 internships (onboarding plan)",
            # The onboarding tasks, the candidates' outcome mails and the
            # werkbegeleiders' planning mails, notes and tasks: rows that
            # Odoo writes in chunks of 100, nothing per internship.
            max_queries=250,
            max_seconds=20,
        ):
            batch.action_place()
        with measure(
            env,
            f"eligibility of {len(wbs)} werkbegeleiders",
            max_queries=25,
            max_seconds=5,
        ):
            wbs.mapped("werkbegeleider_eligible")
        with measure(
            env, "search eligible werkbegeleiders", max_queries=30, max_seconds=5
        ):
            env["hr.employee"].search([("werkbegeleider_eligible", "=", True)])
        view = env.ref("samenwijs_stage.samenwijs_internship_view_list")
        spec = {
            name: {}
            for name in (
                "name",
                "date_start",
                "date_end",
                "state",
                "school_year",
                "study_year",
                "onboarding_progress",
            )
        }
        spec.update(
            {
                name: {"fields": {"display_name": {}}}
                for name in (
                    "employee_id",
                    "internship_type_id",
                    "department_id",
                    "werkbegeleider_id",
                    "praktijkopleider_id",
                    "school_id",
                )
            }
        )
        assert view
        with measure(
            env, "list view, 80 internships as PO", max_queries=40, max_seconds=3
        ):
            po_env["samenwijs.internship"].web_search_read(
                [("state", "in", ("draft", "application", "placed", "running"))],
                spec,
                limit=80,
            )
        with measure(
            env, "kanban read_group by state as PO", max_queries=15, max_seconds=3
        ):
            po_env["samenwijs.internship"].formatted_read_group(
                [], ["state"], ["__count"]
            )
        sign_50, sign_500, wb_user = hour_lines(env, internships, wbs, today)
        wb_env = env(user=wb_user)
        # The first signature fills the caches (groups, activity type).
        sign_50[:5].with_env(wb_env).action_approve()
        with measure(env, "sign 50 hour lines as werkbegeleider", max_seconds=5):
            sign_50[5:].with_env(wb_env).action_approve()
        with measure(
            env,
            "sign 500 hour lines as werkbegeleider",
            max_queries=RESULTS[-1][1],
            max_seconds=10,
        ):
            sign_500.with_env(wb_env).action_approve()
        # HR-1: the attendance lists of the month the lines above were
        # made in; printing fifty costs what printing one costs.
        month = sign_500[0].date.strftime("%Y-%m")
        report = po_env["ir.actions.report"]
        printed = sign_500.internship_id | internships[400:449]
        report._render_qweb_html(
            "samenwijs_stage.action_report_attendance_list",
            printed[:1].ids,
            data={"month": month},
        )
        with measure(env, "attendance list of 1 intern (HTML)", max_seconds=5):
            report._render_qweb_html(
                "samenwijs_stage.action_report_attendance_list",
                printed[:1].ids,
                data={"month": month},
            )
        with measure(
            env,
            f"attendance lists of {len(printed)} interns, one call (HTML)",
            max_queries=RESULTS[-1][1] + 10,
            max_seconds=30,
        ):
            report._render_qweb_html(
                "samenwijs_stage.action_report_attendance_list",
                printed.ids,
                data={"month": month},
            )
        one = internships[300].with_env(po_env)
        with measure(
            env, "werkbegeleider choices of one form", max_queries=40, max_seconds=5
        ):
            one.allowed_werkbegeleider_ids  # noqa: B018
        cr.rollback()

    width = max(len(r[0]) for r in RESULTS)
    print(
        f"\n{'operation':<{width}}  queries (target)   seconds (target)   peak MiB (target)"
    )
    failed = 0
    for label, count, qmax, secs, smax, mib, mmax, ok in RESULTS:
        failed += not ok
        q = f"{count:>7} ({qmax if qmax is not None else '-':>4})"
        s = f"{secs:>8.2f} ({smax if smax is not None else '-':>4})"
        m = f"{mib:>8.1f} ({mmax if mmax is not None else '-':>4})"
        print(f"{label:<{width}}  {q}   {s}   {m}  {'ok' if ok else 'MISSED'}")
    print(f"\n{len(RESULTS) - failed} targets met, {failed} missed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
