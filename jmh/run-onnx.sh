#!/bin/sh
# Runs nnport against ONNX Runtime Java on the PyTorch samples (OnnxModelBenchmark: batch 1 and 32,
# 1 and 2 threads) and writes jmh/results/onnx.json and onnx.md. About 5 minutes.
# Build first:  ./mvnw -B -q -DskipTests package
# Keep builds out while it runs:  flock /tmp/nnport-build.lock jmh/run-onnx.sh
# Arguments: [--quick] (token iterations: a smoke test, numbers meaningless).
set -e
cd "$(dirname "$0")/.."
if [ ! -f jmh/target/model-classpath.txt ]; then
    echo "jmh/target/model-classpath.txt is missing: build first (./mvnw -B -q -DskipTests package)" >&2
    exit 2
fi
exec java --add-modules jdk.incubator.vector \
    -cp "jmh/target/benchmarks.jar:$(cat jmh/target/model-classpath.txt)" \
    io.nnport.jmh.OnnxBenchmarks jmh/results "$@"
