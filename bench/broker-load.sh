#!/usr/bin/env bash
# Broker under load, as `make bench` prints it: our broker (HiveMQ CE embedded, with the JVM options `make run` gives
# it), once with its default file persistence and once with BROKER_PERSISTENCE=in-memory, against Debian's mosquitto
# 2.0 with its defaults, the same driver (BrokerLoadBench: HiveMQ MQTT client, MQTT
# 3.1.1, 100-byte payloads) in the same run:
#  - max rate: point-to-point 1:1, fan-in 4:1, fan-out 1:10, each QoS 0 and QoS 1: delivered/s, latency, CPU;
#  - fixed offered rate: fan-in 4:1 QoS 1 at 1,000, 5,000 and 10,000 msg/s: delivered/offered, p50, p99;
#  - flood: 4 QoS 0 publishers flat out for 8 s, a new client every second during it and for 10 s after it:
#    connect time, peak RSS, whether the broker survives;
#  - large: 256 KiB and 1 MiB payloads, QoS 0 and 1, one publisher with 8 outstanding: delivered MB/s; and a 256 KiB
#    QoS 0 flood beside a small client sending 100 QoS 1 messages/s: the flood's MB/s, the small client's p50/p99;
#  - cold: the fixed rates on a broker that was just started, each scenario its own fresh broker, 30 s, no warm-up of
#    the broker by the driver (ours does its own start-up warm-up before `make run` says it is running, docs/adr/0012):
#    mosquitto alone, ours as `make run` starts it (scripts/run.sh: file persistence, with the gateway, the metrics
#    service and the web UI running beside it), so the first minute users meet; both with their default $SYS interval
#    (10 s; the other groups publish $SYS every second on both, for the dropped counter). The driver, a JVM too, first
#    runs the same load for 30 s against a mosquitto of its own (--driver-warmup): a just-started broker meets a
#    driver that has run before, as users' clients have (BROKER_LOAD_COLD_DRIVER=1: a just-started driver as well; its
#    own compiling then shows in both brokers' figures).
# A fresh broker (empty data folder) per group, the two brokers taking turns group by group so that load from other
# processes falls on both alike. The driver prints its own and the broker's CPU per scenario: mosquitto is
# single-threaded, so ~100% of a core means the driver pushed it to its limit; "others" is all other processes on
# the machine (when broker + driver + others fill all cores, the machine rather than the broker was the limit).
# Only 127.0.0.1, bounded in time (about 28 minutes); brokers and driver stop and the work folder goes at the end, also
# on failure or Ctrl-C.
# To repeat a part: BROKER_LOAD_GROUPS (default "maxrate fixedrate flood large cold"; a scenario's name, e.g. rate5k-q1, also
# works) and BROKER_LOAD_BROKERS (default "mosquitto ours ours-in-memory"); BROKER_JAVA_OPTS replaces our broker's JVM
# options (scripts/components.sh). The table then has only the scenarios that ran.
set -euo pipefail
cd "$(dirname "$0")/.."

