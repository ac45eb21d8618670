#!/usr/bin/env bash
# sys-metrics-service benchmarks, as `make bench` prints them (targets from the sys-metrics issue):
#  - scrape latency of GET /metrics: p99 with one scraper at a time, as Prometheus scrapes (< 5 ms), and with 8 at once;
#  - from a $SYS publish to the value in a scrape (the broker publishes $SYS every second here).
# Broker, service and load all run on this machine, on 127.0.0.1 only; everything stops at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
SAMPLES=${SAMPLES:-20}
command -v hey >/dev/null || scripts/install-test-deps.sh hey

source bench/common.sh
start_broker 1 512m
http_port=$(free_port)
SYS_METRICS_HOST=127.0.0.1 SYS_METRICS_PORT=$http_port SYS_METRICS_BROKER_HOST=127.0.0.1 SYS_METRICS_BROKER_PORT=$mqtt_port \
    SYS_METRICS_BROKER_SYS_INTERVAL=1s run_sys_metrics >"$work/sys-metrics.log" 2>&1 &
pids+=($!)
wait_log "$work/sys-metrics.log" "Connected to the broker"
url=http://127.0.0.1:$http_port/metrics
until curl -sf "$url" | contains '^mqtt_broker_up 1'; do sleep 0.2; done

# hey_p99 CONCURRENCY: prints "requests_per_s p99_ms"
hey_p99() {
    hey -z "${SECONDS_PER_RUN}s" -c "$1" "$url" >"$work/hey.out"
    hey_result "$work/hey.out" "$url" 200
}
echo "Warming up the service (JIT)..." >&2
hey_p99 4 >/dev/null
read -r serial_rps serial_p99 < <(hey_p99 1)
read -r parallel_rps parallel_p99 < <(hey_p99 8)
scrape_bytes=$(curl -s "$url" | wc -c)
timeout 120 java -cp bench/target/bench.jar io.mqttplatform.bench.SysScrapeLatencyBench "$mqtt_port" "$url" "$SAMPLES" >"$work/latency.out"
value() { awk -v k="$1" '$1 == k {print $2}' "$work/latency.out"; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN {print (v < t) ? "met" : "NOT MET"}'; }
row() { printf '%-52s %14s %14s %8s\n' "$@"; }

printf '\nsys-metrics-service (%s cores; broker and service on this machine; hey %ss per run; scrape %s bytes)\n' \
    "$(nproc)" "$SECONDS_PER_RUN" "$scrape_bytes"
row "measure" "value" "target" "verdict"
row "GET /metrics p99, one scraper (ms)" "$serial_p99" "< 5 ms" "$(verdict "$serial_p99" 5)"
row "(one scraper: scrapes/s)" "$serial_rps" "" ""
row "GET /metrics p99, 8 scrapers at once (ms)" "$parallel_p99" "" ""
row "(8 scrapers: scrapes/s)" "$parallel_rps" "" ""
row "\$SYS publish to value in a scrape, median (ms)" "$(value sys.publish_to_scrape_median_ms)" "" ""
row "\$SYS publish to value in a scrape, max of $SAMPLES (ms)" "$(value sys.publish_to_scrape_max_ms)" "" ""
