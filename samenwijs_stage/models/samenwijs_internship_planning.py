from odoo import api, fields, models
from odoo.tools import format_date

PLANNING_TEMPLATE = "samenwijs_stage.mail_template_placement_planning"
PLANNING_ACTIVITY = "samenwijs_stage.mail_activity_type_placement_planning"


class SamenwijsInternship(models.Model):
    """Placement planning (PO-P1): placing an internship passes the final
    planning (intern, period, planned days, location, school contact) to the
    werkbegeleider, as a mail to their work contact and a task for their
    user.

    Placing many internships at once sends one mail per internship, made in
    batches by the template (``send_mail_batch``), one note per internship
    logged in one go, and the tasks scheduled per werkbegeleider.
    """

    # One file per concern of the model, on purpose (see models/__init__.py).
    _inherit = "samenwijs.internship"  # pylint: disable=consider-merging-classes-inherited

    placement_days = fields.Char(
        string="Planned days",
        compute="_compute_placement_days",
        help="The planned days of the weekly schedule, with location and hours.",
    )

    @api.depends("schedule_ids.weekday", "schedule_ids.hours")
    @api.depends_context("lang")
    def _compute_placement_days(self):
        Schedule = self.env["samenwijs.internship.schedule"]
        labels = dict(Schedule._fields["weekday"]._description_selection(self.env))
        for internship in self:
            internship.placement_days = ", ".join(
                f"{labels.get(line.weekday, '')} {line.hours:g} h"
                f" ({line.department_id.name or ''})"
                for line in internship.schedule_ids
            )

    def action_place(self):
        """PO-P1: the werkbegeleider receives the final placement planning."""
        to_place = self.filtered(lambda i: i.state in ("draft", "application"))
        res = super().action_place()
        to_place._send_placement_planning()
        return res

    def _send_placement_planning(self):
        """One mail per placed internship to its werkbegeleider's work
        contact, a note on each internship and a task for each
        werkbegeleider who has a user. Called after ``action_place``
        checked the user's right to place these internships."""
        # sudo: the werkbegeleiders' contacts and users are HR data, read
        # only to address the mail and the task; the caller placed these
        # internships, so may inform their werkbegeleiders.
        internships = self.sudo().filtered("werkbegeleider_id.work_contact_id")
        if not internships:
            return
        template = self.env.ref(PLANNING_TEMPLATE)
        # sudo: the template renders as the praktijkopleider would see the
        # internship; the mails are queued, not sent here.
        template.sudo().send_mail_batch(internships.ids)
        internships._message_log_batch(
            {
                internship.id: self.env._(
                    "Placement planning sent to werkbegeleider %(name)s "
                    "(%(start)s - %(end)s).",
                    name=internship.werkbegeleider_id.name,
                    start=format_date(self.env, internship.date_start),
                    end=format_date(self.env, internship.date_end),
                )
                for internship in internships
            }
        )
        # One batch of tasks, as activity_schedule makes them, each for the
        # user of the internship's werkbegeleider.
        activity_type = self.env.ref(PLANNING_ACTIVITY)
        model_id = self.env["ir.model"]._get(self._name).id
        deadline = fields.Date.context_today(self)
        # sudo (from above): the tasks are the werkbegeleiders', on the
        # internships they supervise.
        # The planning mail is the werkbegeleider's notice: no second mail
        # per task (mail_activity_quick_update skips the assignment mail).
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(
            [
                {
                    "activity_type_id": activity_type.id,
                    "summary": activity_type.summary,
                    "automated": True,
                    "date_deadline": deadline,
                    "res_model_id": model_id,
                    "res_id": internship.id,
                    "user_id": internship.werkbegeleider_id.user_id.id,
                }
                for internship in internships
                if internship.werkbegeleider_id.user_id
            ]
        )
