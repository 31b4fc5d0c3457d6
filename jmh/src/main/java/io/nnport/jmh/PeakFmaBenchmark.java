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
import org.openjdk.jmh.annotations.State;

/**
 * This JVM's float32 peak on one core: 12 independent fma chains on the kernels' species (two fma
 * units with 4-cycle latency need at least 8 in flight), nothing loaded or stored. The SGEMM
 * figures are reported as a fraction of this run's result.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PeakFmaBenchmark {

    /** Fma steps per chain per invocation. */
    public static final int STEPS = 100_000;
    /** Independent chains. */
    public static final int CHAINS = 12;

    private final float multiplier = 0.999999f;
    private final float addend = 1e-7f;

    /** Floating-point operations per invocation with {@code bits}-wide vectors: 2 per lane per fma. */
    public static double flops(int bits) {
        return 2.0 * STEPS * CHAINS * (bits / Float.SIZE);
    }

    @Benchmark
    public float fma() {
        FloatVector m = FloatVector.broadcast(Species.F, multiplier);
        FloatVector a = FloatVector.broadcast(Species.F, addend);
        FloatVector c0 = FloatVector.broadcast(Species.F, 1f);
        FloatVector c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0;
        FloatVector c11 = c0;
        for (int i = 0; i < STEPS; i++) {
            c0 = c0.fma(m, a);
            c1 = c1.fma(m, a);
            c2 = c2.fma(m, a);
            c3 = c3.fma(m, a);
            c4 = c4.fma(m, a);
            c5 = c5.fma(m, a);
            c6 = c6.fma(m, a);
            c7 = c7.fma(m, a);
            c8 = c8.fma(m, a);
            c9 = c9.fma(m, a);
            c10 = c10.fma(m, a);
            c11 = c11.fma(m, a);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }
}
