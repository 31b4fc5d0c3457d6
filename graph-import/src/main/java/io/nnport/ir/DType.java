package io.nnport.ir;

/**
 * The element types nnport computes with. TensorFlow's float16 constants are widened to
 * {@link #FLOAT32} when read; other TensorFlow types are rejected by the reader or by the op that
 * meets them, naming the node.
 */
public enum DType {
    FLOAT32("float32", 4),
    INT32("int32", 4),
    INT64("int64", 8),
    BOOL("bool", 1),
    /** Byte strings; only constant-resolved ops use them. Size 0: no fixed width. */
    STRING("string", 0);

    private final String displayName;
    private final int byteSize;

    DType(String displayName, int byteSize) {
        this.displayName = displayName;
        this.byteSize = byteSize;
    }

    /** Bytes per element in TensorFlow's packed {@code tensor_content}; 0 for strings. */
    public int byteSize() {
        return byteSize;
    }

    public boolean isInteger() {
        return this == INT32 || this == INT64;
    }

    /** float32, int32 or int64: the types arithmetic ops accept. */
    public boolean isNumeric() {
        return this == FLOAT32 || isInteger();
    }

    @Override
    public String toString() {
        return displayName;
    }
}
