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
    res_partner,
    samenwijs_allowance,
    samenwijs_allowance_rate,
    samenwijs_evaluation_criterion,
    samenwijs_evaluation_template,
    samenwijs_internship_capacity,
    samenwijs_internship_schedule,
    samenwijs_internship_type,
    samenwijs_intervision_session,
    samenwijs_introduction_meeting,
    samenwijs_policy_rule,
    samenwijs_school_request,
    samenwijs_school_request_line,
    samenwijs_sick_report,
    samenwijs_termination_reason,
    tier_review,
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
from . import samenwijs_internship_assignments

# What a werkbegeleider signs: the mixin before the models that use it.
from . import samenwijs_signoff_mixin
from . import samenwijs_internship_assignment
from . import samenwijs_internship_invitation
from . import samenwijs_internship_hour
from . import samenwijs_internship_hour_holiday
from . import samenwijs_internship_week
from . import samenwijs_internship_month
from . import samenwijs_internship_absence
from . import samenwijs_contract_proposal

# The learning process: evaluations and their forms.
from . import samenwijs_internship_evaluation
from . import samenwijs_internship_evaluation_line
from . import samenwijs_internship_evaluations

# The learning process around the evaluations: competence scan, monthly
# check of the praktijkopleider, problems and school meetings.
from . import samenwijs_internship_learning

# Recruitment: the approvals (tier validation) before the application and
# the placing that read them.
from . import samenwijs_internship_consent
from . import samenwijs_internship_application
from . import samenwijs_internship_placement
from . import samenwijs_internship_planning
# isort: on
