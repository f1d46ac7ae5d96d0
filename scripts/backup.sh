#!/usr/bin/env bash
# Back up the portal's PostgreSQL database to one compressed, restorable file.
#   scripts/backup.sh [FILE]    (DATABASE_URL from the environment; FILE defaults to a dated name)
# Uploaded files live in MEDIA_ROOT: back that folder up alongside (e.g. rsync or tar).
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL, e.g. postgres://user@host:5432/cqskills}"
out="${1:-cqskills-$(date -u +%Y%m%dT%H%M%SZ).dump}"
bin="${PG_BIN:-}"
"${bin:+$bin/}pg_dump" --format=custom --no-owner --no-privileges --file="$out" "$DATABASE_URL"
"${bin:+$bin/}pg_restore" --list "$out" >/dev/null  # the file must be readable by restore
echo "$out"
