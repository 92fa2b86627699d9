#!/usr/bin/env bash
# Runs one benchmark against packaged services: run.sh <BenchmarkClass> <service modules, comma-separated> [args]
set -euo pipefail
cd "$(dirname "$0")/.."
benchmark="$1"; modules="$2"; shift 2
missing=0
for module in ${modules//,/ }; do
  [ -f "$module/target/quarkus-app/quarkus-run.jar" ] || missing=1
done
if [ "$missing" = 1 ] || [ ! -d benchmarks/target/classes ]; then
  echo "Building $modules and the benchmarks first..."
  ./mvnw -B -q package -DskipTests -pl "$modules,benchmarks" -am
fi
./mvnw -B -q dependency:build-classpath -pl benchmarks -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
# A fixed heap: with a maximum only, G1 keeps the heap small and collects the broker's and the load generator's
# young objects every few seconds, and each pause delays the reads in flight as if the platform had been slow.
# 6 GiB: the platform benchmark holds a sustained step's request bodies (up to ~1.5 GiB), made before the step.
exec java -Xms6g -Xmx6g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  "io.mosaic.benchmarks.$benchmark" "$@"
