package io.nnport.converter.plan;

import io.nnport.ir.DType;
import io.nnport.ir.layers.ConstantLayer;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.Traits;
import io.nnport.ir.layers.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Turns a layer graph into the {@link BufferPlan}'s terms: values with sizes and arenas, steps with
 * the storage access their layer's traits and kernel allow. Constant layers are not steps: their
 * values live in fields, like weights, and are never written.
 */
public final class LayerPlanner {

    private LayerPlanner() {}

    /**
     * @param kernelInPlace whether a layer's kernel accepts its output over its input; the layer's
     *                      traits must allow it too
     */
    public static BufferPlan plan(LayerGraph graph, Predicate<LayerNode> kernelInPlace) {
        List<PlanValue> values = new ArrayList<>();
        List<PlanStep> steps = new ArrayList<>();
        for (Value input : graph.inputs()) {
            values.add(batchedness(PlanValue.input(input.name(), input.elementsPerSample(), arena(input)), input));
        }
        for (LayerNode node : graph.layers()) {
            boolean constant = node.layer() instanceof ConstantLayer;
            for (String out : node.outputs()) {
                Value v = graph.value(out);
                values.add(batchedness(constant ? PlanValue.input(out, v.elementsPerSample(), arena(v))
                        : PlanValue.intermediate(out, v.elementsPerSample(), arena(v)), v));
            }
            if (!constant) {
                steps.add(new PlanStep(node.name(), node.inputs(), node.outputs(), access(node, kernelInPlace)));
            }
        }
        List<String> outputs = new ArrayList<>();
        for (LayerGraph.Output o : graph.outputs()) {
            outputs.add(o.value());
        }
        return BufferPlan.build(values, steps, outputs);
    }

    private static PlanStep.Access access(LayerNode node, Predicate<LayerNode> kernelInPlace) {
        Traits traits = node.layer().traits();
        if (traits.alias()) {
            return PlanStep.Access.ALIAS;
        }
        if (traits.inPlace() == Traits.InPlace.NONE || node.inputs().isEmpty() || !kernelInPlace.test(node)) {
            return PlanStep.Access.FRESH;
        }
        return traits.inPlace() == Traits.InPlace.FIRST ? PlanStep.Access.IN_PLACE_FIRST : PlanStep.Access.IN_PLACE_ANY;
    }

    private static PlanValue batchedness(PlanValue p, Value v) {
        return v.batched() ? p : p.unbatched();
    }

    /** Float values in the float arena; every integer and bool value in the int arena. */
    static PlanValue.Arena arena(Value v) {
        return v.dtype() == DType.FLOAT32 ? PlanValue.Arena.FLOAT : PlanValue.Arena.INT;
    }
}
