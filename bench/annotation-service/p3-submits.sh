#!/usr/bin/env bash
# P3: completion submits/s with 32 concurrent clients (annotators, each submitting gold spans on its
# own assigned tasks, one completion per task, submit:true) versus PostgreSQL's own single-row
# autocommit INSERT rate with 32 JDBC connections and with one (the issue's "plain JDBC loop" read
# literally), measured in the same run. Each run uses a fresh
# project of SENTENCES text tasks from NCBI-disease train.tsv; WARMUP submits are not measured.
# Goal: submits/s >= 0.5 x inserts/s, p99 < 50 ms, zero errors.
#
# usage: bench/annotation-service/p3-submits.sh [runs=3]   (after setup.sh and service.sh start)
# env:   WARMUP_RUNS (5 untimed runs first), CLIENTS (32), SENTENCES (30000), WARMUP (500), MAX (40000 measured
#        requests), SECONDS_ (20),
#        BASELINE_SECONDS (10), LOOP_SECONDS (10; 0 skips the one-connection INSERT loop),
#        SUBMIT_SQL_SECONDS (10; 0 skips the service-less run of the submit's SQL)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
runs="${1:-3}"
out="$BENCH_HOME/p3-results.jsonl"
: >"$out"
# Untimed runs first: the service's JIT needs 60,000 to 120,000 submits before its figures settle
# (fewer on a fast machine; on a slow one its C2 compiler thread took as much CPU as the requests).
for i in $(seq 1 "${WARMUP_RUNS:-5}"); do
  bench p3 clients="${CLIENTS:-32}" sentences="${SENTENCES:-30000}" warmup="${WARMUP:-500}" max="${MAX:-40000}" \
    seconds="${SECONDS_:-20}" baselineSeconds=1 loopSeconds=0 submitSqlSeconds=0 | tail -1 \
    | python3 -c 'import json,sys; r=json.load(sys.stdin)["measured"]; print("warm-up run: %.1f submits/s, p99 %.1f ms, %d errors" % (r["submitsPerSecond"], r["p99ms"], r["errors"]))' >&2
done
for i in $(seq 1 "$runs"); do
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  line="$(bench p3 clients="${CLIENTS:-32}" sentences="${SENTENCES:-30000}" warmup="${WARMUP:-500}" \
    max="${MAX:-40000}" seconds="${SECONDS_:-20}" baselineSeconds="${BASELINE_SECONDS:-10}" \
    loopSeconds="${LOOP_SECONDS:-10}" submitSqlSeconds="${SUBMIT_SQL_SECONDS:-10}" | tail -1)"
  rss_kb="$(awk '/VmRSS/ {print $2}' /proc/"$(service_pid)"/status)"
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
  line="${line%\}},\"loadavgBefore\":\"$load_before\",\"loadavgAfter\":\"$load_after\",\"serviceRssMB\":$((rss_kb / 1024))}"
  echo "run $i: $line" >&2
  echo "$line" >>"$out"
done
python3 - "$out" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
med = lambda f: statistics.median(f(r) for r in runs)
m = lambda k: (lambda r: r["measured"][k])
print("P3 completion submits, %d clients, %d runs (median; per-run values in %s):" % (runs[0]["clients"], len(runs), sys.argv[1]))
print("  submits/s        %.1f   (runs: %s)" % (med(m("submitsPerSecond")), [r["measured"]["submitsPerSecond"] for r in runs]))
print("  p50 / p99 ms     %.1f / %.1f" % (med(m("p50ms")), med(m("p99ms"))))
print("  errors           %d total of %d requests" % (sum(r["measured"]["errors"] for r in runs), sum(r["measured"]["requests"] for r in runs)))
print("  baseline inserts/s %.1f  (runs: %s)" % (med(lambda r: r["baseline"]["insertsPerSecond"]), [r["baseline"]["insertsPerSecond"] for r in runs]))
print("  ratio            %.4f   (goal >= 0.5; per run submits/s / inserts/s)" % med(lambda r: r["measured"]["submitsPerSecond"] / r["baseline"]["insertsPerSecond"]))
if all("baselineOneConnection" in r for r in runs):
    print("  one-connection INSERT loop/s %.1f  (runs: %s)" % (med(lambda r: r["baselineOneConnection"]["insertsPerSecond"]), [r["baselineOneConnection"]["insertsPerSecond"] for r in runs]))
    print("  ratio to it      %.4f   (the issue's 'plain JDBC loop' read as one connection)" % med(lambda r: r["measured"]["submitsPerSecond"] / r["baselineOneConnection"]["insertsPerSecond"]))
if all("submitSqlOnly" in r for r in runs):
    print("  submit SQL only/s %.1f  (runs: %s; the submit's 2 statements over JDBC, no service)" % (med(lambda r: r["submitSqlOnly"]["insertsPerSecond"]), [r["submitSqlOnly"]["insertsPerSecond"] for r in runs]))
    print("  ratio to it      %.4f" % med(lambda r: r["measured"]["submitsPerSecond"] / r["submitSqlOnly"]["insertsPerSecond"]))
print("  training_set_size stored vs real: %s" % [(r["trainingSetSize"]["storedTrainingSetSize"], r["trainingSetSize"]["selectedTasks"]) for r in runs])
print("  service RSS MB   %s; load average before/after: %s" % ([r["serviceRssMB"] for r in runs], [(r["loadavgBefore"], r["loadavgAfter"]) for r in runs]))
PY
