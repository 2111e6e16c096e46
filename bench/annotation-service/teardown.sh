#!/usr/bin/env bash
# Stops the service, drops the benchmark database and stops the benchmark's Kafka broker.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$here/service.sh" stop
runuser -u postgres -- psql -q -c "drop database if exists $BENCH_DB"
cd "$repo" && LAB_HOME="$BENCH_HOME" LAB_KAFKA_PORT="$BENCH_KAFKA_PORT" ./lab infra down
