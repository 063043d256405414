package dev.kiln.nn;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.autograd.Autograd;
import java.util.Locale;

/**
 * {@code torch.nn.init}: fills a tensor in place (without recording gradients) from PyTorch's distributions, and
 * returns it. Each function takes an optional {@link Generator} (null: the default one). The fans and gains follow
 * PyTorch: {@code fan_in = size(1) * receptive field}, {@code fan_out = size(0) * receptive field}.
 */
public final class Init {
    private Init() {}

    /** {@code calculate_gain(nonlinearity)}. */
    public static double calculateGain(String nonlinearity) { return calculateGain(nonlinearity, null); }

    /** {@code calculate_gain(nonlinearity, param)}: param is leaky_relu's negative slope (null: 0.01). */
    public static double calculateGain(String nonlinearity, Double param) {
        return switch (nonlinearity) {
            case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid" -> 1;
            case "tanh" -> 5.0 / 3;
            case "relu" -> Math.sqrt(2.0);
            case "leaky_relu" -> {
                double slope = param == null ? 0.01 : param;
                yield Math.sqrt(2.0 / (1 + slope * slope));
            }
            case "selu" -> 3.0 / 4;
            default -> throw new IllegalArgumentException("calculate_gain: Unsupported nonlinearity " + nonlinearity);
        };
    }

    /** {@code _calculate_fan_in_and_fan_out}: {@code {fan_in, fan_out}}. */
    public static long[] fanInAndFanOut(Tensor tensor) {
        if (tensor.dim() < 2) {
            throw new IllegalArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
        }
        long receptive = 1;
        for (int d = 2; d < tensor.dim(); d++) receptive *= tensor.size(d);
        return new long[]{tensor.size(1) * receptive, tensor.size(0) * receptive};
    }

