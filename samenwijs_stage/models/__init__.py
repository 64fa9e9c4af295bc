from . import (
    hr_department,
    hr_employee,
    mail_activity,
    mail_activity_plan_template,
    res_company,
    res_config_settings,
    samenwijs_allowance,
    samenwijs_allowance_rate,
    samenwijs_internship_schedule,
    samenwijs_internship_type,
    samenwijs_intervision_session,
    samenwijs_policy_rule,
    samenwijs_termination_reason,
    value_checks,
)

# samenwijs.internship: identity and lifecycle first, then one file per
# concern. A concern extends only hooks of the files loaded before it (the
# allowance stop extends the termination), so the order is kept by hand.
# isort: off
from . import samenwijs_internship
from . import samenwijs_internship_values
from . import samenwijs_internship_history
from . import samenwijs_internship_supervision
from . import samenwijs_internship_onboarding
from . import samenwijs_internship_termination
from . import samenwijs_internship_allowance
# isort: on
