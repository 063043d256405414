package dev.kiln.runtime.resample;

import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.aten.ResampleOps;
import dev.kiln.ir.op.aten.ResampleOps.Sampling;
import dev.kiln.ir.op.aten.ResampleRules.Kind;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.eager.Kernels;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.pointwise.Copies;
import dev.kiln.runtime.resample.SourceIndex.Linear;
import dev.kiln.runtime.resample.SourceIndex.Precision;

/**
 * CPU kernels of the upsampling ops ({@link ResampleOps}); registered with {@link Kernels}. Inputs are made dense
 * [N, C, (H,) W]; nearest upsampling moves values in their own dtype, bilinear upsampling and both backward ops
 * compute in double for float64 and in float otherwise (bfloat16 converted once each way).
 */
public final class ResampleKernels {
    private ResampleKernels() {}

    static {
        for (Kind kind : Kind.values()) {
            Kernels.register(op(kind, false), a -> forward(kind, a));
            Kernels.register(op(kind, true), a -> backward(kind, a));
        }
    }

    private static Object forward(Kind kind, Object[] a) {
        TensorData input = (TensorData) a[0];
        Sampling s = Sampling.of(kind, a, false);
        Planes p = Planes.of(kind, input.sizes(), s.outputSize());
        long[] outSizes = p.outputSizes(kind, input.sizes());
        DType dtype = input.dtype();
        Precision precision = Precision.of(dtype);
        if (!kind.linear) {
            TensorData x = Copies.contiguous(input), out = TensorData.zeros(dtype, outSizes);
            int[] map = Nearest.map(SourceIndex.nearest(p.inH(), p.outH(), scaleH(s), precision),
                    SourceIndex.nearest(p.inW(), p.outW(), scaleW(s), precision), p.inW());
            Nearest.forward(p, x.storage().array(), (int) x.offset(), out.storage().array(), map);
            return out;
        }
        DType ct = computeType(dtype);
        TensorData x = dense(input, ct), out = TensorData.zeros(ct, outSizes);
        Linear h = SourceIndex.linear(p.inH(), p.outH(), s.alignCorners(), scaleH(s), precision);
        Linear w = SourceIndex.linear(p.inW(), p.outW(), s.alignCorners(), scaleW(s), precision);
        if (ct == DType.FLOAT64) Bilinear.forward(p, x.storage().doubles(), (int) x.offset(), out.storage().doubles(), h, w);
        else Bilinear.forward(p, x.storage().floats(), (int) x.offset(), out.storage().floats(), h, w);
        return as(out, dtype);
    }

    private static Object backward(Kind kind, Object[] a) {
        TensorData grad = (TensorData) a[0];
        Sampling s = Sampling.of(kind, a, true);
        long[] inputSize = (long[]) a[2];
        Planes p = Planes.of(kind, inputSize, s.outputSize());
        DType dtype = grad.dtype(), ct = computeType(dtype);
        TensorData g = dense(grad, ct), gi = TensorData.zeros(ct, inputSize.clone());
        if (!kind.linear) {
            int[] map = Nearest.map(SourceIndex.nearestBackward(p.inH(), p.outH(), scaleH(s)),
                    SourceIndex.nearestBackward(p.inW(), p.outW(), scaleW(s)), p.inW());
            Nearest.backward(p, g.storage().array(), (int) g.offset(), gi.storage().array(), map);
            return as(gi, dtype);
        }
        Precision precision = Precision.of(dtype);
        Linear h = SourceIndex.linear(p.inH(), p.outH(), s.alignCorners(), scaleH(s), precision);
        Linear w = SourceIndex.linear(p.inW(), p.outW(), s.alignCorners(), scaleW(s), precision);
        if (ct == DType.FLOAT64) Bilinear.backward(p, g.storage().doubles(), (int) g.offset(), gi.storage().doubles(), h, w);
        else Bilinear.backward(p, g.storage().floats(), (int) g.offset(), gi.storage().floats(), h, w);
        return as(gi, dtype);
    }

    /** The height's scale: none for a 1-D upsampling, whose height of 1 is kept. */
    private static Double scaleH(Sampling s) { return s.kind().spatial == 2 ? s.scales()[0] : null; }

    private static Double scaleW(Sampling s) { return s.scales()[s.kind().spatial - 1]; }

    private static DType computeType(DType dtype) { return dtype == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32; }

    private static TensorData dense(TensorData t, DType ct) { return t.dtype() == ct ? Copies.contiguous(t) : Copies.convert(t, ct); }

    private static TensorData as(TensorData t, DType dtype) { return t.dtype() == dtype ? t : Copies.convert(t, dtype); }

    private static OpDef op(Kind kind, boolean backward) {
        return switch (kind) {
            case NEAREST1D -> backward ? ResampleOps.UPSAMPLE_NEAREST1D_BACKWARD : ResampleOps.UPSAMPLE_NEAREST1D;
            case NEAREST2D -> backward ? ResampleOps.UPSAMPLE_NEAREST2D_BACKWARD : ResampleOps.UPSAMPLE_NEAREST2D;
            case BILINEAR2D -> backward ? ResampleOps.UPSAMPLE_BILINEAR2D_BACKWARD : ResampleOps.UPSAMPLE_BILINEAR2D;
        };
    }
}
