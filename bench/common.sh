# Shared by the bench/*.sh scripts (sourced, not run): a work folder and background processes that are always
# cleaned up, free loopback ports, waiting for a log line, and the broker as the benchmarks start it.
# start_broker SYS_INTERVAL XMX sets mqtt_port and ws_port; hey_result reads a run of hey.

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_log() { for _ in $(seq 1 600); do grep -q "$2" "$1" && return; sleep 0.1; done; echo "timeout waiting for '$2' in $1" >&2; cat "$1" >&2; exit 1; }

start_broker() {
    mqtt_port=$(free_port)
    ws_port=$(free_port)
    MQTT_BIND_ADDRESS=127.0.0.1 MQTT_PORT=$mqtt_port MQTT_WS_PORT=$ws_port HEALTH_PORT=$(free_port) BROKER_DATA_DIR=$work/data SYS_INTERVAL=$1 \
        CONNECTION_MESSAGES=false java "-Xmx$2" -jar broker/embedded/target/mqtt-broker.jar >"$work/broker.log" 2>&1 &
    pids+=($!)
    wait_log "$work/broker.log" "MQTT broker ready"
}

# hey_result FILE URL OK_CODES: the summary of a hey run saved in FILE, as "requests_per_s p99_ms"; fails when hey
# saw no OK answer or any status outside OK_CODES (a regular expression such as '20[02]').
hey_result() {
    local failures
    failures=$(awk -v ok="^[[]($3)[]]" '/Status code distribution/ {on=1; next} on && /\[/ && $1 !~ ok {print}' "$1")
    if [ -n "$failures" ] || ! grep -Eq "^ *\[($3)\]" "$1"; then
        echo "answers other than $3 from $2:${failures:- none at all}" >&2
        cat "$1" >&2
        exit 1
    fi
    awk '/Requests\/sec/ {rps=$2} /99% in/ {p99=$3*1000} END {printf "%.0f %.2f\n", rps, p99}' "$1"
}
