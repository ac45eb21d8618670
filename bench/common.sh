# Shared by the bench/*.sh scripts (sourced, not run): a work folder and background processes that are always
# cleaned up, free loopback ports, waiting for a log line, and the broker as the benchmarks start it.
# start_broker SYS_INTERVAL XMX sets mqtt_port and ws_port.

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_log() { for _ in $(seq 1 600); do grep -q "$2" "$1" && return; sleep 0.1; done; echo "timeout waiting for '$2' in $1" >&2; cat "$1" >&2; exit 1; }

start_broker() {
    mqtt_port=$(free_port)
    ws_port=$(free_port)
    MQTT_BIND_ADDRESS=127.0.0.1 MQTT_PORT=$mqtt_port MQTT_WS_PORT=$ws_port BROKER_DATA_DIR=$work/data SYS_INTERVAL=$1 \
        CONNECTION_MESSAGES=false java "-Xmx$2" -jar broker/embedded/target/mqtt-broker.jar >"$work/broker.log" 2>&1 &
    pids+=($!)
    wait_log "$work/broker.log" "MQTT broker ready"
}
