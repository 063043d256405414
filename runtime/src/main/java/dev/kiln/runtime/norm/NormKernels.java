package dev.kiln.runtime.norm;

import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.op.aten.NormOps;
import dev.kiln.ir.op.aten.NormRules;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.eager.Kernels;
import dev.kiln.runtime.memory.TensorData;
import java.util.Arrays;
import java.util.List;

/**
 * CPU kernels of the normalizations ({@link NormOps}); registered with {@link Kernels}. Inputs are made dense in
 * their compute type (float32 for float32 and bfloat16, float64 for float64), per-channel parameters and statistics
 * are read as doubles, and results are converted back once. The loops are in {@link BatchNorm} and {@link RowNorm}.
 */
public final class NormKernels {
    private NormKernels() {}

    static {
        Kernels.register(NormOps.NATIVE_BATCH_NORM, NormKernels::nativeBatchNorm);
        Kernels.register(NormOps.NATIVE_BATCH_NORM_BACKWARD, NormKernels::nativeBatchNormBackward);
        Kernels.register(NormOps.NATIVE_LAYER_NORM, NormKernels::nativeLayerNorm);
        Kernels.register(NormOps.NATIVE_LAYER_NORM_BACKWARD, NormKernels::nativeLayerNormBackward);
        Kernels.register(NormOps.NATIVE_GROUP_NORM, NormKernels::nativeGroupNorm);
        Kernels.register(NormOps.NATIVE_GROUP_NORM_BACKWARD, NormKernels::nativeGroupNormBackward);
    }

    private static TensorData t(Object[] a, int i) { return (TensorData) a[i]; }

    // ---- batch norm ----

    private static Object nativeBatchNorm(Object[] a) {
        TensorData input = t(a, 0), runningMean = t(a, 3), runningVar = t(a, 4);
        boolean training = (Boolean) a[5];
        double momentum = (Double) a[6], eps = (Double) a[7];
        TensorSpec[] specs = NormRules.nativeBatchNorm(NormOps.NATIVE_BATCH_NORM.name(), input, t(a, 1), t(a, 2), runningMean, runningVar,
                training);
        Channels ch = Channels.of(input);
        double[] w = values(t(a, 1), ch.c(), 1), b = values(t(a, 2), ch.c(), 0);
        if (!training) {
            double[] mean = values(runningMean, ch.c(), 0), alpha = values(runningVar, ch.c(), 0);
            for (int c = 0; c < ch.c(); c++) alpha[c] = w[c] / Math.sqrt(alpha[c] + eps);
            TensorData x = Dense.of(input), y = Dense.like(x);
            BatchNorm.apply(Dense.runs(x), Dense.array(x), (int) x.offset(), Dense.array(y), ch.shape(), mean, alpha, b);
            return List.of(Dense.as(y, input.dtype()), empty(specs[1]), empty(specs[2]));
        }
        double[] mean = new double[ch.c()], varSum = new double[ch.c()];
        TensorData y = ch.channelMajor(input, null, true, (x, dy, out, shape) ->
                BatchNorm.train(Dense.runs(x), Dense.array(x), (int) x.offset(), Dense.array(out), shape, w, b, eps, mean, varSum));
        double count = ch.count();
        double[] invstd = new double[ch.c()];
        for (int c = 0; c < ch.c(); c++) invstd[c] = BatchNorm.invStd(varSum[c] / count, eps);
        if (runningMean != null) update(runningMean, mean, momentum, 1);
        if (runningVar != null) update(runningVar, varSum, momentum, 1 / (count - 1));
        return List.of(Dense.as(y, input.dtype()), Dense.tensor(mean, specs[1].dtype(), specs[1].sizes()),
                Dense.tensor(invstd, specs[2].dtype(), specs[2].sizes()));
    }

    /** {@code running = momentum * batch * scale + (1 - momentum) * running}, written back into the running tensor. */
    private static void update(TensorData running, double[] batch, double momentum, double scale) {
        double[] r = values(running, batch.length, 0);
        for (int c = 0; c < r.length; c++) r[c] = momentum * (batch[c] * scale) + (1 - momentum) * r[c];
        Dense.write(r, running);
    }

