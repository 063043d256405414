package dev.kiln.optim.lr;

import dev.kiln.optim.Optimizer;
import java.util.Map;

/** {@code StepLR}: multiplies the rates by {@code gamma} every {@code stepSize} epochs. */
public final class StepLR extends LRScheduler {
    private int stepSize;
    private double gamma;

    /** {@code gamma} 0.1. */
    public StepLR(Optimizer optimizer, int stepSize) { this(optimizer, stepSize, 0.1, -1); }

    public StepLR(Optimizer optimizer, int stepSize, double gamma) { this(optimizer, stepSize, gamma, -1); }

    public StepLR(Optimizer optimizer, int stepSize, double gamma, int lastEpoch) {
        this.stepSize = stepSize;
        this.gamma = gamma;
        super(optimizer, lastEpoch);
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = currentLrs();
        return lastEpoch == 0 || lastEpoch % stepSize != 0 ? lrs : times(lrs, gamma);
    }

    @Override
    protected double[] closedFormLr() {
        return times(baseLrs.clone(), Math.pow(gamma, Math.floorDiv(lastEpoch, stepSize)));
    }

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = super.stateDict();
        out.put("step_size", (long) stepSize);
        out.put("gamma", gamma);
        return out;
    }

    @Override
    public void loadStateDict(Map<String, ?> state) {
        super.loadStateDict(state);
        if (state.get("step_size") instanceof Number n) stepSize = n.intValue();
        if (state.get("gamma") instanceof Number n) gamma = n.doubleValue();
    }
}
