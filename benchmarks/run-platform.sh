#!/usr/bin/env bash
# The whole pipeline through the gateway, beside Kafka's and PostgreSQL's own limits measured in the same run.
# Writes benchmarks/target/platform-report.md and platform-report.png. Options as key=value, e.g.
#   benchmarks/run-platform.sh step-seconds=60 steps=1000,2000,3000
exec "$(dirname "$0")/run.sh" PlatformBenchmark \
  ingestion-service,profile-service,segmentation-service,api-gateway "$@"
