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
 * SGEMM with a bias + ReLU epilogue on one thread: square sizes, and the charCNN convolutions as the
 * GEMMs im2col makes of them. {@code variant} comes from {@link GemmVariant#available()} (the
 * runner passes the list; "DEFAULT" alone when run by hand).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SgemmBenchmark {

    @Param({"64", "128", "256", "512", "1024", "2048", "CHARCNN_CONV1", "CHARCNN_CONV2"})
    public String shape;

    @Param({"DEFAULT"})
    public String variant;

    private GemmVariant gemm;
    private int m;
    private int k;
    private int n;
    private float[] a;
    private PackedB b;
    private float[] c;
    private KernelContext ctx;
    private Epilogue epilogue;

    /** {m, k, n} of a shape name: a square size or a {@link KernelShapes} constant. */
    public static int[] dims(String shape) {
        if (Character.isDigit(shape.charAt(0))) {
            int size = Integer.parseInt(shape);
            return new int[] {size, size, size};
        }
        KernelShapes s = KernelShapes.valueOf(shape);
        return new int[] {s.m, s.k, s.n};
    }

    /** Floating-point operations per invocation. */
    public static double flops(String shape) {
        int[] d = dims(shape);
        return 2.0 * d[0] * d[1] * d[2];
    }

    static GemmVariant variant(String name) {
        return "DEFAULT".equals(name) ? GemmVariant.DEFAULT : GemmVariant.valueOf(name);
    }

    @Setup
    public void setUp() {
        gemm = variant(variant);
        int[] d = dims(shape);
        m = d[0];
        k = d[1];
        n = d[2];
        a = Data.random(m * k, 1);
        float[] weights = Data.random(k * n, 2);
        b = gemm.packB(weights, 0, n, k, n);
        c = new float[m * n];
        ctx = KernelContext.serial(new float[gemm.scratchFloatsPerThread(m, k)]);
        epilogue = Epilogue.bias(Data.random(n, 3)).then(Activation.RELU, 0f);
        gemm.gemm(m, a, 0, k, b, c, 0, n, epilogue, ctx);
        Data.checkRows(c, n, m, (row, rows, expected) -> GemmScalar.gemm(rows, a, row * k, k,
                PackedB.pack(weights, 0, n, k, n, 16), expected, 0, n, epilogue, KernelContext.NO_SCRATCH),
                "sgemm " + shape + " " + gemm);
    }

    @Benchmark
    public float[] sgemm() {
        gemm.gemm(m, a, 0, k, b, c, 0, n, epilogue, ctx);
        return c;
    }
}
