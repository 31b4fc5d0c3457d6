#!/bin/sh
# Runs the kernel benchmarks and writes jmh/results/kernels.json, kernels.md and kernels.png.
# Build first:  ./mvnw -B -pl jmh -am package -DskipTests
# About 14 minutes; on a shared machine pin it and keep builds out:  taskset -c 1 jmh/run-kernels.sh
set -e
cd "$(dirname "$0")/.."
exec java --add-modules jdk.incubator.vector -Djava.awt.headless=true \
    -cp jmh/target/benchmarks.jar io.nnport.jmh.KernelBenchmarks jmh/results