    private static long fan(Tensor tensor, String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "fan_in" -> fanInAndFanOut(tensor)[0];
            case "fan_out" -> fanInAndFanOut(tensor)[1];
            default -> throw new IllegalArgumentException("Mode " + mode + " not supported, please use one of ['fan_in', 'fan_out']");
        };
    }

    public static Tensor uniform_(Tensor tensor, double a, double b) { return uniform_(tensor, a, b, null); }

    /** {@code uniform_(tensor, a, b, generator)}: U(a, b). */
    public static Tensor uniform_(Tensor tensor, double a, double b, Generator generator) {
        try (var ignored = Autograd.noGrad()) {
            return tensor.uniform_(a, b, generator);
        }
    }

    public static Tensor normal_(Tensor tensor, double mean, double std) { return normal_(tensor, mean, std, null); }

    /** {@code normal_(tensor, mean, std, generator)}: N(mean, std^2). */
    public static Tensor normal_(Tensor tensor, double mean, double std, Generator generator) {
        try (var ignored = Autograd.noGrad()) {
            return tensor.normal_(mean, std, generator);
        }
    }

    public static Tensor constant_(Tensor tensor, double value) {
        try (var ignored = Autograd.noGrad()) {
            return tensor.fill_(value);
        }
    }

    public static Tensor zeros_(Tensor tensor) { return constant_(tensor, 0); }

    public static Tensor ones_(Tensor tensor) { return constant_(tensor, 1); }

    /** {@code eye_(tensor)}: the identity matrix (2-D tensors only). */
    public static Tensor eye_(Tensor tensor) {
        if (tensor.dim() != 2) throw new IllegalArgumentException("eye_: Only tensors with 2 dimensions are supported");
        try (var ignored = Autograd.noGrad()) {
            return tensor.copy_(Torch.eye(tensor.size(0), tensor.size(1), tensor.dtype()));
        }
    }

    public static Tensor xavierUniform_(Tensor tensor) { return xavierUniform_(tensor, 1, null); }

    /** {@code xavier_uniform_(tensor, gain)}: U(-a, a) with {@code a = gain * sqrt(6 / (fan_in + fan_out))}. */
    public static Tensor xavierUniform_(Tensor tensor, double gain, Generator generator) {
        long[] fans = fanInAndFanOut(tensor);
        double a = Math.sqrt(3.0) * gain * Math.sqrt(2.0 / (fans[0] + fans[1]));
        return uniform_(tensor, -a, a, generator);
    }

    public static Tensor xavierNormal_(Tensor tensor) { return xavierNormal_(tensor, 1, null); }

    /** {@code xavier_normal_(tensor, gain)}: N(0, std^2) with {@code std = gain * sqrt(2 / (fan_in + fan_out))}. */
    public static Tensor xavierNormal_(Tensor tensor, double gain, Generator generator) {
        long[] fans = fanInAndFanOut(tensor);
        return normal_(tensor, 0, gain * Math.sqrt(2.0 / (fans[0] + fans[1])), generator);
    }

    /** {@code kaiming_uniform_(tensor)}: a=0, fan_in, leaky_relu. */
    public static Tensor kaimingUniform_(Tensor tensor) { return kaimingUniform_(tensor, 0, "fan_in", "leaky_relu", null); }

    /**
     * {@code kaiming_uniform_(tensor, a, mode, nonlinearity, generator)}: U(-bound, bound) with
     * {@code bound = gain(nonlinearity, a) * sqrt(3 / fan(mode))}; a tensor with a zero size is left alone.
     */
    public static Tensor kaimingUniform_(Tensor tensor, double a, String mode, String nonlinearity, Generator generator) {
        if (tensor.numel() == 0) return tensor;
        double bound = Math.sqrt(3.0) * calculateGain(nonlinearity, a) / Math.sqrt(fan(tensor, mode));
        return uniform_(tensor, -bound, bound, generator);
    }

    public static Tensor kaimingNormal_(Tensor tensor) { return kaimingNormal_(tensor, 0, "fan_in", "leaky_relu", null); }

    /** {@code kaiming_normal_(tensor, a, mode, nonlinearity, generator)}: N(0, std^2) with {@code std = gain / sqrt(fan)}. */
    public static Tensor kaimingNormal_(Tensor tensor, double a, String mode, String nonlinearity, Generator generator) {
        if (tensor.numel() == 0) return tensor;
        return normal_(tensor, 0, calculateGain(nonlinearity, a) / Math.sqrt(fan(tensor, mode)), generator);
    }

    public static Tensor truncNormal_(Tensor tensor) { return truncNormal_(tensor, 0, 1, -2, 2, null); }

    /**
     * {@code trunc_normal_(tensor, mean, std, a, b, generator)}: N(mean, std^2) restricted to [a, b], drawn as PyTorch
     * does by the inverse CDF of a uniform sample between the bounds' CDF values.
     */
    public static Tensor truncNormal_(Tensor tensor, double mean, double std, double a, double b, Generator generator) {
        double lo = Gaussian.cdf((a - mean) / std), hi = Gaussian.cdf((b - mean) / std);
        try (var ignored = Autograd.noGrad()) {
            double[] u = Torch.empty(new long[]{tensor.numel()}, Torch.float64).uniform_(lo, hi, generator).toDoubleArray();
            for (int i = 0; i < u.length; i++) u[i] = Math.clamp(mean + std * Gaussian.inverseCdf(u[i]), a, b);
            return tensor.copy_(Torch.tensor(u, Torch.float64).view(tensor.shape()));
        }
    }

    public static Tensor orthogonal_(Tensor tensor) { return orthogonal_(tensor, 1, null); }

    /**
     * {@code orthogonal_(tensor, gain, generator)}: the tensor, flattened to (size(0), rest), becomes a matrix with
     * orthonormal rows or columns (the Q of a normal sample's QR decomposition, signs fixed so that R's diagonal is
     * positive, as PyTorch does), times {@code gain}.
     */
    public static Tensor orthogonal_(Tensor tensor, double gain, Generator generator) {
        if (tensor.dim() < 2) throw new IllegalArgumentException("orthogonal_: Only tensors with 2 or more dimensions are supported");
        if (tensor.numel() == 0) return tensor;
        int rows = (int) tensor.size(0), cols = (int) (tensor.numel() / rows);
        try (var ignored = Autograd.noGrad()) {
            Tensor sample = Torch.empty(new long[]{rows, cols}, Torch.float64).normal_(0, 1, generator);
            if (rows < cols) sample = sample.t();
            double[][] q = Gaussian.orthonormalColumns(sample);
            Tensor matrix = Torch.tensor(q, Torch.float64);
            if (rows < cols) matrix = matrix.t();
            return tensor.copy_(matrix.mul(gain).reshape(tensor.shape()));
        }
    }
}
