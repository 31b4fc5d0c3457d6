package io.nnport.jmh;

import io.nnport.kernels.norm.Softmax;
import io.nnport.kernels.norm.SoftmaxScalar;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Softmax along the last axis: charCNN's output layer ([1, 4], the whole call is overhead and a
 * scalar tail) and an ImageNet classifier's logits at batch 32 ([32, 1000]). {@code impl} VECTOR is
 * the {@link Softmax} facade on the Vector API, SCALAR its twin {@link SoftmaxScalar}. Out of place,
 * so every invocation does the same work; the vector output is checked against the twin once.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SoftmaxBenchmark {

    /** rows x n. */
    public enum Shape {
        CHARCNN_OUTPUT(1, 4),
        IMAGENET_LOGITS_B32(32, 1000);

        final int rows;
        final int n;

        Shape(int rows, int n) {
            this.rows = rows;
            this.n = n;
        }
    }

    @Param({"CHARCNN_OUTPUT", "IMAGENET_LOGITS_B32"})
    public Shape shape;

    @Param({"VECTOR", "SCALAR"})
    public TwinImpl impl;

    private float[] logits;
    private float[] probabilities;

    @Setup
    public void setUp() {
        impl.requireAvailable();
        logits = Data.random(shape.rows * shape.n, 11);
        for (int i = 0; i < logits.length; i++) {
            logits[i] *= 12f; // logits spread like a trained classifier's: exp's wide path is exercised
        }
        probabilities = new float[logits.length];
        float[] expected = new float[logits.length];
        SoftmaxScalar.softmax(logits, 0, expected, 0, shape.rows, shape.n);
        softmax();
        TwinImpl.checkClose(expected, probabilities, 1e-6, "softmax " + shape + " " + impl);
    }

    @Benchmark
    public float[] softmax() {
        if (impl == TwinImpl.VECTOR) {
            Softmax.softmax(logits, 0, probabilities, 0, shape.rows, shape.n);
        } else {
            SoftmaxScalar.softmax(logits, 0, probabilities, 0, shape.rows, shape.n);
        }
        return probabilities;
    }
}
