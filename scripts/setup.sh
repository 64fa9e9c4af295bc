#!/usr/bin/env bash
# Prepares everything samenwijs_stage needs to run and test, and reuses what a
# previous run prepared: system packages, the Odoo 19.0 source tree, a Python
# virtual environment, and a reachable PostgreSQL server.
#
# Writes $SAMENWIJS_CACHE/odoo.conf and $SAMENWIJS_CACHE/pg.env for the other
# scripts. Usage: scripts/setup.sh  (the Makefile calls it).
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"

mkdir -p "$SAMENWIJS_CACHE"

# 1. System packages ---------------------------------------------------------
system_packages() {
    command -v dpkg-query >/dev/null 2>&1 || {
        say "No dpkg on this machine: system packages are not checked."
        return 0
    }
    local wanted=(
        git build-essential pkg-config gettext postgresql-client libpq-dev
        libldap2-dev libsasl2-dev libxml2-dev libxslt1-dev libjpeg-dev
        zlib1g-dev libffi-dev wkhtmltopdf fonts-dejavu-core fonts-liberation2
        chromium
    )
    # A server is only needed when none can be reached.
    if ! pg_reachable; then
        wanted+=(postgresql)
    fi
    local missing=() pkg
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' ||
            missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then
        say "Installing system packages: ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive bash -c "$cmd" ||
            die "Installing system packages failed. Run this yourself and try again: $cmd"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        say "Installing system packages with sudo: ${missing[*]}"
        sudo DEBIAN_FRONTEND=noninteractive bash -c "$cmd" ||
            die "Installing system packages failed. Run this yourself and try again: sudo bash -c '$cmd'"
    else
        die "Some system packages are missing (${missing[*]}). Install them with: sudo bash -c '$cmd' and run this command again."
    fi
}

# 2. Odoo 19.0 source --------------------------------------------------------
odoo_is_19() {
    [ -f "$1/odoo-bin" ] && [ -f "$1/odoo/release.py" ] &&
        grep -qE '^version_info = \(19, 0,' "$1/odoo/release.py"
}

odoo_source() {
    odoo_is_19 "$ODOO_SRC" && return 0
    local hint="Point ODOO_SRC at an Odoo 19.0 source tree (a folder holding odoo-bin, odoo/ and addons/), for example: make test ODOO_SRC=\$HOME/src/odoo-19.0. Or make sure $ODOO_GIT_URL can be reached, so that it can be cloned into an empty or missing ODOO_SRC."
    if [ -e "$ODOO_SRC" ] && [ -n "$(ls -A "$ODOO_SRC" 2>/dev/null)" ]; then
        die "ODOO_SRC=$ODOO_SRC exists but holds no Odoo 19.0 source tree. $hint"
    fi
    say "Cloning Odoo $ODOO_BRANCH into $ODOO_SRC (shallow)"
    mkdir -p "$(dirname "$ODOO_SRC")"
    rm -rf "$ODOO_SRC.partial"
    if ! GIT_TERMINAL_PROMPT=0 timeout 1800 git clone --quiet --depth 1 \
        --branch "$ODOO_BRANCH" "$ODOO_GIT_URL" "$ODOO_SRC.partial" 2>"$SAMENWIJS_CACHE/clone.log"; then
        rm -rf "$ODOO_SRC.partial"
        die "Odoo 19.0 was not found in ODOO_SRC=$ODOO_SRC and cloning it failed ($(tail -n 1 "$SAMENWIJS_CACHE/clone.log")). $hint"
    fi
    rmdir "$ODOO_SRC" 2>/dev/null || true
    mv "$ODOO_SRC.partial" "$ODOO_SRC"
}

# 3. Python virtual environment ---------------------------------------------
python_env() {
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null ||
        die "samenwijs_stage needs Python 3.11 or newer; '$PYTHON' is $("$PYTHON" --version 2>&1). Set PYTHON to a newer interpreter."
    local stamp
    stamp=$(cat "$ODOO_SRC/requirements.txt" "$ODOO_SRC/setup.py" \
        "$REPO_DIR/requirements.txt" <(echo "$ODOO_SRC") | sha256sum | cut -c1-16)
    if [ -f "$VENV/.samenwijs-stamp" ] && [ "$(cat "$VENV/.samenwijs-stamp")" = "$stamp" ]; then
        return 0
    fi
    say "Creating the Python environment in $VENV"
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    # Odoo's pins for Python 3.11, with the one pin that no longer builds
    # lifted to the nearest release that does.
    sed -e 's/^cbor2==5\.4\.2 /cbor2==5.4.6 /' "$ODOO_SRC/requirements.txt" \
        >"$SAMENWIJS_CACHE/odoo-requirements.txt"
    local pip=("$VENV/bin/python" -m pip --disable-pip-version-check --quiet)
    {
        "${pip[@]}" install --upgrade pip wheel "setuptools<81" &&
            "${pip[@]}" install -r "$SAMENWIJS_CACHE/odoo-requirements.txt" &&
            "${pip[@]}" install --config-settings editable_mode=compat -e "$ODOO_SRC" &&
            "${pip[@]}" install -r "$REPO_DIR/requirements.txt"
    } || die "Installing the Python packages into $VENV failed (see the pip output above). Check that the package index can be reached and that the system packages are installed."
    echo "$stamp" >"$VENV/.samenwijs-stamp"
}

