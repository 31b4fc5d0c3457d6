package io.nnport.jmh;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.Padding;
import io.nnport.kernels.Window;
import io.nnport.kernels.conv.Conv;
import io.nnport.kernels.conv.ConvScalar;
import io.nnport.kernels.conv.PackedConv;
import io.nnport.kernels.gemm.GemmVariant;
import io.nnport.kernels.gemm.Team;
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
 * charCNN's first two convolutions at batch 1 (Conv1D k=7 VALID + bias + ReLU): im2col packing
 * straight into the GEMM's A panels, so compare with {@link SgemmBenchmark}'s CHARCNN_CONV shapes
 * to see what the packing costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Conv1dBenchmark {

    @Param({"CHARCNN_CONV1", "CHARCNN_CONV2"})
    public String shape;

    @Param({"DEFAULT"})
    public String variant;

    private GemmVariant gemm;
    private float[] in;
    private PackedConv conv;
    private float[] out;
    private KernelContext ctx;
    private Epilogue epilogue;

    /** Input width and channels of a layer. */
    static int[] input(String shape) {
        return switch (KernelShapes.valueOf(shape)) {
            case CHARCNN_CONV1 -> new int[] {1014, 70};
            case CHARCNN_CONV2 -> new int[] {336, 256};
            default -> throw new IllegalArgumentException("not a charCNN convolution: " + shape);
        };
    }

    @Setup
    public void setUp() {
        gemm = SgemmBenchmark.variant(variant);
        int[] wc = input(shape);
        int cout = 256;
        in = Data.random(wc[0] * wc[1], 1);
        conv = Conv.pack1d(gemm, Data.random(7 * wc[1] * cout, 2), 0, new Window(wc[0], 7, 1, 1, Padding.VALID),
                wc[1], cout);
        out = new float[conv.outputSize()];
        ctx = KernelContext.serial(new float[Conv.scratchFloats(gemm, conv, 1, Team.SERIAL)]);
        epilogue = Epilogue.bias(Data.random(cout, 3)).then(Activation.RELU, 0f);
        Conv.run(gemm, in, 0, 1, conv, epilogue, out, 0, ctx);
        float[] expected = new float[out.length];
        ConvScalar.conv2d(in, 0, 1, conv, epilogue, expected, 0, KernelContext.NO_SCRATCH);
        Data.checkRows(out, cout, out.length / cout, (row, rows, dst) -> System.arraycopy(expected, row * cout, dst, 0,
                rows * cout), "conv1d " + shape + " " + gemm);
    }

    @Benchmark
    public float[] conv1d() {
        Conv.run(gemm, in, 0, 1, conv, epilogue, out, 0, ctx);
        return out;
    }
}
