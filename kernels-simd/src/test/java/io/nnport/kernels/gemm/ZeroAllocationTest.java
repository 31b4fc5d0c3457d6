package io.nnport.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.Padding;
import io.nnport.kernels.Window;
import io.nnport.kernels.conv.Conv;
import io.nnport.kernels.conv.PackedConv;
import io.nnport.kernels.Simd;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * GEMM, GEMV and convolution calls allocate nothing once warmed up, on the calling thread and on the
 * team's workers: an allocation assertion (ThreadMXBean byte counters), not a timing one. Warm-up
 * repeats the calls until the JIT has compiled them (the interpreter boxes every vector), bounded in
 * time; a round in which no call allocates passes.
 *
 * <p>Measured in a child JVM with this one's vector settings: as in a model's JVM, the kernels are
 * compiled for their own callers only. In the test JVM other tests call VectorMath functions
 * directly; compiled on their own they grow too big for C2 to inline into the activation loops,
 * and a vector passed to a call that is not inlined is boxed.
 */
class ZeroAllocationTest {

    @Test
    void warmedUpCallsAllocateNothing() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            command.add("--add-modules");
            command.add("jdk.incubator.vector");
        }
        for (String property : new String[] {Simd.MAX_BITS_PROPERTY, Simd.FORCE_SCALAR_PROPERTY}) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ZeroAllocationTest.class.getName()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("allocating: {}"), out);
    }

    /** The child: warms the calls up, then prints the bytes per call of those that still allocate. */
    public static void main(String[] args) {
        new ZeroAllocationTest().measure();
    }

    /** Warm-up budget: C2 compiles the vector kernels in a second or two; a profile polluted by other tests takes longer. */
    private static final long WARM_UP_NANOS = 30_000_000_000L;
    private static final int CALLS_PER_ROUND = 20;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

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
        Epilogue relu = Epilogue.bias(bias).then(Activation.RELU, 0f);
        Epilogue sigmoid = Epilogue.bias(bias).then(Activation.SIGMOID, 0f);
        try (Team team = Team.create(2)) {
            float[] scratch = new float[Math.max(Gemm.scratchFloats(64, 300, team),
                    Conv.scratchFloats(conv, 2, team))];
            Map<String, Runnable> calls = new LinkedHashMap<>();
            calls.put("gemm 64x300x48 bias+relu", () -> Gemm.gemm(64, a, 0, 300, b, c, 0, 48, relu, scratch, 0,
                    Team.SERIAL));
            calls.put("gemv 300->48 bias+sigmoid", () -> Gemm.gemm(1, a, 0, 300, b, c, 0, 48, sigmoid, scratch, 0,
                    Team.SERIAL));
            calls.put("gemm 37x300x48 on 2 threads", () -> Gemm.gemm(37, a, 5, 300, b, c, 3, 48, relu, scratch, 0,
                    team));
            calls.put("conv1d [2,30,8] k=5 s=2 SAME", () -> Conv.conv1d(in, 0, 2, conv, relu, c, 0, scratch, 0,
                    Team.SERIAL));
            long[] workers = workerIds();
            Map<String, Long> allocating = new LinkedHashMap<>();
            long start = System.nanoTime();
            int round = 0;
            do {
                allocating.clear();
                for (Map.Entry<String, Runnable> call : calls.entrySet()) {
                    // Reading the workers' counters allocates on this thread: done outside its window.
                    long workersBefore = allocatedBytes(workers);
                    long before = threads.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < CALLS_PER_ROUND; i++) {
                        call.getValue().run();
                    }
                    long mine = threads.getCurrentThreadAllocatedBytes() - before;
                    long bytes = mine + allocatedBytes(workers) - workersBefore;
                    if (bytes != 0) {
                        allocating.put(call.getKey(), bytes / CALLS_PER_ROUND);
                    }
                }
                round++;
            } while (!allocating.isEmpty() && System.nanoTime() - start < WARM_UP_NANOS);
            System.out.println(Simd.describe() + " after " + round + " rounds of warm-up, allocating: " + allocating);
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

    private long allocatedBytes(long[] ids) {
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(ids)) {
            total += bytes;
        }
        return total;
    }
}
