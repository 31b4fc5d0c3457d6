package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.layers.SliceLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Slices; any dtype.
 *
 * <ul>
 * <li><b>STRIDED</b> (StridedSlice): inputs (x, begin, end, strides), 1-D of one length n; Python's
 *     {@code x[b0:e0:s0, ...]} with attrs {@code begin_mask}, {@code end_mask} (bit i: ignore
 *     begin/end i, take the full range in the stride's direction), {@code ellipsis_mask} (bit i:
 *     {@code ...}, covering the dimensions no other entry covers; without it an implicit one is at
 *     the end), {@code new_axis_mask} (bit i: insert a dimension of 1), {@code shrink_axis_mask}
 *     (bit i: take index b_i and drop the dimension). Negative indices count from the end and are
 *     then clamped to the range; strides may be negative, never 0. Output size per dimension:
 *     {@code ceil((end - begin) / stride)}, at least 0.</li>
 * <li><b>SLICE</b> (Slice): inputs (x, begin, size); size -1 means to the end.</li>
 * </ul>
 *
 * <p>Follows TensorFlow's {@code ValidateStridedSliceOp}. Shape rule with an unknown dimension: its
 * slice is unknown, unless it is shrunk away. Rejected: stride 0, a shrink index out of range,
 * more entries than dimensions, begin/end/strides of different lengths, Slice past the end.
 */
public record Slicing(boolean strided) implements OpSemantics {

    /**
     * The canonical slice of one input dimension; {@code size} is unknown when the dimension is.
     * {@code whole}: the slice takes the whole dimension in order, whatever its size.
     */
    private record DimSlice(int begin, int stride, int size, boolean shrink, boolean whole) {}

