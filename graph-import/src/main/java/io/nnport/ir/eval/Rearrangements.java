package io.nnport.ir.eval;

import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scalar reference ops that move elements without computing, any dtype: transpose, tile, pad,
 * concatenation and splitting along an axis, gathering by index. Shape rules keep
 * {@link Shape#UNKNOWN} dimensions (the batch) unknown.
 */
public final class Rearrangements {
    private Rearrangements() {}

    /** {@code y.shape[i] = x.shape[perm[i]]}; perm must be a permutation of 0..rank-1. */
    public static Shape transposeShape(Shape x, long[] perm) {
        checkLength("perm", perm, x.rank(), x);
        int[] out = new int[x.rank()];
        boolean[] used = new boolean[x.rank()];
        for (int i = 0; i < out.length; i++) {
            if (perm[i] < 0 || perm[i] >= out.length || used[(int) perm[i]]) {
                throw new IllegalArgumentException("perm " + Arrays.toString(perm) + " is not a permutation of 0.." + (out.length - 1));
            }
            used[(int) perm[i]] = true;
            out[i] = x.dim((int) perm[i]);
        }
        return Shape.of(out);
    }

    /** {@code y.shape[i] = x.shape[i] * multiples[i]}. */
    public static Shape tileShape(Shape x, long[] multiples) {
        checkLength("multiples", multiples, x.rank(), x);
        int[] out = new int[x.rank()];
        for (int i = 0; i < out.length; i++) {
            if (multiples[i] < 0) {
                throw new IllegalArgumentException("multiples " + Arrays.toString(multiples) + " has a negative value");
            }
            out[i] = x.dim(i) == Shape.UNKNOWN ? Shape.UNKNOWN : Math.toIntExact(x.dim(i) * multiples[i]);
        }
        return Shape.of(out);
    }

    /** {@code y.shape[i] = before[i] + x.shape[i] + after[i]}; paddings are {@code [before0, after0, before1, ...]}. */
    public static Shape padShape(Shape x, long[] paddings) {
        checkLength("paddings", paddings, 2 * x.rank(), x);
        int[] out = new int[x.rank()];
        for (int i = 0; i < out.length; i++) {
            if (paddings[2 * i] < 0 || paddings[2 * i + 1] < 0) {
                throw new IllegalArgumentException("paddings " + Arrays.toString(paddings) + " has a negative value");
            }
            out[i] = x.dim(i) == Shape.UNKNOWN ? Shape.UNKNOWN : Math.toIntExact(x.dim(i) + paddings[2 * i] + paddings[2 * i + 1]);
        }
        return Shape.of(out);
    }

    private static void checkLength(String what, long[] values, int expected, Shape x) {
        if (values.length != expected) {
            throw new IllegalArgumentException(what + " has " + values.length + " values for input " + x);
        }
    }

    /** x with its dimensions permuted: {@code y.shape[i] = x.shape[perm[i]]}. */
    public static Tensor transpose(Tensor x, long[] perm) {
        return move(x, transposeShape(x.shape(), perm), (coords, inDims, inStrides) -> {
            int source = 0;
            for (int d = 0; d < coords.length; d++) {
                source += coords[d] * inStrides[(int) perm[d]];
            }
            return source;
        }, null);
    }

    /** x repeated {@code multiples[d]} times along each dimension d. */
    public static Tensor tile(Tensor x, long[] multiples) {
        return move(x, tileShape(x.shape(), multiples), (coords, inDims, inStrides) -> {
            int source = 0;
            for (int d = 0; d < coords.length; d++) {
                source += (coords[d] % inDims[d]) * inStrides[d];
            }
            return source;
        }, null);
    }

    /** x with {@code paddings[2d]} elements before and {@code paddings[2d+1]} after dimension d, of scalar {@code fill} (zero when null). */
    public static Tensor pad(Tensor x, long[] paddings, Tensor fill) {
        if (fill != null && fill.dtype() != x.dtype()) {
            throw new IllegalArgumentException("the padding value must be " + x.dtype());
        }
        return move(x, padShape(x.shape(), paddings), (coords, inDims, inStrides) -> {
            int source = 0;
            for (int d = 0; d < coords.length; d++) {
                int c = coords[d] - (int) paddings[2 * d];
                if (c < 0 || c >= inDims[d]) {
                    return -1;
                }
                source += c * inStrides[d];
            }
            return source;
        }, fill);
    }

    /** Where output coordinates read from: a flat input index, or -1 for the fill value. */
    private interface Source {
        int of(int[] coords, int[] inDims, int[] inStrides);
    }

    private static Tensor move(Tensor x, Shape outShape, Source source, Tensor fill) {
        int[] inDims = x.shape().dims();
        int[] inStrides = x.shape().strides();
        int[] outDims = outShape.dims();
        Tensor.Builder y = Tensor.builder(x.dtype(), outShape);
        int[] coords = new int[outDims.length];
        for (int o = 0; o < y.size(); o++) {
            int from = source.of(coords, inDims, inStrides);
            if (from >= 0) {
                y.copy(o, x, from);
            } else if (fill != null) {
                y.copy(o, fill, 0);
            }
            for (int d = outDims.length - 1; d >= 0; d--) {
                if (++coords[d] < outDims[d]) {
                    break;
                }
                coords[d] = 0;
            }
        }
        return y.build();
    }

    /**
     * The shape of joining {@code parts} (one rank, equal off {@code axis}) along the non-negative
     * {@code axis}; an unknown size on the axis makes the joined size unknown.
     */
    public static Shape concatShape(List<Shape> parts, int axis) {
        Shape first = parts.get(0);
        int[] out = first.dims();
        out[axis] = 0;
        for (Shape s : parts) {
            if (s.rank() != out.length) {
                throw new IllegalArgumentException("inputs have different ranks: " + first + " and " + s);
            }
            for (int d = 0; d < out.length; d++) {
                if (d == axis) {
                    out[d] = out[d] == Shape.UNKNOWN || s.dim(d) == Shape.UNKNOWN ? Shape.UNKNOWN : out[d] + s.dim(d);
                } else if (out[d] == Shape.UNKNOWN) {
                    out[d] = s.dim(d);
                } else if (s.dim(d) != Shape.UNKNOWN && s.dim(d) != out[d]) {
                    throw new IllegalArgumentException("inputs differ off the concat axis " + axis + ": " + first + " and " + s);
                }
            }
        }
        return Shape.of(out);
    }

    /** Concatenation along {@code axis} of tensors of one dtype and equal shape off the axis. */
    public static Tensor concat(List<Tensor> parts, int axis) {
        for (Tensor part : parts) {
            if (part.dtype() != parts.get(0).dtype()) {
                throw new IllegalArgumentException("inputs mix " + parts.get(0).dtype() + " and " + part.dtype());
            }
        }
        Shape outShape = concatShape(parts.stream().map(Tensor::shape).toList(), axis);
        int[] dims = outShape.dims();
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= dims[d];
        }
        Tensor.Builder out = Tensor.builder(parts.get(0).dtype(), outShape);
        int o = 0;
        for (int block = 0; block < outer; block++) {
            for (Tensor part : parts) {
                int chunk = outer == 0 ? 0 : part.size() / outer;
                for (int i = 0; i < chunk; i++) {
                    out.copy(o++, part, block * chunk + i);
                }
            }
        }
        return out.build();
    }

    /** x cut along {@code axis} into consecutive parts of {@code sizes}, which add up to the axis length. */
    public static List<Tensor> split(Tensor x, int axis, int[] sizes) {
        if (Arrays.stream(sizes).sum() != x.shape().dim(axis)) {
            throw new IllegalArgumentException("sizes " + Arrays.toString(sizes) + " do not split axis " + axis + " of " + x.shape());
        }
        List<Tensor> parts = new ArrayList<>();
        int start = 0;
        for (int length : sizes) {
            parts.add(range(x, axis, start, length));
            start += length;
        }
        return parts;
    }

    /** Elements {@code [start, start + length)} along {@code axis}. */
    private static Tensor range(Tensor x, int axis, int start, int length) {
        int[] dims = x.shape().dims();
        int inner = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= dims[d];
        }
        Shape shape = x.shape().withDim(axis, length);
        int[] index = new int[outer * length * inner];
        int o = 0;
        for (int block = 0; block < outer; block++) {
            for (int i = 0; i < length * inner; i++) {
                index[o++] = (block * dims[axis] + start) * inner + i;
            }
        }
        return x.select(shape, index);
    }

    /** {@code params.shape[:axis] + indices.shape + params.shape[axis+1:]}. */
    public static Shape gatherShape(Shape params, Shape indices, int axis) {
        int[] out = new int[params.rank() - 1 + indices.rank()];
        int o = 0;
        for (int d = 0; d < axis; d++) {
            out[o++] = params.dim(d);
        }
        for (int d = 0; d < indices.rank(); d++) {
            out[o++] = indices.dim(d);
        }
        for (int d = axis + 1; d < params.rank(); d++) {
            out[o++] = params.dim(d);
        }
        return Shape.of(out);
    }

    /** {@code y[a, i, b] = params[a, indices[i], b]} along {@code axis}; an index outside the axis is rejected. */
    public static Tensor gather(Tensor params, Tensor indices, int axis) {
        if (!indices.dtype().isInteger()) {
            throw new IllegalArgumentException("indices must be int32 or int64, are " + indices.dtype());
        }
        int[] dims = params.shape().dims();
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= dims[d];
        }
        int inner = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        Tensor.Builder y = Tensor.builder(params.dtype(), gatherShape(params.shape(), indices.shape(), axis));
        int o = 0;
        for (int block = 0; block < outer; block++) {
            for (int i = 0; i < indices.size(); i++) {
                long index = indices.getLong(i);
                if (index < 0 || index >= dims[axis]) {
                    throw new IllegalArgumentException("index " + index + " is outside [0, " + dims[axis] + ")");
                }
                for (int k = 0; k < inner; k++) {
                    y.copy(o++, params, (block * dims[axis] + (int) index) * inner + k);
                }
            }
        }
        return y.build();
    }
}
