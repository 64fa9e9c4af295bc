import importlib.util
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import file_path


def load_migration(name):
    """A migration script of this addon, as the upgrade runs it."""
    path = file_path(f"samenwijs_stage/migrations/{name}")
    spec = importlib.util.spec_from_file_location("samenwijs_stage_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class SamenwijsCase(TransactionCase):
    """A small organisation built once per test class.

    Region Noord (PO Petra) with the locations De Linde (manager Marieke) and
    De Eik (manager Mark); region Zuid (PO Piet) with location Het Anker
    (manager Mona). Werkbegeleiders Wendy (De Linde) and Willem (Het Anker)
    are eligible; interns Sanne (De Linde) and Zoë (Het Anker). One user per
    role, each with only that role's group.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # One time zone and language for the fixture and every user acting in
        # a test (with_user keeps the context), whatever the database's demo
        # users use: the superuser of a database with Odoo's demo data has a
        # time zone of its own, which would put "today" on another date late
        # in the evening. Tests of Dutch texts ask for Dutch themselves.
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, tz="UTC", lang="en_US")
        )
        cls.today = fields.Date.context_today(cls.env.user)
        cls.company = cls.env.company
        Department = cls.env["hr.department"]
        Employee = cls.env["hr.employee"]

        def user(login, group, name):
            return new_test_user(
                cls.env,
                login=login,
                name=name,
                groups=f"base.group_user,samenwijs_stage.{group}",
            )

        cls.user_po = user("t_po", "group_praktijkopleider", "Petra Oosterhof")
        cls.user_po2 = user("t_po2", "group_praktijkopleider", "Piet Zuidema")
        cls.user_manager = user("t_manager", "group_manager", "Marieke de Vries")
        cls.user_manager_eik = user("t_manager_eik", "group_manager", "Mark Eikema")
        cls.user_manager2 = user("t_manager2", "group_manager", "Mona Anker")
        cls.user_wb = user("t_wb", "group_werkbegeleider", "Wendy Bakker")
        cls.user_wb2 = user("t_wb2", "group_werkbegeleider", "Willem Smit")
        cls.user_intern = user("t_intern", "group_intern", "Sanne Jansen")
        cls.user_intern2 = user("t_intern2", "group_intern", "Zoë Peters")
        cls.user_payroll = user("t_payroll", "group_payroll", "Paul de Groot")
        cls.user_admin = user("t_admin", "group_admin", "Anne Admin")

        def employee(name, usr=None, department=None, **vals):
            return Employee.create(
                {
                    "name": name,
                    "user_id": usr.id if usr else False,
                    "department_id": department.id if department else False,
                    **vals,
                }
            )

        cls.emp_po = employee("Petra Oosterhof", cls.user_po, is_praktijkopleider=True)
        cls.emp_po2 = employee("Piet Zuidema", cls.user_po2, is_praktijkopleider=True)
        cls.region = Department.create(
            {"name": "Regio Noord", "praktijkopleider_id": cls.emp_po.id}
        )
        cls.region2 = Department.create(
            {"name": "Regio Zuid", "praktijkopleider_id": cls.emp_po2.id}
        )
        cls.emp_manager = employee("Marieke de Vries", cls.user_manager)
        cls.emp_manager_eik = employee("Mark Eikema", cls.user_manager_eik)
        cls.emp_manager2 = employee("Mona Anker", cls.user_manager2)
        cls.linde = Department.create(
            {
                "name": "Kindcentrum De Linde",
                "parent_id": cls.region.id,
                "manager_id": cls.emp_manager.id,
            }
        )
        cls.eik = Department.create(
            {
                "name": "BSO De Eik",
                "parent_id": cls.region.id,
                "manager_id": cls.emp_manager_eik.id,
            }
        )
        cls.anker = Department.create(
            {
                "name": "KDV Het Anker",
                "parent_id": cls.region2.id,
                "manager_id": cls.emp_manager2.id,
            }
        )
        (cls.emp_manager | cls.emp_po).department_id = cls.linde
        cls.emp_manager_eik.department_id = cls.eik
        (cls.emp_manager2 | cls.emp_po2).department_id = cls.anker

        cls.permanent = cls.env.ref("hr.contract_type_permanent")
        cls.emp_wb = cls.create_werkbegeleider("Wendy Bakker", cls.user_wb, cls.linde)
        cls.emp_wb2 = cls.create_werkbegeleider("Willem Smit", cls.user_wb2, cls.anker)
        cls.intervision = cls.env["samenwijs.intervision.session"].create(
            [
                {
                    "name": f"Intervisie {month}",
                    "date": datetime(cls.today.year, month, 10, 19, 0),
                    "organiser_id": cls.emp_po.id,
                    "attendee_ids": [Command.set((cls.emp_wb | cls.emp_wb2).ids)],
                }
                for month in (1, 3)
            ]
        )

        cls.emp_intern = employee(
            "Sanne Jansen", cls.user_intern, cls.linde, employee_type="trainee"
        )
        cls.emp_intern2 = employee(
            "Zoë Peters", cls.user_intern2, cls.anker, employee_type="student"
        )
        cls.type_pw3 = cls.env.ref("samenwijs_stage.internship_type_bol_pw3")
        cls.type_gpm4 = cls.env.ref("samenwijs_stage.internship_type_bol_gpm4")
        cls.type_hbo = cls.env.ref("samenwijs_stage.internship_type_hbo")
        cls.type_snuffel = cls.env.ref("samenwijs_stage.internship_type_snuffel")
        cls.type_maatschappelijk = cls.env.ref(
            "samenwijs_stage.internship_type_maatschappelijk"
        )
        cls.school = cls.env["res.partner"].create(
            {"name": "ROC Noorderpoort", "is_company": True}
        )
        cls.internship = cls.create_internship()
        cls.internship2 = cls.create_internship(
            employee=cls.emp_intern2, werkbegeleider=cls.emp_wb2, location=cls.anker
        )

    @classmethod
    def create_werkbegeleider(cls, name, usr, department, **vals):
        """An eligible werkbegeleider: permanent contract for 3 years, training
        followed (intervision is added by the class set-up)."""
        values = {
            "name": name,
            "user_id": usr.id if usr else False,
            "department_id": department.id,
            "contract_type_id": cls.permanent.id,
            "contract_date_start": cls.today - relativedelta(years=3),
            "date_version": cls.today - relativedelta(years=3),
            "is_werkbegeleider": True,
            "werkbegeleider_since": cls.today - relativedelta(years=3),
            "werkbegeleider_training": "followed",
            "childcare_function": "pedagogisch_medewerker",
            "education_level": "mbo",
        }
        values.update(vals)
        return cls.env["hr.employee"].create(values)

    @classmethod
    def create_internship(
        cls,
        employee=None,
        werkbegeleider=None,
        location=None,
        itype=None,
        consent=True,
        **vals,
    ):
        """An internship in draft; with ``consent`` its approvals (PO-2,
        RS-5) are given, so that it can be placed."""
        location = location or cls.linde
        values = {
            "employee_id": (employee or cls.emp_intern).id,
            "internship_type_id": (itype or cls.type_pw3).id,
            "study_year": 1,
            "school_id": cls.school.id,
            "werkbegeleider_id": (werkbegeleider or cls.emp_wb).id,
            "date_start": cls.today + relativedelta(days=14),
            "date_end": cls.today + relativedelta(days=14, months=10),
            "schedule_ids": [
                Command.create(
                    {"weekday": day, "department_id": location.id, "hours": 8.0}
                )
                for day in ("0", "1")
            ],
        }
        values.update(vals)
        internship = cls.env["samenwijs.internship"].create(values)
        if consent:
            cls.give_consent(internship)
        return internship

    @classmethod
    def give_consent(cls, internships):
        """The approvals of these internships given, as the fixture: asked
        and approved in the name of each review's reviewer. The way the
        managers give them themselves is tested in test_consent."""
        internships = internships.sudo()
        internships.filtered("need_validation").request_validation()
        reviews = internships.review_ids.filtered(
            lambda r: r.status in ("waiting", "pending") and r.reviewer_ids
        )
        for review in reviews:
            review.write(
                {
                    "status": "approved",
                    "done_by": review.reviewer_ids[:1].id,
                    "reviewed_date": fields.Datetime.now(),
                }
            )

    def decide_as(self, internship, user, comment="Akkoord", reject=False):
        """A reviewer approves (or rejects) the open tier of ``internship``
        that is theirs, with a comment, the way the form does it: the
        engine's Approve/Reject button opens the comment wizard."""
        record = internship.with_user(user)
        action = record.reject_tier() if reject else record.validate_tier()
        wizard = (
            self.env["comment.wizard"]
            .with_user(user)
            .with_context(**action["context"])
            .create({"comment": comment})
        )
        wizard.add_comment()

    def complete_legal_checks(self, internship):
        internship.write(
            {
                "vog_received": True,
                "vog_received_date": self.today,
                "vog_date_issue": self.today - relativedelta(weeks=3),
                "vog_issued_for": "samenwijs",
                "personenregister_informed": True,
                "personenregister_registered": True,
                "personenregister_koppeling_date": self.today,
                "personenregister_manager_informed": True,
            }
        )


__all__ = ["SamenwijsCase", "date", "load_migration"]
