#!/usr/bin/env bash
# The whole platform as `make run` starts it (scripts/run.sh, packaged artifacts already built), on free ports with
# its own run folder: time from start to all components healthy (URLs printed), and each process's memory (RSS)
# after IDLE_SECONDS without traffic. Issue 6 asks for these figures; there is no target.
set -euo pipefail
cd "$(dirname "$0")/.."

IDLE_SECONDS=${IDLE_SECONDS:-30}
source bench/common.sh

start_ns=$(date +%s%N)
launch_stack || exit 1
healthy_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
sleep "$IDLE_SECONDS"

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
row() { printf '%-44s %12s\n' "$@"; }
printf '\nPlatform as make run starts it (%s cores; artifacts already built; idle %ss before reading memory)\n' "$(nproc)" "$IDLE_SECONDS"
row "measure" "value"
row "start to all components healthy (ms)" "$healthy_ms"
for name in broker gateway sys-metrics; do
    row "$name RSS idle (MiB)" "$(rss_mib "$(cat "$run_dir/$name.pid")")"
done
nginx_master=$(cat "$run_dir/nginx/nginx.pid")
nginx_total=$(( $(rss_mib "$nginx_master") + $(for child in $(pgrep -P "$nginx_master"); do rss_mib "$child"; echo; done | awk '{s += $1} END {print s + 0}') ))
row "web-ui nginx RSS idle, master + worker (MiB)" "$nginx_total"
stop_stack
