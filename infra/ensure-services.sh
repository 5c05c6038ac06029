#!/usr/bin/env bash
# Makes sure the services the tests talk to are installed and running on loopback:
# PostgreSQL at 127.0.0.1:5432 and Redis at 127.0.0.1:6379. Idempotent; used by .ci/run.
set -euo pipefail

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then echo "need root to apt-get install $*" >&2; return 1; fi
  if [ -z "${_apt_updated:-}" ]; then apt-get update -qq; _apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! command -v redis-server >/dev/null 2>&1; then apt_install redis-server; fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /tmp
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then apt_install postgresql; fi
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
  for _ in $(seq 1 50); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 0.2; done
fi
# Tests connect as postgres over TCP without a password (trust on loopback, as this machine has it).
psql -h 127.0.0.1 -U postgres -d postgres -tAc 'select 1' >/dev/null
echo "services: redis and postgres answer on 127.0.0.1"
