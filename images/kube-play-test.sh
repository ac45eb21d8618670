#!/usr/bin/env bash
# The kube play test of `make test`: the Helm chart's own pods, rendered with its default values (broker passwords and
# ACL on, API keys on, the broker's persistent volume on), run by `podman kube play` with the platform's images built
# from local bases, under the securityContext, resources, env, ConfigMaps, Secrets and volumes the chart renders.
# A test-only transform (deployment/src/test/java/.../KubePlay.java, each step commented) bridges what podman does not
# do as Kubernetes does: no StatefulSet or Service, Secrets created apart, emptyDirs shared by name, init containers
# restarted. Then, through host ports on 127.0.0.1 (container port + 30000):
#   every probe the chart defines passes, run as the kubelet runs it (HTTP GET from the node to the pod's address);
#   the e2e suite's smoke checks (e2e/lib/smoke.mjs), secured with the chart's generated API key and passwords;
#   `podman inspect` shows every container non-root, with a read-only root filesystem, no capabilities and the
#   rendered memory limit; a broker pod removed and played again keeps its retained messages on the claim, and the
#   gateway and sys-metrics-service reconnect to it.
# Removes what it made (pods, secrets, volumes, network) by name, also after a failure, printing the last log lines of
# every container when something failed. Ends with "N passed, N failed". Needs podman (installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
source images/engine.sh
source scripts/lib.sh

NETWORK=mqtt-platform-kube-play
CHECKS="kube play test"
passed=0
failed=0

CONTAINER_ENGINE=podman engine_setup
# podman's pause image for the pods' infra containers is built from catatonit.
command -v catatonit >/dev/null 2>&1 || [ -x /usr/libexec/podman/catatonit ] \
    || scripts/install-test-deps.sh --only catatonit

work=$(mktemp -d)
KUBECONFIG="$work/kubeconfig" ./mvnw -B -ntp -q -pl deployment -am -Pkube-play process-test-classes \
    -Dkube-play.dir="$work"
source "$work/facts.env"
read -r -a pods <<<"$PODS"

remove_all() { # everything this test makes, by name (also what an interrupted earlier run left)
    local pod
    for pod in "${pods[@]}"; do podman pod rm -f -t 10 "$pod" >/dev/null 2>&1 || true; done
    # Secret volumes become named volumes called as their Secret.
    for volume in $EMPTY_DIRS $CLAIMS $SECRETS; do podman volume rm -f "$volume" >/dev/null 2>&1 || true; done
    for secret in $SECRETS; do podman secret rm "$secret" >/dev/null 2>&1 || true; done
    podman network rm -f "$NETWORK" >/dev/null 2>&1 || true
}
cleanup() {
    status=$?
    if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
        for pod in "${pods[@]}"; do
            for container in $(podman ps -a --filter "pod=$pod" --format '{{.Names}}' 2>/dev/null | grep -v -- -infra); do
                echo "kube play test: last log lines of $container:"
                podman logs --tail 30 "$container" 2>&1 | sed 's/^/    /'
            done
        done
    fi
    remove_all
    rm -rf "$work"
    engine_teardown
    exit "$status"
}
trap cleanup EXIT

remove_all
# shellcheck disable=SC2046 # one word per port
ports_free "the test publishes the pods' ports there" $(grep -o "_PORT='[0-9]*'" "$work/facts.env" | tr -dc '0-9\n') || exit 1

t0=$(date +%s)
images/build.sh --local-bases
t1=$(date +%s)

podman network create "$NETWORK" >/dev/null
for secret in $SECRETS; do
    podman secret create "$secret" "$work/secrets/$secret.json" >/dev/null
done
podman kube play --network "$NETWORK" "$work/claims.yaml" >/dev/null
play() { # play POD: `podman kube play` of one pod (with its ConfigMaps) on the test's network
    timeout 180 podman kube play --network "$NETWORK" "$work/$1.yaml" >"$work/play-$1.log" 2>&1 \
        || { cat "$work/play-$1.log"; return 1; }
}
for pod in "${pods[@]}"; do
    play "$pod"
