/**
 * What each TensorFlow op means and what it becomes. One class per op family (Conv, Pool, MatMul,
 * BatchNorm, Unary, Binary, Softmax, Reduce, ShapeOps, Concat, Rearrange, Gather, Slicing, Cast,
 * Generate, Resize, Control, Passthrough, Sources, Random), each an
 * {@link io.nnport.frontend.tf.ops.OpSemantics} whose Javadoc is the family's spec sheet: its shape
 * rule ({@code infer}) and its evaluation ({@code evaluate}, for constant folding), which parse the
 * node's attributes and call the core's scalar math ({@link io.nnport.ir.eval}), the same math the
 * layers evaluate with. {@link io.nnport.frontend.tf.ops.OpTable} gives each op one line: its
 * semantics and its {@link io.nnport.frontend.tf.ops.Lowering} rule into a core layer, or the pass
 * that removes it before lowering.
 */
package io.nnport.frontend.tf.ops;
