"""The organisation of the security tests: the fixture of ``SamenwijsCase``
plus the records of every scope and a second company.

Scopes, seen from the acting user of each role:

- ``own``: Sanne's internship at De Linde (region Noord), supervised by
  Wendy: the intern's own internship, the werkbegeleider's supervised one,
  one of the location manager's (Marieke) locations, in the
  praktijkopleider's (Petra) region.
- ``region``: Bram's internship at De Eik, same region Noord, another
  location, another werkbegeleider and intern.
- ``other_region``: Zoë's internship at Het Anker, region Zuid.
- ``other_company``: an internship of the second company whose people are
  the same users (Sanne, Wendy, Marieke, Petra): only the company rules can
  keep it out of their reach.
"""

from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import new_test_user

from .common import SamenwijsCase

SCOPES = ("own", "region", "other_region", "other_company")


class SamenwijsSecurityCase(SamenwijsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.user_internal = new_test_user(
            cls.env, login="t_internal", name="Ingrid Intern", groups="base.group_user"
        )
        cls.user_portal = new_test_user(
            cls.env, login="t_portal", name="Pim Portaal", groups="base.group_portal"
        )
        cls.role_users = {
            "intern": cls.user_intern,
            "werkbegeleider": cls.user_wb,
            "manager": cls.user_manager,
            "praktijkopleider": cls.user_po,
            "admin": cls.user_admin,
            "payroll": cls.user_payroll,
            "internal": cls.user_internal,
            "portal": cls.user_portal,
        }

        # Region Noord, a second location: De Eik.
        cls.emp_wb_eik = cls.create_werkbegeleider("Esther Eik", None, cls.eik)
        cls.intervision.attendee_ids = [Command.link(cls.emp_wb_eik.id)]
        cls.emp_intern_eik = Employee.create(
            {
                "name": "Bram Eik",
                "department_id": cls.eik.id,
                "employee_type": "trainee",
            }
        )
        cls.internship_eik = cls.create_internship(
            employee=cls.emp_intern_eik, werkbegeleider=cls.emp_wb_eik, location=cls.eik
        )
        cls.intervision_zuid = cls.env["samenwijs.intervision.session"].create(
            {
                "name": "Intervisie Zuid",
                "date": datetime(cls.today.year, 2, 10, 19, 0),
                "organiser_id": cls.emp_po2.id,
                "attendee_ids": [Command.link(cls.emp_wb2.id)],
            }
        )

        # The second company, with the same users in the same roles.
        cls.company_b = cls.env["res.company"].create({"name": "Samenwijs West BV"})
        Employee_b = Employee.with_company(cls.company_b)

        def employee_b(name, usr, **vals):
            return Employee_b.create(
                {
                    "name": name,
                    "user_id": usr.id if usr else False,
                    "company_id": cls.company_b.id,
                    **vals,
                }
            )

        cls.emp_po_b = employee_b(
            "Petra Oosterhof", cls.user_po, is_praktijkopleider=True
        )
        cls.emp_manager_b = employee_b("Marieke de Vries", cls.user_manager)
        Department_b = cls.env["hr.department"].with_company(cls.company_b)
        cls.region_b = Department_b.create(
            {
                "name": "Regio West",
                "company_id": cls.company_b.id,
                "praktijkopleider_id": cls.emp_po_b.id,
            }
        )
        cls.wilg = Department_b.create(
            {
                "name": "KDV De Wilg",
                "company_id": cls.company_b.id,
                "parent_id": cls.region_b.id,
                "manager_id": cls.emp_manager_b.id,
            }
        )
        cls.emp_wb_b = employee_b(
            "Wendy Bakker",
            cls.user_wb,
            department_id=cls.wilg.id,
            contract_type_id=cls.permanent.id,
            contract_date_start=cls.today - relativedelta(years=3),
            date_version=cls.today - relativedelta(years=3),
            is_werkbegeleider=True,
            werkbegeleider_since=cls.today - relativedelta(years=3),
            werkbegeleider_training="followed",
            childcare_function="pedagogisch_medewerker",
            education_level="mbo",
        )
        cls.emp_intern_b = employee_b(
            "Sanne Jansen",
            cls.user_intern,
            department_id=cls.wilg.id,
            employee_type="trainee",
        )
        Session_b = cls.env["samenwijs.intervision.session"].with_company(cls.company_b)
        cls.intervision_b = Session_b.create(
            [
                {
                    "name": f"Intervisie West {month}",
                    "date": datetime(cls.today.year, month, 12, 19, 0),
                    "organiser_id": cls.emp_po_b.id,
                    "company_id": cls.company_b.id,
                    "attendee_ids": [Command.set(cls.emp_wb_b.ids)],
                }
                for month in (1, 3)
            ]
        )
        cls.internship_b = cls.create_internship_b()

        cls.scope_internship = {
            "own": cls.internship,
            "region": cls.internship_eik,
            "other_region": cls.internship2,
            "other_company": cls.internship_b,
        }
        cls.scope_location = {
            "own": cls.linde,
            "region": cls.eik,
            "other_region": cls.anker,
            "other_company": cls.wilg,
        }
        cls.scope_werkbegeleider = {
            "own": cls.emp_wb,
            "region": cls.emp_wb_eik,
            "other_region": cls.emp_wb2,
            "other_company": cls.emp_wb_b,
        }
        cls.scope_praktijkopleider = {
            "own": cls.emp_po,
            "region": cls.emp_po,
            "other_region": cls.emp_po2,
            "other_company": cls.emp_po_b,
        }
        cls.scope_session = {
            "own": cls.intervision[0],
            "other_region": cls.intervision_zuid,
            "other_company": cls.intervision_b[0],
        }
        internships = (
            cls.internship | cls.internship_eik | cls.internship2 | cls.internship_b
        )
        for internship in internships:
            internship.with_company(internship.company_id).action_place()

    @classmethod
    def scope_running_internship(cls, scope):
        """A running internship of the scope's intern, werkbegeleider and
        location, started eight weeks ago (made once per class)."""
        running = cls.__dict__.get("_scope_running")
        if running is None:
            running = cls._scope_running = {}
        if scope not in running:
            base = cls.scope_internship[scope]
            location = cls.scope_location[scope]
            env = cls.env(
                context=dict(cls.env.context, allowed_company_ids=[base.company_id.id])
            )
            internship = (
                env["samenwijs.internship"]
                .with_company(base.company_id)
                .create(
                    {
                        "employee_id": base.employee_id.id,
                        "internship_type_id": base.internship_type_id.id,
                        "company_id": base.company_id.id,
                        "werkbegeleider_id": base.werkbegeleider_id.id,
                        "date_start": cls.today - relativedelta(weeks=8),
                        "date_end": cls.today + relativedelta(months=6),
                        "schedule_ids": [
                            Command.create(
                                {
                                    "weekday": day,
                                    "department_id": location.id,
                                    "hours": 8.0,
                                }
                            )
                            for day in ("0", "1")
                        ],
                    }
                )
            )
            cls.complete_legal_checks(cls, internship)
            cls.give_consent(internship)
            internship.action_place()
            internship.action_start()
            running[scope] = internship
        return running[scope]

    @classmethod
    def create_internship_b(cls, **vals):
        """An internship of the second company at De Wilg."""
        values = {
            "employee_id": cls.emp_intern_b.id,
            "internship_type_id": cls.type_pw3.id,
            "study_year": 1,
            "school_id": cls.school.id,
            "werkbegeleider_id": cls.emp_wb_b.id,
            "company_id": cls.company_b.id,
            "date_start": cls.today + relativedelta(days=14),
            "date_end": cls.today + relativedelta(days=14, months=10),
            "schedule_ids": [
                Command.create(
                    {"weekday": day, "department_id": cls.wilg.id, "hours": 8.0}
                )
                for day in ("0", "1")
            ],
        }
        values.update(vals)
        internship = (
            cls.env["samenwijs.internship"].with_company(cls.company_b).create(values)
        )
        cls.give_consent(internship)
        return internship

    @classmethod
    def new_intern(cls, scope, name="Nieuwe Stagiaire"):
        """A new intern employee at the location of ``scope``."""
        location = cls.scope_location[scope]
        return (
            cls.env["hr.employee"]
            .with_company(location.company_id)
            .create(
                {
                    "name": name,
                    "department_id": location.id,
                    "company_id": location.company_id.id,
                    "employee_type": "trainee",
                }
            )
        )

    @classmethod
    def internship_values(cls, scope):
        """The values of a new internship in ``scope``."""
        location = cls.scope_location[scope]
        return {
            "employee_id": cls.new_intern(scope).id,
            "internship_type_id": cls.type_pw3.id,
            "study_year": 1,
            "school_id": cls.school.id,
            "company_id": location.company_id.id,
            "werkbegeleider_id": cls.scope_werkbegeleider[scope].id,
            "date_start": cls.today + relativedelta(months=2),
            "schedule_ids": [
                Command.create(
                    {"weekday": "2", "department_id": location.id, "hours": 8.0}
                )
            ],
        }