done

pod_address() { # the pod's address on the test network (its infra container holds the network)
    local infra
    infra=$(podman pod inspect "$1" --format '{{.InfraContainerID}}')
    podman inspect "$infra" --format "{{(index .NetworkSettings.Networks \"$NETWORK\").IPAddress}}"
}

probe() { # probe POD CONTAINER KIND PORT PATH: an httpGet probe as the kubelet runs it (2xx or 3xx passes)
    local code
    code=$(curl -s -m 3 -o /dev/null -w '%{http_code}' "http://$(pod_address "$1"):$4$5") || return 1
    [ "$code" -ge 200 ] && [ "$code" -lt 400 ]
}

# The kubelet gives a startup probe periodSeconds x failureThreshold before it restarts the container; readiness and
# liveness are asked once the container started.
probes_pass() { # probes_pass POD: every probe of the pod's containers, in the kubelet's order and bounds
    local pod container kind port path period threshold
    while IFS=$'\t' read -r pod container kind port path period threshold; do
        [ "$pod" = "$1" ] || continue
        case $kind in
            startupProbe) until_ok $((period * threshold)) probe "$pod" "$container" "$kind" "$port" "$path" ;;
            *) until_ok 60 probe "$pod" "$container" "$kind" "$port" "$path" ;;
        esac || { echo "kube play test: $pod/$container: $kind GET :$port$path does not pass" >&2; return 1; }
    done <"$work/probes.tsv"
}
for pod in "${pods[@]}"; do
    check "$pod: every probe the chart defines passes (startup, readiness, liveness)" probes_pass "$pod"
done
t2=$(date +%s)

secret_value() { # secret_value SECRET KEY: a value the chart generated, decoded
    grep -o "\"$2\":\"[^\"]*\"" "$work/secrets/$1.json" | cut -d'"' -f4 | base64 -d
}
api_key=$API_KEY
broker_user=mqtt-platform-gateway
broker_password=$(secret_value mqtt-platform-broker-auth gateway-password)
gateway="http://127.0.0.1:$MQTT_PLATFORM_GATEWAY_HTTP_PORT"

publish() { # publish BASE_URL TOPIC PAYLOAD [QUERY]: POST through the gateway with the generated key; prints the status
    curl -s -m 10 -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $api_key" --data "$3" \
        "$1/api/v1/topics/$2?qos=1${4:-}"
}

# What a user checks first, as the e2e suite checks it on `make run` (e2e/lib/smoke.mjs), here secured as the chart
# renders it: a publish through the gateway with the generated API key reaches mosquitto_sub (as the gateway's
# generated broker user), anonymous clients and key-less publishes are refused; the web UI's nginx serves the page and
# proxies /api/; the broker's health endpoints answer UP; sys-metrics-service exports mqtt_broker_up 1 (it reads $SYS
# with its generated password).
smoke() {
    SMOKE_GATEWAY=$gateway SMOKE_UI="http://127.0.0.1:$MQTT_PLATFORM_WEB_UI_HTTP_PORT" \
        SMOKE_METRICS="http://127.0.0.1:$MQTT_PLATFORM_SYS_METRICS_HTTP_PORT/metrics" \
        SMOKE_HEALTH="http://127.0.0.1:$MQTT_PLATFORM_BROKER_HEALTH_PORT/api/v1/health" \
        SMOKE_MQTT_PORT=$MQTT_PLATFORM_BROKER_MQTT_PORT SMOKE_MQTT_USERNAME=$broker_user SMOKE_MQTT_PASSWORD=$broker_password \
        SMOKE_API_KEY=$api_key timeout 300 node --test e2e/smoke/target.test.mjs
}
check "the smoke checks (e2e/smoke/target.test.mjs) against the pods, secured" smoke

