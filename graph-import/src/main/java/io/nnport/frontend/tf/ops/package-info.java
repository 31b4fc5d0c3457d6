/**
 * What each TensorFlow op means. One class per op family (Conv, Pool, MatMul, BatchNorm, Unary,
 * Binary, Softmax, Reduce, ShapeOps, Concat, Rearrange, Gather, Slicing, Cast, Generate, Resize,
 * Control, Passthrough, Sources, Random), each an {@link io.nnport.frontend.tf.ops.OpSemantics} whose
 * Javadoc is the family's spec sheet, with its shape rule ({@code infer}) and its scalar reference
 * evaluation ({@code evaluate}). {@link io.nnport.frontend.tf.ops.OpTable} is the only place that maps
 * TensorFlow op names to them.
 *
 * <p>A layer-level IR reuses these by building a {@link io.nnport.frontend.tf.Node} with the TF
 * attributes and calling {@code infer}/{@code evaluate}; {@link io.nnport.frontend.tf.ops.Conv#geometry}
 * exposes the convolution geometry (output size, padding) alone.
 */
package io.nnport.frontend.tf.ops;
