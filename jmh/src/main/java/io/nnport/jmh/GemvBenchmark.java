package io.nnport.jmh;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.gemm.GemmScalar;
import io.nnport.kernels.gemm.GemmVariant;
import io.nnport.kernels.gemm.PackedB;
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
 * Batch-1 dense layers (M = 1): memory-bound, every packed weight read once per call, so reported
 * in GB/s of weights against {@link MemoryBandwidthBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GemvBenchmark {

    @Param({"CHARCNN_FC1", "CHARCNN_FC2"})
    public String shape;

    @Param({"DEFAULT"})
    public String variant;

    private GemmVariant gemm;
    private int k;
    private int n;
    private float[] x;
    private PackedB w;
    private float[] y;
    private KernelContext ctx;
    private Epilogue epilogue;

    /** Bytes of packed weights one call reads (panels padded to the variant's NR). */
    public static double bytes(String shape, int nr) {
        KernelShapes s = KernelShapes.valueOf(shape);
        return 4.0 * s.k * ((s.n + nr - 1) / nr * nr);
    }

    @Setup
    public void setUp() {
        gemm = SgemmBenchmark.variant(variant);
        KernelShapes s = KernelShapes.valueOf(shape);
        k = s.k;
        n = s.n;
        x = Data.random(k, 1);
        float[] weights = Data.random(k * n, 2);
        w = gemm.packB(weights, 0, n, k, n);
        y = new float[n];
        ctx = KernelContext.serial(new float[gemm.scratchFloatsPerThread(1, k)]);
        epilogue = Epilogue.bias(Data.random(n, 3)).then(Activation.RELU, 0f);
        gemm.gemm(1, x, 0, k, w, y, 0, n, epilogue, ctx);
        Data.checkRows(y, n, 1, (row, rows, expected) -> GemmScalar.gemm(1, x, 0, k,
                PackedB.pack(weights, 0, n, k, n, 16), expected, 0, n, epilogue, KernelContext.NO_SCRATCH),
                "gemv " + shape + " " + gemm);
    }

    @Benchmark
    public float[] gemv() {
        gemm.gemm(1, x, 0, k, w, y, 0, n, epilogue, ctx);
        return y;
    }
}
