package io.nnport.kernels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nnport.kernels.copy.Concat;
import io.nnport.kernels.copy.ConcatPlan;
import io.nnport.kernels.copy.Gather;
import io.nnport.kernels.copy.GatherPlan;
import io.nnport.kernels.copy.Pad;
import io.nnport.kernels.copy.PadPlan;
import io.nnport.kernels.copy.Transpose;
import io.nnport.kernels.copy.TransposePlan;
import io.nnport.kernels.depthwise.DepthwiseConv;
import io.nnport.kernels.depthwise.DepthwiseSpec;
import io.nnport.kernels.elementwise.Binary;
import io.nnport.kernels.elementwise.BinaryOp;
import io.nnport.kernels.elementwise.BroadcastPlan;
import io.nnport.kernels.elementwise.Channelwise;
import io.nnport.kernels.elementwise.Elementwise;
import io.nnport.kernels.norm.LayerNorm;
import io.nnport.kernels.norm.Softmax;
import io.nnport.kernels.pool.Pool;
import io.nnport.kernels.reduce.Reduce;
import io.nnport.kernels.reduce.ReduceOp;
import io.nnport.kernels.reduce.ReducePlan;
import io.nnport.kernels.testing.AllocationCheck;
import io.nnport.kernels.testing.Data;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Elementwise (every activation), binary, channelwise, pooling, softmax, layer norm, reductions,
 * concat, pad, transpose, gather and depthwise convolution allocate nothing once warmed up,
 * measured in child JVMs by {@link AllocationCheck}.
 *
 * <p>Three groups of kernels, each in its own JVM, on every JDK: the activations with the kernels
 * that apply them (clamp, channelwise, depthwise), the row kernels (softmax, layer norm), and the
 * others; and all of them in one JVM on JDK 21 and later only. On JDK 17 that last mix is not
 * reliable, whatever the kernels: after every kernel family has run in one JVM, C2 sometimes
 * compiles the transcendental activations (tanh, softplus, GELU, log) with some Vector API
 * operations not intrinsified ("missing constant" for the vector class), and they then allocate
 * for good. Measured: 30 to 100% of runs depending on the width, with
 * or without type profiling; never in any group alone, never on JDK 25.
 */
class CoreKernelsZeroAllocationTest {

    @ParameterizedTest
    @ValueSource(strings = {"activations", "rows", "others"})
    void warmedUpCallsAllocateNothing(String group) throws IOException, InterruptedException {
        AllocationCheck.assertChildAllocatesNothing(CoreKernelsZeroAllocationTest.class, group);
    }

    @Test
    void allKernelsInOneJvmAllocateNothing() throws IOException, InterruptedException {
        assumeTrue(Runtime.version().feature() >= 21, "JDK 17's C2 is not reliable on this mix; see the class comment");
        AllocationCheck.assertChildAllocatesNothing(CoreKernelsZeroAllocationTest.class, "all");
    }

