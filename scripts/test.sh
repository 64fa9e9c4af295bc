#!/usr/bin/env bash
# Installs both addons into fresh throwaway databases (with demo data and
# Dutch loaded, then without demo data), fails on any WARNING or ERROR logged
# while installing that names the project's own addons (whatever the logger),
# runs the addons' tests with
# pytest-odoo in each database, and drops the databases afterwards.
#
# Extra pytest arguments: PYTEST_ARGS='-k wb1 -x' scripts/test.sh
# Only one pass: TEST_PASSES=nodemo (or demo, or hrapps: with demo data next to
# the HR apps an organisation runs alongside: time off, attendances, skills,
# homeworking, recruitment and calendar).
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"
"$REPO_DIR/scripts/setup.sh"
# shellcheck disable=SC1091
. "$SAMENWIJS_CACHE/pg.env"

CONF="$SAMENWIJS_CACHE/odoo.conf"
PY="$VENV/bin/python"
RUN_ID="$(date +%s)_$$"
TEST_PASSES="${TEST_PASSES:-demo nodemo hrapps}"
HR_APPS="hr_holidays,hr_attendance,hr_skills,hr_homeworking,hr_recruitment,calendar"
LOGDIR="$SAMENWIJS_CACHE/test-logs"
mkdir -p "$LOGDIR"
DATABASES=()

cleanup() {
    local db
    for db in "${DATABASES[@]}"; do
        dropdb --if-exists "$db" 2>/dev/null || true
        rm -rf "$SAMENWIJS_CACHE/data/filestore/$db"
    done
}
trap cleanup EXIT

# Prints every WARNING, ERROR or CRITICAL record of an install log (the
# line with its continuation lines: traceback, view error context) that names
# our addons: their files, models, fields or XML ids, module names, view names
# and the Dutch role names they use. The database name and the paths of the
# Odoo source, the virtualenv and the cache are masked first (the cache and
# the databases are named after the project), so warnings that are entirely
# Odoo's own do not count.
install_log_problems() { # log, db
    "$PY" - "$1" "$2" "$REPO_DIR" "$ODOO_SRC" "$VENV" "$SAMENWIJS_CACHE" <<'PYTHON'
import ast
import pathlib
import re
import sys

log, db, repo, *foreign_paths = sys.argv[1:]
ADDONS = ("samenwijs_stage", "samenwijs_stage_payroll")
HEADER = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) \S+ "
)
OURS = re.compile(r"samenwijs|werkbegeleider|praktijkopleider", re.IGNORECASE)


def our_fields():
    """model.field of every field our addons define, e.g. hr.employee.is_intern."""
    names = set()
    for addon in ADDONS:
        for path in (pathlib.Path(repo) / addon).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.ClassDef):
                    continue
                attrs = {
                    stmt.targets[0].id: stmt.value
                    for stmt in node.body
                    if isinstance(stmt, ast.Assign)
                    and isinstance(stmt.targets[0], ast.Name)
                }
                model = attrs.get("_name") or attrs.get("_inherit")
                if not (isinstance(model, ast.Constant) and isinstance(model.value, str)):
                    continue
                for name, value in attrs.items():
                    if (
                        isinstance(value, ast.Call)
                        and isinstance(value.func, ast.Attribute)
                        and isinstance(value.func.value, ast.Name)
                        and value.func.value.id == "fields"
                    ):
                        names.add(f"{model.value}.{name}")
    return names


fields = our_fields()
field_names = (
    re.compile(
        r"(?<![\w.])(%s)(?!\w)" % "|".join(map(re.escape, sorted(fields, key=len, reverse=True)))
    )
    if fields
    else None
)
masks = sorted({p.rstrip("/") for p in foreign_paths if p} | {db}, key=len, reverse=True)


def is_ours(record):
    text = "\n".join(record)
    for mask in masks:
        text = text.replace(mask, "<masked>")
    return bool(
        OURS.search(text)
        or repo.rstrip("/") + "/" in text
        or (field_names and field_names.search(text))
    )


record, level = [], None
problems = []
with open(log, encoding="utf-8", errors="replace") as lines:
    for line in lines:
        line = line.rstrip("\n")
        header = HEADER.match(line)
        if header:
            if level in ("WARNING", "ERROR", "CRITICAL") and is_ours(record):
                problems.append(record)
            record, level = [line], header["level"]
        else:
            record.append(line)
if level in ("WARNING", "ERROR", "CRITICAL") and is_ours(record):
    problems.append(record)
for record in problems:
    print("\n".join(record[:40]))
PYTHON
}

install_db() { # db, modules, extra odoo options...
    local db=$1 modules=$2 log="$LOGDIR/install-$1.log"
    shift 2
    say "Installing $modules into $db $*"
    if ! "$PY" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$db" -i "$modules" \
        --stop-after-init --no-http --log-level=info "$@" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        die "Installing the addons into $db failed; the whole log is in $log."
    fi
    # Like OCA's CI: a warning or error about our own addons fails the run,
    # whatever the logger (Odoo's view checks log under base's name).
    local bad
    bad=$(install_log_problems "$log" "$db")
    if [ -n "$bad" ]; then
        printf '%s\n' "$bad" >&2
        die "Installing the addons into $db logged the warnings or errors above."
    fi
}

# PYTEST_ARGS is split like a shell command line, so quoted -k expressions work.
eval "PYTEST_EXTRA=(${PYTEST_ARGS:-})"

status=0
for pass in $TEST_PASSES; do
    db="samenwijs_test_${pass}_$RUN_ID"
    DATABASES+=("$db")
    case "$pass" in
    demo) install_db "$db" "$ADDONS" --with-demo --load-language=nl_NL ;;
    nodemo) install_db "$db" "$ADDONS" --without-demo ;;
    hrapps) install_db "$db" "$ADDONS,$HR_APPS" --with-demo --load-language=nl_NL ;;
    *) die "Unknown test pass '$pass' (use demo, nodemo and/or hrapps)." ;;
    esac
    say "Running the tests in $db"
    set +e
    (cd "$REPO_DIR" && "$PY" -m pytest -p no:cacheprovider \
        --odoo-config="$CONF" --odoo-database="$db" --odoo-http \
        --odoo-log-level=warn "${PYTEST_EXTRA[@]}" samenwijs_stage samenwijs_stage_payroll)
    rc=$?
    set -e
    # 5 = no test collected: only acceptable when PYTEST_ARGS deselects on purpose.
    if [ $rc -eq 5 ] && [ -n "${PYTEST_ARGS:-}" ]; then rc=0; fi
    [ $rc -eq 0 ] || status=$rc
done
exit $status
