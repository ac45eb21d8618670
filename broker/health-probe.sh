#!/usr/bin/env bash
# The broker's health probe for places that run a command rather than an HTTP request (the image's HEALTHCHECK,
# docker-compose.yml's healthcheck; HiveMQ's image has no curl): asks the broker's own health endpoint and exits 0 when
# it answers 200 within 3 s. A stopped or thrashing JVM still accepts TCP connections on 1883, so opening the MQTT
# port proves nothing; the endpoint is UP only while a message recently made a round trip through the broker.
#   health-probe.sh [liveness|readiness]    (default liveness; HEALTH_PORT, default 8889)
# Prints the endpoint's answer (UP: ... or DOWN: ...), or why there was none.
kind=${1:-liveness}
case "$kind" in
    liveness | readiness) ;;
    *) echo "usage: health-probe.sh [liveness|readiness]" >&2; exit 2 ;;
esac
# shellcheck disable=SC2016 # expanded by the inner bash
timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET /api/v1/health/%s HTTP/1.0\r\nHost: localhost\r\n\r\n" "$2" >&3
    IFS= read -r status <&3
    body=$(sed "1,/^\r*$/d" <&3)
    echo "${body:-$status}"
    case "$status" in "HTTP/1."?" 200 "*) exit 0 ;; *) exit 1 ;; esac
' probe "${HEALTH_PORT:-8889}" "$kind" && exit 0
status=$?
[ "$status" -eq 124 ] && echo "DOWN: the broker's health endpoint (port ${HEALTH_PORT:-8889}) did not answer within 3 s"
exit 1
