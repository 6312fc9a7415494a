#!/usr/bin/env bash
# Start a throw-away PostgreSQL on 127.0.0.1:55432 (user/password/db: somevahti) for the tests.
set -euo pipefail
PGPORT=55432
PGDATA=${PGDATA_DIR:-/tmp/somevahti-pg}

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

if [ "$(id -u)" = 0 ]; then RUN=(runuser -u postgres --); else RUN=(); fi
if "${RUN[@]}" "$BIN/pg_isready" -h 127.0.0.1 -p $PGPORT -q; then
  exit 0
fi
rm -rf "$PGDATA"
mkdir -p "$PGDATA"
[ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
"${RUN[@]}" "$BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 >/dev/null
"${RUN[@]}" "$BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/log" -w \
  -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
"${RUN[@]}" "$BIN/psql" -h 127.0.0.1 -p $PGPORT -U postgres -q -c \
  "CREATE ROLE somevahti LOGIN PASSWORD 'somevahti' CREATEDB" -c "CREATE DATABASE somevahti OWNER somevahti"
echo "PostgreSQL running on 127.0.0.1:$PGPORT"
