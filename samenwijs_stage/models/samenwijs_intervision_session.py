from odoo import api, fields, models
from odoo.exceptions import AccessError

from .value_checks import check_exists, check_values, ensure_states


class SamenwijsIntervisionSession(models.Model):
    """An intervisie evening for werkbegeleiders, organised by a
    praktijkopleider (PO-3); attendance counts for WB-3."""

    _name = "samenwijs.intervision.session"
    _description = "Intervision session"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True, tracking=True)
    date = fields.Datetime(required=True, tracking=True, index=True)
    organiser_id = fields.Many2one(
        "hr.employee",
        required=True,
        tracking=True,
        check_company=True,
        domain="[('is_praktijkopleider', '=', True)]",
        default=lambda self: self.env.user.employee_id,
        help="The praktijkopleider who organises the session (PO-3).",
    )
    region_id = fields.Many2one(
        "hr.department",
        compute="_compute_region_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
    )
    attendee_ids = fields.Many2many(
        "hr.employee",
        "samenwijs_intervision_session_attendee_rel",
        "session_id",
        "employee_id",
        string="Attendees",
        check_company=True,
        domain="[('is_werkbegeleider', '=', True)]",
    )
    attendee_count = fields.Integer(compute="_compute_attendee_count")
    location = fields.Char()
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Held"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
    )
    notes = fields.Html()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.depends("organiser_id")
    def _compute_region_id(self):
        """The region whose praktijkopleider organises the session: one
        search for the organisers of all sessions."""
        organisers = self.organiser_id._origin
        region_by_organiser = {}
        if organisers:
            regions = self.env["hr.department"].search(
                [("praktijkopleider_own_id", "in", organisers.ids)]
            )
            for region in regions:
                # In the departments' order, like a search with limit=1 per
                # organiser.
                region_by_organiser.setdefault(
                    region.praktijkopleider_own_id.id, region
                )
        for session in self:
            session.region_id = region_by_organiser.get(
                session.organiser_id._origin.id, False
            )

    @api.depends("attendee_ids")
    def _compute_attendee_count(self):
        for session in self:
            session.attendee_count = len(session.attendee_ids)

    @api.constrains("date")
    def _check_date(self):
        for session in self:
            # An evening between 2000 and 2100, like an internship.
            check_values(self, {"date": session.date})

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_written_fields(vals)
            check_values(self, vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_written_fields(vals)
        check_values(self, vals)
        return super().write(vals)

    @api.model
    def _check_written_fields(self, vals):
        """Computed fields and the status are written by nobody: the status
        changes through the actions."""
        if self.env.su:
            return
        computed = [
            self._fields[name].get_description(self.env)["string"]
            for name in vals
            if name in self._fields
            and self._fields[name].compute
            and self._fields[name].readonly
        ]
        if computed:
            raise AccessError(
                self.env._(
                    "%(fields)s of an intervision session is computed and cannot "
                    "be changed.",
                    fields=", ".join(computed),
                )
            )
        if "state" in vals:
            raise AccessError(
                self.env._(
                    "The status of an intervision session changes only through "
                    "its buttons Mark as held, Cancel and Plan again."
                )
            )

    def _move_to(self, from_states, state, action):
        """Move the sessions to ``state``, after checking they exist, the
        user may change them and they are in one of ``from_states``."""
        check_exists(self)
        self.check_access("write")
        ensure_states(self, from_states, action)
        # sudo: the status is written only here, after the checks above.
        self.sudo().write({"state": state})
        return True

    def action_done(self):
        return self._move_to({"planned"}, "done", self.env._("Marking as held"))

    def action_cancel(self):
        return self._move_to({"planned"}, "cancelled", self.env._("Cancelling"))

    def action_plan(self):
        return self._move_to({"cancelled"}, "planned", self.env._("Planning again"))
