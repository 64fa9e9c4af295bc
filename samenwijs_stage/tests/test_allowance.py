from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import SamenwijsCase

# Start dates at which the 2024 rates of the CAO Kinderopvang apply.
START = date(2025, 2, 3)
END = date(2025, 12, 19)


@tagged("post_install", "-at_install")
class TestAllowance(SamenwijsCase):
    """AL-1, VOG-3: the minimum stagevergoeding of the CAO Kinderopvang per
    weekly internship day, at the rate valid at the start."""

    def internship_with_days(self, hours_per_day, **vals):
        """An internship planned at De Linde with ``hours_per_day`` (a list
        of hours, one weekday each from Monday)."""
        values = {
            "date_start": START,
            "date_end": END,
            "schedule_ids": [
                Command.create(
                    {"weekday": str(day), "department_id": self.linde.id, "hours": h}
                )
                for day, h in enumerate(hours_per_day)
            ],
        }
        values.update(vals)
        return self.create_internship(**values)

    def test_al1_allowance_one_day(self):
        internship = self.internship_with_days([8])
        self.assertEqual(internship.allowance_minimum, 60)
        self.assertEqual(internship.allowance_amount, 60)
        self.assertEqual(internship.allowance_state, "active")

    def test_al1_allowance_two_and_a_half_days(self):
        internship = self.internship_with_days([8, 8, 4])
        self.assertEqual(internship._allowance_days(), (2, 1))
        self.assertEqual(internship.allowance_minimum, 150)
        self.assertEqual(internship.allowance_amount, 150)

    def test_al1_allowance_three_days(self):
        internship = self.internship_with_days([8, 8, 6])
        self.assertEqual(internship.allowance_amount, 180)

    def test_al1_allowance_five_days_is_the_maximum(self):
        internship = self.internship_with_days([8, 8, 8, 8, 8])
        self.assertEqual(internship.allowance_amount, 300)
        # A sixth (half) day stays at the monthly maximum.
        internship = self.internship_with_days([8, 8, 8, 8, 8, 4])
        self.assertEqual(internship.allowance_amount, 300)

    def test_al1_day_under_five_hours_is_half_a_day(self):
        internship = self.internship_with_days([4.99, 5])
        self.assertEqual(internship.allowance_amount, 90)
        # Two locations on the same weekday: the hours of the day count.
        internship = self.create_internship(
            date_start=START,
            date_end=END,
            schedule_ids=[
                Command.create(
                    {"weekday": "0", "department_id": self.linde.id, "hours": 6}
                ),
                Command.create(
                    {"weekday": "1", "department_id": self.linde.id, "hours": 3}
                ),
                Command.create(
                    {"weekday": "1", "department_id": self.eik.id, "hours": 3}
                ),
            ],
        )
        self.assertEqual(internship._allowance_days(), (2, 0))
        self.assertEqual(internship.allowance_amount, 120)

    def test_al1_fixture_internship_two_days(self):
        self.assertEqual(self.internship.allowance_amount, 120)

    def test_al1_schedule_change_recomputes_the_allowance(self):
        internship = self.internship_with_days([8, 8])
        internship.write(
            {
                "schedule_ids": [
                    Command.create(
                        {"weekday": "2", "department_id": self.linde.id, "hours": 8}
                    )
                ]
            }
        )
        self.assertEqual(internship.allowance_amount, 180)

    def test_al1_praktijkopleider_sets_a_higher_amount(self):
        internship = self.internship_with_days([8, 8]).with_user(self.user_po)
        internship.allowance_amount = 200
        self.assertEqual(internship.allowance_amount, 200)
        created = self.internship_with_days([8], allowance_amount=75)
        self.assertEqual(created.allowance_amount, 75)

    def test_al1_lower_amount_is_refused(self):
        internship = self.internship_with_days([8, 8, 4]).with_user(self.user_po)
        with self.assertRaisesRegex(ValidationError, "AL-1") as error:
            internship.allowance_amount = 100
        self.assertIn("150", str(error.exception))
        with self.assertRaisesRegex(ValidationError, "AL-1"):
            self.internship_with_days([8], allowance_amount=59)

    def test_al1_only_praktijkopleider_changes_the_allowance(self):
        internship = self.internship_with_days([8, 8])
        with self.assertRaises(AccessError):
            internship.with_user(self.user_wb).allowance_amount = 200
        with self.assertRaises(AccessError):
            internship.with_user(self.user_intern).allowance_amount = 200
        self.assertEqual(internship.allowance_amount, 120)

    def test_al1_types_without_allowance_have_none(self):
        for itype in (self.type_snuffel, self.type_maatschappelijk):
            internship = self.internship_with_days([8, 8], itype=itype)
            self.assertEqual(internship.allowance_minimum, 0)
            self.assertEqual(internship.allowance_amount, 0)
            self.assertEqual(internship.allowance_state, "none")
            with self.assertRaisesRegex(ValidationError, "AL-1"):
                internship.allowance_amount = 50

    def test_al1_rate_valid_at_the_start(self):
        """Next year's CAO is a new rate record, not a code change."""
        self.env["samenwijs.allowance.rate"].create(
            {
                "date_from": date(2026, 9, 1),
                "amount_day": 65.0,
                "amount_half_day": 32.5,
                "amount_cap": 325.0,
            }
        )
        before = self.internship_with_days(
            [8, 8, 4], date_start=date(2026, 8, 31), date_end=date(2027, 6, 30)
        )
        after = self.internship_with_days(
            [8, 8, 4], date_start=date(2026, 9, 1), date_end=date(2027, 6, 30)
        )
        full_week = self.internship_with_days(
            [8, 8, 8, 8, 8], date_start=date(2026, 9, 7), date_end=date(2027, 6, 30)
        )
        self.assertEqual(before.allowance_amount, 150)
        self.assertEqual(after.allowance_amount, 162.5)
        self.assertEqual(full_week.allowance_amount, 325)
        # Moving the start over the date changes the rate.
        before.date_start = date(2026, 9, 2)
        self.assertEqual(before.allowance_amount, 162.5)

    def test_vog3_reimbursement_recorded_for_payroll(self):
        internship = self.internship.with_user(self.user_po)
        internship.write({"vog_reimbursed": True, "vog_reimbursement_amount": 41.35})
        internship.action_apply()
        internship.action_place()
        allowance = self.internship.sudo().allowance_id
        as_payroll = allowance.with_user(self.user_payroll)
        values = as_payroll.read(
            [
                "employee_id",
                "amount",
                "state",
                "stop_date",
                "vog_reimbursed",
                "vog_reimbursement_amount",
            ]
        )[0]
        self.assertEqual(values["employee_id"][1], "Sanne Jansen")
        self.assertEqual(values["amount"], 120)
        self.assertTrue(values["vog_reimbursed"])
        self.assertEqual(values["vog_reimbursement_amount"], 41.35)
        # Payroll gets the reimbursement, not the internship nor its VOG copy.
        with self.assertRaises(AccessError):
            self.internship.with_user(self.user_payroll).read(["vog_file"])
        with self.assertRaises(AccessError):
            as_payroll.vog_reimbursement_amount = 50

    # ------------------------------------------------------------------
    # Payroll's allowance record (AL-1, PO-9)
    # ------------------------------------------------------------------
    def test_al1_placing_creates_the_allowance_record_that_follows(self):
        internship = self.internship_with_days([8, 8]).with_user(self.user_po)
        self.assertFalse(internship.allowance_id, "a draft is not payroll's yet")
        internship.action_apply()
        internship.action_place()
        allowance = internship.allowance_id
        self.assertEqual(allowance.internship_id, internship)
        self.assertEqual(allowance.employee_id, self.emp_intern)
        self.assertEqual(allowance.company_id, internship.company_id)
        self.assertEqual(allowance.currency_id, self.env.ref("base.EUR"))
        self.assertEqual(
            (
                allowance.amount,
                allowance.date_start,
                allowance.date_end,
                allowance.state,
            ),
            (120, START, END, "active"),
        )
        # The agreed amount, a new day and a new end date reach payroll.
        internship.allowance_amount = 200
        self.assertEqual(allowance.amount, 200)
        self.env["samenwijs.internship.schedule"].with_user(self.user_po).create(
            [
                {
                    "internship_id": internship.id,
                    "weekday": str(day),
                    "department_id": self.linde.id,
                    "hours": 8,
                }
                for day in (2, 3)
            ]
        )
        self.assertEqual(allowance.amount, 240)
        internship.date_end = date(2025, 11, 28)
        self.assertEqual(allowance.date_end, date(2025, 11, 28))
        internship.write({"vog_reimbursed": True, "vog_reimbursement_amount": 40})
        self.assertEqual(allowance.vog_reimbursement_amount, 40)
        self.assertEqual(len(internship.sudo().allowance_id), 1)

    def test_al1_no_allowance_record_without_allowance(self):
        internship = self.internship_with_days([8], itype=self.type_snuffel)
        internship = internship.with_user(self.user_po)
        internship.action_place()
        self.assertFalse(internship.allowance_id)

    def test_po9_allowance_record_read_by_payroll_and_region_only(self):
        internship = self.internship.with_user(self.user_po)
        internship.action_place()
        allowance = internship.allowance_id
        for user in (self.user_payroll, self.user_po, self.user_admin):
            with self.subTest(user=user.login):
                self.assertEqual(
                    allowance.with_user(user).read(["amount"])[0]["amount"], 120
                )
        for user in (
            self.user_po2,
            self.user_manager,
            self.user_wb,
            self.user_intern,
        ):
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                with self.assertRaises(AccessError):
                    allowance.with_user(user).read(["amount"])
        # Nobody writes, creates or deletes it directly.
        for user in (self.user_payroll, self.user_po, self.user_admin):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    allowance.with_user(user).write({"amount": 1000})
                with self.assertRaises(AccessError):
                    allowance.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    self.env["samenwijs.allowance"].with_user(user).create(
                        {
                            "name": "X",
                            "internship_id": self.internship2.id,
                            "employee_id": self.emp_intern2.id,
                            "company_id": self.company.id,
                            "currency_id": self.env.ref("base.EUR").id,
                        }
                    )
        self.assertEqual(allowance.amount, 120)

    def test_po9_payroll_opens_the_allowances_menu_list_and_form(self):
        internship = self.internship.with_user(self.user_po)
        internship.action_place()
        menu = self.env.ref("samenwijs_stage.samenwijs_allowance_menu")
        internships_menu = self.env.ref("samenwijs_stage.samenwijs_internship_menu")
        Menu = self.env["ir.ui.menu"]
        for user in (self.user_payroll, self.user_admin):
            with self.subTest(user=user.login):
                visible = Menu.with_user(user)._visible_menu_ids()
                self.assertIn(menu.id, visible)
        self.assertNotIn(
            internships_menu.id, Menu.with_user(self.user_payroll)._visible_menu_ids()
        )
        for user in (self.user_po, self.user_wb, self.user_manager, self.user_intern):
            with self.subTest(user=user.login):
                self.assertNotIn(menu.id, Menu.with_user(user)._visible_menu_ids())
        Allowance = self.env["samenwijs.allowance"].with_user(self.user_payroll)
        views = Allowance.get_views(
            [(False, "list"), (False, "form"), (False, "search")]
        )
        names = views["models"]["samenwijs.allowance"]["fields"]
        values = Allowance.browse(internship.allowance_id.id).web_read(
            {name: {} for name in names}
        )[0]
        self.assertEqual(values["amount"], 120)
        self.assertEqual(values["state"], "active")

    # ------------------------------------------------------------------
    # Who reads the allowance on the internship
    # ------------------------------------------------------------------
    def test_al1_allowance_fields_read_only_by_po_and_admin(self):
        fields_ = [
            "allowance_id",
            "allowance_minimum",
            "allowance_amount",
            "allowance_state",
            "allowance_stop_date",
            "vog_reimbursed",
            "vog_reimbursement_amount",
            "can_confirm_allowance_stop",
        ]
        for user in (self.user_po, self.user_admin):
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                values = self.internship.with_user(user).read(fields_)[0]
                self.assertEqual(values["allowance_amount"], 120)
        for user in (self.user_wb, self.user_manager, self.user_intern):
            for field in fields_:
                with self.subTest(user=user.login, field=field):
                    self.env.invalidate_all()
                    # The user reads the internship itself...
                    self.internship.with_user(user).read(["name"])
                    # ...but not its allowance.
                    with self.assertRaises(AccessError):
                        self.internship.with_user(user).read([field])
                    with self.assertRaises(AccessError):
                        self.env["samenwijs.internship"].with_user(user).search(
                            [(field, "!=", False)]
                        )

    # ------------------------------------------------------------------
    # Sane bounds (AL-1, VOG-3)
    # ------------------------------------------------------------------
    def test_al1_vog3_amounts_out_of_bounds_are_refused(self):
        internship = self.internship_with_days([8, 8]).with_user(self.user_po)
        internship.write({"vog_reimbursed": True, "vog_reimbursement_amount": 40})
        for value in (5000.01, 1e300, float("nan"), -1):
            with self.subTest(value=value):
                with self.assertRaisesRegex(ValidationError, "AL-1"):
                    internship.write({"allowance_amount": value})
        for value in (500.01, 1e300, float("nan"), -0.01):
            with self.subTest(value=value):
                with self.assertRaisesRegex(ValidationError, "VOG-3"):
                    internship.write({"vog_reimbursement_amount": value})
        with self.assertRaisesRegex(ValidationError, "AL-1"):
            self.internship_with_days([8], allowance_amount=1e300)
        self.env.invalidate_all()
        self.assertEqual(internship.allowance_amount, 120)
        self.assertEqual(internship.vog_reimbursement_amount, 40)
        # The bounds themselves are allowed.
        internship.write({"allowance_amount": 5000, "vog_reimbursement_amount": 500})
        self.assertEqual(internship.allowance_amount, 5000)

    def test_al1_rates_are_configuration(self):
        rate = self.env.ref("samenwijs_stage.samenwijs_allowance_rate_2024")
        self.assertEqual(
            (rate.amount_day, rate.amount_half_day, rate.amount_cap), (60, 30, 300)
        )
        Rate = self.env["samenwijs.allowance.rate"]
        for user in (self.user_intern, self.user_po, self.user_payroll):
            self.assertIn(rate, Rate.with_user(user).search([]))
            with self.assertRaises(AccessError):
                rate.with_user(user).amount_day = 1
        rate.with_user(self.user_admin).amount_day = 61
        self.assertEqual(rate.amount_day, 61)


