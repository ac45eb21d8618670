# Sourced by the image scripts: picks the container engine and, for podman, makes it usable here.
#   CONTAINER_ENGINE=docker|podman  to choose; else podman when it is installed, else Docker when its daemon answers,
#   else podman (installed from Debian).
# Sets ENGINE (the command), BUILD_FORMAT (the build options that keep HEALTHCHECK) and, for podman, DOCKER_HOST to
# its Docker-compatible socket (started when not running), which docker-compose and Testcontainers use. Installs
# podman from Debian when neither engine is there. A script that calls engine_setup calls engine_teardown when it
# ends (in its EXIT trap): it stops the podman service if engine_setup started it, and leaves one it found running.

engine_setup() {
    if [ -n "${CONTAINER_ENGINE:-}" ]; then
        ENGINE=$CONTAINER_ENGINE
    elif ! command -v podman >/dev/null 2>&1 && command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
        ENGINE=docker
    else
        ENGINE=podman
    fi
    BUILD_FORMAT=()
    if [ "$ENGINE" = docker ]; then
        return 0
    fi
    # podman's default OCI format drops HEALTHCHECK; the Docker format keeps it.
    BUILD_FORMAT=(--format docker)
    # Named one by one (the project installs without Recommends): netavark and aardvark-dns give containers their
    # network and compose's service names, iptables publishes ports.
    if ! command -v podman >/dev/null 2>&1 || ! command -v iptables >/dev/null 2>&1 \
        || [ ! -x /usr/lib/podman/netavark ] || [ ! -x /usr/lib/podman/aardvark-dns ]; then
        "$(dirname "${BASH_SOURCE[0]}")/../scripts/install-test-deps.sh" --only podman runc iptables uidmap netavark aardvark-dns
    fi
    # runc and cgroupfs, no ulimit defaults (the sandbox refuses to raise them), from the project's own file: the
    # machine's /etc/containers is never written.
    export CONTAINERS_CONF="${CONTAINERS_CONF:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/containers.conf}"
    local socket=/run/podman/podman.sock
    [ "$(id -u)" -eq 0 ] || socket="${XDG_RUNTIME_DIR:-/tmp}/podman/podman.sock"
    export DOCKER_HOST="unix://$socket"
    if ! curl -s -m 2 --unix-socket "$socket" http://d/_ping >/dev/null 2>&1; then
        mkdir -p "$(dirname "$socket")"
        nohup podman system service --time=0 "unix://$socket" >/dev/null 2>&1 &
        ENGINE_SERVICE_PID=$!
        for _ in $(seq 1 50); do
            curl -s -m 1 --unix-socket "$socket" http://d/_ping >/dev/null 2>&1 && break
            sleep 0.2
        done
    fi
    curl -s -m 2 --unix-socket "$socket" http://d/_ping >/dev/null 2>&1 || {
        echo "error: podman's API socket $socket does not answer" >&2
        return 1
    }
}

engine_teardown() {
    if [ -n "${ENGINE_SERVICE_PID:-}" ]; then
        kill "$ENGINE_SERVICE_PID" 2>/dev/null || true
        wait "$ENGINE_SERVICE_PID" 2>/dev/null || true
        ENGINE_SERVICE_PID=
    fi
}

# podman runs a container's healthcheck from a systemd timer; without systemd (as here) the status stays "starting"
# and compose's `depends_on: condition: service_healthy` waits for ever. This runs the containers' own healthchecks
# every 2 s instead, as the timer would, until killed: `engine_health_pump PROJECT & pump=$!`. No-op for Docker.
engine_health_pump() {
    [ "$ENGINE" = podman ] || return 0
    while true; do
        for container in $(podman ps --filter "label=com.docker.compose.project=$1" --format '{{.Names}}'); do
            podman healthcheck run "$container" >/dev/null 2>&1 || true
        done
        sleep 2
    done
}
