package io.nnport.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow's own time per charCNN layer, from its step statistics ({@code RunOptions} with
 * {@code FULL_TRACE}): every executed node's op time, summed per layer (the node's Keras layer scope,
 * {@code sequential/conv1d_1/...}), median over the traced runs. Set beside nnport's per-layer times
 * it shows which layer is short of its share. Tracing adds a little time per node, so only the
 * split matters, not the total; the untraced total is in the main group.
 *
 * <pre>java -cp ... io.nnport.jmh.TfLayerProfile BATCH THREADS WARMUPS RUNS</pre>
 *
 * prints one line {@code tflayers {json}}; with {@code --nodes} also every node name and layer.
 */
public final class TfLayerProfile {

    private TfLayerProfile() {}

    /** The layer a TensorFlow node belongs to, by its Keras scope; "other" outside the layers. */
    static String layerOf(String node) {
        String[] scope = node.split("/");
        if (scope.length < 2 || !scope[0].equals("sequential")) {
            return "other";
        }
        if (scope[1].equals("dense_2") && node.contains("Softmax")) {
            return "softmax";
        }
        for (CharcnnLayer layer : CharcnnLayer.values()) {
            if (layer.tfName().equals(scope[1])) {
                return layer.tfName();
            }
        }
        return "other";
    }

    public static void main(String[] args) throws Exception {
        int batch = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        int warmups = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        boolean nodes = args.length > 4 && args[4].equals("--nodes");
        SampleModel model = SampleModel.CHARCNN;
        float[] input = model.seededInput(batch);
        long[] shape = TfSession.longs(model.inputShape(batch));
        RunOptions trace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
        Map<String, List<Double>> perLayer = new LinkedHashMap<>();
        List<Double> totals = new ArrayList<>();
        try (TfSession tf = new TfSession(model.graphDef(), model.inputName(), model.outputName(), threads)) {
            Session session = tf.session();
            for (int r = 0; r < warmups + runs; r++) {
                try (TFloat32 x = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(input, true, false));
                     Result result = session.runner().feed(model.inputName(), x).fetch(model.outputName())
                             .setOptions(trace).runAndFetchMetadata()) {
                    if (r < warmups) {
                        continue;
                    }
                    RunMetadata metadata = result.getMetadata().orElseThrow();
                    Map<String, Double> micros = new LinkedHashMap<>();
                    double total = 0;
                    for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
                        for (NodeExecStats node : device.getNodeStatsList()) {
                            double us = (node.getOpEndRelNanos() - node.getOpStartRelNanos()) / 1e3;
                            String layer = layerOf(node.getNodeName());
                            micros.merge(layer, us, Double::sum);
                            total += us;
                            if (nodes && r == warmups) {
                                System.out.println("node " + node.getNodeName() + " -> " + layer + " " + us + " us");
                            }
                        }
                    }
                    micros.forEach((layer, us) -> perLayer.computeIfAbsent(layer, k -> new ArrayList<>()).add(us));
                    totals.add(total);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("batch", batch);
        out.put("threads", threads);
        out.put("runs", runs);
        out.put("medianSumOfOpsMicros", median(totals));
        Map<String, Double> medians = new LinkedHashMap<>();
        perLayer.forEach((layer, values) -> medians.put(layer, median(values)));
        out.put("medianMicrosPerLayer", medians);
        System.out.println("tflayers " + new ObjectMapper().writeValueAsString(out));
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
