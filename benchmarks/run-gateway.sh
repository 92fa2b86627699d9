#!/usr/bin/env bash
# Measures the latency the packaged api-gateway adds to profile reads, on an embedded Kafka and PostgreSQL.
# Usage: benchmarks/run-gateway.sh [rate=1000] [seconds=30]
exec "$(dirname "$0")/run.sh" GatewayBenchmark profile-service,api-gateway "$@"
