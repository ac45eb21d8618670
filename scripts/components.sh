# Sourced by scripts/run.sh (`make run`) and the bench scripts: how each component of the platform is started, written
# once so that what is tested and measured is what users run. Each function replaces its shell with the process (exec,
# so that the pid of `run_broker &` is the broker's own); the components read their settings from the environment
# (broker/README.md, gateway-service/README.md, sys-metrics-service/README.md, web-ui/README.md). JVM options:
#   BROKER_JAVA_OPTS       default -Xms512m -Xmx512m -XX:+ExitOnOutOfMemoryError -XX:Tier4LoadFeedback=1000
#                          -XX:TieredCompileTaskTimeout=600000 (docs/adr/0009-broker-under-load.md, 0015-client-queues.md):
#                          the heap `make run` gives the broker (HiveMQ's own limits are sized from it), taken whole at
#                          start, so that G1 keeps a larger young generation and collects less often (p99 at 5,000 QoS 1
#                          messages/s 3.0-3.4 ms instead of 4.5-6.7 ms in bench/broker-load.sh); a JVM out of heap
#                          exits, and the supervisor starts it again (never a zombie); the JIT compiles what the start-up
#                          warm-up made hot while it runs, not when the first users come
#   GATEWAY_JAVA_OPTS      default -Xmx256m
#   SYS_METRICS_JAVA_OPTS  default -Xmx128m
#   BROKER_JAR             default broker/embedded/target/mqtt-broker.jar (the bench scripts compare other builds)
#   GATEWAY_JAR            default gateway-service/target/quarkus-app/quarkus-run.jar (the tests give its full path)
BROKER_JAVA_OPTS=${BROKER_JAVA_OPTS:--Xms512m -Xmx512m -XX:+ExitOnOutOfMemoryError -XX:Tier4LoadFeedback=1000 -XX:TieredCompileTaskTimeout=600000}

run_broker() { exec java $BROKER_JAVA_OPTS -jar "${BROKER_JAR:-broker/embedded/target/mqtt-broker.jar}"; }
# The gateway reaches the broker's operations API on the broker's health port (HEALTH_PORT, as scripts/run.sh sets it)
# unless GATEWAY_BROKER_ADMIN_URL is set (set and empty: no operations API).
run_gateway() {
    export GATEWAY_BROKER_ADMIN_URL=${GATEWAY_BROKER_ADMIN_URL-http://127.0.0.1:${HEALTH_PORT:-8889}}
    exec java ${GATEWAY_JAVA_OPTS:--Xmx256m} -jar "${GATEWAY_JAR:-gateway-service/target/quarkus-app/quarkus-run.jar}"
}
run_sys_metrics() { exec java ${SYS_METRICS_JAVA_OPTS:--Xmx128m} -jar sys-metrics-service/target/quarkus-app/quarkus-run.jar; }
run_web_ui() { exec scripts/web-ui-nginx.sh; }
