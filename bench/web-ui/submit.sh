#!/usr/bin/env bash
# Issue 22, figure 2: Submit in the editor until stored, through the gateway (goal p50 < 50 ms, p99 < 200 ms).
# Usage: bench/web-ui/submit.sh [GATEWAY_URL] [RUNS (3)] [SUBMITS (200)]
# Platform up (./lab up) and otherwise idle. Makes a project of tasks assigned to anna, each with a
# 2-span prediction; SubmitBench: per run (one browser), anna submits 10 untimed then SUBMITS timed,
# each on a new task (Submit, then Next task). Then the same number of submits without a browser
# (scene.py submit-api), to tell the browser's part from the service's. Deletes the project after
# (BENCH_KEEP=1 keeps it).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
RUNS="${2:-3}"
SUBMITS="${3:-200}"
scene_file="$BENCH_OUT/submit-scene.json"
scene annotate $((2 * RUNS * (SUBMITS + 10) + 20)) > "$scene_file"
project="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["project"])' "$scene_file")"
run_bench SubmitBench "$scene_file" -Dbench.runs="$RUNS" -Dbench.samples="$SUBMITS" -Dbench.warmup=10
scene submit-api "$project" "$RUNS" "$SUBMITS" > /dev/null
[[ "${BENCH_KEEP:-0}" == 1 ]] || scene delete "$project"
