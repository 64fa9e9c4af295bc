# shellcheck shell=bash
# Shared settings for the samenwijs_stage scripts. Every value can be set from
# the environment (or on the make command line) before the scripts run.
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SAMENWIJS_CACHE="${SAMENWIJS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/samenwijs_stage}"
ODOO_SRC="${ODOO_SRC:-$SAMENWIJS_CACHE/odoo-19.0}"
ODOO_GIT_URL="${ODOO_GIT_URL:-https://github.com/odoo/odoo.git}"
ODOO_BRANCH="${ODOO_BRANCH:-19.0}"
PYTHON="${PYTHON:-python3}"
VENV="${VENV:-$SAMENWIJS_CACHE/venv}"
DB="${DB:-samenwijs}"
HTTP_INTERFACE="${HTTP_INTERFACE:-127.0.0.1}"
HTTP_PORT="${HTTP_PORT:-8069}"
SAMENWIJS_PGDATA="${SAMENWIJS_PGDATA:-$SAMENWIJS_CACHE/postgresql}"
SAMENWIJS_PGPORT="${SAMENWIJS_PGPORT:-5433}"
ADDONS="samenwijs_stage,samenwijs_stage_payroll"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() {
    printf '\n\033[1;31mError:\033[0m %s\n\n' "$*" | fold -s -w 78 >&2
    exit 1
}
