/**
 * The ONNX front end: {@link io.nnport.frontend.onnx.OnnxFrontEnd} detects a serialized
 * ModelProto by content, {@link io.nnport.frontend.onnx.ModelReader} reads it and checks its IR
 * version and opset, {@link io.nnport.frontend.onnx.TensorDecoder} decodes tensors in every
 * encoding, and {@link io.nnport.frontend.onnx.OnnxImporter} walks the graph through the op table
 * ({@link io.nnport.frontend.onnx.ops}) into a layer graph. The protobuf classes in
 * {@code io.nnport.frontend.onnx.proto} are generated from ONNX's own schema.
 */
package io.nnport.frontend.onnx;
