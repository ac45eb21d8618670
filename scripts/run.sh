#!/usr/bin/env bash
# `make run`: starts the platform on this machine without Docker (broker, gateway, sys-metrics-service, and the web
# UI through Debian's nginx), prints where to connect, and stops everything on
# Ctrl-C (or `make stop` from another terminal). Logs and pid files are under $RUN_DIR (default .run/); broker data
# under $BROKER_DATA_DIR (default .run/broker-data), kept across runs. RUN_COMPONENTS (default all four:
# "broker gateway sys-metrics web-ui") starts only some of them, in that order; the web UI's browser tests and the
# e2e suite start the platform with this script. How each component is started: scripts/components.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

RUN_DIR=${RUN_DIR:-.run}
LOG_DIR=$RUN_DIR/logs
export BROKER_DATA_DIR=${BROKER_DATA_DIR:-$(realpath -m "$RUN_DIR/broker-data")}
export WEB_UI_NGINX_DIR=${WEB_UI_NGINX_DIR:-$RUN_DIR/nginx}
export MQTT_PORT=${MQTT_PORT:-1883}
export MQTT_WS_PORT=${MQTT_WS_PORT:-8000}
export HEALTH_PORT=${HEALTH_PORT:-8889}
export GATEWAY_PORT=${GATEWAY_PORT:-8080}
export GATEWAY_BROKER_HOST=${GATEWAY_BROKER_HOST:-localhost}
export GATEWAY_BROKER_PORT=${GATEWAY_BROKER_PORT:-$MQTT_PORT}
export WEB_UI_PORT=${WEB_UI_PORT:-8088}
export WEB_UI_GATEWAY_URL=${WEB_UI_GATEWAY_URL:-http://localhost:$GATEWAY_PORT}
export SYS_METRICS_PORT=${SYS_METRICS_PORT:-8081}
export SYS_METRICS_BROKER_HOST=${SYS_METRICS_BROKER_HOST:-localhost}
export SYS_METRICS_BROKER_PORT=${SYS_METRICS_BROKER_PORT:-$MQTT_PORT}
# The metrics service must know how often the broker publishes $SYS to tell a silent broker from a slow one.
if [ "${SYS_INTERVAL:-10}" != "0" ]; then
    export SYS_METRICS_BROKER_SYS_INTERVAL=${SYS_METRICS_BROKER_SYS_INTERVAL:-${SYS_INTERVAL:-10}s}
fi
RUN_COMPONENTS=${RUN_COMPONENTS:-broker gateway sys-metrics web-ui}
for component in $RUN_COMPONENTS; do
    case $component in
        broker | gateway | sys-metrics | web-ui) ;;
        *)
            echo "error: RUN_COMPONENTS='$RUN_COMPONENTS' names '$component': expected some of broker, gateway, sys-metrics, web-ui" >&2
            exit 1
            ;;
    esac
done
# wanted COMPONENT: true when RUN_COMPONENTS names it.
wanted() { [[ " $RUN_COMPONENTS " == *" $1 "* ]]; }
mkdir -p "$LOG_DIR" "$BROKER_DATA_DIR"

