#!/usr/bin/env bash
# Benchmark: installs the addons into a throwaway database, generates a large
# organisation and prints query counts, timings and memory of the operations
# users repeat most. Exits non-zero when a target is missed.
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"
"$REPO_DIR/scripts/setup.sh"
# shellcheck disable=SC1091
. "$SAMENWIJS_CACHE/pg.env"
CONF="$SAMENWIJS_CACHE/odoo.conf"
db="samenwijs_bench_$(date +%s)_$$"
trap 'dropdb --if-exists "$db" 2>/dev/null || true; rm -rf "$SAMENWIJS_CACHE/data/filestore/$db"' EXIT
say "Installing $ADDONS into $db"
"$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$db" -i "$ADDONS" \
    --without-demo --stop-after-init --no-http --log-level=warn
say "Running the benchmark"
"$VENV/bin/python" "$REPO_DIR/bench/bench_internships.py" -c "$CONF" -d "$db" \
    ${BENCH_ARGS:-}
