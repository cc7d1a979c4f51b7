#!/usr/bin/env sh
# Makes sure the PostgreSQL server binaries the audit-store tests start are installed
# (test/support/postgres-server.ts runs initdb and pg_ctl from /usr/lib/postgresql/<version>/bin).
# Idempotent: does nothing when they are already there. Debian/Ubuntu with apt-get, as root
# (CI runs as root); elsewhere it says what to install instead.
set -eu

has_binaries() {
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "PostgreSQL server binaries found in $dir"
      return 0
    fi
  done
  return 1
}

if has_binaries; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-postgres: apt-get not found; install the PostgreSQL server (initdb, pg_ctl) with your package manager" >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-postgres: run as root (or with sudo): apt-get needs it to install postgresql" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends postgresql

if ! has_binaries; then
  echo "install-postgres: postgresql was installed but no /usr/lib/postgresql/<version>/bin/initdb was found" >&2
  exit 1
fi
