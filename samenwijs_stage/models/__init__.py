from . import (
    hr_department,
    hr_employee,
    mail_activity,
    mail_activity_plan_template,
    res_company,
    res_config_settings,
    samenwijs_allowance_rate,
    samenwijs_internship,
    samenwijs_internship_schedule,
    samenwijs_internship_type,
    samenwijs_intervision_session,
    samenwijs_termination_reason,
)
