/**
 * The TensorFlow-level graph IR: immutable {@link io.nnport.frontend.tf.Graph}s of
 * {@link io.nnport.frontend.tf.Node}s (op name, data inputs as {@link io.nnport.frontend.tf.Ref}s, control
 * inputs, typed {@link io.nnport.frontend.tf.Attr}s), dense {@link io.nnport.ir.Tensor}s and
 * {@link io.nnport.ir.Shape}s whose dimension 0 may be the unknown (dynamic) batch.
 *
 * <p>Everything here is immutable: a pass reads a graph and builds a new node list for
 * {@link io.nnport.frontend.tf.Graph#withNodes}, which validates it again (names, inputs, cycles).
 */
package io.nnport.frontend.tf;
