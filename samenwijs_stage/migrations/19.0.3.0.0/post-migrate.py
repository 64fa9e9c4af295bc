"""19.0.3.0.0: hours (HR-1, WB-P4), shifts, sickness and school holidays.

The internship types of the data file are ``noupdate``: the three that plan
BPV hours get their hour norm when they have none yet. Safe to run twice.
"""

from odoo import SUPERUSER_ID, api

BPV_HOURS = {
    "samenwijs_stage.internship_type_bol_pw3": 800.0,
    "samenwijs_stage.internship_type_bol_gpm4": 800.0,
    "samenwijs_stage.internship_type_hbo": 640.0,
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, hours in BPV_HOURS.items():
        itype = env.ref(xmlid, raise_if_not_found=False)
        if itype and not itype.bpv_hours:
            itype.bpv_hours = hours
