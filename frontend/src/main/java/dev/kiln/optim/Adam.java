package dev.kiln.optim;

import dev.kiln.Tensor;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.optim.Adam}: adaptive moment estimation with bias correction, L2 weight decay added to the gradient,
 * the AMSGrad variant and maximisation. Options: {@code lr} (1e-3), {@code betas} ([0.9, 0.999]), {@code eps} (1e-8),
 * {@code weight_decay} (0), {@code amsgrad}, {@code maximize}; state per parameter: {@code step} (a float32 scalar
 * tensor), {@code exp_avg}, {@code exp_avg_sq} and, with AMSGrad, {@code max_exp_avg_sq}.
 */
public final class Adam extends Optimizer {
    private static final Map<String, Object> DEFAULTS = defaultsOf("lr", 1e-3, "betas", List.of(0.9, 0.999), "eps", 1e-8,
            "weight_decay", 0.0, "amsgrad", false, "maximize", false, "foreach", null, "capturable", false, "differentiable", false,
            "fused", false);

    /** Adam with PyTorch's defaults. */
    public Adam(Iterable<? extends Tensor> params) { this(params, Map.of()); }

    public Adam(Iterable<? extends Tensor> params, Map<String, ?> options) { this(singleGroup(params), options); }

    public Adam(List<? extends Map<String, ?>> paramGroups, Map<String, ?> options) {
        Map<String, Object> defaults = options("Adam", DEFAULTS, options);
        AdamUpdate.validate("Adam", defaults);
        super(paramGroups, defaults);
    }

    @Override
    protected void update(ParamGroup group) { AdamUpdate.update(this, group, false); }

    @Override
    protected void upgradeLoadedState(Map<String, Object> paramState) { stepAsTensor(paramState); }
}
