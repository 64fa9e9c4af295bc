from odoo import api, fields, models


class SamenwijsInternship(models.Model):
    """Assignments (WB-P3, ST-5, ST-6) and school meeting invitations (ST-2)
    of the internship: counts for the smart buttons and the lists behind
    them. What each role may do with them is checked by their own models."""

    # One file per concern of the model, on purpose (see models/__init__.py).
    _inherit = "samenwijs.internship"  # pylint: disable=consider-merging-classes-inherited

    assignment_ids = fields.One2many(
        "samenwijs.internship.assignment", "internship_id", string="Assignments"
    )
    invitation_ids = fields.One2many(
        "samenwijs.internship.invitation",
        "internship_id",
        string="School meeting invitations",
    )
    assignment_count = fields.Integer(
        string="Number of assignments", compute="_compute_assignment_counts"
    )
    assignment_late_count = fields.Integer(
        string="Late assignments",
        compute="_compute_assignment_counts",
        help="Handed in after the deadline, or not handed in while the "
        "deadline has passed (ST-5).",
    )
    invitation_count = fields.Integer(
        string="School meetings", compute="_compute_assignment_counts"
    )

    @api.depends(
        "assignment_ids.state",
        "assignment_ids.deadline",
        "assignment_ids.submitted_late",
        "invitation_ids",
    )
    @api.depends_context("uid", "tz")
    def _compute_assignment_counts(self):
        """Counted as the current user: what they may read."""
        Assignment = self.env["samenwijs.internship.assignment"]
        Invitation = self.env["samenwijs.internship.invitation"]
        counts, late, invitations = {}, {}, {}
        if self.ids and Assignment.has_access("read"):
            domain = [("internship_id", "in", self.ids)]
            for internship, count in Assignment._read_group(
                domain, ["internship_id"], ["__count"]
            ):
                counts[internship.id] = count
            for internship, count in Assignment._read_group(
                [*domain, ("is_late", "=", True)], ["internship_id"], ["__count"]
            ):
                late[internship.id] = count
        if self.ids and Invitation.has_access("read"):
            for internship, count in Invitation._read_group(
                [("internship_id", "in", self.ids)], ["internship_id"], ["__count"]
            ):
                invitations[internship.id] = count
        for internship in self:
            internship.assignment_count = counts.get(internship.id, 0)
            internship.assignment_late_count = late.get(internship.id, 0)
            internship.invitation_count = invitations.get(internship.id, 0)

    def action_view_assignments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "samenwijs_stage.samenwijs_internship_assignment_action"
        )
        action["domain"] = [("internship_id", "=", self.id)]
        action["context"] = {"default_internship_id": self.id}
        return action

    def action_view_invitations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "samenwijs_stage.samenwijs_internship_invitation_action"
        )
        action["domain"] = [("internship_id", "=", self.id)]
        action["context"] = {"default_internship_id": self.id}
        return action
