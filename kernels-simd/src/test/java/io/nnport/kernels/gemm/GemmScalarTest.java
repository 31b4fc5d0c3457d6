package io.nnport.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;
import org.junit.jupiter.api.Test;

/** The scalar twin, the reference every variant is checked against, against hand-computed results. */
class GemmScalarTest {

    @Test
    void smallProductWithBiasAndRelu() {
        float[] a = {1, 2, 3,
                     -4, 5, -6};
        float[] b = {1, 0,
                     0, 1,
                     2, -1};
        PackedB packed = PackedB.pack(b, 0, 2, 3, 2, 16);
        float[] c = new float[4];
        GemmScalar.gemm(2, a, 0, 3, packed, c, 0, 2, Epilogue.bias(new float[] {0.5f, -1f}).then(Activation.RELU, 0f),
                KernelContext.NO_SCRATCH);
        // row 0: [1 + 6, 2 - 3] + [0.5, -1] = [7.5, -2] -> relu [7.5, 0]
        // row 1: [-4 - 12, 5 + 6] + [0.5, -1] = [-15.5, 10] -> relu [0, 10]
        assertArrayEquals(new float[] {7.5f, 0f, 0f, 10f}, c);
    }

    @Test
    void offsetsLeadingDimensionsAndPanelsNarrowerThanN() {
        // C = A (1 x 2) x B (2 x 3) at offsets, ldc 4; panels of 2 so column 2 sits in a padded panel.
        float[] a = {99, 2, 3};
        float[] b = {1, 2, 3, 77,
                     4, 5, 6, 77};
        PackedB packed = PackedB.pack(b, 0, 4, 2, 3, 2);
        float[] c = {-1, -1, -1, -1, -1};
        GemmScalar.gemm(1, a, 1, 2, packed, c, 1, 4, Epilogue.NONE, KernelContext.NO_SCRATCH);
        assertArrayEquals(new float[] {-1, 14, 19, 24, -1}, c);
    }

    @Test
    void emptyReductionGivesTheEpilogueOfZero() {
        PackedB packed = PackedB.pack(new float[0], 0, 3, 0, 3, 16);
        float[] c = {Float.NaN, Float.NaN, Float.NaN};
        GemmScalar.gemm(1, new float[0], 0, 0, packed, c, 0, 3, Epilogue.bias(new float[] {1, 2, 3}),
                KernelContext.NO_SCRATCH);
        assertArrayEquals(new float[] {1, 2, 3}, c);
    }

    @Test
    void oneFmaChainNotAPairwiseSum() {
        // 1e8 + 1 - 1e8 in float: fma chains round after each step, so the 1 is lost: result 0, not 1.
        float[] a = {1e8f, 1f, -1e8f};
        float[] b = {1f, 1f, 1f};
        float[] c = new float[1];
        GemmScalar.gemm(1, a, 0, 3, PackedB.pack(b, 0, 1, 3, 1, 16), c, 0, 1, Epilogue.NONE, KernelContext.NO_SCRATCH);
        assertEquals(0f, c[0]);
    }

    @Test
    void nanInARowPoisonsOnlyThatRow() {
        float[] a = {Float.NaN, 1f, 2f, 3f};
        float[] b = {1f, 1f};
        float[] c = new float[2];
        GemmScalar.gemm(2, a, 0, 2, PackedB.pack(b, 0, 1, 2, 1, 16), c, 0, 1, Epilogue.NONE.then(Activation.RELU, 0f),
                KernelContext.NO_SCRATCH);
        assertTrue(Float.isNaN(c[0]));
        assertEquals(5f, c[1]);
    }
}
