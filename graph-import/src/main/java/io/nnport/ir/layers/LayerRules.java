package io.nnport.ir.layers;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks and small pieces the layer kinds share. */
final class LayerRules {
    private LayerRules() {}

    static void arity(List<?> inputs, int count, String kind) {
        if (inputs.size() != count) {
            throw new IllegalArgumentException(kind + " takes " + count + " runtime input(s), has " + inputs.size());
        }
    }

    static List<TensorType> one(TensorType type) {
        return List.of(type);
    }

    static List<TensorType> one(DType dtype, Shape shape) {
        return List.of(new TensorType(dtype, shape));
    }

    static void requireFloat(TensorType x, String kind) {
        if (x.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(kind + " supports float32 only, not " + x.dtype());
        }
    }

    /** True when dimension 0 is the dynamic batch. */
    static boolean batched(TensorType type) {
        return type.rank() > 0 && type.dim(0) == Shape.UNKNOWN;
    }

    /** The tensors by role, skipping absent (null) ones. */
    static Map<String, Tensor> named(Object... rolesAndTensors) {
        Map<String, Tensor> map = new LinkedHashMap<>();
        for (int i = 0; i < rolesAndTensors.length; i += 2) {
            if (rolesAndTensors[i + 1] != null) {
                map.put((String) rolesAndTensors[i], (Tensor) rolesAndTensors[i + 1]);
            }
        }
        return map;
    }

    static Map<String, Tensor> withEpilogue(Map<String, Tensor> map, Epilogue epilogue) {
        Map<String, Tensor> all = new LinkedHashMap<>(map);
        if (epilogue.scale() != null) {
            all.put("scale", epilogue.scale());
        }
        if (epilogue.shift() != null) {
            all.put("shift", epilogue.shift());
        }
        return all;
    }

    static void checkChannels(Epilogue epilogue, int channels, String kind) {
        if (epilogue.channels() >= 0 && epilogue.channels() != channels) {
            throw new IllegalArgumentException(kind + " epilogue has " + epilogue.channels() + " channels for " + channels + " outputs");
        }
    }

    static Traits epilogueTraits(Epilogue epilogue) {
        return new Traits(false, Traits.InPlace.NONE, false, epilogue.preservesZero(), false);
    }

    /** The epilogue's description after a space, or nothing. */
    static String suffix(Epilogue epilogue) {
        String text = epilogue.describe();
        return text.isEmpty() ? "" : " " + text;
    }

    /** {@code shape} with a 1 inserted at {@code axis}. */
    static Shape insertOne(Shape shape, int axis) {
        int[] dims = shape.dims();
        int[] out = new int[dims.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            out[i] = i == axis ? 1 : dims[j++];
        }
        return Shape.of(out);
    }

    /** {@code shape} without dimension {@code axis}. */
    static Shape remove(Shape shape, int axis) {
        int[] dims = shape.dims();
        int[] out = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != axis) {
                out[j++] = dims[i];
            }
        }
        return Shape.of(out);
    }

    static long[] longs(List<Integer> values) {
        return values.stream().mapToLong(Integer::longValue).toArray();
    }
}
