package io.nnport.kernels.argmax;

import static io.nnport.kernels.vector.Species.F;
import static io.nnport.kernels.vector.Species.LANES;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;
import static jdk.incubator.vector.VectorOperators.NE;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector twin of {@link ArgMaxScalar}. Two shapes:
 * <ul>
 *   <li>{@code inner >= LANES}: each lane follows one column j down the axis, running the scalar
 *       rule itself (compare strictly greater, blend value and index), so every lane's answer is
 *       the scalar one; columns past the last whole vector run the scalar loop.</li>
 *   <li>{@code inner == 1} (the last axis): lane l runs the rule over positions l, l + LANES, ...
 *       Across lanes the answer is the lowest index holding the largest lane value: that is the
 *       first occurrence of the row's maximum, the scalar answer (a lane that never moved holds
 *       -MAX_VALUE at index 0, which is also the scalar answer when nothing beats the start). The
 *       positions past the last whole vector continue the scalar rule from there.</li>
 * </ul>
 * Other shapes (0 &lt; inner &lt; LANES) run the scalar loop. Only loaded when {@code Simd.VECTOR}.
 */
final class ArgMaxVector {

    private static final VectorSpecies<Integer> I = F.withLanes(int.class);

    private ArgMaxVector() {}

    static void argMax(float[] in, int inOff, int outer, int n, int inner, int[] out, int outOff) {
        if (inner == 1 && n >= LANES) {
            for (int o = 0; o < outer; o++) {
                out[outOff + o] = alongRow(in, inOff + o * n, n);
            }
        } else if (inner >= LANES) {
            for (int o = 0; o < outer; o++) {
                acrossColumns(in, inOff + o * n * inner, n, inner, out, outOff + o * inner);
            }
        } else {
            ArgMaxScalar.argMax(in, inOff, outer, n, inner, out, outOff);
        }
    }

    private static void acrossColumns(float[] in, int at, int n, int inner, int[] out, int outAt) {
        int upper = F.loopBound(inner);
        for (int j = 0; j < upper; j += LANES) {
            FloatVector best = FloatVector.broadcast(F, -Float.MAX_VALUE);
            IntVector index = IntVector.zero(I);
            for (int i = 0; i < n; i++) {
                FloatVector x = FloatVector.fromArray(F, in, at + i * inner + j);
                VectorMask<Float> greater = x.compare(GT, best);
                best = best.blend(x, greater);
                index = index.blend(i, greater.cast(I));
            }
            index.intoArray(out, outAt + j);
        }
        for (int j = upper; j < inner; j++) {
            out[outAt + j] = ArgMaxScalar.argMaxStrided(in, at + j, n, inner, 0, -Float.MAX_VALUE, 0);
        }
    }

    private static int alongRow(float[] in, int at, int n) {
        int upper = F.loopBound(n);
        FloatVector best = FloatVector.broadcast(F, -Float.MAX_VALUE);
        IntVector index = IntVector.zero(I);
        IntVector position = IntVector.zero(I).addIndex(1);
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, in, at + i);
            VectorMask<Float> greater = x.compare(GT, best);
            best = best.blend(x, greater);
            index = index.blend(position, greater.cast(I));
            position = position.add(LANES);
        }
        float max = best.reduceLanes(MAX);
        int first = index.blend(Integer.MAX_VALUE, best.compare(NE, max).cast(I)).reduceLanes(MIN);
        return ArgMaxScalar.argMaxStrided(in, at, n, 1, upper, max, first);
    }
}
