package dev.kiln.autograd;

/**
 * Where a gradient goes: input {@code inputNr} of backward function {@code function}. A null function is an
 * edge to nowhere (the forward input did not require grad), as PyTorch's {@code (None, 0)}.
 */
public record Edge(Node function, int inputNr) {
    static final Edge NONE = new Edge(null, 0);

    public boolean isValid() { return function != null; }
}
