package io.nnport.graph.passes;

import io.nnport.graph.ir.Shape;
import io.nnport.graph.layers.Layer;
import io.nnport.graph.layers.LayerGraph;
import io.nnport.graph.layers.LayerNode;
import io.nnport.graph.layers.Padding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras' 1-D lowering back into one layer: {@code ExpandDims} ([N,W,C] to [N,1,W,C]), a 2-D Conv
 * with a {@code [1,K,C,O]} filter (or a MaxPool/AvgPool with a 1-high window), and {@code Squeeze}
 * back to rank 3 become one Conv1D (filter {@code [K,C,O]}) or 1-D Pool. Runs before epilogue
 * fusion, because Keras puts the BiasAdd after the Squeeze.
 */
public final class FuseConv1D implements LayerPass {

    @Override
    public String label() {
        return "fuse-conv1d";
    }

    @Override
    public LayerGraph apply(LayerGraph graph) {
        Map<String, LayerNode> replacements = new HashMap<>();
        Set<String> removed = new HashSet<>();
        for (LayerNode expand : graph.layers()) {
            if (!(expand.layer() instanceof Layer.Reshape) || expand.inputs().size() != 1 || !insertsHeightOne(graph, expand)) {
                continue;
            }
            LayerNode window = Chains.soleConsumer(graph, expand);
            if (window == null || removed.contains(window.name())) {
                continue;
            }
            LayerNode squeeze = Chains.soleConsumer(graph, window);
            if (squeeze == null || !(squeeze.layer() instanceof Layer.Reshape)
                    || !graph.value(squeeze.output()).shape().equals(removeHeight(graph.value(window.output()).shape()))) {
                continue;
            }
            Layer fused = oneDimensional(window.layer());
            if (fused == null) {
                continue;
            }
            List<String> tfNodes = new ArrayList<>(expand.tfNodes());
            tfNodes.addAll(window.tfNodes());
            replacements.put(squeeze.name(), new LayerNode(squeeze.name(), fused, expand.inputs(), squeeze.outputs(),
                    concat(tfNodes, squeeze.tfNodes())));
            removed.add(expand.name());
            removed.add(window.name());
        }
        return Chains.rebuild(graph, replacements, removed);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** [N,W,C] to [N,1,W,C]. */
    private static boolean insertsHeightOne(LayerGraph graph, LayerNode expand) {
        Shape in = graph.value(expand.inputs().get(0)).shape();
        Shape out = graph.value(expand.output()).shape();
        return in.rank() == 3 && out.rank() == 4 && out.dim(1) == 1 && out.dim(0) == in.dim(0) && out.dim(2) == in.dim(1)
                && out.dim(3) == in.dim(2);
    }

    private static Shape removeHeight(Shape shape) {
        return shape.rank() == 4 && shape.dim(1) == 1 ? Shape.of(shape.dim(0), shape.dim(2), shape.dim(3)) : shape;
    }

    /** The 1-D form of a 2-D conv or pool whose window is one row high; null if it is not one. */
    private static Layer oneDimensional(Layer layer) {
        if (layer instanceof Layer.Conv conv && conv.spatialRank() == 2 && conv.filter().shape().dim(0) == 1
                && conv.strideH() == 1 && conv.dilationH() == 1 && conv.padding().top() + conv.padding().bottom() == 0) {
            Shape filter = conv.filter().shape();
            Padding padding = conv.padding().mode() == Padding.Mode.EXPLICIT
                    ? new Padding(Padding.Mode.EXPLICIT, 0, 0, conv.padding().left(), conv.padding().right()) : conv.padding();
            return new Layer.Conv(conv.filter().reshape(Shape.of(filter.dim(1), filter.dim(2), filter.dim(3))), 1, conv.strideW(),
                    1, conv.dilationW(), padding, conv.epilogue());
        }
        if (layer instanceof Layer.Pool pool && pool.spatialRank() == 2 && pool.kernelH() == 1 && pool.strideH() == 1) {
            return new Layer.Pool(pool.kind(), 1, 1, pool.kernelW(), 1, pool.strideW(), pool.padding());
        }
        return null;
    }
}
