#!/usr/bin/env bash
# The operations API with many clients: CLIENTS (default 10,000) MQTT 3.1.1 clients connected to our broker as
# `make run` starts it, then the whole client list read in pages of 1000, the first page and a search for one id, at
# the broker (:HEALTH_PORT/api/v1/mqtt/clients) and through the gateway as run_gateway starts it (/api/v1/clients,
# auth off); bench's OperationsBench, the median of 5 rounds. mosquitto has no such API, so there is nothing to compare with. Only 127.0.0.1; everything
# stops and the work folder goes at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${CLIENTS:-10000}
DRIVER_JAR=${DRIVER_JAR:-bench/target/bench.jar}
source bench/common.sh

health_port=$(free_port)
launch_ours HEALTH_PORT="$health_port" || exit 1
http_port=$(free_port)
GATEWAY_HOST=127.0.0.1 GATEWAY_PORT=$http_port GATEWAY_BROKER_HOST=127.0.0.1 GATEWAY_BROKER_PORT=$port \
    HEALTH_PORT=$health_port run_gateway >"$work/gateway.log" 2>&1 &
pids+=($!)
wait_log "$work/gateway.log" "Connected to the broker"
timeout 600 java -cp "$DRIVER_JAR" io.mqttplatform.bench.OperationsBench "$port" "$CLIENTS" \
    "broker=http://127.0.0.1:$health_port/api/v1/mqtt/clients" "gateway=http://127.0.0.1:$http_port/api/v1/clients"