DRIVER_JAR=${DRIVER_JAR:-bench/target/bench.jar}
# The driver's JVM: a fixed heap (no resizing while measuring) and the parallel collector (less GC work than G1 for a
# driver that allocates a little per message; its short young-generation pauses show in p99, for both brokers alike).
DRIVER_JAVA_OPTS=${DRIVER_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
scripts/install-test-deps.sh --run mosquitto mosquitto-clients  # the cold group runs the whole stack (nginx)

source bench/common.sh
trap 'exit 130' INT TERM
results=$work/results.txt
: >"$results"
broker_pid=""

# start_mosquitto [SYS_INTERVAL]: $SYS every second by default (the driver reads the dropped counter from it)
start_mosquitto() {
    rm -rf "$work/mosquitto" && mkdir -p "$work/mosquitto"
    launch_mosquitto "allow_anonymous true" "persistence true" "persistence_location $work/mosquitto/" \
        "sys_interval ${1:-1}"
}
# start_ours [PERSISTENCE]: our broker as `make run` starts it, with file (its default) or in-memory persistence
start_ours() { launch_ours BROKER_PERSISTENCE="${1:-file}" SYS_INTERVAL=1; }
start_ours-in-memory() { start_ours in-memory; }
# start_stack: the whole platform exactly as `make run` starts it (bench/common.sh launch_stack), its $SYS interval
# too (10 s, as mosquitto's default, which the cold scenarios give mosquitto: both brokers as users run them; with $SYS
# every second on both, ours measured 0.74-0.76 ms at 5,000/s instead of 0.50-0.66, docs/adr/0015-client-queues.md)
start_stack() { launch_stack; }

printf 'Broker load: %s cores, load average %s; broker JVM: %s; driver JVM: %s\n' "$(nproc)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$BROKER_JAVA_OPTS" "$DRIVER_JAVA_OPTS" >&2
# run_driver BROKER SCENARIO_OR_GROUP...: appends the RESULT lines; sets skipped to the scenarios the driver left
# because the broker was gone
run_driver() {
    local broker=$1 driver
    shift
    : >"$work/driver.out"
    timeout 300 java $DRIVER_JAVA_OPTS -cp "$DRIVER_JAR" io.mqttplatform.bench.BrokerLoadBench \
        "$port" "$broker_pid" "$broker" "$@" >"$work/driver.out" 2>"$work/driver.err" &
    driver=$!
    pids+=("$driver")
    wait "$driver" || { echo "driver ended with status $? ($broker $*):" >&2; tail -5 "$work/driver.err" >&2; }
    grep '^RESULT' "$work/driver.out" >>"$results" || true
    grep -v '^RESULT\|^SKIPPED' "$work/driver.out" >&2 || true
    skipped=$(awk '$1 == "SKIPPED" {sub("scenario=", "", $2); print $2}' "$work/driver.out" | tr '\n' ' ')
}

# start_driver_warmup: a mosquitto of the driver's own for its warm-up before a cold scenario; sets driver_warmup to
# PORT:PID (BrokerLoadBench --driver-warmup)
start_driver_warmup() {
    local warm_port
    warm_port=$(free_port)
    printf 'listener %s 127.0.0.1\nallow_anonymous true\nuser %s\n' "$warm_port" "$(id -un)" >"$work/driver-warmup.conf"
    /usr/sbin/mosquitto -c "$work/driver-warmup.conf" >"$work/driver-warmup.log" 2>&1 &
    pids+=("$!")
    driver_warmup=$warm_port:$!
    await_log driver-warmup "$work/driver-warmup.log" "mosquitto version .* running" 60 "$!"
}

# run_cold SCENARIO...: each scenario on a broker just started (mosquitto alone, ours with the whole stack), no
# warm-up; the RESULT lines are labelled mosquitto-cold and ours-cold
run_cold() {
    local s broker warm=""
    if [ "${BROKER_LOAD_COLD_DRIVER:-0}" != 1 ]; then
        [ -n "${driver_warmup:-}" ] || start_driver_warmup || exit 1
        warm=--driver-warmup=$driver_warmup
    fi
    for s in "$@"; do
        for broker in ${BROKER_LOAD_BROKERS:-mosquitto ours}; do
            case $broker in
                mosquitto)
                    echo "== mosquitto, just started: $s (at $SECONDS s)" >&2
                    start_mosquitto 10 && run_driver mosquitto-cold $warm "$s"
                    stop_broker ;;
                ours)
                    echo "== ours as make run starts it, just started: $s (at $SECONDS s)" >&2
                    start_stack && run_driver ours-cold $warm "$s"
                    stop_stack ;;
            esac
        done
    done
}

for group in ${BROKER_LOAD_GROUPS:-maxrate fixedrate flood large cold}; do
    case $group in
        cold) run_cold cold-rate1k-q1 cold-rate5k-q1 cold-rate10k-q1; continue ;;
        cold-*) run_cold "$group"; continue ;;
    esac
    for broker in ${BROKER_LOAD_BROKERS:-mosquitto ours ours-in-memory}; do
        todo=$group
        # a broker that died is started afresh for the scenarios left (at most once per scenario of the group)
        for _ in 1 2 3 4 5 6; do
            echo "== $broker: $todo (at $SECONDS s)" >&2
            skipped=""
            if start_$broker; then
                # a JVM broker first runs the 5,000/s scenario three times unreported, to compile its hot paths
                # (BrokerLoadBench.warmUp)
                run_driver "$broker" $([ "$broker" != mosquitto ] && echo --jit-warmup) $todo
                running "$broker_pid" || { echo "$broker exited:" >&2; tail -3 "$work/broker.log" >&2; }
            fi
            stop_broker
            [ -n "$skipped" ] || break
            todo=$skipped
        done
    done
done

# The tables (ours beside mosquitto, with ratios) from the RESULT lines: bench's LoadReport.
java -cp "$DRIVER_JAR" io.mqttplatform.bench.LoadReport "$results" "$BROKER_JAVA_OPTS" \
    "$(/usr/sbin/mosquitto -h 2>/dev/null | awk 'NR == 1 {print $3}')" "$(nproc)"
printf '\n(%s s in all)\n' "$SECONDS"
