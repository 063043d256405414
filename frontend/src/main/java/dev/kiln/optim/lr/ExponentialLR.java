package dev.kiln.optim.lr;

import dev.kiln.optim.Optimizer;
import java.util.Map;

/** {@code ExponentialLR}: multiplies the rates by {@code gamma} every epoch. */
public final class ExponentialLR extends LRScheduler {
    private double gamma;

    public ExponentialLR(Optimizer optimizer, double gamma) { this(optimizer, gamma, -1); }

    public ExponentialLR(Optimizer optimizer, double gamma, int lastEpoch) {
        this.gamma = gamma;
        super(optimizer, lastEpoch);
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = currentLrs();
        return lastEpoch == 0 ? lrs : times(lrs, gamma);
    }

    @Override
    protected double[] closedFormLr() {
        return times(baseLrs.clone(), Math.pow(gamma, lastEpoch));
    }

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = super.stateDict();
        out.put("gamma", gamma);
        return out;
    }

    @Override
    public void loadStateDict(Map<String, ?> state) {
        super.loadStateDict(state);
        if (state.get("gamma") instanceof Number n) gamma = n.doubleValue();
    }
}
