from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SamenwijsCase
from .test_shifts import RunningInternship


@tagged("post_install", "-at_install")
@freeze_time("2026-06-10 10:00:00")
class TestAlongside(RunningInternship, SamenwijsCase):
    """WB-5: the werkbegeleider works at least half of the intern's signed
    hours alongside the intern; judged per last complete month (May 2026
    when today is 10 June)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_internship()

    def test_wb5_share_of_last_month_under_half_is_flagged(self):
        internship = self.internship
        self.assertEqual(internship.alongside_month, date(2026, 5, 1))
        self.assertFalse(internship.alongside_below_half, "No hours: nothing to judge")
        self.sign(
            self.register(date(2026, 5, 4), 8.5, 17.0, werkbegeleider_alongside=True)
            | self.register(date(2026, 5, 5), 8.5, 17.0)
        )
        self.assertEqual(internship.alongside_hours_signed, 16.0)
        self.assertEqual(internship.alongside_share, 50.0)
        self.assertFalse(internship.alongside_below_half, "Half is enough")
        # Unsigned hours and hours of the current month do not count.
        late = self.register(date(2026, 5, 11), 8.5, 17.0)
        self.register(date(2026, 6, 1), 8.5, 17.0)
        self.assertEqual(internship.alongside_share, 50.0)
        self.sign(late)
        self.assertAlmostEqual(internship.alongside_share, 100 / 3)
        self.assertTrue(internship.alongside_below_half)
        # Reopening the line signed last (administrator) undoes it.
        late.with_user(self.user_admin).action_reset("Verkeerde dag")
        self.assertFalse(internship.alongside_below_half)

    def test_wb5_filter_and_menu_for_the_praktijkopleider(self):
        self.sign(self.register(date(2026, 5, 4), 8.5, 17.0))
        self.assertTrue(self.internship.alongside_below_half)
        domain = [("alongside_below_half", "=", True)]
        Internship = self.env["samenwijs.internship"]
        self.assertEqual(
            Internship.with_user(self.user_po).search(domain), self.internship
        )
        self.assertFalse(Internship.with_user(self.user_po2).search(domain))
        self.assertEqual(
            Internship.with_user(self.user_wb).search(domain), self.internship
        )
        menu = self.env.ref("samenwijs_stage.samenwijs_internship_menu_alongside")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.user_po)._visible_menu_ids())
        self.assertIn(menu.id, Menu.with_user(self.user_admin)._visible_menu_ids())
        for user in (self.user_wb, self.user_manager, self.user_intern):
            with self.subTest(user=user.login):
                self.assertNotIn(menu.id, Menu.with_user(user)._visible_menu_ids())

    def test_wb5_nobody_writes_the_flag(self):
        for user in (self.user_po, self.user_admin, self.user_wb):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.internship.with_user(user).write({"alongside_below_half": False})

    def test_wb5_monthly_cron_judges_the_month_just_ended(self):
        self.sign(self.register(date(2026, 5, 4), 8.5, 17.0))
        self.assertTrue(self.internship.alongside_below_half)
        june = self.register(date(2026, 6, 1), 8.5, 17.0, werkbegeleider_alongside=True)
        self.sign(june)
        self.env.flush_all()
        self.assertEqual(self.internship.alongside_month, date(2026, 5, 1))
        Internship = self.env["samenwijs.internship"]
        with freeze_time("2026-07-01 03:15:00"):
            # Demo internships, when installed, are judged too.
            self.assertIn(self.internship, Internship._cron_alongside_month())
            self.assertFalse(Internship._cron_alongside_month(), "Once a month")
        self.assertEqual(self.internship.alongside_month, date(2026, 6, 1))
        self.assertEqual(self.internship.alongside_share, 100.0)
        self.assertFalse(self.internship.alongside_below_half)

    def test_wb5_share_per_month(self):
        self.sign(
            self.register(date(2026, 4, 27), 8.5, 17.0, werkbegeleider_alongside=True)
            | self.register(date(2026, 5, 4), 8.5, 17.0, werkbegeleider_alongside=True)
            | self.register(date(2026, 5, 5), 8.5, 17.0)
            | self.register(date(2026, 5, 6), 8.5, 17.0)
        )
        self.register(date(2026, 5, 7), 8.5, 17.0, werkbegeleider_alongside=True)
        Month = self.env["samenwijs.internship.month"].with_user(self.user_wb)
        april, may = Month.search([("internship_id", "=", self.internship.id)]).sorted(
            "month"
        )
        self.assertEqual((april.month, april.alongside_share), (date(2026, 4, 1), 100))
        self.assertFalse(april.below_half)
        self.assertEqual((may.hours_signed, may.hours_alongside), (24.0, 8.0))
        self.assertAlmostEqual(may.alongside_share, 100 / 3)
        self.assertTrue(may.below_half)
        self.assertEqual(Month.search([("below_half", "=", True)]), may)
        for user in (self.user_intern2, self.user_wb2, self.user_po2):
            with self.subTest(user=user.login):
                self.assertFalse(Month.with_user(user).search([]))
        with self.assertRaises(AccessError):
            may.with_user(self.user_payroll).read(["alongside_share"])
        action = self.internship.with_user(self.user_po).action_view_alongside_months()
        self.assertEqual(action["res_model"], "samenwijs.internship.month")
