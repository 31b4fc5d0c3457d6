package io.nnport.converter.plan;

import java.util.Objects;

/**
 * A tensor the buffer plan places: a model input (owned by the caller) or a layer's output.
 * Weights are not values here; they live in fields and are never written.
 *
 * @param name             unique name (the layer graph's value name is a good choice)
 * @param floatsPerSample  elements per batch sample; for a tensor without a batch dimension, its
 *                         total size (the arena is sized per sample, so this only over-reserves)
 * @param arena            which typed arena holds it
 * @param modelInput       true for a caller-owned model input: never written, never placed
 * @param batched          true when the value has the batch dimension; only values alike in this
 *                         share storage through an in-place layer (a fixed-size value's slot holds
 *                         just one copy of it, not one per sample)
 */
public record PlanValue(String name, long floatsPerSample, Arena arena, boolean modelInput, boolean batched) {

    /** Separate arenas for float and int tensors: one plan each. */
    public enum Arena { FLOAT, INT }

    public PlanValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arena, "arena");
        if (floatsPerSample < 0) {
            throw new IllegalArgumentException(name + ": negative size " + floatsPerSample);
        }
    }

    public static PlanValue input(String name, long perSample, Arena arena) {
        return new PlanValue(name, perSample, arena, true, true);
    }

    public static PlanValue intermediate(String name, long perSample, Arena arena) {
        return new PlanValue(name, perSample, arena, false, true);
    }

    /** This value marked as having no batch dimension. */
    public PlanValue unbatched() {
        return new PlanValue(name, floatsPerSample, arena, modelInput, false);
    }
}
