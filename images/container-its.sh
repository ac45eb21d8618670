#!/usr/bin/env bash
# The last step of `make test`: the services' *ContainerIT tests (Testcontainers) against the platform's broker image,
# which images/compose-test.sh built just before. Skipped, saying so, only where no engine can run containers.
set -euo pipefail
cd "$(dirname "$0")/.."
source images/engine.sh
if ! engine_setup; then
    echo "container ITs: SKIPPED: neither Docker nor podman can run containers on this machine"
    exit 0
fi
trap engine_teardown EXIT
# Ryuk (Testcontainers' clean-up container) is not available here; each test stops its own container.
export TESTCONTAINERS_RYUK_DISABLED=true
started=$(date +%s)
./mvnw -B -ntp -Pcontainer-its verify -pl gateway-service,sys-metrics-service -am
echo "container ITs: $(( $(date +%s) - started )) s"
