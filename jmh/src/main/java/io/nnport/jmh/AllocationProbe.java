package io.nnport.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nnport.runtime.ConvertedModel;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bytes a converted model allocates per prediction once warm, counted exactly by HotSpot's
 * per-thread allocation counters ({@code com.sun.management.ThreadMXBean}): the calling thread's
 * counter, and the sum over every live thread (the team's workers included). JMH's gc profiler
 * divides all the JVM's allocation during an iteration (the harness's own included) by the calls
 * in it, so for calls of hundreds of milliseconds its {@code gc.alloc.rate.norm} shows the
 * harness's few kilobytes per iteration spread over a few calls; this probe shows what the model
 * itself allocates.
 *
 * <p>Warm-up has two stages. Until C2 compiles a kernel, its vectors are heap objects (the
 * interpreter and C1 box them), and a kernel called once per prediction on a few elements (the
 * charCNN's 4-class softmax) reaches C2's thresholds only after some thousands of calls, 10 to 15 s
 * of charCNN predictions. So first batch-1 calls (compiled code does not depend on the batch) until
 * a {@value #SETTLE_WINDOW_MS} ms window allocates nothing on any thread, at most
 * {@value #SETTLE_MAX_S} s; the time this took is reported as {@code settleSeconds}. Then at least
 * 3 s of calls at the probed batch, then about a second of measured calls.
 *
 * <pre>java -cp ... io.nnport.jmh.AllocationProbe MODEL</pre>
 *
 * prints one line {@code allocation {json}}: one row per batch (1, 32) and threads (1, 2).
 */
public final class AllocationProbe {

    static final int SETTLE_WINDOW_MS = 500;
    static final int SETTLE_MAX_S = 120;

    private AllocationProbe() {}

    public static void main(String[] args) throws Exception {
        SampleModel sample = SampleModel.named(args[0]);
        long warmupNanos = args.length > 1 ? Long.parseLong(args[1]) * 1_000_000L : 3_000_000_000L;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int batch : new int[] {1, 32}) {
            for (int teamThreads : new int[] {1, 2}) {
                ConvertedModel model = sample.load(teamThreads);
                double settleSeconds = settle(model, sample, threads);
                Object[] in = {sample.seededInput(batch)};
                Object[] out = {new float[model.outputs().get(0).elements(batch)]};
                long start = System.nanoTime();
                int warmups = 0;
                while (System.nanoTime() - start < warmupNanos || warmups < 20) {
                    model.run(in, batch, out);
                    warmups++;
                }
                int calls = Math.max(20, (int) (warmups * 1e9 / (System.nanoTime() - start)));
                Counters counters = Counters.start(threads);
                for (int i = 0; i < calls; i++) {
                    model.run(in, batch, out);
                }
                long selfBytes = counters.selfBytes();
                long all = selfBytes + counters.othersBytes();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model", sample.id());
                row.put("batch", batch);
                row.put("threads", teamThreads);
                row.put("settleSeconds", settleSeconds);
                row.put("calls", calls);
                row.put("callingThreadBytesPerCall", (double) selfBytes / calls);
                row.put("allThreadsBytesPerCall", (double) all / calls);
                row.put("allThreadsBytes", all);
                rows.add(row);
            }
        }
        System.out.println("allocation " + new ObjectMapper().writeValueAsString(rows));
    }

    /** Seconds of batch-1 calls until a window of them allocated nothing on any thread (or the cap). */
    private static double settle(ConvertedModel model, SampleModel sample,
                                 com.sun.management.ThreadMXBean threads) {
        Object[] in = {sample.seededInput(1)};
        Object[] out = {new float[model.outputs().get(0).elements(1)]};
        long start = System.nanoTime();
        while (System.nanoTime() - start < SETTLE_MAX_S * 1_000_000_000L) {
            Counters counters = Counters.start(threads);
            long windowStart = System.nanoTime();
            while (System.nanoTime() - windowStart < SETTLE_WINDOW_MS * 1_000_000L) {
                model.run(in, 1, out);
            }
            if (counters.selfBytes() == 0 && counters.othersBytes() == 0) {
                break;
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Allocation counters from a starting point. The calling thread is read through
     * {@code getCurrentThreadAllocatedBytes}, which allocates nothing; the other threads through
     * {@code getThreadAllocatedBytes(long[])}, whose result array lands on the calling thread's
     * counter, which is why that thread is left out of the array.
     */
    private record Counters(com.sun.management.ThreadMXBean threads, long selfStart, long[] others,
                            long[] othersStart) {

        static Counters start(com.sun.management.ThreadMXBean threads) {
            long me = Thread.currentThread().getId();
            long[] others = java.util.Arrays.stream(threads.getAllThreadIds()).filter(id -> id != me).toArray();
            long[] othersStart = threads.getThreadAllocatedBytes(others);
            return new Counters(threads, threads.getCurrentThreadAllocatedBytes(), others, othersStart);
        }

        long selfBytes() {
            return threads.getCurrentThreadAllocatedBytes() - selfStart;
        }

        /** Bytes the other threads allocated (threads gone since are skipped). */
        long othersBytes() {
            long[] now = threads.getThreadAllocatedBytes(others);
            long sum = 0;
            for (int t = 0; t < others.length; t++) {
                if (othersStart[t] >= 0 && now[t] >= 0) {
                    sum += now[t] - othersStart[t];
                }
            }
            return sum;
        }
    }
}
