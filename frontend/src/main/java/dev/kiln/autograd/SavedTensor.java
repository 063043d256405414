package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.TensorData;
import java.util.Arrays;

/**
 * A tensor kept for backward and the storage version it had when saved. A forward input is kept as the tensor
 * object itself (its history is its own); an output of the saving node is kept as data only and gets that node
 * as its function when unpacked, so the node does not hold its own output. Unpacking checks the version, so an
 * in-place write between forward and backward is an error, not a wrong gradient; after {@link #release()}
 * unpacking says the graph was already freed.
 */
final class SavedTensor {
    private static final String FREED = "Trying to backward through the graph a second time (or directly access saved tensors after "
            + "they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or "
            + "autograd.grad(). Specify retainGraph=true if you need to backward through the graph a second time or if you "
            + "need to access saved tensors after calling backward.";

    private Tensor input;
    private TensorData output;
    private final int version;
    private final int outputNr;
    private boolean released;

    private SavedTensor(Tensor input, TensorData output, int outputNr) {
        this.input = input;
        this.output = output;
        this.version = (input != null ? input.data() : output).storage().version();
        this.outputNr = outputNr;
    }

    /** Saves a forward input; inference tensors cannot be saved. */
    static SavedTensor input(Tensor t) {
        if (Variables.isInference(t)) {
            throw new IllegalStateException("Inference tensors cannot be saved for backward. To work around you can make a clone to "
                    + "get a normal tensor and use it in autograd.");
        }
        return new SavedTensor(t, null, Variables.outputNr(t));
    }

    /** Saves output {@code outputNr} of the node that saves it. */
    static SavedTensor output(Tensor t, int outputNr) { return new SavedTensor(null, t.data(), outputNr); }

    /** The saved value with its autograd history; {@code owner} is the node that saved it. */
    Tensor unpack(Node owner) {
        if (released) throw new IllegalStateException(FREED);
        TensorData data = input != null ? input.data() : output;
        int now = data.storage().version();
        if (now != version) throw new IllegalStateException(modifiedMessage(data, input != null ? Variables.gradFn(input) : owner, now));
        if (input != null) return input;
        Tensor t = new Tensor(data);
        Variables.setHistory(t, owner, outputNr);
        return t;
    }

    /** PyTorch's message; an input is described with the function it has now, as PyTorch reads it from the tensor. */
    private String modifiedMessage(TensorData data, Node fn, int now) {
        String desc = "[" + typeName(data.dtype()) + " " + Arrays.toString(data.sizes()) + "]";
        String which = fn != null ? ", which is output " + outputNr + " of " + fn.name() + "," : "";
        return "one of the variables needed for gradient computation has been modified by an inplace operation: " + desc + which
                + " is at version " + now + "; expected version " + version + " instead. Hint: enable anomaly detection to find "
                + "the operation that failed to compute its gradient, with Autograd.detectAnomaly().";
    }

    /** PyTorch's legacy type name of a CPU tensor: {@code torch.FloatTensor}. */
    static String typeName(DType dtype) { return "torch." + dtype.legacyName() + "Tensor"; }

    void release() {
        released = true;
        input = null;
        output = null;
    }
}
