#!/usr/bin/env bash
# Runs every test project of Xichou.sln: builds the solution, starts one private RabbitMQ node for the run
# (a free loopback port in 5680-5689, exported as ConnectionStrings__rabbitmq, data in .rabbitmq/test-PORT),
# runs the test projects one after another (two projects must not host the same service on one broker at
# once), stops the node on exit and prints each project's results from its TRX report (TestResults/), then each
# failed test with the start of its message.
# At exit it checks that nothing it started is still running (scripts/leftovers.sh: every process started under it
# carries its XICHOU_RUN_ID, Erlang's epmd included), prints and stops any that are, and fails.
# Exits non-zero on any failure.
#   ./test.sh                                 every test
#   ./test.sh --filter-class '*OutboxTests'   further arguments go to `dotnet test`
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
results="$root/TestResults"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export XICHOU_RUN_ID="test-$$-$(date +%s)"

# Installs Debian packages without letting their maintainer scripts start system services.
apt_install() {
  local policy=/usr/sbin/policy-rc.d own_policy="" sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "test.sh: installing $*"
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" > /dev/null && $sudo chmod +x "$policy" && own_policy=1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" > /dev/null
  if [ -n "$own_policy" ]; then $sudo rm -f "$policy"; fi
}

missing=()
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
# The gateway benchmark's smoke test drives wrk.
command -v wrk > /dev/null || missing+=(wrk)
# The browser only for test projects that drive one.
if grep -qs 'Include="Microsoft.Playwright"' tests/*/*.csproj && ! command -v chromium > /dev/null; then
  missing+=(chromium fonts-noto-cjk)
fi
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

dotnet build Xichou.sln -nologo -v quiet -clp:ErrorsOnly

port_in_use() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

broker_dir=""
stop_broker() {
  local status=$?
  trap - EXIT
  if [ -n "$broker_dir" ]; then
    scripts/rabbitmq.sh stop "$broker_dir" || true
    rm -rf "$broker_dir"
    broker_dir=""
  fi
  # The test hosts stop their services, nodes and app hosts themselves; this checks that they did.
  if ! scripts/leftovers.sh "$XICHOU_RUN_ID" 60; then
    [ "$status" -ne 0 ] || status=1
  fi
  exit "$status"
}
trap stop_broker EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port=""
for candidate in $(seq 5680 5689); do
  if ! port_in_use "$candidate" && ! port_in_use $((candidate + 10000)) && ! port_in_use $((candidate + 21000)); then
    port=$candidate; break
  fi
done
[ -n "$port" ] || { echo "test.sh: no free port for RabbitMQ in 5680-5689" >&2; exit 1; }
broker_dir="$root/.rabbitmq/test-$port"
rm -rf "$broker_dir"
scripts/rabbitmq.sh start "$port" "$broker_dir" > /dev/null
export ConnectionStrings__rabbitmq="amqp://guest:guest@127.0.0.1:$port"
echo "test.sh: RabbitMQ on 127.0.0.1:$port"

rm -rf "$results"
status=0
dotnet test --solution Xichou.sln --no-build --no-progress --no-ansi \
  --results-directory "$results" --max-parallel-test-modules 1 \
  --minimum-expected-tests 1 --report-xunit-trx "$@" || status=$?

# One line per test project, e.g. "Xichou.UnitTests: 60 passed, 0 failed, 0 skipped".
echo
echo "Results by test project (TRX reports in TestResults/):"
shopt -s nullglob
for trx in "$results"/*.trx; do
  project=$(sed -n -E 's/.*storage="[^"]*\/([^/"]+)\.dll".*/\1/p' "$trx" | sed -n 1p)
  counters=$(grep -o '<Counters [^>]*>' "$trx" || true)
  count() { local n; n=$(echo "$counters" | sed -n -E "s/.* $1=\"([0-9]+)\".*/\1/p"); echo "${n:-0}"; }
  failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
  echo "  ${project:-$(basename "$trx")}: $(count passed) passed, $failed failed, $(count notExecuted) skipped"
done
# The failed tests last, with their messages: a long run's log may be kept only by its end.
failures=$(scripts/trx-failures.sh "$results"/*.trx)
if [ -n "$failures" ]; then
  echo
  echo "Failed tests:"
  echo "$failures"
fi
exit "$status"
