/**
 * The TensorFlow-level graph IR: immutable {@link io.nnport.graph.ir.Graph}s of
 * {@link io.nnport.graph.ir.Node}s (op name, data inputs as {@link io.nnport.graph.ir.Ref}s, control
 * inputs, typed {@link io.nnport.graph.ir.Attr}s), dense {@link io.nnport.graph.ir.Tensor}s and
 * {@link io.nnport.graph.ir.Shape}s whose dimension 0 may be the unknown (dynamic) batch.
 *
 * <p>Everything here is immutable: a pass reads a graph and builds a new node list for
 * {@link io.nnport.graph.ir.Graph#withNodes}, which validates it again (names, inputs, cycles).
 */
package io.nnport.graph.ir;
