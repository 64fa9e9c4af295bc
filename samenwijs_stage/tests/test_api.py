"""Every rule holds through the external API (``/json/2/``), as each role.

Each call here is an attack: a role doing what it must not, or a value that
must not be stored. Every call must be refused with an Odoo error
(``REFUSALS``; for a malformed value Odoo's own conversion error is accepted
too) and the targeted records must be unchanged afterwards, read back as
superuser. The number of calls per model is printed when the class is done
(``pytest -rP`` or ``-s`` shows it).
"""

import json
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from .security_common import SamenwijsSecurityCase
from .test_access_matrix import MATRIX, ROLES, _positive_scan

REFUSALS = {
    "odoo.exceptions.AccessError",
    "odoo.exceptions.MissingError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
}
# Odoo's own conversion errors for a malformed value (text in a date or
# number field, an unknown selection value or field): accepted for the
# values marked malformed, as long as nothing is written.
CONVERSION_ERRORS = {
    "builtins.ValueError",
    "builtins.TypeError",
    "builtins.KeyError",
    "werkzeug.exceptions.UnprocessableEntity",
}
MISSING_ID = 999_999_999
# Fields that change with every write, or that Odoo sets itself.
VOLATILE = {"write_date", "write_uid", "__last_update"}
MAGIC = {"id", "display_name", "create_uid", "create_date", "write_uid", "write_date"}
# What a computed field is sent, to see that nobody can write it.
PLAUSIBLE = {
    "boolean": False,
    "integer": 1,
    "float": 1.0,
    "monetary": 1.0,
    "char": "x",
    "text": "x",
}


@dataclass(frozen=True)
class Attack:
    """One call that must be refused; ``targets`` (default: the records of
    ``ids``) must be unchanged afterwards."""

    role: str
    model: str
    method: str
    ids: tuple = ()
    kwargs: tuple = ()
    malformed: bool = False
    targets: tuple = ()


def call(role, records, method, malformed=False, targets=(), **kwargs):
    return Attack(
        role,
        records._name,
        method,
        tuple(records.ids),
        tuple(kwargs.items()),
        malformed,
        tuple(targets),
    )


def write(role, records, vals, malformed=False, targets=()):
    return call(role, records, "write", malformed, targets, vals=vals)


def read(role, records, field_names):
    return call(role, records, "read", fields=list(field_names))


def create(role, model, vals, targets=(), malformed=False):
    return Attack(
        role, model, "create", (), (("vals_list", [vals]),), malformed, tuple(targets)
    )


def _bad_values(field):
    """(value, malformed) pairs that a field of this type must refuse."""
    if field.type == "date":
        return [
            ("0001-01-01", False),
            ("9999-12-31", False),
            ("2026-02-30", True),
            ("geen datum", True),
            (1e300, True),
        ]
    if field.type == "datetime":
        return [
            ("0001-01-01 00:00:00", False),
            ("9999-12-31 23:59:59", False),
            ("geen tijd", True),
        ]
    if field.type == "integer":
        return [(2**31, False), (-(2**31) - 1, False), (2**63, False), ("twee", True)]
    if field.type in ("float", "monetary"):
        return [(1e300, False), (-1e300, False), ("veel", True)]
    if field.type == "many2one":
        return [(MISSING_ID, False), (-5, False)]
    if field.type == "selection":
        return [("onbekend", True), (7, True)]
    return []


