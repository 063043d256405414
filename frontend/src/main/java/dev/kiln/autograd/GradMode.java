package dev.kiln.autograd;

/**
 * This thread's autograd switches: whether ops record gradients ({@code torch.is_grad_enabled()}), whether
 * inference mode is on, and whether anomaly detection is. Each is changed through a {@link Scope} that puts
 * the previous value back when closed, so scopes nest like PyTorch's context managers.
 */
public final class GradMode {
    private GradMode() {}

    private static final class State {
        boolean enabled = true;
        boolean inference;
        boolean anomaly;
    }

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    /** A mode switch that restores the previous state when closed; use with try-with-resources. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    public static boolean isEnabled() { return STATE.get().enabled; }

    public static boolean isInferenceMode() { return STATE.get().inference; }

    public static boolean isAnomalyEnabled() { return STATE.get().anomaly; }

    /** Sets whether ops record gradients until the scope closes ({@code torch.set_grad_enabled(mode)}). */
    public static Scope set(boolean enabled) {
        State s = STATE.get();
        boolean before = s.enabled;
        s.enabled = enabled;
        return () -> s.enabled = before;
    }

    /**
     * Inference mode: no gradients are recorded, as under {@code noGrad}; tensors made here are meant for
     * inference only ({@code torch.inference_mode()}).
     */
    public static Scope inference(boolean on) {
        State s = STATE.get();
        boolean before = s.enabled, beforeInference = s.inference;
        s.inference = on;
        if (on) s.enabled = false;
        return () -> {
            s.enabled = before;
            s.inference = beforeInference;
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
