#!/usr/bin/env bash
# The operations API with many clients: CLIENTS (default 10,000) MQTT 3.1.1 clients connected to our broker as
# `make run` starts it, then the whole client list read in pages of 1000, the first page and a search for one id, at
# the broker (:HEALTH_PORT/api/v1/mqtt/clients) and through the gateway (/api/v1/clients); bench's OperationsBench,
# the median of 5 rounds. mosquitto has no such API, so there is nothing to compare with. Only 127.0.0.1; everything
# stops and the work folder goes at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${CLIENTS:-10000}
DRIVER_JAR=${DRIVER_JAR:-bench/target/bench.jar}
source bench/common.sh

health_port=$(free_port)
launch_ours HEALTH_PORT="$health_port" || exit 1
timeout 600 java -cp "$DRIVER_JAR" io.mqttplatform.bench.OperationsBench "$port" \
    "http://127.0.0.1:$health_port/api/v1/mqtt/clients" broker "$CLIENTS"
stop_broker

