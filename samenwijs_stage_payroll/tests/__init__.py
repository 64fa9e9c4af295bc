from . import test_install, test_payslip
