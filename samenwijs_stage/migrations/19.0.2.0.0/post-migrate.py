"""19.0.2.0.0: the internship model split by concern; location managers'
record rules on a stored field of the department.

- The kanban colour and the stored copy of the intern's user are gone from
  ``samenwijs.internship``: drop their columns.
- The location managers' rules (``noupdate``) read the removed
  ``res.users.samenwijs_managed_department_ids``: give them the domains of
  ``security/samenwijs_stage_rules.xml``.
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