    /** The child: warms the calls up, then prints the bytes per call of those that still allocate. */
    public static void main(String[] args) {
        Random random = Data.random(112);
        int c = 40;
        float[] x = Data.uniform(random, 2 * 12 * 12 * c, -3f, 3f);
        float[] wide = Data.uniform(random, 8 * 1000, -60f, 60f);
        float[] y = new float[2 * 24 * 24 * c];
        float[] z = new float[y.length];
        float[] perChannel = Data.uniform(random, 2 * c, 0.5f, 1.5f);
        int[] ids = random.ints(2 * 7, 0, 50).toArray();

        int[] image = {Dims.BATCH, 12, 12, c};
        BroadcastPlan same = BroadcastPlan.of(image, image);
        BroadcastPlan channel = BroadcastPlan.of(image, new int[] {c});
        BroadcastPlan general = BroadcastPlan.of(new int[] {Dims.BATCH, 12, 1, c}, new int[] {12, 1});
        Epilogue bnSwish = Epilogue.scaleShift(perChannel, perChannel).then(Activation.SWISH, 0f);
        Window h = Window.pool(12, 3, 2, Padding.SAME);
        Window w1 = Window.pool(144, 3, 3, Padding.VALID);
        ReducePlan hw = ReducePlan.of(image, 1, 2);
        ReducePlan last = ReducePlan.of(image, -1);
        ReducePlan mixed = ReducePlan.of(new int[] {Dims.BATCH, 4, 3, 12, c}, 1, 3);
        ConcatPlan concat = ConcatPlan.of(new int[][] {image, {Dims.BATCH, 12, 12, 8}}, 3);
        int[] concatOffsets = {0, 2 * 12 * 12 * c};
        PadPlan pad = PadPlan.of(image, new int[] {0, 1, 2, 0}, new int[] {0, 2, 1, 0}, 0f);
        TransposePlan nchw = TransposePlan.of(image, new int[] {0, 3, 1, 2});
        TransposePlan general3 = TransposePlan.of(new int[] {Dims.BATCH, 4, 36, c}, new int[] {0, 2, 1, 3});
        GatherPlan embedding = GatherPlan.of(new int[] {50, c}, new int[] {Dims.BATCH, 7}, 0);
        DepthwiseSpec dw = DepthwiseSpec.of(new Window(12, 3, 1, 1, Padding.SAME), new Window(12, 3, 1, 1, Padding.SAME),
                c, 1, Data.uniform(random, 9 * c, -1f, 1f), Epilogue.bias(perChannel).then(Activation.RELU6, 0f));
        DepthwiseSpec dw2 = DepthwiseSpec.of(new Window(12, 3, 2, 1, Padding.VALID),
                new Window(12, 3, 2, 2, Padding.SAME), c, 2, Data.uniform(random, 9 * 2 * c, -1f, 1f),
                Epilogue.NONE.then(Activation.TANH, 0f));

        Map<String, Runnable> calls = new LinkedHashMap<>();
        for (Activation a : Activation.values()) {
            calls.put("activation " + a, () -> Elementwise.apply(a, 0.1f, x, 0, y, 0, x.length));
        }
        calls.put("clamp", () -> Elementwise.clamp(0f, 6f, x, 0, y, 0, x.length));
        calls.put("binary same shape", () -> Binary.apply(BinaryOp.MUL, same, x, 0, x, 0, y, 0, 2));
        calls.put("binary per channel", () -> Binary.apply(BinaryOp.ADD, channel, x, 0, perChannel, 0, y, 0, 2));
        calls.put("binary general", () -> Binary.apply(BinaryOp.MAX, general, x, 0, perChannel, 0, y, 0, 2));
        calls.put("channelwise bn+swish", () -> Channelwise.apply(bnSwish, x, 0, y, 0, 2 * 144, c));
        calls.put("max/avg pool 2d", () -> {
            Pool.max2d(h, h, x, 0, y, 0, 2, c);
            Pool.avg2d(h, h, x, 0, y, 0, 2, c);
        });
        calls.put("max/avg pool 1d", () -> {
            Pool.max1d(w1, x, 0, y, 0, 2, c);
            Pool.avg1d(w1, x, 0, y, 0, 2, c);
        });
        calls.put("global pools", () -> {
            Pool.globalMax(x, 0, y, 0, 2, 144, c);
            Pool.globalAvg(x, 0, y, 0, 2, 144, c);
        });
        calls.put("softmax and log-softmax", () -> {
            Softmax.softmax(wide, 0, y, 0, 8, 1000);
            Softmax.logSoftmax(wide, 0, y, 0, 8, 1000);
        });
        calls.put("layer norm", () -> LayerNorm.apply(1e-3f, perChannel, perChannel, x, 0, y, 0, 2 * 144, c));
        calls.put("reduce H,W / last / mixed", () -> {
            Reduce.apply(ReduceOp.MEAN, hw, x, 0, y, 0, 2);
            Reduce.apply(ReduceOp.SUM, last, x, 0, y, 0, 2);
            Reduce.apply(ReduceOp.MAX, mixed, x, 0, y, 0, 2);
        });
        calls.put("concat, pad, transpose", () -> {
            Concat.copy(concat, z, concatOffsets, 2, y, 0);
            Pad.copy(pad, x, 0, 2, y, 0);
            Transpose.copy(nchw, x, 0, 2, y, 0);
            Transpose.copy(general3, x, 0, 2, z, 0);
        });
        calls.put("gather", () -> Gather.copy(embedding, x, 0, ids, 0, 2, y, 0));
        calls.put("depthwise 3x3 bias+relu6", () -> DepthwiseConv.apply(dw, x, 0, y, 0, 2));
        calls.put("depthwise x2 dilated tanh", () -> DepthwiseConv.apply(dw2, x, 0, y, 0, 2));

        String group = args[0];
        if (!group.equals("all")) {
            calls.keySet().removeIf(name -> !group.equals(groupOf(name)));
        }

        System.out.println(group + ": " + AllocationCheck.warmUp(calls));
    }

    /** The child JVM a call runs in, by the name it is registered under. */
    private static String groupOf(String call) {
        if (call.startsWith("activation") || call.startsWith("clamp") || call.startsWith("channelwise")
                || call.startsWith("depthwise")) {
            return "activations";
        }
        if (call.startsWith("softmax") || call.startsWith("layer norm")) {
            return "rows";
        }
        return "others";
    }
}
