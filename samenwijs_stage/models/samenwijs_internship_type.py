from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .value_checks import STUDY_YEAR_LAST, check_values


class SamenwijsInternshipType(models.Model):
    """Kinds of internship (BOL PW3, BOL GPM4, HBO, snuffelstage,
    maatschappelijke stage) and what each requires."""

    _name = "samenwijs.internship.type"
    _inherit = ["samenwijs.value.mixin"]
    _description = "Internship type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    education_level = fields.Selection(
        [("vo", "Secondary school"), ("mbo", "MBO"), ("hbo", "HBO")],
        required=True,
        default="mbo",
    )
    study_years = fields.Integer(
        string="Study years",
        default=1,
        help="Length of the programme; the last study year decides the "
        "supervision of GPM4 interns (BG-2).",
    )
    care_tasks = fields.Boolean(
        default=True,
        help="Interns of this type take part in care tasks. Snuffelstages and "
        "maatschappelijke stages are block internships without care tasks (RS-6).",
    )
    block_internship = fields.Boolean(
        help="The intern joins the groups for a short block (RS-6)."
    )
    vog_required = fields.Boolean(
        string="VOG required",
        default=True,
        help="A certificate of conduct is needed before the start (VOG-1).",
    )
    personenregister_required = fields.Boolean(
        string="Personenregister required",
        default=True,
        help="Registration in the Personenregister Kinderopvang and a "
        "koppeling with Samenwijs are needed before the start (VOG-2).",
    )
    personenregister_short_exempt = fields.Boolean(
        string="No Personenregister for short internships",
        help="An internship of at most 2 weeks and 60 hours needs no "
        "Personenregister registration (Dutch rule for snuffel- and "
        "maatschappelijke stages).",
    )
    allowance = fields.Boolean(
        string="Internship allowance",
        default=True,
        help="Interns of this type receive the stagevergoeding of the CAO "
        "Kinderopvang (AL-1).",
    )
    supervision_rule = fields.Selection(
        [
            ("pedagogisch_medewerker", "By a pedagogisch medewerker (BG-1)"),
            (
                "gpm4",
                "Pedagogisch medewerker; last year manager or specialist (BG-2)",
            ),
            ("hbo", "Year 1 MBO or HBO background; later HBO (BG-3)"),
            ("any", "Any eligible werkbegeleider"),
        ],
        required=True,
        default="any",
    )
    bpv_hours = fields.Float(
        string="BPV hours norm",
        help="The hours of practice (BPV) an internship of this type plans, "
        "e.g. per study year of a BOL programme. Empty: the hours of the "
        "internship's weekly schedule over its period.",
    )
    description = fields.Html(translate=True)
    activity_plan_id = fields.Many2one(
        "mail.activity.plan",
        string="Onboarding plan",
        domain="[('res_model', '=', 'samenwijs.internship')]",
        help="Activities planned when an internship of this type is placed. "
        "Empty: the default onboarding plan.",
    )

    _code_unique = models.Constraint(
        "unique (code)", "The code of an internship type must be unique."
    )

    @api.constrains("study_years", "bpv_hours")
    def _check_study_years(self):
        bounds = self._value_bounds()
        for itype in self:
            check_values(self, {name: itype[name] for name in bounds}, bounds)

    @api.model
    def _value_bounds(self):
        return {"study_years": (1, STUDY_YEAR_LAST), "bpv_hours": (0.0, 10000.0)}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_code_free(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_code_free(vals)
        return super().write(vals)

    def _check_code_free(self, vals):
        """Say which code is taken, before the database refuses it."""
        code = vals.get("code")
        if code and self.with_context(active_test=False).search_count(
            [("code", "=", code), ("id", "not in", self.ids)], limit=1
        ):
            raise ValidationError(
                self.env._(
                    "There is already an internship type with code %(code)s.",
                    code=code,
                )
            )
