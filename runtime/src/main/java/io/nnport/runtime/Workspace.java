package io.nnport.runtime;

import io.nnport.kernels.KernelContext;
import io.nnport.kernels.gemm.Team;
import java.util.function.IntUnaryOperator;

/**
 * One thread's scratch memory for a model: a float arena and an int arena sized by the buffer plan
 * for a batch size, followed (in the float arena) by the kernel scratch the largest layer needs at
 * that batch (GEMM panel packing). It grows when a call brings a larger batch than any before and
 * is reused as is otherwise, so steady-state prediction allocates nothing. It is the
 * {@link KernelContext} generated code passes to kernels: that scratch and the model's thread team.
 */
public final class Workspace implements KernelContext {

    private final long floatsPerSample;
    private final long intsPerSample;
    private final IntUnaryOperator scratchForBatch;
    private final Team team;
    private int capacity;
    private int scratchFloats;
    private float[] floats = new float[0];
    private int[] ints = new int[0];

    /**
     * @param floatsPerSample peak float arena per batch sample, from the buffer plan
     * @param intsPerSample   peak int arena per batch sample
     * @param scratchForBatch kernel scratch floats needed for a batch size (non-decreasing in it)
     * @param team            the model's thread team, which its kernels share
     */
    public Workspace(long floatsPerSample, long intsPerSample, IntUnaryOperator scratchForBatch, Team team) {
        this.floatsPerSample = floatsPerSample;
        this.intsPerSample = intsPerSample;
        this.scratchForBatch = scratchForBatch;
        this.team = team;
    }

    /**
     * Makes room for {@code batch} samples; a no-op when already large enough. Sizes are checked
     * before allocating: a batch whose arena does not fit one Java array is an
     * {@link IllegalArgumentException} saying so, and the workspace stays as it was.
     */
    public Workspace ensure(int batch) {
        if (batch > capacity) {
            int scratch = scratchForBatch.applyAsInt(batch);
            int floatLength = Arguments.arrayLength("the float arena", floatsPerSample, batch, scratch);
            int intLength = Arguments.arrayLength("the int arena", intsPerSample, batch, 0);
            floats = new float[floatLength];
            ints = new int[intLength];
            scratchFloats = scratch;
            capacity = batch;
        }
        return this;
    }

    /** The float arena: intermediates at {@code offset * batch}, kernel scratch at {@link #scratchOffset}. */
    public float[] floats() {
        return floats;
    }

    /** The int arena. */
    public int[] ints() {
        return ints;
    }

    /** The float arena, which ends with the kernel scratch. */
    @Override
    public float[] scratch() {
        return floats;
    }

    /** Where kernel scratch starts in {@link #floats()} for the current capacity. */
    @Override
    public int scratchOffset() {
        return floats.length - scratchFloats;
    }

    @Override
    public Team team() {
        return team;
    }

    /** Bytes held by this workspace. */
    public long bytes() {
        return 4L * floats.length + 4L * ints.length;
    }
}
