# Sourced by scripts/run.sh and the bench scripts: the broker JVM's options as `make run` starts it, so that what is
# measured is what users run. BROKER_JAVA_OPTS replaces them all. docs/adr/0009-broker-under-load.md says why each.
#   -Xmx512m                    the heap `make run` gives the broker (HiveMQ's own limits are sized from it)
#   -XX:+ExitOnOutOfMemoryError a JVM out of heap exits, and the supervisor starts it again (never a zombie)
BROKER_JAVA_OPTS=${BROKER_JAVA_OPTS:--Xmx512m -XX:+ExitOnOutOfMemoryError}