@tagged("post_install", "-at_install")
class TestAllowanceInEuros(SamenwijsCase):
    """AL-1: the CAO rates are euros; an agreed allowance above the minimum
    survives a change of the planned days while it is still enough."""

    internship_with_days = TestAllowance.internship_with_days

    def test_al1_allowance_in_euros_whatever_the_company_currency(self):
        usd = self.env.ref("base.USD")
        self.company.currency_id = usd
        internship = self.internship_with_days([8, 8, 8])
        euro = self.env.ref("base.EUR")
        self.assertEqual(internship.currency_id, euro)
        with self.assertRaises(ValidationError) as error:
            internship.allowance_amount = 100
        self.assertIn("€", str(error.exception))
        self.assertNotIn("$", str(error.exception))

    def test_al1_agreed_amount_kept_while_at_least_the_minimum(self):
        internship = self.internship_with_days([8], allowance_amount=200)
        messages = internship.message_ids
        # A second day lifts the minimum to 120: the agreed 200 stays.
        internship.write(
            {
                "schedule_ids": [
                    Command.create(
                        {"weekday": "1", "department_id": self.linde.id, "hours": 8}
                    )
                ]
            }
        )
        self.assertEqual(internship.allowance_minimum, 120)
        self.assertEqual(internship.allowance_amount, 200)
        self.assertFalse(
            (internship.message_ids - messages).filtered(
                lambda m: "raised" in (m.body or "")
            )
        )

    def test_al1_agreed_amount_below_new_minimum_is_raised_and_told(self):
        internship = self.internship_with_days([8], allowance_amount=200)
        # Four days: the minimum is 240, above the agreed 200.
        self.env["samenwijs.internship.schedule"].with_user(self.user_po).create(
            [
                {
                    "internship_id": internship.id,
                    "weekday": str(day),
                    "department_id": self.linde.id,
                    "hours": 8,
                }
                for day in (1, 2, 3)
            ]
        )
        self.assertEqual(internship.allowance_amount, 240)
        notes = internship.message_ids.filtered(lambda m: "raised" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        # The internship's chatter is read by the werkbegeleider and the
        # manager too: it tells no amounts (AL-1).
        self.assertIn("4", notes.body)
        self.assertNotIn("€", notes.body)
        self.assertNotIn("200", notes.body)

    def test_al1_raise_told_with_amounts_on_the_allowance_record_only(self):
        internship = self.internship_with_days([8], allowance_amount=200)
        internship.with_user(self.user_po).action_place()
        allowance = internship.allowance_id
        internship.with_user(self.user_po).write(
            {
                "schedule_ids": [
                    Command.create(
                        {
                            "weekday": str(day),
                            "department_id": self.linde.id,
                            "hours": 8,
                        }
                    )
                    for day in (1, 2, 3)
                ]
            }
        )
        self.assertEqual(allowance.amount, 240)
        notes = allowance.message_ids.filtered(lambda m: "raised" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertIn("€", notes.body)
        self.assertIn("200", notes.body)
        self.assertIn("240", notes.body)
        internship_notes = internship.message_ids.filtered(
            lambda m: "raised" in (m.body or "")
        )
        self.assertEqual(len(internship_notes), 1)
        self.assertNotIn("200", internship_notes.body)
        # The werkbegeleider reads the internship's chatter, not the amounts.
        texts = internship.with_user(self.user_wb).message_ids.mapped("body")
        self.assertFalse([t for t in texts if "200" in str(t) or "240" in str(t)])

    def test_al1_raise_told_once_when_changed_on_the_form(self):
        internship = self.internship_with_days([8], allowance_amount=200)
        internship.with_user(self.user_po).write(
            {
                "schedule_ids": [
                    Command.create(
                        {
                            "weekday": str(day),
                            "department_id": self.linde.id,
                            "hours": 8,
                        }
                    )
                    for day in (1, 2, 3)
                ]
            }
        )
        self.assertEqual(internship.allowance_amount, 240)
        notes = internship.message_ids.filtered(lambda m: "raised" in (m.body or ""))
        self.assertEqual(len(notes), 1)
