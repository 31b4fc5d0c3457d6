/**
 * Data-movement kernels: {@link io.nnport.kernels.copy.Slice} (TF Slice and StridedSlice, negative
 * strides included), {@link io.nnport.kernels.copy.Split} (Split, SplitV),
 * {@link io.nnport.kernels.copy.Tile}, {@link io.nnport.kernels.copy.Concat},
 * {@link io.nnport.kernels.copy.Pad} (constant), {@link io.nnport.kernels.copy.Transpose} and
 * {@link io.nnport.kernels.copy.Gather}.
 *
 * <p>Each has a plan made once at model load from the TensorFlow shape ({@link io.nnport.kernels.Dims},
 * {@link io.nnport.kernels.Dims#BATCH} at axis 0 for the runtime batch), holding the few loops the
 * copy reduces to after merging the axes it can; a call takes the batch size and allocates nothing.
 *
 * <p>These kernels only move floats, so they have no vector twin: contiguous runs go through
 * {@link java.lang.System#arraycopy} (which the JIT turns into the widest vector moves of the machine),
 * strided runs through a plain loop (a gather would not beat it), matrix transposes through small
 * tiles that stay in L1, and the result is bit-exact on every path. An output never overlaps its
 * input.
 */
package io.nnport.kernels.copy;
