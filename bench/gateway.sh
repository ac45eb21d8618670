#!/usr/bin/env bash
# Gateway benchmarks, as `make bench` prints them (targets from the gateway issue):
#  - REST publish QoS 0 and 1, 100-byte payloads, keep-alive, 64 connections: request rate against the gateway's
#    no-op POST (>= 50%), and p99 latency at half the maximum rate (< 10 ms);
#  - batch publish, 1000 messages per request: rate against the HiveMQ Java client publishing directly (>= 50%);
#  - WebSocket fan-out to 1000 sockets: deliveries/s against 1000 MQTT-over-WebSocket subscribers of the broker
#    (>= 70%), and the gateway's memory per idle socket.
# Broker, gateway and load all run on this machine, on 127.0.0.1 only, bounded in time; everything stops at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
SOCKETS=${SOCKETS:-1000}
FANOUT_MESSAGES=${FANOUT_MESSAGES:-100}
command -v hey >/dev/null || scripts/install-test-deps.sh hey

source bench/common.sh
start_broker 10 1g
http_port=$(free_port)
GATEWAY_HOST=127.0.0.1 GATEWAY_PORT=$http_port GATEWAY_BROKER_HOST=127.0.0.1 GATEWAY_BROKER_PORT=$mqtt_port \
    GATEWAY_BENCH_ENABLED=true GATEWAY_JAVA_OPTS=-Xmx512m run_gateway >"$work/gateway.log" 2>&1 &
gateway_pid=$!
pids+=($gateway_pid)
wait_log "$work/gateway.log" "Connected to the broker"
base=http://127.0.0.1:$http_port

head -c 100 /dev/zero | tr '\0' 'p' >"$work/body"
# hey_run URL [QPS_PER_WORKER]: prints "requests_per_s p99_ms"
hey_run() {
    local qps=()
    [ -n "${2:-}" ] && qps=(-q "$2")
    hey -z "${SECONDS_PER_RUN}s" -c 64 "${qps[@]}" -m POST -T text/plain -D "$work/body" "$1" >"$work/hey.out"
    hey_result "$work/hey.out" "$1" '20[02]'
}

echo "Warming up the gateway (JIT) on every endpoint measured..." >&2
for path in bench/noop "topics/bench/rest?qos=0" "topics/bench/rest?qos=1"; do
    hey_run "$base/api/v1/$path" >/dev/null
done

read -r noop_rps noop_p99 < <(hey_run "$base/api/v1/bench/noop")
read -r q0_rps q0_p99max < <(hey_run "$base/api/v1/topics/bench/rest?qos=0")
read -r q1_rps q1_p99max < <(hey_run "$base/api/v1/topics/bench/rest?qos=1")
read -r _ q0_p99 < <(hey_run "$base/api/v1/topics/bench/rest?qos=0" $(( q0_rps / 2 / 64 > 0 ? q0_rps / 2 / 64 : 1 )))
read -r _ q1_p99 < <(hey_run "$base/api/v1/topics/bench/rest?qos=1" $(( q1_rps / 2 / 64 > 0 ? q1_rps / 2 / 64 : 1 )))

timeout 300 java -cp bench/target/bench.jar io.mqttplatform.bench.BatchPublishBench "$base" "$mqtt_port" 30 >"$work/batch.out"
timeout 300 java -Xmx1g -cp bench/target/bench.jar io.mqttplatform.bench.FanoutBench "$base" "$mqtt_port" "$ws_port" "$gateway_pid" \
    "$SOCKETS" "$FANOUT_MESSAGES" >"$work/fanout.out"
value() { awk -v k="$1" '$1 == k {print $2}' "$work/batch.out" "$work/fanout.out"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f%%", 100 * a / b}'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {ok = (op == ">=") ? v >= t : v < t; print ok ? "met" : "NOT MET"}'; }
row() { printf '%-52s %14s %10s %14s %8s\n' "$@"; }

printf '\nGateway (%s cores; broker and gateway on this machine; hey -c 64, %ss per run; 100-byte payloads)\n' "$(nproc)" "$SECONDS_PER_RUN"
row "measure" "value" "ratio" "target" "verdict"
row "no-op POST /api/v1/bench/noop (req/s)" "$noop_rps" "" "" ""
row "REST publish QoS 0 (req/s)" "$q0_rps" "$(ratio "$q0_rps" "$noop_rps")" ">= 50% no-op" "$(verdict "$(awk -v a="$q0_rps" -v b="$noop_rps" 'BEGIN{print a/b}')" ">=" 0.5)"
row "REST publish QoS 1 (req/s)" "$q1_rps" "$(ratio "$q1_rps" "$noop_rps")" ">= 50% no-op" "$(verdict "$(awk -v a="$q1_rps" -v b="$noop_rps" 'BEGIN{print a/b}')" ">=" 0.5)"
row "REST QoS 0 p99 at half max rate (ms)" "$q0_p99" "" "< 10 ms" "$(verdict "$q0_p99" "<" 10)"
row "REST QoS 1 p99 at half max rate (ms)" "$q1_p99" "" "< 10 ms" "$(verdict "$q1_p99" "<" 10)"
row "(p99 at max rate, QoS 0 / QoS 1, ms)" "$q0_p99max / $q1_p99max" "" "" ""
row "batch publish via gateway, QoS 1 (msg/s)" "$(value batch.gateway_msgs_per_s)" "$(ratio "$(value batch.gateway_msgs_per_s)" "$(value batch.direct_msgs_per_s)")" ">= 50% direct" "$(verdict "$(awk -v a="$(value batch.gateway_msgs_per_s)" -v b="$(value batch.direct_msgs_per_s)" 'BEGIN{print a/b}')" ">=" 0.5)"
row "batch publish, HiveMQ client direct (msg/s)" "$(value batch.direct_msgs_per_s)" "" "" ""
row "fan-out to $SOCKETS gateway WebSockets (deliveries/s)" "$(value fanout.gateway_deliveries_per_s)" "$(ratio "$(value fanout.gateway_deliveries_per_s)" "$(value fanout.broker_ws_deliveries_per_s)")" ">= 70% direct" "$(verdict "$(awk -v a="$(value fanout.gateway_deliveries_per_s)" -v b="$(value fanout.broker_ws_deliveries_per_s)" 'BEGIN{print a/b}')" ">=" 0.7)"
row "fan-out to $SOCKETS MQTT-over-WS subscribers (deliv./s)" "$(value fanout.broker_ws_deliveries_per_s)" "" "" ""
row "gateway RSS per idle WebSocket (KiB)" "$(value fanout.gateway_rss_per_idle_socket_kib)" "" "" ""
