package io.nnport.ir.layers;

/**
 * What may be assumed about a layer kind, asked instead of lists of kinds. The converter's buffer
 * planner reads {@link #inPlace} and {@link #alias}; {@link #elementwise}, {@link #preservesZero}
 * and {@link #exact} describe the kind for passes and tolerance choices, and TraitsTest holds every
 * kind's reference evaluation to them.
 *
 * @param elementwise   output element i depends only on input element i (after broadcasting) and
 *                      per-channel constants: fusable as an epilogue, splittable anywhere
 * @param inPlace       which input, if any, the output may overwrite (same size and dtype); the
 *                      planner decides whether it actually does
 * @param alias         the output is input 0's storage reinterpreted (reshape): no kernel call, no copy
 * @param preservesZero an all-zero input gives an all-zero output (zero padding commutes with it)
 * @param exact         no rounding: every output is an input value, its sign flipped, a clamp limit or
 *                      the input rounded to an integer (copies, max, ReLU, floor), so any correct
 *                      implementation matches the reference bit for bit (EXACT tolerance tier)
 */
public record Traits(boolean elementwise, InPlace inPlace, boolean alias, boolean preservesZero, boolean exact) {

    /** Which input a layer's output may overwrite. */
    public enum InPlace {
        /** Fresh output storage (the kernel reads its inputs while writing elsewhere). */
        NONE,
        /** The output may overwrite input 0 when they have the same size. */
        FIRST,
        /** The output may overwrite any input of the same size (commutative binary ops, AddN). */
        ANY_SAME_SHAPE
    }

    /** A layer that computes into fresh storage and rounds. */
    static Traits computing() {
        return new Traits(false, InPlace.NONE, false, false, false);
    }

    /** A layer that moves or selects elements into fresh storage, without rounding. */
    static Traits copying(boolean preservesZero) {
        return new Traits(false, InPlace.NONE, false, preservesZero, true);
    }
}
