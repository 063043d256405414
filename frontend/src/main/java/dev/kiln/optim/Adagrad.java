package dev.kiln.optim;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.optim.Adagrad}: scales each coordinate by the root of its accumulated squared gradients, with a
 * learning rate that decays as {@code lr / (1 + (step - 1) * lr_decay)}. Options: {@code lr} (1e-2), {@code lr_decay},
 * {@code weight_decay}, {@code initial_accumulator_value}, {@code eps} (1e-10), {@code maximize}; state per parameter,
 * created with the optimizer as in PyTorch: {@code step} (a float32 scalar tensor) and {@code sum}.
 */
public final class Adagrad extends Optimizer {
    private static final Map<String, Object> DEFAULTS = defaultsOf("lr", 1e-2, "lr_decay", 0.0, "eps", 1e-10,
            "weight_decay", 0.0, "initial_accumulator_value", 0.0, "foreach", null, "maximize", false);

    /** Adagrad with PyTorch's defaults. */
    public Adagrad(Iterable<? extends Tensor> params) { this(params, Map.of()); }

    public Adagrad(Iterable<? extends Tensor> params, Map<String, ?> options) { this(singleGroup(params), options); }

    public Adagrad(List<? extends Map<String, ?>> paramGroups, Map<String, ?> options) {
        Map<String, Object> defaults = options("Adagrad", DEFAULTS, options);
        requireNonNegative(defaults, "lr", "learning rate");
        requireNonNegative(defaults, "lr_decay", "lr_decay value");
        requireNonNegative(defaults, "weight_decay", "weight_decay value");
        requireNonNegative(defaults, "initial_accumulator_value", "initial_accumulator_value value");
        requireNonNegative(defaults, "eps", "epsilon value");
        super(paramGroups, defaults);
        for (ParamGroup group : paramGroups()) {
            for (Tensor param : group.params()) initState(group, param);
        }
    }

    private void initState(ParamGroup group, Tensor param) {
        Map<String, Object> state = state(param);
        state.put("step", Torch.scalarTensor(0.0, DType.FLOAT32));
        state.put("sum", Torch.fullLike(param, group.getDouble("initial_accumulator_value")));
    }

    @Override
    protected void update(ParamGroup group) {
        double lr = group.lr(), lrDecay = group.getDouble("lr_decay"), eps = group.getDouble("eps");
        double weightDecay = group.getDouble("weight_decay");
        boolean maximize = group.getBoolean("maximize");
        for (Tensor param : group.params()) {
            if (param.grad() == null) continue;
            if (state(param).isEmpty()) initState(group, param);
            Map<String, Object> state = state(param);
            double step = ((Tensor) state.get("step")).add_(1).itemDouble();
            Tensor grad = maximize ? param.grad().neg() : param.grad();
            if (weightDecay != 0) grad = grad.add(param, weightDecay);
            double clr = lr / (1 + (step - 1) * lrDecay);
            Tensor sum = (Tensor) state.get("sum");
            sum.addcmul_(grad, grad, 1);
            Tensor std = sum.sqrt().add_(eps);
            param.addcdiv_(grad, std, -clr);
        }
    }

    @Override
    protected void upgradeLoadedState(Map<String, Object> paramState) { stepAsTensor(paramState); }
}
