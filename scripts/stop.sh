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
for file in "${pidfiles[@]}"; do
    pid=$(cat "$file")
    if kill "$pid" 2>/dev/null; then
        echo "Stopping $(basename "$file" .pid) (pid $pid)"
        for _ in $(seq 1 300); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
done
