package io.nnport.kernels.reduce;

/**
 * The reductions of {@link Reduce}: TensorFlow's Sum, Mean, Max, Min and Prod over float32, with the
 * identity each starts from and its scalar combining step. MAX and MIN follow {@link Math#max}: NaN
 * propagates.
 */
public enum ReduceOp {
    /** Sum of the reduced elements. */
    SUM(0f),
    /** Sum divided by the number of reduced elements (one float division). */
    MEAN(0f),
    /** Largest reduced element; -inf for none. */
    MAX(Float.NEGATIVE_INFINITY),
    /** Smallest reduced element; +inf for none. */
    MIN(Float.POSITIVE_INFINITY),
    /** Product of the reduced elements. */
    PROD(1f);

    private final float identity;

    ReduceOp(float identity) {
        this.identity = identity;
    }

    /** The value the accumulation starts from: combining it with x gives x. */
    public float identity() {
        return identity;
    }

    /** One accumulation step: acc + x, acc * x, max or min. */
    public float combine(float acc, float x) {
        return switch (this) {
            case SUM, MEAN -> acc + x;
            case MAX -> Math.max(acc, x);
            case MIN -> Math.min(acc, x);
            case PROD -> acc * x;
        };
    }
}
