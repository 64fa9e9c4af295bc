import base64

from markupsafe import escape

from odoo import api, models

from .samenwijs_internship_dossier_report import report_lang

# The mark of an unsigned evaluation: a pale diagonal text, tiled over the
# whole body of the document so that every page carries it, also where
# wkhtmltopdf prints no header and footer (an unpatched Qt).
WATERMARK_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="190">'
    '<text x="200" y="105" text-anchor="middle" transform="rotate(-20 200 95)" '
    'font-family="DejaVu Sans, Arial, sans-serif" font-size="30" '
    'font-weight="bold" fill="#b02a37" fill-opacity="0.10">{text}</text></svg>'
)


class ReportSamenwijsInternshipEvaluation(models.AbstractModel):
    """The evaluation report (PDF), also of the competence scan (WB-P6): the
    participants, date, agenda, notes, the ratings of the shared form
    (PO-7), the result, and the werkbegeleider's feedback and signature
    (WB-7).

    Printed as the user: only evaluations the user may read (the intern
    their own; payroll none). A signed evaluation shows who signed and
    when; an unsigned one says so at the top, at the signature, and by a
    mark on every page."""

    _name = "report.samenwijs_stage.report_internship_evaluation"
    _description = "Evaluation report"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["samenwijs.internship.evaluation"].browse(docids)
        # Evaluations are personal data: refused here, with the access
        # rules' own message, for whoever may not read them.
        docs.check_access("read")
        langs = {doc.id: report_lang(self.env, doc.employee_id) for doc in docs}
        watermarks = {}
        for doc in docs:
            if doc.state == "approved":
                watermarks[doc.id] = False
                continue
            text = self.with_context(lang=langs[doc.id]).env._("NOT SIGNED")
            svg = WATERMARK_SVG.format(text=escape(text))
            data = base64.b64encode(svg.encode()).decode()
            watermarks[doc.id] = f"data:image/svg+xml;base64,{data}"
        return {
            "doc_ids": docs.ids,
            "doc_model": "samenwijs.internship.evaluation",
            "docs": docs,
            "langs": langs,
            "watermarks": watermarks,
        }
