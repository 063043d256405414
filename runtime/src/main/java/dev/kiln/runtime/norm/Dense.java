package dev.kiln.runtime.norm;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.pointwise.Copies;

/** Moving tensors in and out of the normalization loops: dense arrays of the compute type, and small vectors as doubles. */
final class Dense {
    private Dense() {}

    /** The compute type: float64 for float64, float32 for float32 and bfloat16. */
    static DType computeType(DType dtype) { return dtype == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32; }

    /** {@code t} as a contiguous tensor of its compute type (itself when it already is one). */
    static TensorData of(TensorData t) {
        DType ct = computeType(t.dtype());
        return t.dtype() == ct ? Copies.contiguous(t) : Copies.convert(t, ct);
    }

    /** A new zeroed tensor with the dtype and sizes of {@code x}. */
    static TensorData like(TensorData x) { return TensorData.zeros(x.dtype(), x.sizes().clone()); }

    static Object array(TensorData t) { return t.storage().array(); }

    static Runs runs(TensorData t) { return Runs.of(array(t)); }

    /** {@code t} converted to {@code dtype} if it has another. */
    static TensorData as(TensorData t, DType dtype) { return t.dtype() == dtype ? t : Copies.convert(t, dtype); }

    /** A new tensor of {@code dtype} and {@code sizes} holding {@code values}. */
    static TensorData tensor(double[] values, DType dtype, long[] sizes) {
        TensorData d = TensorData.zeros(DType.FLOAT64, sizes.clone());
        System.arraycopy(values, 0, d.storage().doubles(), 0, values.length);
        return as(d, dtype);
    }

    /** The elements of {@code t} in order, as doubles. */
    static double[] doubles(TensorData t) { return Copies.convert(t, DType.FLOAT64).storage().doubles(); }

    /** Writes {@code values}, in order, into the elements of {@code dst}, converted to its dtype. */
    static void write(double[] values, TensorData dst) { Copies.copyInto(tensor(values, DType.FLOAT64, dst.sizes()), dst); }

    static long numel(long[] sizes) {
        long n = 1;
        for (long s : sizes) n *= s;
        return n;
    }
}
