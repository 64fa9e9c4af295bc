import re
from pathlib import Path

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.misc import file_path

from .common import SamenwijsCase

# Every rule of the stagewerkboek, in the order of the workbook.
POLICY_CODES = [
    *(f"WB-{n}" for n in range(1, 8)),
    *(f"PO-{n}" for n in range(1, 10)),
    *(f"RS-{n}" for n in range(1, 8)),
    *(f"VOG-{n}" for n in range(1, 4)),
    "IN-1",
    "IN-2",
    *(f"BG-{n}" for n in range(1, 5)),
    "EV-1",
    "WT-1",
    "LV-1",
    "LV-2",
    "HR-1",
    "SK-1",
    "SK-2",
    "TM-1",
    "OV-1",
    "AL-1",
    "INS-1",
    *(f"WB-P{n}" for n in range(1, 7)),
    *(f"PO-P{n}" for n in range(1, 4)),
    *(f"ST-{n}" for n in range(1, 8)),
]
INFO_CODES = {"WB-6", "PO-5", "PO-8", "OV-1", "INS-1", "WB-P2", "PO-P3", "ST-7"}

# A rule ID as messages, help texts and labels cite it: "(WB-3)", "(PO-P2)",
# "(LV-2, SK-1)", "(BG-1..BG-4)", "(WB-4 override)".
CITATION = re.compile(r"\(([^()\n]*)\)")
RULE_ID = re.compile(r"\b[A-Z]{2,3}-P?\d+\b")


def cited_rule_ids(addons=("samenwijs_stage", "samenwijs_stage_payroll")):
    """The rule IDs cited between parentheses in the code, views and data of
    the addons, per ID the first file that cites it."""
    cited = {}
    for addon in addons:
        try:
            root = Path(file_path(addon))
        except FileNotFoundError:
            continue
        for path in sorted(root.rglob("*")):
            parts = path.relative_to(root).parts
            if path.suffix not in (".py", ".xml") or parts[0] in ("tests", "i18n"):
                continue
            for citation in CITATION.findall(path.read_text(encoding="utf-8")):
                for code in RULE_ID.findall(citation):
                    cited.setdefault(code, f"{addon}/{'/'.join(parts)}")
    return cited


