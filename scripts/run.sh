#!/usr/bin/env bash
# `make run`: starts the platform on this machine without Docker (broker, gateway, sys-metrics-service, and the web
# UI through Debian's nginx), prints where to connect, and stops everything on
# Ctrl-C (or `make stop` from another terminal). Logs and pid files are under $RUN_DIR (default .run/); broker data
# under $BROKER_DATA_DIR (default .run/broker-data), kept across runs.
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
for setting in MQTT_PORT MQTT_WS_PORT HEALTH_PORT GATEWAY_PORT SYS_METRICS_PORT WEB_UI_PORT; do
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

# wait_until NAME WHAT TIMEOUT_SECONDS PID CHECK...: runs CHECK every 0.1 s until it succeeds; fails with the end of
# NAME's log when PID (if not empty) stops first, or when the time runs out.
wait_until() {
    local name=$1 what=$2 timeout=$3 pid=$4 waited=0
    shift 4
    until "$@"; do
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
            echo "error: $name stopped during start-up; its log ($LOG_DIR/$name.log) ends with:" >&2
            tail -n 20 "$LOG_DIR/$name.log" >&2
            exit 1
        fi
        if [ "$waited" -ge $((timeout * 10)) ]; then
            echo "error: $name did not $what within ${timeout}s; see $LOG_DIR/$name.log" >&2
            exit 1
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
}
# wait_for NAME PATTERN TIMEOUT_SECONDS [PID]: until NAME's log shows PATTERN.
wait_for() { wait_until "$1" "report '$2'" "$3" "${4:-}" grep -q "$2" "$LOG_DIR/$1.log"; }
# wait_http NAME URL TIMEOUT_SECONDS PID: until URL answers 200.
wait_http() { wait_until "$1" "answer at $2" "$3" "$4" curl -sf -o /dev/null "$2"; }

# The components, in start order. Each function replaces its background shell with the process (exec), so the pid
# recorded is the process's own.
source scripts/broker-java-opts.sh
run_broker() { exec java $BROKER_JAVA_OPTS -jar broker/embedded/target/mqtt-broker.jar; }
run_gateway() { exec java ${GATEWAY_JAVA_OPTS:--Xmx256m} -jar gateway-service/target/quarkus-app/quarkus-run.jar; }
run_sys_metrics() { exec java ${SYS_METRICS_JAVA_OPTS:--Xmx128m} -jar sys-metrics-service/target/quarkus-app/quarkus-run.jar; }
run_web_ui() { exec scripts/web-ui-nginx.sh; }

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
start broker "MQTT broker ready" 120 run_broker
start gateway "Listening on" 120 run_gateway
wait_for gateway "Connected to the broker" 60
start sys-metrics "Listening on" 120 run_sys_metrics
wait_for sys-metrics "Connected to the broker" 60
start web-ui "web UI on" 10 run_web_ui
wait_http web-ui "http://localhost:$WEB_UI_PORT/" 30 "${pids[-1]}"

cat <<INFO

The MQTT platform is running.
  MQTT broker   mqtt://localhost:$MQTT_PORT   (MQTT 3.1, 3.1.1 and 5)
                ws://localhost:$MQTT_WS_PORT/mqtt   (MQTT over WebSocket)
                http://localhost:$HEALTH_PORT/api/v1/health/liveness   (and /readiness: the broker's health)
  HTTP gateway  http://localhost:$GATEWAY_PORT/api/v1/   (REST, WebSocket /api/v1/ws, SSE /api/v1/stream)
  Web UI        http://localhost:$WEB_UI_PORT/   <- open this in a browser
  API docs      http://localhost:$GATEWAY_PORT/q/swagger-ui
  Metrics       http://localhost:$SYS_METRICS_PORT/metrics   (the broker's \$SYS tree for Prometheus)
  Try it        curl -X POST --data 'Hello World' http://localhost:$GATEWAY_PORT/api/v1/topics/test
                mosquitto_sub -h localhost -p $MQTT_PORT -t '\$SYS/#' -v
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
    [ "$HEALTH_PORT" != 0 ] && [ "$SECONDS" -ge "$next_liveness_check" ] || continue
    next_liveness_check=$((SECONDS + 5))
    if why=$(broker_liveness); then
        liveness_failures=0
        continue
    fi
    liveness_failures=$((liveness_failures + 1))
    echo "$(date +%T) broker liveness check failed ($liveness_failures of $BROKER_LIVENESS_FAILURES): $why"
    if [ "$liveness_failures" -ge "$BROKER_LIVENESS_FAILURES" ]; then
        liveness_failures=0
        kill -KILL "${pids[0]}" 2>/dev/null || true
        wait "${pids[0]}" 2>/dev/null || true
        restart 0 "did not serve MQTT for $BROKER_LIVENESS_FAILURES liveness checks in a row, so it was killed (SIGKILL)"
    fi
done
