package dev.kiln.optim.lr;

import dev.kiln.optim.Optimizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code MultiStepLR}: multiplies the rates by {@code gamma} at each milestone epoch; a milestone listed {@code k}
 * times multiplies by {@code gamma^k}.
 */
public final class MultiStepLR extends LRScheduler {
    private final TreeMap<Integer, Integer> milestones;
    private double gamma;

    /** {@code gamma} 0.1. */
    public MultiStepLR(Optimizer optimizer, List<Integer> milestones) { this(optimizer, milestones, 0.1, -1); }

    public MultiStepLR(Optimizer optimizer, List<Integer> milestones, double gamma) { this(optimizer, milestones, gamma, -1); }

    public MultiStepLR(Optimizer optimizer, List<Integer> milestones, double gamma, int lastEpoch) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (int m : milestones) counts.merge(m, 1, Integer::sum);
        this.milestones = counts;
        this.gamma = gamma;
        super(optimizer, lastEpoch);
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = currentLrs();
        Integer count = milestones.get(lastEpoch);
        return count == null ? lrs : times(lrs, Math.pow(gamma, count));
    }

    @Override
    protected double[] closedFormLr() {
        int passed = milestones.headMap(lastEpoch, true).values().stream().mapToInt(Integer::intValue).sum();
        return times(baseLrs.clone(), Math.pow(gamma, passed));
    }

    /** {@code milestones} as PyTorch's {@code Counter}: a map from milestone to how often it was given. */
    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = super.stateDict();
        Map<Long, Long> counts = new LinkedHashMap<>();
        milestones.forEach((m, c) -> counts.put((long) m, (long) c));
        out.put("milestones", counts);
        out.put("gamma", gamma);
        return out;
    }

    @Override
    public void loadStateDict(Map<String, ?> state) {
        super.loadStateDict(state);
        if (state.get("milestones") instanceof Map<?, ?> counts) {
            milestones.clear();
            counts.forEach((m, c) -> milestones.put(((Number) m).intValue(), ((Number) c).intValue()));
        }
        if (state.get("gamma") instanceof Number n) gamma = n.doubleValue();
    }
}
