#!/usr/bin/env bash
# Loads profiles into the packaged profile-service on an embedded Kafka and PostgreSQL, then measures reads.
# Usage: benchmarks/run-profile.sh [profiles=100000] [rate=1000] [seconds=30]
exec "$(dirname "$0")/run.sh" ProfileReadBenchmark profile-service "$@"
