#!/bin/sh
# `helm test` of the chart (templates/tests/publish-roundtrip.yaml runs this file in a mosquitto image): publish a
# retained message through the gateway's REST API, read it back from the broker over MQTT, then clear it.
# Needs GATEWAY_URL, BROKER_HOST, BROKER_PORT, TOPIC, API_KEY when the gateway requires keys, and MQTT_USERNAME and
# MQTT_PASSWORD when the broker requires a password; uses only
# BusyBox's wget and mosquitto_sub. The end-to-end suite runs it against `make run`'s platform.
set -eu

post() { # post BODY URL
  if [ -n "${API_KEY:-}" ]; then
    wget -q -O - --header "Authorization: Bearer $API_KEY" --post-data "$1" "$2"
  else
    wget -q -O - --post-data "$1" "$2"
  fi
}

payload="roundtrip $(date +%s)"
echo "publishing '$payload' to $TOPIC through $GATEWAY_URL"
post "$payload" "$GATEWAY_URL/api/v1/topics/$TOPIC?qos=1&retain=true"
echo
if [ -n "${MQTT_USERNAME:-}" ]; then
  received=$(mosquitto_sub -h "$BROKER_HOST" -p "$BROKER_PORT" -u "$MQTT_USERNAME" -P "$MQTT_PASSWORD" -t "$TOPIC" -C 1 -W 20)
else
  received=$(mosquitto_sub -h "$BROKER_HOST" -p "$BROKER_PORT" -t "$TOPIC" -C 1 -W 20)
fi
echo "received '$received' from $BROKER_HOST:$BROKER_PORT"
# An empty retained message removes the retained one.
post "" "$GATEWAY_URL/api/v1/topics/$TOPIC?qos=1&retain=true"
echo
if [ "$received" != "$payload" ]; then
  echo "FAILED: expected '$payload'" >&2
  exit 1
fi
echo "OK: the message published through the gateway came back over MQTT"
