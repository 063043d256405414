package dev.kiln.optim;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.optim.RMSprop}: divides the gradient by a running root mean square of recent gradients, optionally
 * centred (the running mean's square subtracted) and with momentum. Options: {@code lr} (1e-2), {@code alpha} (0.99),
 * {@code eps} (1e-8), {@code weight_decay}, {@code momentum}, {@code centered}, {@code maximize}; state per
 * parameter: {@code step} (an integer), {@code square_avg}, and {@code momentum_buffer} / {@code grad_avg} when used.
 */
public final class RMSprop extends Optimizer {
    private static final Map<String, Object> DEFAULTS = defaultsOf("lr", 1e-2, "momentum", 0.0, "alpha", 0.99, "eps", 1e-8,
            "centered", false, "weight_decay", 0.0, "foreach", null, "maximize", false, "differentiable", false);

    /** RMSprop with PyTorch's defaults. */
    public RMSprop(Iterable<? extends Tensor> params) { this(params, Map.of()); }

    public RMSprop(Iterable<? extends Tensor> params, Map<String, ?> options) { this(singleGroup(params), options); }

    public RMSprop(List<? extends Map<String, ?>> paramGroups, Map<String, ?> options) {
        Map<String, Object> defaults = options("RMSprop", DEFAULTS, options);
        requireNonNegative(defaults, "lr", "learning rate");
        requireNonNegative(defaults, "eps", "epsilon value");
        requireNonNegative(defaults, "momentum", "momentum value");
        requireNonNegative(defaults, "weight_decay", "weight_decay value");
        requireNonNegative(defaults, "alpha", "alpha value");
        super(paramGroups, defaults);
    }

    @Override
    protected void update(ParamGroup group) {
        double lr = group.lr(), alpha = group.getDouble("alpha"), eps = group.getDouble("eps");
        double weightDecay = group.getDouble("weight_decay"), momentum = group.getDouble("momentum");
        boolean centered = group.getBoolean("centered"), maximize = group.getBoolean("maximize");
        for (Tensor param : group.params()) {
            if (param.grad() == null) continue;
            Map<String, Object> state = state(param);
            if (state.isEmpty()) {
                state.put("step", 0L);
                state.put("square_avg", Torch.zerosLike(param));
                if (momentum > 0) state.put("momentum_buffer", Torch.zerosLike(param));
                if (centered) state.put("grad_avg", Torch.zerosLike(param));
            }
            state.put("step", ((Number) state.get("step")).longValue() + 1);
            Tensor grad = maximize ? param.grad().neg() : param.grad();
            if (weightDecay != 0) grad = grad.add(param, weightDecay);
            Tensor squareAvg = (Tensor) state.get("square_avg");
            squareAvg.mul_(alpha).addcmul_(grad, grad, 1 - alpha);
            Tensor avg;
            if (centered) {
                Tensor gradAvg = (Tensor) state.get("grad_avg");
                gradAvg.mul_(alpha).add_(grad, 1 - alpha);
                avg = squareAvg.addcmul(gradAvg, gradAvg, -1).sqrt_();
            } else {
                avg = squareAvg.sqrt();
            }
            avg.add_(eps);
            if (momentum > 0) {
                Tensor buffer = (Tensor) state.get("momentum_buffer");
                buffer.mul_(momentum).addcdiv_(grad, avg);
                param.add_(buffer, -lr);
            } else {
                param.addcdiv_(grad, avg, -lr);
            }
        }
    }
}
