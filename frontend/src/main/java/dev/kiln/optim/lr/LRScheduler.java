package dev.kiln.optim.lr;

import dev.kiln.optim.Optimizer;
import dev.kiln.optim.ParamGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of the epoch-driven learning-rate schedulers, as PyTorch's {@code _LRScheduler}: on construction each
 * group's {@code initial_lr} is recorded (or required, when resuming with {@code lastEpoch >= 0}) and a first step
 * sets the epoch-0 rates; each {@link #step()} advances {@code lastEpoch} and writes the new rates into the groups.
 * Subclasses give PyTorch's chainable form ({@link #computeLr()}: from the groups' current rates) and, where PyTorch
 * has one, the closed form used by {@link #step(int)}.
 */
public abstract class LRScheduler {
    protected final Optimizer optimizer;
    protected double[] baseLrs;
    protected int lastEpoch;
    protected int stepCount;
    protected double[] lastLr;

    /** Records the groups' initial rates and takes the first step, as PyTorch's constructor does. */
    protected LRScheduler(Optimizer optimizer, int lastEpoch) {
        this(optimizer);
        List<ParamGroup> groups = optimizer.paramGroups();
        baseLrs = new double[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup group = groups.get(i);
            if (lastEpoch == -1) {
                group.setDefault("initial_lr", group.lr());
            } else if (!group.has("initial_lr")) {
                throw new IllegalArgumentException("param 'initial_lr' is not specified in param_groups[" + i + "] when resuming an optimizer");
            }
            baseLrs[i] = group.getDouble("initial_lr");
        }
        this.lastEpoch = lastEpoch;
        initialStep();
    }

    /** For schedulers that drive others ({@link SequentialLR}) and set their own state. */
    protected LRScheduler(Optimizer optimizer) { this.optimizer = optimizer; }

    void initialStep() {
        stepCount = 0;
        step();
    }

    /** Advances one epoch and sets every group's learning rate. */
    public void step() {
        stepCount++;
        lastEpoch++;
        apply(computeLr());
    }

    /** PyTorch's deprecated {@code step(epoch)}: jumps to {@code epoch}, using the closed form where there is one. */
    public void step(int epoch) {
        stepCount++;
        lastEpoch = epoch;
        apply(closedFormLr());
    }

    private void apply(double[] lrs) {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size(); i++) groups.get(i).setLr(lrs[i]);
        lastLr = currentLrs();
    }

    /** The groups' learning rates now. */
    protected double[] currentLrs() { return optimizer.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray(); }

    /** PyTorch's {@code get_lr()}: the rates for {@link #lastEpoch}, usually from the groups' current rates. */
    protected abstract double[] computeLr();

    /** PyTorch's {@code _get_closed_form_lr()}: the rates for {@link #lastEpoch} from the base rates alone. */
    protected double[] closedFormLr() { return computeLr(); }

    /** The learning rates the last step set, one per group ({@code get_last_lr()}). */
    public List<Double> getLastLr() { return toList(lastLr); }

    /** The index of the last epoch ({@code last_epoch}); 0 right after construction. */
    public int lastEpoch() { return lastEpoch; }

    public Optimizer optimizer() { return optimizer; }

    /** The scheduler's state under PyTorch's attribute names (what {@code state_dict()} holds). */
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (baseLrs != null) out.put("base_lrs", toList(baseLrs));
        out.put("last_epoch", (long) lastEpoch);
        out.put("_step_count", (long) stepCount);
        if (lastLr != null) out.put("_last_lr", toList(lastLr));
        return out;
    }

    /** Restores what {@link #stateDict()} saved; keys PyTorch also saves but Kiln does not use are ignored. */
    public void loadStateDict(Map<String, ?> state) {
        if (state.get("base_lrs") instanceof List<?> l) baseLrs = doubles(l);
        if (state.get("last_epoch") instanceof Number n) lastEpoch = n.intValue();
        if (state.get("_step_count") instanceof Number n) stepCount = n.intValue();
        if (state.get("_last_lr") instanceof List<?> l) lastLr = doubles(l);
    }

    /** Multiplies every rate by {@code factor}, in place; returns {@code lrs}. */
    static double[] times(double[] lrs, double factor) {
        for (int i = 0; i < lrs.length; i++) lrs[i] *= factor;
        return lrs;
    }

    static List<Double> toList(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) out.add(v);
        return out;
    }

    static double[] doubles(List<?> values) { return values.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray(); }

    /** {@code [value] * len(groups)} or the per-group list, as PyTorch's {@code _format_param}. */
    static double[] perGroup(Optimizer optimizer, String name, Object value) {
        int groups = optimizer.paramGroups().size();
        if (value instanceof List<?> l) {
            if (l.size() != groups) throw new IllegalArgumentException("expected " + groups + " values for " + name + ", got " + l.size());
            return doubles(l);
        }
        if (!(value instanceof Number n)) throw new IllegalArgumentException(name + " should be a number or a list of numbers, but got " + value);
        double[] out = new double[groups];
        Arrays.fill(out, n.doubleValue());
        return out;
    }
}
