package io.nnport.frontend.tf;

import io.nnport.frontend.tf.Ref;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.ModelException;
import io.nnport.ir.Tensor;
import java.util.Map;

/**
 * What shape inference knows about a graph's tensors: dtype, shape and (when known before running)
 * value of each output; partial values of small integer vectors that mention the dynamic batch
 * (e.g. {@code Shape(x) = [B, 5, 5, 64]}, with {@link io.nnport.frontend.tf.passes.ShapeInference#BATCH} for B); and the error
 * met at each node whose rule failed (reported only if the node survives to lowering, since nodes
 * on an untaken cond branch may legitimately fail).
 *
 * <p>A tensor absent from {@link #info} has no known type: its node is unsupported, failed, or
 * reads such a tensor.
 */
public record Facts(Map<Ref, TensorInfo> info, Map<Ref, long[]> partial, Map<String, ModelException> errors) {

    public Facts {
        info = Map.copyOf(info);
        partial = Map.copyOf(partial);
        errors = Map.copyOf(errors);
    }

    public TensorInfo info(Ref ref) {
        return info.get(ref);
    }

    /** The known value of a tensor, or null. */
    public Tensor value(Ref ref) {
        TensorInfo known = info.get(ref);
        return known == null ? null : known.value();
    }
}