@tagged("post_install", "-at_install")
class TestPolicyRule(SamenwijsCase):
    """The policy rules are data: every rule ID that the app cites means
    something to a user, and every role can look it up."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["samenwijs.policy.rule"]
        cls.wb3 = cls.env.ref("samenwijs_stage.samenwijs_policy_rule_wb_3")
        cls.roles = {
            "intern": cls.user_intern,
            "werkbegeleider": cls.user_wb,
            "manager": cls.user_manager,
            "praktijkopleider": cls.user_po,
            "payroll": cls.user_payroll,
        }

    def test_every_rule_of_the_workbook_is_a_record(self):
        rules = self.Rule.search([("code", "in", POLICY_CODES)])
        self.assertEqual(len(POLICY_CODES), len(set(POLICY_CODES)))
        self.assertEqual(sorted(rules.mapped("code")), sorted(POLICY_CODES))
        self.assertEqual(
            rules.sorted().mapped("code"), POLICY_CODES, "rules in workbook order"
        )
        for rule in rules:
            with self.subTest(code=rule.code):
                self.assertTrue(rule.name and rule.name.strip())
                self.assertTrue(rule.text and rule.text.strip())
                self.assertTrue(rule.enforcement and rule.enforcement.strip())
                self.assertTrue(rule.section)
                self.assertTrue(rule.role_ids)
                self.assertEqual(rule.info_only, rule.code in INFO_CODES)
                self.assertFalse(rule.info_only and rule.enforced)
                xmlid = "samenwijs_policy_rule_" + rule.code.lower().replace("-", "_")
                self.assertEqual(
                    rule.get_external_id()[rule.id], f"samenwijs_stage.{xmlid}"
                )

    def test_rules_concern_internship_roles_only(self):
        privileges = self.env.ref(
            "samenwijs_stage.res_groups_privilege_stage"
        ) | self.env.ref("samenwijs_stage.res_groups_privilege_stage_payroll")
        groups = self.Rule.search([]).role_ids
        self.assertTrue(groups)
        self.assertLessEqual(groups.privilege_id, privileges)
        # The roles offered are the groups of the two privileges.
        domain = self.Rule.fields_get(["role_ids"])["role_ids"]["domain"]
        self.assertEqual(self.env["res.groups"].search(domain), privileges.group_ids)

    def test_every_rule_id_cited_by_the_app_exists(self):
        cited = cited_rule_ids()
        # The scan finds the citations of error messages and help texts.
        for code in ("WB-3", "VOG-1", "BG-4", "PO-9", "AL-1", "PO-P2"):
            self.assertIn(code, cited)
        known = set(self.Rule.with_context(active_test=False).search([]).mapped("code"))
        unknown = {code: where for code, where in cited.items() if code not in known}
        self.assertFalse(unknown, "rule IDs cited in the app without a policy rule")

    def test_display_name_is_code_and_title(self):
        self.assertEqual(
            self.wb3.display_name,
            "WB-3 \N{EN DASH} Jaarlijks intervisie van twee avonden",
        )

    def test_every_role_reads_and_finds_rules_by_code(self):
        for role, user in self.roles.items():
            with self.subTest(role=role):
                Rule = self.Rule.with_user(user)
                self.assertEqual(
                    Rule.search_count([("code", "in", POLICY_CODES)]),
                    len(POLICY_CODES),
                )
                found = Rule.name_search("WB-3")
                self.assertIn(
                    (
                        self.wb3.id,
                        "WB-3 \N{EN DASH} Jaarlijks intervisie van twee avonden",
                    ),
                    [tuple(pair) for pair in found],
                )
                self.assertEqual(
                    Rule.name_search("WB-P1")[0][0],
                    self.env.ref("samenwijs_stage.samenwijs_policy_rule_wb_p1").id,
                )
                # By title too.
                self.assertIn(
                    self.wb3.id, [rid for rid, _name in Rule.name_search("intervisie")]
                )
                [values] = self.wb3.with_user(user).read(
                    ["code", "name", "text", "section", "role_ids", "enforcement"]
                )
                self.assertEqual(values["code"], "WB-3")
                self.assertIn("intervisie", values["text"])
                # The roles are shown by name.
                self.assertTrue(
                    self.wb3.with_user(user)
                    .with_context(short_display_name=True)
                    .role_ids.mapped("display_name")
                )

    def test_roles_cannot_change_rules(self):
        for role, user in self.roles.items():
            with self.subTest(role=role):
                rule = self.wb3.with_user(user)
                with self.assertRaises(AccessError):
                    rule.write({"text": "Anders"})
                with self.assertRaises(AccessError):
                    rule.create(
                        {"code": "XX-1", "name": "Nieuw", "section": "3", "text": "."}
                    )
                with self.assertRaises(AccessError):
                    rule.unlink()
                self.assertIn("intervisie", self.wb3.text)

    def test_rule_form_is_read_only_for_roles(self):
        for role, user in self.roles.items():
            with self.subTest(role=role):
                arch = self.Rule.with_user(user).get_views([(False, "form")])["views"][
                    "form"
                ]["arch"]
                self.assertIn('edit="False"', arch)
                self.assertIn('create="False"', arch)
        arch = self.Rule.with_user(self.user_admin).get_views([(False, "form")])[
            "views"
        ]["form"]["arch"]
        self.assertNotIn('edit="False"', arch)

    def test_admin_edits_creates_and_deletes_rules(self):
        Rule = self.Rule.with_user(self.user_admin)
        self.wb3.with_user(self.user_admin).write({"enforcement": "Aangepast."})
        self.assertEqual(self.wb3.enforcement, "Aangepast.")
        rule = Rule.create(
            {
                "code": "XX-1",
                "name": "Eigen afspraak",
                "section": "3",
                "text": "Een afspraak van de locatie.",
            }
        )
        self.assertEqual(Rule.name_search("XX-1")[0][0], rule.id)
        rule.unlink()
        self.assertFalse(rule.exists())

    def test_code_is_unique(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.Rule.create({"code": "WB-3", "name": "Dubbel", "section": "1"})

    def test_policy_menu_visible_to_every_role(self):
        menu = self.env.ref("samenwijs_stage.samenwijs_policy_rule_menu")
        for role, user in {**self.roles, "admin": self.user_admin}.items():
            with self.subTest(role=role):
                self.assertIn(
                    menu.id, self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
                )
