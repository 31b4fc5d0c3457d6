package io.nnport.frontend.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Tensor;
import io.nnport.kernels.testing.Tolerance;
import io.nnport.testing.NpyFiles;
import io.nnport.testing.RandomTensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ONNX test material checked against ONNX Runtime, independently of nnport's front end, so that
 * a front-end test failing on it points at the front end, not at the material:
 * <ul>
 *   <li>the PyTorch samples ({@code generated-samples/models/torch_*.onnx}, written by
 *       {@code generated-samples/pytorch/export_samples.py}): ONNX Runtime run on the committed
 *       inputs reproduces PyTorch's committed outputs;</li>
 *   <li>the real ONNX files of {@code models/onnx-real}: each is the file PROVENANCE.md describes
 *       (its sha256), loads, and runs on seeded random input of its declared shape.</li>
 * </ul>
 */
class OnnxSamplesOracleTest {
    private static final Path SAMPLES = Path.of("../generated-samples/models");
    private static final Path REAL = Path.of("../models/onnx-real");
    private static final Path PROVENANCE = REAL.resolve("PROVENANCE.md");

    private static final List<String> PYTORCH_SAMPLES = List.of("torch_charcnn", "torch_mobilenetv2", "torch_transformer");

    /**
     * ONNX Runtime against PyTorch, both float32 on the CPU: the same operations, summed in another
     * order (their GEMM and convolution kernels block differently).
     */
    private static final Tolerance PYTORCH_PARITY = Tolerance.APPROX;

    /**
     * How each real model is fed: a size for every symbolic dimension of its inputs (none is
     * guessed), and the value of inputs that are settings rather than data. Inputs not listed keep
     * their declared shape, which must then be fixed.
     */
    private static final Map<String, Feed> FEEDS = Map.of(
            "blazeface_front128_tf2onnx_opset12.onnx", Feed.DECLARED,
            "mlsd_tiny320_tf2onnx_opset11.onnx", Feed.DECLARED,
            // Paddle's dimensions are all symbolic: the sizes PaddleOCR feeds (height 48 for the
            // classifier and recognizer; the detector takes multiples of 32).
            "ppocr_v2_cls_paddle_opset9.onnx", Feed.DECLARED.shape("x", 2, 3, 48, 192),
            "ppocr_v4_det_paddle_opset11.onnx", Feed.DECLARED.shape("x", 1, 3, 320, 320),
            "ppocr_v4_rec_paddle_opset9.onnx", Feed.DECLARED.shape("x", 2, 3, 48, 320),
            // Two streams of 512 samples (32 ms at 16 kHz) with their LSTM states; sr is the sample
            // rate, one of the two the model accepts (8000 or 16000).
            "silero_vad_v4_pytorch_opset16.onnx", Feed.DECLARED.shape("input", 2, 512).shape("h", 2, 2, 64)
                    .shape("c", 2, 2, 64).setting("sr", 16000),
            "ultraface_rfb320_pytorch_opset9.onnx", Feed.DECLARED,
            "zoo_mnist_cntk_opset8.onnx", Feed.DECLARED);

    private static OrtEnvironment env;
    private static OrtSession.SessionOptions options;

    @BeforeAll
    static void startRuntime() throws OrtException {
        env = OrtEnvironment.getEnvironment();
        options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
    }

    @AfterAll
    static void stopRuntime() {
        options.close();
    }

    static Stream<Arguments> pytorchSampleBatches() {
        return PYTORCH_SAMPLES.stream().flatMap(name -> Stream.of(Arguments.of(name, 1), Arguments.of(name, 7)));
    }

    @ParameterizedTest(name = "{0} batch {1}")
    @MethodSource("pytorchSampleBatches")
    void onnxRuntimeReproducesPyTorchOutputs(String name, int batch) throws OrtException {
        Tensor input = NpyFiles.read(SAMPLES.resolve(name + "_in_b" + batch + ".npy"));
        Tensor expected = NpyFiles.read(SAMPLES.resolve(name + "_out_b" + batch + ".npy"));
        assertEquals(batch, input.shape().dim(0), name + " input batch");
        try (OrtSession session = env.createSession(SAMPLES.resolve(name + ".onnx").toString(), options)) {
            assertEquals(1, session.getNumInputs(), name + " inputs");
            assertEquals(1, session.getNumOutputs(), name + " outputs");
            String inputName = session.getInputNames().iterator().next();
            assertEquals("batch", tensorInfo(session.getInputInfo().get(inputName)).getDimensionNames()[0],
                    name + ": dimension 0 of the input is the dynamic batch");
            try (OnnxTensor feed = ortTensor(input);
                    OrtSession.Result result = session.run(Map.of(inputName, feed))) {
                OnnxTensor output = (OnnxTensor) result.get(0);
                assertArrayEquals(Arrays.stream(expected.shape().dims()).asLongStream().toArray(),
                        output.getInfo().getShape(), name + " output shape");
                PYTORCH_PARITY.assertMatches(expected.floats(), floats(output), name + " batch " + batch);
            }
        }
    }

