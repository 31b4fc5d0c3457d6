#!/usr/bin/env bash
# Rows per second scoring the mlp and charCNN samples with the Spark scorer in local[2], against
# the predict loop in one JVM on the same rows, and the wall time per row Spark adds; writes
# jmh/results/spark.json and jmh/results/spark.md. About two minutes on two cores.
# Extra Maven flags (e.g. -o) go in MAVEN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC2086
./mvnw -B -q ${MAVEN_ARGS:-} -pl spark -am package -DskipTests
models=spark/target/throughput
java -jar converter/target/converter.jar generated-samples/models/mlp.pb -o "$models" --force
java -jar converter/target/converter.jar generated-samples/models/charcnn.pb -o "$models" --force
mkdir -p jmh/results
# jvm.args: the vector module and the opens Spark needs on JDK 17 (from spark/pom.xml).
java @spark/target/test-classes/jvm.args -cp spark/target/nnport-spark.jar:spark/target/test-classes \
  io.nnport.spark.SparkThroughput jmh/results/spark 64 5 \
  "$models/mlp/mlp.jar:20000" "$models/charcnn/charcnn.jar:512"
