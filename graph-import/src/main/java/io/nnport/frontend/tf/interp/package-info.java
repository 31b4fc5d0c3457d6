/**
 * {@link io.nnport.frontend.tf.interp.Interpreter}: the plain-Java reference evaluation of a
 * TensorFlow graph, with TensorFlow's Switch/Merge dead-branch semantics; the engine of constant
 * folding, and {@code interpret(node)} for debugging. (Generated models are checked against the
 * layer graph's {@link io.nnport.ir.eval.LayerInterpreter}.)
 */
package io.nnport.frontend.tf.interp;
