#!/bin/sh
# Runs the model benchmarks (generated models against TensorFlow Java, scalar floor, vector widths,
# JDK 25, charCNN layer profile, memory, cold start) and writes jmh/results/models.json,
# models-memory.json, models-coldstart.json, models-runs.json, models.md and models-*.png.
# Build first:  ./mvnw -B -q -DskipTests package
# About 30 minutes on 2 cores; keep builds out while it runs:  flock /tmp/nnport-build.lock jmh/run-models.sh
# Arguments: [group ...] [--quick]; groups: main scalar widths jdk25 layers memory coldstart, or
# report (rewrite models.md and the charts from the JSON files). JDK25_HOME picks the JDK 25 to fork.
set -e
cd "$(dirname "$0")/.."
if [ ! -f jmh/target/model-classpath.txt ]; then
    echo "jmh/target/model-classpath.txt is missing: build first (./mvnw -B -q -DskipTests package)" >&2
    exit 2
fi
exec java --add-modules jdk.incubator.vector -Djava.awt.headless=true \
    -Dnnport.jdk25.home="${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}" \
    -cp "jmh/target/benchmarks.jar:$(cat jmh/target/model-classpath.txt)" \
    io.nnport.jmh.ModelBenchmarks jmh/results "$@"
