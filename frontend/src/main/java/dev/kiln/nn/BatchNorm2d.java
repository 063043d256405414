package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;

/** {@code nn.BatchNorm2d(num_features, eps, momentum, affine, track_running_stats)} over [N, C, H, W] (see {@link BatchNorm}). */
public final class BatchNorm2d extends BatchNorm {
    public BatchNorm2d(long numFeatures) { this(numFeatures, 1e-5, 0.1, true, true, Torch.float32); }

    /** A null momentum keeps the cumulative average of the batch statistics. */
    public BatchNorm2d(long numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats, DType dtype) {
        super(numFeatures, eps, momentum, affine, trackRunningStats, dtype);
    }

    @Override
    void checkInputDim(Tensor input) {
        if (input.dim() != 4) throw new IllegalArgumentException("BatchNorm2d: expected 4D input (got " + input.dim() + "D input)");
    }
}
