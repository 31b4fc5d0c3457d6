package io.nnport.kernels.vector;

import io.nnport.kernels.Simd;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one float species every vector kernel uses, fixed at class initialisation: the machine's
 * preferred species, capped by {@link Simd#MAX_BITS}. A {@code static final} field, so the JIT sees
 * a constant and intrinsifies every vector operation; never pass a species around at run time.
 *
 * <p>Only loaded when {@link Simd#VECTOR} is true.
 */
public final class Species {

    /** The float species of all vector kernels. */
    public static final VectorSpecies<Float> F = choose();

    /** {@code F.length()}: floats per vector. */
    public static final int LANES = F.length();

    /** {@code F.vectorBitSize()}. */
    public static final int BITS = F.vectorBitSize();

    private Species() {}

    private static VectorSpecies<Float> choose() {
        VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
        if (Simd.MAX_BITS == 0 || preferred.vectorBitSize() <= Simd.MAX_BITS) {
            return preferred;
        }
        return switch (Simd.MAX_BITS) {
            case 128 -> FloatVector.SPECIES_128;
            case 256 -> FloatVector.SPECIES_256;
            default -> FloatVector.SPECIES_512;
        };
    }
}