    /** The per-input-dimension slices and the output shape (with new axes, without shrunk ones). */
    private record Spec(List<DimSlice> dims, Shape outShape) {}

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, strided ? 4 : 3);
        Shape x = inputs.get(0).shape();
        for (int i = 1; i < inputs.size(); i++) {
            if (!inputs.get(i).dtype().isInteger()) {
                throw node.error("begin, end/size and strides must be int32 or int64");
            }
        }
        long[] begin = Rules.constLongs(inputs, 1);
        long[] second = Rules.constLongs(inputs, 2);
        long[] strides = strided ? Rules.constLongs(inputs, 3) : null;
        if (!x.hasRank() || begin == null || second == null || (strided && strides == null)) {
            return Rules.one(inputs.get(0).dtype(), !strided && x.hasRank() ? Shape.unknownDims(x.rank()) : Shape.unknownRank());
        }
        return Rules.one(inputs.get(0).dtype(), spec(node, x, begin, second, strides).outShape());
    }

    private Spec spec(Node node, Shape x, long[] begin, long[] second, long[] strides) {
        return strided ? stridedSpec(node, x, begin, second, strides) : sliceSpec(node, x, begin, second);
    }

    private static Spec sliceSpec(Node node, Shape x, long[] begin, long[] size) {
        int rank = x.rank();
        if (begin.length != rank || size.length != rank) {
            throw node.error("begin and size must have " + rank + " values for input " + x);
        }
        List<DimSlice> dims = new ArrayList<>();
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            int dim = x.dim(d);
            int length;
            if (size[d] == -1) {
                length = dim == Shape.UNKNOWN ? Shape.UNKNOWN : (int) (dim - begin[d]);
            } else {
                length = (int) size[d];
            }
            if (begin[d] < 0 || length < -1 || (dim != Shape.UNKNOWN && length != Shape.UNKNOWN && begin[d] + length > dim)) {
                throw node.error("slice begin " + Arrays.toString(begin) + " size " + Arrays.toString(size) + " is outside " + x);
            }
            dims.add(new DimSlice((int) begin[d], 1, length, false, begin[d] == 0 && size[d] == -1));
            out[d] = length;
        }
        return new Spec(dims, Shape.of(out));
    }

    private static Spec stridedSpec(Node node, Shape x, long[] begin, long[] end, long[] strides) {
        int n = begin.length;
        if (end.length != n || strides.length != n) {
            throw node.error("begin, end and strides differ in length: " + n + ", " + end.length + ", " + strides.length);
        }
        long beginMask = node.intAttr("begin_mask", 0);
        long endMask = node.intAttr("end_mask", 0);
        long ellipsisMask = node.intAttr("ellipsis_mask", 0);
        long newAxisMask = node.intAttr("new_axis_mask", 0);
        long shrinkMask = node.intAttr("shrink_axis_mask", 0);
        if (Long.bitCount(ellipsisMask) > 1) {
            throw node.error("more than one ellipsis");
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
        List<DimSlice> dims = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        int full = 0;
        for (int i = 0; i < n; i++) {
            if (bit(ellipsisMask, i)) {
                int next = Math.min(rank - (n - i) + 1 + newAxesAfterEllipsis, rank);
                for (; full < next; full++) {
                    int dim = x.dim(full);
                    dims.add(new DimSlice(0, 1, dim, false, true));
                    out.add(dim);
                }
            } else if (bit(newAxisMask, i)) {
                out.add(1);
            } else {
                if (full == rank) {
                    throw node.error("slice index " + i + " is beyond the rank of " + x);
                }
                int dim = x.dim(full);
                DimSlice slice = canonical(node, dim, begin[i], end[i], strides[i],
                        bit(beginMask, i), bit(endMask, i), bit(shrinkMask, i));
                dims.add(slice);
                if (!slice.shrink()) {
                    out.add(slice.size());
                }
                full++;
            }
        }
        return new Spec(dims, Shape.of(out.stream().mapToInt(Integer::intValue).toArray()));
    }

    private static DimSlice canonical(Node node, int dim, long begin, long end, long stride, boolean beginMasked,
            boolean endMasked, boolean shrink) {
        if (stride == 0) {
            throw node.error("stride 0");
        }
        if (shrink) {
            if (dim == Shape.UNKNOWN) {
                return new DimSlice((int) begin, 1, 1, true, false);
            }
            long index = begin < 0 ? begin + dim : begin;
            if (index < 0 || index >= dim) {
                throw node.error("index " + begin + " is out of range for a dimension of " + dim);
            }
            return new DimSlice((int) index, 1, 1, true, false);
        }
        boolean whole = stride == 1 && (beginMasked || begin == 0) && (endMasked || end >= Integer.MAX_VALUE);
        if (dim == Shape.UNKNOWN) {
            return new DimSlice(0, (int) stride, Shape.UNKNOWN, false, whole);
        }
        long low = stride > 0 ? 0 : -1;
        long high = stride > 0 ? dim : dim - 1;
        long b = beginMasked ? (stride > 0 ? low : high) : clamp(begin < 0 ? begin + dim : begin, low, high);
        long e = endMasked ? (stride > 0 ? high : low) : clamp(end < 0 ? end + dim : end, low, high);
        long size;
        if ((stride > 0 && b >= e) || (stride < 0 && b <= e)) {
            size = 0;
        } else {
            long span = e - b;
            size = span / stride + (span % stride != 0 ? 1 : 0);
        }
        return new DimSlice((int) b, (int) stride, (int) size, false, whole);
    }

    private static long clamp(long value, long low, long high) {
        return Math.max(low, Math.min(high, value));
    }

    private static boolean bit(long mask, int i) {
        return i < 64 && (mask >>> i & 1) != 0;
    }

    /**
     * The node as the core's {@link SliceLayer}, for constant begin/end/strides (or begin/size) on
     * an input of shape {@code x} whose dimension 0 may be the dynamic batch: the masks are resolved
     * by the same rules as evaluation. Of the dynamic batch it takes the whole batch, one element
     * counted from the front, or (Slice) a range of given size; anything else is rejected.
     */
    public SliceLayer toLayer(Node node, Shape x, long[] begin, long[] second, long[] strides) {
        if (!x.hasRank()) {
            throw node.error("input has an unknown rank; fix the input shapes with --input NAME=d0,d1,...");
        }
        Spec spec = spec(node, x, begin, second, strides);
        List<Integer> begins = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int d = 0; d < spec.dims().size(); d++) {
            DimSlice slice = spec.dims().get(d);
            if (x.dim(d) != Shape.UNKNOWN) {
                begins.add(slice.begin());
                steps.add(slice.stride());
                sizes.add(slice.size());
            } else if (slice.shrink() && slice.begin() >= 0) {
                begins.add(slice.begin());
                steps.add(1);
                sizes.add(1);
            } else if (!slice.shrink() && slice.whole()) {
                begins.add(0);
                steps.add(1);
                sizes.add(Shape.UNKNOWN);
            } else if (!strided && slice.size() != Shape.UNKNOWN) {
                begins.add(slice.begin());
                steps.add(1);
                sizes.add(slice.size());
            } else {
                throw node.error("slice of the dynamic batch dimension " + d + ": only the whole batch or one element counted"
                        + " from the front can be taken");
            }
        }
        return Rules.at(node, () -> new SliceLayer(begins, steps, sizes, spec.outShape()));
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        Spec spec = spec(node, x.shape(), inputs.get(1).longs(), inputs.get(2).longs(),
                strided ? inputs.get(3).longs() : null);
        int rank = x.rank();
        int[] strides = x.shape().strides();
        int[] sizes = new int[rank];
        for (int d = 0; d < rank; d++) {
            sizes[d] = spec.dims().get(d).size();
        }
        int total = Tensor.checkedSize(spec.outShape());
        int[] index = new int[total];
        int[] coords = new int[rank];
        for (int o = 0; o < total; o++) {
            int source = 0;
            for (int d = 0; d < rank; d++) {
                DimSlice slice = spec.dims().get(d);
                source += (slice.begin() + coords[d] * slice.stride()) * strides[d];
            }
            index[o] = source;
            for (int d = rank - 1; d >= 0; d--) {
                if (++coords[d] < sizes[d]) {
                    break;
                }
                coords[d] = 0;
            }
        }
        return Rules.one(x.select(spec.outShape(), index));
    }

    @Override
    public String toString() {
        return strided ? "strided slice" : "slice";
    }
}
