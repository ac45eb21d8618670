#!/usr/bin/env bash
# Writes the broker's password file and ACL file from what the Helm chart mounts, before the broker starts (the
# chart's init container; broker/README.md, "Passwords and ACL"). Inputs, all from the environment:
#   SECURITY_DIR          where to write `passwd` and `acl` (an emptyDir shared with the broker container)
#   USER_PASSWORD_FILE    the user's own mosquitto password_file (optional; from broker.auth.existingSecret)
#   USER_ACL_FILE         the user's own mosquitto acl_file (optional)
#   GATEWAY_USERNAME / GATEWAY_PASSWORD, SYS_METRICS_USERNAME / SYS_METRICS_PASSWORD
#                         the platform's own clients, added to the password file with $7$ hashes
#   EXTENSION_JAR         the extension's jar, whose passwd command makes the hashes
# The ACL: the user's, if any, with a section for each platform client appended (the gateway reads and writes every
# topic, its API keys narrow that per key; sys-metrics-service reads $SYS). With a user password file but no user
# ACL, the ACL lets every client use every topic and read $SYS, as mosquitto does without acl_file.
set -euo pipefail
: "${SECURITY_DIR:?}" "${GATEWAY_USERNAME:?}" "${GATEWAY_PASSWORD:?}" "${SYS_METRICS_USERNAME:?}" "${SYS_METRICS_PASSWORD:?}"
EXTENSION_JAR=${EXTENSION_JAR:-/opt/hivemq/extensions/mqtt-platform-sys/mqtt-platform-sys.jar}
passwd=$SECURITY_DIR/passwd
acl=$SECURITY_DIR/acl

passwd_command() {
    java -XX:-UsePerfData -XX:TieredStopAtLevel=1 -cp "$EXTENSION_JAR" \
        io.mqttplatform.broker.extension.security.password.PasswdCommand "$@"
}

if [ -n "${USER_PASSWORD_FILE:-}" ] && [ -f "$USER_PASSWORD_FILE" ]; then
    cat "$USER_PASSWORD_FILE" >"$passwd"
    echo >>"$passwd"
else
    : >"$passwd"
fi
passwd_command -b "$passwd" "$GATEWAY_USERNAME" "$GATEWAY_PASSWORD"
passwd_command -b "$passwd" "$SYS_METRICS_USERNAME" "$SYS_METRICS_PASSWORD"

if [ -n "${USER_ACL_FILE:-}" ] && [ -f "$USER_ACL_FILE" ]; then
    cat "$USER_ACL_FILE" >"$acl"
    echo >>"$acl"
elif [ -n "${USER_PASSWORD_FILE:-}" ] && [ -f "$USER_PASSWORD_FILE" ]; then
    # mosquitto without acl_file: every client may use every topic and read $SYS
    printf '%s\n' '# no acl_file given: every client may use every topic, as in mosquitto without one' \
        'pattern readwrite #' 'pattern read $SYS/#' >"$acl"
else
    : >"$acl"
fi
cat >>"$acl" <<ACL
# the platform's own clients (added by security-files.sh)
user $GATEWAY_USERNAME
topic readwrite #
topic read \$SYS/#
user $SYS_METRICS_USERNAME
topic read \$SYS/#
ACL
echo "password file with $(grep -c ':' "$passwd") users written to $passwd; ACL written to $acl"
