package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.aten.PoolOps.name;

import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;
import java.util.Arrays;
import java.util.List;

/**
 * The poolings PyTorch composes of others: {@code adaptive_avg_pool2d} (a mean for a 1x1 output, else
 * {@code _adaptive_avg_pool2d}) and the 1-D poolings, which run the 2-D ones on the input unsqueezed at dim -2 (a
 * height of one) and squeeze the results. Each has its rule (PyTorch's checks of the composite, then those of the
 * op it calls, named after the composite) and its expansion.
 */
final class PoolComposites {
    private PoolComposites() {}

    private static final long[] LAST_TWO = {-1, -2};

    // ---- adaptive_avg_pool2d ----

    static TensorSpec[] adaptiveAvgPool2dSpec(String op, TensorMeta self, long[] outputSize) {
        if (outputSize.length != 2) throw OpError.of(op, "adaptive_avg_pool2d: output_size must be 2");
        if (outputSize[0] < 0 || outputSize[1] < 0) {
            throw OpError.of(op, "adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {"
                    + outputSize[0] + ", " + outputSize[1] + "}");
        }
        if (isGlobal(outputSize)) return ReductionShapes.mean(op, self, LAST_TWO, true, null);
        PoolRules.Planes planes = PoolRules.adaptiveAvgPool2d(op, self.sizes(), self.dtype(), outputSize);
        return specs(self, planes.outputSizes(), false);
    }

    /** A 1x1 output is the mean over the last two dims, as PyTorch computes it (any rank of two or more). */
    static Object adaptiveAvgPool2d(OpBuilder b, Object[] a) {
        if (isGlobal((long[]) a[1])) return b.call(ReductionOps.MEAN_DIM, a[0], LAST_TWO, true, null);
        return b.call(PoolOps.ADAPTIVE_AVG_POOL2D_KERNEL, a[0], a[1]);
    }

    private static boolean isGlobal(long[] outputSize) { return outputSize[0] == 1 && outputSize[1] == 1; }

    // ---- max_pool1d, max_pool1d_with_indices ----

