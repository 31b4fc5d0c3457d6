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
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Tensor;
import io.nnport.kernels.testing.Tolerance;
import io.nnport.testing.NpyFiles;
import io.nnport.testing.OnnxModelFiles;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
    /**
     * ONNX Runtime against PyTorch, both float32 on the CPU: the same operations, summed in another
     * order (their GEMM and convolution kernels block differently).
     */
    private static final Tolerance PYTORCH_PARITY = Tolerance.APPROX;

    private static OrtEnvironment env;
    private static OrtSession.SessionOptions options;

    @BeforeAll
    static void startRuntime() throws OrtException {
        env = OrtEnvironment.getEnvironment();
        options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        // The tf2onnx files carry initializers no node reads (PROVENANCE.md); ORT warns about each.
        options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
    }

    @AfterAll
    static void stopRuntime() {
        options.close();
    }

    static Stream<Arguments> pytorchSampleBatches() {
        return OnnxModelFiles.PYTORCH_SAMPLES.stream()
                .flatMap(name -> OnnxModelFiles.PYTORCH_BATCHES.stream().map(batch -> Arguments.of(name, batch)));
    }

    @ParameterizedTest(name = "{0} batch {1}")
    @MethodSource("pytorchSampleBatches")
    void onnxRuntimeReproducesPyTorchOutputs(String name, int batch) throws OrtException {
        Tensor input = NpyFiles.read(OnnxModelFiles.pytorchInput(name, batch));
        Tensor expected = NpyFiles.read(OnnxModelFiles.pytorchOutput(name, batch));
        assertEquals(batch, input.shape().dim(0), name + " input batch");
        try (OrtSession session = env.createSession(OnnxModelFiles.pytorchSample(name).toString(), options)) {
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

    /** The directory, PROVENANCE.md and the feeds of OnnxModelFiles list the same models. */
    @Test
    void everyRealModelHasProvenanceAndAFeed() throws IOException {
        TreeSet<String> files;
        try (Stream<Path> list = Files.list(OnnxModelFiles.realDirectory())) {
            files = list.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".onnx"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(files, new TreeSet<>(provenanceSha256().keySet()), "models/onnx-real against PROVENANCE.md");
        assertEquals(files, new TreeSet<>(OnnxModelFiles.realModels()), "models/onnx-real against the feeds of OnnxModelFiles");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.nnport.testing.OnnxModelFiles#realModels")
    void realModelIsTheFileProvenanceDescribes(String file) throws IOException, NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(OnnxModelFiles.real(file)));
        assertEquals(provenanceSha256().get(file), HexFormat.of().formatHex(digest), file + " sha256");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.nnport.testing.OnnxModelFiles#realModels")
    void realModelRunsInOnnxRuntime(String file) throws OrtException {
        OnnxModelFiles.Feed feed = OnnxModelFiles.feed(file);
        RandomTensors random = new RandomTensors(file.hashCode());
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OrtSession session = env.createSession(OnnxModelFiles.real(file).toString(), options)) {
            assertTrue(session.getInputNames().containsAll(feed.inputNames()), file + " has inputs " + feed.inputNames());
            for (Map.Entry<String, NodeInfo> input : session.getInputInfo().entrySet()) {
                String name = input.getKey();
                TensorInfo declared = tensorInfo(input.getValue());
                Tensor value = feed.input(file, name, declared.getShape(), random);
                assertEquals(declared.getShape().length, value.rank(), file + ": rank of input " + name);
                assertEquals(value.dtype() == DType.INT64 ? OnnxJavaType.INT64 : OnnxJavaType.FLOAT, declared.type,
                        file + ": dtype of input " + name);
                inputs.put(name, ortTensor(value));
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

    /** PROVENANCE.md's table: file name (first column) to the sha256 column. */
    private static Map<String, String> provenanceSha256() {
        List<List<String>> rows;
        try (Stream<String> lines = Files.lines(OnnxModelFiles.realDirectory().resolve("PROVENANCE.md"))) {
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
