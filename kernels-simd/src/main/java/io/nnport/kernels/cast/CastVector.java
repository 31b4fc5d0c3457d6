package io.nnport.kernels.cast;

import static io.nnport.kernels.vector.Species.F;
import static io.nnport.kernels.vector.Species.LANES;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.LT;
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
    /** 2^23: below it |x| + 2^23 rounds |x| to an integer exactly (float spacing 1 in [2^23, 2^24)). */
    private static final float EXACT_BELOW = 0x1p23f;
    private static final int EXACT_BELOW_BITS = Float.floatToRawIntBits(EXACT_BELOW);

    private CastVector() {}

    /**
     * Truncation without the F2I conversion, which JDK 17 does not intrinsify (its fallback allocates
     * a few objects per vector): for |x| &lt; 2^23, s = |x| + 2^23 lies in [2^23, 2^24), where floats
     * are the integers, so s is |x| rounded and, lowered by 1 where that rounded up, |x| truncated;
     * its bits minus those of 2^23 are that integer. The sign is applied to the int. A vector holding
     * a larger value, an infinity or NaN (rare in a model: ids and counts are small) runs Java's cast
     * lane by lane instead.
     */
    static void floatToInt(float[] src, int srcOff, int[] dst, int dstOff, int n) {
        int upper = F.loopBound(n);
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            FloatVector magnitude = x.abs();
            if (!magnitude.compare(LT, EXACT_BELOW).allTrue()) {
                CastScalar.floatToInt(src, srcOff + i, dst, dstOff + i, LANES);
                continue;
            }
            FloatVector s = magnitude.add(EXACT_BELOW);
            s = s.blend(s.sub(1f), s.sub(EXACT_BELOW).compare(GT, magnitude));
            IntVector truncated = s.reinterpretAsInts().sub(EXACT_BELOW_BITS);
            truncated.blend(truncated.neg(), x.compare(LT, 0f).cast(I)).intoArray(dst, dstOff + i);
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
