from collections import defaultdict

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

SCHOOL_COORDINATION_ACTIVITY = "samenwijs_stage.mail_activity_type_school_coordination"
PERSONENREGISTER_END_ACTIVITY = (
    "samenwijs_stage.mail_activity_type_personenregister_end"
)


class SamenwijsInternship(models.Model):
    """Early termination (TM-1, PO-9): the reason and the date, the tasks it
    makes moot, the tasks it leaves for the praktijkopleider (school,
    Personenregister) and the stop of the allowance by payroll. The
    termination wizard is the only way in."""

    # One file per concern of the model, on purpose (see models/__init__.py).
    _inherit = "samenwijs.internship"  # pylint: disable=consider-merging-classes-inherited

    termination_date = fields.Date(copy=False, tracking=True, readonly=True)
    termination_reason_id = fields.Many2one(
        "samenwijs.termination.reason",
        copy=False,
        tracking=True,
        readonly=True,
        groups="samenwijs_stage.group_intern",
    )
    termination_note = fields.Text(
        copy=False, readonly=True, groups="samenwijs_stage.group_intern"
    )

    def _termination_problems(self, date):
        """Why these internships cannot be terminated on ``date``: one
        sentence per internship that cannot."""
        problems = []
        for internship in self:
            problem = internship._termination_problem(date)
            if problem:
                problems.append(problem)
        return problems

    def _termination_problem(self, date):
        self.ensure_one()
        name = self.display_name
        if self.state == "terminated":
            return self.env._("Internship %(name)s is already terminated.", name=name)
        if self.state not in ("placed", "running"):
            states = dict(self._fields["state"]._description_selection(self.env))
            return self.env._(
                "Only a placed or running internship can be terminated; "
                "%(name)s is %(state)s.",
                name=name,
                state=states[self.state].lower(),
            )
        if not date:
            return self.env._(
                "Choose the termination date of internship %(name)s.", name=name
            )
        if self.date_start and date < self.date_start:
            return self.env._(
                "Internship %(name)s cannot be terminated on %(date)s: it "
                "starts on %(start)s.",
                name=name,
                date=format_date(self.env, date),
                start=format_date(self.env, self.date_start),
            )
        if self.date_end and date > self.date_end:
            return self.env._(
                "Internship %(name)s ends on %(end)s, before %(date)s: "
                "finish it instead of terminating it.",
                name=name,
                end=format_date(self.env, self.date_end),
                date=format_date(self.env, date),
            )
        return False

    def _needs_school_coordination(self):
        """TM-1: when a BOL (mbo) intern stops early, the praktijkopleider
        coordinates with the school."""
        self.ensure_one()
        return self.internship_type_id.education_level == "mbo"

    def _needs_personenregister_end(self):
        """The koppeling in the Personenregister Kinderopvang ends with the
        internship."""
        self.ensure_one()
        # sudo: only whether a koppeling exists decides; nothing is shown.
        return bool(
            self.personenregister_needed or self.sudo().personenregister_koppeling_date
        )

    def _terminate(self, date, reason, note=False):
        """TM-1: end the internships early on ``date``. The open tasks become
        moot; the praktijkopleider gets the tasks for the school and the
        Personenregister. The allowance concern adds the stop by payroll
        (PO-9)."""
        self._check_workflow_rights()
        self._raise_problems(self._termination_problems(date))
        if not reason:
            raise UserError(self.env._("Choose the reason of the termination."))
        cancelled = self._cancel_after_termination(date)
        self._set_state(
            {
                "state": "terminated",
                "date_end": date,
                "termination_date": date,
                "termination_reason_id": reason.id,
                "termination_note": note or False,
            }
        )
        for internship in self:
            internship._post_termination(reason, note, cancelled[internship])
        self._schedule_termination_activities()
        return True

    def _post_termination(self, reason, note, cancelled):
        self.ensure_one()
        lines = [
            self.env._(
                "Internship terminated on %(date)s. Reason: %(reason)s.",
                date=format_date(self.env, self.termination_date),
                reason=reason.name,
            )
        ]
        if note:
            lines.append(note)
        if cancelled:
            lines.append(
                self.env._(
                    "Cancelled open tasks: %(tasks)s.", tasks=", ".join(cancelled)
                )
            )
        self.message_post(
            body=Markup("<br/>").join(lines), subtype_xmlid="mail.mt_note"
        )

    def _cancel_after_termination(self, date):
        """Cancel what the termination on ``date`` makes moot: the open
        tasks of the internships. Returns per internship the descriptions of
        what was cancelled, for the chatter. Later concerns (planned
        conversations, unsigned hours after ``date``) extend this method."""
        cancelled = defaultdict(list)
        activities = self.activity_ids
        for activity in activities:
            internship = self.browse(activity.res_id)
            cancelled[internship].append(
                self.env._(
                    "%(task)s (%(user)s)",
                    task=activity.summary or activity.activity_type_id.name,
                    user=activity.user_id.name,
                )
            )
        activities.unlink()
        return cancelled

    def _schedule_termination_activities(self):
        today = fields.Date.context_today(self)
        for internship in self:
            praktijkopleider = internship.praktijkopleider_id.user_id or self.env.user
            intern = internship.employee_id.name
            if internship._needs_school_coordination():
                internship.activity_schedule(
                    SCHOOL_COORDINATION_ACTIVITY,
                    date_deadline=today,
                    user_id=praktijkopleider.id,
                    note=Markup("<p>%s</p>")
                    % self.env._(
                        "%(intern)s stopped early: inform %(school)s and settle the "
                        "BPV agreement and the school's administration (TM-1).",
                        intern=intern,
                        school=internship.school_id.name or self.env._("the school"),
                    ),
                )
            if internship._needs_personenregister_end():
                internship.activity_schedule(
                    PERSONENREGISTER_END_ACTIVITY,
                    date_deadline=today,
                    user_id=praktijkopleider.id,
                    note=Markup("<p>%s</p>")
                    % self.env._(
                        "End the koppeling of %(intern)s with Samenwijs in the "
                        "Personenregister Kinderopvang from %(date)s.",
                        intern=intern,
                        date=format_date(self.env, internship.termination_date),
                    ),
                )
