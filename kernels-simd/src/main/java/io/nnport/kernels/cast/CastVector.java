package io.nnport.kernels.cast;

import static io.nnport.kernels.vector.Species.F;
import static io.nnport.kernels.vector.Species.LANES;
import static jdk.incubator.vector.VectorOperators.F2I;
import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.NE;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector twin of {@link CastScalar}, on {@link io.nnport.kernels.vector.Species#F} and the int
 * species of the same shape (as many lanes). Only loaded when {@code Simd.VECTOR}.
 */
final class CastVector {

    private static final VectorSpecies<Integer> I = F.withLanes(int.class);

    private CastVector() {}

    /** F2I converts as Java's cast does (NaN to 0, saturating), as the Vector API specifies. */
    static void floatToInt(float[] src, int srcOff, int[] dst, int dstOff, int n) {
        int upper = F.loopBound(n);
        for (int i = 0; i < upper; i += LANES) {
            ((IntVector) FloatVector.fromArray(F, src, srcOff + i).convert(F2I, 0)).intoArray(dst, dstOff + i);
        }
        CastScalar.floatToInt(src, srcOff + upper, dst, dstOff + upper, n - upper);
    }

    static void intToFloat(int[] src, int srcOff, float[] dst, int dstOff, int n) {
        int upper = F.loopBound(n);
        for (int i = 0; i < upper; i += LANES) {
            ((FloatVector) IntVector.fromArray(I, src, srcOff + i).convert(I2F, 0)).intoArray(dst, dstOff + i);
        }
        CastScalar.intToFloat(src, srcOff + upper, dst, dstOff + upper, n - upper);
    }

    static void floatToBool(float[] src, int srcOff, int[] dst, int dstOff, int n) {
        int upper = F.loopBound(n);
        IntVector zero = IntVector.zero(I);
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            zero.blend(1, x.compare(NE, 0f).cast(I)).intoArray(dst, dstOff + i);
        }
        CastScalar.floatToBool(src, srcOff + upper, dst, dstOff + upper, n - upper);
    }

    static void intToBool(int[] src, int srcOff, int[] dst, int dstOff, int n) {
        int upper = F.loopBound(n);
        IntVector zero = IntVector.zero(I);
        for (int i = 0; i < upper; i += LANES) {
            IntVector x = IntVector.fromArray(I, src, srcOff + i);
            zero.blend(1, x.compare(NE, 0)).intoArray(dst, dstOff + i);
        }
        CastScalar.intToBool(src, srcOff + upper, dst, dstOff + upper, n - upper);
    }
}
