package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;

/** {@code nn.BatchNorm1d(num_features, eps, momentum, affine, track_running_stats)} over [N, C] or [N, C, L] (see {@link BatchNorm}). */
public final class BatchNorm1d extends BatchNorm {
    public BatchNorm1d(long numFeatures) { this(numFeatures, 1e-5, 0.1, true, true, Torch.float32); }

    /** A null momentum keeps the cumulative average of the batch statistics. */
    public BatchNorm1d(long numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats, DType dtype) {
        super(numFeatures, eps, momentum, affine, trackRunningStats, dtype);
    }

    @Override
    void checkInputDim(Tensor input) {
        if (input.dim() != 2 && input.dim() != 3) throw new IllegalArgumentException("BatchNorm1d: expected 2D or 3D input (got " + input.dim() + "D input)");
    }
}
