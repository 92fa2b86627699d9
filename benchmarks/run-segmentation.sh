#!/usr/bin/env bash
# Replays a generated stream through the packaged segmentation-service on an embedded Kafka and PostgreSQL.
# Usage: benchmarks/run-segmentation.sh [events=100000] [customers=10000] [fixed-rate=2000]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f segmentation-service/target/quarkus-app/quarkus-run.jar ] || [ ! -d benchmarks/target/classes ]; then
  echo "Building the service and the benchmark first..."
  ./mvnw -B -q package -DskipTests -pl segmentation-service,benchmarks -am
fi
./mvnw -B -q dependency:build-classpath -pl benchmarks -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -Xmx2g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.mosaic.benchmarks.SegmentationBenchmark "$@"
