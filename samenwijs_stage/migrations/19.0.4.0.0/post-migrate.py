"""19.0.4.0.0: approvals through OCA's tier validation (PO-2, RS-5).

Applications get their approvals asked: the location manager's consent to
placing and, for HBO, first the agreement to the interview. An agreement
given before (the stored ``hbo_manager_agreed`` and who gave it) becomes
the approved first tier, in the name of whoever gave it. The two columns
are dropped afterwards. The April offer to schools (a ``noupdate``
template) gets the overview of the places as its PDF attachment (RS-2).
Safe to run twice.
"""

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.tools import SQL
from odoo.tools.sql import column_exists

HBO_INTERVIEW_TIER = "samenwijs_stage.tier_definition_hbo_interview"
OFFER_TEMPLATE = "samenwijs_stage.mail_template_internship_offer"
OFFER_REPORT = "samenwijs_stage.action_report_capacity_school"


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref(OFFER_TEMPLATE, raise_if_not_found=False)
    report = env.ref(OFFER_REPORT, raise_if_not_found=False)
    if template and report and report not in template.report_template_ids:
        template.report_template_ids = [Command.link(report.id)]
    agreed = {}
    if column_exists(cr, "samenwijs_internship", "hbo_manager_agreed"):
        who = (
            SQL.identifier("hbo_manager_agreed_uid")
            if column_exists(cr, "samenwijs_internship", "hbo_manager_agreed_uid")
            else SQL("NULL")
        )
        cr.execute(
            SQL(
                "SELECT id, %s FROM samenwijs_internship "
                "WHERE hbo_manager_agreed AND state = 'application'",
                who,
            )
        )
        agreed = dict(cr.fetchall())
    applications = env["samenwijs.internship"].search(
        [("state", "=", "application"), ("location_manager_user_id", "!=", False)]
    )
    applications.filtered("need_validation").request_validation()
    tier = env.ref(HBO_INTERVIEW_TIER, raise_if_not_found=False)
    for internship in applications.filtered(lambda i: i.id in agreed):
        review = internship.review_ids.filtered(
            lambda r: r.definition_id == tier and r.status in ("waiting", "pending")
        )
        review.write(
            {
                "status": "approved",
                "done_by": agreed[internship.id] or False,
                "reviewed_date": fields.Datetime.now(),
            }
        )
        review._update_review_status()
        internship.review_ids._update_review_status()
    for column in ("hbo_manager_agreed", "hbo_manager_agreed_uid"):
        if column_exists(cr, "samenwijs_internship", column):
            cr.execute(
                SQL(
                    "ALTER TABLE samenwijs_internship DROP COLUMN %s",
                    SQL.identifier(column),
                )
            )
