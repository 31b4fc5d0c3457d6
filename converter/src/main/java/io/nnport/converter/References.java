package io.nnport.converter;

import io.nnport.converter.codegen.SupportWriters;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.LayerInterpreter;
import io.nnport.ir.layers.CastLayer;
import io.nnport.ir.layers.GatherLayer;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.Value;
import io.nnport.runtime.NpyArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Reference inputs and outputs for a generated model's test: seeded inputs, and the outputs the
 * {@link LayerInterpreter} computes for them from the layers' scalar reference evaluations, so the
 * test checks planning, code generation and the SIMD kernels against an oracle that shares none of
 * them. (The front ends' tests check the layer graph itself against the source framework.)
 *
 * @param batches batch sizes covered (1 and {@link #SECOND_BATCH}, or only 1 for fixed shapes)
 * @param files   the .npy files by their name under the test resources
 */
public record References(List<Integer> batches, Map<String, NpyArray> files) {

    /** A second batch size, small, so the check covers batch-dependent offsets cheaply. */
    static final int SECOND_BATCH = 2;
    /** Integer inputs (ids) are drawn below this unless an embedding table says less. */
    static final int DEFAULT_ID_RANGE = 10;

    /** The batch sizes references cover for {@code graph}. */
    static List<Integer> batches(LayerGraph graph) {
        return graph.inputs().stream().anyMatch(Value::batched) ? List.of(1, SECOND_BATCH) : List.of(1);
    }

    static References compute(LayerGraph graph) {
        List<Integer> batches = batches(graph);
        LayerInterpreter interpreter = new LayerInterpreter(graph);
        Map<String, NpyArray> files = new LinkedHashMap<>();
        for (int batch : batches) {
            Random random = new Random(1000L + batch);
            Map<String, Tensor> feeds = new LinkedHashMap<>();
            for (int i = 0; i < graph.inputs().size(); i++) {
                Value input = graph.inputs().get(i);
                Tensor t = randomInput(input, batch, idRange(graph, input), random);
                feeds.put(input.name(), t);
                files.put(SupportWriters.referenceFile(batch, true, i), npy(t));
            }
            Map<String, Tensor> values = interpreter.evaluateAll(feeds, null);
            List<LayerGraph.Output> outputs = graph.outputs();
            for (int o = 0; o < outputs.size(); o++) {
                files.put(SupportWriters.referenceFile(batch, false, o), npy(values.get(outputs.get(o).value())));
            }
        }
        return new References(batches, files);
    }

    private static Tensor randomInput(Value input, int batch, int idRange, Random random) {
        int[] dims = input.shape().dims();
        if (input.batched()) {
            dims[0] = batch;
        }
        Shape shape = Shape.of(dims);
        int n = Tensor.checkedSize(shape);
        return switch (input.dtype()) {
            case FLOAT32 -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = random.nextFloat();
                }
                yield Tensor.ofFloats(shape, v);
            }
            case INT32, INT64 -> {
                Tensor.Builder ids = Tensor.builder(input.dtype(), shape);
                for (int i = 0; i < n; i++) {
                    ids.setLong(i, random.nextInt(idRange));
                }
                yield ids.build();
            }
            default -> throw new BadInputException("input '" + input.name() + "' is " + input.dtype()
                    + "; model inputs must be float32, int32 or int64");
        };
    }

    /** Ids fed to an embedding lookup stay below its table's row count. */
    private static int idRange(LayerGraph graph, Value input) {
        return Math.max(idRange(graph, input.name()), 1);
    }

    /** The smallest table read with {@code value} as ids, looking through casts (an int64 input's entry cast). */
    private static int idRange(LayerGraph graph, String value) {
        int range = DEFAULT_ID_RANGE;
        for (LayerNode consumer : graph.consumers(value)) {
            if (consumer.layer() instanceof GatherLayer g && g.table() != null) {
                range = Math.min(range, g.table().shape().dim(g.axis()));
            } else if (consumer.layer() instanceof CastLayer) {
                range = Math.min(range, idRange(graph, consumer.output()));
            }
        }
        return range;
    }

    private static NpyArray npy(Tensor t) {
        int[] shape = t.shape().dims();
        return switch (t.dtype()) {
            case FLOAT32 -> NpyArray.of(t.floats(), shape);
            case INT32 -> NpyArray.of(t.ints(), shape);
            case INT64 -> NpyArray.of(t.longs(), shape);
            default -> throw new BadInputException("model output of type " + t.dtype() + " is not supported");
        };
    }
}
