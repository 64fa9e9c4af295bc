from . import samenwijs_internship_terminate
