package io.nnport.converter.codegen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Places the layers' fragments into methods and classes under the JVM's limits, from the
 * {@link ClassFileCost} estimates, before javac runs:
 *
 * <ul>
 *   <li>{@link Shape#ONE_METHOD}: the whole forward pass in {@code predict}, when its estimate is at
 *       most {@value #METHOD_BYTES} bytes, so a small model reads as one forward pass;</li>
 *   <li>{@link Shape#METHODS}: runs of consecutive layers in methods of the model class
 *       ({@code layers0}, {@code layers1}, ...), each at most {@value #METHOD_BYTES} bytes, when the
 *       model class holds every field and constant;</li>
 *   <li>{@link Shape#CLASSES}: runs of methods in package-private classes next to the model class,
 *       each holding the fields of its layers, the offset constants they name and at most
 *       {@value #CLASS_CONSTANTS} constant-pool entries (of the 65,535 a class may have).</li>
 * </ul>
 *
 * <p>{@value #METHOD_BYTES} bytes is HotSpot's {@code HugeMethodLimit}: larger methods are never
 * compiled. Since the estimates are upper bounds, a method the layout accepts is far inside the
 * 65,535 bytes a method may hold; a layer whose own statements or loading code could exceed it, or a
 * model whose {@code predict} could not call all its parts, is refused with one line.
 */
final class ClassLayout {

    /** Target size of a method of layers (HotSpot's HugeMethodLimit). */
    static final int METHOD_BYTES = 8_000;
    /** The most bytecode a method may hold, less room for its own prologue. */
    static final int MAX_METHOD_BYTES = 65_535 - 1_535;
    /** Constant-pool entries a class of layers may fill, less room for its own names and members. */
    static final int CLASS_CONSTANTS = 65_535 - 5_535;
    /** Bytecode and constants of one method of layers besides its layers (prologue, name, descriptor, call). */
    private static final ClassFileCost.Cost METHOD_OVERHEAD = new ClassFileCost.Cost(64, 12);
    /** Constants of one offset constant (name, value). */
    private static final int OFFSET_CONSTANTS = 3;

    /** Where the layers go. */
    enum Shape { ONE_METHOD, METHODS, CLASSES }

    /** A method of consecutive layers, numbered from 0 across the model. */
    record Segment(int number, List<LayerFragment> fragments) {}

    /** A class's share of the layers, in order. */
    record Part(List<Segment> segments) {

        List<LayerFragment> fragments() {
            List<LayerFragment> all = new ArrayList<>();
            segments.forEach(s -> all.addAll(s.fragments()));
            return all;
        }
    }

    /** The layout: one part for {@link Shape#ONE_METHOD} and {@link Shape#METHODS}, several for {@link Shape#CLASSES}. */
    record Layout(Shape shape, List<Part> parts) {}

    private ClassLayout() {}

    /** Places {@code fragments}, in order, for a model whose methods of layers take {@code inputs} model inputs. */
    static Layout of(List<LayerFragment> fragments, int inputs) {
        List<Costed> costed = new ArrayList<>(fragments.size());
        for (LayerFragment f : fragments) {
            Costed c = new Costed(f, f.callCost(), f.loadCost(), f.scratchCost());
            if (c.call.bytecode() > MAX_METHOD_BYTES || c.load.bytecode() > MAX_METHOD_BYTES
                    || c.constants() > CLASS_CONSTANTS) {
                throw new UnsupportedLayerException("layer " + f.node().name() + " is too large for a Java class"
                        + String.format(Locale.ROOT, " (about %,d bytes of bytecode per call, %,d to load, %,d constants;"
                                + " a method holds %,d bytes and a class %,d constants)", c.call.bytecode(),
                        c.load.bytecode(), c.constants(), MAX_METHOD_BYTES, CLASS_CONSTANTS));
            }
            costed.add(c);
        }
        Accumulator whole = new Accumulator();
        long callBytes = 0;
        for (Costed c : costed) {
            whole.add(c);
            callBytes += c.call.bytecode();
        }
        if (whole.fits()) {
            if (callBytes <= METHOD_BYTES) {
                return new Layout(Shape.ONE_METHOD, List.of(new Part(List.of(new Segment(0, List.copyOf(fragments))))));
            }
            return new Layout(Shape.METHODS, List.of(new Part(segments(costed, new int[1]))));
        }
        List<Part> parts = new ArrayList<>();
        int[] nextSegment = new int[1];
        Accumulator part = new Accumulator();
        List<Costed> members = new ArrayList<>();
        for (Costed c : costed) {
            if (!members.isEmpty() && !part.fitsWith(c)) {
                parts.add(new Part(segments(members, nextSegment)));
                members = new ArrayList<>();
                part = new Accumulator();
            }
            part.add(c);
            members.add(c);
        }
        if (!members.isEmpty()) {
            parts.add(new Part(segments(members, nextSegment)));
        }
        // predict calls every method of layers through its part's field: aload_0, getfield, ws, batch,
        // the inputs (at most two bytes each), invokevirtual.
        long predictBytes = nextSegment[0] * (12L + 2L * inputs);
        long modelConstants = nextSegment[0] * 8L + parts.size() * 12L;
        if (predictBytes > MAX_METHOD_BYTES || modelConstants > CLASS_CONSTANTS) {
            throw new UnsupportedLayerException(String.format(Locale.ROOT, "the model is too large for Java classes: "
                    + "%,d layers need %,d methods in %,d classes, more than one predict method can call",
                    fragments.size(), nextSegment[0], parts.size()));
        }
        return new Layout(Shape.CLASSES, parts);
    }

    private static List<Segment> segments(List<Costed> members, int[] nextSegment) {
        List<Segment> segments = new ArrayList<>();
        List<LayerFragment> run = new ArrayList<>();
        long bytes = 0;
        for (Costed c : members) {
            if (!run.isEmpty() && bytes + c.call.bytecode() > METHOD_BYTES) {
                segments.add(new Segment(nextSegment[0]++, run));
                run = new ArrayList<>();
                bytes = 0;
            }
            run.add(c.fragment);
            bytes += c.call.bytecode();
        }
        if (!run.isEmpty()) {
            segments.add(new Segment(nextSegment[0]++, run));
        }
        return segments;
    }

    private record Costed(LayerFragment fragment, ClassFileCost.Cost call, ClassFileCost.Cost load,
                          ClassFileCost.Cost scratch) {

        long constants() {
            return call.constants() + load.constants() + scratch.constants()
                    + (long) OFFSET_CONSTANTS * fragment.offsets().size();
        }
    }

    /** What one class holds so far: its load code, scratch method, constants and layer methods. */
    private static final class Accumulator {
        private long loadBytes;
        private long scratchBytes;
        private long constants;
        private long segmentBytes = -1;
        private final Set<String> offsets = new HashSet<>();
        private final Set<LayerFragment> sharedConstants = Collections.newSetFromMap(new IdentityHashMap<>());

        boolean fits() {
            return fits(loadBytes, scratchBytes, constants);
        }

        /** Whether the class still fits with {@code c} added; changes nothing. */
        boolean fitsWith(Costed c) {
            long load = loadBytes + c.load.bytecode();
            long more = c.call.constants() + c.load.constants() + c.scratch.constants();
            for (String offset : c.fragment.offsets()) {
                more += offsets.contains(offset) ? 0 : OFFSET_CONSTANTS;
            }
            for (LayerFragment shared : c.fragment.constantsRead()) {
                if (!sharedConstants.contains(shared)) {
                    ClassFileCost.Cost cost = shared.loadCost();
                    load += cost.bytecode();
                    more += cost.constants();
                }
            }
            if (startsMethod(c)) {
                more += METHOD_OVERHEAD.constants();
            }
            return fits(load, scratchBytes + c.scratch.bytecode(), constants + more);
        }

        void add(Costed c) {
            loadBytes += c.load.bytecode();
            scratchBytes += c.scratch.bytecode();
            constants += c.call.constants() + c.load.constants() + c.scratch.constants();
            for (String offset : c.fragment.offsets()) {
                constants += offsets.add(offset) ? OFFSET_CONSTANTS : 0;
            }
            for (LayerFragment shared : c.fragment.constantsRead()) {
                if (sharedConstants.add(shared)) {
                    ClassFileCost.Cost cost = shared.loadCost();
                    loadBytes += cost.bytecode();
                    constants += cost.constants();
                }
            }
            if (startsMethod(c)) {
                constants += METHOD_OVERHEAD.constants();
                segmentBytes = 0;
            }
            segmentBytes += c.call.bytecode();
        }

        private boolean startsMethod(Costed c) {
            return segmentBytes < 0 || segmentBytes + c.call.bytecode() > METHOD_BYTES;
        }

        private static boolean fits(long load, long scratch, long constants) {
            return constants <= CLASS_CONSTANTS && load <= MAX_METHOD_BYTES && scratch <= MAX_METHOD_BYTES;
        }
    }
}
