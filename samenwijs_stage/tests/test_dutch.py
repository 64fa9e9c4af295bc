from odoo.exceptions import UserError
from odoo.tests import tagged

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
