#!/usr/bin/env bash
# The TAP benchmarks, one after the other: cone-search throughput (HTTP vs JDBC), a 5,000,000-row BINARY2 stream,
# ADQL parse + translate time.
#
#   bench/tap.sh                    starts a medium demo with a 256 MB heap (data in $BENCH_DATA_DIR, port
#                                   $BENCH_PORT), runs the three benchmarks, stops the demo
#   bench/tap.sh TAP_URL JDBC_URL   uses a demo that is already running (its "ready:" and "database:" lines)
#
# Environment: BENCH_DATA_DIR (/tmp/bench-demo; the first start builds the release there, ~40 s), BENCH_PORT (18181),
# BENCH_CLIENTS (16), BENCH_SECONDS (20), BENCH_WARMUP (20). Binds 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${BENCH_DATA_DIR:-/tmp/bench-demo}"
port="${BENCH_PORT:-18181}"
clients="${BENCH_CLIENTS:-16}"
seconds="${BENCH_SECONDS:-20}"
warmup="${BENCH_WARMUP:-20}"

# Build if needed, under the lock every Maven run in this tree takes; then run from a private copy of the jar, so
# a rebuild by someone else meanwhile cannot pull classes from under the JVMs below.
flock /tmp/vosuite-mvn.lock ./vo --help >/dev/null
work="$(mktemp -d /tmp/bench-tap.XXXXXX)"
flock /tmp/vosuite-mvn.lock cp app/target/vo.jar "$work/vo.jar"
jar="$work/vo.jar"

demo_pid=""
stop_demo() {
  [ -n "$demo_pid" ] || return 0
  if kill -0 "$demo_pid" 2>/dev/null; then
    kill -TERM "$demo_pid" 2>/dev/null || true  # its shutdown hook stops Vert.x and the embedded PostgreSQL
    for _ in $(seq 1 60); do
      kill -0 "$demo_pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$demo_pid" 2>/dev/null; then
      echo "tap.sh: the demo (pid $demo_pid) did not stop in 60 s; killing it" >&2
      kill -KILL "$demo_pid" 2>/dev/null || true
    fi
  fi
  wait "$demo_pid" 2>/dev/null || true
  # The embedded PostgreSQL is the demo's; stop it if the demo could not.
  local pm="$data/pg/postmaster.pid"
  if [ -f "$pm" ]; then
    local pg_pid
    pg_pid="$(head -n 1 "$pm")"
    if [ -n "$pg_pid" ] && tr '\0' ' ' <"/proc/$pg_pid/cmdline" 2>/dev/null | grep -qF -- "$data/pg"; then
      echo "tap.sh: stopping the demo's PostgreSQL (pid $pg_pid)" >&2
      kill -TERM "$pg_pid" 2>/dev/null || true
      for _ in $(seq 1 30); do
        kill -0 "$pg_pid" 2>/dev/null || break
        sleep 1
      done
    fi
  fi
  demo_pid=""
}
cleanup() {
  stop_demo
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ $# -ge 2 ]; then
  tap="$1"
  jdbc="$2"
else
  # What `VO_JAVA_OPTS=-Xmx256m ./vo demo --data-dir $data --port $port` runs (./vo execs exactly this java).
  echo "== starting the demo: java -Xmx256m -jar vo.jar demo --data-dir $data --port $port"
  java -Xmx256m -jar "$jar" demo --data-dir "$data" --port "$port" >"$work/demo.out" 2>"$work/demo.err" &
  demo_pid=$!
  for _ in $(seq 1 900); do
    grep -q '^ready: ' "$work/demo.out" 2>/dev/null && break
    if ! kill -0 "$demo_pid" 2>/dev/null; then
      cat "$work/demo.err" >&2
      echo "tap.sh: the demo stopped before it was ready" >&2
      exit 1
    fi
    sleep 1
  done
  grep -q '^ready: ' "$work/demo.out" || { echo "tap.sh: the demo was not ready after 900 s" >&2; exit 1; }
  tap="$(sed -n 's/^ready: //p' "$work/demo.out" | head -n 1)"
  jdbc="$(sed -n 's/^database: \([^ ]*\).*/\1/p' "$work/demo.out" | head -n 1)"
  grep '^demo: prepared' "$work/demo.err" || true
fi
echo "TAP: $tap"
echo "database: $jdbc"
echo "machine: $(nproc) cores, $(free -m | awk '/^Mem:/ {print $2 " MB memory"}'); java: $(java -version 2>&1 | head -n 1)"

status=0
bench() {
  echo
  echo "== $(uptime)"
  echo "\$ java -cp vo.jar $*"
  set +e
  java -cp "$jar" "$@" 2>&1 | grep -v '^SLF4J(W)'
  local rc="${PIPESTATUS[0]}"
  set -e
  if [ "$rc" -ne 0 ]; then
    echo "tap.sh: $1 exited with status $rc" >&2
    status=1
  fi
}

bench bench/TapConeBench.java "$tap" "$jdbc" --clients "$clients" --seconds "$seconds" --warmup "$warmup"
bench bench/TapStreamBench.java "$tap" --parser both --repeat 2 --jdbc "$jdbc" ${demo_pid:+--server-pid "$demo_pid"}
if [ -n "$demo_pid" ] && command -v jcmd >/dev/null; then
  echo "demo server heap after the streams (-Xmx256m):$(jcmd "$demo_pid" GC.heap_info 2>/dev/null | sed -n 2p)"
fi
bench bench/TapTranslateBench.java "$jdbc" --iterations 2000 --warmup 2000
echo
echo "== $(uptime)"

if [ -n "$demo_pid" ]; then
  if grep -q 'OutOfMemoryError' "$work/demo.err" "$work/demo.out"; then
    echo "tap.sh: the demo server ran out of memory:" >&2
    grep -m 5 'OutOfMemoryError' "$work/demo.err" "$work/demo.out" >&2
    status=1
  else
    echo "demo server (-Xmx256m): no OutOfMemoryError in its output"
  fi
  stop_demo
  echo "demo stopped"
fi
exit "$status"
