#!/usr/bin/env bash
# Q2 benchmark (issue 23): labels saved by uncertainty-first order on NCBI-disease. A simulated
# annotator (the gold tags) labels pool = train.tsv; test = test.tsv. 100 seed sentences, then
# rounds of +100 up to 1,500; each round trains with the same parameters, scores the rest of the
# pool with the model server's code and labels the 100 the strategy puts first. Strategies: random
# (seeds 1, 2, 3), least confidence and MNLP (seed 1: the same first 100 as random's seed 1).
# Then q2_report.py prints the figure and draws the learning curves (PNG, via headless Chromium).
# Not a test: about half an hour per strategy run on 2 cores.
#
# usage: bench/nlp-runner/q2-labels-saved.sh [output-dir]
# env:   NCBI_DIR     folder with train.tsv and test.tsv (default demo/data/corpora/ncbi-disease, the full corpus)
#        PARAMS_JSON  training parameters (default below)
#        RUNS         which runs, e.g. "random:1 mnlp:1" (default: all five)
#        UNTIL        labelled sentences at the last round (default 1500)
#        JAVA_OPTS    heap etc. (default -Xmx6g)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
runner="$repo/nlp-runner/nlp-runner"
ncbi="${NCBI_DIR:-$repo/demo/data/corpora/ncbi-disease}"
out="${1:-$(mktemp -d -t nlp-runner-q2.XXXXXX)}"
export JAVA_OPTS="${JAVA_OPTS:--Xmx6g}"
default_params='{"epochs": 5, "learningRate": 0.003, "decay": 0.005, "dropout": 0.5, "batchSize": 16, "seed": 1, "validationSplit": 0}'
params="${PARAMS_JSON:-$default_params}"
runs="${RUNS:-random:1 random:2 random:3 least-confidence:1 mnlp:1}"
until="${UNTIL:-1500}"

for f in train.tsv test.tsv; do
  [[ -f "$ncbi/$f" ]] || { echo "q2: $ncbi/$f not found (set NCBI_DIR)" >&2; exit 2; }
done
[[ -f "$repo/nlp-runner/target/nlp-runner.jar" ]] || { echo "q2: build first: (cd nlp-runner && mvn -B package -DskipTests)" >&2; exit 2; }
mkdir -p "$out"
printf '%s\n' "$params" > "$out/params.json"
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -z "$(git -C "$repo" status --porcelain -- nlp-runner bench/nlp-runner 2>/dev/null)" ]] \
  || commit="$commit + uncommitted changes in nlp-runner/ or bench/nlp-runner/"
echo "$commit" > "$out/commit"
echo "q2: output in $out; params $params; runs: $runs; until $until; commit $commit" >&2

for run in $runs; do
  strategy="${run%%:*}"; seed="${run##*:}"
  name="$strategy-$seed"
  if [[ -s "$out/$name.jsonl" ]] && grep -q "\"sentences\":$until," "$out/$name.jsonl"; then
    echo "q2: $name done already" >&2; continue
  fi
  echo "q2: $name ($(date +%H:%M:%S))" >&2
  "$runner" bench-al --pool "$ncbi/train.tsv" --test "$ncbi/test.tsv" --strategy "$strategy" --seed "$seed" \
    --params "$out/params.json" --output "$out/work-$name" --until "$until" \
    > "$out/$name.jsonl" 2> "$out/$name.stderr"
  rm -rf "$out/work-$name"
done
python3 "$here/q2_report.py" "$out"