broker_up() {
    curl -s -m 5 "http://127.0.0.1:$MQTT_PLATFORM_SYS_METRICS_HTTP_PORT/metrics" | contains '^mqtt_broker_up 1'
}

restricted() { # restricted POD CONTAINER BYTES: the container as podman runs it
    local name="$1-$2" user readonly caps memory nnp image
    IFS=$'\t' read -r user readonly caps memory nnp image < <(podman inspect "$name" --format \
        '{{.Config.User}}	{{.HostConfig.ReadonlyRootfs}}	{{.EffectiveCaps}}	{{.HostConfig.Memory}}	{{.HostConfig.SecurityOpt}}	{{.ImageName}}')
    # Without runAsUser the image's user runs (the chart's runAsNonRoot demands a non-root one).
    [ -n "$user" ] || user=$(podman image inspect "$image" --format '{{.Config.User}}')
    local problems=()
    case $user in '' | 0 | root | 0:* | root:*) problems+=("runs as root (user '$user')") ;; esac
    if [ "$(podman inspect "$name" --format '{{.State.Running}}')" = true ]; then
        local uid # the effective uid of its first process, as the host sees it
        uid=$(awk '/^Uid:/ {print $3}' "/proc/$(podman inspect "$name" --format '{{.State.Pid}}')/status")
        [ -n "$uid" ] && [ "$uid" != 0 ] || problems+=("its process runs as uid '$uid'")
    fi
    [ "$readonly" = true ] || problems+=("root filesystem writable")
    [ "$caps" = "[]" ] || problems+=("capabilities $caps")
    [ "$memory" = "$3" ] || problems+=("memory limit $memory, rendered $3")
    [[ "$nnp" == *no-new-privileges* ]] || problems+=("privilege escalation allowed ($nnp)")
    [ ${#problems[@]} -eq 0 ] || { echo "kube play test: $name: ${problems[*]}" >&2; return 1; }
}
while IFS=$'\t' read -r pod container bytes quantity; do
    check "$pod/$container: not root, read-only root filesystem, no capabilities, no privilege escalation, memory $quantity" \
        restricted "$pod" "$container" "$bytes"
done <"$work/containers.tsv"

# A StatefulSet's pod is deleted and made again with the same claim; its emptyDirs start empty.
retained_after_replay() {
    [ "$(publish "$gateway" kube-play/kept 'kept on the claim' '&retain=true')" = 200 ] || return 1
    podman pod rm -f -t 60 "$MQTT_PLATFORM_BROKER_POD" >/dev/null
    for volume in $EMPTY_DIRS; do
        [[ "$volume" == "$MQTT_PLATFORM_BROKER_POD"-* ]] && podman volume rm -f "$volume" >/dev/null
    done
    play "$MQTT_PLATFORM_BROKER_POD" || return 1
    probes_pass "$MQTT_PLATFORM_BROKER_POD" || return 1
    local got
    got=$(mosquitto_sub -h 127.0.0.1 -p "$MQTT_PLATFORM_BROKER_MQTT_PORT" -u "$broker_user" -P "$broker_password" \
        -t kube-play/kept -C 1 -W 10 2>&1) || return 1
    [ "$got" = 'kept on the claim' ]
}
check "a broker pod removed and played again keeps its retained messages (persistent volume claim)" retained_after_replay

gateway_back() {
    curl -s -m 10 -H "Authorization: Bearer $api_key" "$gateway/api/v1/retained/kube-play%2Fkept" \
        | contains '"payload":"kept on the claim"'
}
check "the gateway reconnects to the new broker pod (by its name, with its password) and reads the retained message" \
    until_ok 60 gateway_back
check "sys-metrics-service reconnects to the new broker pod: mqtt_broker_up 1 again" until_ok 60 broker_up
t3=$(date +%s)

echo "kube play test: images $((t1 - t0)) s; play to every probe passing $((t2 - t1)) s; checks $((t3 - t2)) s"
echo "kube play test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
