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
 * itself allocates. Warm-up: at least 3 s of calls (C2 compiles the kernels), then a measured second.
 *
 * <pre>java -cp ... io.nnport.jmh.AllocationProbe MODEL</pre>
 *
 * prints one line {@code allocation {json}}: one row per batch (1, 32) and threads (1, 2).
 */
public final class AllocationProbe {

    private AllocationProbe() {}

    public static void main(String[] args) throws Exception {
        SampleModel sample = SampleModel.named(args[0]);
        long warmupNanos = args.length > 1 ? Long.parseLong(args[1]) * 1_000_000L : 3_000_000_000L;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int batch : new int[] {1, 32}) {
            for (int teamThreads : new int[] {1, 2}) {
                ConvertedModel model = sample.load(teamThreads);
                Object[] in = {sample.seededInput(batch)};
                Object[] out = {new float[model.outputs().get(0).elements(batch)]};
                long start = System.nanoTime();
                int warmups = 0;
                while (System.nanoTime() - start < warmupNanos || warmups < 20) {
                    model.run(in, batch, out);
                    warmups++;
                }
                int calls = Math.max(20, (int) (warmups * 1e9 / (System.nanoTime() - start)));
                long[] ids = threads.getAllThreadIds();
                long[] before = threads.getThreadAllocatedBytes(ids);
                long self = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < calls; i++) {
                    model.run(in, batch, out);
                }
                long selfBytes = threads.getCurrentThreadAllocatedBytes() - self;
                long[] after = threads.getThreadAllocatedBytes(ids);
                long all = 0;
                for (int t = 0; t < ids.length; t++) {
                    if (before[t] >= 0 && after[t] >= 0) {
                        all += after[t] - before[t];
                    }
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model", sample.id());
                row.put("batch", batch);
                row.put("threads", teamThreads);
                row.put("calls", calls);
                row.put("callingThreadBytesPerCall", (double) selfBytes / calls);
                row.put("allThreadsBytesPerCall", (double) all / calls);
                row.put("allThreadsBytes", all);
                rows.add(row);
            }
        }
        System.out.println("allocation " + new ObjectMapper().writeValueAsString(rows));
    }
}
