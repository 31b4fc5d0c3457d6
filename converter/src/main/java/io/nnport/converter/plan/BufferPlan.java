package io.nnport.converter.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one authority on where every intermediate tensor lives and which layers run in place.
 * Emitters and the report ask it; they never decide themselves.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Storage groups.</b> A reshape ({@link PlanStep.Access#ALIAS}) and an in-place layer put
 *       their output in their input's storage; all values sharing storage form one group, which is
 *       placed as a unit.</li>
 *   <li><b>inPlace</b> for a step whose kernel allows it, over input {@code x}, only when: the step
 *       is the last reader of every value in {@code x}'s group; no value in the group is a model
 *       output; the group is owned by the plan (never the caller's input, never a weight); and
 *       {@code x} and the output have the same size, arena and batchedness. For {@code IN_PLACE_ANY} the first
 *       input that qualifies is taken.</li>
 *   <li><b>mutable</b> for a step whose output storage is later overwritten by an in-place step (and
 *       for the producer behind a reshape of that storage).</li>
 *   <li><b>Lifetimes.</b> A group is live from the step that first writes it to the last step that
 *       reads any of its values; model outputs stay live to the end (they are copied out last).</li>
 *   <li><b>Offsets.</b> Per arena, groups are placed largest first, each in the tightest gap left
 *       by the already placed groups whose lifetimes overlap its own (greedy best-fit by size over
 *       lifetimes, as TensorFlow Lite's arena planner does). Sizes and offsets are per batch
 *       sample: at run time every offset is multiplied by the batch size.</li>
 * </ul>
 * The result is deterministic: ties are broken by first use, then name.
 */
public final class BufferPlan {

    /** Where a value lives and what the plan decided for the step that produced it. */
    public record Slot(String value, Group group, boolean modelInput) {}

    /** Values sharing one storage: live over [firstStep, lastStep], at offset, per sample. */
    public static final class Group {
        private final String root;
        private final PlanValue.Arena arena;
        private final List<String> members = new ArrayList<>();
        private long size;
        private int firstStep;
        private int lastStep;
        /** The last step reading a member so far (a member never read counts as read at the first step). */
        private int latestRead;
        private long offset = -1;

        private Group(String root, PlanValue.Arena arena, int firstStep) {
            this.root = root;
            this.arena = arena;
            this.firstStep = firstStep;
            this.lastStep = firstStep;
            this.latestRead = firstStep;
        }

        public String root() {
            return root;
        }

        public PlanValue.Arena arena() {
            return arena;
        }

        public List<String> members() {
            return Collections.unmodifiableList(members);
        }

        /** Elements per sample. */
        public long size() {
            return size;
        }

        public int firstStep() {
            return firstStep;
        }

        public int lastStep() {
            return lastStep;
        }

        /** Offset in the arena, in elements per sample; -1 for a caller-owned model input. */
        public long offset() {
            return offset;
        }

        boolean overlapsInTime(Group other) {
            return firstStep <= other.lastStep && other.firstStep <= lastStep;
        }
    }

    private final List<PlanStep> steps;
    private final Map<String, PlanValue> values;
    private final Map<String, Group> groupOf;
    private final Set<String> inPlaceSteps;
    private final Map<String, String> inPlaceInput;
    private final Set<String> mutableSteps;
    private final Map<PlanValue.Arena, Long> peak;
    private final Map<PlanValue.Arena, Long> unshared;

    private BufferPlan(List<PlanStep> steps, Map<String, PlanValue> values, Map<String, Group> groupOf,
                       Set<String> inPlaceSteps, Map<String, String> inPlaceInput, Set<String> mutableSteps,
                       Map<PlanValue.Arena, Long> peak, Map<PlanValue.Arena, Long> unshared) {
        this.steps = steps;
        this.values = values;
        this.groupOf = groupOf;
        this.inPlaceSteps = inPlaceSteps;
        this.inPlaceInput = inPlaceInput;
        this.mutableSteps = mutableSteps;
        this.peak = peak;
        this.unshared = unshared;
    }

    /**
     * Plans storage for {@code steps}, given in a topological order.
     *
     * @param values       every value the steps read or write, model inputs included
     * @param steps        the layers in execution order
     * @param modelOutputs values the caller receives (copied out after the last step)
     */
    public static BufferPlan build(List<PlanValue> values, List<PlanStep> steps, List<String> modelOutputs) {
        Map<String, PlanValue> byName = new LinkedHashMap<>();
        for (PlanValue v : values) {
            if (byName.put(v.name(), v) != null) {
                throw new IllegalArgumentException("value " + v.name() + " is declared twice");
            }
        }
        int end = steps.size();
        Map<String, Integer> lastRead = new HashMap<>();
        Map<String, Integer> producedAt = new HashMap<>();
        Map<String, PlanStep> producer = new HashMap<>();
        for (PlanValue v : values) {
            if (v.modelInput()) {
                producedAt.put(v.name(), -1);
            }
        }
        for (int s = 0; s < steps.size(); s++) {
            PlanStep step = steps.get(s);
            for (String in : step.inputs()) {
                requireKnown(byName, in, step);
                if (!producedAt.containsKey(in)) {
                    throw new IllegalArgumentException(step.name() + " reads " + in + " before it is written");
                }
                lastRead.put(in, s);
            }
            for (String out : step.outputs()) {
                PlanValue v = requireKnown(byName, out, step);
                if (v.modelInput() || producedAt.containsKey(out)) {
                    throw new IllegalArgumentException(step.name() + " writes " + out + ", which is already written");
                }
                producedAt.put(out, s);
                producer.put(out, step);
            }
        }
        Set<String> outputs = new LinkedHashSet<>(modelOutputs);
        for (String out : outputs) {
            requireKnown(byName, out, null);
            if (!producedAt.containsKey(out)) {
                throw new IllegalArgumentException("model output " + out + " is never written");
            }
            lastRead.put(out, end);
        }

        Map<String, Group> groupOf = new LinkedHashMap<>();
        for (PlanValue v : values) {
            if (v.modelInput()) {
                Group g = new Group(v.name(), v.arena(), -1);
                join(g, v, groupOf, lastRead);
            }
        }
        Set<String> inPlace = new LinkedHashSet<>();
        Map<String, String> inPlaceInput = new HashMap<>();
        Set<String> mutable = new LinkedHashSet<>();
        for (int s = 0; s < steps.size(); s++) {
            PlanStep step = steps.get(s);
            String out = step.outputs().get(0);
            Group shared = switch (step.access()) {
                case ALIAS -> {
                    String in = step.inputs().get(0);
                    requireSameArena(byName.get(in), byName.get(out), step);
                    yield groupOf.get(in);
                }
                case IN_PLACE_FIRST, IN_PLACE_ANY -> {
                    List<String> candidates = step.access() == PlanStep.Access.IN_PLACE_FIRST
                            ? step.inputs().subList(0, 1) : step.inputs();
                    for (String in : candidates) {
                        if (mayOverwrite(in, s, byName.get(out), byName, groupOf, lastRead)) {
                            inPlace.add(step.name());
                            inPlaceInput.put(step.name(), in);
                            markMutable(in, producer, mutable);
                            yield groupOf.get(in);
                        }
                    }
                    yield null;
                }
                case FRESH -> null;
            };
            for (String o : step.outputs()) {
                PlanValue v = byName.get(o);
                Group g = shared != null ? shared : new Group(o, v.arena(), s);
                join(g, v, groupOf, lastRead);
            }
        }
        for (Map.Entry<String, Integer> read : lastRead.entrySet()) {
            Group g = groupOf.get(read.getKey());
            g.lastStep = Math.max(g.lastStep, read.getValue());
        }

        Map<PlanValue.Arena, Long> peak = new LinkedHashMap<>();
        Map<PlanValue.Arena, Long> unshared = new LinkedHashMap<>();
        for (PlanValue.Arena arena : PlanValue.Arena.values()) {
            List<Group> groups = new ArrayList<>(new LinkedHashSet<>(groupOf.values()));
            groups.removeIf(g -> g.arena != arena || g.firstStep < 0);
            peak.put(arena, place(groups));
            long sum = 0;
            for (PlanStep step : steps) {
                if (step.access() == PlanStep.Access.ALIAS) {
                    continue;
                }
                for (String o : step.outputs()) {
                    if (byName.get(o).arena() == arena) {
                        sum += byName.get(o).floatsPerSample();
                    }
                }
            }
            unshared.put(arena, sum);
        }
        return new BufferPlan(List.copyOf(steps), byName, groupOf, inPlace, inPlaceInput, mutable, peak, unshared);
    }

    private static boolean mayOverwrite(String in, int step, PlanValue out, Map<String, PlanValue> byName,
                                        Map<String, Group> groupOf, Map<String, Integer> lastRead) {
        PlanValue input = byName.get(in);
        Group g = groupOf.get(in);
        if (g.firstStep < 0 || input.arena() != out.arena() || input.floatsPerSample() != out.floatsPerSample()
                || input.batched() != out.batched() || g.size != out.floatsPerSample()) {
            return false; // caller-owned, or a different shape of storage
        }
        return g.latestRead <= step; // else read later (or a model output, read at the end)
    }

    private static void markMutable(String value, Map<String, PlanStep> producer, Set<String> mutable) {
        PlanStep p = producer.get(value);
        while (p != null) {
            mutable.add(p.name());
            p = p.access() == PlanStep.Access.ALIAS ? producer.get(p.inputs().get(0)) : null;
        }
    }

    private static void join(Group g, PlanValue v, Map<String, Group> groupOf, Map<String, Integer> lastRead) {
        g.members.add(v.name());
        g.latestRead = Math.max(g.latestRead, lastRead.getOrDefault(v.name(), g.firstStep));
        g.size = Math.max(g.size, v.floatsPerSample());
        groupOf.put(v.name(), g);
    }

    /**
     * Greedy best-fit by size over lifetimes; returns the peak (elements per sample). Placed groups
     * are indexed by first step, so finding those live beside a group looks only at the ones that
     * start within the longest lifetime placed so far before it: linear in the layers for the short
     * lifetimes of a forward pass, not quadratic.
     */
    private static long place(List<Group> groups) {
        groups.sort(Comparator.comparingLong((Group g) -> -g.size)
                .thenComparingInt(g -> g.firstStep)
                .thenComparing(g -> g.root));
        TreeMap<Integer, List<Group>> placedByFirstStep = new TreeMap<>();
        int longestLifetime = 0;
        long peak = 0;
        for (Group g : groups) {
            List<Group> live = new ArrayList<>();
            for (List<Group> starting : placedByFirstStep.subMap(g.firstStep - longestLifetime, true, g.lastStep, true)
                    .values()) {
                for (Group p : starting) {
                    if (p.overlapsInTime(g)) {
                        live.add(p);
                    }
                }
            }
            live.sort(Comparator.comparingLong((Group p) -> p.offset).thenComparing(p -> p.root));
            long bestOffset = -1;
            long bestGap = Long.MAX_VALUE;
            long cursor = 0;
            for (Group p : live) {
                long gap = p.offset - cursor;
                if (gap >= g.size && gap < bestGap) {
                    bestGap = gap;
                    bestOffset = cursor;
                }
                cursor = Math.max(cursor, p.offset + p.size);
            }
            g.offset = bestOffset >= 0 ? bestOffset : cursor;
            peak = Math.max(peak, g.offset + g.size);
            placedByFirstStep.computeIfAbsent(g.firstStep, k -> new ArrayList<>()).add(g);
            longestLifetime = Math.max(longestLifetime, g.lastStep - g.firstStep);
        }
        return peak;
    }

    private static PlanValue requireKnown(Map<String, PlanValue> byName, String name, PlanStep step) {
        PlanValue v = byName.get(name);
        if (v == null) {
            throw new IllegalArgumentException((step == null ? "model output" : step.name() + " uses")
                    + " undeclared value " + name);
        }
        return v;
    }

    private static void requireSameArena(PlanValue in, PlanValue out, PlanStep step) {
        if (in.arena() != out.arena() || in.floatsPerSample() != out.floatsPerSample() || in.batched() != out.batched()) {
            throw new IllegalArgumentException(step.name() + ": an alias must keep arena and size");
        }
    }

    /** The steps in execution order. */
    public List<PlanStep> steps() {
        return steps;
    }

    /** True when {@code step} writes its output over an input. */
    public boolean inPlace(String step) {
        return inPlaceSteps.contains(step);
    }

    /** The input an in-place step overwrites, or null. */
    public String inPlaceInput(String step) {
        return inPlaceInput.get(step);
    }

    /** True when {@code step}'s output storage is later written by an in-place step. */
    public boolean mutable(String step) {
        return mutableSteps.contains(step);
    }

    /** The storage group holding {@code value}. */
    public Group group(String value) {
        Group g = groupOf.get(value);
        if (g == null) {
            throw new IllegalArgumentException("no value " + value + " in the plan");
        }
        return g;
    }

    /** True when {@code value} lives in (or aliases) a caller-owned model input. */
    public boolean callerOwned(String value) {
        return group(value).firstStep < 0;
    }

    /** Arena offset of {@code value}, in elements per sample; -1 for caller-owned storage. */
    public long offset(String value) {
        return group(value).offset;
    }

    /** The value as declared. */
    public PlanValue value(String name) {
        return values.get(name);
    }

    /** Peak arena size in elements per sample. */
    public long peak(PlanValue.Arena arena) {
        return peak.get(arena);
    }

    /** What the intermediates would take with no sharing at all, in elements per sample. */
    public long unshared(PlanValue.Arena arena) {
        return unshared.get(arena);
    }

    /** Distinct storage groups placed in the arena, in placement order of first use. */
    public List<Group> groups(PlanValue.Arena arena) {
        List<Group> result = new ArrayList<>();
        for (Group g : new LinkedHashSet<>(groupOf.values())) {
            if (g.arena == arena && g.firstStep >= 0) {
                result.add(g);
            }
        }
        return result;
    }
}
