package io.nnport.kernels.gemm;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.Padding;
import io.nnport.kernels.Window;
import io.nnport.kernels.conv.Conv;
import io.nnport.kernels.conv.PackedConv;
import io.nnport.kernels.testing.AllocationCheck;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * GEMM, GEMV, convolution and grouped convolution calls allocate nothing once warmed up, on the
 * calling thread and on the team's workers, measured in a child JVM by {@link AllocationCheck}.
 */
class ZeroAllocationTest {

    @Test
    void warmedUpCallsAllocateNothing() throws IOException, InterruptedException {
        AllocationCheck.assertChildAllocatesNothing(ZeroAllocationTest.class);
    }

    /** The child: warms the calls up, then prints the bytes per call of those that still allocate. */
    public static void main(String[] args) {
        new ZeroAllocationTest().measure();
    }

    private void measure() {
        Random random = new Random(99);
        float[] a = GemmCase.fill(random, 64 * 300);
        float[] w = GemmCase.fill(random, 300 * 48);
        float[] bias = GemmCase.fill(random, 48);
        PackedB b = Gemm.packB(w, 0, 300, 48);
        Window cols = new Window(30, 5, 2, 1, Padding.SAME);
        PackedConv conv = Conv.pack1d(w, 0, cols, 8, 48);
        float[] in = GemmCase.fill(random, 2 * 30 * 8);
        float[] c = new float[64 * 48];
        // 2 groups of 8 -> 16 channels over [2, 16, 16, 16]: 589,824 multiply-adds per group, enough to split.
        Window grid = new Window(16, 3, 1, 1, Padding.SAME);
        PackedConv grouped = Conv.pack2d(GemmCase.fill(random, 3 * 3 * 8 * 32), 0, grid, grid, 16, 32, 2);
        float[] image = GemmCase.fill(random, 2 * 16 * 16 * 16);
        float[] features = new float[2 * grouped.outputSize()];
        Epilogue batchNormRelu = Epilogue.scaleShift(GemmCase.fill(random, 32), GemmCase.fill(random, 32))
                .then(Activation.RELU, 0f);
        Epilogue relu = Epilogue.bias(bias).then(Activation.RELU, 0f);
        Epilogue sigmoid = Epilogue.bias(bias).then(Activation.SIGMOID, 0f);
        try (Team team = Team.create(2)) {
            float[] scratch = new float[Math.max(Math.max(Gemm.scratchFloats(64, 300, team),
                    Conv.scratchFloats(conv, 2, team)), Conv.scratchFloats(grouped, 2, team))];
            KernelContext serial = KernelContext.serial(scratch);
            KernelContext threaded = KernelContext.of(scratch, 0, team);
            Map<String, Runnable> calls = new LinkedHashMap<>();
            calls.put("gemm 64x300x48 bias+relu", () -> Gemm.gemm(64, a, 0, 300, b, c, 0, 48, relu, serial));
            calls.put("gemv 300->48 bias+sigmoid", () -> Gemm.gemm(1, a, 0, 300, b, c, 0, 48, sigmoid, serial));
            calls.put("gemm 37x300x48 on 2 threads", () -> Gemm.gemm(37, a, 5, 300, b, c, 3, 48, relu, threaded));
            calls.put("conv1d [2,30,8] k=5 s=2 SAME", () -> Conv.conv1d(in, 0, 2, conv, relu, c, 0, serial));
            calls.put("grouped conv2d [2,16,16,16] G=2 3x3 SAME bn+relu", () -> Conv.conv2d(image, 0, 2, grouped,
                    batchNormRelu, features, 0, serial));
            calls.put("grouped conv2d [2,16,16,16] G=2 on 2 threads", () -> Conv.conv2d(image, 0, 2, grouped,
                    batchNormRelu, features, 0, threaded));
            System.out.println(AllocationCheck.warmUp(calls, workerIds()));
        }
    }

    private static long[] workerIds() {
        List<Long> ids = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("nnport-gemm-")) {
                ids.add(thread.getId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }
}
