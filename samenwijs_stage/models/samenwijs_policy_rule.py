from odoo import api, fields, models

# The roles a rule can concern: the groups of Internships and Internship
# allowance.
ROLE_PRIVILEGES = (
    "samenwijs_stage.res_groups_privilege_stage",
    "samenwijs_stage.res_groups_privilege_stage_payroll",
)


class SamenwijsPolicyRule(models.Model):
    """A rule of the internship policy (the stagewerkboek) with its ID, in the
    organisation's own Dutch words, and where the app enforces it. Error
    messages and help texts cite these IDs, e.g. "(WB-3)"."""

    _name = "samenwijs.policy.rule"
    _inherit = ["samenwijs.value.mixin"]
    _description = "Policy rule"
    _order = "sequence, id"
    _rec_names_search = ["code", "name"]

    code = fields.Char(
        required=True,
        help="The rule's ID as error messages and help texts cite it, e.g. WB-3.",
    )
    # Title and text are the organisation's own Dutch words, stored as such.
    name = fields.Char(string="Title", required=True)
    text = fields.Text(
        string="Rule text",
        help="The rule in the words of the stagewerkboek.",
    )
    section = fields.Selection(
        [
            ("1", "1 Roles"),
            ("2.1", "2.1 Recruitment, selection and admission"),
            ("2.2", "2.2 VOG and Personenregister"),
            ("2.3", "2.3 Facilities"),
            ("3", "3 Practice"),
        ],
        required=True,
        help="The section of the stagewerkboek the rule comes from.",
    )
    role_ids = fields.Many2many(
        "res.groups",
        string="Roles",
        domain=lambda self: self._role_domain(),
        help="The roles the rule concerns.",
    )
    enforcement = fields.Text(
        string="In the app",
        help="Where and how the app enforces or supports the rule.",
    )
    enforced = fields.Boolean(
        string="Enforced in the app",
        help="The app checks or automates the rule today.",
    )
    info_only = fields.Boolean(
        string="Informative",
        help="The rule cannot be enforced by software; it is shown as explanation.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint(
        "UNIQUE (code)", "A policy rule with this code already exists."
    )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for rule in self:
            rule.display_name = (
                f"{rule.code} \N{EN DASH} {rule.name}" if rule.code else rule.name
            )

    @api.model
    def _role_domain(self):
        """The groups of Internships and Internship allowance."""
        privileges = [
            self.env.ref(xmlid, raise_if_not_found=False) for xmlid in ROLE_PRIVILEGES
        ]
        return [("privilege_id", "in", [p.id for p in privileges if p])]
