#!/usr/bin/env bash
# Writes the broker's password file and ACL from what the Helm chart mounts, before the broker starts (the chart's
# init container; broker/README.md, "Passwords and ACL"). The work is the extension jar's SecurityFilesCommand
# (also `java -jar mqtt-broker.jar security-files`), which documents its inputs: SECURITY_DIR, the optional
# USER_PASSWORD_FILE and USER_ACL_FILE, GATEWAY_USERNAME/GATEWAY_PASSWORD and SYS_METRICS_USERNAME/SYS_METRICS_PASSWORD.
#   EXTENSION_JAR   the extension's jar (default: where the image has it)
set -euo pipefail
EXTENSION_JAR=${EXTENSION_JAR:-/opt/hivemq/extensions/mqtt-platform-extension/mqtt-platform-extension.jar}
exec java -XX:-UsePerfData -XX:TieredStopAtLevel=1 -cp "$EXTENSION_JAR" \
    io.mqttplatform.broker.extension.security.SecurityFilesCommand
