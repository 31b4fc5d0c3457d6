package io.nnport.frontend;

import io.nnport.ir.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the user tells the importer besides the model file (the converter's CLI options).
 *
 * @param inputShapes {@code --input NAME=d0,d1,...}: the shape of a placeholder; {@code -1} or
 *                    {@code ?} in dimension 0 keeps the batch dynamic. Naming another node cuts
 *                    the graph there: its output becomes an input of that shape
 * @param constants   {@code --constant NAME=VALUE}: a placeholder replaced by a constant (e.g.
 *                    {@code is_train=false}, {@code keras_learning_phase=0}, {@code keep_prob=1})
 * @param outputs     {@code --output NAME,...}: the tensors to compute; empty means the graph's sinks
 * @param log         receives one line per pass (label and node-count change); may be null
 * @param signature   {@code --signature KEY}: the SavedModel signature to convert; null means
 *                    {@code serving_default}
 * @param tag         {@code --tag TAG}: the SavedModel meta graph to read; null means {@code serve}
 */
public record ImportOptions(Map<String, Shape> inputShapes, Map<String, String> constants, List<String> outputs,
        Consumer<String> log, String signature, String tag) {

    /** Options without a SavedModel signature or tag (their defaults apply). */
    public ImportOptions(Map<String, Shape> inputShapes, Map<String, String> constants, List<String> outputs,
            Consumer<String> log) {
        this(inputShapes, constants, outputs, log, null, null);
    }

    public ImportOptions {
        inputShapes = Map.copyOf(inputShapes);
        constants = Map.copyOf(constants);
        outputs = List.copyOf(outputs);
    }

    /** No shapes, constants or outputs given; no log. */
    public static ImportOptions defaults() {
        return new ImportOptions(Map.of(), Map.of(), List.of(), null);
    }

    public ImportOptions withInput(String name, Shape shape) {
        Map<String, Shape> shapes = new LinkedHashMap<>(inputShapes);
        shapes.put(name, shape);
        return new ImportOptions(shapes, constants, outputs, log, signature, tag);
    }

    public ImportOptions withConstant(String name, String value) {
        Map<String, String> values = new LinkedHashMap<>(constants);
        values.put(name, value);
        return new ImportOptions(inputShapes, values, outputs, log, signature, tag);
    }

    public ImportOptions withOutputs(List<String> names) {
        return new ImportOptions(inputShapes, constants, names, log, signature, tag);
    }

    public ImportOptions withLog(Consumer<String> newLog) {
        return new ImportOptions(inputShapes, constants, outputs, newLog, signature, tag);
    }

    public ImportOptions withSignature(String key) {
        return new ImportOptions(inputShapes, constants, outputs, log, key, tag);
    }

    public ImportOptions withTag(String newTag) {
        return new ImportOptions(inputShapes, constants, outputs, log, signature, newTag);
    }

    /**
     * Parses {@code NAME=d0,d1,...} (the {@code --input} syntax); {@code -1} or {@code ?} is an
     * unknown (batch) dimension.
     */
    public ImportOptions withInputSpec(String spec) {
        int eq = spec.lastIndexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--input expects NAME=d0,d1,..., got '" + spec + "'");
        }
        List<Integer> dims = new ArrayList<>();
        String list = spec.substring(eq + 1).trim();
        if (!list.isEmpty()) {
            for (String part : list.split(",")) {
                String dim = part.trim();
                try {
                    dims.add(dim.equals("?") ? Shape.UNKNOWN : Integer.parseInt(dim));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--input " + spec + ": '" + dim + "' is not a dimension");
                }
                if (dims.get(dims.size() - 1) < Shape.UNKNOWN) {
                    throw new IllegalArgumentException("--input " + spec + ": negative dimension " + dim);
                }
            }
        }
        return withInput(spec.substring(0, eq), Shape.of(dims.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** Parses {@code NAME=VALUE} (the {@code --constant} syntax). */
    public ImportOptions withConstantSpec(String spec) {
        int eq = spec.lastIndexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--constant expects NAME=VALUE, got '" + spec + "'");
        }
        return withConstant(spec.substring(0, eq), spec.substring(eq + 1).trim());
    }
}
