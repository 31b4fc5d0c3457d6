package io.nnport.converter.codegen;

import io.nnport.ir.Tensor;
import io.nnport.runtime.WeightStorage;
import io.nnport.runtime.WeightsFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tensors a model embeds, in the order the generated code declares them, each kept in a
 * {@link WeightStorage}: the storage gives the weights file's dtype code, the reader the generated
 * code calls and, for GEMM weights, the packing.
 */
public final class WeightTable {

    private record Embedded(Tensor tensor, WeightStorage storage) {}

    private long params;

    private final Map<String, Embedded> tensors = new LinkedHashMap<>();

    /**
     * Adds {@code tensor} under {@code name} (unique) and returns the storage it is kept in: its own
     * dtype, float32 or int32; other dtypes cannot be embedded.
     */
    public WeightStorage add(String name, Tensor tensor) {
        WeightStorage storage = storage(tensor, name);
        if (tensors.putIfAbsent(name, new Embedded(tensor, storage)) != null) {
            throw new IllegalStateException("weights " + name + " declared twice");
        }
        params += tensor.size();
        return storage;
    }

    /** The storage {@code tensor} (embedded as {@code name}) is kept in: its own dtype, float32 or int32. */
    static WeightStorage storage(Tensor tensor, String name) {
        return switch (tensor.dtype()) {
            case FLOAT32 -> WeightStorage.FLOAT32;
            case INT32 -> WeightStorage.INT32;
            default -> throw new UnsupportedLayerException("weights " + name + " are " + tensor.dtype()
                    + "; only float32 and int32 constants can be embedded");
        };
    }

    /** Parameter count: all embedded elements. */
    public long params() {
        return params;
    }

    /** The weights resource: {@link WeightsFile}'s format. */
    public byte[] encode() {
        List<WeightsFile.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Embedded> e : tensors.entrySet()) {
            Tensor t = e.getValue().tensor();
            WeightStorage storage = e.getValue().storage();
            entries.add(new WeightsFile.Entry(e.getKey(), storage, t.shape().dims(), values(t, storage)));
        }
        return WeightsFile.encode(entries);
    }

    /** {@code tensor}'s elements as {@code storage}'s {@link WeightStorage#valuesType() values}. */
    private static Object values(Tensor tensor, WeightStorage storage) {
        return switch (storage) {
            case FLOAT32 -> tensor.floats();
            case INT32 -> tensor.ints();
        };
    }
}