    /**
     * {@code max_pool1d}'s own checks (PyTorch runs its own kernel where no gradient is needed): a 2-D or 3-D input
     * with non-empty non-batch dims, one value per parameter, positive kernel, stride and dilation, padding at most
     * half the kernel; an output of length zero is allowed.
     */
    static TensorSpec[] maxPool1dSpec(Object[] a) {
        String op = name("max_pool1d");
        TensorMeta self = (TensorMeta) a[0];
        long[] in = self.sizes(), kernel = (long[]) a[1], stride = (long[]) a[2], padding = (long[]) a[3], dilation = (long[]) a[4];
        int n = in.length;
        if (!(n == 2 && in[0] != 0 && in[1] != 0 || n == 3 && in[1] != 0 && in[2] != 0)) {
            throw OpError.of(op, "max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:"
                    + Shapes.format(in));
        }
        single(op, "kernel_size must be an int, list of ints or tuple of ints", kernel.length, false);
        single(op, "stride must be None, an int, list of ints, or tuple of ints", stride.length, true);
        single(op, "padding must be an int, list of ints, or tuple of ints", padding.length, false);
        single(op, "dilation must be an int, list of ints or tuple of ints", dilation.length, false);
        long k = kernel[0], s = stride.length == 0 ? k : stride[0], p = padding[0], d = dilation[0];
        if (k <= 0) throw OpError.of(op, "max_pool1d() kernel_size must be greater than zero, but got " + k);
        if (s <= 0) throw OpError.of(op, "max_pool1d() stride must be greater than zero, but got " + s);
        if (p < 0) throw OpError.of(op, "max_pool1d() padding must be non-negative, but got " + p);
        if (p > k / 2) {
            throw OpError.of(op, "max_pool1d() padding should be at most half of kernel size, but got padding=" + p + " and kernel_size=" + k);
        }
        if (d <= 0) throw OpError.of(op, "max_pool1d() dilation must be greater than zero, but got " + d);
        long length = PoolRules.outputSize(op, in[n - 1], k, p, s, d, (Boolean) a[5]);
        if (length < 0) throw OpError.of(op, "max_pool1d() Invalid computed output size: " + length);
        DType dtype = self.dtype();
        if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64 && dtype != DType.BFLOAT16) {
            throw OpError.of(op, "\"max_pool1d_impl\" not implemented for '" + dtype.legacyName() + "'");
        }
        long[] out = in.clone();
        out[n - 1] = length;
        return specs(self, out, false);
    }

    /** The values of {@code max_pool1d_with_indices}; an empty result (which that op refuses) directly. */
    static Object maxPool1d(OpBuilder b, Object[] a) {
        TensorMeta self = b.meta(a[0]);
        long[] out = maxPool1dSpec(metas(b, a))[0].sizes();
        if (out[out.length - 1] == 0) return b.call(CreationOps.ZEROS, out, self.dtype(), null, self.device(), null);
        return ((List<?>) maxPool1dWithIndices(b, a)).getFirst();
    }

    static TensorSpec[] maxPool1dWithIndicesSpec(Object[] a) {
        String op = name("max_pool1d_with_indices");
        TensorMeta self = (TensorMeta) a[0];
        long[][] p = oneD(op, "max_pool1d", self, a, 4);
        PoolRules.Pool2d shape = PoolRules.maxPool2d(op, unsqueezed(self.sizes()), self.dtype(), p[0], p[1], p[2], p[3], (Boolean) a[5]);
        return specs(self, squeezed(shape.planes().outputSizes()), true);
    }

    static Object maxPool1dWithIndices(OpBuilder b, Object[] a) {
        long[][] p = params(a, 4);
        Object r = b.call(PoolOps.MAX_POOL2D_WITH_INDICES, unsqueeze(b, a[0]), p[0], p[1], p[2], p[3], a[5]);
        return squeezeAll(b, r);
    }

    // ---- avg_pool1d ----

    static TensorSpec[] avgPool1dSpec(Object[] a) {
        String op = name("avg_pool1d");
        TensorMeta self = (TensorMeta) a[0];
        long[][] p = oneD(op, "avg_pool1d", self, a, 3);
        PoolRules.Pool2d shape = PoolRules.avgPool2d(op, unsqueezed(self.sizes()), self.dtype(), p[0], p[1], p[2], null, (Boolean) a[4]);
        return specs(self, squeezed(shape.planes().outputSizes()), false);
    }

    static Object avgPool1d(OpBuilder b, Object[] a) {
        long[][] p = params(a, 3);
        return squeeze(b, b.call(PoolOps.AVG_POOL2D, unsqueeze(b, a[0]), p[0], p[1], p[2], a[4], a[5], null));
    }

    // ---- adaptive_avg_pool1d, adaptive_max_pool1d ----

    static TensorSpec[] adaptiveAvgPool1dSpec(Object[] a) {
        String op = name("adaptive_avg_pool1d");
        TensorMeta self = (TensorMeta) a[0];
        long[] size = adaptiveOneD(op, "adaptive_avg_pool1d", self, (long[]) a[1]);
        TensorMeta u = new TensorSpec(self.dtype(), unsqueezed(self.sizes()), self.device());
        return specs(self, squeezed(adaptiveAvgPool2dSpec(op, u, size)[0].sizes()), false);
    }

    static Object adaptiveAvgPool1d(OpBuilder b, Object[] a) {
        return squeeze(b, b.call(PoolOps.ADAPTIVE_AVG_POOL2D, unsqueeze(b, a[0]), new long[]{1, ((long[]) a[1])[0]}));
    }

    static TensorSpec[] adaptiveMaxPool1dSpec(Object[] a) {
        String op = name("adaptive_max_pool1d");
        TensorMeta self = (TensorMeta) a[0];
        long[] size = adaptiveOneD(op, "adaptive_max_pool1d", self, (long[]) a[1]);
        PoolRules.Planes planes = PoolRules.adaptiveMaxPool2d(op, unsqueezed(self.sizes()), self.dtype(), size);
        return specs(self, squeezed(planes.outputSizes()), true);
    }

    static Object adaptiveMaxPool1d(OpBuilder b, Object[] a) {
        return squeezeAll(b, b.call(PoolOps.ADAPTIVE_MAX_POOL2D, unsqueeze(b, a[0]), new long[]{1, ((long[]) a[1])[0]}));
    }

    // ---- helpers ----

    /**
     * PyTorch's {@code checkDimRange} (2 or 3 dims) and {@code check1d} for a 1-D pooling that runs a 2-D one; returns the
     * first {@code count} parameters (kernel_size, stride, padding, dilation) as the 2-D op takes them.
     */
    private static long[][] oneD(String op, String name, TensorMeta self, Object[] a, int count) {
        dims(op, name, self);
        String[] names = {"kernel_size", "stride", "padding", "dilation"};
        for (int i = 0; i < count; i++) {
            long[] v = i == 1 && ((long[]) a[2]).length == 0 ? (long[]) a[1] : (long[]) a[i + 1];
            check1d(op, name, names[i], v);
        }
        return params(a, count);
    }

    private static long[] adaptiveOneD(String op, String name, TensorMeta self, long[] outputSize) {
        dims(op, name, self);
        check1d(op, name, "output_size", outputSize);
        return new long[]{1, outputSize[0]};
    }

    private static void dims(String op, String name, TensorMeta self) {
        if (self.dim() < 2 || self.dim() > 3) {
            throw OpError.of(op, "Expected 2 to 3 dimensions, but got " + self.dim() + "-dimensional tensor for argument #1 'self' "
                    + "(while checking arguments for " + name + ")");
        }
    }

    private static void check1d(String op, String name, String arg, long[] v) {
        if (v.length != 1) throw OpError.of(op, name + "() argument '" + arg + "' should contain one int (got " + v.length + ")");
    }

    /** One value, or (where {@code omissible}) none. */
    private static void single(String op, String what, int length, boolean omissible) {
        if (length != 1 && !(omissible && length == 0)) throw OpError.of(op, "max_pool1d() " + what + " of size 1 but got size " + length);
    }

    /** kernel (1, k), stride (1, s) (s = k if omitted), padding (0, p), dilation (1, d): the 2-D op's parameters over a height of one. */
    private static long[][] params(Object[] a, int count) {
        long[] kernel = (long[]) a[1], stride = (long[]) a[2];
        long[][] p = new long[count][];
        p[0] = new long[]{1, kernel[0]};
        p[1] = new long[]{1, (stride.length == 0 ? kernel : stride)[0]};
        p[2] = new long[]{0, ((long[]) a[3])[0]};
        if (count > 3) p[3] = new long[]{1, ((long[]) a[4])[0]};
        return p;
    }

    private static long[] unsqueezed(long[] in) {
        long[] u = new long[in.length + 1];
        System.arraycopy(in, 0, u, 0, in.length - 1);
        u[in.length - 1] = 1;
        u[in.length] = in[in.length - 1];
        return u;
    }

    private static long[] squeezed(long[] out) {
        long[] s = Arrays.copyOf(out, out.length - 1);
        s[s.length - 1] = out[out.length - 1];
        return s;
    }

    private static TensorSpec[] specs(TensorMeta self, long[] sizes, boolean withIndices) {
        TensorSpec values = new TensorSpec(self.dtype(), sizes, self.device());
        return withIndices ? new TensorSpec[]{values, new TensorSpec(DType.INT64, sizes.clone(), self.device())} : new TensorSpec[]{values};
    }

    private static Object[] metas(OpBuilder b, Object[] a) {
        Object[] m = a.clone();
        m[0] = b.meta(a[0]);
        return m;
    }

    private static Object unsqueeze(OpBuilder b, Object t) { return b.call(ShapeOps.UNSQUEEZE, t, -2L); }

    private static Object squeeze(OpBuilder b, Object t) { return b.call(ShapeOps.SQUEEZE_DIM, t, -2L); }

    private static List<Object> squeezeAll(OpBuilder b, Object results) {
        List<?> r = (List<?>) results;
        return List.of(squeeze(b, r.get(0)), squeeze(b, r.get(1)));
    }
}
