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
 * Grouped 3x3 and 5x5 convolutions at batch 1 with a folded BatchNorm + ReLU epilogue, one GEMM per
 * group with im2col reading the group's channel slice. {@code variant} comes from the GEMM registry;
 * SCALAR is the scalar path (the baseline). The output is checked once against {@link ConvScalar},
 * exactly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GroupedConvBenchmark {

    /** Layers with groups, square inputs, stride 1, SAME. */
    enum Layer {
        /** ResNeXt-50 (32x4d), conv2 stage: 3x3 over 56x56x128 in 32 groups of 4 channels -> 128. */
        RESNEXT50_CONV2(56, 128, 128, 32, 3),
        /** AlexNet's conv2, split over two GPUs in the original: 5x5 over 27x27x96 in 2 groups -> 256. */
        ALEXNET_CONV2(27, 96, 256, 2, 5);

        final int size;
        final int cin;
        final int cout;
        final int groups;
        final int kernel;

        Layer(int size, int cin, int cout, int groups, int kernel) {
            this.size = size;
            this.cin = cin;
            this.cout = cout;
            this.groups = groups;
            this.kernel = kernel;
        }

        /** 2 x outputs x taps per output (the group's kernel x kernel x cin / groups). */
        double flops() {
            return 2.0 * size * size * cout * kernel * kernel * (cin / groups);
        }
    }

    @Param({"RESNEXT50_CONV2", "ALEXNET_CONV2"})
    public String shape;

    @Param({"DEFAULT"})
    public String variant;

    private GemmVariant gemm;
    private float[] in;
    private PackedConv conv;
    private float[] out;
    private KernelContext ctx;
    private Epilogue epilogue;

    @Setup
    public void setUp() {
        gemm = SgemmBenchmark.variant(variant);
        Layer layer = Layer.valueOf(shape);
        Window window = new Window(layer.size, layer.kernel, 1, 1, Padding.SAME);
        in = Data.random(layer.size * layer.size * layer.cin, 1);
        float[] filter = Data.random(layer.kernel * layer.kernel * (layer.cin / layer.groups) * layer.cout, 2);
        conv = Conv.pack2d(gemm, filter, 0, window, window, layer.cin, layer.cout, layer.groups);
        out = new float[conv.outputSize()];
        ctx = KernelContext.serial(new float[Conv.scratchFloats(gemm, conv, 1, Team.SERIAL)]);
        epilogue = Epilogue.scaleShift(Data.random(layer.cout, 3), Data.random(layer.cout, 4))
                .then(Activation.RELU, 0f);
        float[] expected = new float[out.length];
        ConvScalar.conv2d(in, 0, 1, conv, epilogue, expected, 0, KernelContext.NO_SCRATCH);
        conv2d();
        TwinImpl.checkClose(expected, out, 0, "grouped conv2d " + shape + " " + gemm);
    }

    @Benchmark
    public float[] conv2d() {
        Conv.run(gemm, in, 0, 1, conv, epilogue, out, 0, ctx);
        return out;
    }
}
