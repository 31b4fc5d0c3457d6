package io.nnport.jmh;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.Padding;
import io.nnport.kernels.Window;
import io.nnport.kernels.conv.Conv;
import io.nnport.kernels.conv.ConvScalar;
import io.nnport.kernels.conv.PackedConv;
import io.nnport.kernels.gemm.Gemm;
import io.nnport.kernels.gemm.GemmScalar;
import io.nnport.kernels.gemm.PackedB;
import io.nnport.kernels.gemm.Team;
import io.nnport.kernels.norm.Softmax;
import io.nnport.kernels.norm.SoftmaxScalar;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * One layer of the converted charCNN, called exactly as {@code CharcnnModel.predict} calls it (the
 * same facade, packing, epilogue and {@link Team}), on seeded random data of the layer's shape. The
 * per-layer times, set against each layer's FLOPs and against the whole model's time, show where a
 * prediction's time goes. The output is checked once in the setup against the kernel's scalar twin
 * on the first and the last sample of the batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CharcnnLayerBenchmark {

    @Param({"CONV1D", "MAX_POOLING1D", "CONV1D_1", "MAX_POOLING1D_1", "CONV1D_2", "CONV1D_3", "CONV1D_4",
            "CONV1D_5", "MAX_POOLING1D_2", "DENSE", "DENSE_1", "DENSE_2", "SOFTMAX"})
    public String layer;

    @Param({"1", "32"})
    public int batch;

    /** Intra-op threads of the layer's {@link Team}; pooling and softmax run on the caller alone. */
    @Param({"1", "2"})
    public int threads;

    private CharcnnLayer shape;
    private Team team;
    private float[] in;
    private float[] out;
    private KernelContext ctx;
    private PackedConv conv;
    private PackedB dense;
    private Epilogue epilogue;
    private Window pool;

    @Setup
    public void setUp() {
        shape = CharcnnLayer.valueOf(layer);
        team = Team.create(threads);
        in = Data.random(batch * shape.inputFloats(), 1);
        out = new float[batch * shape.outputFloats()];
        switch (shape.kind) {
            case CONV -> {
                Window cols = new Window(shape.width, shape.window, 1, 1, Padding.VALID);
                conv = Conv.pack1d(Data.random(shape.gemmK() * shape.outChannels, 2), 0, cols, shape.channels,
                        shape.outChannels);
                epilogue = relu(shape.outChannels);
                ctx = KernelContext.of(new float[Conv.scratchFloats(conv, batch, team)], 0, team);
            }
            case DENSE -> {
                dense = Gemm.packB(Data.random(shape.channels * shape.outChannels, 2), 0, shape.channels,
                        shape.outChannels);
                epilogue = shape == CharcnnLayer.DENSE_2
                        ? new Epilogue(null, Data.random(shape.outChannels, 3), Float.NEGATIVE_INFINITY,
                                Float.POSITIVE_INFINITY, Activation.NONE, 0f)
                        : relu(shape.outChannels);
                ctx = KernelContext.of(new float[Gemm.scratchFloats(batch, shape.channels, team)], 0, team);
            }
            case POOL -> pool = Window.pool(shape.width, shape.window, shape.window, Padding.VALID);
            case SOFTMAX -> { }
        }
        check();
    }

    /** A bias and ReLU epilogue as the converter writes it for Conv1D/Dense + BiasAdd + Relu. */
    private static Epilogue relu(int channels) {
        return new Epilogue(null, Data.random(channels, 3), Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
                Activation.RELU, 0f);
    }

    /** The layer's output against its scalar twin on the first and last sample, bit for bit (softmax: 1e-6). */
    private void check() {
        float[] before = in.clone();
        layer();
        int perOut = shape.outputFloats();
        for (int sample : new int[] {0, batch - 1}) {
            float[] expected = new float[perOut];
            int inOff = sample * shape.inputFloats();
            switch (shape.kind) {
                case CONV -> ConvScalar.conv2d(before, inOff, 1, conv, epilogue, expected, 0, KernelContext.NO_SCRATCH);
                case DENSE -> GemmScalar.gemm(1, before, inOff, shape.channels, dense, expected, 0, shape.outChannels,
                        epilogue, KernelContext.NO_SCRATCH);
                case POOL -> PoolScalar.max1d(pool, before, inOff, expected, 0, 1, shape.channels);
                case SOFTMAX -> SoftmaxScalar.softmax(before, inOff, expected, 0, 1, shape.channels);
            }
            float[] actual = shape.kind == CharcnnLayer.Kind.SOFTMAX ? in : out;
            for (int i = 0; i < perOut; i++) {
                float a = actual[sample * perOut + i];
                float e = expected[i];
                boolean same = shape.kind == CharcnnLayer.Kind.SOFTMAX ? Math.abs(a - e) <= 1e-6f * Math.max(1f,
                        Math.abs(e)) : Float.floatToIntBits(a) == Float.floatToIntBits(e) || a == e;
                if (!same) {
                    throw new IllegalStateException(layer + " batch " + batch + ": sample " + sample + " output " + i
                            + " is " + a + ", the scalar twin gives " + e);
                }
            }
        }
    }

    @TearDown
    public void close() {
        team.close();
    }

    /** The call CharcnnModel.predict makes for this layer. */
    @Benchmark
    public float[] layer() {
        switch (shape.kind) {
            case CONV -> Conv.conv1d(in, 0, batch, conv, epilogue, out, 0, ctx);
            case POOL -> Pool.max1d(pool, in, 0, out, 0, batch, shape.channels);
            case DENSE -> Gemm.gemm(batch, in, 0, shape.channels, dense, out, 0, shape.outChannels, epilogue,
                    ctx);
            case SOFTMAX -> {
                Softmax.inPlace(in, 0, batch, shape.channels);
                return in;
            }
        }
        return out;
    }
}
