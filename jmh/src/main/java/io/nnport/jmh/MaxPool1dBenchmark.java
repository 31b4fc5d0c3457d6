package io.nnport.jmh;

import io.nnport.kernels.Padding;
import io.nnport.kernels.Window;
import io.nnport.kernels.pool.Pool;
import io.nnport.kernels.pool.PoolScalar;
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
 * charCNN's first max_pooling1d: [1, 1008, 256] NWC, pool 3, stride 3, VALID, to [1, 336, 256]
 * (1 MiB read, 336 KiB written). {@code impl} VECTOR is {@link Pool#max1d} on the Vector API, SCALAR
 * its twin {@link PoolScalar#max1d}; the output is checked against the twin once, exactly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MaxPool1dBenchmark {

    static final int WIDTH = 1008;
    static final int CHANNELS = 256;

    @Param({"VECTOR", "SCALAR"})
    public TwinImpl impl;

    private final Window window = Window.pool(WIDTH, 3, 3, Padding.VALID);
    private float[] x;
    private float[] y;

    @Setup
    public void setUp() {
        impl.requireAvailable();
        x = Data.random(WIDTH * CHANNELS, 31);
        y = new float[window.out() * CHANNELS];
        float[] expected = new float[y.length];
        PoolScalar.max1d(window, x, 0, expected, 0, 1, CHANNELS);
        maxPool();
        TwinImpl.checkClose(expected, y, 0, "max_pooling1d " + impl);
    }

    @Benchmark
    public float[] maxPool() {
        if (impl == TwinImpl.VECTOR) {
            Pool.max1d(window, x, 0, y, 0, 1, CHANNELS);
        } else {
            PoolScalar.max1d(window, x, 0, y, 0, 1, CHANNELS);
        }
        return y;
    }
}
