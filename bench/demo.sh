#!/usr/bin/env bash
# `./vo demo` as a newcomer meets it: a fresh clone of this repository, the first `./vo demo` (Maven build, then the
# whole release) timed until the server prints its banner; stopped with SIGTERM; started again and timed until ready.
# Targets: first run under 5 minutes on two cores, later runs ready in under 15 seconds.
# Usage: bench/demo.sh [small|medium] [PORT]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-medium}"
port="${2:-18199}"
work="$(mktemp -d /tmp/bench-demo-clone.XXXXXX)"
trap 'pkill -TERM -f "vo.jar demo --size $size --port $port" 2>/dev/null || true; sleep 3; rm -rf "$work"' EXIT
git clone -q "$here" "$work/suite"
cd "$work/suite"

run() { # $1: label; times ./vo demo until its last banner line, leaves it running
  local start end
  start=$(date +%s.%N)
  ./vo demo --size "$size" --port "$port" >"$work/$1.out" 2>"$work/$1.err" &
  for _ in $(seq 1 3000); do
    grep -q '^Stop with' "$work/$1.out" 2>/dev/null && break
    kill -0 $! 2>/dev/null || { cat "$work/$1.err"; echo "vo demo exited" >&2; exit 1; }
    sleep 0.1
  done
  end=$(date +%s.%N)
  printf '%s: ready in %.1f s\n' "$1" "$(echo "$end - $start" | bc)"
}

run "first run (fresh clone: build + $size release)"
grep -E '^  generated|^demo: prepared' "$work/first run (fresh clone: build + $size release).err" | sed 's/^/  /'
du -sh data/demo/* | sed 's/^/  /'
pkill -TERM -f "vo.jar demo --size $size --port $port"
while pgrep -f "vo.jar demo --size $size --port $port" >/dev/null; do sleep 0.2; done
run "second run (data reused)"
