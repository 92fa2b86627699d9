#!/usr/bin/env bash
# Replays a generated stream through the packaged segmentation-service on an embedded Kafka and PostgreSQL.
# Usage: benchmarks/run-segmentation.sh [events=100000] [customers=10000] [fixed-rate=2000] [warm-up-events=100000]
# The README's figures: benchmarks/run-segmentation.sh 400000 40000 5000 400000 (about eight minutes).
exec "$(dirname "$0")/run.sh" SegmentationBenchmark segmentation-service "$@"
