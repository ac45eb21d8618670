#!/bin/sh
# Starts HiveMQ CE as the official image's bin/run.sh does: HiveMQServer with HIVEMQ_HOME as its home (conf/, data/,
# log/, extensions/; HIVEMQ_CONFIG_FOLDER and the other HIVEMQ_*_FOLDER variables move them) and JAVA_OPTS.
set -e
exec java ${JAVA_OPTS} \
    -Djava.net.preferIPv4Stack=true \
    --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED \
    --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED \
    --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
    -Dhivemq.home="${HIVEMQ_HOME:-/opt/hivemq}" \
    -cp "${HIVEMQ_HOME:-/opt/hivemq}/bin/hivemq.jar:${HIVEMQ_HOME:-/opt/hivemq}/lib/*" com.hivemq.HiveMQServer
