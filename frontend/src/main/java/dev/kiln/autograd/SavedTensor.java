package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.TensorData;
import java.util.Arrays;

/**
 * A tensor kept for backward: its data, the storage version at the time it was saved and its place in the
 * graph. Unpacking checks the version, so an in-place write between forward and backward is an error, not a
 * wrong gradient; after {@link #release()} unpacking says the graph was already freed.
 */
final class SavedTensor {
    static final String FREED = "Trying to backward through the graph a second time (or directly access saved tensors after "
            + "they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or "
            + "autograd.grad(). Specify retainGraph=true if you need to backward through the graph a second time or if you "
            + "need to access saved tensors after calling backward.";

    private TensorData data;
    private final int version;
    private final boolean isOutput;
    /** For a saved leaf that requires grad: the leaf itself, so double backward accumulates into it. */
    private Tensor leaf;
    private Node gradFn;
    private final int outputNr;
    private boolean released;

    private SavedTensor(TensorData data, boolean isOutput, Tensor leaf, Node gradFn, int outputNr) {
        this.data = data;
        this.version = data.storage().version();
        this.isOutput = isOutput;
        this.leaf = leaf;
        this.gradFn = gradFn;
        this.outputNr = outputNr;
    }

    /** Saves a forward input. */
    static SavedTensor input(Tensor t) {
        Node fn = Variables.gradFn(t);
        AutogradMeta m = t.autogradMeta();
        Tensor leaf = fn == null && m != null && m.requiresGrad ? t : null;
        return new SavedTensor(t.data(), false, leaf, fn, m == null ? 0 : m.outputNr);
    }

    /** Saves an output of the node that saves it (its grad function is that node, given at unpack time). */
    static SavedTensor output(Tensor t, int outputNr) { return new SavedTensor(t.data(), true, null, null, outputNr); }

    /** The saved value as a tensor with its autograd history; {@code owner} is the node that saved it. */
    Tensor unpack(Node owner) {
        if (released) throw new IllegalStateException(FREED);
        int now = data.storage().version();
        if (now != version) throw new IllegalStateException(modifiedMessage(owner, now));
        if (leaf != null) return leaf;
        Tensor t = new Tensor(data);
        Node fn = isOutput ? owner : gradFn;
        if (fn != null) Variables.setHistory(t, fn, outputNr);
        return t;
    }

    private String modifiedMessage(Node owner, int now) {
        String desc = "[" + typeName(data.dtype()) + " " + Arrays.toString(data.sizes()).replace(",", "") + "]";
        Node fn = isOutput ? owner : gradFn;
        String which = fn != null ? ", which is output " + outputNr + " of " + fn.name() + "," : "";
        return "one of the variables needed for gradient computation has been modified by an inplace operation: " + desc + which
                + " is at version " + now + "; expected version " + version + " instead. Hint: enable anomaly detection to find "
                + "the operation that failed to compute its gradient, with Autograd.detectAnomaly().";
    }

    /** PyTorch's legacy type name of a CPU tensor: {@code torch.FloatTensor}. */
    static String typeName(DType dtype) { return "torch." + dtype.legacyName() + "Tensor"; }

    void release() {
        released = true;
        data = null;
        leaf = null;
        gradFn = null;
    }
}
