package dev.kiln.optim.lr;

import dev.kiln.optim.Optimizer;
import java.util.Map;

/**
 * {@code LinearLR}: the rates times a factor that moves linearly from {@code startFactor} to {@code endFactor} over
 * {@code totalIters} epochs (a warm-up when it rises), then stays.
 */
public final class LinearLR extends LRScheduler {
    private double startFactor;
    private double endFactor;
    private int totalIters;

    /** From 1/3 to 1 over 5 epochs. */
    public LinearLR(Optimizer optimizer) { this(optimizer, 1.0 / 3, 1.0, 5, -1); }

    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        this(optimizer, startFactor, endFactor, totalIters, -1);
    }

    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters, int lastEpoch) {
        if (startFactor > 1.0 || startFactor < 0) throw new IllegalArgumentException("Starting multiplicative factor expected to be between 0 and 1.");
        if (endFactor > 1.0 || endFactor < 0) throw new IllegalArgumentException("Ending multiplicative factor expected to be between 0 and 1.");
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        super(optimizer, lastEpoch);
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = currentLrs();
        if (lastEpoch > totalIters) return lrs;
        return times(lrs, lastEpoch == 0 ? startFactor
                : 1.0 + (endFactor - startFactor) / (totalIters * startFactor + (lastEpoch - 1) * (endFactor - startFactor)));
    }

    @Override
    protected double[] closedFormLr() {
        return times(baseLrs.clone(), startFactor + (endFactor - startFactor) * Math.min(totalIters, lastEpoch) / totalIters);
    }

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = super.stateDict();
        out.put("start_factor", startFactor);
        out.put("end_factor", endFactor);
        out.put("total_iters", (long) totalIters);
        return out;
    }

    @Override
    public void loadStateDict(Map<String, ?> state) {
        super.loadStateDict(state);
        if (state.get("start_factor") instanceof Number n) startFactor = n.doubleValue();
        if (state.get("end_factor") instanceof Number n) endFactor = n.doubleValue();
        if (state.get("total_iters") instanceof Number n) totalIters = n.intValue();
    }
}
