# Shell functions the project's scripts share (sourced, not run).

# port_in_use PORT: true when something on this machine accepts connections on 127.0.0.1:PORT.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# running PID: true while the process runs (a child that ended but was not waited for yet is a zombie: not running).
running() { [ -e "/proc/$1" ] && ! grep -q ') Z ' "/proc/$1/stat" 2>/dev/null; }

# await NAME LOG WHAT TIMEOUT_SECONDS PID CHECK...: runs CHECK every 0.1 s until it succeeds. Fails, printing the end of
# NAME's LOG, when PID (if not empty) stops first or when the time runs out. For `make run` and the bench scripts.
await() {
    local name=$1 log=$2 what=$3 timeout=$4 pid=$5 tries=0
    shift 5
    until "$@"; do
        if [ -n "$pid" ] && ! running "$pid"; then
            echo "error: $name stopped during start-up; its log ($log) ends with:" >&2
            tail -n 20 "$log" >&2
            return 1
        fi
        if [ "$tries" -ge $((timeout * 10)) ]; then
            echo "error: $name did not $what within ${timeout}s; its log ($log) ends with:" >&2
            tail -n 20 "$log" >&2
            return 1
        fi
        sleep 0.1
        tries=$((tries + 1))
    done
}
# await_log NAME LOG PATTERN TIMEOUT_SECONDS [PID]: await until LOG has a line matching PATTERN (grep).
await_log() { await "$1" "$2" "report '$3'" "$4" "${5:-}" grep -q -- "$3" "$2"; }

# ports_free WHY PORT...: true when no port is in use; else says which one ("CHECKS: error: host port P is in use
# (WHY); stop what holds it") and fails. For tests that publish fixed host ports.
ports_free() {
    local why=$1 port
    shift
    for port in "$@"; do
        if port_in_use "$port"; then
            echo "$CHECKS: error: host port $port is in use ($why); stop what holds it" >&2
            return 1
        fi
    done
}

# The user-visible checks of the image tests (compose-test.sh, kube-play-test.sh). Set CHECKS to the test's name
# ("compose test") and passed=0 failed=0 first; end with checks_summary.
# check NAME COMMAND...: runs one check, prints "CHECKS: ok: NAME" or "CHECKS: FAILED: NAME", counts it.
check() {
    local name=$1
    shift
    if "$@"; then
        echo "$CHECKS: ok: $name"
        passed=$((passed + 1))
    else
        echo "$CHECKS: FAILED: $name"
        failed=$((failed + 1))
    fi
}

# until_ok SECONDS COMMAND...: runs COMMAND every second until it succeeds; fails after SECONDS.
until_ok() {
    local deadline=$(($(date +%s) + $1))
    shift
    until "$@"; do
        [ "$(date +%s)" -lt "$deadline" ] || return 1
        sleep 1
    done
}

# contains PATTERN: true when the input has a line matching PATTERN (grep). Unlike `grep -q`, it reads the input to
# the end: under `set -o pipefail`, `curl ... | grep -q` fails when grep stops early and curl dies writing (SIGPIPE).
contains() {
    grep -- "$1" >/dev/null
}
