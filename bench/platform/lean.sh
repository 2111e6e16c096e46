#!/usr/bin/env bash
# Issue 24's table: how fast the platform starts and how much memory it holds, on this machine.
#   - './lab up' with everything built (LAB_SKIP_BUILD=1): RUNS times down + up, wall time;
#   - the platform idle after 'up' (IDLE_SECONDS after the last one): summed RSS and PSS of every
#     process 'up' started and of PostgreSQL's (PSS shares PostgreSQL's shared buffers out fairly);
#   - each service: RUNS times './lab restart NAME', JVM start -> /q/health/ready UP as './lab' times
#     it, and its RSS after IDLE_SECONDS idle;
#   - DEMO=1: the platform's peak summed RSS during './lab demo' (N M E: DEMO_ARGS), sampled each second;
#   - PARTS with "first": RUNS times the first './lab up' of a fresh clone of this checkout's HEAD
#     (Maven's cache warm; the build, Keycloak unpacked and built, the class-data archives recorded),
#     wall time; each clone's platform is stopped and its databases dropped after.
#   - PARTS with "p3": annotation-service under P3's submit load (bench/annotation-service: its own
#     copy of the service, database and broker; the platform stopped first), started on the java,
#     with the JVM options and start archive './lab' gives it; its RSS and submits/s after each of
#     RUNS measured runs, which follow P3's 5 untimed runs (about 5 minutes of load before the first
#     figure).
# Medians with min-max, one JSON line per figure in the output file, the table on stdout.
# Not a test: it stops and starts the platform of this checkout ('./lab down' at the start). For the
# platform's figures give it a LAB_HOME and LAB_DB_PREFIX of its own (no models deployed earlier).
#
# usage: bench/platform/lean.sh [output-file]
# env:   RUNS (5), IDLE_SECONDS (20), DEMO (0), DEMO_ARGS ("300 100 5"),
#        PARTS ("up services"; "first" adds the fresh clones, "p3" the submit load; "" for the demo alone), LAB (the ./lab script to measure; the
#        baseline: that of a worktree of an earlier commit built there, e.g. git worktree add
#        /tmp/base-wt b336b99 and mvn -B -q package -DskipTests in it, with its own LAB_HOME),
#        LAB_JVM_DEFAULTS (set: the services on the JVM's defaults, see ./lab help), LAB_SERVICE_JAVA
#        (the java the services run on, see ./lab help)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lab="${LAB:-$repo/lab}"
parts="${PARTS-up services}"
runs="${RUNS:-5}" idle="${IDLE_SECONDS:-20}"
out="${1:-$(mktemp -t lean.XXXXXX.jsonl)}"
pids="${LAB_HOME:-$(dirname "$lab")/.lab}/pids"
services=(project-service annotation-service training-service deploy-service preannotation-service)
# The commit measured: that of the checkout LAB is in (a worktree of an earlier commit for a
# baseline); a lab script outside a checkout is named beside this checkout's commit.
measured="$(dirname "$lab")"
if [[ "$(git -C "$measured" rev-parse --show-toplevel 2>/dev/null)" == "$(cd "$measured" && pwd -P)" ]]; then
  commit="$(git -C "$measured" rev-parse --short HEAD)"
  [[ -z "$(git -C "$measured" status --porcelain -- lab helm bench/platform)" ]] || commit="$commit + uncommitted changes"
  [[ "$measured" -ef "$repo" ]] || commit="$commit (checkout $measured)"
else
  commit="$(git -C "$repo" rev-parse --short HEAD), measuring $lab"
fi
[[ -z "${LAB_JVM_DEFAULTS:-}" ]] || commit="$commit, LAB_JVM_DEFAULTS"
[[ -z "${LAB_SERVICE_JAVA:-}" ]] || commit="$commit, LAB_SERVICE_JAVA=$LAB_SERVICE_JAVA"
: >"$out"
note() { printf '%s\n' "lean: $*" >&2; }
record() { # figure json-fields
  printf '{"figure":"%s","commit":"%s","loadavg":"%s",%s}\n' "$1" "$commit" "$(cut -d' ' -f1-3 /proc/loadavg)" "$2" >>"$out"
}

descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }
# Summed RSS and PSS (kB) of the platform: every process with a pid file, their descendants
# (Keycloak's JVM, nlp-runner's trainings and model servers), and PostgreSQL's processes.
platform_memory() {
  local f p all=()
  for f in "$pids"/*.pid; do
    [[ -f "$f" ]] || continue
    p="$(cat "$f")"; [[ -d "/proc/$p" ]] || continue
    all+=("$p" $(descendants "$p"))
  done
  all+=($(pgrep -u postgres || true))
  for p in "${all[@]}"; do cat "/proc/$p/smaps_rollup" 2>/dev/null; done \
    | awk '/^Rss:/ {r += $2} /^Pss:/ {s += $2} END {printf "%d %d\n", r, s}'
}
service_rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$(cat "$pids/$1.pid")/status"; }

note "output $out; commit $commit; $runs runs; idle $idle s"
"$lab" down >/dev/null 2>&1 || true
# A Kafka or Keycloak of another LAB_HOME still answering would be reused by 'up' and, having no pid
# file here, left out of the platform's figures.
for port in "${LAB_KAFKA_PORT:-9092}" "${LAB_KEYCLOAK_PORT:-8180}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    note "port $port still answers after './lab down': another LAB_HOME's Kafka or Keycloak, which 'up' would reuse and these figures not count; stop it first"
    exit 1
  fi
done

# the first ./lab up of a fresh clone
if [[ " $parts " == *" first "* ]]; then for i in $(seq 1 "$runs"); do
  clone="$(mktemp -d -t lean-first.XXXXXX)" prefix="lean_first${i}_"
  git clone -q "$repo" "$clone/lab"
  start=$(date +%s%3N)
  env -u LAB_HOME -u LAB_SKIP_BUILD LAB_DB_PREFIX="$prefix" "$clone/lab/lab" up >"/tmp/lean-first-$i.log" 2>&1 \
    || { tail -n 20 "/tmp/lean-first-$i.log" >&2; exit 1; }
  ms=$(( $(date +%s%3N) - start ))
  env -u LAB_HOME LAB_DB_PREFIX="$prefix" "$clone/lab/lab" down >/dev/null 2>&1 || true
  for db in $(runuser -u postgres -- psql -Atc "select datname from pg_database where datname like '${prefix}%'"); do
    runuser -u postgres -- psql -q -c "drop database $db"
  done
  rm -rf "$clone"
  note "first lab up of a fresh clone $i: $ms ms"
  record first-up "\"run\":$i,\"seconds\":$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
done; fi

# ./lab up, everything built
# One untimed 'up' first: Keycloak's one-time build and the services' class-data archives.
LAB_SKIP_BUILD=1 "$lab" up >/tmp/lean-warm-up.log 2>&1 || { tail -n 20 /tmp/lean-warm-up.log >&2; exit 1; }
if [[ " $parts " == *" up "* ]]; then for i in $(seq 1 "$runs"); do
  "$lab" down >/dev/null 2>&1 || true
  start=$(date +%s%3N)
  LAB_SKIP_BUILD=1 "$lab" up >"/tmp/lean-up-$i.log" 2>&1 || { tail -n 20 "/tmp/lean-up-$i.log" >&2; exit 1; }
  ms=$(( $(date +%s%3N) - start ))
  note "lab up $i: $ms ms"
  record lab-up "\"run\":$i,\"seconds\":$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
done; fi

sleep "$idle"
read -r rss pss < <(platform_memory)
note "platform idle: RSS $((rss / 1024)) MB, PSS $((pss / 1024)) MB"
record platform-idle "\"rssMB\":$((rss / 1024)),\"pssMB\":$((pss / 1024))"

# each service
if [[ " $parts " == *" services "* ]]; then for name in "${services[@]}"; do
  for i in $(seq 1 "$runs"); do
    line="$("$lab" restart "$name" 2>&1 | grep " ready on ")"
    seconds="$(sed -n 's/.* in \([0-9.]*\) s .*/\1/p' <<<"$line")"
    sleep "$idle"
    mb="$(service_rss "$name")"
    note "$name $i: ready in $seconds s, RSS after $idle s idle $mb MB"
    record service "\"service\":\"$name\",\"run\":$i,\"readySeconds\":$seconds,\"idleRssMB\":$mb"
  done
done; fi

if [[ "${DEMO:-0}" == 1 ]]; then
  # shellcheck disable=SC2086
  "$lab" demo ${DEMO_ARGS:-300 100 5} >/tmp/lean-demo.log 2>&1 &
  demo=$!
  peak=0
  while kill -0 "$demo" 2>/dev/null; do
    read -r rss pss < <(platform_memory)
    ((rss > peak)) && peak=$rss
    sleep 1
  done
  wait "$demo" || { tail -n 20 /tmp/lean-demo.log >&2; exit 1; }
  note "demo peak: RSS $((peak / 1024)) MB"
  record demo-peak "\"rssMB\":$((peak / 1024))"
fi

# annotation-service under the P3 submit load (annotation-service's RSS is the one that load grows)
if [[ " $parts " == *" p3 "* ]]; then
  "$lab" down >/dev/null 2>&1 || true
  p3="$repo/bench/annotation-service" p3_home="${BENCH_HOME:-/tmp/bench-lab}"
  SKIP_BUILD=1 "$p3/setup.sh" >/tmp/lean-p3.log 2>&1 || { tail -n 20 /tmp/lean-p3.log >&2; exit 1; }
  # the service as ./lab runs it: its java, JVM options and start archive
  BENCH_JAVA="$("$lab" service-java)" BENCH_HEAP="$("$lab" jvm-options annotation-service)" \
    "$p3/service.sh" start >>/tmp/lean-p3.log 2>&1 \
    || { tail -n 20 /tmp/lean-p3.log >&2; exit 1; }
  start=$(date +%s)
  "$p3/p3-submits.sh" "$runs" >>/tmp/lean-p3.log 2>&1 || { tail -n 20 /tmp/lean-p3.log >&2; "$p3/teardown.sh" >/dev/null 2>&1; exit 1; }
  minutes=$(( ($(date +%s) - start) / 60 ))
  "$p3/teardown.sh" >>/tmp/lean-p3.log 2>&1 || true
  i=0
  while read -r mb rate; do
    i=$((i + 1))
    note "P3 run $i: annotation-service RSS $mb MB, $rate submits/s ($minutes min of load in all)"
    record p3 "\"service\":\"annotation-service\",\"run\":$i,\"rssMB\":$mb,\"submitsPerSecond\":$rate,\"loadMinutes\":$minutes"
  done < <(python3 -c 'import json, sys
for line in open(sys.argv[1]):
    if line.strip():
        r = json.loads(line)
        print(r["serviceRssMB"], r["measured"]["submitsPerSecond"])' "$p3_home/p3-results.jsonl")
fi

python3 "$(dirname "${BASH_SOURCE[0]}")/lean_table.py" "$out"
