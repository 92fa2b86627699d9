#!/usr/bin/env bash
# The segmentation topology alone on an embedded Kafka, beside Kafka's own consumer in the same run.
# Usage: benchmarks/run-topology.sh [events=300000] [customers=30000] [stream-threads=2] [commit-ms=100] [paced-rate=5000]
exec "$(dirname "$0")/run.sh" TopologyBenchmark segmentation-service "$@"
