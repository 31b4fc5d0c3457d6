package io.nnport.kernels;

/** TensorFlow's two padding modes for convolution and pooling windows. */
public enum Padding {
    /** No padding: only windows that fit entirely inside the input. */
    VALID,
    /**
     * Output size ceil(in / stride); the total padding is split with the extra element at the end
     * (bottom/right), exactly as TensorFlow does.
     */
    SAME
}
