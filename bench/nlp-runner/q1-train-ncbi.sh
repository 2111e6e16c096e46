#!/usr/bin/env bash
# Q1 benchmark: train nlp-runner on all of NCBI-disease train.tsv (devel.tsv as the validation
# set), then evaluate the saved model on test.tsv. Prints entity-level F1 (exact span), training
# wall time and peak RSS. Not a test: it takes tens of minutes on 2 cores.
#
# usage: bench/nlp-runner/q1-train-ncbi.sh [output-dir]
# env:   NCBI_DIR     folder with train.tsv, devel.tsv, test.tsv (default: demo/data/corpora/ncbi-disease
#                     in the repository, the full corpus)
#        PARAMS_JSON  training parameters (default below)
#        JAVA_OPTS    heap etc. (default -Xmx8g)
#        UNLABELLED   a text file added to the word vectors' corpus (nlp-runner train --unlabelled), e.g.
#                     the other corpus' text: never NCBI-disease's test sentences
#        WITH_DEVEL   1: train on train.tsv + devel.tsv (the parameters stay those chosen on devel; the
#                     devel F1 printed is then on sentences seen in training, not a validation figure)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
runner="$repo/nlp-runner/nlp-runner"
ncbi="${NCBI_DIR:-$repo/demo/data/corpora/ncbi-disease}"
out="${1:-$(mktemp -d -t nlp-runner-q1.XXXXXX)}"
export JAVA_OPTS="${JAVA_OPTS:--Xmx8g}"
default_params='{"epochs": 12, "learningRate": 0.003, "decay": 0.005, "dropout": 0.5, "batchSize": 16, "seed": 1}'
params="${PARAMS_JSON:-$default_params}"

for f in train.tsv devel.tsv test.tsv; do
  [[ -f "$ncbi/$f" ]] || { echo "q1: $ncbi/$f not found (set NCBI_DIR)" >&2; exit 2; }
done
[[ -f "$repo/nlp-runner/target/nlp-runner.jar" ]] || { echo "q1: build first: (cd nlp-runner && mvn -B package -DskipTests)" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "q1: /usr/bin/time is needed for peak RSS (apt-get install time)" >&2; exit 2; }

mkdir -p "$out"
training_set="$ncbi/train.tsv" heading="train.tsv -> devel.tsv validation -> test.tsv"
if [[ "${WITH_DEVEL:-0}" == 1 ]]; then
  training_set="$out/train+devel.tsv" heading="train.tsv + devel.tsv -> test.tsv; devel seen in training"
  cat "$ncbi/train.tsv" "$ncbi/devel.tsv" > "$training_set"
fi
printf '%s\n' "$params" > "$out/params.json"
echo "q1: output in $out; params $(cat "$out/params.json"); JAVA_OPTS=$JAVA_OPTS" >&2

start=$(date +%s)
/usr/bin/time -v -o "$out/train.time" "$runner" train \
  --training-set "$training_set" --validation-set "$ncbi/devel.tsv" \
  --params "$out/params.json" --output "$out/run" --termination-log "$out/termination-log" \
  ${UNLABELLED:+--unlabelled "$UNLABELLED"} > "$out/events.jsonl" 2> "$out/train.stderr"
train_wall=$(( $(date +%s) - start ))

/usr/bin/time -v -o "$out/evaluate.time" "$runner" evaluate --model "$out/run" --test-set "$ncbi/test.tsv" \
  > "$out/evaluate.json" 2> "$out/evaluate.stderr"

rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/train.time")
devel_f1=$(python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["micro"]["f1"])' "$out/run/metrics.json")
read -r p r f1 < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%.4f %.4f %.4f" % (d["precision"], d["recall"], d["f1"]))' "$out/evaluate.json")

commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -z "$(git -C "$repo" status --porcelain -- nlp-runner bench/nlp-runner 2>/dev/null)" ]] \
  || commit="$commit + uncommitted changes in nlp-runner/ or bench/nlp-runner/"

echo "Q1 NCBI-disease ($heading)"
echo "  commit:             $commit"
echo "  parameters:         $(cat "$out/params.json")"
echo "  unlabelled text:    ${UNLABELLED:-(none: train + devel text only)}"
echo "  termination:        $(cat "$out/termination-log")"
echo "  devel micro F1:     $devel_f1"
echo "  test precision:     $p"
echo "  test recall:        $r"
echo "  test entity F1:     $f1   (goal >= 0.85; published BiLSTM-CRF + PubMed vectors 0.846)"
echo "  training wall time: ${train_wall} s (whole train process)"
echo "  training peak RSS:  $(( rss_kb / 1024 )) MiB (JAVA_OPTS=$JAVA_OPTS)"
