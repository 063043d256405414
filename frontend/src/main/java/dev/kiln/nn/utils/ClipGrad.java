package dev.kiln.nn.utils;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.autograd.Autograd;
import dev.kiln.autograd.GradMode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}: rescale or clamp the parameters' gradients in
 * place before an optimizer step. Parameters without a gradient are skipped.
 */
public final class ClipGrad {
    private ClipGrad() {}

    /** Clips the 2-norm of all gradients together to {@code maxNorm}; returns the norm before clipping. */
    public static Tensor clipGradNorm_(Iterable<? extends Tensor> params, double maxNorm) { return clipGradNorm_(params, maxNorm, 2.0, false); }

    public static Tensor clipGradNorm_(Iterable<? extends Tensor> params, double maxNorm, double normType) {
        return clipGradNorm_(params, maxNorm, normType, false);
    }

    /**
     * Scales every gradient by {@code min(1, maxNorm / (totalNorm + 1e-6))}, where {@code totalNorm} is the
     * {@code normType}-norm of all gradients as one vector ({@link Double#POSITIVE_INFINITY}: the largest magnitude).
     * Returns {@code totalNorm} (a 0-dim tensor; 0 when no parameter has a gradient). With {@code errorIfNonfinite},
     * a NaN or infinite total norm is an error instead of being applied.
     */
    public static Tensor clipGradNorm_(Iterable<? extends Tensor> params, double maxNorm, double normType, boolean errorIfNonfinite) {
        List<Tensor> grads = new ArrayList<>();
        for (Tensor p : params) {
            if (p.grad() != null) grads.add(p.grad());
        }
        if (grads.isEmpty()) return Torch.scalarTensor(0.0);
        try (GradMode.Scope noGrad = Autograd.noGrad()) {
            List<Tensor> norms = new ArrayList<>();
            Tensor totalNorm;
            if (normType == Double.POSITIVE_INFINITY) {
                for (Tensor g : grads) norms.add(g.detach().abs().max());
                totalNorm = norms.size() == 1 ? norms.getFirst() : Torch.stack(norms).max();
            } else {
                for (Tensor g : grads) norms.add(g.detach().norm(normType));
                totalNorm = Torch.stack(norms).norm(normType);
            }
            if (errorIfNonfinite && totalNorm.isnan().logicalOr(totalNorm.isinf()).itemLong() != 0) {
                throw new ArithmeticException("clip_grad_norm_: the total norm of order " + (normType == Double.POSITIVE_INFINITY ? "inf" : normType)
                        + " for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error and scale the "
                        + "gradients by the non-finite norm anyway, set errorIfNonfinite=false");
            }
            Tensor clipCoef = totalNorm.add(1e-6).reciprocal().mul(maxNorm).clampMax(1.0);
            for (Tensor g : grads) g.detach().mul_(clipCoef);
            return totalNorm;
        }
    }

    /** Clamps every gradient into {@code [-clipValue, clipValue]}, in place. */
    public static void clipGradValue_(Iterable<? extends Tensor> params, double clipValue) {
        try (GradMode.Scope noGrad = Autograd.noGrad()) {
            for (Tensor p : params) {
                if (p.grad() != null) p.grad().detach().clamp_(-clipValue, clipValue);
            }
        }
    }
}
