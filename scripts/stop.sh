#!/usr/bin/env bash
# `make stop`: stops what `make run` started (the pids in .run/*.pid) and waits until it is gone.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
pidfiles=(.run/*.pid)
if [ ${#pidfiles[@]} -eq 0 ]; then
    echo "Nothing is running (no .run/*.pid)."
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
if [ -f .run/make-run.pid ]; then
    launcher=$(cat .run/make-run.pid 2>/dev/null || true)
    if [ -n "$launcher" ] && kill "$launcher" 2>/dev/null; then
        echo "Stopping make run (pid $launcher) and what it started"
        wait_gone "$launcher"
    fi
    rm -f .run/make-run.pid
fi
pidfiles=(.run/*.pid)
for file in "${pidfiles[@]}"; do
    pid=$(cat "$file" 2>/dev/null) || continue
    if kill "$pid" 2>/dev/null; then
        echo "Stopping $(basename "$file" .pid) (pid $pid)"
        wait_gone "$pid"
    fi
    rm -f "$file"
done
