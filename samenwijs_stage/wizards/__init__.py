from . import (
    samenwijs_internship_hour_return,
    samenwijs_internship_interview,
    samenwijs_internship_problem,
    samenwijs_internship_terminate,
)
