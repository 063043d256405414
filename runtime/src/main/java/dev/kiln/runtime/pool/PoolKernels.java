package dev.kiln.runtime.pool;

import dev.kiln.ir.op.aten.PoolOps;
import dev.kiln.ir.op.aten.PoolRules.Planes;
import dev.kiln.ir.op.aten.PoolRules.Pool2d;
import dev.kiln.ir.op.aten.PoolRules.Window;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.eager.Kernels;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;
import dev.kiln.runtime.pointwise.Copies;
import java.util.Iterator;
import java.util.List;

/**
 * CPU kernels of the pooling family ({@link PoolOps}); registered with {@link Kernels}. Operands are made dense in
 * their compute type (float32 for bfloat16), the planes ([N, C] flattened; an unbatched call is a batch of one) are
 * spread over the worker pool when there is enough work, and results are converted back once.
 */
public final class PoolKernels {
    private PoolKernels() {}

    static {
        Kernels.register(PoolOps.MAX_POOL2D_WITH_INDICES, PoolKernels::maxPool2d);
        Kernels.register(PoolOps.MAX_POOL2D_WITH_INDICES_BACKWARD, PoolKernels::maxPool2dBackward);
        Kernels.register(PoolOps.ADAPTIVE_MAX_POOL2D, PoolKernels::adaptiveMaxPool2d);
        Kernels.register(PoolOps.ADAPTIVE_MAX_POOL2D_BACKWARD, PoolKernels::adaptiveMaxPool2dBackward);
        Kernels.register(PoolOps.AVG_POOL2D, PoolKernels::avgPool2d);
        Kernels.register(PoolOps.AVG_POOL2D_BACKWARD, PoolKernels::avgPool2dBackward);
        Kernels.register(PoolOps.ADAPTIVE_AVG_POOL2D_KERNEL, PoolKernels::adaptiveAvgPool2d);
        Kernels.register(PoolOps.ADAPTIVE_AVG_POOL2D_BACKWARD, PoolKernels::adaptiveAvgPool2dBackward);
    }

    private static TensorData t(Object[] a, int i) { return (TensorData) a[i]; }

    // ---- max poolings ----

    private static Object maxPool2d(Object[] a) {
        Pool2d s = PoolOps.maxPool2dShape(a);
        return maxPool(t(a, 0), s.planes(), maxGrid(s));
    }

    private static Object adaptiveMaxPool2d(Object[] a) {
        Planes p = PoolOps.adaptiveMaxPool2dShape(a);
        return maxPool(t(a, 0), p, adaptiveGrid(p));
    }

    private static Object maxPool2dBackward(Object[] a) {
        Pool2d s = PoolOps.maxPool2dBackwardShape(a);
        return maxPoolBackward("aten::max_pool2d_with_indices_backward", t(a, 0), t(a, 1), t(a, 7), s.planes(), maxGrid(s));
    }

    private static Object adaptiveMaxPool2dBackward(Object[] a) {
        Planes p = PoolOps.adaptiveMaxPool2dBackwardShape(a);
        return maxPoolBackward("aten::adaptive_max_pool2d_backward", t(a, 0), t(a, 1), t(a, 2), p, adaptiveGrid(p));
    }

    private static List<TensorData> maxPool(TensorData self, Planes p, Grid grid) {
        long[] sizes = p.outputSizes();
        TensorData indices = TensorData.zeros(DType.INT64, sizes.clone());
        if (indices.numel() == 0) return List.of(TensorData.zeros(self.dtype(), sizes), indices);
        DType ct = computeType(self.dtype());
        TensorData x = dense(self, ct), y = TensorData.zeros(ct, sizes);
        Object xa = x.storage().array(), ya = y.storage().array();
        long[] ia = indices.storage().longs();
        int off = (int) x.offset();
        forPlanes(p, grid.work(), (from, to) -> MaxPool.forward(xa, off, ya, ia, grid, from, to));
        return List.of(as(y, self.dtype()), indices);
    }

    private static TensorData maxPoolBackward(String op, TensorData grad, TensorData self, TensorData indices, Planes p, Grid grid) {
        DType ct = computeType(self.dtype());
        TensorData gx = TensorData.zeros(ct, self.sizes().clone());
        if (grad.numel() != 0) {
            TensorData gy = dense(grad, ct), idx = Copies.contiguous(indices);
            Object gya = gy.storage().array(), gxa = gx.storage().array();
            long[] ia = idx.storage().longs();
            int gOff = (int) gy.offset(), iOff = (int) idx.offset(), inPlane = grid.inPlane(), outPlane = grid.outPlane();
            forPlanes(p, outPlane, (from, to) -> MaxPool.backward(op, gya, gOff, ia, iOff, gxa, inPlane, outPlane, from, to));
        }
        return as(gx, self.dtype());
    }

    // ---- average poolings ----

    private static Object avgPool2d(Object[] a) {
        Pool2d s = PoolOps.avgPool2dShape(a);
        return avgPool(t(a, 0), s.planes(), avgGrid(s, (Boolean) a[5]), divisor(a[6]), false);
    }

