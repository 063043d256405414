package dev.kiln.optim;

import dev.kiln.Tensor;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.optim.AdamW}: Adam with decoupled weight decay (the parameter shrinks by {@code lr * weight_decay}
 * before the moment update instead of the decay entering the gradient),
 * the AMSGrad variant and maximisation. Options: {@code lr} (1e-3), {@code betas} ([0.9, 0.999]), {@code eps} (1e-8),
 * {@code weight_decay} (1e-2), {@code amsgrad}, {@code maximize}; state per parameter: {@code step} (a float32 scalar
 * tensor), {@code exp_avg}, {@code exp_avg_sq} and, with AMSGrad, {@code max_exp_avg_sq}.
 */
public final class AdamW extends Optimizer {
    private static final Map<String, Object> DEFAULTS = defaultsOf("lr", 1e-3, "betas", List.of(0.9, 0.999), "eps", 1e-8,
            "weight_decay", 1e-2, "amsgrad", false, "foreach", null, "maximize", false, "capturable", false);

    /** AdamW with PyTorch's defaults. */
    public AdamW(Iterable<? extends Tensor> params) { this(params, Map.of()); }

    public AdamW(Iterable<? extends Tensor> params, Map<String, ?> options) { this(singleGroup(params), options); }

    public AdamW(List<? extends Map<String, ?>> paramGroups, Map<String, ?> options) {
        Map<String, Object> defaults = options("AdamW", DEFAULTS, options);
        AdamUpdate.validate("AdamW", defaults);
        super(paramGroups, defaults);
    }

    @Override
    protected void update(ParamGroup group) { AdamUpdate.update(this, group, true); }

    @Override
    protected void upgradeLoadedState(Map<String, Object> paramState) { stepAsTensor(paramState); }
}
