# Sourced by scripts/run.sh and the bench scripts: the broker JVM's options as `make run` starts it, so that what is
# measured is what users run. BROKER_JAVA_OPTS replaces them all. docs/adr/0009-broker-under-load.md says why each.
#   -Xms512m -Xmx512m           the heap `make run` gives the broker (HiveMQ's own limits are sized from it), taken
#                               whole at start: G1 then keeps a larger young generation and collects less often
#                               (p99 at 5,000 QoS 1 messages/s 3.0-3.4 ms instead of 4.5-6.7 ms in bench/broker-load.sh)
#   -XX:+ExitOnOutOfMemoryError a JVM out of heap exits, and the supervisor starts it again (never a zombie)
BROKER_JAVA_OPTS=${BROKER_JAVA_OPTS:--Xms512m -Xmx512m -XX:+ExitOnOutOfMemoryError}
