from . import (
    hr_department,
    hr_employee,
    mail_activity_plan_template,
    res_users,
    samenwijs_internship,
    samenwijs_internship_schedule,
    samenwijs_internship_type,
    samenwijs_intervision_session,
)
