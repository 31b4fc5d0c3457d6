package io.nnport.converter.plan;

import java.util.Objects;

/**
 * A tensor the buffer plan places: a model input (owned by the caller) or a layer's output.
 * Weights are not values here; they live in fields and are never written.
 *
 * @param name             unique name (the TensorFlow tensor name is a good choice)
 * @param floatsPerSample  elements per batch sample; for a tensor without a batch dimension, its
 *                         total size (the arena is sized per sample, so this only over-reserves)
 * @param arena            which typed arena holds it
 * @param modelInput       true for a caller-owned model input: never written, never placed
 */
public record PlanValue(String name, long floatsPerSample, Arena arena, boolean modelInput) {

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
        return new PlanValue(name, perSample, arena, true);
    }

    public static PlanValue intermediate(String name, long perSample, Arena arena) {
        return new PlanValue(name, perSample, arena, false);
    }
}
