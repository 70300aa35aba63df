#!/usr/bin/env bash
# Starts or stops a private RabbitMQ node from Debian's rabbitmq-server, without Docker and without
# touching the system node: its own HOME, node name, ports and data folder, on loopback only. It brings its own
# Erlang port mapper (epmd) on PORT+21000 in the node's process group, so stopping the node stops it too: the
# shared epmd on 4369 that a node starts by itself is a daemon outside any group, which outlived every run. PORT+21000
# (26680 for 5680) stays below Linux's ephemeral ports (32768-60999), where a client socket's local port can hold it:
# on PORT+30000 a node failed to register with its epmd ("register/listen error: econnrefused") twice in one run.
# ERL_FLAGS keeps every Erlang VM the node spawns from starting one too: a node that finds its epmd gone (stopping, the
# group's epmd ends first) runs a one-off `erl -sname epmd-starter-N` to bring one back (rabbit_nodes_common:ensure_epmd),
# and that VM would leave an `epmd -daemon` behind.
#   scripts/rabbitmq.sh start PORT DIR   -> waits until AMQP answers, prints the pid
#   scripts/rabbitmq.sh stop DIR
set -euo pipefail
cmd=${1:?usage: rabbitmq.sh start PORT DIR | stop DIR}
case "$cmd" in
  start)
    port=${2:?port}; dir=$(mkdir -p "${3:?dir}" && cd "$3" && pwd)
    if [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
      echo "rabbitmq-server is not installed: apt-get install -y rabbitmq-server" >&2; exit 1
    fi
    mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
    : > "$dir/enabled_plugins"
    printf 'loopback_users = none\nlisteners.tcp.local = 127.0.0.1:%s\n' "$port" > "$dir/rabbitmq.conf"
    export HOME="$dir/home" RABBITMQ_NODENAME="xichou$port@localhost" RABBITMQ_NODE_PORT="$port" \
      RABBITMQ_DIST_PORT=$((port + 10000)) RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 ERL_EPMD_ADDRESS=127.0.0.1 \
      ERL_EPMD_PORT=$((port + 21000)) \
      RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" \
      RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_CONFIG_FILE="$dir/rabbitmq" \
      RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} -start_epmd false" \
      ERL_FLAGS="-start_epmd false"
    # The node's own epmd first (a child in the group, not a daemon), then the node once epmd answers. An epmd that could
    # not listen (its port still held by a node being stopped) fails the start at once, so the caller may take another port,
    # rather than the node failing to register with it ("register/listen error: econnrefused") 10 s later.
    setsid bash -c 'epmd -address 127.0.0.1 -port "$ERL_EPMD_PORT" & epmd=$!
      answered=""
      for _ in $(seq 1 100); do (exec 3<> "/dev/tcp/127.0.0.1/$ERL_EPMD_PORT") 2> /dev/null && { answered=1; break; }; sleep 0.1; done
      if [ -z "$answered" ] || ! kill -0 "$epmd" 2> /dev/null; then
        echo "rabbitmq.sh: epmd is not listening on 127.0.0.1:$ERL_EPMD_PORT" >&2; exit 1
      fi
      exec /usr/lib/rabbitmq/bin/rabbitmq-server' > "$dir/log/console.log" 2>&1 < /dev/null &
    echo $! > "$dir/pid"
    for _ in $(seq 1 120); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$(cat "$dir/pid")"; exit 0; fi
      kill -0 "$(cat "$dir/pid")" 2>/dev/null || { cat "$dir/log/console.log" >&2; exit 1; }
      sleep 0.5
    done
    echo "RabbitMQ did not open port $port within 60 s" >&2; exit 1
    ;;
  stop)
    dir=${2:?dir}
    [ -f "$dir/pid" ] || exit 0
    pid=$(cat "$dir/pid")
    # The node runs as a process group (setsid): end the group, then wait for it.
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    # Until every process of the group has gone, its ports (AMQP, distribution, epmd) may still be held.
    for _ in $(seq 1 40); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.25; done
    rm -f "$dir/pid"
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
