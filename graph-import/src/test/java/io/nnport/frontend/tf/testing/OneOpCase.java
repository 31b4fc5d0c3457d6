package io.nnport.frontend.tf.testing;

import io.nnport.frontend.tf.Graph;
import io.nnport.frontend.tf.GraphDefReader;
import io.nnport.frontend.tf.Ref;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.frontend.tf.interp.Interpreter;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.kernels.testing.Tolerance;
import io.nnport.testing.TensorAsserts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small graph run both in TensorFlow and in nnport's interpreter, each fetch compared under a
 * tolerance tier; the shape rules are checked against TensorFlow's output shapes too, once with the
 * placeholders' full shapes (must be equal) and once with their batch dimension unknown (must stay
 * compatible).
 */
public record OneOpCase(String description, GraphDefBuilder graph, List<String> fetches, Tolerance tolerance) {

    public void check() {
        byte[] bytes = graph.bytes();
        Map<String, Tensor> expected = TfOracle.run(bytes, graph.feeds(), fetches);
        Graph ours = GraphDefReader.read(bytes, description);
        Map<String, Tensor> actual = new Interpreter(ours).run(graph.feeds(), fetches);
        for (String fetch : fetches) {
            TensorAsserts.assertMatches(tolerance, expected.get(fetch), actual.get(fetch), description + " fetch " + fetch);
        }
        Map<String, List<TensorInfo>> known = inferShapes(ours, false);
        Map<String, List<TensorInfo>> batchUnknown = inferShapes(ours, true);
        for (String fetch : fetches) {
            Ref ref = Ref.parse(fetch);
            Shape real = expected.get(fetch).shape();
            Shape inferred = known.get(ref.node()).get(ref.output()).shape();
            if (!inferred.equals(real)) {
                throw new AssertionError(description + " fetch " + fetch + ": shape rule gives " + inferred
                        + ", TensorFlow " + real);
            }
            Shape dynamic = batchUnknown.get(ref.node()).get(ref.output()).shape();
            if (!dynamic.isCompatibleWith(real)) {
                throw new AssertionError(description + " fetch " + fetch + ": with unknown batch the shape rule gives "
                        + dynamic + ", incompatible with TensorFlow's " + real);
            }
        }
    }

    /** Shape rules over the graph, placeholders taking their fed shapes (dimension 0 unknown if asked). */
    private Map<String, List<TensorInfo>> inferShapes(Graph g, boolean batchUnknown) {
        Map<String, TensorInfo> placeholders = new HashMap<>();
        graph.feeds().forEach((name, fed) -> {
            Shape shape = fed.shape();
            if (batchUnknown && shape.rank() > 0) {
                shape = shape.withDim(0, Shape.UNKNOWN);
            }
            placeholders.put(name, TensorInfo.of(fed.dtype(), shape));
        });
        List<String> nodes = new ArrayList<>();
        for (String fetch : fetches) {
            nodes.add(Ref.parse(fetch).node());
        }
        return ShapeRules.infer(g, placeholders, nodes);
    }
}
