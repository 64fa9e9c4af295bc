from odoo import fields, models


class SamenwijsEvaluationCriterion(models.Model):
    """A criterion of an evaluation form (PO-7); for the competence scan a
    work process of the qualification (kwalificatiedossier)."""

    _name = "samenwijs.evaluation.criterion"
    _inherit = ["samenwijs.value.mixin"]
    _description = "Evaluation criterion"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "samenwijs.evaluation.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    code = fields.Char(help="E.g. the code of the work process in the qualification.")
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
