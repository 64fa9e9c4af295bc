from odoo import api, fields, models

from .samenwijs_internship import PRAKTIJKOPLEIDER
from .samenwijs_internship_capacity import PLACED_STATES


class SamenwijsInternship(models.Model):
    """Placing within the places of the location (RS-1, PO-2).

    An internship is placed only while its location has an open place for
    its type in its school year (``samenwijs.internship.capacity``). A
    location without any places set for that school year is not limited:
    its manager has not set them yet, and placing works as before. Once the
    manager has set places for the school year, a type without a row has no
    places. The praktijkopleider may place beyond the places, in
    consultation with the manager, by ticking ``capacity_override``;
    placing that way leaves a note in the chatter that says who did it.
    """

    # One file per concern of the model, on purpose (see models/__init__.py).
    _inherit = "samenwijs.internship"  # pylint: disable=consider-merging-classes-inherited

    capacity_override = fields.Boolean(
        string="Place beyond the places",
        tracking=True,
        copy=False,
        help="PO-2: the praktijkopleider places this internship even when the "
        "location has no open place for its type in this school year, after "
        "consulting the location manager. The chatter records who did.",
    )

    @api.model
    def _role_writable_fields(self):
        fields_by_role = super()._role_writable_fields()
        fields_by_role[PRAKTIJKOPLEIDER] |= {"capacity_override"}
        return fields_by_role

    def _place_problems(self):
        problems = super()._place_problems()
        for internship, shortage in self._capacity_shortages().items():
            if not internship.capacity_override:
                problems.append(
                    self.env._(
                        "%(shortage)s Internship %(name)s cannot be placed unless "
                        "the praktijkopleider places it beyond the places (RS-1, "
                        "PO-2).",
                        shortage=shortage,
                        name=internship.display_name,
                    )
                )
        return problems

    def action_place(self):
        """PO-2: placing beyond the places, allowed by the override, is
        written in the chatter with who placed."""
        self._check_workflow_rights()
        overridden = {
            internship: shortage
            for internship, shortage in self._capacity_shortages().items()
            if internship.capacity_override
        }
        result = super().action_place()
        for internship, shortage in overridden.items():
            internship.message_post(
                body=self.env._(
                    "Placed beyond the places by %(user)s (PO-2). %(shortage)s",
                    user=self.env.user.name,
                    shortage=shortage,
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return result

    def _capacity_shortages(self):
        """{internship: the places and how many are taken} for the
        internships of ``self`` that would exceed the places of their
        location, type and school year; internships placed together count
        against each other, in the order of ``self``."""
        # sudo: the places and the placed internships of the locations
        # decide; only numbers are read. The calling action checked the
        # user's right to these internships.
        internships = self.sudo().filtered(
            lambda i: i.school_year and i.department_id and i.internship_type_id
        )
        if not internships:
            return {}
        keys = {
            internship: (
                internship.school_year,
                internship.department_id.id,
                internship.internship_type_id.id,
            )
            for internship in internships
        }
        places, limited = self.env["samenwijs.internship.capacity"]._placement_limits(
            keys.values()
        )
        keys = {
            internship: key
            for internship, key in keys.items()
            if key[:2] in limited and internship.state not in PLACED_STATES
        }
        if not keys:
            return {}
        groups = self.sudo()._read_group(
            [
                ("school_year", "in", list({key[0] for key in keys.values()})),
                ("department_id", "in", list({key[1] for key in keys.values()})),
                ("state", "in", PLACED_STATES),
            ],
            ["school_year", "department_id", "internship_type_id"],
            ["__count"],
        )
        placed = {
            (year, department.id, itype.id): count
            for year, department, itype, count in groups
        }
        shortages = {}
        for internship, key in keys.items():
            available = places.get(key, 0)
            taken = placed.get(key, 0)
            placed[key] = taken + 1
            if taken < available:
                continue
            shortages[self.browse(internship.id)] = self.env._(
                "%(location)s has %(places)s places for %(type)s in %(year)s, "
                "%(placed)s of them taken.",
                location=internship.department_id.display_name,
                places=available,
                type=internship.internship_type_id.display_name,
                year=internship.school_year,
                placed=taken,
            )
        return shortages
