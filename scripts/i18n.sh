#!/usr/bin/env bash
# Re-exports i18n/<addon>.pot and i18n/nl.po of both addons with Odoo's own
# exporter, from a throwaway database where the addons and Dutch are
# installed: existing Dutch translations are kept, new terms come out empty.
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"
"$REPO_DIR/scripts/setup.sh"
# shellcheck disable=SC1091
. "$SAMENWIJS_CACHE/pg.env"
CONF="$SAMENWIJS_CACHE/odoo.conf"
ODOO=("$VENV/bin/python" "$ODOO_SRC/odoo-bin")
db="samenwijs_i18n_$(date +%s)_$$"
trap 'dropdb --if-exists "$db" 2>/dev/null || true; rm -rf "$SAMENWIJS_CACHE/data/filestore/$db"' EXIT
say "Installing $ADDONS with Dutch into $db"
"${ODOO[@]}" -c "$CONF" -d "$db" -i "$ADDONS" --without-demo --load-language=nl_NL \
    --stop-after-init --no-http --log-level=warn
keep="$(mktemp -d)"
for addon in ${ADDONS//,/ }; do
    say "Exporting $addon"
    po="$REPO_DIR/$addon/i18n/nl.po"
    [ ! -f "$po" ] || cp "$po" "$keep/$addon.po"
    "${ODOO[@]}" i18n export -c "$CONF" -d "$db" -l pot nl_NL -- "$addon"
    # The exporter can drop translations it does not find in the database
    # (Python code terms among them): take them back from the previous file.
    [ ! -f "$keep/$addon.po" ] || "$VENV/bin/python" - "$keep/$addon.po" "$po" <<'PY'
import sys

import polib

old = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(sys.argv[1]) if e.msgstr}
new = polib.pofile(sys.argv[2], wrapwidth=78)
for entry in new:
    if not entry.msgstr and (entry.msgctxt, entry.msgid) in old:
        entry.msgstr = old[(entry.msgctxt, entry.msgid)]
new.save()
PY
done
rm -rf "$keep"
say "Dutch terms without translation:"
for addon in ${ADDONS//,/ }; do
    printf '  %s: ' "$addon"
    if [ -f "$REPO_DIR/$addon/i18n/nl.po" ]; then
        msgattrib --untranslated --no-obsolete "$REPO_DIR/$addon/i18n/nl.po" |
            grep -c '^msgid "' | awk '{print ($1 > 0 ? $1 - 1 : 0)}' || true
    else
        echo "no translatable terms"
    fi
done
