package dev.kiln.autograd;

import dev.kiln.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code ctx} of one call of a custom {@link Function}: what forward leaves for backward. Tensors are saved with
 * {@link #saveForBackward} and read back with {@link #savedTensors}, which, like the tensors built-in ops save, fails
 * if one was modified in place since or the graph was freed. Forward also declares the inputs it modified in place
 * ({@link #markDirty}) and the outputs no gradient flows through ({@link #markNonDifferentiable}); anything else
 * backward needs goes in named attributes ({@link #put}, {@link #get}), the role of Python's {@code ctx.foo = ...}.
 */
public final class FunctionContext {
    private final boolean[] needsInputGrad;
    private final Set<Tensor> dirty = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Tensor> nonDifferentiable = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, Object> attributes = new HashMap<>();
    private List<Tensor> toSave = List.of();
    /** What {@link #toSave} became once forward returned and the function's node exists (null entries stay null). */
    private SavedTensor[] saved;
    private Node node;
    private boolean materializeGrads = true;

    FunctionContext(boolean[] needsInputGrad) { this.needsInputGrad = needsInputGrad; }

    /**
     * {@code ctx.save_for_backward(*tensors)}: keeps these tensors (inputs, outputs or others; null for None) for
     * backward. A later call replaces the earlier one.
     */
    public void saveForBackward(Tensor... tensors) { toSave = Collections.unmodifiableList(new ArrayList<>(Arrays.asList(tensors))); }

    /**
     * {@code ctx.saved_tensors}: the tensors given to {@link #saveForBackward}, in order, with their autograd history.
     * Throws if one was modified in place after it was saved, or if the graph was freed by a backward call without
     * {@code retainGraph}.
     */
    public List<Tensor> savedTensors() {
        if (saved == null) return toSave;
        List<Tensor> out = new ArrayList<>(saved.length);
        for (SavedTensor s : saved) out.add(s == null ? null : s.unpack(node));
        return Collections.unmodifiableList(out);
    }

    /**
     * {@code ctx.mark_dirty(*tensors)}: these inputs were modified in place by forward, which must return them. They
     * become outputs of this function (their earlier history is rebased onto it), their version counter is bumped,
     * and a leaf that requires grad is refused, as for built-in in-place ops.
     */
    public void markDirty(Tensor... tensors) { dirty.addAll(Arrays.asList(tensors)); }

    /** {@code ctx.mark_non_differentiable(*outputs)}: these outputs do not require grad; their gradients in backward are zeros. */
    public void markNonDifferentiable(Tensor... outputs) { nonDifferentiable.addAll(Arrays.asList(outputs)); }

    /**
     * {@code ctx.needs_input_grad[i]}: whether forward argument {@code i} is a tensor whose gradient is wanted (it
     * requires grad and grad mode was on); backward may return null for the others.
     */
    public boolean needsInputGrad(int i) {
        if (i < 0 || i >= needsInputGrad.length) {
            throw new IndexOutOfBoundsException("needsInputGrad: index " + i + " is out of range for " + needsInputGrad.length + " arguments");
        }
        return needsInputGrad[i];
    }

    /**
     * {@code ctx.set_materialize_grads(value)}: whether backward receives zeros for outputs that got no gradient
     * (the default) or null.
     */
    public void setMaterializeGrads(boolean materialize) { this.materializeGrads = materialize; }

    /** Keeps a value for backward under {@code name}. */
    public void put(String name, Object value) { attributes.put(name, value); }

    /** The value kept under {@code name}, typed by the caller ({@code long[] stride = ctx.get("stride")}). */
    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        if (!attributes.containsKey(name)) throw new IllegalArgumentException("the context holds no attribute '" + name + "'");
        return (T) attributes.get(name);
    }

    boolean isDirty(Tensor t) { return dirty.contains(t); }

    Set<Tensor> dirty() { return dirty; }

    boolean isNonDifferentiable(Tensor t) { return nonDifferentiable.contains(t); }

    boolean materializeGrads() { return materializeGrads; }

    /**
     * Saves {@link #toSave} for {@code node}, once forward's outputs carry their history: a tensor whose grad
     * function is the node is saved as its output, without a reference back to it.
     */
    void save(Node node) {
        this.node = node;
        saved = new SavedTensor[toSave.size()];
        for (int i = 0; i < saved.length; i++) {
            Tensor t = toSave.get(i);
            if (t == null) continue;
            saved[i] = Variables.gradFn(t) == node ? SavedTensor.output(t, Variables.outputNr(t)) : SavedTensor.input(t);
        }
        toSave = List.of();
    }

    void release() {
        if (saved == null) return;
        for (SavedTensor s : saved) {
            if (s != null) s.release();
        }
    }
}