# One platform at a time: a second `make run` must not disturb the first one's processes, pid files or logs.
for file in "$RUN_DIR"/*.pid; do
    [ -e "$file" ] || continue
    if kill -0 "$(cat "$file")" 2>/dev/null; then
        echo "error: the platform is already running ($(basename "$file" .pid), pid $(cat "$file")); use it, or 'make stop' first." >&2
        exit 1
    fi
    rm -f "$file" # left over from a run that was killed
done

# Every port free before anything starts, or a message naming the port and the variable that moves it.
settings=()
wanted broker && settings+=(MQTT_PORT MQTT_WS_PORT HEALTH_PORT)
wanted gateway && settings+=(GATEWAY_PORT)
wanted sys-metrics && settings+=(SYS_METRICS_PORT)
wanted web-ui && settings+=(WEB_UI_PORT)
for setting in "${settings[@]}"; do
    if port_in_use "${!setting}"; then
        echo "error: port ${!setting} ($setting) is already in use; stop what uses it (often a system mosquitto or another make run), or run e.g. '$setting=<another port> make run'" >&2
        exit 1
    fi
done

pids=()
pidfiles=("$RUN_DIR/make-run.pid")
# `make stop` signals this script, which stops the components in order and reports it once.
echo $$ >"$RUN_DIR/make-run.pid"
stop_all() {
    trap - INT TERM EXIT
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -f "${pidfiles[@]}"
    echo "Stopped."
}
# Ctrl-C / SIGTERM: stop everything and end here; any other end of this script also stops everything.
on_signal() {
    stop_all
    exit 130
}
trap on_signal INT TERM
trap stop_all EXIT

# wait_for NAME PATTERN TIMEOUT_SECONDS [PID]: until NAME's log shows PATTERN (or exit, with the log's end).
wait_for() { await_log "$1" "$LOG_DIR/$1.log" "$2" "$3" "${4:-}" || exit 1; }
# wait_http NAME URL TIMEOUT_SECONDS PID: until URL answers 200.
wait_http() { await "$1" "$LOG_DIR/$1.log" "answer at $2" "$3" "$4" curl -sf -o /dev/null "$2" || exit 1; }

# The components: run_broker, run_gateway, run_sys_metrics, run_web_ui.
source scripts/components.sh

names=()
commands=()
started_at=()
restarts=()
# launch INDEX: (re)starts component INDEX in the background, its output appended to .run/logs/NAME.log.
launch() {
    local i=$1
    "${commands[$i]}" >>"$LOG_DIR/${names[$i]}.log" 2>&1 &
    pids[i]=$!
    started_at[i]=$SECONDS
    echo "${pids[$i]}" >"$RUN_DIR/${names[$i]}.pid"
}

# start NAME READY_PATTERN TIMEOUT_SECONDS FUNCTION: starts a component with a fresh log and waits until the log
# shows READY_PATTERN.
start() {
    local name=$1 ready=$2 timeout=$3 i=${#names[@]}
    names[i]=$name
    commands[i]=$4
    restarts[i]=0
    pidfiles+=("$RUN_DIR/$name.pid")
    : >"$LOG_DIR/$name.log"
    launch "$i"
    wait_for "$name" "$ready" "$timeout" "${pids[$i]}"
    echo "  $name ready ($(grep -m1 "$ready" "$LOG_DIR/$name.log"))"
}

echo "Starting the MQTT platform (logs in $LOG_DIR/)..."
broker=-1
if wanted broker; then
    broker=${#names[@]}
    start broker "MQTT broker ready" 120 run_broker
fi
if wanted gateway; then
    start gateway "Listening on" 120 run_gateway
    wait_for gateway "Connected to the broker" 60
fi
if wanted sys-metrics; then
    start sys-metrics "Listening on" 120 run_sys_metrics
    wait_for sys-metrics "Connected to the broker" 60
fi
if wanted web-ui; then
    start web-ui "web UI on" 10 run_web_ui
    wait_http web-ui "http://localhost:$WEB_UI_PORT/" 30 "${pids[-1]}"
fi

echo
if [ "$RUN_COMPONENTS" = "broker gateway sys-metrics web-ui" ]; then
    echo "The MQTT platform is running."
else
    echo "The MQTT platform is running, with only: $RUN_COMPONENTS (RUN_COMPONENTS)."
fi
wanted broker && cat <<INFO
  MQTT broker   mqtt://localhost:$MQTT_PORT   (MQTT 3.1, 3.1.1 and 5)
                ws://localhost:$MQTT_WS_PORT/mqtt   (MQTT over WebSocket)
                http://localhost:$HEALTH_PORT/api/v1/health/liveness   (and /readiness: the broker's health)
INFO
wanted gateway && cat <<INFO
  HTTP gateway  http://localhost:$GATEWAY_PORT/api/v1/   (REST, WebSocket /api/v1/ws, SSE /api/v1/stream)
INFO
wanted web-ui && cat <<INFO
  Web UI        http://localhost:$WEB_UI_PORT/   <- open this in a browser
INFO
wanted gateway && cat <<INFO
  API docs      http://localhost:$GATEWAY_PORT/q/swagger-ui
INFO
wanted sys-metrics && cat <<INFO
  Metrics       http://localhost:$SYS_METRICS_PORT/metrics   (the broker's \$SYS tree for Prometheus)
INFO
wanted gateway && wanted broker && cat <<INFO
  Try it        curl -X POST --data 'Hello World' http://localhost:$GATEWAY_PORT/api/v1/topics/test
                mosquitto_sub -h localhost -p $MQTT_PORT -t '\$SYS/#' -v
INFO
cat <<INFO
  Logs          $LOG_DIR/
  Broker data   $BROKER_DATA_DIR
Press Ctrl-C to stop (or run 'make stop' in another terminal). A component that stops by itself is started again.
INFO

# A component that stops by itself is started again, as compose's `restart: unless-stopped` would (the others
# reconnect to it by themselves); one that stops again within 30 s of being restarted stops everything.
# The broker is also replaced when its process stays but it no longer serves MQTT (a hung or thrashing JVM still
# accepts TCP connections): its liveness endpoint, checked every 5 s, failed BROKER_LIVENESS_FAILURES times in a row.
BROKER_LIVENESS_FAILURES=${BROKER_LIVENESS_FAILURES:-3}
# broker_liveness: succeeds when the broker's liveness endpoint answers 200; otherwise prints why.
broker_liveness() {
    local answer
    answer=$(curl -s -m 3 -w '\n%{http_code}' "http://127.0.0.1:$HEALTH_PORT/api/v1/health/liveness" 2>/dev/null) \
        || { echo "no answer within 3 s"; return 1; }
    [ "${answer##*$'\n'}" = 200 ] && return 0
    echo "${answer%$'\n'*}"
    return 1
}
restart() { # restart INDEX WHY
    local i=$1
    if [ "${restarts[$i]}" -gt 0 ] && [ $((SECONDS - started_at[i])) -lt 30 ]; then
        echo "error: ${names[$i]} stopped again within 30 s of being restarted; see $LOG_DIR/${names[$i]}.log. Stopping the rest." >&2
        exit 1
    fi
    echo "$(date +%T) ${names[$i]} $2; starting it again (log: $LOG_DIR/${names[$i]}.log)"
    restarts[i]=$((restarts[i] + 1))
    launch "$i"
}
liveness_failures=0
next_liveness_check=$((SECONDS + 5))
while true; do
    sleep 1 &
    wait $! 2>/dev/null || true
    for i in "${!names[@]}"; do
        kill -0 "${pids[$i]}" 2>/dev/null && continue
        wait "${pids[$i]}" 2>/dev/null || true
        restart "$i" "stopped by itself"
    done
    [ "$broker" -ge 0 ] && [ "$HEALTH_PORT" != 0 ] && [ "$SECONDS" -ge "$next_liveness_check" ] || continue
    next_liveness_check=$((SECONDS + 5))
    if why=$(broker_liveness); then
        liveness_failures=0
        continue
    fi
    liveness_failures=$((liveness_failures + 1))
    echo "$(date +%T) broker liveness check failed ($liveness_failures of $BROKER_LIVENESS_FAILURES): $why"
    if [ "$liveness_failures" -ge "$BROKER_LIVENESS_FAILURES" ]; then
        liveness_failures=0
        kill -KILL "${pids[$broker]}" 2>/dev/null || true
        wait "${pids[$broker]}" 2>/dev/null || true
        restart "$broker" "did not serve MQTT for $BROKER_LIVENESS_FAILURES liveness checks in a row, so it was killed (SIGKILL)"
    fi
done
