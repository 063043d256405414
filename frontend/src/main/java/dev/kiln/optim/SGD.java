package dev.kiln.optim;

import dev.kiln.Tensor;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.optim.SGD}: stochastic gradient descent with optional momentum (and dampening), Nesterov momentum,
 * L2 weight decay and maximisation. Options: {@code lr} (required), {@code momentum}, {@code dampening},
 * {@code weight_decay}, {@code nesterov}, {@code maximize}; state per parameter: {@code momentum_buffer} (null
 * without momentum, as in PyTorch).
 */
public final class SGD extends Optimizer {
    private static final Map<String, Object> DEFAULTS = defaultsOf("lr", REQUIRED, "momentum", 0.0, "dampening", 0.0,
            "weight_decay", 0.0, "nesterov", false, "maximize", false, "foreach", null, "differentiable", false);

    /** Plain SGD with learning rate {@code lr}. */
    public SGD(Iterable<? extends Tensor> params, double lr) { this(params, Map.of("lr", lr)); }

    public SGD(Iterable<? extends Tensor> params, Map<String, ?> options) { this(singleGroup(params), options); }

    /** SGD over parameter groups (maps with {@code "params"} and their own options) with these defaults. */
    public SGD(List<? extends Map<String, ?>> paramGroups, Map<String, ?> options) {
        Map<String, Object> defaults = options("SGD", DEFAULTS, options);
        requireNonNegative(defaults, "lr", "learning rate");
        requireNonNegative(defaults, "momentum", "momentum value");
        requireNonNegative(defaults, "weight_decay", "weight_decay value");
        double momentum = (Double) defaults.get("momentum");
        if ((Boolean) defaults.get("nesterov") && (momentum <= 0 || (Double) defaults.get("dampening") != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
        super(paramGroups, defaults);
    }

    @Override
    protected void update(ParamGroup group) {
        double weightDecay = group.getDouble("weight_decay"), momentum = group.getDouble("momentum");
        double dampening = group.getDouble("dampening"), lr = group.lr();
        boolean nesterov = group.getBoolean("nesterov"), maximize = group.getBoolean("maximize");
        for (Tensor param : group.params()) {
            Tensor grad = param.grad();
            if (grad == null) continue;
            Map<String, Object> state = state(param);
            Tensor step = maximize ? grad.neg() : grad;
            if (weightDecay != 0) step = step.add(param, weightDecay);
            Tensor buffer = null;
            if (momentum != 0) {
                buffer = (Tensor) state.get("momentum_buffer");
                if (buffer == null) buffer = step.clone().detach();
                else buffer.mul_(momentum).add_(step, 1 - dampening);
                step = nesterov ? step.add(buffer, momentum) : buffer;
            }
            state.put("momentum_buffer", buffer);
            param.add_(step, -lr);
        }
    }
}
