#!/usr/bin/env bash
# Measures the latency the packaged api-gateway adds to profile reads, on an embedded Kafka and PostgreSQL.
# Usage: benchmarks/run-gateway.sh [rate=1000] [seconds=30]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f profile-service/target/quarkus-app/quarkus-run.jar ] || [ ! -f api-gateway/target/quarkus-app/quarkus-run.jar ] || [ ! -d benchmarks/target/classes ]; then
  echo "Building the service and the benchmark first..."
  ./mvnw -B -q package -DskipTests -pl profile-service,api-gateway,benchmarks -am
fi
./mvnw -B -q dependency:build-classpath -pl benchmarks -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -Xmx2g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.mosaic.benchmarks.GatewayBenchmark "$@"
