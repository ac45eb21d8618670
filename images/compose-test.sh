#!/usr/bin/env bash
# The compose test of `make test`: the platform's images, built with local base images (no registry needed), started
# with docker-compose.yml as users start it, every service healthy by its own healthcheck, then the e2e suite's smoke
# checks (e2e/lib/smoke.mjs) through the host ports of docs/interfaces.md.
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

# What a user checks first, as the e2e suite checks it on `make run` (e2e/lib/smoke.mjs), through the host ports:
# a curl publish to the gateway (8080) reaches mosquitto_sub on 1883; the broker's health on 8889; the web UI on 8088
# and the API through its nginx proxy; sys-metrics on 8081; Prometheus on 9090 has mqtt_broker_up == 1 and the rules.
smoke() {
    SMOKE_GATEWAY=http://127.0.0.1:8080 SMOKE_UI=http://127.0.0.1:8088 SMOKE_METRICS=http://127.0.0.1:8081/metrics \
        SMOKE_HEALTH=http://127.0.0.1:8889/api/v1/health SMOKE_PROMETHEUS=http://127.0.0.1:9090 SMOKE_MQTT_PORT=1883 \
        timeout 300 node --test e2e/smoke/target.test.mjs
}
check "the smoke checks (e2e/smoke/target.test.mjs) against the compose ports" smoke
t3=$(date +%s)

echo "compose test: images (local bases included) $((t1 - t0)) s; compose up to all healthy $((t2 - t1)) s; checks $((t3 - t2)) s"
echo "compose test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
