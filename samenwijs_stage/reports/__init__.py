from . import (
    samenwijs_attendance_report,
    samenwijs_capacity_report,
    samenwijs_evaluation_report,
    samenwijs_internship_dossier_report,
)
