package io.nnport.kernels;

import io.nnport.kernels.gemm.Team;

/**
 * What a kernel call needs besides its operands: scratch floats (GEMM panel packing, one region per
 * thread) and the thread team that shares the work. Generated models pass their per-thread workspace,
 * which implements this; tests and benchmarks make one with {@link #of} once, outside their loops.
 * Kernels read it once per call, before any loop, so passing it costs nothing on the hot path.
 */
public interface KernelContext {

    /** Serial, no scratch: for the kernels and scalar twins that need none. */
    KernelContext NO_SCRATCH = of(new float[0], 0, Team.SERIAL);

    /** The array holding the scratch region (it may hold other data before {@link #scratchOffset}). */
    float[] scratch();

    /** Where the scratch region starts in {@link #scratch()}. */
    int scratchOffset();

    /** {@link Team#SERIAL} or a pool; results are the same bits for any thread count. */
    Team team();

    /** A fixed context: {@code scratch} from {@code scratchOffset}, work shared by {@code team}. */
    static KernelContext of(float[] scratch, int scratchOffset, Team team) {
        return new FixedKernelContext(scratch, scratchOffset, team);
    }

    /** A serial context on the whole of {@code scratch}. */
    static KernelContext serial(float[] scratch) {
        return of(scratch, 0, Team.SERIAL);
    }
}
