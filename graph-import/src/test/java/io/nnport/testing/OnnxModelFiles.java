package io.nnport.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ONNX test material: the PyTorch samples of {@code generated-samples/models} (written by
 * {@code generated-samples/pytorch/export_samples.py}, with PyTorch's outputs) and the real ONNX
 * files of {@code models/onnx-real} (see its PROVENANCE.md), with the feed each real file is run on.
 */
public final class OnnxModelFiles {
    private OnnxModelFiles() {}

    /** The PyTorch samples, each {@code <name>.onnx} with one input and one output, batch dynamic. */
    public static final List<String> PYTORCH_SAMPLES = List.of("torch_charcnn", "torch_mobilenetv2", "torch_transformer");

    /** The batches of the PyTorch samples' reference files. */
    public static final List<Integer> PYTORCH_BATCHES = List.of(1, 7);

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

    /** The repository root: the first directory above the working directory with models/onnx-real. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("models/onnx-real"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no models/onnx-real above " + Path.of("").toAbsolutePath());
    }

    public static Path pytorchSample(String name) {
        return samples().resolve(name + ".onnx");
    }

    /** {@code <name>_in_b<batch>.npy}: the seeded reference input. */
    public static Path pytorchInput(String name, int batch) {
        return samples().resolve(name + "_in_b" + batch + ".npy");
    }

    /** {@code <name>_out_b<batch>.npy}: PyTorch's output for the reference input. */
    public static Path pytorchOutput(String name, int batch) {
        return samples().resolve(name + "_out_b" + batch + ".npy");
    }

    private static Path samples() {
        return root().resolve("generated-samples/models");
    }

    public static Path realDirectory() {
        return root().resolve("models/onnx-real");
    }

    /** The real ONNX files that have a feed, sorted by name. */
    public static List<String> realModels() {
        return FEEDS.keySet().stream().sorted().toList();
    }

    public static Path real(String file) {
        return realDirectory().resolve(file);
    }

    public static Feed feed(String file) {
        Feed feed = FEEDS.get(file);
        if (feed == null) {
            throw new IllegalArgumentException("no feed for " + file);
        }
        return feed;
    }

    /** A real model's feed: input shapes fixing its symbolic dimensions, and setting values. */
    public record Feed(Map<String, long[]> shapes, Map<String, Long> settings) {
        static final Feed DECLARED = new Feed(Map.of(), Map.of());

        Feed shape(String input, long... dims) {
            Map<String, long[]> more = new HashMap<>(shapes);
            more.put(input, dims);
            return new Feed(Map.copyOf(more), settings);
        }

        Feed setting(String input, long value) {
            Map<String, Long> more = new HashMap<>(settings);
            more.put(input, value);
            return new Feed(shapes, Map.copyOf(more));
        }

        /** Every input this feed names. */
        public Set<String> inputNames() {
            Set<String> names = new HashSet<>(shapes.keySet());
            names.addAll(settings.keySet());
            return names;
        }

        /**
         * The tensor to feed {@code input} whose declared shape is {@code declared} (-1 for a
         * symbolic dimension): the setting's int64 scalar, or uniform floats in [-1, 1) from
         * {@code random} of {@link #shapeOf}'s shape.
         */
        public Tensor input(String file, String input, long[] declared, RandomTensors random) {
            if (settings.containsKey(input)) {
                return Tensor.ofLongs(Shape.scalar(), settings.get(input));
            }
            return random.floats(Arrays.stream(shapeOf(file, input, declared)).mapToInt(Math::toIntExact).toArray());
        }

        /**
         * The shape to feed {@code input} whose declared shape is {@code declared} (-1 for a
         * symbolic dimension): this feed's where it fixes one, agreeing with every fixed declared
         * dimension, else the declared one, which must then be fixed.
         */
        public long[] shapeOf(String file, String input, long[] declared) {
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
}
