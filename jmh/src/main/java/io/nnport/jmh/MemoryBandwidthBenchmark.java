package io.nnport.jmh;

import io.nnport.kernels.vector.Species;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The read bandwidth one core can stream: a vector sum with four accumulators over an array the
 * size of charCNN fc2's weights (4 MiB: L2 misses, L3 hits), of fc1's (34 MiB: still L3 on this
 * machine, whose L3 is 480 MiB), and of 256 MiB (beyond L3, memory). GEMV, which reads its packed
 * weights once per call, is reported against the probe of its own footprint.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemoryBandwidthBenchmark {

    /** MiB streamed per invocation. */
    @Param({"4", "34", "256"})
    public int mebibytes;

    private float[] data;
    private int floats;

    /** Bytes read per invocation. */
    public static double bytes(int mebibytes) {
        return mebibytes * 1048576.0;
    }

    @Setup
    public void setUp() {
        floats = mebibytes << 18;
        data = new float[floats];
        for (int i = 0; i < floats; i++) {
            data[i] = (i & 1023) * 1e-3f;
        }
    }

    @Benchmark
    public float streamSum() {
        int lanes = Species.LANES;
        FloatVector s0 = FloatVector.zero(Species.F), s1 = s0, s2 = s0, s3 = s0;
        for (int i = 0; i < floats; i += 4 * lanes) {
            s0 = s0.add(FloatVector.fromArray(Species.F, data, i));
            s1 = s1.add(FloatVector.fromArray(Species.F, data, i + lanes));
            s2 = s2.add(FloatVector.fromArray(Species.F, data, i + 2 * lanes));
            s3 = s3.add(FloatVector.fromArray(Species.F, data, i + 3 * lanes));
        }
        return s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
    }
}
