/**
 * {@link io.nnport.frontend.tf.interp.Interpreter}: the plain-Java reference evaluation of a TensorFlow
 * graph, with TensorFlow's Switch/Merge dead-branch semantics; the oracle for generated code, the
 * engine of constant folding, and {@code interpret(node)} for debugging.
 */
package io.nnport.frontend.tf.interp;
