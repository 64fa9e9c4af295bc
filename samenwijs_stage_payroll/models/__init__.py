from . import (
    hr_payslip,
    res_company,
    res_config_settings,
    samenwijs_allowance,
    samenwijs_internship,
)
