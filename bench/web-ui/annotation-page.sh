#!/usr/bin/env bash
# Issue 22, figure 1: the annotation page, from navigation until the editor shows the task (goal < 1.5 s).
# Usage: bench/web-ui/annotation-page.sh [GATEWAY_URL] [RUNS (3)] [NAVIGATIONS (10)]
# Platform up (./lab up). Makes a project of distinct tasks assigned to anna, each with a 2-span
# prediction, then AnnotationPageBench: per run (one browser, anna signed in once), a warm-up and
# NAVIGATIONS timed ones for each way in: a click in the task list, a full load of the task's URL,
# a full load with the HTTP cache emptied. Deletes the project after (BENCH_KEEP=1 keeps it).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
RUNS="${2:-3}"
SAMPLES="${3:-10}"
scene_file="$BENCH_OUT/annotation-page-scene.json"
scene annotate $((50 + 2 * RUNS * (SAMPLES + 1))) > "$scene_file"
run_bench AnnotationPageBench "$scene_file" -Dbench.runs="$RUNS" -Dbench.samples="$SAMPLES"
[[ "${BENCH_KEEP:-0}" == 1 ]] || scene delete "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["project"])' "$scene_file")"
