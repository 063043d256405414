package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.autograd.Autograd;
import dev.kiln.ir.type.DType;

/**
 * What BatchNorm1d and BatchNorm2d share (PyTorch's {@code _BatchNorm}): an affine weight (ones) and bias (zeros), and,
 * with {@code trackRunningStats}, the buffers running_mean (zeros), running_var (ones) and num_batches_tracked (int64 0).
 * Training normalizes by the batch statistics and updates the running ones with {@code momentum}, or, with a null
 * momentum, with the cumulative average {@code 1 / num_batches_tracked}; evaluation uses the running statistics (the
 * batch ones when none are tracked).
 */
public abstract sealed class BatchNorm extends TensorModule permits BatchNorm1d, BatchNorm2d {
    private final long numFeatures;
    private final double eps;
    private final Double momentum;
    private final boolean affine;
    private final boolean trackRunningStats;

    BatchNorm(long numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats, DType dtype) {
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        registerParameter("weight", affine ? new Parameter(Torch.ones(new long[]{numFeatures}, dtype)) : null);
        registerParameter("bias", affine ? new Parameter(Torch.zeros(new long[]{numFeatures}, dtype)) : null);
        registerBuffer("running_mean", trackRunningStats ? Torch.zeros(new long[]{numFeatures}, dtype) : null);
        registerBuffer("running_var", trackRunningStats ? Torch.ones(new long[]{numFeatures}, dtype) : null);
        registerBuffer("num_batches_tracked", trackRunningStats ? Torch.scalarTensor(0L, Torch.int64) : null);
    }

    /** Running statistics back to mean 0, variance 1 and no batch seen. */
    public void resetRunningStats() {
        if (!trackRunningStats) return;
        try (var ignored = Autograd.noGrad()) {
            runningMean().zero_();
            runningVar().fill_(1);
            buffer("num_batches_tracked").zero_();
        }
    }

    /** Running statistics reset, weight back to ones and bias to zeros. */
    public void resetParameters() {
        resetRunningStats();
        if (affine) {
            Init.ones_(weight());
            Init.zeros_(bias());
        }
    }

    public Parameter weight() { return param("weight"); }

    public Parameter bias() { return param("bias"); }

    public Tensor runningMean() { return buffer("running_mean"); }

    public Tensor runningVar() { return buffer("running_var"); }

    public Tensor numBatchesTracked() { return buffer("num_batches_tracked"); }

    /** Rejects inputs of the wrong rank with PyTorch's message. */
    abstract void checkInputDim(Tensor input);

    @Override
    public Tensor forward(Tensor input) {
        checkInputDim(input);
        double factor = momentum == null ? 0.0 : momentum;
        if (isTraining() && trackRunningStats) {
            Tensor tracked = numBatchesTracked();
            try (var ignored = Autograd.noGrad()) {
                tracked.add_(1);
            }
            if (momentum == null) factor = 1.0 / tracked.itemDouble();
        }
        boolean useBatchStats = isTraining() || runningMean() == null && runningVar() == null;
        boolean passRunning = !isTraining() || trackRunningStats;
        return Torch.batchNorm(input, passRunning ? runningMean() : null, passRunning ? runningVar() : null, weight(), bias(), useBatchStats,
                factor, eps);
    }

    @Override
    public String extraRepr() {
        return numFeatures + ", eps=" + PyRepr.number(eps) + ", momentum=" + (momentum == null ? "None" : PyRepr.number(momentum)) + ", affine="
                + PyRepr.bool(affine) + ", track_running_stats=" + PyRepr.bool(trackRunningStats);
    }
}
