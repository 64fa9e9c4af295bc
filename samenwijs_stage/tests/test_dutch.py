import polib

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import file_path

from .common import SamenwijsCase


@tagged("post_install", "-at_install")
class TestDutch(SamenwijsCase):
    """Dutch users see Dutch: labels, selections and the errors that tell
    them what is missing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("nl_NL")
        cls.env["ir.module.module"]._load_module_terms(
            ["samenwijs_stage"], ["nl_NL"], overwrite=True
        )
        cls.user_po.lang = "nl_NL"
        # Dutch notation, as the organisation sets the euro: "€ 180,00".
        cls.env.ref("base.EUR").position = "before"

    def test_vog1_vog2_start_refusal_is_dutch(self):
        internship = self.internship.with_user(self.user_po)
        internship.action_apply()
        internship.action_place()
        with self.assertRaises(UserError) as error:
            internship.with_context(lang="nl_NL").action_start()
        message = str(error.exception)
        self.assertIn("kan nog niet starten", message)
        self.assertIn("VOG", message)
        self.assertIn("koppeling", message)
        self.assertEqual(internship.state, "placed")

    def test_labels_and_states_are_dutch(self):
        Internship = self.env["samenwijs.internship"].with_context(lang="nl_NL")
        fields_nl = Internship.fields_get(["state", "werkbegeleider_id", "date_start"])
        states = dict(fields_nl["state"]["selection"])
        self.assertEqual(states["placed"], "Geplaatst")
        self.assertEqual(states["running"], "Lopend")
        self.assertEqual(fields_nl["date_start"]["string"], "Startdatum")
        menu = self.env.ref("samenwijs_stage.samenwijs_stage_menu_root")
        self.assertEqual(menu.with_context(lang="nl_NL").name, "Stages")

    def test_al1_allowance_message_in_dutch_euros(self):
        internship = self.internship.with_user(self.user_po).with_context(lang="nl_NL")
        internship.write(
            {
                "schedule_ids": [
                    Command.create(
                        {"weekday": "3", "department_id": self.linde.id, "hours": 8}
                    )
                ]
            }
        )
        with self.assertRaises(ValidationError) as error:
            internship.allowance_amount = 100
        message = str(error.exception)
        self.assertIn("minimum van €\xa0180,00", message)
        self.assertIn("(AL-1)", message)

    def test_translation_is_complete(self):
        """Every term of both addons has its Dutch translation."""
        for addon in ("samenwijs_stage", "samenwijs_stage_payroll"):
            po = polib.pofile(file_path(f"{addon}/i18n/nl.po"))
            untranslated = [entry.msgid for entry in po.untranslated_entries()]
            with self.subTest(addon=addon):
                self.assertEqual(untranslated, [])