    private static Object nativeBatchNormBackward(Object[] a) {
        TensorData gradOut = t(a, 0), input = t(a, 1), weight = t(a, 2);
        boolean train = (Boolean) a[7];
        double eps = (Double) a[8];
        boolean[] mask = (boolean[]) a[9];
        TensorSpec[] specs = NormRules.nativeBatchNormBackward(NormOps.NATIVE_BATCH_NORM_BACKWARD.name(), gradOut, input, weight, t(a, 3),
                t(a, 4), t(a, 5), t(a, 6), train);
        Channels ch = Channels.of(input);
        double[] mean = values(train ? t(a, 5) : t(a, 3), ch.c(), 0), invstd = values(train ? t(a, 6) : t(a, 4), ch.c(), 0);
        if (!train) for (int c = 0; c < ch.c(); c++) invstd[c] = 1 / Math.sqrt(invstd[c] + eps);
        double[] w = values(weight, ch.c(), 1), sumDy = new double[ch.c()], dot = new double[ch.c()];
        TensorData dx = ch.channelMajor(input, gradOut, mask[0], (x, dy, out, shape) -> BatchNorm.backward(Dense.runs(x), Dense.array(x),
                (int) x.offset(), Dense.array(dy), (int) dy.offset(), out == null ? null : Dense.array(out), shape, mean, invstd, w, train,
                sumDy, dot));
        for (int c = 0; c < ch.c(); c++) dot[c] *= invstd[c];
        return Arrays.asList(mask[0] ? Dense.as(dx, input.dtype()) : null,
                mask[1] ? Dense.tensor(dot, specs[1].dtype(), specs[1].sizes()) : null,
                mask[2] ? Dense.tensor(sumDy, specs[2].dtype(), specs[2].sizes()) : null);
    }

    // ---- layer norm ----

    private static Object nativeLayerNorm(Object[] a) {
        TensorData input = t(a, 0);
        long[] normalized = (long[]) a[1];
        TensorSpec[] specs = NormRules.nativeLayerNorm(NormOps.NATIVE_LAYER_NORM.name(), input, normalized, t(a, 2), t(a, 3));
        int k = (int) Dense.numel(normalized), m = k == 0 ? (int) Dense.numel(specs[1].sizes()) : (int) (input.numel() / k);
        TensorData x = Dense.of(input), y = Dense.like(x);
        Runs runs = Dense.runs(x);
        double[] mean = new double[m], rstd = new double[m];
        RowNorm.layerForward(runs, Dense.array(x), (int) x.offset(), Dense.array(y), m, k, (Double) a[4], parameter(runs, t(a, 2), k, 1),
                parameter(runs, t(a, 3), k, 0), mean, rstd);
        return List.of(Dense.as(y, input.dtype()), Dense.tensor(mean, input.dtype(), specs[1].sizes()),
                Dense.tensor(rstd, input.dtype(), specs[2].sizes()));
    }

    private static Object nativeLayerNormBackward(Object[] a) {
        TensorData gradOut = t(a, 0), input = t(a, 1);
        long[] normalized = (long[]) a[2];
        boolean[] mask = (boolean[]) a[7];
        String op = NormOps.NATIVE_LAYER_NORM_BACKWARD.name();
        NormRules.nativeLayerNormBackward(op, gradOut, input, normalized, t(a, 3), t(a, 4), t(a, 5), t(a, 6), mask);
        int m = (int) NormRules.layerNormRows(op, input, normalized, t(a, 5), t(a, 6)), k = (int) Dense.numel(normalized);
        TensorData x = Dense.of(input), dy = Dense.of(gradOut), dx = mask[0] ? Dense.like(x) : null;
        Runs runs = Dense.runs(x);
        boolean params = mask[1] || mask[2];
        double[] dGamma = params ? new double[k] : null, dBeta = params ? new double[k] : null;
        RowNorm.layerBackward(runs, Dense.array(x), (int) x.offset(), Dense.array(dy), (int) dy.offset(), dx == null ? null : Dense.array(dx),
                m, k, parameter(runs, t(a, 5), k, 1), values(t(a, 3), m, 0), values(t(a, 4), m, 0), dGamma, dBeta);
        return Arrays.asList(mask[0] ? Dense.as(dx, input.dtype()) : null,
                mask[1] ? Dense.tensor(dGamma, input.dtype(), normalized) : null, mask[2] ? Dense.tensor(dBeta, input.dtype(), normalized) : null);
    }

