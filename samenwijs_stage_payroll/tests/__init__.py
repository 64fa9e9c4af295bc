from . import test_payroll_version, test_payslip, test_security
