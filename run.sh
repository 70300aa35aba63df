#!/usr/bin/env bash
# Runs the whole Xichou platform on this machine through the Aspire app host: a private RabbitMQ node
# (Debian's rabbitmq-server, no Docker), the eight services with demo data, the gateway and the dashboard.
# Installs what is missing, builds, prints the URLs, and stops everything it started on Ctrl-C or SIGTERM.
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
say "building (output: $logs/build.log)"
if ! dotnet build apphost/Xichou.AppHost/Xichou.AppHost.csproj -nologo -v quiet -clp:ErrorsOnly > "$logs/build.log" 2>&1; then
  cat "$logs/build.log" >&2
  exit 1
fi
epmd_was_running=""
pgrep -x epmd > /dev/null && epmd_was_running=1

apphost_pid=""
run_pid=""
stop() {
  trap - INT TERM EXIT
  if [ -n "$run_pid" ]; then
    say "stopping (DCP takes up to a minute to stop every resource)"
    # A background process ignores SIGINT: SIGTERM is what makes the app host shut its resources down.
    [ -n "$apphost_pid" ] && kill -TERM "$apphost_pid" 2> /dev/null || true
    kill -TERM "$run_pid" 2> /dev/null || true
    for _ in $(seq 1 90); do kill -0 "$run_pid" 2> /dev/null || break; sleep 1; done
    # DCP watches the app host (--monitor PID) and removes the resources after it has gone: wait for it too.
    if [ -n "$apphost_pid" ]; then
      for _ in $(seq 1 60); do pgrep -f -- "--monitor $apphost_pid( |$)" > /dev/null || break; sleep 1; done
      for pid in $(pgrep -f -- "--monitor $apphost_pid( |$)" || true); do kill -TERM "$pid" 2> /dev/null || true; done
    fi
    if [ -z "$epmd_was_running" ] && command -v epmd > /dev/null; then
      epmd -kill > /dev/null 2>&1 || true # refuses while any Erlang node still runs
    fi
    say "stopped"
  fi
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "starting the app host (its output: $logs/apphost.log, each resource's: $logs/<resource>.log)"
dotnet run --project apphost/Xichou.AppHost --no-build --launch-profile http -- \
  Demo:Enabled=true "Logs:Directory=$logs" "Gateway:Port=$gateway_port" "RabbitMq:Port=$rabbitmq_port" "$@" \
  > "$logs/apphost.log" 2>&1 &
run_pid=$!

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
  [ -n "$apphost_pid" ] || apphost_pid=$(pgrep -P "$run_pid" -f 'Xichou.AppHost' || true)
  if healthy "$gateway_port"; then break; fi
  if [ "$second" -eq 600 ]; then say "the platform did not become healthy within 10 minutes; see $logs/" >&2; exit 1; fi
  sleep 1
done

login=$(grep -o "http://localhost:$dashboard_port/login?t=[0-9a-f]*" "$logs/apphost.log" | tail -n 1 || true)
cat << EOF

  Xichou platform is running.
    Gateway and portal:  http://localhost:$gateway_port/
    Sign in (demo users in README, password Xichou#2021), then register a household as the poverty office:
      token=\$(curl -s http://localhost:$gateway_port/auth/token -H 'content-type: application/json' \\
        -d '{"username":"poverty-office","password":"Xichou#2021"}' | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
      curl -s -XPOST http://localhost:$gateway_port/monitoring/api/households -H "authorization: Bearer \$token" \\
        -H 'content-type: application/json' -d '{"villageCode":"532623101012","headName":"王明","headIdNumber":"532623198001011238"}'
    Dashboard:           ${login:-http://localhost:$dashboard_port/}
    RabbitMQ:            amqp://guest:guest@127.0.0.1:$rabbitmq_port
    Logs:                $root/$logs/
  Press Ctrl-C to stop.

EOF
wait "$run_pid" || true
run_pid=""
say "the app host exited"
