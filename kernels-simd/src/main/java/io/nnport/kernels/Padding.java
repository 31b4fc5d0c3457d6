package io.nnport.kernels;

/** TensorFlow's padding modes for convolution and pooling windows. */
public enum Padding {
    /** No padding: only windows that fit entirely inside the input. */
    VALID,
    /**
     * Output size ceil(in / stride); the total padding is split with the extra element at the end
     * (bottom/right), exactly as TensorFlow does.
     */
    SAME,
    /**
     * Amounts given per side: TensorFlow's {@code padding="EXPLICIT"} with {@code explicit_paddings},
     * and a constant-zero {@code Pad} folded into the convolution or pooling that follows it. Built
     * with {@link Window#explicit}; through the five-argument {@link Window} constructor it means
     * zero padding on both sides.
     */
    EXPLICIT
}
