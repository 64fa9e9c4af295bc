{
    "name": "Samenwijs Stages - Payroll",
    "version": "19.0.2.0.0",
    "category": "Payroll",
    "summary": "Pays the internship allowance through OCA payroll and stops it "
    "on early termination",
    "author": "Samenwijs opvang",
    "website": "https://www.samenwijs.nl",
    "license": "LGPL-3",
    "depends": ["samenwijs_stage", "payroll"],
    "data": [
        "security/samenwijs_stage_payroll_security.xml",
        "security/samenwijs_stage_payroll_rules.xml",
        "data/hr_payroll_structure_data.xml",
        "views/samenwijs_internship_views.xml",
        "views/samenwijs_allowance_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/hr_version_demo.xml",
    ],
    "auto_install": True,
}
