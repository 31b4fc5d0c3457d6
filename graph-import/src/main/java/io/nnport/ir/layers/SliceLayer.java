package io.nnport.ir.layers;

import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import java.util.List;

/**
 * <b>Slice</b>: a strided box of x, then a reshape. For each input dimension d the box takes
 * {@code sizes[d]} elements starting at {@code begins[d]} with step {@code strides[d]} (negative
 * steps walk backwards); {@code sizes[0] == -1} means the whole dynamic batch (then begin 0,
 * stride 1). The box, in row-major order, is then viewed as {@code shape} (which drops shrunk
 * axes and adds new ones; dimension 0 is -1 when the batch is kept).
 *
 * <p>Front ends canonicalize their slicing ops (masks, negative indices, clamping) into this form.
 * Taking batch element k ({@code x[k]}) gives a value without the batch. Rejected: a partial range of the dynamic batch (e.g. {@code x[1:]}),
 * indices out of range.
 */
public record SliceLayer(List<Integer> begins, List<Integer> strides, List<Integer> sizes, Shape shape) implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public SliceLayer {
        begins = List.copyOf(begins);
        strides = List.copyOf(strides);
        sizes = List.copyOf(sizes);
        if (begins.size() != strides.size() || begins.size() != sizes.size()) {
            throw new IllegalArgumentException("begins, strides and sizes differ in length");
        }
        for (int d = 0; d < sizes.size(); d++) {
            if (sizes.get(d) < 0 && (d != 0 || begins.get(0) != 0 || strides.get(0) != 1)) {
                throw new IllegalArgumentException("only the whole batch (dimension 0) may have an unknown size");
            }
        }
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "Slice");
        TensorType x = inputs.get(0);
        if (x.rank() != begins.size()) {
            throw new IllegalArgumentException("slice of rank " + begins.size() + " for input " + x.shape());
        }
        long box = 1;
        for (int d = 0; d < x.rank(); d++) {
            int dim = x.dim(d);
            int size = sizes.get(d);
            if (size == Shape.UNKNOWN) {
                if (dim != Shape.UNKNOWN) {
                    throw new IllegalArgumentException("slice takes the whole batch of an input without one: " + x.shape());
                }
                continue;
            }
            box *= size;
            if (dim != Shape.UNKNOWN && size > 0) {
                long last = begins.get(d) + (long) (size - 1) * strides.get(d);
                if (begins.get(d) < 0 || begins.get(d) >= dim || last < 0 || last >= dim) {
                    throw new IllegalArgumentException("slice of dimension " + d + " is outside " + x.shape());
                }
            }
        }
        long target = 1;
        for (int d : shape.dims()) {
            target *= d == Shape.UNKNOWN ? 1 : d;
        }
        if (target != box) {
            throw new IllegalArgumentException("slice box of " + box + " elements per sample cannot be viewed as " + shape);
        }
        return LayerRules.one(new TensorType(x.dtype(), shape));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        int rank = x.rank();
        int[] xStrides = x.shape().strides();
        int[] box = new int[rank];
        int total = 1;
        for (int d = 0; d < rank; d++) {
            box[d] = sizes.get(d) == Shape.UNKNOWN ? x.shape().dim(0) : sizes.get(d);
            total *= box[d];
        }
        int[] index = new int[total];
        int[] coords = new int[rank];
        for (int o = 0; o < total; o++) {
            int source = 0;
            for (int d = 0; d < rank; d++) {
                int position = begins.get(d) + coords[d] * strides.get(d);
                if (position < 0 || position >= x.shape().dim(d)) {
                    throw new IllegalArgumentException("slice reads index " + position + " of dimension " + d + " of " + x.shape());
                }
                source += position * xStrides[d];
            }
            index[o] = source;
            for (int d = rank - 1; d >= 0; d--) {
                if (++coords[d] < box[d]) {
                    break;
                }
                coords[d] = 0;
            }
        }
        Shape out = shape.rank() > 0 && shape.dim(0) == Shape.UNKNOWN ? shape.withDim(0, x.shape().dim(0)) : shape;
        return List.of(x.select(out, index));
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder("Slice [");
        for (int d = 0; d < begins.size(); d++) {
            text.append(d == 0 ? "" : ",");
            if (sizes.get(d) == Shape.UNKNOWN) {
                text.append(':');
            } else {
                text.append(begins.get(d)).append('+').append(sizes.get(d));
                if (strides.get(d) != 1) {
                    text.append('/').append(strides.get(d));
                }
            }
        }
        return text.append("] -> ").append(shape).toString();
    }

    @Override
    public Traits traits() {
        return Traits.copying(true);
    }
}
