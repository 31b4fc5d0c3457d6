package io.nnport.converter.codegen;

import io.nnport.graph.ir.DType;
import io.nnport.graph.ir.Tensor;
import io.nnport.runtime.WeightsFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tensors a model embeds, in the order the generated code declares them. */
public final class WeightTable {

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private long params;

    /** Adds {@code tensor} under {@code name} (unique); float32 and int32 only. */
    public void add(String name, Tensor tensor) {
        if (tensor.dtype() != DType.FLOAT32 && tensor.dtype() != DType.INT32) {
            throw new UnsupportedLayerException("weights " + name + " are " + tensor.dtype()
                    + "; only float32 and int32 constants can be embedded");
        }
        if (tensors.putIfAbsent(name, tensor) != null) {
            throw new IllegalStateException("weights " + name + " declared twice");
        }
        params += tensor.size();
    }

    /** Parameter count: all embedded elements. */
    public long params() {
        return params;
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The weights resource: {@link WeightsFile}'s format. */
    public byte[] encode() {
        List<WeightsFile.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            Object values = t.dtype() == DType.FLOAT32 ? t.floats() : t.ints();
            entries.add(new WeightsFile.Entry(e.getKey(), t.shape().dims(), values));
        }
        return WeightsFile.encode(entries);
    }
}
