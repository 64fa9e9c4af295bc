"""19.0.2.0.0: the internship model split by concern; location managers'
record rules on a stored field of the department.

- The kanban colour and the stored copy of the intern's user are gone from
  ``samenwijs.internship``: drop their columns.
- The location managers' rules (``noupdate``) read the removed
  ``res.users.samenwijs_managed_department_ids``: give them the domains of
  ``security/samenwijs_stage_rules.xml``.
- Payroll works on its own allowance records (PO-9): internships placed
  before get theirs, with the stop state and date they have, and their open
  "Stop internship allowance" tasks move onto it. Safe to run twice.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import column_exists

MANAGER_RULES = {
    "samenwijs_stage.samenwijs_internship_rule_manager_read_write": (
        "[('department_id.samenwijs_manager_user_ids', 'in', [user.id])]"
    ),
    "samenwijs_stage.samenwijs_internship_schedule_rule_manager_read": (
        "[('internship_id.department_id.samenwijs_manager_user_ids', 'in', [user.id])]"
    ),
    "samenwijs_stage.samenwijs_intervision_session_rule_manager_read": (
        "['|', ('region_id', '=', False), "
        "('region_id.samenwijs_region_department_ids.samenwijs_manager_user_ids', "
        "'in', [user.id])]"
    ),
}


def migrate(cr, version):
    for column in ("color", "intern_user_id"):
        if column_exists(cr, "samenwijs_internship", column):
            cr.execute(
                SQL(
                    "ALTER TABLE samenwijs_internship DROP COLUMN %s",
                    SQL.identifier(column),
                )
            )
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, domain in MANAGER_RULES.items():
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.domain_force = domain
    allowances = _create_allowance_records(env)
    _move_stop_tasks(env, allowances)


def _create_allowance_records(env):
    internships = (
        env["samenwijs.internship"]
        .with_context(active_test=False)
        .search(
            [
                ("state", "in", ("placed", "running", "done", "terminated")),
                ("allowance_state", "!=", "none"),
                ("allowance_ids", "=", False),
            ]
        )
    )
    return (
        env["samenwijs.allowance"]
        .with_context(mail_create_nosubscribe=True, mail_create_nolog=True)
        .create(
            [
                {
                    **internship._allowance_record_values(),
                    "internship_id": internship.id,
                    "state": internship.allowance_state,
                    "stop_date": internship.allowance_stop_date,
                }
                for internship in internships
            ]
        )
    )


def _move_stop_tasks(env, allowances):
    stop_type = env.ref(
        "samenwijs_stage.mail_activity_type_allowance_stop", raise_if_not_found=False
    )
    if not (stop_type and allowances):
        return
    by_internship = {a.internship_id.id: a for a in allowances}
    tasks = env["mail.activity"].search(
        [
            ("res_model", "=", "samenwijs.internship"),
            ("res_id", "in", list(by_internship)),
            ("activity_type_id", "=", stop_type.id),
        ]
    )
    model = env["ir.model"]._get_id("samenwijs.allowance")
    for task in tasks:
        task.write({"res_model_id": model, "res_id": by_internship[task.res_id].id})
