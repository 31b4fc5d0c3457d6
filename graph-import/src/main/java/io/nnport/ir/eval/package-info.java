/**
 * Scalar reference evaluation: the math every layer kind evaluates with ({@link
 * io.nnport.ir.eval.Convolutions}, {@link io.nnport.ir.eval.Pooling}, {@link io.nnport.ir.eval.Products},
 * {@link io.nnport.ir.eval.Reductions}, {@link io.nnport.ir.eval.Rearrangements},
 * {@link io.nnport.ir.eval.Resizing}, {@link io.nnport.ir.eval.Elementwise}), which front ends also
 * call for constant folding, so no scalar loop is written twice; and the
 * {@link io.nnport.ir.eval.LayerInterpreter}, which runs a whole layer graph and is the oracle of
 * generated code. Plain Java on {@link io.nnport.ir.Tensor}s, sums and products in double; methods
 * throw {@link IllegalArgumentException} for operands they reject.
 */
package io.nnport.ir.eval;
