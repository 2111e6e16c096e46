# Shared by the web UI benchmarks of issue 22 (sourced): the gateway, the results file, the commit,
# and how a *Bench class runs (failsafe, in the browser-tests profile, against the running platform).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$here/../.." && pwd)"
URL="${1:-${LAB_GATEWAY_URL:-http://127.0.0.1:8080}}"
URL="${URL%/}"
export LAB_GATEWAY_URL="$URL"
export BENCH_OUT="${BENCH_OUT:-/tmp/bench-web-ui}"         # scenes and results (results.jsonl)
export BENCH_RESULTS="$BENCH_OUT/results.jsonl"
MVN="${MVN:-mvn}"                                           # e.g. MVN="flock /tmp/mvn.lock mvn" on a shared machine
mkdir -p "$BENCH_OUT"

# The commit measured, and whether the web UI's sources differed from it.
BENCH_COMMIT="$(git -C "$ROOT" rev-parse --short HEAD)"
if [[ -n "$(git -C "$ROOT" status --porcelain -- web-ui/src ':(exclude)web-ui/src/test')" ]]; then
  BENCH_COMMIT="$BENCH_COMMIT+uncommitted web-ui/src"
fi
export BENCH_COMMIT

curl -fsS -o /dev/null "$URL/index.html" 2>/dev/null \
  || { echo "The platform's gateway does not answer at $URL: start it with ./lab up (or give its URL)." >&2; exit 1; }

scene() { python3 "$here/scene.py" "$@"; }

# run_bench CLASS SCENE_FILE [-Dname=value …]: the class's @Test through failsafe. -Dexec.skip: the
# UI is measured as the gateway serves it (web-ui/target/dist), not rebuilt by npm first.
run_bench() {
  local class="$1" scene_file="$2"; shift 2
  (cd "$ROOT" && $MVN -B -o -q -Dstyle.color=never verify -pl web-ui -Pbrowser-tests -Dexec.skip=true \
    -Dit.test="$class" -Dfailsafe.failIfNoSpecifiedTests=false -Dlab.ui.url="$URL" \
    -Dbench.scene="$scene_file" -Dbench.out="$BENCH_RESULTS" -Dbench.commit="$BENCH_COMMIT" "$@") \
    | sed -u 's/\x1b\[[0-9;]*m//g'   # Maven's colour resets, even in batch mode
}

echo "commit $BENCH_COMMIT; gateway $URL; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
