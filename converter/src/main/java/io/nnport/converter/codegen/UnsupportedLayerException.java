package io.nnport.converter.codegen;

/**
 * A layer the importer accepted but the converter has no kernel call for (yet), or a model the
 * generated classes cannot hold within the JVM's limits; reported as bad input.
 */
public final class UnsupportedLayerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedLayerException(String message) {
        super(message);
    }
}
