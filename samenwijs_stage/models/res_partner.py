from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

ADMIN = "samenwijs_stage.group_admin"
PRAKTIJKOPLEIDER = "samenwijs_stage.group_praktijkopleider"
CAPACITY = "samenwijs.internship.capacity"
OFFER_TEMPLATE = "samenwijs_stage.mail_template_internship_offer"
# The school data that only a praktijkopleider or the internship
# administrator changes (RS-2).
SCHOOL_FIELDS = {"is_samenwijs_school", "samenwijs_programme_ids"}


def next_school_year(day):
    """The school year that starts on the first 1 August after ``day``,
    e.g. "2026-2027" for any day from August 2025 to July 2026."""
    first = day.year + 1 if day.month >= 8 else day.year
    return f"{first}-{first + 1}"


class ResPartner(models.Model):
    """Schools (RS-2): companies marked as school, with the internship
    programmes they offer. Their contacts are the school's supervisors
    (onderwijsbegeleider / SLB-er). In April the praktijkopleider sends each
    school the open internship places that fit its programmes."""

    _inherit = "res.partner"

    is_samenwijs_school = fields.Boolean(
        string="School for internships",
        help="A school that sends interns; it receives the open internship "
        "places that fit its programmes (RS-2).",
    )
    samenwijs_programme_ids = fields.Many2many(
        "samenwijs.internship.type",
        "res_partner_samenwijs_internship_type_rel",
        "partner_id",
        "type_id",
        string="Internship programmes",
        help="The programmes of the school whose students do an internship "
        "here, e.g. BOL PW3, BOL GPM4, HBO.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get(name) for vals in vals_list for name in SCHOOL_FIELDS):
            self._check_school_rights()
        return super().create(vals_list)

    def write(self, vals):
        if SCHOOL_FIELDS & vals.keys():
            self._check_school_rights()
        return super().write(vals)

    @api.model
    def _check_school_rights(self):
        """RS-2: only a praktijkopleider or the internship administrator
        marks a school and sets its programmes."""
        if self.env.su or self.env.user.has_group(PRAKTIJKOPLEIDER):
            return
        raise AccessError(
            self.env._(
                "Only a praktijkopleider can mark a school or change its "
                "internship programmes."
            )
        )

    # ------------------------------------------------------------------
    # Offers to schools (RS-2)
    # ------------------------------------------------------------------
    def _samenwijs_offer_school_year(self):
        return self.env.context.get("samenwijs_school_year") or next_school_year(
            fields.Date.context_today(self)
        )

    def _samenwijs_offer_lines(self):
        """RS-2: the open places of the school year that fit the school's
        programmes, as the sender may read them: one dict per location and
        type, with the location, the type and the number of open places."""
        self.ensure_one()
        if CAPACITY not in self.env or not self.samenwijs_programme_ids:
            return []
        Capacity = self.env[CAPACITY]
        # The open places of a location and type, by the capacity model's
        # name for them.
        open_field = next(
            (
                name
                for name in ("places_open", "open_places")
                if name in Capacity._fields
            ),
            None,
        )
        if not open_field:
            return []
        capacities = Capacity.search(
            [
                ("school_year", "=", self._samenwijs_offer_school_year()),
                ("internship_type_id", "in", self.samenwijs_programme_ids.ids),
            ]
        )
        lines = [
            {
                "location": capacity.department_id.display_name,
                "type": capacity.internship_type_id.display_name,
                "places": capacity[open_field],
            }
            for capacity in capacities
            if capacity[open_field] > 0
        ]
        return sorted(lines, key=lambda line: (line["location"], line["type"]))

    def action_send_internship_offers(self):
        """RS-2: send each school the open places that fit its programmes;
        the mail is kept in the school's chatter."""
        if not (self.env.su or self.env.user.has_group(PRAKTIJKOPLEIDER)):
            raise AccessError(
                self.env._(
                    "Only a praktijkopleider sends internship places to schools."
                )
            )
        schools = self.filtered("is_samenwijs_school")
        if not schools or schools != self:
            raise UserError(
                self.env._(
                    "Internship places are sent only to schools: mark the "
                    "companies as school first."
                )
            )
        missing = schools.filtered(lambda school: not school.email)
        if missing:
            raise UserError(
                self.env._(
                    "These schools have no email address: %(schools)s.",
                    schools=", ".join(missing.mapped("display_name")),
                )
            )
        # RS-2: the template attaches the overview of the places as PDF
        # (its report), in the school's language.
        template = self.env.ref(OFFER_TEMPLATE)
        for school in schools:
            school.message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=school.ids,
            )
        return True
