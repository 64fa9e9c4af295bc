from odoo import api, fields, models

from .value_checks import check_exists, check_values_list

RATINGS = [
    ("nooit", "Never"),
    ("oefenen", "Practising"),
    ("voldoende", "Sufficient"),
    ("goed", "Good"),
]


class SamenwijsInternshipEvaluationLine(models.Model):
    """One criterion of an evaluation and its rating on the one scale schools
    use (PO-7). Copied from the form when the evaluation is made; changed
    only through the evaluation, by who may change it."""

    _name = "samenwijs.internship.evaluation.line"
    _description = "Evaluation rating"
    _order = "evaluation_id, sequence, id"

    evaluation_id = fields.Many2one(
        "samenwijs.internship.evaluation",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    code = fields.Char()
    name = fields.Char(string="Criterion", required=True)
    rating = fields.Selection(RATINGS)
    note = fields.Char()

    # Changed only by who may change the ratings of the evaluation
    # (the werkbegeleider, until signed).
    @api.model_create_multi
    def create(self, vals_list):
        check_values_list(self, vals_list)
        if not self.env.su:
            evaluations = self.env["samenwijs.internship.evaluation"].browse(
                {v["evaluation_id"] for v in vals_list if v.get("evaluation_id")}
            )
            check_exists(evaluations)
            evaluations.check_access("write")
            evaluations._check_write_rights({"line_ids"})
        return super().create(vals_list)

    def write(self, vals):
        check_exists(self)
        check_values_list(self, [vals])
        if not self.env.su:
            if "evaluation_id" in vals:
                self.env["samenwijs.internship.evaluation"].browse(
                    vals["evaluation_id"]
                ).check_access("write")
            self.evaluation_id.check_access("write")
            self.evaluation_id._check_write_rights({"line_ids"})
        return super().write(vals)

    def unlink(self):
        check_exists(self)
        if not self.env.su:
            self.evaluation_id.check_access("write")
            self.evaluation_id._check_write_rights({"line_ids"})
        return super().unlink()
