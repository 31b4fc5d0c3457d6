/**
 * Reading TensorFlow model files into the graph IR.
 *
 * <p>{@link io.nnport.graph.reader.GraphDefReader#read(java.nio.file.Path)} reads a frozen GraphDef
 * (binary, or protobuf text format with automatic fallback) and returns a validated
 * {@link io.nnport.graph.ir.Graph}; {@link io.nnport.graph.reader.TensorCodec} converts
 * {@code TensorProto}s (with TensorFlow's size rules checked before allocation) in both directions.
 * The protobuf classes ({@code io.nnport.graph.proto}) are generated at build time from
 * {@code src/main/proto}, a subset of TensorFlow's schema with its field numbers.
 */
package io.nnport.graph.reader;
