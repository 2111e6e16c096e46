#!/usr/bin/env bash
# P2 baseline: sentences/s of a trained model behind the model server (POST /predict, batches of
# texts over loopback HTTP) versus a bare LightPipeline on the same texts, in one JVM, on the first
# 1,000 sentences of NCBI-disease test.tsv (it has 940: all are used). Repeats the measurement
# and prints the median of each figure.
# Goal: served >= 0.85 x LightPipeline and >= 200 sentences/s on 2 cores.
#
# usage: bench/nlp-runner/p2-serve-throughput.sh <model-dir> [repeats=3]
#        (model-dir: a train output dir, e.g. the one q1-train-ncbi.sh printed)
# env:   NCBI_DIR, BATCH (texts per request, default 50), SENTENCES (default 1000), JAVA_OPTS (default -Xmx4g)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
runner="$repo/nlp-runner/nlp-runner"
ncbi="${NCBI_DIR:-$repo/demo/data/corpora/ncbi-disease}"
model="${1:?usage: p2-serve-throughput.sh <model-dir> [repeats]}"
repeats="${2:-3}"
export JAVA_OPTS="${JAVA_OPTS:--Xmx4g}"

results=()
for i in $(seq 1 "$repeats"); do
  line=$("$runner" bench-serve --model "$model" --texts "$ncbi/test.tsv" \
    --sentences "${SENTENCES:-1000}" --batch "${BATCH:-50}" 2>/dev/null | tail -1)
  echo "run $i: $line" >&2
  results+=("$line")
done

printf '%s\n' "${results[@]}" | python3 -c '
import json, statistics, sys
runs = [json.loads(l) for l in sys.stdin if l.strip()]
med = lambda k: statistics.median(r[k] for r in runs)
print("P2 serve throughput (%d runs, %d sentences, batch %d), median:" % (len(runs), runs[0]["sentences"], runs[0]["batch"]))
print("  LightPipeline: %.1f sentences/s" % med("lightPipelineSentencesPerSecond"))
print("  served:        %.1f sentences/s" % med("servedSentencesPerSecond"))
print("  ratio:         %.3f (goal >= 0.85; served goal >= 200 sentences/s)" % med("ratio"))
'
