#!/usr/bin/env bash
# Verifies that nothing a run started outlives it. ./run.sh and ./test.sh export XICHOU_RUN_ID; every process they
# start inherits it (the app host, DCP, the services, the broker, Erlang's epmd even when it daemonizes), so at
# their exit this lists the processes that still carry it. It waits up to GRACE seconds (default 60) for them to
# end by themselves; whatever is left is printed, stopped (TERM, then KILL) and the script exits 1.
#   scripts/leftovers.sh RUN_ID [GRACE]      -> exit 0: nothing left; exit 1: leftovers found (and stopped)
#   scripts/leftovers.sh --list RUN_ID       -> only prints "pid command" of each process carrying RUN_ID
set -uo pipefail
list_only=""
if [ "${1:-}" = "--list" ]; then list_only=1; shift; fi
run_id=${1:?usage: leftovers.sh [--list] RUN_ID [GRACE_SECONDS]}
grace=${2:-60}

# This script and its children must not carry the id themselves.
if [ "${XICHOU_RUN_ID:-}" = "$run_id" ]; then exec env -u XICHOU_RUN_ID "$0" ${list_only:+--list} "$run_id" "$grace"; fi

# Processes whose environment holds XICHOU_RUN_ID=RUN_ID.
carriers() {
  local pid environ
  for environ in /proc/[0-9]*/environ; do
    pid=${environ#/proc/}; pid=${pid%/environ}
    if { tr '\0' '\n' < "$environ"; } 2> /dev/null | grep -qx "XICHOU_RUN_ID=$run_id"; then echo "$pid"; fi
  done
}

describe() { printf '%s %s\n' "$1" "$({ tr '\0' ' ' < "/proc/$1/cmdline"; } 2> /dev/null | cut -c1-160)"; }

if [ -n "$list_only" ]; then
  for pid in $(carriers); do describe "$pid"; done
  exit 0
fi

left=$(carriers)
for _ in $(seq 1 "$grace"); do
  [ -z "$left" ] && exit 0
  sleep 1
  left=$(carriers)
done
[ -z "$left" ] && exit 0

echo "leftovers.sh: these processes started by run $run_id are still running after it ended:" >&2
for pid in $left; do describe "$pid" >&2; done
for pid in $left; do kill -TERM "$pid" 2> /dev/null || true; done
sleep 5
for pid in $left; do kill -KILL "$pid" 2> /dev/null || true; done
echo "leftovers.sh: stopped them; the run fails because it left them behind" >&2
exit 1
