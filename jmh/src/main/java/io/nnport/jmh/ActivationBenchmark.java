package io.nnport.jmh;

import io.nnport.kernels.Activation;
import io.nnport.kernels.elementwise.Elementwise;
import io.nnport.kernels.elementwise.ElementwiseScalar;
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
 * One activation over 1M floats (4 MiB in, 4 MiB out: past L2, so ReLU measures memory and the
 * transcendental ones their arithmetic): {@code impl} VECTOR is {@link Elementwise#apply} on the
 * Vector API, SCALAR its twin {@link ElementwiseScalar}. Inputs in [-8, 8); the vector output is
 * checked against the twin once (1e-6 relative, the ulp bounds of the kernel tests are tighter).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ActivationBenchmark {

    static final int FLOATS = 1 << 20;

    @Param({"RELU", "SIGMOID", "TANH", "GELU_TANH"})
    public Activation activation;

    @Param({"VECTOR", "SCALAR"})
    public TwinImpl impl;

    private float[] x;
    private float[] y;

    @Setup
    public void setUp() {
        impl.requireAvailable();
        x = Data.random(FLOATS, 21);
        for (int i = 0; i < FLOATS; i++) {
            x[i] *= 8f;
        }
        y = new float[FLOATS];
        float[] expected = new float[FLOATS];
        ElementwiseScalar.apply(activation, 0f, x, 0, expected, 0, FLOATS);
        apply();
        TwinImpl.checkClose(expected, y, 1e-6, activation + " " + impl);
    }

    @Benchmark
    public float[] apply() {
        if (impl == TwinImpl.VECTOR) {
            Elementwise.apply(activation, 0f, x, 0, y, 0, FLOATS);
        } else {
            ElementwiseScalar.apply(activation, 0f, x, 0, y, 0, FLOATS);
        }
        return y;
    }
}
