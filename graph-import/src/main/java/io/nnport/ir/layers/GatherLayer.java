package io.nnport.ir.layers;

import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Rearrangements;
import java.util.List;
import java.util.Map;

/**
 * <b>Gather</b>: {@code y = params[..., indices, ...]} along {@code axis}: {@code y.shape =
 * params.shape[:axis] + indices.shape + params.shape[axis+1:]}. With a constant {@code table}
 * (an embedding lookup) the one runtime input is the int32/int64 indices; otherwise the runtime
 * inputs are (params, indices).
 *
 * <p>Evaluation: {@link Rearrangements#gather}. Rejected: non-integer indices, an axis outside
 * params, an index outside the axis (at evaluation).
 */
public record GatherLayer(int axis, Tensor table) implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, table == null ? 2 : 1, "Gather");
        TensorType params = table == null ? inputs.get(0) : TensorType.of(table);
        TensorType indices = inputs.get(table == null ? 1 : 0);
        if (!indices.dtype().isInteger()) {
            throw new IllegalArgumentException("indices must be int32 or int64, are " + indices.dtype());
        }
        if (axis < 0 || axis >= params.rank()) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for params " + params.shape());
        }
        return LayerRules.one(params.dtype(), Rearrangements.gatherShape(params.shape(), indices.shape(), axis));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        return table == null ? List.of(Rearrangements.gather(inputs.get(0), inputs.get(1), axis))
                : List.of(Rearrangements.gather(table, inputs.get(0), axis));
    }

    @Override
    public String describe() {
        return table != null ? "Embedding " + table.shape() + " axis=" + axis : "Gather axis=" + axis;
    }

    @Override
    public Traits traits() {
        return Traits.copying(false);
    }

    @Override
    public Map<String, Tensor> constants() {
        return LayerRules.named("table", table);
    }
}
