package io.nnport.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nnport.runtime.ConvertedModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a loaded model costs in memory, measured in a fresh JVM ({@link ModelBenchmarks} starts one
 * per model and engine, with {@code -XX:+UseSerialGC} so that {@code System.gc()} is a full,
 * compacting collection and "heap used" afterwards is the live data).
 *
 * <ul>
 *   <li>{@code nnport}: the Java heap a model retains after {@code load(1)} (packed weights, epilogues,
 *       plans), then with its arena and kernel scratch for batch 1, then for batch 32 (the workspace
 *       of the predicting thread). Each repeat runs on a new thread that ends afterwards, so no
 *       workspace of an earlier repeat survives in a thread-local; the median of the repeats is printed.
 *   <li>{@code tensorflow}: TensorFlow keeps its tensors in native memory, so beside its Java heap the
 *       probe reports the process's resident set growth from before the session to after the first
 *       batch-1 prediction (the same is reported for nnport, whose memory is all heap).
 * </ul>
 *
 * <pre>java -XX:+UseSerialGC -cp benchmarks.jar:lib/* io.nnport.jmh.ModelMemory MODEL nnport|tensorflow REPEATS</pre>
 *
 * prints one line {@code memory {json}}.
 */
public final class ModelMemory {

    private ModelMemory() {}

    public static void main(String[] args) throws Exception {
        SampleModel sample = SampleModel.named(args[0]);
        boolean tensorflow = args[1].equals("tensorflow");
        int repeats = Integer.parseInt(args[2]);
        float[] input1 = sample.seededInput(1);
        float[] input32 = sample.seededInput(32);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", sample.id());
        result.put("engine", args[1]);
        result.put("weightBytes", sample.weightBytes());
        long rssBefore = residentBytes();
        long heapBefore = heapUsedAfterGc();
        if (tensorflow) {
            try (TfSession session = new TfSession(sample.graphDef(), sample.inputName(), sample.outputName(), 1)) {
                session.predict(input1, TfSession.longs(sample.inputShape(1)));
                result.put("rssGrowthToFirstPrediction", residentBytes() - rssBefore);
                result.put("heapRetained", heapUsedAfterGc() - heapBefore);
            }
        } else {
            long[][] samples = new long[repeats][];
            for (int r = 0; r < repeats; r++) {
                int repeat = r;
                Thread thread = new Thread(() -> samples[repeat] = measureNnport(sample, input1, input32,
                        repeat == 0 ? rssBefore : -1, result));
                thread.start();
                thread.join();
            }
            result.put("heapLoaded", median(samples, 0));
            result.put("heapWithArenaBatch1", median(samples, 1));
            result.put("heapWithArenaBatch32", median(samples, 2));
            result.put("repeats", repeats);
            List<long[]> all = new ArrayList<>(List.of(samples));
            result.put("samples", all);
        }
        System.out.println("memory " + new ObjectMapper().writeValueAsString(result));
    }

    /** Heap retained after loading, after a batch-1 call and after a batch-32 call, above the baseline. */
    private static long[] measureNnport(SampleModel sample, float[] input1, float[] input32, long rssBefore,
                                        Map<String, Object> result) {
        long base = heapUsedAfterGc();
        ConvertedModel model = sample.load(1);
        long loaded = heapUsedAfterGc() - base;
        int outputs = model.outputs().get(0).perSample();
        model.run(new Object[] {input1}, 1, new Object[] {new float[outputs]});
        if (rssBefore >= 0) {
            result.put("rssGrowthToFirstPrediction", residentBytes() - rssBefore);
        }
        long batch1 = heapUsedAfterGc() - base;
        model.run(new Object[] {input32}, 32, new Object[] {new float[32 * outputs]});
        long batch32 = heapUsedAfterGc() - base;
        Reference.reachabilityFence(model);
        return new long[] {loaded, batch1, batch32};
    }

    private static long median(long[][] samples, int column) {
        long[] values = new long[samples.length];
        for (int i = 0; i < samples.length; i++) {
            values[i] = samples[i][column];
        }
        Arrays.sort(values);
        return values[values.length / 2];
    }

    /** Heap in use after full collections (SerialGC: each is a full compaction). */
    static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** This process's resident set (VmRSS of /proc/self/status), or -1 where there is no procfs. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
