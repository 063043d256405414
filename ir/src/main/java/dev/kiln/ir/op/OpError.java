package dev.kiln.ir.op;

/**
 * Errors raised for a bad call of an op (wrong shapes, dtypes, devices). The message starts with the op name
 * and says what was expected and what was found, like PyTorch's RuntimeError.
 */
public final class OpError {
    private OpError() {}

    public static IllegalArgumentException of(String op, String message) {
        return new IllegalArgumentException(op + ": " + message);
    }

    public static IndexOutOfBoundsException index(String op, String message) {
        return new IndexOutOfBoundsException(op + ": " + message);
    }
}
