package io.nnport.jmh;

import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.Npy;
import io.nnport.runtime.NpyArray;
import io.nnport.runtime.Parity;
import io.nnport.samples.CharcnnModel;
import io.nnport.samples.ImagecnnModel;
import io.nnport.samples.MlpModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The converted sample models of generated-samples, each with the TensorFlow model it was converted
 * from ({@code generated-samples/models/<name>.pb}) and its seeded reference inputs. Both nnport and
 * TensorFlow Java run on exactly these files. The models directory is {@value #MODELS_PROPERTY}
 * (default {@value #DEFAULT_MODELS}, relative to the repository root where the runner starts).
 */
public enum SampleModel {
    /** Zhang, Zhao and LeCun's character-level CNN, small variant. */
    CHARCNN(CharcnnModel::load, CharcnnModel.class, "CharcnnModel.nnpw", 741_113_868L,
            "sequential/dense_2/Softmax"),
    /** A small MobileNet-like NHWC image classifier (depthwise, residual, batch norm folded). */
    IMAGECNN(ImagecnnModel::load, ImagecnnModel.class, "ImagecnnModel.nnpw", 1_168_286L, "model/dense/Softmax"),
    /** A multi-layer perceptron, one dense layer per activation. */
    MLP(MlpModel::load, MlpModel.class, "MlpModel.nnpw", 76_446L, "sequential/dense_6/Softmax");

    /** Where the .pb and .npy files are. */
    public static final String MODELS_PROPERTY = "nnport.models.dir";
    public static final String DEFAULT_MODELS = "generated-samples/models";

    private final IntFunction<ConvertedModel> loader;
    private final Class<? extends ConvertedModel> type;
    private final String weightsResource;
    private final long flopsPerSample;
    private final String outputName;

    SampleModel(IntFunction<ConvertedModel> loader, Class<? extends ConvertedModel> type, String weightsResource,
                long flopsPerSample, String outputName) {
        this.loader = loader;
        this.type = type;
        this.weightsResource = weightsResource;
        this.flopsPerSample = flopsPerSample;
        this.outputName = outputName;
    }

    /** The TensorFlow tensor fed: every sample model's input is {@code input_1}. */
    public String inputName() {
        return "input_1";
    }

    /** The TensorFlow tensor fetched (the converted model's output spec has the same name). */
    public String outputName() {
        return outputName;
    }

    /** The model of a lower-case name ({@code charcnn}), as benchmark parameters spell it. */
    public static SampleModel named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Lower-case name, as in the file names and benchmark parameters. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Loads the converted model with {@code threads} intra-op threads. */
    public ConvertedModel load(int threads) {
        return loader.apply(threads);
    }

    /** The generated model class, by name (as a program that embeds it would load it). */
    public String modelClassName() {
        return type.getName();
    }

    /** FLOPs of one sample, from the generated class's header (the converter counts them per layer). */
    public long flopsPerSample() {
        return flopsPerSample;
    }

    /** Bytes of the embedded weights resource (float32 tensors as the converter wrote them). */
    public long weightBytes() {
        URL url = type.getResource(weightsResource);
        if (url == null) {
            throw new IllegalStateException("no weights resource " + weightsResource + " next to " + type.getName());
        }
        try {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            return connection.getContentLengthLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path modelsDir() {
        return Path.of(System.getProperty(MODELS_PROPERTY, DEFAULT_MODELS));
    }

    /** The TensorFlow GraphDef the model was converted from. */
    public Path graphDef() {
        return modelsDir().resolve(id() + ".pb");
    }

    /** The seeded batch-1 reference input. */
    public Path inputBatch1() {
        return modelsDir().resolve(id() + "_in_b1.npy");
    }

    /** The input's shape for {@code batch} samples (the reference input's, batch axis replaced). */
    public int[] inputShape(int batch) {
        try {
            int[] shape = Npy.read(inputBatch1()).shape();
            shape[0] = batch;
            return shape;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A seeded input of {@code batch} samples: the batch-1 reference input for batch 1, else the
     * seven samples of the batch-7 reference input repeated in order (the same data for both
     * engines; their classes differ, so no two neighbouring rows are alike).
     */
    public float[] seededInput(int batch) {
        return seededInput(id(), batch);
    }

    /** {@link #seededInput(int)} of any sample of the models directory, by its file-name prefix. */
    static float[] seededInput(String id, int batch) {
        try {
            if (batch == 1) {
                return Npy.read(modelsDir().resolve(id + "_in_b1.npy")).asFloats();
            }
            NpyArray seven = Npy.read(modelsDir().resolve(id + "_in_b7.npy"));
            float[] rows = seven.asFloats();
            int perSample = rows.length / seven.shape()[0];
            float[] input = new float[batch * perSample];
            for (int i = 0; i < batch; i++) {
                System.arraycopy(rows, (i % seven.shape()[0]) * perSample, input, i * perSample, perSample);
            }
            return input;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reference inputs of " + id + " under " + modelsDir()
                    + " (run from the repository root, or set -D" + MODELS_PROPERTY + ")", e);
        }
    }

    /**
     * Throws unless {@code actual} matches TensorFlow's {@code expected} by nnport's parity contract
     * ({@link Parity}: max |actual - tf| &lt;= 1e-4 * max(1, max |tf|), same arg max per row).
     */
    static void checkParity(String what, float[] expected, float[] actual, int rowLength) {
        String mismatch = Parity.mismatch(expected, actual, rowLength);
        if (mismatch != null) {
            throw new IllegalStateException(what + " does not match TensorFlow: " + mismatch);
        }
    }
}
