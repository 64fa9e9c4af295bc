from odoo import api, fields, models


class SamenwijsIntervisionSession(models.Model):
    """An intervisie evening for werkbegeleiders, organised by a
    praktijkopleider (PO-3); attendance counts for WB-3."""

    _name = "samenwijs.intervision.session"
    _description = "Intervision session"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    date = fields.Datetime(required=True, tracking=True, index=True)
    organiser_id = fields.Many2one(
        "hr.employee",
        required=True,
        tracking=True,
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
    )
    attendee_ids = fields.Many2many(
        "hr.employee",
        "samenwijs_intervision_session_attendee_rel",
        "session_id",
        "employee_id",
        string="Attendees",
        domain="[('is_werkbegeleider', '=', True)]",
    )
    attendee_count = fields.Integer(compute="_compute_attendee_count")
    location = fields.Char()
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Held"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
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

    def action_done(self):
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_plan(self):
        self.write({"state": "planned"})
        return True