    /** The directory, PROVENANCE.md and the feeds above list the same models. */
    @Test
    void everyRealModelHasProvenanceAndAFeed() throws IOException {
        TreeSet<String> files;
        try (Stream<Path> list = Files.list(REAL)) {
            files = list.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".onnx"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(files, new TreeSet<>(provenanceSha256().keySet()), "models/onnx-real against PROVENANCE.md");
        assertEquals(files, new TreeSet<>(FEEDS.keySet()), "models/onnx-real against FEEDS");
    }

    static List<String> realModels() {
        return FEEDS.keySet().stream().sorted().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realModels")
    void realModelIsTheFileProvenanceDescribes(String file) throws IOException, NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(REAL.resolve(file)));
        assertEquals(provenanceSha256().get(file), HexFormat.of().formatHex(digest), file + " sha256");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realModels")
    void realModelRunsInOnnxRuntime(String file) throws OrtException {
        Feed feed = FEEDS.get(file);
        RandomTensors random = new RandomTensors(file.hashCode());
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OrtSession session = env.createSession(REAL.resolve(file).toString(), options)) {
            assertTrue(session.getInputNames().containsAll(feed.inputNames()), file + " has inputs " + feed.inputNames());
            for (Map.Entry<String, NodeInfo> input : session.getInputInfo().entrySet()) {
                String name = input.getKey();
                TensorInfo declared = tensorInfo(input.getValue());
                if (feed.settings.containsKey(name)) {
                    assertEquals(0, declared.getShape().length, file + ": setting " + name + " is a scalar");
                    assertEquals(OnnxJavaType.INT64, declared.type, file + ": setting " + name + " is an int64");
                    inputs.put(name, OnnxTensor.createTensor(env, feed.settings.get(name)));
                } else {
                    assertEquals(OnnxJavaType.FLOAT, declared.type, file + ": input " + name + " is float data");
                    long[] shape = feed.shapeOf(file, name, declared.getShape());
                    inputs.put(name, ortTensor(random.floats(Arrays.stream(shape).mapToInt(Math::toIntExact).toArray())));
                }
            }
            try (OrtSession.Result result = session.run(inputs)) {
                assertEquals(session.getNumOutputs(), result.size(), file + " outputs");
                for (Map.Entry<String, OnnxValue> output : result) {
                    OnnxTensor tensor = (OnnxTensor) output.getValue();
                    long[] declared = tensorInfo(session.getOutputInfo().get(output.getKey())).getShape();
                    long[] actual = tensor.getInfo().getShape();
                    assertEquals(declared.length, actual.length, file + " rank of " + output.getKey());
                    for (int axis = 0; axis < declared.length; axis++) {
                        assertTrue(declared[axis] < 0 || declared[axis] == actual[axis],
                                file + ": " + output.getKey() + " " + Arrays.toString(actual) + " against declared "
                                        + Arrays.toString(declared));
                    }
                    if (tensor.getInfo().type == OnnxJavaType.FLOAT) {
                        assertTrue(allFinite(floats(tensor)), file + ": " + output.getKey() + " has a NaN or an infinity");
                    }
                }
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** A real model's feed: input shapes fixing its symbolic dimensions, and setting values. */
    private record Feed(Map<String, long[]> shapes, Map<String, Long> settings) {
        static final Feed DECLARED = new Feed(Map.of(), Map.of());

        Feed shape(String input, long... dims) {
            Map<String, long[]> more = new HashMap<>(shapes);
            more.put(input, dims);
            return new Feed(Map.copyOf(more), settings);
        }

        Set<String> inputNames() {
            Set<String> names = new HashSet<>(shapes.keySet());
            names.addAll(settings.keySet());
            return names;
        }

        Feed setting(String input, long value) {
            Map<String, Long> more = new HashMap<>(settings);
            more.put(input, value);
            return new Feed(shapes, Map.copyOf(more));
        }

        /** The shape to feed: ours where we fixed it, agreeing with every fixed declared dimension. */
        long[] shapeOf(String file, String input, long[] declared) {
            long[] shape = shapes.getOrDefault(input, declared);
            String context = file + ": input " + input + " declared " + Arrays.toString(declared) + ", fed "
                    + Arrays.toString(shape);
            assertEquals(declared.length, shape.length, context);
            for (int axis = 0; axis < declared.length; axis++) {
                assertTrue(shape[axis] > 0 && (declared[axis] < 0 || declared[axis] == shape[axis]), context);
            }
            return shape;
        }
    }

    /** PROVENANCE.md's table: file name (first column) to the sha256 column. */
    private static Map<String, String> provenanceSha256() {
        List<List<String>> rows;
        try (Stream<String> lines = Files.lines(PROVENANCE)) {
            rows = lines.filter(l -> l.startsWith("|"))
                    .map(l -> Arrays.stream(l.substring(1, l.lastIndexOf('|')).split("\\|")).map(String::strip).toList())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int sha = rows.get(0).indexOf("sha256");
        assertTrue(sha > 0, "PROVENANCE.md has a sha256 column");
        return rows.stream().skip(2).collect(Collectors.toMap(r -> r.get(0), r -> r.get(sha)));
    }

    private static TensorInfo tensorInfo(NodeInfo node) {
        return (TensorInfo) node.getInfo();
    }

    private static OnnxTensor ortTensor(Tensor tensor) throws OrtException {
        long[] shape = Arrays.stream(tensor.shape().dims()).asLongStream().toArray();
        if (tensor.dtype() == DType.INT64) {
            return OnnxTensor.createTensor(env, LongBuffer.wrap(tensor.longs()), shape);
        }
        assertEquals(DType.FLOAT32, tensor.dtype(), "inputs are float32 or int64");
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(tensor.floats()), shape);
    }

    private static float[] floats(OnnxTensor tensor) {
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
