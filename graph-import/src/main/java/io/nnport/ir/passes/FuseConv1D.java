package io.nnport.ir.passes;

import io.nnport.ir.Shape;
import io.nnport.ir.layers.ConvLayer;
import io.nnport.ir.layers.Layer;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.Padding;
import io.nnport.ir.layers.PoolLayer;
import io.nnport.ir.layers.ReshapeLayer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras' 1-D lowering back into one layer: {@code ExpandDims} to a 4-D tensor with a unit axis,
 * a 2-D Conv or MaxPool/AvgPool whose window spans one element along that axis, and
 * {@code Squeeze} back to rank 3 become one Conv1D (filter {@code [K,C,O]}) or 1-D Pool. Keras puts
 * the unit axis at height for Conv1D ([N,W,C] to [N,1,W,C], axis -3) and at width for
 * MaxPooling1D/AveragePooling1D ([N,W,C] to [N,W,1,C], axis 2); both forms fuse. Runs before
 * epilogue fusion, because Keras puts the BiasAdd after the Squeeze.
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
            int unitAxis = expand.layer() instanceof ReshapeLayer && expand.inputs().size() == 1
                    ? insertedUnitAxis(graph, expand) : -1;
            if (unitAxis < 0) {
                continue;
            }
            LayerNode window = Chains.soleConsumer(graph, expand);
            if (window == null || removed.contains(window.name())) {
                continue;
            }
            LayerNode squeeze = Chains.soleConsumer(graph, window);
            if (squeeze == null || !(squeeze.layer() instanceof ReshapeLayer)
                    || !graph.value(squeeze.output()).shape().equals(removeUnitAxis(graph.value(window.output()).shape(), unitAxis))) {
                continue;
            }
            Layer fused = unitAxis == 1 ? alongWidth(window.layer()) : alongHeight(window.layer());
            if (fused == null) {
                continue;
            }
            List<String> sourceNodes = new ArrayList<>(expand.sourceNodes());
            sourceNodes.addAll(window.sourceNodes());
            replacements.put(squeeze.name(), new LayerNode(squeeze.name(), fused, expand.inputs(), squeeze.outputs(),
                    concat(sourceNodes, squeeze.sourceNodes())));
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

    /** 1 for [N,W,C] to [N,1,W,C], 2 for [N,W,C] to [N,W,1,C], -1 for anything else. */
    private static int insertedUnitAxis(LayerGraph graph, LayerNode expand) {
        Shape in = graph.value(expand.inputs().get(0)).shape();
        Shape out = graph.value(expand.output()).shape();
        if (in.rank() != 3 || out.rank() != 4 || out.dim(0) != in.dim(0) || out.dim(3) != in.dim(2)) {
            return -1;
        }
        if (out.dim(1) == 1 && out.dim(2) == in.dim(1)) {
            return 1;
        }
        return out.dim(2) == 1 && out.dim(1) == in.dim(1) ? 2 : -1;
    }

    private static Shape removeUnitAxis(Shape shape, int axis) {
        if (shape.rank() != 4 || shape.dim(axis) != 1) {
            return shape;
        }
        return axis == 1 ? Shape.of(shape.dim(0), shape.dim(2), shape.dim(3)) : Shape.of(shape.dim(0), shape.dim(1), shape.dim(3));
    }

    /** The 1-D form of a 2-D conv or pool over [N,W,1,C] whose window is one column wide; null if none. */
    private static Layer alongHeight(Layer layer) {
        if (layer instanceof ConvLayer conv && conv.spatialRank() == 2 && conv.filter().shape().dim(1) == 1
                && conv.strideW() == 1 && conv.dilationW() == 1 && conv.padding().left() + conv.padding().right() == 0) {
            Shape filter = conv.filter().shape();
            Padding padding = conv.padding().mode() == Padding.Mode.EXPLICIT
                    ? new Padding(Padding.Mode.EXPLICIT, 0, 0, conv.padding().top(), conv.padding().bottom()) : conv.padding();
            return new ConvLayer(conv.filter().reshape(Shape.of(filter.dim(0), filter.dim(2), filter.dim(3))), 1,
                    conv.strideH(), 1, conv.dilationH(), padding, conv.epilogue());
        }
        if (layer instanceof PoolLayer pool && pool.spatialRank() == 2 && pool.kernelW() == 1 && pool.strideW() == 1) {
            return new PoolLayer(pool.kind(), 1, 1, pool.kernelH(), 1, pool.strideH(), pool.padding());
        }
        return null;
    }

    /** The 1-D form of a 2-D conv or pool over [N,1,W,C] whose window is one row high; null if none. */
    private static Layer alongWidth(Layer layer) {
        if (layer instanceof ConvLayer conv && conv.spatialRank() == 2 && conv.filter().shape().dim(0) == 1
                && conv.strideH() == 1 && conv.dilationH() == 1 && conv.padding().top() + conv.padding().bottom() == 0) {
            Shape filter = conv.filter().shape();
            Padding padding = conv.padding().mode() == Padding.Mode.EXPLICIT
                    ? new Padding(Padding.Mode.EXPLICIT, 0, 0, conv.padding().left(), conv.padding().right()) : conv.padding();
            return new ConvLayer(conv.filter().reshape(Shape.of(filter.dim(1), filter.dim(2), filter.dim(3))), 1, conv.strideW(),
                    1, conv.dilationW(), padding, conv.epilogue());
        }
        if (layer instanceof PoolLayer pool && pool.spatialRank() == 2 && pool.kernelH() == 1 && pool.strideH() == 1) {
            return new PoolLayer(pool.kind(), 1, 1, pool.kernelW(), 1, pool.strideW(), pool.padding());
        }
        return null;
    }
}
