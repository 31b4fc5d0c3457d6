package io.nnport.ir.eval;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import java.util.List;

/**
 * Elementwise evaluation: unary and binary functions (NumPy broadcasting), the sum of N tensors,
 * casts. Shape rules accept {@link Shape#UNKNOWN} dimensions (the batch) and keep them.
 * Every method throws {@link IllegalArgumentException} for operands it rejects.
 */
public final class Elementwise {
    private Elementwise() {}

    /** The result type of {@code fn(x)}: x's. */
    public static TensorType unaryType(UnaryFn fn, TensorType x) {
        if (!fn.accepts(x.dtype())) {
            throw new IllegalArgumentException("does not accept " + x.dtype() + " inputs");
        }
        return x;
    }

    /** {@code y[i] = fn(x[i], alpha)}. */
    public static Tensor unary(UnaryFn fn, Tensor x, double alpha) {
        unaryType(fn, TensorType.of(x));
        Tensor.Builder y = Tensor.builder(x.dtype(), x.shape());
        for (int i = 0; i < x.size(); i++) {
            if (x.dtype().isInteger()) {
                y.setLong(i, fn.applyLong(x.getLong(i)));
            } else {
                y.setDouble(i, fn.apply(x.getDouble(i), alpha));
            }
        }
        return y.build();
    }

    /** The result type of {@code fn(a, b)}: the broadcast shape, a's dtype (bool for comparisons). */
    public static TensorType binaryType(BinaryFn fn, TensorType a, TensorType b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("input dtypes differ: " + a.dtype() + " and " + b.dtype());
        }
        if (!fn.accepts(a.dtype())) {
            throw new IllegalArgumentException("does not accept " + a.dtype() + " inputs");
        }
        return new TensorType(fn.resultType(a.dtype()), broadcast(a.shape(), b.shape()));
    }

    /** {@code z[i] = fn(x[bx(i)], y[by(i)])} with NumPy broadcasting. */
    public static Tensor binary(BinaryFn fn, Tensor x, Tensor y) {
        TensorType out = binaryType(fn, TensorType.of(x), TensorType.of(y));
        int[] xi = broadcastIndex(x.shape(), out.shape());
        int[] yi = broadcastIndex(y.shape(), out.shape());
        Tensor.Builder z = Tensor.builder(out.dtype(), out.shape());
        boolean integer = x.dtype().isInteger();
        for (int i = 0; i < z.size(); i++) {
            if (fn.isComparison() || fn.isLogical()) {
                // Integers compare exactly as longs; int64 beyond 2^53 would not survive a double.
                z.setBool(i, integer ? fn.compare(Long.compare(x.getLong(xi[i]), y.getLong(yi[i])), 0)
                        : fn.compare(x.getDouble(xi[i]), y.getDouble(yi[i])));
            } else if (integer) {
                z.setLong(i, fn.applyLong(x.getLong(xi[i]), y.getLong(yi[i])));
            } else {
                z.setDouble(i, fn.apply(x.getDouble(xi[i]), y.getDouble(yi[i])));
            }
        }
        return z.build();
    }

    /** The type of the sum of N same-typed operands (no broadcasting; an unknown dimension takes a known one). */
    public static TensorType addNType(List<TensorType> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("needs at least one input");
        }
        TensorType first = inputs.get(0);
        Shape shape = first.shape();
        for (TensorType input : inputs) {
            if (!input.dtype().isNumeric()) {
                throw new IllegalArgumentException("does not accept " + input.dtype() + " inputs");
            }
            if (input.dtype() != first.dtype() || !input.shape().isCompatibleWith(shape)) {
                throw new IllegalArgumentException("inputs differ: " + first.dtype() + shape + " and " + input.dtype() + input.shape());
            }
            if (!shape.isFullyKnown()) {
                shape = input.shape();
            }
        }
        return new TensorType(first.dtype(), shape);
    }

    /** The elementwise sum of same-shape tensors, in double (long for integers), in input order. */
    public static Tensor addN(List<Tensor> inputs) {
        addNType(inputs.stream().map(TensorType::of).toList());
        Tensor first = inputs.get(0);
        Tensor.Builder sum = Tensor.builder(first.dtype(), first.shape());
        for (int i = 0; i < first.size(); i++) {
            double total = 0;
            long totalLong = 0;
            for (Tensor input : inputs) {
                total += input.getDouble(i);
                totalLong += input.getLong(i);
            }
            if (first.dtype().isInteger()) {
                sum.setLong(i, totalLong);
            } else {
                sum.setDouble(i, total);
            }
        }
        return sum.build();
    }

    /**
     * Each element converted to {@code to}: float to integer truncates toward zero, integer
     * narrowing keeps the low bits, anything to bool is {@code x != 0}, bool to a number is 0 or 1.
     */
    public static Tensor cast(Tensor x, DType to) {
        castType(TensorType.of(x), to);
        Tensor.Builder y = Tensor.builder(to, x.shape());
        for (int i = 0; i < x.size(); i++) {
            if (to == DType.BOOL) {
                y.setBool(i, x.getDouble(i) != 0);
            } else if (x.dtype().isInteger() || x.dtype() == DType.BOOL) {
                y.setLong(i, x.getLong(i));
            } else {
                y.setDouble(i, x.getDouble(i));
            }
        }
        return y.build();
    }

    /** The type of a cast: x's shape, dtype {@code to}; strings are rejected. */
    public static TensorType castType(TensorType x, DType to) {
        if (x.dtype() == DType.STRING || to == DType.STRING) {
            throw new IllegalArgumentException("cannot cast " + x.dtype() + " to " + to);
        }
        return new TensorType(to, x.shape());
    }

    /**
     * NumPy broadcasting of two shapes (right-aligned; 1 stretches). An unknown dimension against
     * 1 stays unknown; against a known size it takes that size. Unknown ranks give an unknown rank.
     */
    public static Shape broadcast(Shape a, Shape b) {
        if (!a.hasRank() || !b.hasRank()) {
            return Shape.unknownRank();
        }
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dim(i - (rank - a.rank()));
            int db = i < rank - b.rank() ? 1 : b.dim(i - (rank - b.rank()));
            if (da == 1) {
                out[i] = db;
            } else if (db == 1) {
                out[i] = da;
            } else if (da == Shape.UNKNOWN) {
                out[i] = db;
            } else if (db == Shape.UNKNOWN || da == db) {
                out[i] = da;
            } else {
                throw new IllegalArgumentException("shapes " + a + " and " + b + " do not broadcast");
            }
        }
        return Shape.of(out);
    }

    /**
     * For each element of {@code out}, the flat index of the element of a tensor of shape {@code in}
     * that broadcasts to it.
     */
    public static int[] broadcastIndex(Shape in, Shape out) {
        int rank = out.rank();
        int offset = rank - in.rank();
        int[] inStrides = in.strides();
        int[] stride = new int[rank];
        for (int i = 0; i < in.rank(); i++) {
            stride[i + offset] = in.dim(i) == 1 ? 0 : inStrides[i];
        }
        int size = Tensor.checkedSize(out);
        int[] index = new int[size];
        int[] dims = out.dims();
        int[] coords = new int[rank];
        int flat = 0;
        for (int i = 0; i < size; i++) {
            index[i] = flat;
            for (int d = rank - 1; d >= 0; d--) {
                coords[d]++;
                flat += stride[d];
                if (coords[d] < dims[d]) {
                    break;
                }
                flat -= stride[d] * dims[d];
                coords[d] = 0;
            }
        }
        return index;
    }
}
