#!/usr/bin/env bash
# The web UI's first load, measured in headless Chromium against a running platform ('./lab up').
# Usage: bench/web-ui/first-load.sh [URL (http://127.0.0.1:8080)] [RUNS (5)]
# Prints each run and the median: Navigation Timing's domInteractive and load end, when the
# projects list is on screen (time to interactive); and the bytes of index.html, app.js and app.css.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
URL="${1:-http://127.0.0.1:8080}"
RUNS="${2:-5}"
CP="$ROOT/web-ui/target/bench.classpath"
(cd "$ROOT" && mvn -B -q -o dependency:build-classpath -pl web-ui -Dmdep.includeScope=test -Dmdep.outputFile="$CP" >/dev/null)
echo "commit $(git -C "$ROOT" rev-parse --short HEAD); $URL; $RUNS runs"
for file in index.html app.js app.css; do
  plain=$(curl -fsS -o /dev/null -w '%{size_download}' "$URL/$file")
  wire=$(curl -fsS -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$URL/$file")
  echo "$file: $plain bytes, $wire on the wire (gzip)"
done
java -cp "$(cat "$CP")" "$ROOT/bench/web-ui/FirstLoad.java" "$URL" "$RUNS"
