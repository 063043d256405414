package dev.kiln.optim.lr;

import dev.kiln.optim.Optimizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/** {@code LambdaLR}: each group's rate is its initial rate times its function of the epoch. */
public final class LambdaLR extends LRScheduler {
    private final List<IntToDoubleFunction> lambdas;

    /** One function for every group. */
    public LambdaLR(Optimizer optimizer, IntToDoubleFunction lrLambda) { this(optimizer, lrLambda, -1); }

    public LambdaLR(Optimizer optimizer, IntToDoubleFunction lrLambda, int lastEpoch) {
        this.lambdas = Collections.nCopies(optimizer.paramGroups().size(), lrLambda);
        super(optimizer, lastEpoch);
    }

    /** One function per group, in group order. */
    public LambdaLR(Optimizer optimizer, List<? extends IntToDoubleFunction> lrLambdas) { this(optimizer, lrLambdas, -1); }

    public LambdaLR(Optimizer optimizer, List<? extends IntToDoubleFunction> lrLambdas, int lastEpoch) {
        if (lrLambdas.size() != optimizer.paramGroups().size()) {
            throw new IllegalArgumentException("Expected " + optimizer.paramGroups().size() + " lr_lambdas, but got " + lrLambdas.size());
        }
        this.lambdas = List.copyOf(lrLambdas);
        super(optimizer, lastEpoch);
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = new double[baseLrs.length];
        for (int i = 0; i < lrs.length; i++) lrs[i] = baseLrs[i] * lambdas.get(i).applyAsDouble(lastEpoch);
        return lrs;
    }

    /** Functions are not state: like PyTorch's for plain functions, {@code lr_lambdas} holds one null per group. */
    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = super.stateDict();
        out.put("lr_lambdas", new ArrayList<>(Collections.nCopies(lambdas.size(), null)));
        return out;
    }
}
