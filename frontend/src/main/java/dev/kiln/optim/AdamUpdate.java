package dev.kiln.optim;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.schema.PythonFloats;
import dev.kiln.ir.type.DType;
import java.util.List;
import java.util.Map;

/**
 * The step Adam and AdamW share (PyTorch 1.13's {@code _single_tensor_adam} / {@code _single_tensor_adamw}); they
 * differ only in the weight decay: added to the gradient (L2, Adam) or applied to the parameter (decoupled, AdamW).
 */
final class AdamUpdate {
    private AdamUpdate() {}

    /** PyTorch's constructor checks on lr, eps, both betas and weight_decay. */
    static void validate(String optimizer, Map<String, Object> options) {
        Optimizer.requireNonNegative(options, "lr", "learning rate");
        Optimizer.requireNonNegative(options, "eps", "epsilon value");
        @SuppressWarnings("unchecked") List<Double> betas = (List<Double>) options.get("betas");
        for (int i = 0; i < 2; i++) {
            if (!(betas.get(i) >= 0 && betas.get(i) < 1)) {
                throw new IllegalArgumentException("Invalid beta parameter at index " + i + ": " + PythonFloats.repr(betas.get(i)));
            }
        }
        Optimizer.requireNonNegative(options, "weight_decay", "weight_decay value");
        for (String unsupported : List.of("capturable", "differentiable", "fused")) {
            if (Boolean.TRUE.equals(options.get(unsupported))) {
                throw new IllegalArgumentException(optimizer + ": option '" + unsupported + "' is not supported on the CPU");
            }
        }
    }

    static void update(Optimizer optimizer, ParamGroup group, boolean decoupledWeightDecay) {
        double[] betas = group.getPair("betas");
        double beta1 = betas[0], beta2 = betas[1], lr = group.lr();
        double weightDecay = group.getDouble("weight_decay"), eps = group.getDouble("eps");
        boolean amsgrad = group.getBoolean("amsgrad"), maximize = group.getBoolean("maximize");
        for (Tensor param : group.params()) {
            if (param.grad() == null) continue;
            Tensor grad = maximize ? param.grad().neg() : param.grad();
            Map<String, Object> state = optimizer.state(param);
            if (state.isEmpty()) {
                state.put("step", Torch.scalarTensor(0.0, DType.FLOAT32));
                state.put("exp_avg", Torch.zerosLike(param));
                state.put("exp_avg_sq", Torch.zerosLike(param));
                if (amsgrad) state.put("max_exp_avg_sq", Torch.zerosLike(param));
            }
            Tensor expAvg = (Tensor) state.get("exp_avg"), expAvgSq = (Tensor) state.get("exp_avg_sq");
            double step = ((Tensor) state.get("step")).add_(1).itemDouble();
            if (decoupledWeightDecay) param.mul_(1 - lr * weightDecay);
            else if (weightDecay != 0) grad = grad.add(param, weightDecay);
            expAvg.mul_(beta1).add_(grad, 1 - beta1);
            expAvgSq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
            double biasCorrection1 = 1 - Math.pow(beta1, step);
            double biasCorrection2 = 1 - Math.pow(beta2, step);
            double stepSize = lr / biasCorrection1;
            double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
            Tensor second = expAvgSq;
            if (amsgrad) {
                Tensor max = (Tensor) state.get("max_exp_avg_sq");
                max.copy_(max.maximum(expAvgSq));
                second = max;
            }
            Tensor denom = second.sqrt().div(biasCorrection2Sqrt).add_(eps);
            param.addcdiv_(expAvg, denom, -stepSize);
        }
    }
}
