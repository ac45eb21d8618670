#!/usr/bin/env bash
# Builds, from Debian packages only (no container registry), local stand-ins of the base images that the project's
# Dockerfiles and docker-compose.yml name, and tags them with exactly those names, so the unchanged Dockerfiles build
# with --pull=never. See images/README.md for how each stand-in differs from the image it replaces.
#   images/local-bases/build.sh          build the stand-ins that are missing
#   images/local-bases/build.sh --force  build them all again
# One Debian rootfs (mmdebstrap, from the mirror this machine's apt uses) is the base of all of them.
set -euo pipefail
cd "$(dirname "$0")/../.."
source images/engine.sh
engine_setup
trap engine_teardown EXIT

force=false
[ "${1:-}" = "--force" ] && force=true

ROOTFS_IMAGE=localhost/mqtt-platform/local-base:bookworm
PACKAGES=openjdk-17-jre-headless,ca-certificates,curl,busybox,bash,nginx,gettext-base,prometheus

# The names to stand in for, read from where they are used.
from_dockerfile() { grep -h '^FROM ' "$1" | awk '{print $2}' | tail -1; }
declare -A BASES=(
    [eclipse-temurin]=$(from_dockerfile gateway-service/Dockerfile)
    [hivemq-ce]=$(from_dockerfile broker/Dockerfile)
    [nginx-unprivileged]=$(from_dockerfile web-ui/Dockerfile)
    [prometheus]=$(grep -E '^\s+image: prom/prometheus:' docker-compose.yml | awk '{print $2}')
)
[ "$(from_dockerfile sys-metrics-service/Dockerfile)" = "${BASES[eclipse-temurin]}" ] || {
    echo "error: gateway-service and sys-metrics-service must build on the same JRE image" >&2; exit 1; }

exists() { $ENGINE image inspect "$1" >/dev/null 2>&1; }
# A stand-in is current when it carries the hash of its folder and of the package list (changed files: built again).
stamp() {
    (echo "$PACKAGES"; find "images/local-bases/$1" -type f -not -path '*/lib/*' | sort | xargs cat) | sha256sum | cut -c1-16
}
current() { [ "$($ENGINE image inspect --format '{{index .Config.Labels "mqtt-platform.local-base"}}' "$1" 2>/dev/null)" = "$2" ]; }

needed=false
for name in "${!BASES[@]}"; do
    if $force || ! current "${BASES[$name]}" "$(stamp "$name")"; then needed=true; fi
done
if ! $needed; then
    echo "local base images: all present (${BASES[*]})"
    exit 0
fi

started=$(date +%s)
if $force || ! exists "$ROOTFS_IMAGE"; then
    scripts/install-test-deps.sh --only mmdebstrap
    # The Debian mirror this machine's apt uses (never a host name written into the repository).
    mirror=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
        | grep -v -- '-security' | head -1 | sed -E 's/^URIs: *//; s/^deb +(\[[^]]*\] +)?//' | awk '{print $1}' || true)
    [ -n "$mirror" ] || { echo "error: no Debian mirror found in /etc/apt/sources.list{,.d/}" >&2; exit 1; }
    echo "local base images: Debian bookworm rootfs from $mirror ($PACKAGES)"
    work=$(mktemp -d)
    trap 'rm -rf "$work"; engine_teardown' EXIT
    mmdebstrap --quiet --variant=apt --aptopt='APT::Install-Recommends "false"' --include="$PACKAGES" \
        --customize-hook='chroot "$1" apt-get clean' bookworm "$work/rootfs.tar" "$mirror"
    $ENGINE import "$work/rootfs.tar" "$ROOTFS_IMAGE" >/dev/null 2>&1 || { echo "error: $ENGINE import of the rootfs failed" >&2; exit 1; }
    rm -f "$work/rootfs.tar"
fi

# HiveMQ CE's jars: hivemq-community-edition-embedded at the parent pom's version, with its dependencies. Its own
# small pom names nothing of the project's, so this resolves on a machine where the project was never installed.
hivemq_lib=images/local-bases/hivemq-ce/lib
rm -rf "$hivemq_lib"
./mvnw -B -ntp -q -f images/local-bases/hivemq-ce/pom.xml dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$PWD/$hivemq_lib"

for name in "${!BASES[@]}"; do
    echo "local base images: ${BASES[$name]} <- images/local-bases/$name"
    $ENGINE build --quiet "${BUILD_FORMAT[@]}" --build-arg BASE="$ROOTFS_IMAGE" --label "mqtt-platform.local-base=$(stamp "$name")" \
        -t "${BASES[$name]}" "images/local-bases/$name" >/dev/null
done
rm -rf "$hivemq_lib"
echo "local base images: built in $(( $(date +%s) - started )) s"
