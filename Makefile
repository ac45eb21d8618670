# The project's commands; README.md explains them. Everything runs without Docker.
#   make run     build what is missing, start the platform, print where to connect (Ctrl-C stops it)
#   make test    every test of every module, the end-to-end suite, then the images, docker-compose.yml and the Helm
#                chart's pods for real (podman, `podman kube play`, base images built from Debian packages); installs
#                what the tests need when missing
#   make stop    stop what `make run` started
#   make check   the fast lane: every module's unit tests (no broker, gateway or browser started), about 2 minutes
#   make bench   the benchmarks (broker start-up and memory; the broker under load and through a bridge against mosquitto; listing 10,000 clients; gateway throughput, latency, fan-out; scrape latency; whole platform)
#   make k8s     render the Helm chart (helm/mqtt-platform) into k8s/ (through helm-java: no helm binary needed)
#   make images  build the four images with Docker or podman (IMAGES_FLAGS=--local-bases: base images from Debian)

SHELL := /bin/bash
MVNW := ./mvnw -B -ntp
BROKER_JAR := broker/embedded/target/mqtt-broker.jar
# Only what goes into an artifact: a README edit must not trigger a rebuild.
BROKER_SOURCES := $(shell find pom.xml broker/pom.xml broker/conf broker/*/pom.xml broker/*/src -type f)
GATEWAY_JAR := gateway-service/target/quarkus-app/quarkus-run.jar
GATEWAY_SOURCES := $(shell find pom.xml gateway-service/pom.xml gateway-service/src/main -type f)
WEB_UI_DIST := web-ui/dist/index.html
WEB_UI_SOURCES := $(shell find web-ui/package.json web-ui/package-lock.json web-ui/index.html web-ui/tsconfig.json web-ui/vite.config.ts web-ui/src -type f)
SYS_METRICS_JAR := sys-metrics-service/target/quarkus-app/quarkus-run.jar
SYS_METRICS_SOURCES := $(shell find pom.xml sys-metrics-service/pom.xml sys-metrics-service/src/main -type f)

.PHONY: run test check stop bench build test-deps run-deps k8s images

run: run-deps $(BROKER_JAR) $(GATEWAY_JAR) $(SYS_METRICS_JAR) $(WEB_UI_DIST)
	@scripts/run.sh

stop:
	@scripts/stop.sh

test: test-deps
	$(MVNW) verify
	cd monitoring/dashboard-check && npm ci --no-audit --no-fund && npm test
	cd web-ui && npm ci --no-audit --no-fund && npm test && npm run build && npm run e2e
	cd e2e && npm ci --no-audit --no-fund && npm test
	images/compose-test.sh
	images/kube-play-test.sh
	images/container-its.sh

# Unit tests only: Maven's test phase (the *IT classes run in verify) without the Quarkus tests, which start the
# service and a real broker; the web UI's and the dashboard's unit tests. `make test` runs everything.
QUARKUS_TESTS := $(shell grep -rl '@QuarkusTest' --include='*.java' gateway-service/src/test sys-metrics-service/src/test | xargs -n1 basename | sed 's/\.java$$//; s/^/!/' | paste -sd, -)
check:
	@command -v mosquitto >/dev/null || scripts/install-test-deps.sh --only mosquitto  # the bridge config's oracle
	$(MVNW) spotless:check test -Dtest='!*IT,$(QUARKUS_TESTS)' -Dsurefire.failIfNoSpecifiedTests=false
	cd web-ui && npm ci --no-audit --no-fund && npm test
	cd monitoring/dashboard-check && npm ci --no-audit --no-fund && npm test

images: $(BROKER_JAR) $(GATEWAY_JAR) $(SYS_METRICS_JAR) $(WEB_UI_DIST)
	@images/build.sh $(IMAGES_FLAGS)

k8s:
	$(MVNW) -q -pl deployment -am -Pk8s process-classes

test-deps:
	@scripts/install-test-deps.sh

run-deps:
	@scripts/install-test-deps.sh --run

build: $(BROKER_JAR) $(GATEWAY_JAR) $(SYS_METRICS_JAR) $(WEB_UI_DIST)

BENCH_JAR := bench/target/bench.jar

bench: run-deps $(BROKER_JAR) $(GATEWAY_JAR) $(SYS_METRICS_JAR) $(WEB_UI_DIST) $(BENCH_JAR)
	@bench/broker-startup.sh
	@bench/broker-load.sh
	@bench/broker-auth-storm.sh
	@bench/bridge.sh
	@bench/operations.sh
	@bench/gateway.sh
	@bench/sys-metrics.sh
	@bench/platform.sh

$(BENCH_JAR): $(shell find pom.xml bench/pom.xml bench/src -type f)
	$(MVNW) -q -pl bench -am package -DskipTests
	@touch $@

# The artifacts are rebuilt only when their sources or the parent pom changed, so a second `make run` starts at once.
# One Maven run builds all three (separate runs would build the shared broker modules three times: 90 s instead of 46 s
# from a fresh clone here).
$(BROKER_JAR) $(GATEWAY_JAR) $(SYS_METRICS_JAR) &: $(BROKER_SOURCES) $(GATEWAY_SOURCES) $(SYS_METRICS_SOURCES)
	$(MVNW) -q -pl broker/embedded,gateway-service,sys-metrics-service -am package -DskipTests
	@touch $(BROKER_JAR) $(GATEWAY_JAR) $(SYS_METRICS_JAR)

$(WEB_UI_DIST): $(WEB_UI_SOURCES)
	cd web-ui && npm ci --no-audit --no-fund --loglevel=error && npm run build
	@touch $@

