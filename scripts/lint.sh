#!/usr/bin/env bash
# ruff (check and format check), pylint with the pylint-odoo checks, and XML
# well-formedness of every data file.
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"
cd "$REPO_DIR"
BIN="$VENV/bin"
ADDON_DIRS=(samenwijs_stage samenwijs_stage_payroll)
say "ruff"
"$BIN/ruff" check "${ADDON_DIRS[@]}" $(ls -d bench 2>/dev/null)
"$BIN/ruff" format --check "${ADDON_DIRS[@]}" $(ls -d bench 2>/dev/null)
say "pylint (pylint-odoo)"
"$BIN/pylint" --rcfile=.pylintrc "${ADDON_DIRS[@]}"
say "XML well-formedness"
"$BIN/python" - "${ADDON_DIRS[@]}" <<'PY'
import pathlib
import sys

from lxml import etree

bad = 0
for addon in sys.argv[1:]:
    for path in sorted(pathlib.Path(addon).rglob("*.xml")):
        try:
            etree.parse(str(path))
        except etree.XMLSyntaxError as exc:
            print(f"{path}: {exc}")
            bad += 1
sys.exit(1 if bad else 0)
PY
say "lint passed"
