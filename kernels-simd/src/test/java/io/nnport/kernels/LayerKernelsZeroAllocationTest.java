package io.nnport.kernels;

import io.nnport.kernels.argmax.ArgMax;
import io.nnport.kernels.cast.Cast;
import io.nnport.kernels.copy.Slice;
import io.nnport.kernels.copy.SlicePlan;
import io.nnport.kernels.copy.Split;
import io.nnport.kernels.copy.SplitPlan;
import io.nnport.kernels.copy.Tile;
import io.nnport.kernels.copy.TilePlan;
import io.nnport.kernels.deconv.ConvTranspose;
import io.nnport.kernels.deconv.PackedConvTranspose;
import io.nnport.kernels.gemm.Team;
import io.nnport.kernels.matmul.BatchMatMul;
import io.nnport.kernels.matmul.BatchMatMulPlan;
import io.nnport.kernels.prelu.PRelu;
import io.nnport.kernels.resize.BilinearPlan;
import io.nnport.kernels.resize.NearestPlan;
import io.nnport.kernels.resize.ResizeBilinear;
import io.nnport.kernels.resize.ResizeNearest;
import io.nnport.kernels.testing.AllocationCheck;
import io.nnport.kernels.testing.Data;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Slice, Split, Tile, ArgMax, Cast, ResizeBilinear, ResizeNearest, transposed conv2d, BatchMatMul and
 * PReLU allocate nothing once warmed up, measured in a child JVM by {@link AllocationCheck}.
 */
class LayerKernelsZeroAllocationTest {

    @Test
    void warmedUpCallsAllocateNothing() throws IOException, InterruptedException {
        AllocationCheck.assertChildAllocatesNothing(LayerKernelsZeroAllocationTest.class);
    }

    /** The child: warms the calls up, then prints the bytes per call of those that still allocate. */
    public static void main(String[] args) {
        Random random = Data.random(111);
        float[] x = Data.uniform(random, 2 * 16 * 16 * 24, -1f, 1f);
        float[] y = new float[4 * 32 * 32 * 24];
        int[] ints = new int[x.length];

        int[] image = {Dims.BATCH, 16, 16, 24};
        SlicePlan crop = SlicePlan.of(image, new int[] {0, 15, 2, 0}, new int[] {Dims.BATCH, 8, 12, 24},
                new int[] {1, -2, 1, 1});
        SplitPlan split = SplitPlan.of(image, 3, new int[] {5, 19});
        int[] splitOffsets = {0, 4000};
        TilePlan tile = TilePlan.of(image, new int[] {1, 2, 1, 2});
        BilinearPlan resize = BilinearPlan.of(16, 16, 31, 29, 24, false, true);
        NearestPlan upsample = NearestPlan.of(16, 16, 32, 32, 24, false, false);
        PackedConvTranspose deconv = ConvTranspose.pack2d(Data.uniform(random, 3 * 3 * 20 * 24, -1f, 1f), 0,
                new Window(32, 3, 2, 1, Padding.SAME), new Window(32, 3, 2, 1, Padding.SAME), 20, 24);
        BatchMatMulPlan attention = BatchMatMulPlan.of(new int[] {Dims.BATCH, 16, 24}, new int[] {Dims.BATCH, 16, 24},
                false, true);
        float[] alpha = Data.uniform(random, 24, 0f, 0.5f);
        float[] bias = Data.uniform(random, 20, -0.1f, 0.1f);
        Epilogue biasRelu = Epilogue.bias(bias).then(Activation.RELU, 0f);
        KernelContext work = KernelContext.serial(
                new float[Math.max(ConvTranspose.scratchFloats(deconv, 2, Team.SERIAL), attention.scratchFloats())]);

        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("slice [?,16,16,24] reversed rows", () -> Slice.copy(crop, x, 0, 2, y, 0));
        calls.put("split [?,16,16,24] channels 5+19", () -> Split.copy(split, x, 0, 2, y, splitOffsets));
        calls.put("tile [?,16,16,24] x [1,2,1,2]", () -> Tile.copy(tile, x, 0, 2, y, 0));
        calls.put("argmax last axis", () -> ArgMax.argMax(x, 0, 2 * 256, 24, 1, ints, 0));
        calls.put("argmax middle axis", () -> ArgMax.argMax(x, 0, 2 * 16, 16, 24, ints, 0));
        calls.put("cast float->int->float", () -> {
            Cast.floatToInt(x, 0, ints, 0, x.length);
            Cast.intToFloat(ints, 0, y, 0, x.length);
        });
        calls.put("resize bilinear 16x16 -> 31x29", () -> ResizeBilinear.resize(resize, x, 0, 2, y, 0));
        calls.put("resize nearest 16x16 -> 32x32", () -> ResizeNearest.resize(upsample, x, 0, 2, y, 0));
        calls.put("conv2d_transpose 16x16x24 -> 32x32x20 bias+relu", () -> ConvTranspose.conv2dTranspose(x, 0, 2,
                deconv, biasRelu, y, 0, work));
        calls.put("batch matmul [?,16,24] x [?,16,24]^T", () -> BatchMatMul.matmul(attention, x, 0, x, 0, 2, y, 0,
                work));
        calls.put("prelu in place", () -> PRelu.apply(alpha, 24, y, 0, y, 0, 2 * 256));

        System.out.println(AllocationCheck.warmUp(calls));
    }
}
