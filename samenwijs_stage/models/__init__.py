# Mixins first: the models below inherit them.
from . import samenwijs_value_mixin  # isort: skip

from . import (
    hr_department,
    hr_employee,
    hr_leave,
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
    samenwijs_sick_report,
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
from . import samenwijs_internship_hours
from . import samenwijs_internship_shifts

# What a werkbegeleider signs: the mixin before the models that use it.
from . import samenwijs_signoff_mixin
from . import samenwijs_internship_hour
from . import samenwijs_internship_hour_holiday
from . import samenwijs_internship_week
from . import samenwijs_internship_month
from . import samenwijs_internship_absence
# isort: on