# 4. PostgreSQL ---------------------------------------------------------------
pg_reachable() {
    psql -d postgres -XAtqc 'select 1' >/dev/null 2>&1
}

pg_bin() {
    # Highest installed server version's binaries.
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && echo "$dir"
}

as_pg_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres() {
    local envfile="$SAMENWIJS_CACHE/pg.env"
    : >"$envfile"
    if pg_reachable; then
        # Keep the server the caller pointed at for the other scripts.
        [ -z "${PGHOST:-}${PGPORT:-}" ] ||
            printf 'export PGHOST=%q PGPORT=%q\n' "${PGHOST:-}" "${PGPORT:-5432}" >"$envfile"
        return 0
    fi
    if [ -n "${PGHOST:-}${PGPORT:-}" ]; then
        die "The PostgreSQL server set by PGHOST=${PGHOST:-} PGPORT=${PGPORT:-} cannot be reached as user ${PGUSER:-$(id -un)}. Start it, fix the PG* variables, or unset them to let the set-up start or create a local server."
    fi
    # A Debian cluster that is installed but stopped: start it.
    if command -v pg_lsclusters >/dev/null 2>&1 &&
        [ -n "$(pg_lsclusters -h 2>/dev/null)" ] && [ "$(id -u)" -eq 0 ]; then
        say "Starting the installed PostgreSQL cluster"
        pg_lsclusters -h | while read -r ver name _; do
            pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start || true
        done
        for _ in $(seq 20); do
            runuser -u postgres -- psql -XAtqc 'select 1' >/dev/null 2>&1 && break
            sleep 0.5
        done
        runuser -u postgres -- psql -XAtqc "select 1 from pg_roles where rolname='$(id -un)'" | grep -q 1 ||
            runuser -u postgres -- createuser --superuser "$(id -un)"
        pg_reachable && return 0
    fi
    # Otherwise a private cluster under the cache folder, on a Unix socket.
    local bin
    bin=$(pg_bin) || die "No PostgreSQL server can be reached and no server binaries are installed. Install PostgreSQL (apt-get install postgresql) or set PGHOST/PGPORT/PGUSER to a server you can use."
    local data="$SAMENWIJS_PGDATA"
    if [ "$(id -u)" -eq 0 ]; then
        # PostgreSQL refuses to run as root: the cluster belongs to 'postgres'.
        data="${SAMENWIJS_PGDATA_ROOT:-/var/lib/samenwijs_stage/postgresql}"
        mkdir -p "$data" && chown postgres: "$data"
    fi
    mkdir -p "$data"
    if [ ! -f "$data/PG_VERSION" ]; then
        say "Creating a private PostgreSQL cluster in $data"
        as_pg_owner "$bin/initdb" -D "$data" -A trust -U "$(id -un)" -E UTF8 \
            --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        say "Starting the private PostgreSQL cluster (socket in $data, port $SAMENWIJS_PGPORT)"
        as_pg_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w start \
            -o "-k $data -p $SAMENWIJS_PGPORT -c listen_addresses=''" >/dev/null ||
            die "The private PostgreSQL cluster in $data did not start; see $data/server.log."
    fi
    export PGHOST="$data" PGPORT="$SAMENWIJS_PGPORT"
    printf 'export PGHOST=%q PGPORT=%q\n' "$PGHOST" "$PGPORT" >"$envfile"
    pg_reachable || die "The private PostgreSQL cluster in $data runs but cannot be reached."
}

odoo_config() {
    local site
    site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    cat >"$SAMENWIJS_CACHE/odoo.conf" <<CONF
[options]
addons_path = $REPO_DIR,$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$site/odoo/addons
data_dir = $SAMENWIJS_CACHE/data
http_interface = $HTTP_INTERFACE
http_port = $HTTP_PORT
list_db = False
CONF
}

# Every step by default; or only the steps named on the command line.
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(system_packages odoo_source python_env postgres odoo_config)
for step in "${steps[@]}"; do
    "$step"
done
