from odoo import fields, models

KINDS = [
    ("first", "First evaluation"),
    ("conversation", "Learning conversation"),
    ("school", "School meeting"),
    ("scan", "Competence scan"),
    ("final", "Final assessment"),
]


class SamenwijsEvaluationTemplate(models.Model):
    """One shared form per kind of evaluation for every intern (PO-7): the
    criteria each evaluation of that kind rates. An evaluation copies the
    criteria when it is made, so changing the form later does not change
    evaluations already held or signed."""

    _name = "samenwijs.evaluation.template"
    _inherit = ["samenwijs.value.mixin"]
    _description = "Evaluation form"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(KINDS, required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    criterion_ids = fields.One2many(
        "samenwijs.evaluation.criterion", "template_id", string="Criteria", copy=True
    )
    description = fields.Html(translate=True)
