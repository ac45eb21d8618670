# Shared by the bench/*.sh scripts (sourced, not run): a work folder and background processes that are always
# cleaned up, free loopback ports, waiting for a log line (scripts/lib.sh), and the components as `make run` starts
# them (scripts/components.sh). start_broker SYS_INTERVAL XMX sets mqtt_port and ws_port; launch_ours and
# launch_mosquitto start the two brokers compared side by side (one at a time: broker_pid, port); launch_stack the
# whole platform as `make run` starts it; hey_result reads a run of hey.
source scripts/lib.sh
source scripts/components.sh

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# free_port: a free loopback port, never one it gave before in this run (a script often takes several ports before
# anything binds them, and the kernel may hand out the same free port twice)
free_port() {
    local port
    while :; do
        port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
        grep -qx "$port" "$work/.ports" 2>/dev/null || break
    done
    echo "$port" >>"$work/.ports"
    echo "$port"
}
# wait_log LOG PATTERN: until LOG has a line matching PATTERN, at most 60 s (else exits with the log's end)
wait_log() { await_log "$(basename "$1" .log)" "$1" "$2" 60 || exit 1; }
# await_ready LOG_LINE: true once the broker logged LOG_LINE in $work/broker.log, false (with the log's end) if it
# exited or took 60 s
await_ready() { await_log broker "$work/broker.log" "$1" 60 "$broker_pid"; }
# launch_ours [NAME=VALUE...]: our broker as `make run` starts it (run_broker, $BROKER_JAVA_OPTS), on free loopback
# ports with an empty data folder and the settings given; sets port and broker_pid (ws_port: its WebSocket listener);
# false if it did not get ready
launch_ours() {
    port=$(free_port)
    ws_port=$(free_port)
    rm -rf "$work/data"
    : >"$work/broker.log" # emptied here: the new process truncates it only after await_ready may have read it
    (
        export MQTT_BIND_ADDRESS=127.0.0.1 MQTT_PORT="$port" MQTT_WS_PORT="$ws_port" HEALTH_PORT="$(free_port)" \
            BROKER_DATA_DIR="$work/data" CONNECTION_MESSAGES=false "$@"
        run_broker
    ) >"$work/broker.log" 2>&1 &
    broker_pid=$!
    pids+=("$broker_pid")
    await_ready "MQTT broker ready"
}
# launch_mosquitto [CONFIG_LINE...]: Debian's mosquitto on a free loopback port with the configuration lines given;
# sets port and broker_pid; false if it did not get ready
launch_mosquitto() {
    port=$(free_port)
    { echo "listener $port 127.0.0.1"; echo "user $(id -un)"; printf '%s\n' "$@"; } >"$work/mosquitto.conf"
    : >"$work/broker.log"
    /usr/sbin/mosquitto -c "$work/mosquitto.conf" >"$work/broker.log" 2>&1 &
    broker_pid=$!
    pids+=("$broker_pid")
    await_ready "mosquitto version .* running"
}
# launch_stack [NAME=VALUE...]: the whole platform as `make run` starts it (scripts/run.sh) with the settings given, on
# free loopback ports, its run folder (so a fresh broker data folder) in the work folder; sets run_dir, port (MQTT),
# stack_pid and broker_pid; false, with the end of its output, if it did not come up within 180 s
launch_stack() {
    run_dir=$work/run
    rm -rf "$run_dir"
    : >"$work/make-run.log"
    port=$(free_port)
    env RUN_DIR="$run_dir" MQTT_PORT="$port" MQTT_WS_PORT="$(free_port)" HEALTH_PORT="$(free_port)" \
        GATEWAY_PORT="$(free_port)" SYS_METRICS_PORT="$(free_port)" WEB_UI_PORT="$(free_port)" "$@" \
        scripts/run.sh >"$work/make-run.log" 2>&1 &
    stack_pid=$!
    pids+=("$stack_pid")
    await_log platform "$work/make-run.log" "Press Ctrl-C" 180 "$stack_pid" || return 1
    broker_pid=$(cat "$run_dir/broker.pid")
}
# stop_stack: stops what launch_stack started (scripts/run.sh stops its components when it ends)
stop_stack() {
    kill "$stack_pid" 2>/dev/null || true
    wait "$stack_pid" 2>/dev/null || true
}
# stop_broker: SIGTERM, then SIGKILL after 10 s
stop_broker() {
    kill "$broker_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do running "$broker_pid" || break; sleep 0.1; done
    kill -KILL "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
}
# start_broker SYS_INTERVAL XMX: our broker with that $SYS interval and heap (launch_ours); sets mqtt_port (and
# ws_port); exits when it does not get ready
start_broker() {
    BROKER_JAVA_OPTS="-Xmx$2" launch_ours SYS_INTERVAL="$1" || exit 1
    mqtt_port=$port
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
