from odoo import api, fields, models
from odoo.tools import SQL

from .samenwijs_internship_shifts import ALONGSIDE_MINIMUM


class SamenwijsInternshipMonth(models.Model):
    """WB-5: per internship and calendar month, the intern's signed hours
    and the share of them the werkbegeleider worked alongside the intern (a
    database view of the hour lines: nothing is written here)."""

    _name = "samenwijs.internship.month"
    _description = "Internship month: working alongside"
    _auto = False
    _order = "month desc, internship_id"
    _rec_name = "month"

    internship_id = fields.Many2one("samenwijs.internship", readonly=True)
    employee_id = fields.Many2one("hr.employee", string="Intern", readonly=True)
    werkbegeleider_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", string="Location", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    month = fields.Date(readonly=True)
    hours_signed = fields.Float(string="Signed hours", readonly=True)
    hours_alongside = fields.Float(
        string="With werkbegeleider",
        readonly=True,
        help="Signed hours during which the werkbegeleider worked alongside "
        "the intern (WB-5).",
    )
    alongside_share = fields.Float(
        string="Alongside (%)", readonly=True, aggregator="avg"
    )
    below_half = fields.Boolean(
        string="Under 50%",
        readonly=True,
        help="The werkbegeleider worked less than half of the month's signed "
        "hours alongside the intern (WB-5).",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT MIN(h.id) AS id,
                   h.internship_id,
                   i.employee_id,
                   i.werkbegeleider_id,
                   i.department_id,
                   i.company_id,
                   date_trunc('month', h.date)::date AS month,
                   SUM(h.hours) AS hours_signed,
                   COALESCE(SUM(h.hours) FILTER (WHERE h.werkbegeleider_alongside), 0)
                       AS hours_alongside,
                   CASE WHEN SUM(h.hours) > 0
                        THEN 100.0 * COALESCE(SUM(h.hours) FILTER (
                                 WHERE h.werkbegeleider_alongside), 0)
                             / SUM(h.hours)
                        ELSE 0 END AS alongside_share,
                   COALESCE(SUM(h.hours) FILTER (WHERE h.werkbegeleider_alongside), 0)
                       < %s / 100.0 * SUM(h.hours) AS below_half
              FROM samenwijs_internship_hour h
              JOIN samenwijs_internship i ON i.id = h.internship_id
             WHERE h.state = 'approved'
          GROUP BY h.internship_id, i.employee_id, i.werkbegeleider_id,
                   i.department_id, i.company_id, date_trunc('month', h.date)
            """,
            ALONGSIDE_MINIMUM,
        )

    @api.model
    def _search(self, domain, *args, **kwargs):
        """The view sums the hour lines: their pending changes are written
        first, and what was read of the months before is read again."""
        self.env["samenwijs.internship.hour"].flush_model()
        self.env["samenwijs.internship"].flush_model(
            ["employee_id", "werkbegeleider_id", "department_id", "company_id"]
        )
        self.invalidate_model()
        return super()._search(domain, *args, **kwargs)
