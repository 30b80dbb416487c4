#!/usr/bin/env bash
# Runs a command the way serambi.service runs Serambi: as the serambi user, in this checkout, with
# the settings of /etc/serambi/serambi.env. For commands that work on the server's data, e.g.
#   sudo /opt/serambi/deploy/run.sh pnpm backup
set -euo pipefail
if [ $# -eq 0 ]; then
  echo "usage: sudo deploy/run.sh <command> [arguments...]" >&2
  exit 2
fi
env_file=${SERAMBI_ENV_FILE:-/etc/serambi/serambi.env}
[ -r "$env_file" ] || {
  echo "Cannot read $env_file: run it with sudo, on a server deploy/install.sh set up." >&2
  exit 1
}
cd "$(dirname "$0")/.."
set -a
# shellcheck source=deploy/serambi.env
. "$env_file"
set +a
exec runuser -u serambi -- "$@"
