#!/usr/bin/env bash
# `make stop`: stops what `make run` started (the pids in $RUN_DIR/*.pid) and waits until it is gone.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN_DIR=${RUN_DIR:-.run}
shopt -s nullglob
pidfiles=("$RUN_DIR"/*.pid)
if [ ${#pidfiles[@]} -eq 0 ]; then
    echo "Nothing is running (no $RUN_DIR/*.pid)."
    exit 0
fi
# wait_gone PID: up to 30 s for the process to end, then SIGKILL.
wait_gone() {
    for _ in $(seq 1 300); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -9 "$1" 2>/dev/null || true
}
# The `make run` script first: it stops its components itself and removes their pid files.
if [ -f "$RUN_DIR/make-run.pid" ]; then
    launcher=$(cat "$RUN_DIR/make-run.pid" 2>/dev/null || true)
    if [ -n "$launcher" ] && kill "$launcher" 2>/dev/null; then
        echo "Stopping make run (pid $launcher) and what it started"
        wait_gone "$launcher"
    fi
    rm -f "$RUN_DIR/make-run.pid"
fi
pidfiles=("$RUN_DIR"/*.pid)
for file in "${pidfiles[@]}"; do
    pid=$(cat "$file" 2>/dev/null) || continue
    if kill "$pid" 2>/dev/null; then
        echo "Stopping $(basename "$file" .pid) (pid $pid)"
        wait_gone "$pid"
    fi
    rm -f "$file"
done
