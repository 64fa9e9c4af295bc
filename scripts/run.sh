#!/usr/bin/env bash
# Creates the database with both addons, demo data and Dutch (or updates the
# addons when it exists) and serves Odoo on $HTTP_INTERFACE:$HTTP_PORT.
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"
"$REPO_DIR/scripts/setup.sh"
# shellcheck disable=SC1091
. "$SAMENWIJS_CACHE/pg.env"
CONF="$SAMENWIJS_CACHE/odoo.conf"
ODOO=("$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DB" --db-filter="^$DB\$")

sum=$(cd "$REPO_DIR" && find samenwijs_stage samenwijs_stage_payroll -type f \
    -not -path '*/__pycache__/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
stamp="$SAMENWIJS_CACHE/run-$DB.stamp"
installed=$(psql -d "$DB" -XAtqc \
    "select 1 from ir_module_module where name='samenwijs_stage' and state='installed'" 2>/dev/null || true)
if [ "$installed" = "1" ]; then
    if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
        say "Updating the addons in database $DB"
        "${ODOO[@]}" -u "$ADDONS" --stop-after-init --no-http --log-level=warn
    fi
else
    say "Creating database $DB with the addons, demo data and Dutch"
    "${ODOO[@]}" -i "$ADDONS" --with-demo --load-language=nl_NL \
        --stop-after-init --no-http --log-level=warn
fi
echo "$sum" >"$stamp"

cat <<MSG

  Samenwijs Stages runs on http://$HTTP_INTERFACE:$HTTP_PORT/odoo  (database $DB)

  Demo logins (password = login):
    admin / admin                  administrator
    po        praktijkopleider     (Petra Oosterhof)
    manager   pedagogisch manager  (Marieke de Vries)
    wb        werkbegeleider       (Wendy Bakker)
    stagiair  stagiaire            (Sanne Jansen)
    payroll   salarisadministratie (Paul de Groot)
    directeur bestuurder           (Dirk Verhoeven)

  Stop with Ctrl+C.

MSG
# The port and interface on the command line: odoo.conf is shared with
# every other make run / make test of this checkout and may say otherwise.
exec "${ODOO[@]}" --http-interface="$HTTP_INTERFACE" --http-port="$HTTP_PORT" --log-level=info
