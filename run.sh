#!/usr/bin/env bash
# Runs the whole Xichou platform on this machine through the Aspire app host: a private RabbitMQ node
# (Debian's rabbitmq-server, no Docker), the eight services with demo data, the gateway and the dashboard.
# Installs what is missing, builds Release once, starts the built app host (which starts the built services: no
# `dotnet run` wrappers), prints the URLs, and stops everything it started on Ctrl-C or SIGTERM; at exit it checks
# that nothing it started is still running (scripts/leftovers.sh), and fails if something was.
#   scripts/footprint.sh              while it runs: PSS and RSS of every process it started
#   ./run.sh                          gateway on http://localhost:8080, dashboard on http://localhost:18888
#   GATEWAY_PORT=8081 RABBITMQ_PORT=5673 ./run.sh
#   ./run.sh Demo:Enabled=false       further arguments are app host configuration (key=value)
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
gateway_port=${GATEWAY_PORT:-8080}
rabbitmq_port=${RABBITMQ_PORT:-5672}
dashboard_port=18888 # the app host's launch profile (apphost/Xichou.AppHost/Properties/launchSettings.json)
logs=data/logs
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Every process this run starts inherits the id, daemons included: scripts/leftovers.sh finds them by it at exit.
export XICHOU_RUN_ID="run-$$-$(date +%s)"
# A single-machine county deployment: workstation GC without the background GC thread, no tiered PGO
# instrumentation, and no W^X double mapping of JIT code (each .NET process kept about 60 MB of shared-memory
# mappings for it: with it off the platform's PSS fell by about 0.7 GB); measured with scripts/footprint.sh
# (README, Footprint). Set any of them yourself to override, e.g. DOTNET_EnableWriteXorExecute=1 ./run.sh.
export DOTNET_gcServer=${DOTNET_gcServer:-0} DOTNET_gcConcurrent=${DOTNET_gcConcurrent:-0} \
  DOTNET_TieredPGO=${DOTNET_TieredPGO:-0} DOTNET_EnableWriteXorExecute=${DOTNET_EnableWriteXorExecute:-0}

say() { echo "run.sh: $*"; }

# Installs Debian packages without letting their maintainer scripts start a system broker on 5672.
apt_install() {
  local policy=/usr/sbin/policy-rc.d own_policy="" sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  say "installing $*"
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" > /dev/null && $sudo chmod +x "$policy" && own_policy=1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" > /dev/null
  if [ -n "$own_policy" ]; then $sudo rm -f "$policy"; fi
}

command -v dotnet > /dev/null || { say "the .NET SDK is required (see global.json)" >&2; exit 1; }
missing=()
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v pgrep > /dev/null || missing+=(procps) # slim images lack it; the stop below needs it
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

port_in_use() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }
for port in "$gateway_port" "$rabbitmq_port" "$dashboard_port" $((dashboard_port + 1)) $((dashboard_port + 2)); do
  if port_in_use "$port"; then
    say "port $port is already in use (another ./run.sh?); free it or set GATEWAY_PORT / RABBITMQ_PORT" >&2
    exit 1
  fi
done

mkdir -p "$logs"
# Release, built once: the app host and every service it references. A built clone builds nothing here.
say "building Release (output: $logs/build.log)"
if ! dotnet build apphost/Xichou.AppHost/Xichou.AppHost.csproj -c Release -nologo -v quiet -clp:ErrorsOnly > "$logs/build.log" 2>&1; then
  cat "$logs/build.log" >&2
  exit 1
fi
started=$(date +%s)

run_pid=""
stop() {
  local status=$?
  trap - INT TERM EXIT
  if [ -n "$run_pid" ]; then
    say "stopping (DCP takes up to a minute to stop every resource)"
    # A background process ignores SIGINT: SIGTERM is what makes the app host shut its resources down.
    kill -TERM "$run_pid" 2> /dev/null || true
    for _ in $(seq 1 90); do kill -0 "$run_pid" 2> /dev/null || break; sleep 1; done
    # DCP watches the app host (--monitor PID) and removes the resources after it has gone: wait for it too.
    for _ in $(seq 1 60); do pgrep -f -- "--monitor $run_pid( |$)" > /dev/null || break; sleep 1; done
    for pid in $(pgrep -f -- "--monitor $run_pid( |$)" || true); do kill -TERM "$pid" 2> /dev/null || true; done
    run_pid=""
  fi
  rm -f "$logs/run.pid"
  if ! scripts/leftovers.sh "$XICHOU_RUN_ID" 30; then
    status=1
  fi
  say "stopped"
  exit "$status"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "starting the app host (its output: $logs/apphost.log, each resource's: $logs/<resource>.log)"
# The built app host itself, with its launch profile's settings (Properties/launchSettings.json, profile http).
ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
  ASPNETCORE_URLS="http://localhost:$dashboard_port" \
  ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://localhost:$((dashboard_port + 1))" \
  ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://localhost:$((dashboard_port + 2))" \
  apphost/Xichou.AppHost/bin/Release/net10.0/Xichou.AppHost \
  Demo:Enabled=true "Logs:Directory=$logs" "Gateway:Port=$gateway_port" "RabbitMq:Port=$rabbitmq_port" "$@" \
  > "$logs/apphost.log" 2>&1 &
run_pid=$!
echo "$$ $XICHOU_RUN_ID" > "$logs/run.pid"

healthy() {
  timeout 5 bash -c "exec 3<> /dev/tcp/127.0.0.1/$1 && printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && head -n 1 <&3" 2> /dev/null \
    | grep -q ' 200 '
}
# The gateway starts only once RabbitMQ and every service report healthy, so its /health means all is up.
for second in $(seq 1 600); do
  if ! kill -0 "$run_pid" 2> /dev/null; then
    say "the app host exited; its output:" >&2
    tail -n 40 "$logs/apphost.log" >&2
    run_pid=""
    exit 1
  fi
  if healthy "$gateway_port"; then break; fi
  if [ "$second" -eq 600 ]; then say "the platform did not become healthy within 10 minutes; see $logs/" >&2; exit 1; fi
  sleep 1
done

login=$(grep -o "http://localhost:$dashboard_port/login?t=[0-9a-f]*" "$logs/apphost.log" | tail -n 1 || true)
cat << EOF

  Xichou platform is running (healthy $(( $(date +%s) - started )) s after start).
    Gateway and portal:  http://localhost:$gateway_port/
    Sign in (demo users in README, password Xichou#2021), then register a household as the poverty office:
$(scripts/first-steps.sh "$gateway_port" | sed 's/^/      /')
    Dashboard:           ${login:-http://localhost:$dashboard_port/}
    RabbitMQ:            amqp://guest:guest@127.0.0.1:$rabbitmq_port
    Logs:                $root/$logs/
  Press Ctrl-C to stop.

EOF
wait "$run_pid" || true
run_pid=""
say "the app host exited"
