package io.nnport.kernels.cast;

import io.nnport.kernels.Dims;
import io.nnport.kernels.Simd;

/**
 * TensorFlow's {@code Cast} between float32, int32 and bool (held as int 0/1), over {@code n}
 * contiguous elements: {@code dst[dstOff + i] = cast(src[srcOff + i])}.
 *
 * <pre>
 *   floatToInt   truncation toward zero: 2.7 -&gt; 2, -2.7 -&gt; -2 (TF's static_cast)
 *                NaN -&gt; 0, |x| &gt;= 2^31 -&gt; Integer.MAX_VALUE / MIN_VALUE (Java's cast; see below)
 *   intToFloat   round to nearest even: 16777217 -&gt; 16777216f
 *   floatToBool  x != 0 -&gt; 1, else 0: -0 -&gt; 0, NaN -&gt; 1 (C++'s bool conversion, which TF uses)
 *   intToBool    x != 0 -&gt; 1, else 0
 * </pre>
 *
 * <p>Out of range: TensorFlow's float-to-int cast is C++ undefined behaviour for NaN and for values
 * outside the int range (on x86 it gives {@code Integer.MIN_VALUE} for all of them). We return Java's
 * saturating values instead, the same on every platform, vector and scalar alike.
 *
 * <p>The arrays differ in type, so only {@link #intToBool} can run in place
 * ({@code src == dst && srcOff == dstOff}); no other overlap. Vector ({@link Simd#VECTOR}) and scalar
 * ({@link CastScalar}) agree bit for bit. Allocates nothing.
 */
public final class Cast {

    private Cast() {}

    /** float32 to int32, truncating toward zero; see the class table. */
    public static void floatToInt(float[] src, int srcOff, int[] dst, int dstOff, int n) {
        Dims.checkRange(src, srcOff, n, "cast src");
        Dims.checkRange(dst, dstOff, n, "cast dst");
        if (Simd.VECTOR) {
            CastVector.floatToInt(src, srcOff, dst, dstOff, n);
        } else {
            CastScalar.floatToInt(src, srcOff, dst, dstOff, n);
        }
    }

    /** int32 to float32, rounding to nearest even above 2^24. */
    public static void intToFloat(int[] src, int srcOff, float[] dst, int dstOff, int n) {
        Dims.checkRange(src, srcOff, n, "cast src");
        Dims.checkRange(dst, dstOff, n, "cast dst");
        if (Simd.VECTOR) {
            CastVector.intToFloat(src, srcOff, dst, dstOff, n);
        } else {
            CastScalar.intToFloat(src, srcOff, dst, dstOff, n);
        }
    }

    /** float32 to bool as int: 1 where {@code x != 0} (NaN included), 0 for +0 and -0. */
    public static void floatToBool(float[] src, int srcOff, int[] dst, int dstOff, int n) {
        Dims.checkRange(src, srcOff, n, "cast src");
        Dims.checkRange(dst, dstOff, n, "cast dst");
        if (Simd.VECTOR) {
            CastVector.floatToBool(src, srcOff, dst, dstOff, n);
        } else {
            CastScalar.floatToBool(src, srcOff, dst, dstOff, n);
        }
    }

    /** int32 to bool as int: 1 where {@code x != 0}, else 0. In place allowed. */
    public static void intToBool(int[] src, int srcOff, int[] dst, int dstOff, int n) {
        Dims.checkRange(src, srcOff, n, "cast src");
        Dims.checkRange(dst, dstOff, n, "cast dst");
        if (Simd.VECTOR) {
            CastVector.intToBool(src, srcOff, dst, dstOff, n);
        } else {
            CastScalar.intToBool(src, srcOff, dst, dstOff, n);
        }
    }
}
