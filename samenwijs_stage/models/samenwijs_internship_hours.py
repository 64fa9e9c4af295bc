from datetime import timedelta

from odoo import api, fields, models

from .value_checks import BREAK_AFTER_HOURS

DEFAULT_START = 8.5


class SamenwijsInternship(models.Model):
    """Hours (HR-1, WB-P4): the lines the intern registers and the
    werkbegeleider signs, their totals and the progress against the planned
    BPV hours. Unsigned lines keep an internship from finishing; termination
    removes the unsigned lines after its date."""

    # One file per concern of the model, on purpose (see models/__init__.py).
    _inherit = "samenwijs.internship"  # pylint: disable=consider-merging-classes-inherited

    hour_ids = fields.One2many(
        "samenwijs.internship.hour", "internship_id", string="Hours"
    )
    hours_registered = fields.Float(
        string="Hours registered",
        compute="_compute_hour_totals",
        store=True,
        help="All registered hours, signed or not.",
    )
    hours_signed = fields.Float(
        string="Hours signed",
        compute="_compute_hour_totals",
        store=True,
        help="Hours signed by the werkbegeleider (HR-1).",
    )
    hours_to_sign = fields.Float(
        string="Hours to sign", compute="_compute_hour_totals", store=True
    )
    bpv_hours = fields.Float(
        string="Planned BPV hours",
        compute="_compute_bpv_hours",
        store=True,
        help="The hour norm of the internship type; without one, the hours "
        "of the weekly schedule over the whole period.",
    )
    hours_progress = fields.Float(
        string="Progress", compute="_compute_hours_progress", store=True
    )
    hours_this_week = fields.Float(compute="_compute_hours_recent")
    hours_this_month = fields.Float(compute="_compute_hours_recent")

    @api.depends("hour_ids.hours", "hour_ids.state")
    def _compute_hour_totals(self):
        totals = {
            (internship.id, state): hours
            for internship, state, hours in self.env[
                "samenwijs.internship.hour"
            ]._read_group(
                [("internship_id", "in", self.ids)],
                ["internship_id", "state"],
                ["hours:sum"],
            )
        }
        for internship in self:
            signed = totals.get((internship.id, "approved"), 0.0)
            submitted = totals.get((internship.id, "submitted"), 0.0)
            draft = totals.get((internship.id, "draft"), 0.0)
            internship.hours_signed = signed
            internship.hours_to_sign = submitted
            internship.hours_registered = signed + submitted + draft

    @api.depends(
        "internship_type_id.bpv_hours",
        "schedule_ids.hours",
        "schedule_ids.weekday",
        "date_start",
        "date_end",
    )
    def _compute_bpv_hours(self):
        for internship in self:
            internship.bpv_hours = (
                internship.internship_type_id.bpv_hours
                or internship.planned_hours_total
            )

    @api.depends("hours_signed", "bpv_hours")
    def _compute_hours_progress(self):
        for internship in self:
            internship.hours_progress = (
                min(100.0 * internship.hours_signed / internship.bpv_hours, 999.0)
                if internship.bpv_hours
                else 0.0
            )

    @api.depends("hour_ids.hours", "hour_ids.date")
    @api.depends_context("tz")
    def _compute_hours_recent(self):
        today = fields.Date.context_today(self)
        week_start = today - timedelta(days=today.weekday())
        month_start = today.replace(day=1)
        for internship in self:
            internship.hours_this_week = sum(
                line.hours for line in internship.hour_ids if line.date >= week_start
            )
            internship.hours_this_month = sum(
                line.hours for line in internship.hour_ids if line.date >= month_start
            )

    def _hour_locations(self):
        """The locations an intern registers hours at: those of the weekly
        schedule and the main location."""
        return self.schedule_ids.department_id | self.department_id

    def _hours_from_schedule(self, day):
        """Draft lines for the planned days of ``day``'s week up to ``day``
        that have no line yet; returns them."""
        week_start = day - timedelta(days=day.weekday())
        Hour = self.env["samenwijs.internship.hour"]
        registered = {
            (line.internship_id.id, line.date)
            for line in Hour.search(
                [("internship_id", "in", self.ids), ("date", ">=", week_start)]
            )
        }
        vals_list = []
        for internship in self:
            for planned in internship.schedule_ids:
                date = week_start + timedelta(days=int(planned.weekday))
                if (
                    date > day
                    or (internship.date_start and date < internship.date_start)
                    or (internship.date_end and date > internship.date_end)
                    or (internship.id, date) in registered
                ):
                    continue
                registered.add((internship.id, date))
                vals_list.append(internship._hour_values_from(planned, date))
        return Hour.create(vals_list)

    def _hour_values_from(self, planned, date):
        """The line of a planned schedule day."""
        break_hours = 0.5 if planned.hours > BREAK_AFTER_HOURS else 0.0
        start = planned.time_start if "time_start" in planned._fields else False
        start = start or DEFAULT_START
        return {
            "internship_id": self.id,
            "date": date,
            "department_id": planned.department_id.id,
            "time_start": start,
            "time_end": min(start + planned.hours + break_hours, 24.0),
            "break_hours": break_hours,
        }

    def _done_problems(self):
        """HR-1: an internship finishes when all its hours are signed."""
        problems = super()._done_problems()
        Hour = self.env["samenwijs.internship.hour"]
        # sudo: counts the unsigned lines; only their number is said.
        unsigned = dict(
            Hour.sudo()._read_group(
                [("internship_id", "in", self.ids), ("state", "!=", "approved")],
                ["internship_id"],
                ["__count"],
            )
        )
        for internship, count in unsigned.items():
            problems.append(
                self.env._(
                    "Internship %(name)s still has %(count)s unsigned hour lines: "
                    "the werkbegeleider signs them before it can finish (HR-1).",
                    name=internship.display_name,
                    count=count,
                )
            )
        return problems

    def _cancel_after_termination(self, date):
        """TM-1: unsigned hours after the termination date are removed and
        said in the chatter."""
        cancelled = super()._cancel_after_termination(date)
        Hour = self.env["samenwijs.internship.hour"]
        # sudo: the termination was checked by the wizard; the lines after
        # its date cannot stand on a terminated internship.
        lines = Hour.sudo().search(
            [
                ("internship_id", "in", self.ids),
                ("date", ">", date),
                ("state", "!=", "approved"),
            ]
        )
        for line in lines:
            cancelled[line.internship_id.with_env(self.env)].append(
                self.env._("Hours %(line)s", line=line.display_name)
            )
        lines.unlink()
        return cancelled

    def action_view_hours(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "samenwijs_stage.samenwijs_internship_hour_action"
        )
        action["domain"] = [("internship_id", "=", self.id)]
        action["context"] = {
            "default_internship_id": self.id,
            "search_default_group_week": 1,
        }
        return action
