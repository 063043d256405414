package dev.kiln.optim.lr;

import dev.kiln.optim.Optimizer;
import dev.kiln.optim.ParamGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code OneCycleLR}: the 1cycle policy, stepped once per batch. The rate rises from {@code max_lr / div_factor} to
 * {@code max_lr} over the first {@code pct_start} of {@code total_steps}, then anneals (cosine or linear) to
 * {@code initial_lr / final_div_factor}; with {@code three_phase} it first comes back down to the initial rate.
 * With {@code cycle_momentum} the momentum (SGD's {@code momentum}, Adam's {@code beta1}) moves the opposite way
 * between {@code max_momentum} and {@code base_momentum}. Arguments are PyTorch's keywords:
 * {@code new OneCycleLR(opt, Map.of("max_lr", 0.1, "total_steps", 100))}.
 */
public final class OneCycleLR extends LRScheduler {
    private static final Set<String> KEYWORDS = Set.of("max_lr", "total_steps", "epochs", "steps_per_epoch", "pct_start",
            "anneal_strategy", "cycle_momentum", "base_momentum", "max_momentum", "div_factor", "final_div_factor", "three_phase",
            "last_epoch");

    /** One phase of the cycle: it ends at {@code endStep}, moving between the named group options. */
    private record Phase(double endStep, String startLr, String endLr, String startMomentum, String endMomentum) {}

    private final int totalSteps;
    private final List<Phase> phases;
    private final boolean linear;
    private final boolean cycleMomentum;
    private final boolean useBeta1;

    /** The cosine 1cycle policy with PyTorch's defaults, peaking at {@code maxLr}. */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) { this(optimizer, Map.of("max_lr", maxLr, "total_steps", totalSteps)); }

    /** {@code max_lr} is a number or one per group, as are {@code base_momentum} and {@code max_momentum}. */
    public OneCycleLR(Optimizer optimizer, Map<String, ?> kwargs) {
        Kwargs args = new Kwargs("OneCycleLR", kwargs, KEYWORDS);
        int steps = totalSteps(args);
        double pctStart = args.getDouble("pct_start", 0.3);
        List<Phase> schedule = args.getBoolean("three_phase", false)
                ? List.of(new Phase(pctStart * steps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                        new Phase(2 * pctStart * steps - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                        new Phase(steps - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum"))
                : List.of(new Phase(pctStart * steps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                        new Phase(steps - 1, "max_lr", "min_lr", "base_momentum", "max_momentum"));
        if (pctStart < 0 || pctStart > 1) throw new IllegalArgumentException("Expected float between 0 and 1 pct_start, but got " + pctStart);
        String strategy = args.getString("anneal_strategy", "cos");
        if (!strategy.equals("cos") && !strategy.equals("linear")) {
            throw new IllegalArgumentException("anneal_strategy must by one of 'cos' or 'linear', instead got " + strategy);
        }
        int lastEpoch = args.getInt("last_epoch", -1);
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] maxLrs = perGroup(optimizer, "max_lr", args.get("max_lr", null));
        if (lastEpoch == -1) {
            double divFactor = args.getDouble("div_factor", 25.0), finalDivFactor = args.getDouble("final_div_factor", 1e4);
            for (int i = 0; i < groups.size(); i++) {
                groups.get(i).set("initial_lr", maxLrs[i] / divFactor);
                groups.get(i).set("max_lr", maxLrs[i]);
                groups.get(i).set("min_lr", groups.get(i).getDouble("initial_lr") / finalDivFactor);
            }
        }
        boolean cycle = args.getBoolean("cycle_momentum", true);
        boolean beta1 = optimizer.defaults().containsKey("betas");
        if (cycle) {
            if (!optimizer.defaults().containsKey("momentum") && !beta1) {
                throw new IllegalArgumentException("optimizer must support momentum with `cycle_momentum` option enabled");
            }
            double[] maxMomenta = perGroup(optimizer, "max_momentum", args.get("max_momentum", 0.95));
            double[] baseMomenta = perGroup(optimizer, "base_momentum", args.get("base_momentum", 0.85));
            if (lastEpoch == -1) {
                for (int i = 0; i < groups.size(); i++) {
                    setMomentum(groups.get(i), beta1, maxMomenta[i]);
                    groups.get(i).set("max_momentum", maxMomenta[i]);
                    groups.get(i).set("base_momentum", baseMomenta[i]);
                }
            }
        }
        this.totalSteps = steps;
        this.phases = schedule;
        this.linear = strategy.equals("linear");
        this.cycleMomentum = cycle;
        this.useBeta1 = beta1;
        super(optimizer, lastEpoch);
    }

    private static int totalSteps(Kwargs args) {
        if (args.has("total_steps")) {
            int total = args.getInt("total_steps", 0);
            if (total <= 0) throw new IllegalArgumentException("Expected positive integer total_steps, but got " + total);
            return total;
        }
        if (!args.has("epochs") || !args.has("steps_per_epoch")) {
            throw new IllegalArgumentException("You must define either total_steps OR (epochs AND steps_per_epoch)");
        }
        int epochs = args.getInt("epochs", 0), perEpoch = args.getInt("steps_per_epoch", 0);
        if (epochs <= 0) throw new IllegalArgumentException("Expected positive integer epochs, but got " + epochs);
        if (perEpoch <= 0) throw new IllegalArgumentException("Expected positive integer steps_per_epoch, but got " + perEpoch);
        return epochs * perEpoch;
    }

    private static void setMomentum(ParamGroup group, boolean beta1, double momentum) {
        if (beta1) group.set("betas", List.of(momentum, group.getPair("betas")[1]));
        else group.set("momentum", momentum);
    }

    private double anneal(double start, double end, double pct) {
        if (linear) return (end - start) * pct + start;
        double cosOut = Math.cos(Math.PI * pct) + 1;
        return end + (start - end) / 2.0 * cosOut;
    }

    @Override
    protected double[] computeLr() {
        int stepNum = lastEpoch;
        if (stepNum > totalSteps) {
            throw new IllegalArgumentException("Tried to step " + (stepNum + 1) + " times. The specified number of total steps is " + totalSteps);
        }
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] lrs = new double[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            ParamGroup group = groups.get(g);
            double start = 0;
            for (int i = 0; i < phases.size(); i++) {
                Phase phase = phases.get(i);
                if (stepNum <= phase.endStep() || i == phases.size() - 1) {
                    double pct = (stepNum - start) / (phase.endStep() - start);
                    lrs[g] = anneal(group.getDouble(phase.startLr()), group.getDouble(phase.endLr()), pct);
                    if (cycleMomentum) {
                        setMomentum(group, useBeta1, anneal(group.getDouble(phase.startMomentum()), group.getDouble(phase.endMomentum()), pct));
                    }
                    break;
                }
                start = phase.endStep();
            }
        }
        return lrs;
    }

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = super.stateDict();
        out.put("total_steps", (long) totalSteps);
        List<Object> schedule = new ArrayList<>();
        for (Phase p : phases) {
            Map<String, Object> phase = new LinkedHashMap<>();
            phase.put("end_step", p.endStep());
            phase.put("start_lr", p.startLr());
            phase.put("end_lr", p.endLr());
            phase.put("start_momentum", p.startMomentum());
            phase.put("end_momentum", p.endMomentum());
            schedule.add(phase);
        }
        out.put("_schedule_phases", schedule);
        out.put("_anneal_func_type", linear ? "linear" : "cos");
        out.put("cycle_momentum", cycleMomentum);
        out.put("use_beta1", useBeta1);
        return out;
    }
}
