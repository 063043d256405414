package dev.kiln.optim.lr;

import dev.kiln.optim.Optimizer;
import java.util.Map;

/** {@code ConstantLR}: the rates times {@code factor} until epoch {@code totalIters}, then the rates themselves. */
public final class ConstantLR extends LRScheduler {
    private double factor;
    private int totalIters;

    /** {@code factor} 1/3 for 5 epochs. */
    public ConstantLR(Optimizer optimizer) { this(optimizer, 1.0 / 3, 5, -1); }

    public ConstantLR(Optimizer optimizer, double factor, int totalIters) { this(optimizer, factor, totalIters, -1); }

    public ConstantLR(Optimizer optimizer, double factor, int totalIters, int lastEpoch) {
        if (factor > 1.0 || factor < 0) throw new IllegalArgumentException("Constant multiplicative factor expected to be between 0 and 1.");
        this.factor = factor;
        this.totalIters = totalIters;
        super(optimizer, lastEpoch);
    }

    @Override
    protected double[] computeLr() {
        return times(currentLrs(), lastEpoch == 0 ? factor : lastEpoch == totalIters ? 1.0 / factor : 1.0);
    }

    @Override
    protected double[] closedFormLr() {
        return times(baseLrs.clone(), factor + (lastEpoch >= totalIters ? 1 : 0) * (1 - factor));
    }

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = super.stateDict();
        out.put("factor", factor);
        out.put("total_iters", (long) totalIters);
        return out;
    }

    @Override
    public void loadStateDict(Map<String, ?> state) {
        super.loadStateDict(state);
        if (state.get("factor") instanceof Number n) factor = n.doubleValue();
        if (state.get("total_iters") instanceof Number n) totalIters = n.intValue();
    }
}
