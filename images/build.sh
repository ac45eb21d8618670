#!/usr/bin/env bash
# `make images`: builds the platform's four images with Docker or podman, whichever is there (images/engine.sh):
#   mqtt-platform/broker, mqtt-platform/gateway-service, mqtt-platform/sys-metrics-service, mqtt-platform/web-ui
# tagged with the chart's appVersion, from the artifacts `make build` made (the Makefile builds them first).
#   --local-bases   build the base images locally from Debian packages first (images/local-bases/build.sh), for
#                   machines that cannot reach a container registry; without it the engine pulls them.
set -euo pipefail
cd "$(dirname "$0")/.."
source images/engine.sh
engine_setup
trap engine_teardown EXIT

pull=()
if [ "${1:-}" = "--local-bases" ]; then
    images/local-bases/build.sh
    # Never pull: the local stand-ins carry the base images' names. (Docker builds with what it has by default.)
    [ "$ENGINE" = podman ] && pull=(--pull=never)
fi

version=$(awk '/^appVersion:/ {gsub(/"/, "", $2); print $2}' helm/mqtt-platform/Chart.yaml)
started=$(date +%s)
for component in broker gateway-service sys-metrics-service web-ui; do
    image="mqtt-platform/$component:$version"
    echo "images: $image <- $component/Dockerfile ($ENGINE)"
    $ENGINE build --quiet "${BUILD_FORMAT[@]}" "${pull[@]}" -t "$image" "$component" >/dev/null
done
echo "images: built in $(( $(date +%s) - started )) s"
