#!/usr/bin/env bash
# The compose test of `make test`: the platform's images, built with local base images (no registry needed), started
# with docker-compose.yml as users start it, and used through the host ports of docs/interfaces.md:
#   publish through the gateway (8080) -> mosquitto_sub on 1883; the broker's health on 8889; the web UI on 8088 and the API through its nginx
#   proxy; Prometheus on 9090 answers mqtt_broker_up == 1.
# `docker-compose down -v` always runs at the end, also after a failure. Prints the time of each step.
# Grafana is not started: no Grafana build exists in Debian or any registry these machines reach (images/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
source images/engine.sh
source scripts/lib.sh

PROJECT=mqtt-platform-compose-test
SERVICES=(broker gateway-service sys-metrics-service web-ui prometheus)
PORTS=(1883 8000 8889 8080 8081 8088 9090)
CHECKS="compose test"
passed=0
failed=0

if ! engine_setup; then
    echo "compose test: SKIPPED: neither Docker nor podman can run containers on this machine"
    exit 0
fi
trap engine_teardown EXIT
command -v docker-compose >/dev/null 2>&1 || scripts/install-test-deps.sh --only docker-compose
ports_free "the compose file publishes it" "${PORTS[@]}" || exit 1

t0=$(date +%s)
images/build.sh --local-bases
t1=$(date +%s)

export COMPOSE_PROJECT_NAME=$PROJECT
engine_health_pump "$PROJECT" &
pump=$!
work=$(mktemp -d)
cleanup() {
    status=$?
    if [ "$status" -ne 0 ]; then
        docker-compose logs --no-color --tail=40 > "$work/compose.log" 2>&1 || true
        echo "compose test: last log lines of every service:"; cat "$work/compose.log"
    fi
    docker-compose down -v --remove-orphans >/dev/null 2>&1 || echo "compose test: warning: docker-compose down -v failed" >&2
    kill "$pump" 2>/dev/null || true
    rm -rf "$work"
    engine_teardown
    exit "$status"
}
trap cleanup EXIT

timeout 300 docker-compose up -d "${SERVICES[@]}"
healthy() {
    local service id status
    for service in "${SERVICES[@]}"; do
        id=$(docker-compose ps -q "$service")
        status=$($ENGINE inspect --format '{{.State.Health.Status}}' "$id" 2>/dev/null || echo missing)
        [ "$status" = healthy ] || return 1
    done
}
check "every service healthy by its own healthcheck" until_ok 180 healthy
t2=$(date +%s)

publish_and_receive() {
    stdbuf -oL mosquitto_sub -d -h 127.0.0.1 -p 1883 -t compose/test -C 1 -W 30 > "$work/sub.txt" 2>&1 &
    local sub=$!
    until_ok 10 grep -q 'received SUBACK' "$work/sub.txt" || return 1
    local status
    status=$(curl -s -m 10 -o /dev/null -w '%{http_code}' -X POST --data 'Hello from compose' \
        'http://127.0.0.1:8080/api/v1/topics/compose/test?qos=1')
    wait "$sub" || return 1
    [ "$status" = 200 ] && grep -qx 'Hello from compose' "$work/sub.txt"
}
check "curl POST to the gateway on 8080 reaches mosquitto_sub on 1883" publish_and_receive

broker_health() {
    curl -sf -m 5 http://127.0.0.1:8889/api/v1/health/liveness | contains '^UP: a message went through the broker' \
        && curl -sf -m 5 -o /dev/null http://127.0.0.1:8889/api/v1/health/readiness
}
check "the broker's health endpoints on 8889 answer UP (a message made the round trip)" broker_health

ui_and_proxy() {
    curl -s -m 10 http://127.0.0.1:8088/ | contains '<title>' || return 1
    local status
    status=$(curl -s -m 10 -o /dev/null -w '%{http_code}' -X POST --data 'via nginx' \
        'http://127.0.0.1:8088/api/v1/topics/compose/ui?qos=1&retain=true')
    [ "$status" = 200 ] || return 1
    curl -s -m 10 'http://127.0.0.1:8088/api/v1/retained/compose%2Fui' | contains '"payload":"via nginx"'
}
check "the web UI on 8088 serves the page and passes /api/ to the gateway" ui_and_proxy

prometheus_up() {
    curl -s -m 5 'http://127.0.0.1:9090/api/v1/query?query=mqtt_broker_up%20%3D%3D%201' \
        | contains '"job":"mqtt-sys-metrics"'
}
check "Prometheus on 9090 answers mqtt_broker_up == 1" until_ok 90 prometheus_up

rules_loaded() {
    curl -s -m 5 http://127.0.0.1:9090/api/v1/rules | contains '"name":"MqttBrokerDown"'
}
check "Prometheus loaded the chart's alert rules" rules_loaded
t3=$(date +%s)

echo "compose test: images (local bases included) $((t1 - t0)) s; compose up to all healthy $((t2 - t1)) s; checks $((t3 - t2)) s"
echo "compose test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
