{
    "name": "Samenwijs Stages",
    "version": "19.0.1.0.0",
    "category": "Human Resources",
    "summary": "Internships (stages) at Samenwijs opvang: roles, placement, "
    "supervision, hours and allowance",
    "author": "Samenwijs opvang",
    "website": "https://www.samenwijs.nl",
    "license": "LGPL-3",
    "depends": ["hr", "hr_holidays", "mail"],
    "data": [
        "security/samenwijs_stage_security.xml",
        "security/ir.model.access.csv",
        "security/samenwijs_stage_rules.xml",
        "data/ir_sequence_data.xml",
        "data/mail_activity_data.xml",
        "data/samenwijs_internship_type_data.xml",
        "views/samenwijs_internship_views.xml",
        "views/samenwijs_intervision_session_views.xml",
        "views/hr_employee_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/hr_employee_demo.xml",
        "demo/samenwijs_intervision_session_demo.xml",
        "demo/samenwijs_internship_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "samenwijs_stage/static/tests/tours/**/*",
        ],
    },
    "application": True,
}
