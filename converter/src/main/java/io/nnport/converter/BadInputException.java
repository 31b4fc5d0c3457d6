package io.nnport.converter;

/** A model or option the converter cannot use: reported in one line, exit code 2. */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
