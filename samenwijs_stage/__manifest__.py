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
        "views/menus.xml",
    ],
    "application": True,
}
