#!/usr/bin/env bash
# Installs both addons into fresh throwaway databases (with demo data and
# Dutch loaded, then without demo data), fails on any WARNING or ERROR that the
# project's own addons log while installing, runs the addons' tests with
# pytest-odoo in each database, and drops the databases afterwards.
#
# Extra pytest arguments: PYTEST_ARGS='-k wb1 -x' scripts/test.sh
# Only one pass: TEST_PASSES=nodemo (or demo).
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"
"$REPO_DIR/scripts/setup.sh"
# shellcheck disable=SC1091
. "$SAMENWIJS_CACHE/pg.env"

CONF="$SAMENWIJS_CACHE/odoo.conf"
PY="$VENV/bin/python"
RUN_ID="$(date +%s)_$$"
TEST_PASSES="${TEST_PASSES:-demo nodemo}"
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

install_db() { # db, extra odoo options...
    local db=$1 log="$LOGDIR/install-$1.log"
    shift
    say "Installing $ADDONS into $db $*"
    if ! "$PY" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$db" -i "$ADDONS" \
        --stop-after-init --no-http --log-level=info "$@" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        die "Installing the addons into $db failed; the whole log is in $log."
    fi
    # Like OCA's CI: a warning or error logged by our own addons fails the run.
    local bad
    bad=$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) [^ ]+ (odoo\.addons\.samenwijs_stage|.*samenwijs_stage[^ ]* (demo )?data failed)' "$log" || true)
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
    demo) install_db "$db" --with-demo --load-language=nl_NL ;;
    nodemo) install_db "$db" --without-demo ;;
    *) die "Unknown test pass '$pass' (use demo and/or nodemo)." ;;
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
