#!/bin/sh
# Peak RSS (VmHWM) of a fresh JVM that loads each sample model and predicts once: the model jar's
# predict and a small embedding host, on JDK 17 and JDK 25, with default flags, with the README's
# embedding flags, and on the scalar kernels (no --add-modules); writes jmh/results/footprint.json
# and footprint.md. About 8 minutes with 5 runs on 2 cores.
# Build first:  ./mvnw -B -q -DskipTests package
# Arguments: [RUNS] (default 5). JDK25_HOME picks the JDK 25 to run.
set -e
cd "$(dirname "$0")/.."
if [ ! -f jmh/target/model-classpath.txt ]; then
    echo "jmh/target/model-classpath.txt is missing: build first (./mvnw -B -q -DskipTests package)" >&2
    exit 2
fi
exec java -Dnnport.jdk25.home="${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}" \
    -cp "jmh/target/benchmarks.jar:$(cat jmh/target/model-classpath.txt)" \
    io.nnport.jmh.Footprint jmh/results "$@"
