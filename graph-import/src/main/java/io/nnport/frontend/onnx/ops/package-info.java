/**
 * The ONNX op table ({@link io.nnport.frontend.onnx.ops.OnnxOpTable}: one line per op), the rules
 * by family, and the {@link io.nnport.frontend.onnx.ops.Lowerer} they write into, which folds
 * constants with the core's reference evaluation and decides each value's layout (channels first
 * as ONNX sees it, channels last as the core computes it).
 */
package io.nnport.frontend.onnx.ops;
