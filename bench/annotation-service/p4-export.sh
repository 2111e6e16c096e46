#!/usr/bin/env bash
# P4: export of a project's training set as CoNLL (GET /training-set?format=conll, streamed to
# /dev/null with curl) for 100k and 10k tasks, each task with one submitted gold completion
# (imported as CoNLL: NCBI-disease train.tsv sentences repeated). RUNS runs per size, median time.
# Heap of the service (fixed -Xmx, $BENCH_HEAP) during each export: a full GC first (jcmd GC.run),
# then the GC log lines written during the export (peak used before a GC, peak live after a GC) and
# jstat sampling every 100 ms (peak used = S0U+S1U+EU+OU); peak RSS (VmHWM, reset before each run).
# Goal: 100k < 5 s, peak heap no higher than for 10k.
#
# usage: bench/annotation-service/p4-export.sh [runs=3]   (after setup.sh and service.sh start)
# env:   SIZES ("10000 100000"); REUSE="10000=<projectId> 100000=<projectId>" exports projects imported
#        by an earlier run (same database) instead of importing again
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
runs="${1:-3}"
pid="$(service_pid)"
out="$BENCH_HOME/p4-results.jsonl"
: >"$out"
token="$(bench token user=olivia | tail -1)"
declare -A project
for pair in ${REUSE:-}; do project[${pair%%=*}]="${pair#*=}"; done
for size in ${SIZES:-10000 100000}; do
  [[ -n "${project[$size]:-}" ]] && continue
  line="$(bench p4-import tasks="$size" | tail -1)"
  echo "import $size: $line" >&2
  project[$size]="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["projectId"])' "$line")"
  echo "{\"import\":$line}" >>"$out"
done
for i in $(seq 1 "$runs"); do
  for size in ${SIZES:-10000 100000}; do
    jcmd "$pid" GC.run >/dev/null
    sleep 1
    echo 5 >/proc/"$pid"/clear_refs     # resets VmHWM (peak RSS) of the service
    gc_from="$(wc -l <"$gc_log")"
    jstat -gc "$pid" 100 >"$BENCH_HOME/jstat.out" &
    jstat_pid=$!
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    result="$(curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}' -H "Authorization: $token" \
      "http://127.0.0.1:$BENCH_HTTP_PORT/projects/${project[$size]}/training-set?format=conll")"
    sleep 0.3
    kill "$jstat_pid"; wait "$jstat_pid" 2>/dev/null || true
    hwm_kb="$(awk '/VmHWM/ {print $2}' /proc/"$pid"/status)"
    rss_kb="$(awk '/VmRSS/ {print $2}' /proc/"$pid"/status)"
    line="$(tail -n +"$((gc_from + 1))" "$gc_log" | python3 -c '
import re, sys, json
code, secs, size = sys.argv[1].split()
before = after = 0; gcs = 0
for l in sys.stdin:
    m = re.search(r"Pause .* (\d+)M->(\d+)M\((\d+)M\)", l)
    if m:
        gcs += 1; before = max(before, int(m.group(1))); after = max(after, int(m.group(2)))
used = 0.0
for l in open(sys.argv[2]):
    f = l.split()
    if f and f[0][0].isdigit():
        # S0C S1C S0U S1U EC EU OC OU ...
        used = max(used, (float(f[2]) + float(f[3]) + float(f[5]) + float(f[7])) / 1024)
print(json.dumps({"tasks": int(sys.argv[3]), "http": int(code), "seconds": float(secs), "bytes": int(size),
    "gcsDuringExport": gcs, "peakHeapBeforeGcMB": before, "peakHeapAfterGcMB": after,
    "jstatPeakUsedMB": round(used, 1), "peakRssMB": int(sys.argv[4]) // 1024, "rssAfterMB": int(sys.argv[5]) // 1024,
    "loadavg": sys.argv[6]}))
' "$result" "$BENCH_HOME/jstat.out" "$size" "$hwm_kb" "$rss_kb" "$load")"
    echo "run $i: $line" >&2
    echo "$line" >>"$out"
  done
done
python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
imports = [r["import"] for r in rows if "import" in r] or [{"tasks": t, "importSeconds": float("nan")} for t in sorted({r["tasks"] for r in rows})]
runs = [r for r in rows if "import" not in r]
print("P4 CoNLL export (median of %d runs per size; per-run values in %s):" % (len(runs) // max(1, len(imports)), sys.argv[1]))
for imp in imports:
    rs = [r for r in runs if r["tasks"] == imp["tasks"]]
    med = lambda k: statistics.median(r[k] for r in rs)
    print("  %6d tasks: %.2f s (runs %s), %.1f MB, HTTP %s; heap peak used %s MB (jstat %s), peak live after GC %s MB, GCs %s; peak RSS %s MB; import took %.1f s"
          % (imp["tasks"], med("seconds"), [r["seconds"] for r in rs], rs[0]["bytes"] / 1e6, sorted({r["http"] for r in rs}),
             max(r["peakHeapBeforeGcMB"] for r in rs), max(r["jstatPeakUsedMB"] for r in rs),
             max(r["peakHeapAfterGcMB"] for r in rs), [r["gcsDuringExport"] for r in rs], max(r["peakRssMB"] for r in rs), imp["importSeconds"]))
PY
