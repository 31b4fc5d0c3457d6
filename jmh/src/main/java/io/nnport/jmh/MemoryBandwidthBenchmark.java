package io.nnport.jmh;

import io.nnport.kernels.vector.Species;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The memory bandwidth one core can stream: a vector sum over 256 MiB (far beyond every cache)
 * with four accumulators. GEMV, which reads its packed weights once per call, is reported against it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemoryBandwidthBenchmark {

    /** Floats streamed per invocation: 256 MiB. */
    public static final int FLOATS = 64 << 20;

    private float[] data;

    /** Bytes read per invocation. */
    public static double bytes() {
        return 4.0 * FLOATS;
    }

    @Setup
    public void setUp() {
        data = new float[FLOATS];
        for (int i = 0; i < FLOATS; i++) {
            data[i] = (i & 1023) * 1e-3f;
        }
    }

    @Benchmark
    public float streamSum() {
        int lanes = Species.LANES;
        FloatVector s0 = FloatVector.zero(Species.F), s1 = s0, s2 = s0, s3 = s0;
        for (int i = 0; i < FLOATS; i += 4 * lanes) {
            s0 = s0.add(FloatVector.fromArray(Species.F, data, i));
            s1 = s1.add(FloatVector.fromArray(Species.F, data, i + lanes));
            s2 = s2.add(FloatVector.fromArray(Species.F, data, i + 2 * lanes));
            s3 = s3.add(FloatVector.fromArray(Species.F, data, i + 3 * lanes));
        }
        return s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
    }
}
