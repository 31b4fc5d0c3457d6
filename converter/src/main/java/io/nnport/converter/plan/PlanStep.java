package io.nnport.converter.plan;

import java.util.List;
import java.util.Objects;

/**
 * One layer as the buffer plan sees it: which values it reads and writes, and what its kernel
 * allows. The plan, not the emitter, decides whether the layer actually runs in place.
 *
 * @param name     the layer's name, for messages and the report
 * @param inputs   values read (model inputs or earlier outputs); weights are not listed
 * @param outputs  values written (usually one)
 * @param access   how the kernel may share storage between its input and output
 */
public record PlanStep(String name, List<String> inputs, List<String> outputs, Access access) {

    /** What the layer's kernel permits; a trait of the layer kind. */
    public enum Access {
        /** Output gets fresh storage. */
        FRESH,
        /** The kernel may write its output over its first input (same size). */
        IN_PLACE_FIRST,
        /** The kernel may write its output over any one input of the same size (binary ops). */
        IN_PLACE_ANY,
        /** The output is the first input's storage, reinterpreted (reshape): no kernel call, no copy. */
        ALIAS
    }

    public PlanStep {
        Objects.requireNonNull(name, "name");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        Objects.requireNonNull(access, "access");
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException(name + ": a step writes at least one value");
        }
        if (access != Access.FRESH && (inputs.isEmpty() || outputs.size() != 1)) {
            throw new IllegalArgumentException(name + ": " + access + " needs an input and exactly one output");
        }
    }

    public static PlanStep of(String name, Access access, List<String> inputs, String output) {
        return new PlanStep(name, inputs, List.of(output), access);
    }
}
