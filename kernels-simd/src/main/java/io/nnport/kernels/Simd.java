package io.nnport.kernels;

import java.util.Locale;

/**
 * Chooses, once per JVM, between the Vector API kernels and their scalar twins.
 *
 * <p>The vector path is used when the {@code jdk.incubator.vector} module is in the boot layer
 * (the JVM was started with {@code --add-modules jdk.incubator.vector}) and the system property
 * {@value #FORCE_SCALAR_PROPERTY} is not {@code true}. Without the module, every kernel runs its
 * scalar twin and one notice is printed on stderr; no vector class is ever loaded, so there is no
 * {@link NoClassDefFoundError}.
 *
 * <p>{@value #MAX_BITS_PROPERTY} (128, 256 or 512) caps the vector width below the machine's
 * preferred one; tests and benchmarks use it to exercise every species in separate JVMs, which
 * keeps the species a {@code static final} constant inside every hot loop.
 */
public final class Simd {

    /** {@code -Dnnport.kernels.scalar=true} forces the scalar twins everywhere. */
    public static final String FORCE_SCALAR_PROPERTY = "nnport.kernels.scalar";

    /** {@code -Dnnport.kernels.maxBits=N} caps the vector width at N bits (128, 256 or 512). */
    public static final String MAX_BITS_PROPERTY = "nnport.kernels.maxBits";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final boolean MODULE_PRESENT =
            ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();

    private static final boolean FORCED_SCALAR =
            Boolean.parseBoolean(System.getProperty(FORCE_SCALAR_PROPERTY, "false"));

    /** True when kernels run on jdk.incubator.vector; constant-folded by the JIT. */
    public static final boolean VECTOR = MODULE_PRESENT && !FORCED_SCALAR;

    /** The requested cap on the vector width in bits, or 0 for the machine's preferred width. */
    public static final int MAX_BITS = parseMaxBits(System.getProperty(MAX_BITS_PROPERTY));

    static {
        if (!MODULE_PRESENT && !FORCED_SCALAR) {
            System.err.println("nnport: " + VECTOR_MODULE + " is not available; running the scalar kernels"
                    + " (start java with --add-modules " + VECTOR_MODULE + " for SIMD speed)");
        }
    }

    private Simd() {}

    /** Width of the float species in use, in bits; 32 on the scalar path. */
    public static int vectorBits() {
        return VECTOR ? io.nnport.kernels.vector.Species.BITS : Float.SIZE;
    }

    /** Floats per vector in use; 1 on the scalar path. */
    public static int lanes() {
        return VECTOR ? io.nnport.kernels.vector.Species.LANES : 1;
    }

    /** One line naming the path in use, for {@code info} and benchmark reports. */
    public static String describe() {
        if (!VECTOR) {
            return FORCED_SCALAR ? "scalar (forced by -D" + FORCE_SCALAR_PROPERTY + "=true)"
                    : "scalar (" + VECTOR_MODULE + " not in the boot layer)";
        }
        return String.format(Locale.ROOT, "vector %d-bit (%d floats per vector)", vectorBits(), lanes());
    }

    private static int parseMaxBits(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        return switch (value.trim()) {
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default -> throw new IllegalArgumentException(
                    "-D" + MAX_BITS_PROPERTY + " must be 128, 256 or 512, not '" + value + "'");
        };
    }
}
