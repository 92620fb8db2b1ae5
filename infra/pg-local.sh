#!/usr/bin/env bash
# A PostgreSQL cluster from the machine's own binaries, for machines without a Docker engine.
#   infra/pg-local.sh start DIR PORT   -> initdb if needed, start on 127.0.0.1:PORT (or the next free port), create
#                                         database "monitor"; prints the connection string on stdout, and only that
#   infra/pg-local.sh stop DIR         -> stops it
#   infra/pg-local.sh status DIR       -> where its data lives, its port, whether it runs
#   infra/pg-local.sh destroy DIR      -> stops it and deletes its data
# Diagnostics go to stderr; stdout carries the connection string alone, so callers never parse it out of messages.
#
# PostgreSQL refuses to run as root, so as root the cluster belongs to the 'postgres' user. That user may not be able
# to enter DIR (a checkout in a private home folder or a `mktemp -d` folder), and we do not loosen permissions on
# folders we do not own: as root the data lives in a folder the postgres user owns (under its home), one per DIR,
# and DIR only records where (DIR/cluster-location). Server tools run from '/', which every user can enter.
# Trust authentication on loopback only: this is a developer/test cluster, never a production one.
set -euo pipefail
cmd=${1:?usage: pg-local.sh start|stop|status|destroy DIR [PORT]}
dir=${2:?usage: pg-local.sh start|stop|status|destroy DIR [PORT]}
port=${3:-55432}

say() { echo "pg-local: $*" >&2; }

find_bin() {
  local b
  for b in /usr/lib/postgresql/*/bin; do [ -x "$b/initdb" ] && { echo "$b"; return; }; done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return; }
  return 1
}

bin=$(find_bin || true)
if [ -z "$bin" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "PostgreSQL binaries not found: installing postgresql with apt-get"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
    bin=$(find_bin)
  else
    say "PostgreSQL server binaries (initdb, pg_ctl) not found; install PostgreSQL 15 or set MONITOR_DB"
    exit 3
  fi
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
cd /

if [ "$(id -u)" = 0 ]; then
  user=postgres
  as_owner() { runuser -u postgres -- "$@"; }
  if [ -f "$dir/PG_VERSION" ] && as_owner test -r "$dir/PG_VERSION"; then
    data=$dir   # a cluster made in place by an earlier version, which the postgres user can still reach
  else
    home=$(getent passwd postgres | cut -d: -f6)
    [ -n "$home" ] && [ -d "$home" ] || home=/var/lib/monitor-pg
    base="$home/monitor-clusters"
    mkdir -p "$base" && chown postgres: "$base" && chmod 700 "$base"
    data="$base/$(printf '%s' "$dir" | sha256sum | cut -c1-16)"
    printf '%s\n' "$data" > "$dir/cluster-location"
  fi
else
  user=$(id -un)
  as_owner() { "$@"; }
  data=$dir
fi

running() { as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

case "$cmd" in
  start)
    if [ ! -f "$data/PG_VERSION" ]; then
      mkdir -p "$data"
      if [ "$(id -u)" = 0 ]; then chown postgres: "$data"; fi
      chmod 700 "$data"
      as_owner "$bin/initdb" -D "$data" -U "$user" -A trust -E UTF8 --no-locale >/dev/null
      # No Unix socket: clients connect over loopback TCP, and a socket path can exceed the kernel's 107 bytes.
      as_owner tee -a "$data/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 256MB
CONF
      say "created a PostgreSQL cluster in $data"
    fi
    if ! running; then
      # Another cluster (another checkout's) may hold the port: take the next free one.
      while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
      if ! as_owner "$bin/pg_ctl" -D "$data" -o "-p $port" -l "$data/server.log" -w -t 60 start >/dev/null; then
        say "the server did not start; the end of $data/server.log:"
        as_owner tail -n 20 "$data/server.log" >&2 || true
        exit 1
      fi
      say "started PostgreSQL on 127.0.0.1:$port (data in $data; stop it with: infra/pg-local.sh stop \"$dir\")"
    fi
    port=$(as_owner sed -n 4p "$data/postmaster.pid")
    psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -v ON_ERROR_STOP=1)
    "${psql[@]}" -tAc "select 1 from pg_database where datname='monitor'" | grep -q 1 \
      || "${psql[@]}" -qc "create database monitor" >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=$user;Database=monitor;Pooling=true;Maximum Pool Size=50"
    ;;
  stop)
    if [ -f "$data/PG_VERSION" ] && running; then as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi
    ;;
  status)
    if [ ! -f "$data/PG_VERSION" ]; then echo "no cluster for $dir"; exit 3; fi
    if running; then
      echo "running on 127.0.0.1:$(as_owner sed -n 4p "$data/postmaster.pid") (data in $data)"
    else
      echo "stopped (data in $data)"; exit 3
    fi
    ;;
  destroy)
    # Only a folder that holds nothing but a cluster (or the record of where it lives) is deleted.
    if [ -n "$(find "$dir" -mindepth 1 -maxdepth 1 ! -name cluster-location -print -quit)" ] && [ "$data" != "$dir" ]; then
      say "refusing to delete $dir: it holds more than a cluster"; exit 2
    fi
    if [ -f "$data/PG_VERSION" ] && running; then as_owner "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null || true; fi
    if [ "$data" != "$dir" ]; then rm -rf "$data"; fi
    rm -rf "$dir"
    ;;
  *) say "unknown command $cmd (start, stop, status, destroy)"; exit 2 ;;
esac
