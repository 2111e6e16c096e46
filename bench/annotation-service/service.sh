#!/usr/bin/env bash
# start|stop the annotation-service under benchmark: port 18082, the benchmark database and broker,
# quarkus-oidc verifying platform-testing's test tokens, heap $BENCH_HEAP, GC log for P4.
# Default log levels (as in production); extra JVM/-D options in BENCH_SERVICE_OPTS; the java in
# BENCH_JAVA (default: PATH's).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
case "${1:-}" in
  start)
    key="$(grep -v -- '-----' "$repo/platform-testing/src/main/resources/test-oidc/public-key.pem" | tr -d '\n\r ')"
    : >"$gc_log"
    LAB_HTTP_PORT="$BENCH_HTTP_PORT" \
    LAB_DB_REACTIVE_URL="postgresql://$BENCH_PG/$BENCH_DB" LAB_DB_JDBC_URL="jdbc:postgresql://$BENCH_PG/$BENCH_DB" \
    LAB_DB_USER="$BENCH_DB_USER" LAB_DB_PASSWORD="$BENCH_DB_PASSWORD" LAB_KAFKA_BOOTSTRAP="127.0.0.1:$BENCH_KAFKA_PORT" \
      nohup "${BENCH_JAVA:-java}" $BENCH_HEAP -Xlog:gc:file="$gc_log" \
        -Dquarkus.oidc.public-key="$key" -Dquarkus.oidc.auth-server-url= \
        ${BENCH_SERVICE_OPTS:-} \
        -jar "$app_copy/quarkus-run.jar" >"$service_log" 2>&1 &
    echo $! >"$service_pid_file"
    for _ in $(seq 1 240); do
      if curl -fs -o /dev/null "http://127.0.0.1:$BENCH_HTTP_PORT/q/openapi"; then
        echo "annotation-service up on $BENCH_HTTP_PORT (pid $(service_pid))"; exit 0
      fi
      kill -0 "$(service_pid)" 2>/dev/null || { tail -50 "$service_log"; echo "service died" >&2; exit 1; }
      sleep 0.5
    done
    tail -50 "$service_log"; echo "service did not start in 120 s" >&2; exit 1 ;;
  stop)
    if [[ -f "$service_pid_file" ]]; then
      pid="$(service_pid)"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      rm -f "$service_pid_file"
      echo "annotation-service (pid $pid) stopped"
    fi ;;
  *) echo "usage: service.sh start|stop" >&2; exit 2 ;;
esac
