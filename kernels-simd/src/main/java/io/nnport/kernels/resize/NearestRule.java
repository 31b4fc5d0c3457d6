package io.nnport.kernels.resize;

import java.util.Objects;

/**
 * Which input row (or column) a nearest-neighbour resize reads for output index {@code i}, along one
 * axis of input length {@code in} and output length {@code out}: a coordinate transform then a
 * rounding, clamped into the input. In float arithmetic, with {@code ratio} as TensorFlow computes it:
 *
 * <pre>
 *   ratio = ALIGN_CORNERS &amp;&amp; out &gt; 1 ? (in - 1) / (float) (out - 1) : in / (float) out
 *   x = ASYMMETRIC, ALIGN_CORNERS:  i * ratio
 *       TF_HALF_PIXEL_FOR_NN:       (i + 0.5f) * ratio
 *       HALF_PIXEL:                 (i + 0.5f) * ratio - 0.5f
 *       PYTORCH_HALF_PIXEL:         out &gt; 1 ? (i + 0.5f) * ratio - 0.5f : 0
 *   source = clamp(round(x), 0, in - 1),  round one of FLOOR, CEIL, ROUND_PREFER_FLOOR, ROUND_PREFER_CEIL
 * </pre>
 *
 * TensorFlow's {@code ResizeNearestNeighbor} is {@link #tensorflow}: ASYMMETRIC + FLOOR by default,
 * TF_HALF_PIXEL_FOR_NN + FLOOR with {@code half_pixel_centers} (no -0.5 shift), ALIGN_CORNERS +
 * ROUND_PREFER_CEIL with {@code align_corners} (C's roundf, halves away from zero, on x &gt;= 0). The
 * names are ONNX Resize's {@code coordinate_transformation_mode} and {@code nearest_mode} values.
 * ONNX Runtime computes x by dividing by out/in where this multiplies by in/out; the two can differ
 * in the last bit, which moves an index only where x lands within that bit of a rounding boundary.
 */
public record NearestRule(Coordinates coordinates, Rounding rounding) {

    /** The coordinate transform: where output index i lies on the input axis. */
    public enum Coordinates {
        ASYMMETRIC,
        ALIGN_CORNERS,
        TF_HALF_PIXEL_FOR_NN,
        HALF_PIXEL,
        PYTORCH_HALF_PIXEL
    }

    /** How that coordinate becomes an input index. */
    public enum Rounding {
        FLOOR,
        CEIL,
        /** Nearest, halves down: ceil(x - 1/2). */
        ROUND_PREFER_FLOOR,
        /** Nearest, halves up: floor(x + 1/2). */
        ROUND_PREFER_CEIL
    }

    public NearestRule {
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(rounding, "rounding");
    }

    /**
     * TensorFlow's {@code ResizeNearestNeighbor} rule.
     *
     * @throws IllegalArgumentException if both flags are set, as TensorFlow rejects them
     */
    public static NearestRule tensorflow(boolean alignCorners, boolean halfPixelCenters) {
        if (alignCorners && halfPixelCenters) {
            throw new IllegalArgumentException("If half_pixel_centers is True, align_corners must be False.");
        }
        if (alignCorners) {
            return new NearestRule(Coordinates.ALIGN_CORNERS, Rounding.ROUND_PREFER_CEIL);
        }
        return new NearestRule(halfPixelCenters ? Coordinates.TF_HALF_PIXEL_FOR_NN : Coordinates.ASYMMETRIC,
                Rounding.FLOOR);
    }

    /** The input index output index {@code i} reads along an axis of {@code in} inputs and {@code out} outputs. */
    public int source(int i, int in, int out) {
        float ratio = coordinates == Coordinates.ALIGN_CORNERS && out > 1 ? (in - 1) / (float) (out - 1)
                : in / (float) out;
        float x = switch (coordinates) {
            case ASYMMETRIC, ALIGN_CORNERS -> i * ratio;
            case TF_HALF_PIXEL_FOR_NN -> (i + 0.5f) * ratio;
            case HALF_PIXEL -> (i + 0.5f) * ratio - 0.5f;
            case PYTORCH_HALF_PIXEL -> out > 1 ? (i + 0.5f) * ratio - 0.5f : 0f;
        };
        // Math.round(float) is floor(x + 1/2) computed exactly, so -round(-x) is ceil(x - 1/2) exactly.
        long index = switch (rounding) {
            case FLOOR -> (long) Math.floor(x);
            case CEIL -> (long) Math.ceil(x);
            case ROUND_PREFER_FLOOR -> -Math.round(-x);
            case ROUND_PREFER_CEIL -> Math.round(x);
        };
        return (int) Math.max(0, Math.min(index, in - 1));
    }
}
