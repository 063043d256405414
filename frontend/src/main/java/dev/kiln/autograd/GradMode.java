package dev.kiln.autograd;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * This thread's autograd switches: grad mode ({@code torch.is_grad_enabled()}), inference mode and anomaly
 * detection. Ops are recorded only with grad mode on and inference mode off. Each switch is changed through a
 * {@link Scope} that puts the previous state back when closed, so scopes nest like PyTorch's context managers.
 */
public final class GradMode {
    private GradMode() {}

    private static final class State {
        boolean enabled = true;
        boolean inference;
        boolean anomaly;
    }

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);
    /** Open inference-mode scopes on all threads: while zero, no thread needs to mark inference tensors. */
    private static final AtomicInteger INFERENCE_SCOPES = new AtomicInteger();

    /** A mode switch that restores the previous state when closed; use with try-with-resources. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    public static boolean isEnabled() { return STATE.get().enabled; }

    public static boolean isInferenceMode() { return STATE.get().inference; }

    public static boolean isAnomalyEnabled() { return STATE.get().anomaly; }

    /** Whether some thread may be in inference mode; a cheap test before reading this thread's state. */
    static boolean inferenceMayBeOn() { return INFERENCE_SCOPES.get() != 0; }

    /** Sets whether ops record gradients until the scope closes ({@code torch.set_grad_enabled(mode)}). */
    public static Scope set(boolean enabled) {
        State s = STATE.get();
        boolean before = s.enabled;
        s.enabled = enabled;
        return () -> s.enabled = before;
    }

    /**
     * {@code torch.inference_mode(on)}: with {@code on}, nothing is recorded (not even under {@code enableGrad})
     * and the tensors ops make are inference tensors; {@code inference(false)} turns grad mode back on, as
     * PyTorch's does.
     */
    public static Scope inference(boolean on) {
        State s = STATE.get();
        boolean before = s.enabled, beforeInference = s.inference;
        s.inference = on;
        s.enabled = !on;
        if (on) INFERENCE_SCOPES.incrementAndGet();
        return () -> {
            s.enabled = before;
            s.inference = beforeInference;
            if (on) INFERENCE_SCOPES.decrementAndGet();
        };
    }

    /** Anomaly detection: backward functions remember their forward call and NaN gradients raise an error. */
    public static Scope anomaly(boolean on) {
        State s = STATE.get();
        boolean before = s.anomaly;
        s.anomaly = on;
        return () -> s.anomaly = before;
    }
}
