from collections import defaultdict

from odoo import api, models

# The onboarding checklist and the allowance carry groups of their own: the
# dossier shows them only to who may read them.
CHECKLIST_FIELD = "vog_date_issue"
ALLOWANCE_FIELD = "allowance_amount"
HELD_STATES = ("submitted", "approved")


def report_lang(env, employee):
    """The language of a printed document: Dutch when the printing user's
    or the intern's language is Dutch, else the printing user's language.

    The organisation works in Dutch: a Dutch user prints Dutch, and a dossier
    or evaluation of a Dutch intern is printed in Dutch for the intern's
    folder and the school, whoever prints it."""
    user_lang = env.user.lang or "en_US"
    # sudo: only the language of the intern's contact is read, to choose the
    # language of a document about a record the user was allowed to read.
    partner_lang = employee.sudo().work_contact_id.lang
    for code in (user_lang, partner_lang):
        if code and code.startswith("nl_"):
            return code
    return user_lang


class ReportSamenwijsInternshipDossier(models.AbstractModel):
    """The internship dossier (PDF): the intern, school, period, people, the
    onboarding checklist (VOG-1, VOG-2, PO-P2), the insurance statement
    (INS-1), the evaluations held, the assignments, the hours against the
    planned BPV hours and the allowance (AL-1).

    Printed as the user: the internships must be readable by them (an intern
    prints only their own), and every part shows only what the user may read
    (evaluations and assignments by their record rules, the checklist and the
    allowance by the groups of their fields)."""

    _name = "report.samenwijs_stage.report_internship_dossier"
    _description = "Internship dossier report"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["samenwijs.internship"].browse(docids)
        # An intern prints their own internship, not another's: refused here
        # with the record rules' own message rather than halfway the print.
        docs.check_access("read")
        Internship = self.env["samenwijs.internship"]
        Evaluation = self.env["samenwijs.internship.evaluation"]
        Assignment = self.env["samenwijs.internship.assignment"]

        # sudo: only which evaluations were held is looked up; what the user
        # may read of them is filtered by their access rules right after.
        held = (
            Evaluation.sudo()
            .search(
                [("internship_id", "in", docs.ids), ("state", "in", HELD_STATES)],
                order="date, id",
            )
            .with_env(self.env)
        )
        readable = held._filtered_access("read")
        evaluations = defaultdict(Evaluation.browse)
        for evaluation in readable:
            evaluations[evaluation.internship_id.id] |= evaluation
        # Evaluations are personal data (DESIGN: intern, werkbegeleider,
        # praktijkopleider, administrator): the dossier says that some are
        # not shown rather than that none were held.
        hidden = set((held - readable).sudo().internship_id.ids)
        assignments = defaultdict(Assignment.browse)
        if docs and Assignment.has_access("read"):
            for assignment in Assignment.search(
                [("internship_id", "in", docs.ids)], order="deadline, id"
            ):
                assignments[assignment.internship_id.id] |= assignment

        return {
            "doc_ids": docs.ids,
            "doc_model": "samenwijs.internship",
            "docs": docs,
            "langs": {doc.id: report_lang(self.env, doc.employee_id) for doc in docs},
            "show_assignments": Assignment.has_access("read"),
            "show_checklist": Internship._has_field_access(
                Internship._fields[CHECKLIST_FIELD], "read"
            ),
            "show_allowance": Internship._has_field_access(
                Internship._fields[ALLOWANCE_FIELD], "read"
            ),
            "evaluations": evaluations,
            "hidden_evaluations": hidden,
            "assignments": assignments,
        }
