#!/usr/bin/env bash
# Broker start-up time and idle memory, as `make bench` prints them.
# Start-up: wall time from launching `java -jar mqtt-broker.jar` until a real client (mosquitto_sub) gets a CONNACK,
# with an empty data folder and again with the data folder of the previous run. Idle memory: the broker process's
# RSS after IDLE_SECONDS with one $SYS subscriber connected. Only 127.0.0.1, bounded in count and time.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
IDLE_SECONDS=${IDLE_SECONDS:-20}
# The broker as `make run` starts it (run_broker), but with a heap that is not taken whole at start unless
# BROKER_JAVA_OPTS says so: the idle RSS below is then what the broker uses, not what it reserved.
export BROKER_JAVA_OPTS=${BROKER_JAVA_OPTS:--Xmx512m}
command -v mosquitto_sub >/dev/null || scripts/install-test-deps.sh

source bench/common.sh # the work folder, its cleanup (processes in pids), free_port
broker_pid=""

# timed_start DATA_DIR: starts the broker; sets broker_pid, port and seconds (until the first CONNACK).
timed_start() {
    port=$(free_port)
    local started=$(date +%s%N)
    MQTT_BIND_ADDRESS=127.0.0.1 MQTT_PORT=$port MQTT_WS_PORT=$(free_port) HEALTH_PORT=$(free_port) BROKER_DATA_DIR=$1 SYS_INTERVAL=10 \
        run_broker >"$work/broker.log" 2>&1 &
    broker_pid=$!
    pids+=("$broker_pid")
    for _ in $(seq 1 1200); do
        if mosquitto_sub -h 127.0.0.1 -p "$port" -t '$SYS/broker/version' -C 1 -W 1 >/dev/null 2>&1; then
            seconds=$(awk -v a="$started" -v b="$(date +%s%N)" 'BEGIN {printf "%.2f", (b - a) / 1e9}')
            return
        fi
        kill -0 "$broker_pid" 2>/dev/null || { cat "$work/broker.log" >&2; exit 1; }
        sleep 0.05
    done
    echo "broker did not start within 60 s" >&2; exit 1
}

timed_stop() { kill "$broker_pid"; wait "$broker_pid" 2>/dev/null || true; broker_pid=""; }

fresh=(); warm=()
for run in $(seq 1 "$RUNS"); do
    data="$work/data-$run"; mkdir -p "$data"
    timed_start "$data"; fresh+=("$seconds"); timed_stop
    timed_start "$data"; warm+=("$seconds")
    [ "$run" -lt "$RUNS" ] && timed_stop
done

mosquitto_sub -h 127.0.0.1 -p "$port" -t '$SYS/#' >/dev/null &
watcher=$!
sleep "$IDLE_SECONDS"
rss_kib=$(awk '/VmRSS/ {print $2}' "/proc/$broker_pid/status")
heap_flag=$BROKER_JAVA_OPTS
kill "$watcher" 2>/dev/null || true
timed_stop

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '\nBroker (HiveMQ CE embedded, %s, %s runs, %s cores)\n' "$heap_flag" "$RUNS" "$(nproc)"
printf '%-46s %10s %10s %10s\n' "measure" "median" "min" "max"
printf '%-46s %10s %10s %10s\n' "start-up to first CONNACK, empty data (s)" "$(median "${fresh[@]}")" \
    "$(printf '%s\n' "${fresh[@]}" | sort -n | head -1)" "$(printf '%s\n' "${fresh[@]}" | sort -n | tail -1)"
printf '%-46s %10s %10s %10s\n' "start-up to first CONNACK, existing data (s)" "$(median "${warm[@]}")" \
    "$(printf '%s\n' "${warm[@]}" | sort -n | head -1)" "$(printf '%s\n' "${warm[@]}" | sort -n | tail -1)"
printf '%-46s %10s\n' "idle RSS after ${IDLE_SECONDS}s, 1 subscriber (MiB)" "$((rss_kib / 1024))"
