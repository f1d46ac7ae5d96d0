#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into DATABASE_URL, replacing what is there.
#   scripts/restore.sh FILE
# Stop the app servers first; start them again afterwards (they reconnect by themselves).
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL, e.g. postgres://user@host:5432/cqskills}"
file="${1:?usage: scripts/restore.sh FILE}"
bin="${PG_BIN:-}"
"${bin:+$bin/}pg_restore" --clean --if-exists --no-owner --no-privileges --single-transaction \
  --exit-on-error --dbname="$DATABASE_URL" "$file"
echo "restored $file"
