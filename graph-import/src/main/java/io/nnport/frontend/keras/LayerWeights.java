package io.nnport.frontend.keras;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * The weights of a Keras model's layers, read on demand from its HDF5 weights, in the order the
 * layer creates them (Dense: kernel, bias; BatchNormalization: gamma, beta, moving mean, moving
 * variance, without the ones {@code scale}/{@code center} turn off).
 *
 * <p>Two layouts: Keras 2 / tf.keras {@code .h5} files keep, under {@code model_weights/<layer>},
 * a {@code weight_names} attribute listing the layer's datasets (paths relative to the layer's group,
 * e.g. {@code dense/kernel:0}); Keras 3 {@code model.weights.h5} keeps {@code <path>/vars/0},
 * {@code 1}, ..., where the path names the layer not by its name but by its class in snake case,
 * numbered within its model ({@code layers/dense}, {@code layers/dense_1},
 * {@code layers/sequential/layers/conv2d}; see {@link #keras3Path}). A layer without weights has an
 * empty list.
 */
public final class LayerWeights {

    private final String source;
    private final Group root;
    private final boolean keras3;

    private LayerWeights(String source, Group root, boolean keras3) {
        this.source = source;
        this.root = root;
        this.keras3 = keras3;
    }

    /** Keras 2 layout: {@code root} is the {@code model_weights} group (or a weights-only file's root). */
    static LayerWeights keras2(String source, Group root) {
        return new LayerWeights(source, root, false);
    }

    /** Keras 3 layout: {@code root} is the weights file's root, holding {@code layers/}. */
    static LayerWeights keras3(String source, Group root) {
        return new LayerWeights(source, root, true);
    }

    /** True for the Keras 3 layout, whose layer paths {@link #keras3Path} gives. */
    boolean keras3() {
        return keras3;
    }

    /**
     * A Keras 3 weights path segment: the class name in snake case ({@code BatchNormalization} ->
     * {@code batch_normalization}, {@code Conv2D} -> {@code conv2d}), Keras's own rule.
     */
    static String snakeCase(String className) {
        String name = className.replaceAll("\\W+", "");
        name = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The weights of a layer, in creation order: Keras 2's path is the layer name (a nested model's
     * layer: {@code outer/inner}); Keras 3's is the layer's path in the weights file.
     */
    public List<Tensor> of(String path) {
        try {
            return keras3 ? keras3Weights(path) : keras2Weights(path);
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException e) {
            // jhdf's message, not the exception: its class is not the user's business
            String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
            throw ModelException.of(source, "damaged HDF5 object in the weights of layer '" + path + "'" + detail, e);
        }
    }

    /**
     * A nested model's layer {@code outer/inner} has no group of its own: Keras 2 keeps all of the
     * nested model's weights in {@code outer}'s group, named by variable ({@code inner/kernel:0}),
     * so its weights are those whose names start with {@code inner/}.
     */
    private List<Tensor> keras2Weights(String path) {
        int slash = path.indexOf('/');
        Group group = childGroup(root, slash < 0 ? path : path.substring(0, slash));
        if (group == null) {
            return List.of();
        }
        Attribute names = group.getAttribute("weight_names");
        if (names == null) {
            return List.of();
        }
        String prefix = slash < 0 ? "" : path.substring(path.lastIndexOf('/') + 1) + "/";
        List<Tensor> weights = new ArrayList<>();
        for (String name : strings(names.getData())) {
            if (!name.startsWith(prefix)) {
                continue;
            }
            Node node = group.getByPath(name);
            if (!(node instanceof Dataset dataset)) {
                throw ModelException.of(source, "layer '" + path + "' lists weight '" + name + "', which is not a dataset");
            }
            weights.add(tensor(dataset, path + "/" + name));
        }
        return weights;
    }

    private List<Tensor> keras3Weights(String path) {
        Group layer = childGroup(root, path);
        Group vars = layer == null ? null : childGroup(layer, "vars");
        if (vars == null) {
            return List.of();
        }
        List<Tensor> weights = new ArrayList<>();
        for (int i = 0; vars.getChild(Integer.toString(i)) != null; i++) {
            Node node = vars.getChild(Integer.toString(i));
            if (!(node instanceof Dataset dataset)) {
                throw ModelException.of(source, "layer '" + path + "' var " + i + " is not a dataset");
            }
            weights.add(tensor(dataset, path + "/vars/" + i));
        }
        return weights;
    }

    /** The group at {@code path} below {@code parent}; null when there is none. */
    private static Group childGroup(Group parent, String path) {
        Group group = parent;
        for (String part : path.split("/")) {
            Node child = group.getChild(part);
            if (!(child instanceof Group next)) {
                return null;
            }
            group = next;
        }
        return group;
    }

    private Tensor tensor(Dataset dataset, String what) {
        long size = dataset.getSize();
        if (size > Tensor.MAX_ELEMENTS) {
            throw ModelException.of(source, "weight '" + what + "' has " + size + " elements, more than the "
                    + Tensor.MAX_ELEMENTS + " a tensor may hold");
        }
        Shape shape = Shape.of(dataset.getDimensions());
        Object data = dataset.isScalar() ? dataset.getData() : dataset.getDataFlat();
        float[] values = new float[(int) size];
        if (data instanceof float[] floats && floats.length == values.length) {
            System.arraycopy(floats, 0, values, 0, values.length);
        } else if (data instanceof double[] doubles && doubles.length == values.length) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) doubles[i];
            }
        } else if (data instanceof long[] longs && longs.length == values.length) {
            // Integer weights (Normalization's sample count) are read as floats: no layer computes with them exactly.
            for (int i = 0; i < values.length; i++) {
                values[i] = longs[i];
            }
        } else if (data instanceof Number n && values.length == 1) {
            values[0] = n.floatValue();
        } else {
            throw ModelException.of(source, "weight '" + what + "' holds " + dataset.getJavaType().getSimpleName()
                    + " values; only float32 and float64 weights are read");
        }
        return Tensor.ofFloats(shape, values);
    }

    /** An attribute's strings: a string, an array of strings (h5py writes both). */
    static List<String> strings(Object data) {
        if (data instanceof String s) {
            return List.of(s);
        }
        List<String> list = new ArrayList<>();
        if (data != null && data.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(data); i++) {
                list.addAll(strings(Array.get(data, i)));
            }
        }
        return list;
    }
}