    private static Object adaptiveAvgPool2d(Object[] a) {
        Planes p = PoolOps.adaptiveAvgPool2dShape(a);
        return avgPool(t(a, 0), p, adaptiveGrid(p), 0, true);
    }

    private static Object avgPool2dBackward(Object[] a) {
        Pool2d s = PoolOps.avgPool2dBackwardShape(a);
        return avgPoolBackward(t(a, 0), t(a, 1), s.planes(), avgGrid(s, (Boolean) a[6]), divisor(a[7]), false);
    }

    private static Object adaptiveAvgPool2dBackward(Object[] a) {
        Planes p = PoolOps.adaptiveAvgPool2dBackwardShape(a);
        return avgPoolBackward(t(a, 0), t(a, 1), p, adaptiveGrid(p), 0, true);
    }

    private static TensorData avgPool(TensorData self, Planes p, Grid grid, long override, boolean adaptive) {
        long[] sizes = p.outputSizes();
        DType ct = computeType(self.dtype());
        TensorData y = TensorData.zeros(ct, sizes);
        if (y.numel() != 0) {
            TensorData x = dense(self, ct);
            Object xa = x.storage().array(), ya = y.storage().array();
            int off = (int) x.offset();
            for (AvgPool.Plan plan : plans(grid, override, adaptive)) {
                forPlanes(p, plan.taps().length, (from, to) -> AvgPool.forward(xa, off, ya, plan, from, to));
            }
        }
        return as(y, self.dtype());
    }

    private static TensorData avgPoolBackward(TensorData grad, TensorData self, Planes p, Grid grid, long override, boolean adaptive) {
        DType ct = computeType(self.dtype());
        TensorData gx = TensorData.zeros(ct, self.sizes().clone());
        if (grad.numel() != 0) {
            TensorData gy = dense(grad, ct);
            Object gya = gy.storage().array(), gxa = gx.storage().array();
            int off = (int) gy.offset();
            for (AvgPool.Plan plan : plans(grid, override, adaptive)) {
                forPlanes(p, plan.taps().length, (from, to) -> AvgPool.backward(gya, off, gxa, plan, from, to));
            }
        }
        return as(gx, self.dtype());
    }

    private static long divisor(Object override) { return override == null ? 0 : (Long) override; }

    /** The plans of all outputs of a plane, made one at a time as the loop asks (usually one). */
    private static Iterable<AvgPool.Plan> plans(Grid grid, long override, boolean adaptive) {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() { return next < grid.outPlane(); }

            @Override
            public AvgPool.Plan next() {
                AvgPool.Plan plan = AvgPool.Plan.of(grid, override, adaptive, next);
                next = plan.end();
                return plan;
            }
        };
    }

    // ---- planning and plumbing ----

    /** A max pooling's grid: dilated windows. */
    private static Grid maxGrid(Pool2d s) {
        Planes p = s.planes();
        Window w = s.window();
        int h = (int) p.inH(), wd = (int) p.inW();
        return new Grid(h, wd, Grid.Axis.maxWindow(h, (int) p.outH(), w.kH(), w.sH(), w.pH(), w.dH()),
                Grid.Axis.maxWindow(wd, (int) p.outW(), w.kW(), w.sW(), w.pW(), w.dW()));
    }

    /** An average pooling's grid: windows counting the padding where {@code countPad}. */
    private static Grid avgGrid(Pool2d s, boolean countPad) {
        Planes p = s.planes();
        Window w = s.window();
        int h = (int) p.inH(), wd = (int) p.inW();
        return new Grid(h, wd, Grid.Axis.avgWindow(h, (int) p.outH(), w.kH(), w.sH(), w.pH(), countPad),
                Grid.Axis.avgWindow(wd, (int) p.outW(), w.kW(), w.sW(), w.pW(), countPad));
    }

    private static Grid adaptiveGrid(Planes p) {
        int h = (int) p.inH(), w = (int) p.inW();
        return new Grid(h, w, Grid.Axis.adaptive(h, (int) p.outH()), Grid.Axis.adaptive(w, (int) p.outW()));
    }

    /** Runs {@code body} over all planes, split over the worker pool in pieces of about {@link #CHUNK} elements read. */
    private static void forPlanes(Planes p, long workPerPlane, PlaneRange body) {
        Parallel.forRange(p.count(), Math.max(1, CHUNK / Math.max(1, workPerPlane)), (from, to) -> body.run((int) from, (int) to));
    }

    /** Work on planes {@code [from, to)}. */
    @FunctionalInterface
    private interface PlaneRange {
        void run(int from, int to);
    }

    private static final long CHUNK = 1L << 15;

    /** float32 for bfloat16 (exact for a maximum; sums are rounded once), else the dtype itself. */
    private static DType computeType(DType dtype) { return dtype == DType.BFLOAT16 ? DType.FLOAT32 : dtype; }

    private static TensorData dense(TensorData t, DType ct) { return t.dtype() == ct ? Copies.contiguous(t) : Copies.convert(t, ct); }

    private static TensorData as(TensorData t, DType dtype) { return t.dtype() == dtype ? t : Copies.convert(t, dtype); }
}