@tagged("post_install", "-at_install")
class TestApi(SamenwijsSecurityCase, HttpCase):
    calls = Counter()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.keys = {}
        expiry = fields.Datetime.now() + timedelta(days=1)
        users = dict(cls.role_users, praktijkopleider2=cls.user_po2)
        for role, user in users.items():
            # sudo: a key for a day, longer than a user may make for themself.
            cls.keys[role] = (
                cls.env["res.users.apikeys"]
                .with_user(user)
                .sudo()
                ._generate("rpc", "beveiligingstest", expiry)
            )
        cls.reason = cls.env["samenwijs.termination.reason"].search([], limit=1)
        # A terminated internship with a stop task for payroll, and a
        # finished one: history.
        cls.terminated = cls.running_internship("Tessa Gestopt")
        cls.env["samenwijs.internship.terminate"].create(
            {
                "internship_id": cls.terminated.id,
                "date": cls.today,
                "reason_id": cls.reason.id,
                "note": "Vertrouwelijk: persoonlijke omstandigheden van de stagiair.",
            }
        ).action_terminate()
        cls.finished = cls.running_internship("Fleur Klaar")
        cls.finished.action_done()
        # Hours: a running internship of Sanne with one draft line.
        cls.hours_internship = cls.scope_running_internship("own")
        cls.hour_line = cls.env["samenwijs.internship.hour"].create(
            cls.hour_values(days_ago=7)
        )
        stop = cls.env.ref("samenwijs_stage.mail_activity_type_allowance_stop")
        cls.stop_task = cls.env["mail.activity"].search(
            [("activity_type_id", "=", stop.id)]
        )

    @classmethod
    def tearDownClass(cls):
        for model, count in sorted(cls.calls.items()):
            print(f"API calls on {model}: {count}")  # pylint: disable=print-used
        super().tearDownClass()

    @classmethod
    def running_internship(cls, name):
        intern = cls.env["hr.employee"].create(
            {"name": name, "department_id": cls.linde.id, "employee_type": "trainee"}
        )
        internship = cls.create_internship(
            employee=intern, date_start=cls.today - relativedelta(weeks=4)
        )
        internship.action_place()
        internship.write(
            {
                "vog_received": True,
                "vog_received_date": cls.today - relativedelta(weeks=5),
                "vog_date_issue": cls.today - relativedelta(weeks=6),
                "vog_issued_for": "samenwijs",
                "personenregister_informed": True,
                "personenregister_registered": True,
                "personenregister_koppeling_date": cls.today - relativedelta(weeks=5),
                "personenregister_manager_informed": True,
            }
        )
        internship.action_start()
        return internship

    # ------------------------------------------------------------------
    # Calls
    # ------------------------------------------------------------------
    def rpc(self, role, model, method, ids=(), **kwargs):
        """POST /json/2/<model>/<method> with the API key of ``role``;
        return (HTTP status, decoded body)."""
        self.calls[model] += 1
        response = self.url_open(
            f"/json/2/{model}/{method}",
            data=json.dumps({"ids": list(ids), **kwargs}, default=str),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"bearer {self.keys[role]}",
            },
            timeout=60,
        )
        try:
            return response.status_code, response.json()
        except ValueError:
            return response.status_code, response.text

    def snapshot(self, recordsets):
        """The stored values of ``recordsets``, read as superuser."""
        self.env.invalidate_all()
        result = {}
        for records in recordsets:
            records = records.sudo().with_context(active_test=False).exists()
            names = [
                name
                for name, fld in records._fields.items()
                if fld.store
                and fld.type not in ("binary", "one2many")
                and name not in VOLATILE
                and not name.startswith(("message_", "activity_"))
            ]
            for values in records.read(names):
                result[records._name, values["id"]] = values
        return result

    def problem(self, attack):
        """What is wrong with how ``attack`` was answered, or None."""
        targets = attack.targets or [
            self.env[attack.model].browse(
                [i for i in attack.ids if isinstance(i, int) and 0 < i < MISSING_ID]
            )
        ]
        before = self.snapshot(targets)
        kwargs = dict(attack.kwargs)
        status, body = self.rpc(
            attack.role, attack.model, attack.method, attack.ids, **kwargs
        )
        accepted = REFUSALS | (CONVERSION_ERRORS if attack.malformed else set())
        problem = None
        if status == 200:
            problem = f"accepted (returned {str(body)[:80]})"
        elif not isinstance(body, dict):
            problem = f"answered {status}: {str(body)[:120]}"
        elif body.get("name") not in accepted:
            message = " ".join(str(body.get("message", "")).split())[:120]
            problem = f"refused with {body.get('name')}: {message}"
        after = self.snapshot(targets)
        if before != after:
            changed = sorted(
                {
                    f"{key[0]}({key[1]}).{name}"
                    for key, values in before.items()
                    for name in values
                    if values[name] != after.get(key, {}).get(name)
                }
            )
            problem = f"{problem or 'refused'}, but changed {', '.join(changed)}"
        if problem:
            arguments = json.dumps({"ids": list(attack.ids), **kwargs}, default=str)
            return f"{attack.role} {attack.model}.{attack.method} {arguments[:200]}: {problem}"
        return None

    def assertAllRefused(self, attacks):
        problems = [p for p in map(self.problem, attacks) if p]
        self.assertFalse(
            problems,
            f"{len(problems)} of {len(attacks)} calls were not refused as they "
            "must be:\n  " + "\n  ".join(problems),
        )

    # ------------------------------------------------------------------
    # The attacks of issue 8, by its numbers
    # ------------------------------------------------------------------
    def test_01_rule_fields_of_departments_stay_with_hr_and_admin(self):
        """The region's PO, a location's manager and parent stay put."""
        attacks = []
        for role in ROLES:
            if role == "admin":
                continue
            me = self.role_users[role].employee_id or self.emp_intern
            attacks += [
                write(role, self.region2, {"praktijkopleider_id": me.id}),
                write(role, self.region2, {"praktijkopleider_own_id": me.id}),
                write(role, self.anker, {"manager_id": me.id}),
                write(role, self.anker, {"parent_id": self.region.id}),
                write(role, self.linde, {"parent_id": self.region2.id}),
                create(
                    role,
                    "hr.department",
                    {"name": "Schaduwlocatie", "parent_id": self.region2.id},
                    targets=[self.region2],
                ),
            ]
        self.assertAllRefused(attacks)

    def test_01_other_region_is_out_of_reach(self):
        """Region Zuid's internship, schedule and allowance stay out of reach
        of region Noord's roles."""
        zuid = self.internship2
        attacks = []
        for role in ("intern", "werkbegeleider", "manager", "praktijkopleider"):
            attacks += [
                read(role, zuid, ["name", "employee_id"]),
                read(role, zuid.schedule_ids, ["hours"]),
                read(role, zuid.allowance_id, ["amount"]),
                write(role, zuid, {"notes": "<p>Gezien</p>"}),
                write(role, zuid.schedule_ids[:1], {"hours": 1.0}),
                call(role, zuid, "unlink"),
                call(role, zuid, "action_done"),
            ]
        self.assertAllRefused(attacks)

    def test_02_state_changes_only_through_actions_and_history_stays(self):
        """No direct state writes; finished and terminated internships are
        not reopened, changed or deleted."""
        attacks = [
            write("praktijkopleider", self.internship, {"state": state})
            for state in ("draft", "running", "done", "rejected", "terminated")
        ]
        # Starting without VOG and Personenregister koppeling (VOG-1, VOG-2).
        attacks.append(call("praktijkopleider", self.internship, "action_start"))
        for history in (self.terminated, self.finished):
            attacks += [
                write("praktijkopleider", history, {"state": "running"}),
                write("praktijkopleider", history, {"date_end": "2099-01-01"}),
                write("praktijkopleider", history, {"study_year": 2}),
                write("werkbegeleider", history, {"notes": "<p>Achteraf</p>"}),
                call("praktijkopleider", history, "action_draft"),
                call("praktijkopleider", history, "action_place"),
                call("praktijkopleider", history, "action_start"),
                call("praktijkopleider", history, "action_done"),
                call("praktijkopleider", history, "unlink"),
                create(
                    "praktijkopleider",
                    "samenwijs.internship.terminate",
                    {
                        "internship_id": history.id,
                        "date": str(self.today),
                        "reason_id": self.reason.id,
                    },
                    targets=[history],
                ),
            ]
        self.assertAllRefused(attacks)

    def test_03_writes_are_deny_by_default(self):
        """A werkbegeleider writes its notes and checklist items; an intern
        nothing of the internship; computed fields nobody (BG-4: a placed
        internship keeps its werkbegeleider)."""
        others_fields = {
            "personenregister_needed": False,
            "name": "STAGE/0001",
            "region_id": self.region2.id,
            "school_year": "2001-2002",
            "introduction_end_date": str(self.today),
            "weekly_hours": 40.0,
            "study_year": 3,
            "date_start": str(self.today),
            "praktijkopleider_id": self.emp_po2.id,
            "werkbegeleider_id": self.emp_wb_eik.id,
            "vog_received": True,
            "allowance_amount": 900.0,
            "care_tasks": False,
        }
        targets = [self.internship, self.type_pw3]
        attacks = [
            write(role, self.internship, {name: value}, targets=targets)
            for role in ("werkbegeleider", "manager", "intern")
            for name, value in others_fields.items()
        ]
        computed = (
            "personenregister_needed",
            "name",
            "region_id",
            "school_year",
            "weekly_hours",
            "introduction_end_date",
            "care_tasks",
        )
        attacks += [
            write(
                "praktijkopleider",
                self.internship,
                {n: others_fields[n]},
                targets=targets,
            )
            for n in computed
        ]
        attacks.append(
            write("praktijkopleider", self.internship, {"werkbegeleider_id": False})
        )
        self.assertAllRefused(attacks)

    def test_04_termination_wizard_is_private(self):
        """Only its maker sees a wizard; none on another region."""
        Wizard = self.env["samenwijs.internship.terminate"]
        status, ids = self.rpc(
            "praktijkopleider",
            Wizard._name,
            "create",
            vals_list=[
                {
                    "internship_id": self.internship.id,
                    "date": str(self.today),
                    "reason_id": self.reason.id,
                    "note": "Alleen voor Petra",
                }
            ],
        )
        self.assertEqual(status, 200, ids)
        wizard = Wizard.browse(ids)
        status, found = self.rpc("praktijkopleider2", Wizard._name, "search", domain=[])
        self.assertEqual(status, 200, found)
        self.assertNotIn(wizard.id, found, "another PO lists Petra's wizard")
        values = {"date": str(self.today), "reason_id": self.reason.id}
        self.assertAllRefused(
            [
                read("praktijkopleider2", wizard, ["note", "employee_id"]),
                write("praktijkopleider2", wizard, {"note": "Overschreven"}),
                call(
                    "praktijkopleider2",
                    wizard,
                    "action_terminate",
                    targets=[wizard, self.internship],
                ),
                call("praktijkopleider2", wizard, "unlink"),
                create(
                    "praktijkopleider",
                    Wizard._name,
                    {"internship_id": self.internship2.id, **values},
                    targets=[self.internship2],
                ),
                create(
                    "manager",
                    Wizard._name,
                    {"internship_id": self.internship.id, **values},
                    targets=[self.internship],
                ),
            ]
        )

    def test_05_payroll_reads_the_allowance_and_nothing_of_the_internship(self):
        """Payroll reads its allowance record, not the internship, its
        termination note or its chatter."""
        allowance = self.terminated.allowance_id
        self.assertTrue(allowance, "a terminated internship keeps its allowance")
        status, values = self.rpc(
            "payroll",
            allowance._name,
            "read",
            allowance.ids,
            fields=["amount", "stop_date", "state"],
        )
        self.assertEqual(status, 200, values)
        self.assertAllRefused(
            [
                read("payroll", self.terminated, ["termination_note"]),
                read("payroll", self.terminated, ["name"]),
                read("payroll", self.terminated.schedule_ids, ["hours"]),
                call("payroll", self.terminated, "message_post", body="Gezien"),
            ]
        )
        status, messages = self.rpc(
            "payroll",
            "mail.message",
            "search_read",
            domain=[("model", "in", ["samenwijs.internship", "samenwijs.allowance"])],
            fields=["body", "model", "res_id"],
        )
        self.assertEqual(status, 200, messages)
        self.assertNotIn("samenwijs.internship", {m["model"] for m in messages})
        self.assertNotIn("persoonlijke omstandigheden", json.dumps(messages))

    def test_06_eligibility_reasons_stay_with_hr_and_the_region(self):
        """Why someone is not eligible is read in the region only: elsewhere
        the reasons are refused or come back empty."""
        not_eligible = self.emp_wb | self.emp_wb_eik | self.emp_wb2
        not_eligible.werkbegeleider_training = "none"
        leaks = []
        for role, employee in (
            ("manager", self.emp_wb2),
            ("manager", self.emp_wb_eik),
            ("praktijkopleider", self.emp_wb2),
            ("werkbegeleider", self.emp_wb),
            ("payroll", self.emp_wb),
            ("internal", self.emp_wb),
        ):
            status, values = self.rpc(
                role,
                "hr.employee",
                "read",
                employee.ids,
                fields=["werkbegeleider_unmet_reasons"],
            )
            if status == 200 and any(v["werkbegeleider_unmet_reasons"] for v in values):
                leaks.append(f"{role} reads why {employee.name} is not eligible")
        self.assertFalse(leaks, "\n".join(leaks))
        status, values = self.rpc(
            "praktijkopleider",
            "hr.employee",
            "read",
            self.emp_wb_eik.ids,
            fields=["werkbegeleider_unmet_reasons"],
        )
        self.assertEqual(status, 200, values)
        self.assertTrue(values[0]["werkbegeleider_unmet_reasons"], "the PO reads them")

    def test_07_no_side_effects_on_interns_of_other_regions(self):
        """Registering another region's intern changes nothing of them."""
        base = {
            "employee_id": self.emp_intern2.id,
            "internship_type_id": self.type_pw3.id,
        }
        self.assertAllRefused(
            [
                create(
                    "praktijkopleider",
                    "samenwijs.internship",
                    {
                        **base,
                        "werkbegeleider_id": self.emp_wb.id,
                        "praktijkopleider_id": self.emp_po.id,
                    },
                    targets=[self.emp_intern2],
                ),
                create(
                    "praktijkopleider",
                    "samenwijs.internship",
                    {**base, "werkbegeleider_id": self.emp_wb2.id},
                    targets=[self.emp_intern2],
                ),
            ]
        )

    def test_08_stop_task_stays_with_payroll(self):
        """The stop task is not reassigned, done or deleted by others."""
        task = self.stop_task
        self.assertTrue(task, "terminating makes a stop task for payroll")
        attacks = []
        for role in ("werkbegeleider", "manager", "praktijkopleider", "intern"):
            me = self.role_users[role]
            attacks += [
                write(role, task, {"user_id": me.id}),
                write(role, task, {"date_deadline": "2099-01-01"}),
                call(role, task, "unlink"),
                call(
                    role,
                    task,
                    "action_feedback",
                    targets=[task, self.terminated.allowance_id],
                    feedback="Klaar",
                ),
            ]
        self.assertAllRefused(attacks)

    def test_09_other_company_is_out_of_reach(self):
        """The company rules hold, even where a role's rule would match."""
        other = self.internship_b
        line = self.internship.schedule_ids[:1]
        self.assertAllRefused(
            [
                read("admin", other, ["name"]),
                read("admin", other.schedule_ids, ["hours"]),
                read("admin", self.intervision_b, ["name"]),
                read("payroll", other.allowance_id, ["amount"]),
                read("praktijkopleider", other, ["name"]),
                read("werkbegeleider", other, ["name"]),
                read("intern", other, ["name"]),
                write(
                    "praktijkopleider",
                    self.internship,
                    {
                        "schedule_ids": [
                            Command.create(
                                {
                                    "weekday": "3",
                                    "department_id": self.wilg.id,
                                    "hours": 8.0,
                                }
                            )
                        ]
                    },
                ),
                write("praktijkopleider", line, {"department_id": self.wilg.id}),
                write(
                    "praktijkopleider",
                    self.internship,
                    {"werkbegeleider_id": self.emp_wb_b.id},
                ),
                write("admin", self.internship, {"employee_id": self.emp_intern_b.id}),
            ]
        )

    def test_10_allowance_fields_need_the_role(self):
        """Werkbegeleiders, managers and interns do not read the allowance."""
        self.assertAllRefused(
            [
                read(role, self.internship, [name])
                for role in ("werkbegeleider", "manager", "intern")
                for name in (
                    "allowance_amount",
                    "allowance_state",
                    "allowance_stop_date",
                )
            ]
        )

    # ------------------------------------------------------------------
    # 11. Bad values, at least 50 per writable model
    # ------------------------------------------------------------------
    def test_12_approvals_only_through_the_internship(self):
        """PO-2, RS-5: nobody makes, gives, moves or removes the location
        manager's consent around the internship; the manager decides only
        with a reason, and only on their own location's review."""
        candidate = self.env["hr.employee"].create(
            {"name": "Lotte Kandidaat", "employee_type": "trainee"}
        )
        application = self.create_internship(employee=candidate, consent=False)
        application.action_apply()
        review = application.review_ids
        self.assertEqual(review.reviewer_ids, self.user_manager)
        definition = review.definition_id
        zuid = self.create_internship(
            employee=self.env["hr.employee"].create(
                {
                    "name": "Zeno Zuid",
                    "employee_type": "trainee",
                    "department_id": self.anker.id,
                }
            ),
            werkbegeleider=self.emp_wb2,
            location=self.anker,
            consent=False,
        )
        zuid.action_apply()
        targets = [application, review, zuid, zuid.review_ids]
        attacks = []
        for role in ("praktijkopleider", "werkbegeleider", "intern", "payroll"):
            attacks += [
                write(role, review, {"status": "approved"}, targets=targets),
                write(role, review, {"comment": "Akkoord"}, targets=targets),
                call(role, review, "unlink", targets=targets),
                call(role, application, "validate_tier", targets=targets),
                create(
                    role,
                    "tier.review",
                    {
                        "model": application._name,
                        "res_id": application.id,
                        "definition_id": definition.id,
                        "status": "approved",
                    },
                    targets=targets,
                ),
                write(
                    role,
                    application,
                    {"review_ids": [(1, review.id, {"status": "approved"})]},
                    targets=targets,
                ),
            ]
        attacks += [
            # The reviewer: not without a reason, not in someone else's
            # name, not on another location's review, nothing but deciding.
            write("manager", review, {"status": "approved"}, targets=targets),
            write(
                "manager",
                review,
                {
                    "status": "approved",
                    "comment": "Akkoord",
                    "done_by": self.user_po.id,
                },
                targets=targets,
            ),
            write("manager", review, {"sequence": 9}, targets=targets),
            write("manager", review, {"status": "waiting"}, targets=targets),
            call("manager", review, "unlink", targets=targets),
            call("manager", zuid, "validate_tier", targets=targets),
            write(
                "manager",
                zuid.review_ids,
                {"status": "approved", "comment": "Akkoord"},
                targets=targets,
            ),
            call("praktijkopleider", application, "action_place", targets=targets),
        ]
        self.assertAllRefused(attacks)
        self.assertEqual(review.status, "pending")

    def bad_value_attacks(self, writer, target, create_values, also=()):
        """Every bad value of every field, written on ``target`` by
        ``writer`` and given to a new record; computed fields written; the
        roles without write access of the matrix writing the target; ids
        that do not exist. ``also``: records a write could reach through a
        related field."""
        Model = self.env[target._name]
        targets = [target, *also]
        mail_fields = (
            self.env["mail.thread"]._fields.keys()
            | self.env["mail.activity.mixin"]._fields.keys()
        )
        attacks = []
        for name, fld in Model._fields.items():
            if name in MAGIC or name in mail_fields:
                continue
            if fld.compute and not fld.inverse:
                # A computed field that is neither stored nor related keeps
                # nothing written to it; the others must refuse.
                if (fld.store or fld.related) and fld.type in PLAUSIBLE:
                    attacks.append(
                        write(
                            writer, target, {name: PLAUSIBLE[fld.type]}, targets=targets
                        )
                    )
                continue
            bad = _bad_values(fld)
            if fld.required:
                bad.append((False, False))
            for value, malformed in bad:
                attacks.append(write(writer, target, {name: value}, malformed, targets))
                if create_values is not None:
                    attacks.append(
                        create(
                            writer,
                            target._name,
                            {**create_values, name: value},
                            targets=targets,
                            malformed=malformed,
                        )
                    )
        # The roles the matrix refuses write or unlink on the target.
        sample = [n for n in (create_values or {}) if n in Model._fields][:3]
        sample = sample or [Model._rec_name or "name"]
        current = {
            name: (value.id if hasattr(value, "_name") else value)
            for name in sample
            for value in [target.sudo()[name]]
        }
        for role in ROLES:
            cell = MATRIX[target._name][role][0]
            if cell[1] == "-":
                attacks += [
                    write(role, target, {name: value}, targets=targets)
                    for name, value in current.items()
                ]
            if cell[3] == "-":
                attacks.append(call(role, target, "unlink", targets=targets))
            if cell[2] == "-" and create_values is not None:
                attacks.append(create(role, target._name, create_values, targets))
            attacks.append(write(role, target, {"x_onbekend": 1}, malformed=True))
            # Records that do not exist.
            missing = Model.browse(MISSING_ID)
            attacks.append(write(role, missing, current, targets=targets))
        attacks += [
            write(
                writer, Model.browse([MISSING_ID, target.id]), current, targets=targets
            ),
            create(writer, target._name, {}, targets=targets),
            create(
                writer,
                target._name,
                {**(create_values or {}), "x_onbekend": 1},
                targets=targets,
                malformed=True,
            ),
        ]
        return attacks

    def check_bad_values(self, writer, target, create_values, also=()):
        attacks = self.bad_value_attacks(writer, target, create_values, also)
        self.assertGreaterEqual(len(attacks), 50, f"{target._name}: at least 50 calls")
        self.assertAllRefused(attacks)

    def test_11_bad_values_internship(self):
        values = self.internship_values("own")
        del values["schedule_ids"]
        self.check_bad_values(
            "praktijkopleider", self.internship, values, also=[self.type_pw3]
        )

    def test_11_bad_values_schedule(self):
        self.check_bad_values(
            "praktijkopleider",
            self.internship.schedule_ids[:1],
            {
                "internship_id": self.internship.id,
                "weekday": "4",
                "department_id": self.linde.id,
                "hours": 4.0,
            },
            also=[self.internship],
        )

    def test_11_bad_values_intervision_session(self):
        self.check_bad_values(
            "praktijkopleider",
            self.intervision[0],
            {
                "name": "Intervisie",
                "date": "2026-06-10 19:00:00",
                "organiser_id": self.emp_po.id,
            },
        )

    def test_11_bad_values_termination_wizard(self):
        wizard = (
            self.env["samenwijs.internship.terminate"]
            .with_user(self.user_po)
            .create(
                {
                    "internship_id": self.internship.id,
                    "date": self.today,
                    "reason_id": self.reason.id,
                }
            )
        )
        self.check_bad_values(
            "praktijkopleider",
            wizard,
            {
                "internship_id": self.internship.id,
                "date": str(self.today),
                "reason_id": self.reason.id,
            },
            also=[self.internship, self.internship.allowance_id],
        )

    def test_11_bad_values_allowance(self):
        self.check_bad_values("admin", self.internship.allowance_id, None)

    def test_11_bad_values_sick_report(self):
        """SK-1: nobody writes or creates a sick report directly, whatever
        the value; the actions do."""
        report = (
            self.env["samenwijs.sick.report"]
            .sudo()
            .create({"internship_id": self.finished.id, "date_from": self.today})
        )
        self.check_bad_values(
            "admin",
            report,
            {"internship_id": self.internship.id, "date_from": str(self.today)},
            also=[self.finished],
        )

    @classmethod
    def hour_values(cls, days_ago=3):
        return {
            "internship_id": cls.hours_internship.id,
            "date": cls.today - relativedelta(days=days_ago),
            "department_id": cls.linde.id,
            "time_start": 9.0,
            "time_end": 12.0,
            "break_hours": 0.0,
        }

    def test_11_bad_values_hour(self):
        self.check_bad_values(
            "intern", self.hour_line, self.hour_values(), also=[self.hours_internship]
        )

    def test_11_bad_values_evaluation(self):
        evaluation = self.hours_internship.evaluation_ids.sorted("date")[:1]
        self.check_bad_values(
            "werkbegeleider",
            evaluation,
            {
                "internship_id": self.hours_internship.id,
                "kind": "conversation",
                "date": f"{self.today.year + 1}-01-15 10:00:00",
            },
            also=[self.hours_internship],
        )

    def test_11_bad_values_evaluation_line(self):
        evaluation = self.hours_internship.evaluation_ids.sorted("date")[:1]
        self.check_bad_values(
            "werkbegeleider",
            evaluation.line_ids[:1],
            {"evaluation_id": evaluation.id, "name": "Extra"},
            also=[evaluation],
        )

    def test_11_bad_values_evaluation_forms(self):
        template = self.env.ref("samenwijs_stage.evaluation_template_conversation")
        self.check_bad_values("admin", template, {"name": "Formulier", "kind": "final"})
        self.check_bad_values(
            "admin",
            template.criterion_ids[:1],
            {"template_id": template.id, "name": "Criterium"},
            also=[template],
        )

    def test_11_bad_values_hour_return_wizard(self):
        Wizard = self.env["samenwijs.internship.hour.return"]
        values = {"hour_ids": [Command.set(self.hour_line.ids)], "reason": "Te laat"}
        wizard = Wizard.with_user(self.user_wb).create(values)
        reopen = Wizard.with_user(self.user_wb).create({**values, "mode": "reset"})
        other_line = self.env["samenwijs.internship.hour"].create(
            {
                **self.hour_values(days_ago=2),
                "internship_id": self.scope_running_internship("region").id,
                "department_id": self.eik.id,
            }
        )
        lines = [self.hour_line, other_line]
        # The praktijkopleider reads the region's hours but reopens nothing.
        po_reopen = Wizard.with_user(self.user_po).create(
            {**values, "hour_ids": [Command.set(other_line.ids)], "mode": "reset"}
        )
        attacks = self.bad_value_attacks(
            "werkbegeleider", wizard, values, also=[self.hour_line]
        )
        attacks += [
            # Reopening is the administrator's; a draft line is not sent back.
            call("werkbegeleider", reopen, "action_confirm", targets=lines),
            call("werkbegeleider", wizard, "action_confirm", targets=lines),
            # Lines that do not exist, or of an intern of someone else.
            create(
                "werkbegeleider",
                Wizard._name,
                {**values, "hour_ids": [Command.set([MISSING_ID])]},
                targets=lines,
            ),
            create(
                "werkbegeleider",
                Wizard._name,
                {**values, "hour_ids": [Command.set(other_line.ids)]},
                targets=lines,
            ),
            call("praktijkopleider", po_reopen, "action_confirm", targets=lines),
            create("intern", Wizard._name, values, targets=lines),
            create("payroll", Wizard._name, values, targets=lines),
        ]
        self.assertGreaterEqual(len(attacks), 50)
        self.assertAllRefused(attacks)

    def test_11_bad_values_assignment(self):
        """WB-P3, ST-5: bad values, computed fields and the roles without
        rights, on an assignment the werkbegeleider gave."""
        values = {
            "internship_id": self.hours_internship.id,
            "name": "Observatie peuter",
            "deadline": str(self.today + relativedelta(days=7)),
        }
        assignment = (
            self.env["samenwijs.internship.assignment"]
            .with_user(self.user_wb)
            .create(values)
        )
        attacks = self.bad_value_attacks(
            "werkbegeleider", assignment, values, also=[self.hours_internship]
        )
        attacks += [
            # The intern gives no assignments and writes nothing but their work.
            create("intern", assignment._name, values, targets=[assignment]),
            write("intern", assignment, {"deadline": str(self.today)}),
            write("intern", assignment, {"state": "approved"}),
            write("intern", assignment, {"feedback": "Zelf goedgekeurd"}),
            # No signature without work handed in; nothing but documents.
            call("werkbegeleider", assignment, "action_approve"),
            write(
                "intern",
                assignment,
                {"submission_file": "TVqQAAMAAAAEAAAA", "submission_filename": "a.exe"},
            ),
        ]
        self.assertAllRefused(attacks)

    def test_11_bad_values_invitation(self):
        """ST-2: bad values and the roles without rights, on an invitation
        the intern recorded."""
        values = {
            "internship_id": self.hours_internship.id,
            "name": "Informatieavond BPV",
            "date": str(self.today + relativedelta(days=10)),
        }
        invitation = (
            self.env["samenwijs.internship.invitation"]
            .with_user(self.user_intern)
            .create(values)
        )
        attacks = self.bad_value_attacks(
            "intern", invitation, values, also=[self.hours_internship]
        )
        attacks += [
            write("intern", invitation, {"date": str(self.today - timedelta(days=1))}),
            create(
                "intern",
                invitation._name,
                {
                    **values,
                    "attachment": "TVqQAAMAAAAEAAAA",
                    "attachment_name": "a.exe",
                },
                targets=[invitation],
            ),
            create("werkbegeleider", invitation._name, values, targets=[invitation]),
        ]
        self.assertAllRefused(attacks)

    def test_11_bad_values_contract_proposal(self):
        """WB-P6: a 0-hours contract proposal takes no bad value; only the
        bestuurder decides on it, only the praktijkopleider proposes."""
        scan = _positive_scan(self, "own")
        values = {"internship_id": self.internship.id, "evaluation_id": scan.id}
        Proposal = self.env["samenwijs.contract.proposal"]
        proposal = Proposal.with_user(self.user_po).create(values)
        self.check_bad_values(
            "praktijkopleider", proposal, values, also=[self.internship, scan]
        )
        bestuurder = new_test_user(
            self.env, login="t_bestuurder", name="Bea Bestuur", groups="base.group_user"
        )
        self.company.samenwijs_bestuurder_user_id = bestuurder
        region_scan = _positive_scan(self, "region")
        proposed = Proposal.with_user(self.user_po).create(
            {"internship_id": self.internship_eik.id, "evaluation_id": region_scan.id}
        )
        proposed.action_propose()
        attacks = [
            call(role, proposed, method, targets=[proposed, region_scan])
            for role in ROLES
            for method in ("action_approve", "action_decline", "restart_validation")
        ]
        attacks += [
            call(role, proposal, "action_propose", targets=[proposal])
            for role in ROLES
            if role not in ("praktijkopleider", "admin")
        ]
        attacks += [
            write(
                "praktijkopleider",
                proposed,
                {"note": "Toch anders"},
                targets=[proposed],
            ),
            write(
                "praktijkopleider", proposal, {"state": "approved"}, targets=[proposal]
            ),
            call("praktijkopleider2", proposal, "action_propose", targets=[proposal]),
        ]
        self.assertAllRefused(attacks)

    def test_11_bad_values_problem_wizard(self):
        """WB-P5: a problem report takes no bad value and is made only by the
        intern's werkbegeleider or the region's praktijkopleider."""
        values = {"internship_id": self.internship.id, "description": "Onbereikbaar"}
        wizard = (
            self.env["samenwijs.internship.problem"]
            .with_user(self.user_wb)
            .create(values)
        )
        attacks = self.bad_value_attacks(
            "werkbegeleider", wizard, values, also=[self.internship]
        )
        attacks += [
            create(
                role, "samenwijs.internship.problem", values, targets=[self.internship]
            )
            for role in ("intern", "payroll", "internal", "portal", "praktijkopleider2")
        ]
        attacks += [
            call(role, wizard, "action_report", targets=[self.internship])
            for role in ROLES
            if role != "werkbegeleider"
        ]
        self.assertGreaterEqual(len(attacks), 50)
        self.assertAllRefused(attacks)

    def test_11_bad_values_interview_wizard(self):
        """RS-3: an interview planner takes no bad value and is made only by
        the praktijkopleider of the internship's region."""
        values = {
            "internship_id": self.internship.id,
            "date": "2027-06-10 10:00:00",
            "note": "Neem je cv mee",
        }
        wizard = (
            self.env["samenwijs.internship.interview"]
            .with_user(self.user_po)
            .create(values)
        )
        attacks = self.bad_value_attacks(
            "praktijkopleider", wizard, values, also=[self.internship]
        )
        attacks += [
            create(
                role,
                "samenwijs.internship.interview",
                values,
                targets=[self.internship],
            )
            for role in (*ROLES, "praktijkopleider2")
            if role not in ("praktijkopleider", "admin")
        ]
        attacks += [
            call(role, wizard, "action_plan", targets=[self.internship])
            for role in ROLES
            if role != "praktijkopleider"
        ]
        # The planner's own maker: the internship is no application yet.
        attacks.append(
            call("praktijkopleider", wizard, "action_plan", targets=[self.internship])
        )
        self.assertGreaterEqual(len(attacks), 50)
        self.assertAllRefused(attacks)

    def test_11_bad_values_school_request(self):
        """RS-6, RS-7: a school request takes no bad value; only its
        praktijkopleider changes it, and its status only through the
        actions."""
        start = self.today + relativedelta(months=2)
        values = {
            "school_id": self.school.id,
            "internship_type_id": self.type_snuffel.id,
            "date_from": str(start),
            "date_to": str(start + relativedelta(days=4)),
            "pupil_count": 2,
            "praktijkopleider_id": self.emp_po.id,
        }
        Request = self.env["samenwijs.school.request"]
        request = Request.with_user(self.user_po).create(values)
        attacks = self.bad_value_attacks("praktijkopleider", request, values)
        attacks += [
            write("praktijkopleider", request, {"date_to": str(start - timedelta(1))}),
            write("praktijkopleider", request, {"pupil_count": 0}),
            write(
                "praktijkopleider", request, {"internship_type_id": self.type_pw3.id}
            ),
            write("praktijkopleider", request, {"state": "forwarded"}),
            write("praktijkopleider2", request, {"note": "Overgenomen"}),
            call("praktijkopleider2", request, "action_forward", targets=[request]),
            call("manager", request, "action_forward", targets=[request]),
            # Not forwarded yet: no internships to make.
            call("praktijkopleider", request, "action_create_internships"),
        ]
        self.assertGreaterEqual(len(attacks), 50)
        self.assertAllRefused(attacks)

    def test_11_bad_values_school_request_line(self):
        """RS-7: the answer of a location takes no bad value; only the
        location's manager answers, within the pupils of the request."""
        start = self.today + relativedelta(months=2)
        Request = self.env["samenwijs.school.request"]
        request = Request.with_user(self.user_po).create(
            {
                "school_id": self.school.id,
                "internship_type_id": self.type_snuffel.id,
                "date_from": str(start),
                "date_to": str(start + relativedelta(days=4)),
                "pupil_count": 2,
                "location_ids": [Command.set((self.linde | self.eik).ids)],
            }
        )
        request.with_user(self.user_po).action_forward()
        line = request.line_ids.filtered(lambda r: r.location_id == self.linde)
        draft = Request.with_user(self.user_po).create(
            {
                "school_id": self.school.id,
                "internship_type_id": self.type_snuffel.id,
                "date_from": str(start),
                "date_to": str(start),
            }
        )
        values = {"request_id": draft.id, "location_id": self.linde.id}
        attacks = self.bad_value_attacks("admin", line, values, also=[request])
        attacks += [
            write("manager", line, {"places_accepted": 3}, targets=[line]),
            write("manager", line, {"places_accepted": -1}, targets=[line]),
            write("manager", line, {"state": "accepted"}, targets=[line]),
            write("manager", line, {"location_id": self.eik.id}, targets=[line]),
            write("praktijkopleider", line, {"places_accepted": 1}, targets=[line]),
            call("praktijkopleider", line, "action_accept", targets=[line, request]),
            call("praktijkopleider2", line, "action_decline", targets=[line, request]),
            create("manager", line._name, values, targets=[line]),
        ]
        attacks += [
            call(role, line, method, targets=[line, request])
            for role in ROLES
            if role not in ("manager", "admin")
            for method in ("action_accept", "action_decline")
        ]
        self.assertGreaterEqual(len(attacks), 50)
        self.assertAllRefused(attacks)

    def test_11_bad_values_introduction_meeting(self):
        """RS-4: an introduction meeting takes no bad value and is planned
        only by its praktijkopleider; attendees are placed internships of
        the school year that the praktijkopleider may see."""
        first = int(self.internship.school_year[:4])
        values = {
            "name": "Introductiebijeenkomst",
            "school_year": self.internship.school_year,
            "date": f"{first}-08-28 14:00:00",
            "organiser_id": self.emp_po.id,
        }
        meeting = (
            self.env["samenwijs.introduction.meeting"]
            .with_user(self.user_po)
            .create({**values, "attendee_ids": [Command.set(self.internship.ids)]})
        )
        attacks = self.bad_value_attacks("praktijkopleider", meeting, values)
        attacks += [
            write("praktijkopleider", meeting, {"school_year": year})
            for year in ("volgend jaar", f"{first}-{first + 2}", "1899-1900", "")
        ]
        attacks += [
            write(
                "praktijkopleider",
                meeting,
                {"attendee_ids": [Command.link(self.internship2.id)]},
            ),
            write("praktijkopleider", meeting, {"attendee_count": 3}),
            write("praktijkopleider2", meeting, {"location": "Elders"}),
            call("praktijkopleider2", meeting, "action_invite"),
        ]
        attacks += [
            call(role, meeting, method)
            for role in ROLES
            if role not in ("praktijkopleider", "admin")
            for method in ("action_invite", "action_fill_attendees")
        ]
        self.assertGreaterEqual(len(attacks), 50)
        self.assertAllRefused(attacks)

    def test_11_bad_values_internship_type(self):
        self.check_bad_values(
            "admin", self.type_pw3, {"name": "Proefstage", "code": "PROEF"}
        )

    def test_11_bad_values_termination_reason(self):
        self.check_bad_values("admin", self.reason, {"name": "Verhuisd"})

    def test_11_bad_values_allowance_rate(self):
        self.check_bad_values(
            "admin",
            self.env["samenwijs.allowance.rate"].search([], limit=1),
            {
                "date_from": "2040-01-01",
                "amount_day": 20.0,
                "amount_half_day": 10.0,
                "amount_cap": 300.0,
            },
        )

    def test_11_bad_values_policy_rule(self):
        Rule = self.env["samenwijs.policy.rule"]
        self.check_bad_values(
            "admin",
            Rule.search([], limit=1),
            {
                "code": "MX-1",
                "name": "Proefregel",
                "text": "Een regel.",
                "section": Rule._fields["section"].get_values(self.env)[0],
            },
        )

    def test_11_bad_values_capacity(self):
        """RS-1: places take no bad value (negative, a school year that does
        not parse) and are set by the location's own manager only: a
        manager of another location neither writes, creates nor deletes
        them, and no manager moves their places to another location."""
        Capacity = self.env["samenwijs.internship.capacity"]
        existing = Capacity.search([])  # the demo data's places, if any
        values = {
            "school_year": "2031-2032",
            "department_id": self.linde.id,
            "internship_type_id": self.type_hbo.id,
            "places": 2,
        }
        capacity = Capacity.create({**values, "school_year": "2030-2031"})
        attacks = self.bad_value_attacks("manager", capacity, values)
        for year in ("2026", "2026-2028", "2027-2026", "geen jaar", "", 2026):
            attacks += [
                write("manager", capacity, {"school_year": year}),
                create(
                    "manager",
                    capacity._name,
                    {**values, "school_year": year},
                    targets=[capacity],
                ),
            ]
        for places in (-1, 1000):
            attacks += [
                write("manager", capacity, {"places": places}),
                create("manager", capacity._name, {**values, "places": places}),
            ]
        attacks += [
            create("manager", capacity._name, {**values, "school_year": "2030-2031"}),
            write("manager", capacity, {"department_id": self.eik.id}),
            write("manager", capacity, {"department_id": self.anker.id}),
            create("manager", capacity._name, {**values, "department_id": self.eik.id}),
            write("manager", capacity, {"open_places": 9}),
            write("manager", capacity, {"placed_count": 0}),
        ]
        # The manager of another location, and the praktijkopleider of
        # another region.
        expiry = fields.Datetime.now() + timedelta(days=1)
        keys = dict(self.keys)
        for role, user in (
            ("manager_anker", self.user_manager2),
            ("manager_eik", self.user_manager_eik),
        ):
            # sudo: a key for a day, longer than a user may make for themself.
            keys[role] = (
                self.env["res.users.apikeys"]
                .with_user(user)
                .sudo()
                ._generate("rpc", "beveiligingstest", expiry)
            )
            attacks += [
                write(role, capacity, {"places": 9}),
                read(role, capacity, ["places"]),
                call(role, capacity, "unlink"),
                create(role, capacity._name, values, targets=[capacity]),
            ]
        attacks += [
            write("praktijkopleider2", capacity, {"places": 9}),
            create("praktijkopleider2", capacity._name, values, targets=[capacity]),
        ]
        self.patch(self, "keys", keys)
        self.assertGreaterEqual(len(attacks), 50)
        self.assertAllRefused(attacks)
        self.assertEqual(Capacity.search([]) - existing, capacity)

    def test_11_bad_values_department_school_region(self):
        """LV-1: the school-holiday region of a department is one of noord,
        midden, zuid, set by HR and the internship administrator only; its
        computed use on the locations is written by nobody."""
        attacks = []
        for department in (self.region, self.linde, self.anker):
            bad = _bad_values(self.region._fields["school_region"])
            for value, malformed in (*bad, ("Noord", True), (1e300, True)):
                attacks.append(
                    write("admin", department, {"school_region": value}, malformed)
                )
            for role in ROLES:
                if role != "admin":
                    attacks.append(write(role, department, {"school_region": "zuid"}))
                attacks.append(write(role, department, {"school_region_used": "zuid"}))
        self.assertGreaterEqual(len(attacks), 50)
        self.assertAllRefused(attacks)
