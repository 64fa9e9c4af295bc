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
        as_payroll = self.internship.with_user(self.user_payroll)
        values = as_payroll.read(
            [
                "employee_id",
                "allowance_amount",
                "allowance_state",
                "allowance_stop_date",
                "vog_reimbursed",
                "vog_reimbursement_amount",
            ]
        )[0]
        self.assertEqual(values["employee_id"][1], "Sanne Jansen")
        self.assertEqual(values["allowance_amount"], 120)
        self.assertTrue(values["vog_reimbursed"])
        self.assertEqual(values["vog_reimbursement_amount"], 41.35)
        # Payroll gets the reimbursement, not the VOG copy.
        with self.assertRaises(AccessError):
            as_payroll.read(["vog_file"])
        with self.assertRaises(AccessError):
            as_payroll.vog_reimbursement_amount = 50

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
        self.assertIn("€", notes.body)
        self.assertIn("200", notes.body)
        self.assertIn("240", notes.body)

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
