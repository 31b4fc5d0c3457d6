package io.nnport.kernels.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.kernels.Simd;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The zero-allocation tests' harness: ThreadMXBean byte counters around repeated kernel calls, not
 * timing. A FloatVector that C2 cannot keep in a register is boxed on the heap, so this also catches
 * vector code the JIT compiled badly (a helper it did not inline, a vector live across a pruned branch).
 *
 * <p>Each check runs in a child JVM with this one's vector settings: as in a model's JVM, the
 * kernels are compiled for their own callers only. In the test JVM other tests call VectorMath
 * functions directly; compiled on their own they grow too big for C2 to inline into the kernels'
 * loops, and a vector passed to a call that is not inlined is boxed.
 *
 * <p>Whether C2 boxes can depend on the order it compiles things in, so a failure may show on one
 * machine only. When calls still allocate after the warm-up, the child records where with JFR and
 * prints the allocation sites, so a failure on CI names the method to fix.
 */
public final class AllocationCheck {

    /** What the child prints when every call has stopped allocating. */
    public static final String NOTHING_ALLOCATES = "allocating: {}";

    /** Warm-up budget: C2 compiles the vector kernels in seconds; the interpreter and C1 box every vector. */
    private static final long WARM_UP_NANOS = 30_000_000_000L;
    private static final int CALLS_PER_ROUND = 20;
    private static final long RECORDING_NANOS = 1_000_000_000L;
    private static final int SITES_SHOWN = 5;
    /** Frames shown per site beyond the first one in nnport's code, which is always shown. */
    private static final int FRAMES_PAST_OURS = 2;
    private static final String OUR_PACKAGE = "io.nnport.";

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationCheck() {}

    /**
     * Runs {@code main} in a child JVM with this JVM's vector module and kernel properties, checks
     * that it exits normally and that its report says nothing allocates.
     */
    public static void assertChildAllocatesNothing(Class<?> main, String... args)
            throws IOException, InterruptedException {
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
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains(NOTHING_ALLOCATES), String.join(" ", args) + " " + out);
    }

    /**
     * Repeats the calls in rounds until one round in which none allocates, or the budget runs out;
     * returns a one-line report, {@code "... allocating: {name=bytes per call, ...}"}, followed by the
     * allocation sites of the calls that still allocate. Bytes allocated by the threads
     * {@code otherThreads} (a team's workers) count too.
     */
    public static String warmUp(Map<String, Runnable> calls, long... otherThreads) {
        Map<String, Long> allocating = new LinkedHashMap<>();
        long start = System.nanoTime();
        int round = 0;
        do {
            allocating.clear();
            for (Map.Entry<String, Runnable> call : calls.entrySet()) {
                // Reading other threads' counters allocates on this thread: done outside its window.
                long othersBefore = allocatedBytes(otherThreads);
                long before = THREADS.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < CALLS_PER_ROUND; i++) {
                    call.getValue().run();
                }
                long bytes = THREADS.getCurrentThreadAllocatedBytes() - before
                        + allocatedBytes(otherThreads) - othersBefore;
                if (bytes != 0) {
                    allocating.put(call.getKey(), bytes / CALLS_PER_ROUND);
                }
            }
            round++;
        } while (!allocating.isEmpty() && System.nanoTime() - start < WARM_UP_NANOS);
        StringBuilder report = new StringBuilder(Simd.describe() + " after " + round
                + " rounds of warm-up, allocating: " + allocating);
        for (String name : allocating.keySet()) {
            report.append("\n  ").append(name).append(" allocates at:")
                    .append(allocationSites(calls.get(name), otherThreads));
        }
        return report.toString();
    }

    private static long allocatedBytes(long[] threads) {
        long total = 0;
        for (long bytes : THREADS.getThreadAllocatedBytes(threads)) {
            total += bytes;
        }
        return total;
    }

    /**
     * The most frequent allocation stacks of {@code call} on this thread and {@code otherThreads},
     * from a JFR recording of a second of calls (JFR samples at TLAB refills, so it needs megabytes).
     */
    private static String allocationSites(Runnable call, long[] otherThreads) {
        Set<Long> threads = new HashSet<>();
        threads.add(Thread.currentThread().getId());
        for (long id : otherThreads) {
            threads.add(id);
        }
        try {
            Path file = Files.createTempFile("nnport-allocation", ".jfr");
            try (Recording recording = new Recording()) {
                for (String event : new String[] {"jdk.ObjectAllocationInNewTLAB", "jdk.ObjectAllocationOutsideTLAB",
                        "jdk.ObjectAllocationSample"}) {
                    recording.enable(event).withStackTrace();
                }
                recording.start();
                long end = System.nanoTime() + RECORDING_NANOS;
                while (System.nanoTime() < end) {
                    call.run();
                }
                recording.stop();
                recording.dump(file);
            }
            Map<String, Integer> sites = new TreeMap<>();
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (event.getStackTrace() != null && event.getThread() != null
                        && threads.contains(event.getThread().getJavaThreadId())) {
                    sites.merge(site(event), 1, Integer::sum);
                }
            }
            Files.delete(file);
            return sites.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(SITES_SHOWN)
                    .map(site -> "\n    " + site.getValue() + " x " + site.getKey())
                    .collect(Collectors.joining());
        } catch (IOException | RuntimeException e) {
            return " (JFR recording failed: " + e + ")";
        }
    }

    /**
     * The allocated type and its stack from the allocation up to the first frame in nnport's code,
     * and a few callers past it: the JDK frames say which Vector API operation boxed, ours where.
     */
    private static String site(RecordedEvent event) {
        List<RecordedFrame> frames = event.getStackTrace().getFrames();
        int ours = 0;
        while (ours < frames.size() - 1 && !frames.get(ours).getMethod().getType().getName().startsWith(OUR_PACKAGE)) {
            ours++;
        }
        return event.getClass("objectClass").getName() + " in " + frames.stream()
                .limit(ours + 1 + FRAMES_PAST_OURS)
                .map(AllocationCheck::frame)
                .collect(Collectors.joining(" <- "));
    }

    private static String frame(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName() + ":"
                + frame.getLineNumber() + " (" + frame.getType() + ")";
    }
}
