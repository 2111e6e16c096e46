#!/usr/bin/env bash
# Issue 22, figure 3: the task list of a project with 100,000 tasks (goal: a page renders in < 1 s).
# Usage: bench/web-ui/task-list.sh [GATEWAY_URL] [RUNS (3)] [SAMPLES (10)] [REQUESTS (20)]
# Platform up (./lab up). Makes the project (100,000 text tasks in one import; predictions,
# completions, reviews, tags and assignments through the bulk endpoints; about 40 s), or reuses
# BENCH_PROJECT=<id> of an earlier run. Then VACUUM ANALYZE (BENCH_VACUUM=0 skips it: this
# machine's PostgreSQL has autovacuum off), the list API's requests (REQUESTS each a run, as
# olivia), and TaskListBench in the browser (SAMPLES each a run). The project is kept.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
RUNS="${2:-3}"
SAMPLES="${3:-10}"
REQUESTS="${4:-20}"
scene_file="$BENCH_OUT/task-list-scene.json"
if [[ -n "${BENCH_PROJECT:-}" ]]; then
  echo "{\"project\": \"$BENCH_PROJECT\"}" > "$scene_file"
else
  scene tasklist 100000 > "$scene_file"
fi
project="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["project"])' "$scene_file")"
echo "project $project (BENCH_PROJECT=$project reuses it)"
[[ "${BENCH_VACUUM:-1}" == 0 ]] || scene vacuum
scene list-api "$project" "$RUNS" "$REQUESTS" > /dev/null
run_bench TaskListBench "$scene_file" -Dbench.runs="$RUNS" -Dbench.samples="$SAMPLES"
