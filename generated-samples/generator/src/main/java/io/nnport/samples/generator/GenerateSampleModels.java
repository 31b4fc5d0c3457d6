package io.nnport.samples.generator;

import io.nnport.runtime.Npy;
import io.nnport.runtime.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

/**
 * Writes the sample models and their reference data to a directory (generated-samples/models):
 * for each {@link SampleModel}, {@code <name>.pb} (a frozen GraphDef built by TensorFlow Java) and
 * {@code <name>_in_b1.npy}, {@code <name>_out_b1.npy}, {@code <name>_in_b7.npy},
 * {@code <name>_out_b7.npy} (seeded inputs and TensorFlow's outputs for them).
 *
 * <p>Then it checks what it wrote: each .pb, read back from disk into a new TensorFlow graph and fed
 * the .npy inputs read back with nnport's reader, must reproduce the .npy outputs bit for bit; and
 * no softmax row may be saturated (a reference whose classes are all 0 or 1 would hide errors).
 * Any failure ends the run with an exception and a non-zero exit.
 *
 * <p>Usage: {@code GenerateSampleModels MODELS_DIR} (the Maven profile {@code regenerate} runs it).
 */
public final class GenerateSampleModels {
    private static final List<SampleModel> MODELS = List.of(new CharCnn(), new ImageCnn(), new Mlp());
    private static final int[] BATCHES = {1, 7};
    /** A softmax row whose largest probability reaches this is saturated. */
    private static final float SATURATED = 0.99f;

    /**
     * One thread per op and one op at a time: TensorFlow's CPU kernels then sum in the same order on
     * every run, so regenerating on the same machine rewrites the outputs byte for byte.
     */
    private static final ConfigProto SINGLE_THREADED =
            ConfigProto.newBuilder().setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1).build();

    private GenerateSampleModels() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: GenerateSampleModels MODELS_DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath().normalize();
        Files.createDirectories(dir);
        for (SampleModel model : MODELS) {
            generate(model, dir);
        }
    }

    private static void generate(SampleModel model, Path dir) throws IOException {
        Path graphFile = dir.resolve(model.name() + ".pb");
        List<Path> written = new ArrayList<>(List.of(graphFile));
        List<NpyArray> outputs = new ArrayList<>();
        long parameters;
        int nodes;
        try (KerasGraph keras = new KerasGraph(model.weightSeed())) {
            model.build(keras);
            byte[] graphDef = keras.toGraphDefBytes();
            Files.write(graphFile, graphDef);
            parameters = keras.parameterCount();
            nodes = GraphDef.parseFrom(graphDef).getNodeCount();
            for (int batch : BATCHES) {
                NpyArray input = referenceInput(model, batch);
                NpyArray output = run(keras.graph(), model, input);
                Npy.write(inputFile(dir, model, batch), input);
                Npy.write(outputFile(dir, model, batch), output);
                written.add(inputFile(dir, model, batch));
                written.add(outputFile(dir, model, batch));
                outputs.add(output);
            }
        }
        checkLoadBack(model, dir);
        System.out.printf("%s: %d nodes, %,d parameters, input %s %s, output %s%n", model.name(), nodes, parameters,
                model.inputName(), Arrays.toString(model.inputDims()), model.outputName());
        for (Path file : written) {
            System.out.printf("  %-22s %,12d bytes  sha256 %s%n", file.getFileName(), Files.size(file), sha256(file));
        }
        for (NpyArray output : outputs) {
            System.out.println("  " + describeSoftmax(output));
        }
        System.out.println("  load-back: the .pb and .npy files read back reproduce every output bit for bit");
    }

    /** Seeded per model and batch size, independent of the weights. */
    private static NpyArray referenceInput(SampleModel model, int batch) {
        long[] dims = model.inputDims();
        int[] shape = new int[dims.length + 1];
        shape[0] = batch;
        for (int i = 0; i < dims.length; i++) {
            shape[i + 1] = Math.toIntExact(dims[i]);
        }
        return NpyArray.of(model.referenceInput(batch, new Random(model.weightSeed() * 1000 + batch)), shape);
    }

    private static NpyArray run(Graph graph, SampleModel model, NpyArray input) {
        long[] dims = Arrays.stream(input.shape()).asLongStream().toArray();
        try (Session session = new Session(graph, SINGLE_THREADED);
                TFloat32 feed = TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(input.asFloats(), true, false));
                Result result = session.runner().feed(model.inputName(), feed).fetch(model.outputName()).run()) {
            TFloat32 fetched = (TFloat32) result.get(0);
            float[] values = new float[Math.toIntExact(fetched.size())];
            fetched.copyTo(DataBuffers.of(values, false, false));
            return NpyArray.of(values, Arrays.stream(fetched.shape().asArray()).mapToInt(Math::toIntExact).toArray());
        }
    }

    /** The written files alone must reproduce the references: nothing of the builder's graph is reused. */
    private static void checkLoadBack(SampleModel model, Path dir) throws IOException {
        try (Graph loaded = new Graph()) {
            loaded.importGraphDef(GraphDef.parseFrom(Files.readAllBytes(dir.resolve(model.name() + ".pb"))));
            for (int batch : BATCHES) {
                NpyArray expected = Npy.read(outputFile(dir, model, batch));
                NpyArray actual = run(loaded, model, Npy.read(inputFile(dir, model, batch)));
                if (!Arrays.equals(expected.shape(), actual.shape()) || !Arrays.equals(expected.asFloats(), actual.asFloats())) {
                    throw new IllegalStateException(model.name() + " batch " + batch
                            + ": the .pb read back from disk does not reproduce the written output");
                }
            }
        }
    }

    /** Per row: the winning class and its probability; fails on a saturated or non-normalized row. */
    private static String describeSoftmax(NpyArray output) {
        int[] shape = output.shape();
        int rows = shape[0];
        int classes = shape[1];
        float[] p = output.asFloats();
        StringBuilder text = new StringBuilder("batch " + rows + ": argmax/probability");
        for (int r = 0; r < rows; r++) {
            int best = 0;
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += p[r * classes + c];
                if (p[r * classes + c] > p[r * classes + best]) {
                    best = c;
                }
            }
            float top = p[r * classes + best];
            if (top >= SATURATED || Math.abs(sum - 1) > 1e-4) {
                throw new IllegalStateException("degenerate softmax row " + r + ": max " + top + ", sum " + sum);
            }
            text.append(String.format(" %d/%.3f", best, top));
        }
        return text.toString();
    }

    private static Path inputFile(Path dir, SampleModel model, int batch) {
        return dir.resolve(model.name() + "_in_b" + batch + ".npy");
    }

    private static Path outputFile(Path dir, SampleModel model, int batch) {
        return dir.resolve(model.name() + "_out_b" + batch + ".npy");
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
