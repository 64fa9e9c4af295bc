{
    "name": "Samenwijs Stages - Payroll",
    "version": "19.0.1.0.0",
    "category": "Payroll",
    "summary": "Pays the internship allowance through OCA payroll and stops it "
    "on early termination",
    "author": "Samenwijs opvang",
    "website": "https://www.samenwijs.nl",
    "license": "LGPL-3",
    "depends": ["samenwijs_stage", "payroll"],
    "data": [
        "data/hr_payroll_structure_data.xml",
        "views/samenwijs_internship_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "auto_install": True,
}
