#!/usr/bin/env bash
# Installs what the tests use from Debian when it is missing: the mosquitto broker and CLI clients (mosquitto_pub,
# mosquitto_sub), Python paho-mqtt (for /usr/bin/python3), openssl (test certificates), Prometheus (prometheus,
# promtool), nginx and envsubst (the web UI's server), Chromium (the UI's browser tests), docker-compose (checks
# docker-compose.yml with `docker-compose config`; no engine needed) and BusyBox (its wget runs the chart's `helm test`
# script in the end-to-end suite, as in the test image); the tests and `make run`
# start their own servers, never the packages' services. Plus any Debian packages named as arguments (`make bench`
# adds hey). Called by `make test` and `make run`; safe to run again.
set -euo pipefail

missing=()
# `--run`: only what `make run` needs (nginx and envsubst for the web UI); `--only`: only the packages named.
mode=test
if [ "${1:-}" = "--run" ] || [ "${1:-}" = "--only" ]; then
    mode=${1#--}
    shift
fi
for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "$mode" != only ]; then
    [ -x /usr/sbin/nginx ] || missing+=(nginx)
    command -v envsubst >/dev/null 2>&1 || missing+=(gettext-base)
fi
if [ "$mode" = test ]; then
    command -v mosquitto_sub >/dev/null 2>&1 || missing+=(mosquitto-clients)
    [ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
    /usr/bin/python3 -c 'import paho.mqtt.client' >/dev/null 2>&1 || missing+=(python3-paho-mqtt)
    command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
    command -v openssl >/dev/null 2>&1 || missing+=(openssl)
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
    [ -x /bin/busybox ] || missing+=(busybox)
fi

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "Installing test dependencies from Debian: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo="sudo"
    else
        echo "error: ${missing[*]} missing and not root (no sudo): install them with apt-get and run again" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
