/**
 * The TensorFlow front end ({@link io.nnport.frontend.tf.TensorFlowFrontEnd}): a frozen GraphDef
 * read into TensorFlow's graph, the graph passes that clean it, and the lowering into the core's
 * layer graph.
 *
 * <p>{@link io.nnport.frontend.tf.GraphDefReader} reads binary protobuf or text format (automatic
 * fallback) into an immutable {@link io.nnport.frontend.tf.Graph} of
 * {@link io.nnport.frontend.tf.Node}s (op name, data inputs as {@link io.nnport.frontend.tf.Ref}s,
 * control inputs, typed {@link io.nnport.frontend.tf.Attr}s); {@link io.nnport.frontend.tf.TensorCodec}
 * converts {@code TensorProto}s in both directions, with TensorFlow's size rules checked before
 * allocation. The protobuf classes ({@code io.nnport.frontend.tf.proto}) are generated at build time
 * from {@code src/main/proto}, a subset of TensorFlow's schema with its field numbers.
 *
 * <p>A pass reads a graph and builds a new node list for {@link io.nnport.frontend.tf.Graph#withNodes},
 * which validates it again (names, inputs, cycles). Subpackages: {@code ops} (what each TensorFlow
 * op means), {@code passes} (the pipeline up to the layer graph), {@code interp} (the graph
 * interpreter constant folding runs on).
 */
package io.nnport.frontend.tf;
