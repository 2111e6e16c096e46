#!/usr/bin/env bash
# Builds annotation-service (unless SKIP_BUILD=1), copies the runnable app, writes the driver's
# classpath, starts the benchmark's own Kafka broker (19092) and creates the benchmark database.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$repo"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  nice -n 10 mvn -B -q install -DskipTests -pl annotation-service -am
fi
# -p: a start archive of the original (./lab's) accepts the copy only with the jars' times kept
rm -rf "$app_copy" && cp -rp annotation-service/target/quarkus-app "$app_copy"
nice -n 10 mvn -B -q -pl annotation-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath_file" >/dev/null
LAB_HOME="$BENCH_HOME" LAB_KAFKA_PORT="$BENCH_KAFKA_PORT" LAB_KAFKA_CONTROLLER_PORT="$BENCH_KAFKA_CONTROLLER_PORT" ./lab infra up
runuser -u postgres -- psql -q -c "drop database if exists $BENCH_DB" -c "create database $BENCH_DB owner $BENCH_DB_USER"
echo "setup done: classpath $classpath_file, app $app_copy, database $BENCH_DB"