    // ---- group norm ----

    private static Object nativeGroupNorm(Object[] a) {
        TensorData input = t(a, 0);
        TensorSpec[] specs = NormRules.nativeGroupNorm(NormOps.NATIVE_GROUP_NORM.name(), input, t(a, 1), t(a, 2), (Long) a[3], (Long) a[4],
                (Long) a[5], (Long) a[6]);
        RowNorm.Groups gs = groups(a[3], a[4], a[5], a[6]);
        TensorData x = Dense.of(input), y = Dense.like(x);
        double[] mean = new double[gs.rows()], rstd = new double[gs.rows()];
        int c = gs.g() * gs.d();
        RowNorm.groupForward(Dense.runs(x), Dense.array(x), (int) x.offset(), Dense.array(y), gs, (Double) a[7], values(t(a, 1), c, 1),
                t(a, 2) == null ? null : values(t(a, 2), c, 0), mean, rstd);
        return List.of(Dense.as(y, input.dtype()), Dense.tensor(mean, input.dtype(), specs[1].sizes()),
                Dense.tensor(rstd, input.dtype(), specs[2].sizes()));
    }

    private static Object nativeGroupNormBackward(Object[] a) {
        TensorData gradOut = t(a, 0), input = t(a, 1), weight = t(a, 4);
        boolean[] mask = (boolean[]) a[9];
        NormRules.nativeGroupNormBackward(NormOps.NATIVE_GROUP_NORM_BACKWARD.name(), gradOut, input, t(a, 2), t(a, 3), weight, (Long) a[5],
                (Long) a[6], (Long) a[7], (Long) a[8], mask);
        RowNorm.Groups gs = groups(a[5], a[6], a[7], a[8]);
        int c = gs.g() * gs.d();
        TensorData x = Dense.of(input), dy = Dense.of(gradOut), dx = mask[0] ? Dense.like(x) : null;
        double[] dGamma = mask[1] ? new double[c] : null, dBeta = mask[2] ? new double[c] : null;
        RowNorm.groupBackward(Dense.runs(x), Dense.array(x), (int) x.offset(), Dense.array(dy), (int) dy.offset(),
                dx == null ? null : Dense.array(dx), gs, weight == null ? null : values(weight, c, 1), values(t(a, 2), gs.rows(), 0),
                values(t(a, 3), gs.rows(), 0), dGamma, dBeta);
        long[] sizes = {c};
        return Arrays.asList(mask[0] ? Dense.as(dx, input.dtype()) : null, mask[1] ? Dense.tensor(dGamma, input.dtype(), sizes) : null,
                mask[2] ? Dense.tensor(dBeta, input.dtype(), sizes) : null);
    }

    private static RowNorm.Groups groups(Object n, Object c, Object hxw, Object group) {
        int g = (int) (long) (Long) group;
        return new RowNorm.Groups((int) (long) (Long) n, g, (int) ((Long) c / g), (int) (long) (Long) hxw);
    }

    // ---- parameters ----

    /** A parameter or statistic's {@code n} values as doubles, or {@code n} times {@code fill} for None. */
    private static double[] values(TensorData t, int n, double fill) {
        if (t == null) {
            double[] v = new double[n];
            Arrays.fill(v, fill);
            return v;
        }
        return Dense.doubles(t);
    }

    /** A per-element parameter as an array of the compute type indexed from 0, {@code fill} everywhere for None. */
    private static Object parameter(Runs runs, TensorData t, int n, double fill) {
        return t == null ? runs.filled(n, fill) : runs.array(Dense.doubles(t));
    }

    private static TensorData empty(TensorSpec spec) { return TensorData.zeros(spec.dtype(), spec.sizes().clone()); }
}
