package dev.kiln.optim.lr;

import dev.kiln.optim.Optimizer;
import dev.kiln.optim.ParamGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code SequentialLR}: runs one scheduler after another, switching at each milestone epoch (the next scheduler
 * restarts at its epoch 0 there). All must drive the same optimizer; there is one milestone fewer than schedulers.
 */
public final class SequentialLR extends LRScheduler {
    private final List<LRScheduler> schedulers;
    private final int[] milestones;

    public SequentialLR(Optimizer optimizer, List<? extends LRScheduler> schedulers, List<Integer> milestones) {
        this(optimizer, schedulers, milestones, -1);
    }

    public SequentialLR(Optimizer optimizer, List<? extends LRScheduler> schedulers, List<Integer> milestones, int lastEpoch) {
        super(optimizer);
        for (int i = 0; i < schedulers.size(); i++) {
            if (schedulers.get(i).optimizer() != optimizer) {
                throw new IllegalArgumentException("Sequential Schedulers expects all schedulers to belong to the same optimizer, but got "
                        + "schedulers at index " + i + " to be different than the optimizer passed in.");
            }
        }
        if (milestones.size() != schedulers.size() - 1) {
            throw new IllegalArgumentException("Sequential Schedulers expects number of schedulers provided to be one more than the number "
                    + "of milestone points, but got number of schedulers " + schedulers.size() + " and the number of milestones to be equal to "
                    + milestones.size());
        }
        this.schedulers = List.copyOf(schedulers);
        this.milestones = milestones.stream().mapToInt(Integer::intValue).toArray();
        this.lastEpoch = lastEpoch + 1;
        for (ParamGroup group : optimizer.paramGroups()) group.setLr(group.getDouble("initial_lr"));
        for (LRScheduler s : this.schedulers) s.lastEpoch--;
        this.schedulers.getFirst().initialStep();
        this.lastLr = this.schedulers.getFirst().lastLr;
    }

    @Override
    public void step() {
        lastEpoch++;
        int idx = bisectRight(milestones, lastEpoch);
        LRScheduler scheduler = schedulers.get(idx);
        if (idx > 0 && milestones[idx - 1] == lastEpoch) scheduler.step(0);
        else scheduler.step();
        lastLr = scheduler.lastLr;
    }

    private static int bisectRight(int[] sorted, int value) {
        int i = 0;
        while (i < sorted.length && sorted[i] <= value) i++;
        return i;
    }

    /** Not used: {@link #step()} delegates to the scheduler of the current epoch. */
    @Override
    protected double[] computeLr() { return currentLrs(); }

    /** Its own counters plus each scheduler's state under {@code _schedulers}. */
    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = super.stateDict();
        out.put("_milestones", Arrays.stream(milestones).mapToObj(m -> (long) m).toList());
        List<Object> states = new ArrayList<>();
        for (LRScheduler s : schedulers) states.add(s.stateDict());
        out.put("_schedulers", states);
        return out;
    }

    @Override
    public void loadStateDict(Map<String, ?> state) {
        super.loadStateDict(state);
        if (state.get("_schedulers") instanceof List<?> states) {
            for (int i = 0; i < Math.min(states.size(), schedulers.size()); i++) {
                @SuppressWarnings("unchecked") Map<String, ?> s = (Map<String, ?>) states.get(i);
                schedulers.get(i).loadStateDict(s);
            }
        }
    }
}
