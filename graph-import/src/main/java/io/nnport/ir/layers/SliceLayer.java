package io.nnport.ir.layers;

import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * <b>Slice</b>: a strided box of x, then a reshape. For each input dimension d the box takes
 * {@code sizes[d]} elements starting at {@code begins[d]} with step {@code strides[d]} (negative
 * steps walk backwards); {@code sizes[0] == -1} means the whole dynamic batch (then begin 0,
 * stride 1). The box, in row-major order, is then viewed as {@code shape} (which drops shrunk
 * axes and adds new ones; dimension 0 is -1 when the batch is kept).
 *
 * <p>Front ends canonicalize their slicing ops into this form (TensorFlow's StridedSlice masks:
 * {@link #strided}). Taking batch element k ({@code x[k]}) gives a value without the batch. Rejected: a partial range of the dynamic batch (e.g. {@code x[1:]}),
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

    /**
     * Canonicalizes TensorFlow's StridedSlice ({@code x[b0:e0:s0, ...]} with begin/end/ellipsis/
     * new-axis/shrink masks, as {@code ValidateStridedSliceOp} does) for an input of shape
     * {@code x} whose dimension 0 may be the dynamic batch.
     */
    public static SliceLayer strided(Shape x, long[] begin, long[] end, long[] stride, long beginMask, long endMask,
            long ellipsisMask, long newAxisMask, long shrinkMask) {
        int n = begin.length;
        if (end.length != n || stride.length != n) {
            throw new IllegalArgumentException("begin, end and strides differ in length");
        }
        if (Long.bitCount(ellipsisMask) > 1) {
            throw new IllegalArgumentException("more than one ellipsis");
        }
        if (ellipsisMask == 0) {
            ellipsisMask = 1L << n;
            n++;
        }
        int rank = x.rank();
        int newAxesAfterEllipsis = 0;
        boolean afterEllipsis = false;
        for (int i = 0; i < n; i++) {
            if (afterEllipsis && bit(newAxisMask, i) && !bit(ellipsisMask, i)) {
                newAxesAfterEllipsis++;
            }
            afterEllipsis |= bit(ellipsisMask, i);
        }
        List<Integer> begins = new ArrayList<>();
        List<Integer> strides = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        int full = 0;
        for (int i = 0; i < n; i++) {
            if (bit(ellipsisMask, i)) {
                int next = Math.min(rank - (n - i) + 1 + newAxesAfterEllipsis, rank);
                for (; full < next; full++) {
                    begins.add(0);
                    strides.add(1);
                    sizes.add(x.dim(full));
                    out.add(x.dim(full));
                }
            } else if (bit(newAxisMask, i)) {
                out.add(1);
            } else {
                if (full == rank) {
                    throw new IllegalArgumentException("slice index " + i + " is beyond the rank of " + x);
                }
                int dim = x.dim(full);
                long s = stride[i];
                if (s == 0) {
                    throw new IllegalArgumentException("stride 0");
                }
                boolean masksWhole = bit(beginMask, i) && bit(endMask, i) && s == 1;
                if (dim == Shape.UNKNOWN) {
                    boolean wholeBatch = masksWhole || (!bit(shrinkMask, i) && s == 1 && (bit(beginMask, i) || begin[i] == 0)
                            && (bit(endMask, i) || end[i] >= Integer.MAX_VALUE));
                    if (bit(shrinkMask, i) && begin[i] >= 0) {
                        begins.add((int) begin[i]);
                        strides.add(1);
                        sizes.add(1);
                    } else if (wholeBatch) {
                        begins.add(0);
                        strides.add(1);
                        sizes.add(Shape.UNKNOWN);
                        out.add(Shape.UNKNOWN);
                    } else {
                        throw new IllegalArgumentException("slice [" + begin[i] + ":" + end[i] + ":" + s
                                + "] of the dynamic batch dimension: only the whole batch or one element counted from the front can be taken");
                    }
                    full++;
                    continue;
                }
                if (bit(shrinkMask, i)) {
                    long index = begin[i] < 0 ? begin[i] + dim : begin[i];
                    if (index < 0 || index >= dim) {
                        throw new IllegalArgumentException("index " + begin[i] + " is out of range for a dimension of " + dim);
                    }
                    begins.add((int) index);
                    strides.add(1);
                    sizes.add(1);
                } else {
                    long low = s > 0 ? 0 : -1;
                    long high = s > 0 ? dim : dim - 1;
                    long b = bit(beginMask, i) ? (s > 0 ? low : high) : clamp(begin[i] < 0 ? begin[i] + dim : begin[i], low, high);
                    long e = bit(endMask, i) ? (s > 0 ? high : low) : clamp(end[i] < 0 ? end[i] + dim : end[i], low, high);
                    long size = (s > 0 && b >= e) || (s < 0 && b <= e) ? 0 : ((e - b) / s + ((e - b) % s != 0 ? 1 : 0));
                    begins.add((int) b);
                    strides.add((int) s);
                    sizes.add((int) size);
                    out.add((int) size);
                }
                full++;
            }
        }
        return new SliceLayer(begins, strides, sizes, Shape.of(out.stream().mapToInt(Integer::intValue).toArray()));
    }

    private static boolean bit(long mask, int i) {
        return i < 64 && (mask >>> i & 1) != 0;
    }

    private static long clamp(long value, long low, long high) {
        return Math.max(low, Math.min(high, value));
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
