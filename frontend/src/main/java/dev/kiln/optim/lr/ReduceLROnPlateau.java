package dev.kiln.optim.lr;

import dev.kiln.Tensor;
import dev.kiln.optim.Optimizer;
import dev.kiln.optim.ParamGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ReduceLROnPlateau}: multiplies the rates by {@code factor} (not below {@code min_lr}, and only by more than
 * {@code eps}) once a metric has not improved for more than {@code patience} steps, then waits {@code cooldown} steps.
 * "Improved" is {@code mode} ({@code min}/{@code max}) with a {@code rel} or {@code abs} {@code threshold}. Arguments
 * are PyTorch's keywords: {@code new ReduceLROnPlateau(opt, Map.of("mode", "max", "patience", 2))}.
 */
public final class ReduceLROnPlateau {
    private static final Set<String> KEYWORDS = Set.of("mode", "factor", "patience", "threshold", "threshold_mode", "cooldown",
            "min_lr", "eps");

    private final Optimizer optimizer;
    private final double factor;
    private final double[] minLrs;
    private final int patience;
    private final int cooldown;
    private final String mode;
    private final double threshold;
    private final String thresholdMode;
    private final double eps;
    private double best;
    private int numBadEpochs;
    private int cooldownCounter;
    private int lastEpoch;
    private double[] lastLr;

    /** PyTorch's defaults: mode min, factor 0.1, patience 10, relative threshold 1e-4. */
    public ReduceLROnPlateau(Optimizer optimizer) { this(optimizer, Map.of()); }

    public ReduceLROnPlateau(Optimizer optimizer, Map<String, ?> kwargs) {
        Kwargs args = new Kwargs("ReduceLROnPlateau", kwargs, KEYWORDS);
        this.factor = args.getDouble("factor", 0.1);
        if (factor >= 1.0) throw new IllegalArgumentException("Factor should be < 1.0.");
        this.optimizer = optimizer;
        Object minLr = args.get("min_lr", 0.0);
        if (minLr instanceof List<?> l && l.size() != optimizer.paramGroups().size()) {
            throw new IllegalArgumentException("expected " + optimizer.paramGroups().size() + " min_lrs, got " + l.size());
        }
        this.minLrs = LRScheduler.perGroup(optimizer, "min_lr", minLr);
        this.patience = args.getInt("patience", 10);
        this.cooldown = args.getInt("cooldown", 0);
        this.mode = args.getString("mode", "min");
        this.threshold = args.getDouble("threshold", 1e-4);
        this.thresholdMode = args.getString("threshold_mode", "rel");
        this.eps = args.getDouble("eps", 1e-8);
        if (!mode.equals("min") && !mode.equals("max")) throw new IllegalArgumentException("mode " + mode + " is unknown!");
        if (!thresholdMode.equals("rel") && !thresholdMode.equals("abs")) {
            throw new IllegalArgumentException("threshold mode " + thresholdMode + " is unknown!");
        }
        this.best = modeWorse();
    }

    private double modeWorse() { return mode.equals("min") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY; }

    /** One epoch's metric (a one-element tensor). */
    public void step(Tensor metric) { step(metric.itemDouble()); }

    /** One epoch's metric: reduces the rates when it has not improved for more than {@code patience} epochs. */
    public void step(double metric) {
        lastEpoch++;
        if (isBetter(metric, best)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0;
        }
        if (numBadEpochs > patience) {
            reduceLr();
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        lastLr = optimizer.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray();
    }

    private void reduceLr() {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size(); i++) {
            double oldLr = groups.get(i).lr();
            double newLr = Math.max(oldLr * factor, minLrs[i]);
            if (oldLr - newLr > eps) groups.get(i).setLr(newLr);
        }
    }

    private boolean isBetter(double a, double best) {
        return switch (mode + "/" + thresholdMode) {
            case "min/rel" -> a < best * (1.0 - threshold);
            case "min/abs" -> a < best - threshold;
            case "max/rel" -> a > best * (threshold + 1.0);
            default -> a > best + threshold;
        };
    }

    /** The rates after the last step (the groups' rates before any step). */
    public List<Double> getLastLr() {
        return LRScheduler.toList(lastLr != null ? lastLr : optimizer.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray());
    }

    /** The best metric so far (infinitely bad before the first step). */
    public double best() { return best; }

    public int numBadEpochs() { return numBadEpochs; }

    /** The counters and settings under PyTorch's attribute names. */
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("factor", factor);
        out.put("min_lrs", LRScheduler.toList(minLrs));
        out.put("patience", (long) patience);
        out.put("cooldown", (long) cooldown);
        out.put("cooldown_counter", (long) cooldownCounter);
        out.put("mode", mode);
        out.put("threshold", threshold);
        out.put("threshold_mode", thresholdMode);
        out.put("best", best);
        out.put("num_bad_epochs", (long) numBadEpochs);
        out.put("mode_worse", modeWorse());
        out.put("eps", eps);
        out.put("last_epoch", (long) lastEpoch);
        if (lastLr != null) out.put("_last_lr", LRScheduler.toList(lastLr));
        return out;
    }

    /** Restores the counters and the best metric; the settings stay those this scheduler was built with. */
    public void loadStateDict(Map<String, ?> state) {
        if (state.get("best") instanceof Number n) best = n.doubleValue();
        if (state.get("num_bad_epochs") instanceof Number n) numBadEpochs = n.intValue();
        if (state.get("cooldown_counter") instanceof Number n) cooldownCounter = n.intValue();
        if (state.get("last_epoch") instanceof Number n) lastEpoch = n.intValue();
        if (state.get("_last_lr") instanceof List<?> l) lastLr = LRScheduler.doubles(l);
    }
}
