package io.nnport.kernels;

import io.nnport.kernels.gemm.Team;
import java.util.Objects;

/** {@link KernelContext#of}: a context whose scratch and team never change. */
record FixedKernelContext(float[] scratch, int scratchOffset, Team team) implements KernelContext {

    FixedKernelContext {
        Objects.requireNonNull(scratch, "scratch");
        Objects.requireNonNull(team, "team");
        if (scratchOffset < 0 || scratchOffset > scratch.length) {
            throw new IllegalArgumentException("scratch offset " + scratchOffset + " outside [0, " + scratch.length + "]");
        }
    }
}
