package io.nnport.ir.eval;

import io.nnport.ir.DType;

/**
 * The scalar elementwise functions of two operands.
 *
 * <pre>
 *   ADD, SUB, MUL        x+y, x-y, x*y           numeric (int32 wraps)
 *   REAL_DIV             x / y                   float32
 *   MAXIMUM, MINIMUM     max, min (NaN wins)     numeric
 *   SQUARED_DIFFERENCE   (x-y)*(x-y)             numeric
 *   LESS ... GREATER_EQUAL                        numeric -&gt; bool
 *   EQUAL, NOT_EQUAL                              numeric, bool -&gt; bool
 *   LOGICAL_AND, LOGICAL_OR                       bool
 * </pre>
 *
 * <p>Float results are computed in double and rounded once, which for +, -, *, / gives exactly the
 * float32 result.
 */
public enum BinaryFn {
    ADD, SUB, MUL, REAL_DIV, MAXIMUM, MINIMUM, SQUARED_DIFFERENCE,
    LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, EQUAL, NOT_EQUAL, LOGICAL_AND, LOGICAL_OR;

    public boolean isComparison() {
        return ordinal() >= LESS.ordinal() && ordinal() <= NOT_EQUAL.ordinal();
    }

    public boolean isLogical() {
        return this == LOGICAL_AND || this == LOGICAL_OR;
    }

    /** The operand dtypes it is defined on (both operands have the same dtype). */
    public boolean accepts(DType dtype) {
        return isLogical() ? dtype == DType.BOOL
                : this == REAL_DIV ? dtype == DType.FLOAT32
                : this == EQUAL || this == NOT_EQUAL ? dtype != DType.STRING
                : dtype.isNumeric();
    }

    /** The result dtype for operands of {@code dtype}: bool for comparisons and logic. */
    public DType resultType(DType dtype) {
        return isComparison() || isLogical() ? DType.BOOL : dtype;
    }

    /** Float semantics (the result is rounded to float32 by the caller); comparisons give 0 or 1. */
    public double apply(double x, double y) {
        return switch (this) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case REAL_DIV -> x / y;
            case MAXIMUM -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.max(x, y);
            case MINIMUM -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.min(x, y);
            case SQUARED_DIFFERENCE -> {
                double difference = (float) (x - y);
                yield difference * difference;
            }
            default -> compare(x, y) ? 1 : 0;
        };
    }

    /** Integer semantics of the arithmetic functions (int32 results wrap when stored). */
    public long applyLong(long x, long y) {
        return switch (this) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case MAXIMUM -> Math.max(x, y);
            case MINIMUM -> Math.min(x, y);
            case SQUARED_DIFFERENCE -> (x - y) * (x - y);
            default -> throw new IllegalStateException(name() + " has no integer form");
        };
    }

    /** Comparisons and logic on two values (logic reads nonzero as true). */
    public boolean compare(double x, double y) {
        return switch (this) {
            case LESS -> x < y;
            case LESS_EQUAL -> x <= y;
            case GREATER -> x > y;
            case GREATER_EQUAL -> x >= y;
            case EQUAL -> x == y;
            case NOT_EQUAL -> x != y;
            case LOGICAL_AND -> x != 0 && y != 0;
            case LOGICAL_OR -> x != 0 || y != 0;
            default -> throw new IllegalStateException(name() + " is not a comparison");
        };
    }
}
