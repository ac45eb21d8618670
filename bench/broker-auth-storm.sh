#!/usr/bin/env bash
# Connect storms with and without passwords, as `make bench` prints them: 2,000 MQTT 3.1.1 clients (HiveMQ client,
# ConnectStormBench) connect at once, disconnect, and connect again (a reconnect storm), against our broker as
# `make run` starts it and against Debian's mosquitto 2.0, each without a password file and with one:
#   - 2,000 users, hashed by mosquitto_passwd 2.0 (-U: $7$ with its 101 iterations): what a mosquitto user brings;
#   - 20 users sharing the clients, hashed by our passwd command with its default 100,000 iterations.
# The time is from the first CONNECT to the last CONNACK. A fresh broker per run; only 127.0.0.1; about 2 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${BROKER_JAR:-broker/embedded/target/mqtt-broker.jar}
DRIVER_JAR=${DRIVER_JAR:-bench/target/bench.jar}
CLIENTS=${STORM_CLIENTS:-2000}
command -v mosquitto_passwd >/dev/null || scripts/install-test-deps.sh --only mosquitto mosquitto-clients
source bench/common.sh
results=$work/results.txt
: >"$results"

# the two password files
plain=$work/passwd-2000
for i in $(seq 0 $((CLIENTS - 1))); do echo "user-$i:pw-user-$i"; done >"$plain"
mosquitto_passwd -U "$plain"
ours20=$work/passwd-20
for i in $(seq 0 19); do
    java -cp "$JAR" io.mqttplatform.broker.extension.security.password.PasswdCommand $([ "$i" = 0 ] && echo -c) \
        -b "$ours20" "user-$i" "pw-user-$i"
done

# storm BROKER PASSWORD_FILE USERS LABEL
storm() {
    local broker=$1 file=$2 users=$3 label=$4
    if [ "$broker" = ours ]; then
        launch_ours ${file:+PASSWORD_FILE=$file ALLOW_ANONYMOUS=false}
    elif [ -n "$file" ]; then
        launch_mosquitto "max_connections -1" "password_file $file" "allow_anonymous false"
    else
        launch_mosquitto "max_connections -1" "allow_anonymous true"
    fi
    (ulimit -n 65536 2>/dev/null || true; java -Xmx512m -cp "$DRIVER_JAR" io.mqttplatform.bench.ConnectStormBench \
        "$port" "$broker-$label" "$CLIENTS" "$users") | grep '^RESULT' | tee -a "$results" >&2
    stop_broker
}

ulimit -n 65536 2>/dev/null || true
for broker in mosquitto ours; do
    storm "$broker" "" 0 none
    storm "$broker" "$plain" "$CLIENTS" mosquitto-passwd
    storm "$broker" "$ours20" 20 ours-passwd
done

val() { awk -v l="$1" -v k="$2" '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] } if (f["label"] == l) print f[k] }' "$results"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
printf '\nConnect storm: %s clients at once, then again after all disconnected; ms from first CONNECT to last CONNACK\n\n' "$CLIENTS"
printf '| %-44s | %14s | %14s | %14s | %14s |\n' "password file" "mosquitto" "ours" "ours, again" "ours vs none"
printf '| %-44s | %14s | %14s | %14s | %14s |\n' "---" "---:" "---:" "---:" "---:"
for label in none mosquitto-passwd ours-passwd; do
    case $label in
        none) name="none (anonymous)" ;;
        mosquitto-passwd) name="$CLIENTS users, mosquitto_passwd (101 iterations)" ;;
        ours-passwd) name="20 users, our passwd (100,000 iterations)" ;;
    esac
    printf '| %-44s | %14s | %14s | %14s | %14s |\n' "$name" "$(val "mosquitto-$label" first_ms)" \
        "$(val "ours-$label" first_ms)" "$(val "ours-$label" again_ms)" \
        "$(ratio "$(val "ours-$label" first_ms)" "$(val ours-none first_ms)")"
done
failed=$(awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^failed=/) { split($i, kv, "="); s += kv[2] } } END { print s + 0 }' "$results")
printf '\nfailed connects: %s\n' "$failed"
