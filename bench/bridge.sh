#!/usr/bin/env bash
# Messages through a bridge, ours against mosquitto's own: a lab broker bridged to a cloud mosquitto with the same
# mosquitto bridge section (`topic sensors/# out QOS lab/ site-a/lab/`), two publishers on the lab broker as fast as
# 64 messages in flight each allow, one subscriber on the cloud broker (bench's BridgeBench, the HiveMQ Java client).
# The lab broker is ours as `make run` starts it (BRIDGE_CONFIG) or Debian's mosquitto with the lines in its own
# configuration; the cloud broker is Debian's mosquitto in both runs. QoS 0 and 1, SECONDS each (default 10), after a
# 3 s warm-up. Only 127.0.0.1; everything stops and the work folder goes at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
DRIVER_JAR=${DRIVER_JAR:-bench/target/bench.jar}
command -v mosquitto >/dev/null || scripts/install-test-deps.sh --only mosquitto mosquitto-clients
source bench/common.sh
results=$work/results.txt
: >"$results"

cloud_port=$(free_port)
{ echo "listener $cloud_port 127.0.0.1"; echo "allow_anonymous true"; echo "user $(id -un)"; } >"$work/cloud.conf"
/usr/sbin/mosquitto -c "$work/cloud.conf" >"$work/cloud.log" 2>&1 &
pids+=($!)
wait_log "$work/cloud.log" "mosquitto version .* running"

# bridge_lines QOS: the bridge section both lab brokers run
bridge_lines() {
    printf '%s\n' "connection cloud" "address 127.0.0.1:$cloud_port" "remote_clientid lab-bench" "cleansession true" \
        "topic sensors/# out $1 lab/ site-a/lab/"
}

for qos in 0 1; do
    bridge_lines "$qos" >"$work/bridges.conf"
    launch_ours BRIDGE_CONFIG="$work/bridges.conf" || exit 1
    wait_log "$work/broker.log" "Bridge cloud connected"
    timeout 120 java -cp "$DRIVER_JAR" io.mqttplatform.bench.BridgeBench "$port" "$cloud_port" ours "$qos" \
        "$SECONDS_PER_RUN" | tee -a "$results" >&2
    stop_broker

    # shellcheck disable=SC2046 # one configuration line per word group
    mapfile -t lines < <(bridge_lines "$qos")
    launch_mosquitto "allow_anonymous true" "${lines[@]}" || exit 1
    wait_log "$work/cloud.log" "lab-bench"
    timeout 120 java -cp "$DRIVER_JAR" io.mqttplatform.bench.BridgeBench "$port" "$cloud_port" mosquitto "$qos" \
        "$SECONDS_PER_RUN" | tee -a "$results" >&2
    stop_broker
done

# value LAB QOS KEY: from the RESULT lines
value() { awk -v l="$1" -v q="$2" -v k="$3" '$1 == "RESULT" && $0 ~ " lab=" l " " && $0 ~ " qos=" q " " {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) print kv[2] } }' "$results"; }
printf '\nThrough a bridge to a cloud mosquitto: lab broker ours (%s) vs mosquitto %s; %s cores, shared with both brokers and the driver\n\n' \
    "$BROKER_JAVA_OPTS" "$(/usr/sbin/mosquitto -h 2>/dev/null | awk 'NR == 1 {print $3}')" "$(nproc)"
printf '| %-28s | %14s | %14s | %8s |\n' "QoS, measure" "mosquitto" "ours" "ratio" "---" "---:" "---:" "---:"
for qos in 0 1; do
    for key in delivered_per_s p50_ms p99_ms undelivered; do
        m=$(value mosquitto "$qos" "$key"); o=$(value ours "$qos" "$key")
        printf '| %-28s | %14s | %14s | %8s |\n' "QoS $qos $key" "$m" "$o" \
            "$(awk -v a="$o" -v b="$m" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b }')"
    done
done
