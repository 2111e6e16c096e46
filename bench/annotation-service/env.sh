# Shared settings of the annotation-service benchmarks (sourced by the other scripts).
# Own ports and database so the benchmark does not collide with test runs on the same machine.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export BENCH_HOME="${BENCH_HOME:-/tmp/bench-lab}"          # LAB_HOME of the benchmark's Kafka, copies, logs
export BENCH_KAFKA_PORT="${BENCH_KAFKA_PORT:-19092}"
export BENCH_KAFKA_CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-19093}"
export BENCH_HTTP_PORT="${BENCH_HTTP_PORT:-18082}"
export BENCH_DB="${BENCH_DB:-bench_annotation}"
export BENCH_DB_USER="${BENCH_DB_USER:-annotation_service}"
export BENCH_DB_PASSWORD="${BENCH_DB_PASSWORD:-annotation_service}"
export BENCH_PG="${BENCH_PG:-127.0.0.1:5432}"
export BENCH_DATA="${BENCH_DATA:-$repo/demo/data/corpora/ncbi-disease/train.tsv}"
export BENCH_HEAP="${BENCH_HEAP:--Xmx512m}"                   # the service's heap (fixed, so figures compare)
classpath_file="$BENCH_HOME/annotation-bench.classpath"
app_copy="$BENCH_HOME/quarkus-app"                            # a private copy: others may rebuild target/
service_pid_file="$BENCH_HOME/annotation-service.pid"
service_log="$BENCH_HOME/annotation-service.log"
gc_log="$BENCH_HOME/annotation-service-gc.log"
mkdir -p "$BENCH_HOME"

bench() { # run the Java driver
  nice -n 5 java -Xmx1g -cp "$(cat "$classpath_file")" "$here/AnnotationBench.java" "$@" \
    url="http://127.0.0.1:$BENCH_HTTP_PORT" kafka="127.0.0.1:$BENCH_KAFKA_PORT" data="$BENCH_DATA" \
    jdbc="jdbc:postgresql://$BENCH_PG/$BENCH_DB" dbUser="$BENCH_DB_USER" dbPassword="$BENCH_DB_PASSWORD"
}
service_pid() { cat "$service_pid_file"; }
