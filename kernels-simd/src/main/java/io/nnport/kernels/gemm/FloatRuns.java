package io.nnport.kernels.gemm;

/**
 * A float tensor that is read once, in order, a run of consecutive elements at a time, by whoever
 * packs it: a weights resource streamed at load hands each run over from one small reusable buffer,
 * so the tensor never exists whole in its plain layout. {@link PackedB#packGroups} packs from it.
 */
public interface FloatRuns {

    /** Receives one run: elements {@code [first, first + count)} of the tensor, at {@code src[srcOff]}. */
    @FunctionalInterface
    interface Sink {
        void accept(float[] src, int srcOff, long first, int count);
    }

    /** Elements in the tensor. */
    long length();

    /**
     * Hands every element to {@code sink} in runs, in order from element 0 to {@link #length()};
     * the run's array is the source's and is reused after {@code accept} returns. Single use for a
     * streamed source.
     */
    void forEachRun(Sink sink);

    /** The {@code length} elements of {@code values} from {@code offset}, as one run. */
    static FloatRuns of(float[] values, int offset, long length) {
        if (offset < 0 || length < 0 || offset + length > values.length) {
            throw new IndexOutOfBoundsException("[" + offset + ", " + offset + " + " + length
                    + ") is outside an array of " + values.length);
        }
        return new FloatRuns() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public void forEachRun(Sink sink) {
                sink.accept(values, offset, 0, (int) length);
            }
        };
    }
}
