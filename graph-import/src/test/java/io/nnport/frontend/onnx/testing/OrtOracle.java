package io.nnport.frontend.onnx.testing;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs an ONNX model in ONNX Runtime (CPU, one thread, all graph optimizations off): the ONNX oracle. */
public final class OrtOracle {
    private OrtOracle() {}

    public static Map<String, Tensor> run(byte[] model, Map<String, Tensor> feeds, List<String> outputs) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession session = env.createSession(model, options)) {
                Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
                try {
                    for (Map.Entry<String, Tensor> feed : feeds.entrySet()) {
                        inputs.put(feed.getKey(), toOrt(env, feed.getValue()));
                    }
                    Map<String, Tensor> results = new LinkedHashMap<>();
                    try (OrtSession.Result result = session.run(inputs)) {
                        for (String name : outputs) {
                            OnnxValue value = result.get(name).orElseThrow();
                            results.put(name, fromOrt((OnnxTensor) value));
                        }
                    }
                    return results;
                } finally {
                    inputs.values().forEach(OnnxTensor::close);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime: " + e.getMessage(), e);
        }
    }

    private static OnnxTensor toOrt(OrtEnvironment env, Tensor t) throws OrtException {
        long[] shape = java.util.Arrays.stream(t.shape().dims()).mapToLong(d -> d).toArray();
        return switch (t.dtype()) {
            case FLOAT32 -> OnnxTensor.createTensor(env, FloatBuffer.wrap(t.floats()), shape);
            case INT32 -> OnnxTensor.createTensor(env, IntBuffer.wrap(t.ints()), shape);
            case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap(t.longs()), shape);
            case BOOL -> {
                ByteBuffer bytes = ByteBuffer.allocateDirect(t.size());
                for (int i = 0; i < t.size(); i++) {
                    bytes.put(i, (byte) (t.getBool(i) ? 1 : 0));
                }
                yield OnnxTensor.createTensor(env, bytes, shape, OnnxJavaType.BOOL);
            }
            default -> throw new IllegalArgumentException("feed of " + t.dtype());
        };
    }

    private static Tensor fromOrt(OnnxTensor t) {
        long[] dims = t.getInfo().getShape();
        Shape shape = Shape.ofLongs(dims);
        return switch (t.getInfo().type) {
            case FLOAT -> {
                FloatBuffer b = t.getFloatBuffer();
                float[] v = new float[b.remaining()];
                b.get(v);
                yield Tensor.ofFloats(shape, v);
            }
            case INT32 -> {
                IntBuffer b = t.getIntBuffer();
                int[] v = new int[b.remaining()];
                b.get(v);
                yield Tensor.ofInts(shape, v);
            }
            case INT64 -> {
                LongBuffer b = t.getLongBuffer();
                long[] v = new long[b.remaining()];
                b.get(v);
                yield Tensor.ofLongs(shape, v);
            }
            case BOOL -> {
                ByteBuffer b = t.getByteBuffer();
                Tensor.Builder v = Tensor.builder(DType.BOOL, shape);
                for (int i = 0; i < v.size(); i++) {
                    v.setBool(i, b.get(i) != 0);
                }
                yield v.build();
            }
            default -> throw new IllegalArgumentException("output of " + t.getInfo().type);
        };
    }
}
