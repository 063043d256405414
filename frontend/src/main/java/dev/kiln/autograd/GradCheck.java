package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.TensorData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code torch.autograd.gradcheck} and {@code gradgradcheck}: compare the gradients autograd computes with
 * central finite differences, element by element of the Jacobian, with PyTorch's default step and tolerances.
 * Inputs should be float64; those that require grad are checked, against the outputs that require grad (as PyTorch's
 * differentiable outputs: a statistic an op returns without a gradient is not checked). A mismatch raises {@link GradcheckError}
 * naming the output, the input, and the worst element with both values.
 */
public final class GradCheck {
    private GradCheck() {}

    public static final double EPS = 1e-6;
    public static final double ATOL = 1e-5;
    public static final double RTOL = 1e-3;

    /** Thrown when the analytical and numerical Jacobians differ. */
    public static final class GradcheckError extends AssertionError {
        GradcheckError(String message) { super(message); }
    }

    public static boolean gradcheck(Function<List<Tensor>, List<Tensor>> fn, List<Tensor> inputs) {
        return gradcheck(fn, inputs, EPS, ATOL, RTOL);
    }

    /** Checks the first derivatives of {@code fn} at {@code inputs}; returns true or throws {@link GradcheckError}. */
    public static boolean gradcheck(Function<List<Tensor>, List<Tensor>> fn, List<Tensor> inputs, double eps, double atol, double rtol) {
        List<Integer> wrt = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = inputs.get(i);
            if (t != null && Variables.requiresGrad(t)) wrt.add(i);
        }
        if (wrt.isEmpty()) throw new IllegalArgumentException("gradcheck expects at least one input tensor to require gradient");
        List<Tensor> outputs = floating(fn.apply(inputs));
        for (int o = 0; o < outputs.size(); o++) {
            Tensor out = outputs.get(o);
            if (!Variables.requiresGrad(out)) continue;
            for (int w : wrt) {
                Tensor in = inputs.get(w);
                double[][] numerical = numerical(fn, inputs, w, o, eps);
                double[][] analytical = analytical(out, in);
                compare(o, w, numerical, analytical, atol, rtol);
            }
        }
        return true;
    }

    public static boolean gradgradcheck(Function<List<Tensor>, List<Tensor>> fn, List<Tensor> inputs) {
        return gradgradcheck(fn, inputs, EPS, ATOL, RTOL);
    }

    /**
     * Checks the second derivatives: the function {@code (inputs, gradOutputs) -> grad(fn(inputs), inputs,
     * gradOutputs, createGraph)} is gradchecked with random float64 gradient outputs.
     */
    public static boolean gradgradcheck(Function<List<Tensor>, List<Tensor>> fn, List<Tensor> inputs, double eps, double atol, double rtol) {
        List<Tensor> outputs = floating(fn.apply(inputs));
        int n = inputs.size();
        List<Tensor> all = new ArrayList<>(inputs);
        java.util.Random random = new java.util.Random(0);
        for (Tensor out : outputs) {
            Tensor g = dev.kiln.Torch.zeros(out.sizes(), out.dtype());
            TensorData d = g.data();
            for (int i = 0; i < d.storage().length(); i++) Elements.setDouble(d.dtype(), d.storage(), i, random.nextGaussian());
            all.add(g.requiresGrad_());
        }
        Function<List<Tensor>, List<Tensor>> gradOfFn = args -> {
            List<Tensor> ins = args.subList(0, n);
            List<Tensor> outs = floating(fn.apply(ins));
            List<Tensor> wrt = new ArrayList<>();
            for (Tensor t : ins) {
                if (t != null && Variables.requiresGrad(t)) wrt.add(t);
            }
            List<Tensor> differentiable = new ArrayList<>(), gradOutputs = new ArrayList<>();
            for (int i = 0; i < outs.size(); i++) {
                if (Variables.requiresGrad(outs.get(i))) {
                    differentiable.add(outs.get(i));
                    gradOutputs.add(args.get(n + i));
                }
            }
            List<Tensor> grads = Autograd.grad(differentiable, wrt, gradOutputs, true, true, true);
            List<Tensor> result = new ArrayList<>();
            for (int i = 0; i < grads.size(); i++) {
                result.add(grads.get(i) != null ? grads.get(i) : dev.kiln.Torch.zeros(wrt.get(i).sizes(), wrt.get(i).dtype()));
            }
            return result;
        };
        return gradcheck(gradOfFn, all, eps, atol, rtol);
    }

    private static List<Tensor> floating(List<Tensor> outputs) {
        List<Tensor> r = new ArrayList<>();
        for (Tensor t : outputs) {
            if (t != null && t.isFloatingPoint()) r.add(t);
        }
        return r;
    }

    /** d output[o] / d input[w] by central differences, [output element][input element]. */
    private static double[][] numerical(Function<List<Tensor>, List<Tensor>> fn, List<Tensor> inputs, int w, int o, double eps) {
        TensorData in = inputs.get(w).data();
        int[] positions = storagePositions(in);
        double[][] jac = null;
        {
            for (int j = 0; j < positions.length; j++) {
                int at = positions[j];
                double orig = Elements.getDouble(in.dtype(), in.storage(), at);
                Elements.setDouble(in.dtype(), in.storage(), at, orig + eps);
                double[] plus = floating(fn.apply(inputs)).get(o).toDoubleArray();
                Elements.setDouble(in.dtype(), in.storage(), at, orig - eps);
                double[] minus = floating(fn.apply(inputs)).get(o).toDoubleArray();
                Elements.setDouble(in.dtype(), in.storage(), at, orig);
                if (jac == null) jac = new double[plus.length][positions.length];
                for (int k = 0; k < plus.length; k++) jac[k][j] = (plus[k] - minus[k]) / (2 * eps);
            }
        }
        return jac == null ? new double[0][0] : jac;
    }

    /** d out / d in row by row: one backward per output element with a one-hot gradient. */
    private static double[][] analytical(Tensor out, Tensor in) {
        int rows = Math.toIntExact(out.numel()), cols = Math.toIntExact(in.numel());
        double[][] jac = new double[rows][cols];
        if (!Variables.requiresGrad(out)) return jac;
        for (int k = 0; k < rows; k++) {
            Tensor oneHot = dev.kiln.Torch.zeros(out.sizes(), out.dtype());
            Elements.setDouble(oneHot.dtype(), oneHot.data().storage(), k, 1.0);
            Tensor g = Autograd.grad(List.of(out), List.of(in), List.of(oneHot), true, false, true).getFirst();
            if (g == null) continue;
            double[] row = g.toDoubleArray();
            System.arraycopy(row, 0, jac[k], 0, cols);
        }
        return jac;
    }

    private static void compare(int o, int w, double[][] numerical, double[][] analytical, double atol, double rtol) {
        double worst = 0;
        int wk = -1, wj = -1;
        for (int k = 0; k < numerical.length; k++) {
            for (int j = 0; j < numerical[k].length; j++) {
                double n = numerical[k][j], a = analytical[k][j];
                double excess = Math.abs(a - n) - (atol + rtol * Math.abs(n));
                if (Double.isNaN(a) != Double.isNaN(n) || excess > worst) {
                    worst = Double.isNaN(excess) ? Double.POSITIVE_INFINITY : excess;
                    wk = k;
                    wj = j;
                }
            }
        }
        if (wk >= 0) {
            throw new GradcheckError(String.format(Locale.ROOT, "Jacobian mismatch for output %d with respect to input %d: worst at "
                    + "output element %d, input element %d: numerical %.9g, analytical %.9g (atol %g, rtol %g)", o, w, wk, wj,
                    numerical[wk][wj], analytical[wk][wj], atol, rtol));
        }
    }

    /** The storage index of each element in row-major order. */
    private static int[] storagePositions(TensorData t) {
        long[] sizes = t.sizes(), strides = t.strides();
        int n = Math.toIntExact(t.numel());
        int[] out = new int[n];
        int[] idx = new int[sizes.length];
        for (int i = 0; i < n; i++) {
            long at = t.offset();
            for (int d = 0; d < sizes.length; d++) at += idx[d] * strides[d];
            out[i] = (int) at;
            for (int d = sizes.length - 1; d >= 0; d--) {
                if (++idx[d] < sizes[d]) break;
                idx[d] = 0;
            }
        }
        return out;
    }
}
