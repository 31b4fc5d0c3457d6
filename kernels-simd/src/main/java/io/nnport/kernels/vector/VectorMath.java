package io.nnport.kernels.vector;

import static jdk.incubator.vector.VectorOperators.ABS;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.NE;
import static jdk.incubator.vector.VectorOperators.NEG;
import static jdk.incubator.vector.VectorOperators.SQRT;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.Erf;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector form of every {@link Activation}, lane by lane, on {@link Species#F}, and of
 * {@link Epilogue}. Used by the elementwise kernels, softmax, depthwise convolution and the
 * GEMM/convolution epilogue while the tile is in registers. Each case agrees with
 * {@link Activation#apply(float, float)}: bit for bit where the activation
 * {@link Activation#isExact() is exact} (and for SOFTSIGN, HARD_SIGMOID, SQRT, SQUARE, whose float
 * operations are the reference's), within a few ulps otherwise (bounds in {@code ActivationBounds},
 * checked by {@code ActivationAccuracyTest}).
 *
 * <h2>Why our own exp</h2>
 * The transcendental functions are built on one polynomial {@link #exp} (and {@code expm1}), not on
 * the Vector API's {@code lanewise(EXP/TANH/EXPM1/LOG1P)}. Measured on this AVX-512 machine, 4096
 * floats in L1, one core, ns per float (own / SVML-backed lanewise):
 * <pre>
 *                 exp           tanh
 *   JDK 17, 512   0.21 / 0.29   0.37 / 0.40
 *   JDK 17, 256   0.27 / 0.35   0.53 / 1.38
 *   JDK 25, 512   0.22 / 0.19   0.32 / 0.37
 *   JDK 25, 256   0.24 / 0.38   0.41 / 1.43
 * </pre>
 * More important, those intrinsics exist only where the JDK ships SVML (x86-64 Linux and Windows);
 * elsewhere (macOS, AArch64 before JDK 25) they fall back to a per-lane {@code Math} call, an order
 * of magnitude slower. Plain fma/mul/add/blend are fast on every platform.
 *
 * <h2>Keeping vectors in registers</h2>
 * A FloatVector lives in a register only while every method it passes through is inlined. So these
 * functions call few helpers of their own, each well under C2's 325-bytecode limit for a hot
 * method, and kernels call them from small loop methods (a large compilation stops inlining
 * non-JDK methods at a fixed node budget, and each call left out boxes its vectors).
 *
 * <h2>Accuracy (float32 reference in double, measured over dense sweeps incl. |x| up to 100)</h2>
 * exp 1 ulp (subnormal results included, every float in [-100, 100] checked); sigmoid, swish,
 * tanh, ELU, SELU, softplus 2 to 4 ulps; GELU within 1e-6 relative plus 1e-6 absolute, because its
 * reference formulas cancel for large negative x and the erf form is itself only accurate to
 * 1.5e-7 absolute ({@link Erf}).
 */
public final class VectorMath {

    private static final float LOG2E = 1.44269504088896341f;
    // ln 2 split so that n * LN2_HI is exact for |n| < 2^15 (Cody and Waite, as in Cephes expf).
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float LN2 = 0.6931471805599453f;
    /**
     * 1.5 * 2^23: adding it to |y| < 2^22 rounds y to an integer n held in the low mantissa bits,
     * so both n (as a float, after subtracting it again) and n's bits (to build 2^n) come from one
     * add; the Vector API of JDK 17 has no float rounding operation.
     */
    private static final float ROUND_MAGIC = 12582912f;
    private static final int ROUND_MAGIC_BITS = Float.floatToRawIntBits(ROUND_MAGIC);
    /**
     * Inputs for which 2^n built straight into the exponent field is a normal float and p * 2^n
     * neither overflows nor underflows: n = round(x log2 e) stays within [-124, 127].
     */
    private static final float EXP_FAST_MIN = -86f;
    private static final float EXP_FAST_MAX = 88f;
    /** exp underflows to +0 below this (half the smallest denormal) and overflows to inf above 89. */
    private static final float EXP_ZERO_BELOW = -104f;
    private static final float EXP_INF_ABOVE = 89f;
    /** The exponent offset of exp's wide path: keeps 2^(n +- 64) normal for every clamped n. */
    private static final float EXP_SHIFT = 64f;
    // Cephes expf: e^r = 1 + r + r^2 P(r) on |r| <= ln2/2, relative error 1.7e-7 before rounding.
    private static final float EXP_P0 = 1.9875691500E-4f;
    private static final float EXP_P1 = 1.3981999507E-3f;
    private static final float EXP_P2 = 8.3334519073E-3f;
    private static final float EXP_P3 = 4.1665795894E-2f;
    private static final float EXP_P4 = 1.6666665459E-1f;
    private static final float EXP_P5 = 5.0000001201E-1f;
    /** Below this expm1(x) == -1 in float (e^x is under half an ulp of 1). */
    private static final float EXPM1_MIN = -30f;
    private static final float SQRT2 = 1.41421356f;
    /** From 2^23 up every float is an integer: floor and ceil pass it through (as they do NaN). */
    private static final float INTEGRAL_FROM = 0x1p23f;
    /** Scales a subnormal into the normal range before log reads its exponent field. */
    private static final float TWO_23 = 0x1p23f;
    /** log splits x = 2^k m at sqrt(1/2), so that m - 1 lies in [-0.29, 0.41). */
    private static final int SQRT_HALF_BITS = Float.floatToRawIntBits(0.70710678f);
    // Cephes logf: log(1 + f) = f - f^2/2 + f^3 P(f) on [sqrt(1/2) - 1, sqrt(2) - 1].
    private static final float LOG_P0 = 7.0376836292E-2f;
    private static final float LOG_P1 = -1.1514610310E-1f;
    private static final float LOG_P2 = 1.1676998740E-1f;
    private static final float LOG_P3 = -1.2420140846E-1f;
    private static final float LOG_P4 = 1.4249322787E-1f;
    private static final float LOG_P5 = -1.6668057665E-1f;
    private static final float LOG_P6 = 2.0000714765E-1f;
    private static final float LOG_P7 = -2.4999993993E-1f;
    private static final float LOG_P8 = 3.3333331174E-1f;

    /**
     * The int species of {@link Species#F}'s shape. Bit casts go through {@code reinterpretShape} with
     * this constant rather than {@code reinterpretAsInts()/reinterpretAsFloats()}: those look the
     * target species up at run time, and when C2 cannot fold that lookup (it depends on what has run
     * before the compilation) the cast is not intrinsified and allocates, on JDK 17.
     */
    private static final VectorSpecies<Integer> INTS = Species.F.withLanes(int.class);

    private VectorMath() {}

    /**
     * {@code activation} applied to every lane of {@code x}; {@code alpha} is LEAKY_RELU's slope.
     *
     * <p>Performance note: a FloatVector stays in registers only while every method it passes through
     * is inlined. C2 inlines each case of this switch by the profile of all its callers, so where
     * several activations share one call site the rarer ones become calls that box every vector
     * (allocating). Call the specific function ({@link #sigmoid}, ...) from a loop of its own, as
     * {@code Elementwise} does, or use this switch where one activation dominates.
     */
    public static FloatVector apply(Activation activation, FloatVector x, float alpha) {
        return switch (activation) {
            case NONE -> x;
            case RELU -> relu(x);
            case RELU6 -> relu6(x);
            case LEAKY_RELU -> leakyRelu(x, alpha);
            case ELU -> elu(x);
            case SELU -> selu(x);
            case SIGMOID -> sigmoid(x);
            case TANH -> tanh(x);
            case SOFTPLUS -> softplus(x);
            case SOFTSIGN -> softsign(x);
            case HARD_SIGMOID -> hardSigmoid(x);
            case SWISH -> swish(x);
            case GELU_TANH -> geluTanh(x);
            case GELU_ERF -> geluErf(x);
            case EXP -> exp(x);
            case NEG -> x.lanewise(NEG);
            case ABS -> x.lanewise(ABS);
            case SQRT -> x.lanewise(SQRT);
            case RSQRT -> rsqrt(x);
            case SQUARE -> x.mul(x);
            case LOG -> log(x);
            case FLOOR -> floor(x);
            case CEIL -> ceil(x);
        };
    }

    /**
     * The affine and clamp steps of {@link Epilogue#apply(float, int)} on the lanes of {@code acc},
     * which hold columns {@code column .. column + LANES - 1}: {@code fma(acc, scale, shift)}, then
     * the clamp; the same bits as the scalar add, mul or fma (see {@link #scaleAt}). The epilogue's
     * activation is left to the caller: see {@link #apply} for why kernels run it as a separate
     * per-activation loop over the block they have just written.
     */
    public static FloatVector affineClamp(Epilogue e, FloatVector acc, int column) {
        return clamp(acc.fma(scaleAt(e, column), shiftAt(e, column)), e.clampMin(), e.clampMax());
    }

    /*
     * Epilogue code is straight-line: a vector live across a branch C2 (17) pruned, or two vectors
     * meeting in a phi, is sometimes boxed on every call (seen: 1.3 KB per mlp prediction in the GEMM
     * epilogue, 28 KB per call in the transposed convolution's). So a branch picks an array, never a
     * vector, and a missing limit is an infinite one, which the clamp leaves alone.
     */
    private static final float[] ONES = filled(1f);
    private static final float[] MINUS_ZEROS = filled(-0f);

    private static float[] filled(float value) {
        float[] values = new float[Species.LANES];
        Arrays.fill(values, value);
        return values;
    }

    /**
     * The epilogue's scale for columns {@code column ..}, or ones when it has none: with the -0 of
     * {@link #shiftAt}, {@code fma(v, 1, -0) == v} and {@code fma(v, s, -0) == v * s} exactly (signed
     * zeros included), and {@code fma(v, 1, t) == v + t}, so one fma gives the scalar reference's bits.
     */
    public static FloatVector scaleAt(Epilogue e, int column) {
        float[] scale = e.scale();
        return FloatVector.fromArray(Species.F, scale == null ? ONES : scale, scale == null ? 0 : column);
    }

    /** The epilogue's shift for columns {@code column ..}, or -0 when it has none (see {@link #scaleAt}). */
    public static FloatVector shiftAt(Epilogue e, int column) {
        float[] shift = e.shift();
        return FloatVector.fromArray(Species.F, shift == null ? MINUS_ZEROS : shift, shift == null ? 0 : column);
    }

    /**
     * {@code x < min ? min : (x > max ? max : x)}: NaN passes through, as in the scalar clamp, and an
     * infinite limit changes nothing, so there is no branch on whether a limit exists.
     */
    public static FloatVector clamp(FloatVector x, float min, float max) {
        FloatVector v = x.blend(min, x.compare(LT, min));
        return v.blend(max, v.compare(GT, max));
    }

    /** {@code x < 0 ? 0 : x}. */
    public static FloatVector relu(FloatVector x) {
        return x.blend(0f, x.compare(LT, 0f));
    }

    /** {@code x < 0 ? 0 : (x > 6 ? 6 : x)}. */
    public static FloatVector relu6(FloatVector x) {
        return x.blend(0f, x.compare(LT, 0f)).blend(6f, x.compare(GT, 6f));
    }

    /** {@code x > 0 ? x : alpha * x}. */
    public static FloatVector leakyRelu(FloatVector x, float alpha) {
        return x.blend(x.mul(alpha), x.compare(GT, 0f).not());
    }

    /** {@code x > 0 ? x : expm1(x)}. */
    public static FloatVector elu(FloatVector x) {
        VectorMask<Float> positive = x.compare(GT, 0f);
        return expm1NonPositive(x.blend(0f, positive)).blend(x, positive);
    }

    /** {@code SELU_SCALE * (x > 0 ? x : SELU_ALPHA * expm1(x))}, multiplied in the reference's order. */
    public static FloatVector selu(FloatVector x) {
        VectorMask<Float> positive = x.compare(GT, 0f);
        return expm1NonPositive(x.blend(0f, positive)).mul(Activation.SELU_ALPHA).blend(x, positive)
                .mul(Activation.SELU_SCALE);
    }

    /** {@code x / (1 + |x|)}. */
    public static FloatVector softsign(FloatVector x) {
        return x.div(x.lanewise(ABS).add(1f));
    }

    /** {@code min(max(0.2 x + 0.5, 0), 1)}, with the reference's two roundings (no fma). */
    public static FloatVector hardSigmoid(FloatVector x) {
        FloatVector y = x.mul(0.2f).add(0.5f);
        return y.blend(0f, y.compare(LT, 0f)).blend(1f, y.compare(GT, 1f));
    }

    /** {@code 1 / sqrt(x)}. */
    public static FloatVector rsqrt(FloatVector x) {
        FloatVector root = x.lanewise(SQRT);
        return root.broadcast(1f).div(root);
    }

    /**
     * e^x for every float: 1 ulp, +inf above 88.72, subnormals below -87.3, +0 below -103.97, NaN for
     * NaN. n = round(x log2 e), r = x - n ln2 (|r| &lt;= ln2/2), e^x = 2^n (1 + r + r^2 P(r)). When
     * every lane is in [-86, 88] (the usual case) n goes straight into p's exponent bits. Otherwise x
     * is clamped to [-104, 89], n + 64 (x &lt; 0) or n - 64 goes into the exponent, where both stay
     * normal, and one multiplication by 2^-64 or 2^64 rounds a subnormal result once or overflows.
     * That wide path is written inline and uses the fast path's operations only: a call there, or a
     * rarer operation (an arithmetic shift), made C2 on JDK 17 lose the result's vector class in some
     * compilations and box every vector after it.
     */
    public static FloatVector exp(FloatVector x) {
        boolean fast = x.compare(GE, EXP_FAST_MIN).and(x.compare(LE, EXP_FAST_MAX)).allTrue();
        FloatVector xc = fast ? x : x.blend(EXP_ZERO_BELOW, x.compare(LT, EXP_ZERO_BELOW))
                .blend(EXP_INF_ABOVE, x.compare(GT, EXP_INF_ABOVE));
        FloatVector t = xc.fma(LOG2E, ROUND_MAGIC);
        FloatVector n = t.sub(ROUND_MAGIC);
        FloatVector r = n.fma(n.broadcast(-LN2_HI), xc);
        r = n.fma(n.broadcast(-LN2_LO), r);
        FloatVector p = expPoly(r);
        IntVector pBits = (IntVector) p.reinterpretShape(INTS, 0);
        if (fast) {
            // t's low mantissa bits hold n; shifted left by 23 they are n's contribution to the exponent.
            IntVector tBits = (IntVector) t.reinterpretShape(INTS, 0);
            return (FloatVector) pBits.add(tBits.lanewise(LSHL, 23)).reinterpretShape(Species.F, 0);
        }
        // t +- 64 shifts n exactly: t = 1.5 * 2^23 + n.
        VectorMask<Float> negative = xc.compare(LT, 0f);
        FloatVector shifted = t.add(t.broadcast(-EXP_SHIFT).blend(EXP_SHIFT, negative));
        IntVector shiftedBits = (IntVector) shifted.reinterpretShape(INTS, 0);
        FloatVector y = (FloatVector) pBits.add(shiftedBits.lanewise(LSHL, 23)).reinterpretShape(Species.F, 0);
        y = y.mul(y.broadcast(0x1p64f).blend(0x1p-64f, negative));
        return y.blend(x, x.compare(NE, x));
    }

    /**
     * e^r = 1 + r + r^2 P(r) for |r| &lt;= ln2/2; out of {@link #exp} to keep exp under C2's
     * 325-bytecode limit for inlining a hot method (see {@link #logPoly}).
     */
    private static FloatVector expPoly(FloatVector r) {
        FloatVector p = r.fma(EXP_P0, EXP_P1);
        p = p.fma(r, r.broadcast(EXP_P2));
        p = p.fma(r, r.broadcast(EXP_P3));
        p = p.fma(r, r.broadcast(EXP_P4));
        p = p.fma(r, r.broadcast(EXP_P5));
        return p.fma(r.mul(r), r).add(1f);
    }

    /**
     * e^x - 1 for x <= 0 (and NaN), accurate near 0: with n and r as in {@link #exp},
     * expm1(x) = 2^n expm1(r) + (2^n - 1), one fma; expm1(r) is its Taylor series to r^8, which is
     * exact to 1e-9 relative on |r| <= ln2/2. Below -30 the result is -1.
     */
    private static FloatVector expm1NonPositive(FloatVector x) {
        FloatVector xc = x.blend(EXPM1_MIN, x.compare(LT, EXPM1_MIN));
        FloatVector t = xc.fma(LOG2E, ROUND_MAGIC);
        FloatVector n = t.sub(ROUND_MAGIC);
        FloatVector r = n.fma(n.broadcast(-LN2_HI), xc);
        r = n.fma(n.broadcast(-LN2_LO), r);
        FloatVector q = r.fma(1f / 40320f, 1f / 5040f);
        q = q.fma(r, r.broadcast(1f / 720f));
        q = q.fma(r, r.broadcast(1f / 120f));
        q = q.fma(r, r.broadcast(1f / 24f));
        q = q.fma(r, r.broadcast(1f / 6f));
        q = q.fma(r, r.broadcast(0.5f));
        q = q.fma(r.mul(r), r);
        FloatVector scale = (FloatVector) ((IntVector) t.reinterpretShape(INTS, 0)).lanewise(LSHL, 23).add(127 << 23)
                .reinterpretShape(Species.F, 0);
        return scale.fma(q, scale.sub(1f));
    }

    /** 1 / (1 + e^-x), as e/(1 + e) with e = e^-|x| for x < 0 so that tiny results keep their ulps. */
    public static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.lanewise(ABS).neg());
        FloatVector numerator = e.broadcast(1f).blend(e, x.compare(LT, 0f));
        return numerator.div(e.add(1f));
    }

    /** x * sigmoid(x). */
    public static FloatVector swish(FloatVector x) {
        return x.mul(sigmoid(x));
    }

    /**
     * tanh x = sign(x) * -e / (e + 2) with e = expm1(-2|x|): expm1 keeps its relative accuracy near 0,
     * so one formula serves small and large |x| (beyond 15, e is -1 and tanh 1).
     */
    public static FloatVector tanh(FloatVector x) {
        FloatVector e = expm1NonPositive(x.lanewise(ABS).mul(-2f));
        FloatVector magnitude = e.neg().div(e.add(2f));
        return magnitude.blend(magnitude.neg(), x.compare(LT, 0f));
    }

    /**
     * max(x, 0) + log1p(e^-|x|). log1p(u), u in (0, 1]: w = 1 + u = 2^k m with m in [sqrt(1/2),
     * sqrt(2)); log m = 2 atanh(s), s = (m - 1)/(m + 1), by its odd series to s^9 (|s| < 0.172); the
     * rounding of 1 + u is corrected by (u - (w - 1)) / w.
     */
    public static FloatVector softplus(FloatVector x) {
        FloatVector u = exp(x.lanewise(ABS).neg());
        FloatVector w = u.add(1f);
        VectorMask<Float> big = w.compare(GT, SQRT2);
        FloatVector m = w.blend(w.mul(0.5f), big);
        FloatVector k = w.broadcast(0f).blend(1f, big);
        FloatVector f = m.sub(1f);
        FloatVector correction = u.sub(w.sub(1f)).div(w);
        FloatVector s = f.div(f.add(2f));
        FloatVector s2 = s.mul(s);
        FloatVector series = s2.fma(1f / 9f, 1f / 7f);
        series = series.fma(s2, s2.broadcast(1f / 5f));
        series = series.fma(s2, s2.broadcast(1f / 3f));
        FloatVector twoS = s.add(s);
        FloatVector logM = series.mul(s2).fma(twoS, twoS);
        FloatVector log1p = k.fma(k.broadcast(LN2), logM.add(correction));
        return x.blend(0f, x.compare(LT, 0f)).add(log1p);
    }

    /**
     * 0.5 x (1 + tanh(u)), u = sqrt(2/pi) (x + 0.044715 x^3), evaluated as x * sigmoid(2u): the same
     * function without the cancellation of 1 + tanh(u) for negative x.
     */
    public static FloatVector geluTanh(FloatVector x) {
        FloatVector inner = x.mul(x).mul(x).mul(0.044715f).add(x).mul(2f * Activation.GELU_TANH_C);
        return x.mul(sigmoid(inner));
    }

    /** 0.5 x (1 + erf(x / sqrt(2))), with {@link #erf}. */
    public static FloatVector geluErf(FloatVector x) {
        return x.mul(0.5f).mul(erf(x.mul(0.70710678f)).add(1f));
    }

    /** {@link Erf#erf(double)}'s rational form in float lanes. */
    public static FloatVector erf(FloatVector x) {
        FloatVector ax = x.lanewise(ABS);
        FloatVector denominator = ax.mul((float) Erf.P).add(1f);
        FloatVector t = denominator.broadcast(1f).div(denominator);
        FloatVector poly = t.fma((float) Erf.A5, (float) Erf.A4)
                .fma(t, t.broadcast((float) Erf.A3))
                .fma(t, t.broadcast((float) Erf.A2))
                .fma(t, t.broadcast((float) Erf.A1))
                .mul(t);
        FloatVector y = poly.mul(exp(ax.mul(ax).neg())).neg().add(1f);
        return y.blend(y.neg(), x.compare(LT, 0f));
    }

    /**
     * log x: x = 2^k m with m in [sqrt(1/2), sqrt(2)) read from the bits (subnormals scaled by 2^23
     * first), f = m - 1, log x = f - f^2/2 + f^3 P(f) + k ln2 with ln2 split as in {@link #exp}. +0
     * and -0 give -inf, x &lt; 0 NaN, +inf and NaN themselves. At most 0.83 ulp from the exact
     * logarithm, so within 1 ulp of the rounded reference, measured on every non-negative float.
     */
    public static FloatVector log(FloatVector x) {
        VectorMask<Float> subnormal = x.compare(LT, Float.MIN_NORMAL);
        FloatVector scaled = x.blend(x.mul(TWO_23), subnormal);
        IntVector bits = (IntVector) scaled.reinterpretShape(INTS, 0);
        IntVector e = bits.sub(SQRT_HALF_BITS).lanewise(ASHR, 23);
        FloatVector m = (FloatVector) bits.sub(e.lanewise(LSHL, 23)).reinterpretShape(Species.F, 0);
        // e as a float without the I2F conversion, whose target species C2 may not fold either (see
        // INTS): e plus the magic bits is the float ROUND_MAGIC + e, exactly, for |e| < 2^22.
        FloatVector k = ((FloatVector) e.add(ROUND_MAGIC_BITS).reinterpretShape(Species.F, 0)).sub(ROUND_MAGIC);
        k = k.blend(k.sub(23f), subnormal);
        FloatVector f = m.sub(1f);
        FloatVector z = f.mul(f);
        FloatVector y = f.mul(z).mul(logPoly(f));
        y = k.fma(k.broadcast(LN2_LO), y);
        y = z.fma(z.broadcast(-0.5f), y);
        FloatVector r = k.fma(k.broadcast(LN2_HI), f.add(y));
        // +inf and NaN are their own logarithms. Float compares, not test(IS_FINITE): that one views
        // the lanes as ints and casts the mask back, and a compile of log where C2 (17) did not fold
        // that cast lost the vectors' exact class and boxed every vector after it (zero-allocation test).
        r = r.blend(x, x.compare(GT, Float.MAX_VALUE));
        r = r.blend(x, x.compare(NE, x));
        r = r.blend(Float.NaN, x.compare(LT, 0f));
        return r.blend(Float.NEGATIVE_INFINITY, x.compare(EQ, 0f));
    }

    /**
     * Cephes logf's P(f), out of {@link #log} to keep log under C2's 325-bytecode limit for inlining a
     * hot method: a longer log is never inlined, and every call boxes its vectors.
     */
    private static FloatVector logPoly(FloatVector f) {
        FloatVector p = f.fma(LOG_P0, LOG_P1);
        p = p.fma(f, f.broadcast(LOG_P2));
        p = p.fma(f, f.broadcast(LOG_P3));
        p = p.fma(f, f.broadcast(LOG_P4));
        p = p.fma(f, f.broadcast(LOG_P5));
        p = p.fma(f, f.broadcast(LOG_P6));
        p = p.fma(f, f.broadcast(LOG_P7));
        return p.fma(f, f.broadcast(LOG_P8));
    }

    /** Math.floor, exactly (sign of zero included): x rounded to an integer, minus 1 where that is above x. */
    public static FloatVector floor(FloatVector x) {
        FloatVector r = roundSmall(x);
        return integralOrSelf(x, r.blend(r.sub(1f), r.compare(GT, x)));
    }

    /** Math.ceil, exactly (sign of zero included, so ceil(-0.5) is -0): x rounded, plus 1 where that is below x. */
    public static FloatVector ceil(FloatVector x) {
        FloatVector r = roundSmall(x);
        return integralOrSelf(x, r.blend(r.add(1f), r.compare(LT, x)));
    }

    /**
     * x rounded to the nearest integer (ties to even), exact for the lanes with |x| &lt; 2^23: |x| + 2^23
     * lies in [2^23, 2^24), where the float spacing is 1, so the add rounds and subtracting 2^23 again
     * is exact; x's sign is put back. Other lanes (large, infinite, NaN) are replaced by x in
     * {@link #integralOrSelf}. Not the F2I conversion: JDK 17 does not intrinsify it, and its fallback
     * allocates.
     */
    private static FloatVector roundSmall(FloatVector x) {
        FloatVector magnitude = x.lanewise(ABS).add(INTEGRAL_FROM).sub(INTEGRAL_FROM);
        return withSignOf(x, magnitude);
    }

    /** {@code value} with x's sign bit or-ed in: a no-op where value already has x's sign or is NaN. */
    private static FloatVector withSignOf(FloatVector x, FloatVector value) {
        IntVector sign = ((IntVector) x.reinterpretShape(INTS, 0)).and(Integer.MIN_VALUE);
        return (FloatVector) ((IntVector) value.reinterpretShape(INTS, 0)).or(sign).reinterpretShape(Species.F, 0);
    }

    /**
     * {@code rounded} with x's sign bit (floor and ceil keep the sign of x, also when the result is
     * zero) where |x| &lt; 2^23; x itself elsewhere: large floats are integers, NaN stays NaN.
     */
    private static FloatVector integralOrSelf(FloatVector x, FloatVector rounded) {
        return x.blend(withSignOf(x, rounded), x.lanewise(ABS).compare(LT, INTEGRAL_FROM));
    }
}
