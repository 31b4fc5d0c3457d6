package io.nnport.frontend.tf.testing;

import io.nnport.frontend.tf.proto.GraphDef;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Real TensorFlow (TensorFlow Java 1.1.0 = TensorFlow 2.18 CPU) as a test oracle: imports a
 * GraphDef, feeds nnport {@link Tensor}s, runs a session and returns the fetched outputs as nnport
 * tensors. Reused by the converter's tests through graph-import's test-jar.
 *
 * <p>Feeds and fetches are named {@code "node"} or {@code "node:i"}. Each call builds and closes
 * its own TensorFlow graph and session.
 */
public final class TfOracle {
    private TfOracle() {}

    /** Runs a GraphDef built with nnport's protos. */
    public static Map<String, Tensor> run(GraphDef graphDef, Map<String, Tensor> feeds, List<String> fetches) {
        return run(graphDef.toByteArray(), feeds, fetches);
    }

    /** Runs binary GraphDef bytes (a model file's content). */
    public static Map<String, Tensor> run(byte[] graphDef, Map<String, Tensor> feeds, List<String> fetches) {
        org.tensorflow.proto.GraphDef tfGraphDef;
        try {
            tfGraphDef = org.tensorflow.proto.GraphDef.parseFrom(graphDef);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("TensorFlow cannot parse the GraphDef", e);
        }
        try (Graph graph = new Graph()) {
            graph.importGraphDef(tfGraphDef);
            try (Session session = new Session(graph)) {
                Session.Runner runner = session.runner();
                List<org.tensorflow.Tensor> fed = new java.util.ArrayList<>();
                try {
                    for (Map.Entry<String, Tensor> feed : feeds.entrySet()) {
                        org.tensorflow.Tensor tensor = toTf(feed.getValue());
                        fed.add(tensor);
                        runner.feed(feed.getKey(), tensor);
                    }
                    for (String fetch : fetches) {
                        runner.fetch(fetch);
                    }
                    try (Result result = runner.run()) {
                        Map<String, Tensor> out = new LinkedHashMap<>();
                        for (int i = 0; i < fetches.size(); i++) {
                            out.put(fetches.get(i), fromTf(result.get(i)));
                        }
                        return out;
                    }
                } finally {
                    fed.forEach(org.tensorflow.Tensor::close);
                }
            }
        }
    }

    /** An nnport tensor as a new TensorFlow tensor (the caller closes it). */
    public static org.tensorflow.Tensor toTf(Tensor tensor) {
        org.tensorflow.ndarray.Shape shape = org.tensorflow.ndarray.Shape.of(toLongs(tensor.shape().dims()));
        if (tensor.dtype() == DType.STRING) {
            byte[][] values = new byte[tensor.size()][];
            for (int i = 0; i < values.length; i++) {
                values[i] = tensor.getString(i);
            }
            return TString.tensorOfBytes(shape, DataBuffers.ofObjects(values));
        }
        ByteBuffer bytes = ByteBuffer.allocate(tensor.size() * tensor.dtype().byteSize()).order(ByteOrder.nativeOrder());
        for (int i = 0; i < tensor.size(); i++) {
            switch (tensor.dtype()) {
                case FLOAT32 -> bytes.putFloat(tensor.getFloat(i));
                case INT32 -> bytes.putInt((int) tensor.getLong(i));
                case INT64 -> bytes.putLong(tensor.getLong(i));
                case BOOL -> bytes.put((byte) (tensor.getBool(i) ? 1 : 0));
                default -> throw new AssertionError(tensor.dtype());
            }
        }
        return org.tensorflow.Tensor.of(tfType(tensor.dtype()), shape, DataBuffers.of(bytes.array(), true, false));
    }

    /** A TensorFlow tensor as an nnport tensor (float32, int32, int64, bool). */
    public static Tensor fromTf(org.tensorflow.Tensor tensor) {
        Shape shape = Shape.ofLongs(tensor.shape().asArray());
        DType dtype = switch (tensor.dataType()) {
            case DT_FLOAT -> DType.FLOAT32;
            case DT_INT32 -> DType.INT32;
            case DT_INT64 -> DType.INT64;
            case DT_BOOL -> DType.BOOL;
            default -> throw new IllegalArgumentException("oracle cannot read TensorFlow type " + tensor.dataType());
        };
        byte[] raw = new byte[(int) tensor.numBytes()];
        tensor.asRawTensor().data().read(raw);
        ByteBuffer bytes = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
        Tensor.Builder out = Tensor.builder(dtype, shape);
        for (int i = 0; i < out.size(); i++) {
            switch (dtype) {
                case FLOAT32 -> out.setDouble(i, bytes.getFloat());
                case INT32 -> out.setLong(i, bytes.getInt());
                case INT64 -> out.setLong(i, bytes.getLong());
                case BOOL -> out.setBool(i, bytes.get() != 0);
                default -> throw new AssertionError(dtype);
            }
        }
        return out.build();
    }

    private static Class<? extends TType> tfType(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> TFloat32.class;
            case INT32 -> TInt32.class;
            case INT64 -> TInt64.class;
            case BOOL -> TBool.class;
            case STRING -> TString.class;
        };
    }

    private static long[] toLongs(int[] dims) {
        long[] out = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = dims[i];
        }
        return out;
    }
}
