#!/usr/bin/env bash
# A PostgreSQL cluster from the machine's own binaries, for machines without a Docker engine.
#   infra/pg-local.sh start DIR PORT   -> initdb DIR if needed, start on 127.0.0.1:PORT, create database "monitor";
#                                         prints the connection string on stdout
#   infra/pg-local.sh stop DIR         -> stops it
#   infra/pg-local.sh status DIR
# PostgreSQL refuses to run as root, so as root the cluster belongs to the 'postgres' user.
# Trust authentication on loopback only: this is a developer/test cluster, never a production one.
set -euo pipefail
cmd=${1:?usage: pg-local.sh start|stop|status DIR [PORT]}
dir=${2:?data directory required}
port=${3:-55432}

find_bin() {
  local b
  for b in /usr/lib/postgresql/*/bin; do [ -x "$b/initdb" ] && { echo "$b"; return; }; done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return; }
  return 1
}

bin=$(find_bin || true)
if [ -z "$bin" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "PostgreSQL binaries not found: installing postgresql with apt-get" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
    bin=$(find_bin)
  else
    echo "PostgreSQL server binaries (initdb, pg_ctl) not found; install PostgreSQL 15 or set MONITOR_DB" >&2
    exit 3
  fi
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
owner=$( [ "$(id -u)" = 0 ] && echo postgres || id -un )
user=$owner
case "$cmd" in
  start)
    if [ "$(id -u)" = 0 ]; then
      chown postgres "$dir"
      # the postgres user must be able to reach the folder
      p="$dir"; while [ "$p" != / ]; do p=$(dirname "$p"); chmod o+x "$p" 2>/dev/null || true; done
    fi
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir" -U "$user" -A trust -E UTF8 --no-locale >/dev/null
      cat >> "$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 256MB
CONF
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      # Another cluster (another checkout's) may hold the port: take the next free one.
      while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
      as_owner "$bin/pg_ctl" -D "$dir" -o "-p $port" -l "$dir/server.log" -w -t 60 start >/dev/null
    fi
    port=$(sed -n 4p "$dir/postmaster.pid")
    "$bin/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -tAc "select 1 from pg_database where datname='monitor'" | grep -q 1 \
      || "$bin/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -qc "create database monitor" >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=$user;Database=monitor;Pooling=true;Maximum Pool Size=50"
    ;;
  stop)
    if [ -f "$dir/PG_VERSION" ]; then as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true; fi
    ;;
  status)
    as_owner "$bin/pg_ctl" -D "$dir" status
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
