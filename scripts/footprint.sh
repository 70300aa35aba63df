#!/usr/bin/env bash
# Memory footprint of everything a run started: every process in the tree under the given PIDs (default: the
# ./run.sh recorded in data/logs/run.pid), plus any process carrying that run's XICHOU_RUN_ID in its environment
# (daemons that left the tree) and Aspire's DCP, which watches the app host from outside the tree, from
# /proc/<pid>/smaps_rollup. Prints PSS and RSS per process and the totals.
# PSS (proportional set size) shares each shared page among the processes that map it, so the PSS total is what
# the run really costs the machine; RSS counts a shared page in every process and overstates it.
#   scripts/footprint.sh               the running ./run.sh
#   scripts/footprint.sh PID...        any process trees
#   FOOTPRINT_RUN_ID=ID scripts/footprint.sh PID...
set -euo pipefail
cd "$(dirname "$0")/.."

roots=("$@")
run_id=${FOOTPRINT_RUN_ID:-}
if [ ${#roots[@]} -eq 0 ]; then
  [ -f data/logs/run.pid ] || { echo "footprint.sh: no PID given and no data/logs/run.pid (is ./run.sh running?)" >&2; exit 2; }
  read -r root_pid run_id < data/logs/run.pid
  roots=("$root_pid")
fi
for pid in "${roots[@]}"; do
  kill -0 "$pid" 2> /dev/null || { echo "footprint.sh: process $pid is not running" >&2; exit 2; }
done

# Parent of every process, once: "pid ppid" (field 4 of /proc/PID/stat, after the command in parentheses).
declare -A parent=()
for stat in /proc/[0-9]*/stat; do
  line=$(cat "$stat" 2> /dev/null) || continue # gone meanwhile
  pid=${stat#/proc/}; pid=${pid%/stat}
  rest=${line##*) }
  read -r _ ppid _ <<< "$rest"
  parent[$pid]=$ppid
done

# Aspire's orchestrator (DCP) leaves the tree (its own session, parent 1) and watches the app host with
# --monitor PID: a process so watching a chosen one is a root too. Two passes reach it from the app host.
declare -A chosen=()
choose() {
for pid in "${!parent[@]}"; do
  ancestor=$pid
  while [ -n "$ancestor" ] && [ "$ancestor" != 0 ]; do
    for root in "${roots[@]}"; do
      if [ "$ancestor" = "$root" ]; then chosen[$pid]=1; break 2; fi
    done
    ancestor=${parent[$ancestor]:-}
  done
  if [ -z "${chosen[$pid]:-}" ] && [ -n "$run_id" ] && [ "$pid" != "$$" ] \
    && { tr '\0' '\n' < "/proc/$pid/environ"; } 2> /dev/null | grep -qx "XICHOU_RUN_ID=$run_id"; then
    chosen[$pid]=1
  fi
done
}
choose
for pid in "${!parent[@]}"; do
  [ -z "${chosen[$pid]:-}" ] || continue
  monitored=$({ tr '\0' ' ' < "/proc/$pid/cmdline"; } 2> /dev/null | sed -n -E 's/.*--monitor ([0-9]+)( .*|$)/\1/p' || true)
  if [ -n "$monitored" ] && [ -n "${chosen[$monitored]:-}" ]; then roots+=("$pid"); fi
done
choose

# What a process is: the program's file name, and for dotnet the assembly it runs (dotnet run / dotnet X.dll).
describe() {
  local pid=$1 args name
  { mapfile -d "" -t args < "/proc/$pid/cmdline"; } 2> /dev/null || true
  [ ${#args[@]} -gt 0 ] || { cat "/proc/$pid/comm" 2> /dev/null; return; }
  name=${args[0]##*/}
  case "$name" in
    dotnet)
      local arg
      for arg in "${args[@]:1}"; do
        case "$arg" in
          run) name="dotnet run (wrapper)" ;;
          *.dll) name="dotnet ${arg##*/}"; break ;;
          --project) ;;
          */*.csproj | */Xichou.*) [ "$name" = "dotnet run (wrapper)" ] && { name="dotnet run ${arg##*/}"; break; } ;;
        esac
      done ;;
    beam.smp) name="beam.smp (RabbitMQ)" ;;
    dcp) name="dcp ${args[1]:-}" ;;
  esac
  echo "$name"
}

rows=()
total_pss=0
total_rss=0
for pid in "${!chosen[@]}"; do
  rollup=/proc/$pid/smaps_rollup
  [ -r "$rollup" ] || continue
  pss=$(awk '/^Pss:/ { print $2; exit }' "$rollup" 2> /dev/null || true)
  rss=$(awk '/^Rss:/ { print $2; exit }' "$rollup" 2> /dev/null || true)
  [ -n "$pss" ] && [ -n "$rss" ] || continue
  total_pss=$((total_pss + pss))
  total_rss=$((total_rss + rss))
  rows+=("$(awk -v p="$pid" -v a="$pss" -v b="$rss" -v n="$(describe "$pid")" 'BEGIN { printf "%8d %10.1f %10.1f  %s", p, a / 1024, b / 1024, n }')")
done

printf '%8s %10s %10s  %s\n' PID "PSS MB" "RSS MB" PROCESS
printf '%s\n' "${rows[@]}" | sort -k2 -n -r
awk -v a="$total_pss" -v b="$total_rss" -v n="${#rows[@]}" \
  'BEGIN { printf "%8s %10.1f %10.1f  %d processes\n", "total", a / 1024, b / 1024, n }'
