/**
 * The format-neutral core: dense {@link io.nnport.ir.Tensor}s, {@link io.nnport.ir.Shape}s whose
 * dimension 0 may be the dynamic batch, {@link io.nnport.ir.DType}s, and
 * {@link io.nnport.ir.ModelException}, the one error every model problem ends in. Subpackages:
 * {@code layers} (the layer graph the converter compiles), {@code passes} (layer fusion),
 * {@code eval} (scalar reference evaluation). Nothing here knows a file format.
 */
package io.nnport.ir;
