package dev.kiln.runtime.reduction;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;

/**
 * Moves elements between tensors and reduction buffers: strided loads widened to a {@link Num} kind, and
 * contiguous stores into fresh outputs narrowed to the output dtype (integers wrap, floats round).
 */
final class Elems {
    private Elems() {}

    /** Reads {@code n} elements of {@code x} at {@code base + i*stride} into {@code buf[at..at+n)} as {@code kind}. */
    static void load(Num kind, TensorData x, long base, long stride, int n, Object buf, int at) {
        Storage s = x.storage();
        DType dt = x.dtype();
        int b = (int) base, st = (int) stride;
        switch (kind) {
            case F32 -> {
                float[] d = (float[]) buf;
                switch (dt) {
                    case FLOAT32 -> { float[] a = s.floats(); for (int i = 0; i < n; i++) d[at + i] = a[b + i * st]; }
                    case FLOAT16 -> { short[] a = s.shorts(); for (int i = 0; i < n; i++) d[at + i] = Float.float16ToFloat(a[b + i * st]); }
                    case BFLOAT16 -> { short[] a = s.shorts(); for (int i = 0; i < n; i++) d[at + i] = Elements.bfloat16ToFloat(a[b + i * st]); }
                    default -> { for (int i = 0; i < n; i++) d[at + i] = (float) Elements.getDouble(dt, s, b + i * st); }
                }
            }
            case F64 -> {
                double[] d = (double[]) buf;
                switch (dt) {
                    case FLOAT64 -> { double[] a = s.doubles(); for (int i = 0; i < n; i++) d[at + i] = a[b + i * st]; }
                    case FLOAT32 -> {
                        float[] a = s.floats();
                        if (st == 1) for (int i = 0; i < n; i++) d[at + i] = a[b + i];
                        else for (int i = 0; i < n; i++) d[at + i] = a[b + i * st];
                    }
                    default -> { for (int i = 0; i < n; i++) d[at + i] = Elements.getDouble(dt, s, b + i * st); }
                }
            }
            case I64 -> {
                long[] d = (long[]) buf;
                switch (dt) {
                    case INT64 -> { long[] a = s.longs(); for (int i = 0; i < n; i++) d[at + i] = a[b + i * st]; }
                    case INT32 -> {
                        int[] a = s.ints();
                        if (st == 1) for (int i = 0; i < n; i++) d[at + i] = a[b + i];
                        else for (int i = 0; i < n; i++) d[at + i] = a[b + i * st];
                    }
                    case INT16 -> { short[] a = s.shorts(); for (int i = 0; i < n; i++) d[at + i] = a[b + i * st]; }
                    case INT8, BOOL -> { byte[] a = s.bytes(); for (int i = 0; i < n; i++) d[at + i] = a[b + i * st]; }
                    case UINT8 -> { byte[] a = s.bytes(); for (int i = 0; i < n; i++) d[at + i] = a[b + i * st] & 0xFF; }
                    default -> { for (int i = 0; i < n; i++) d[at + i] = Elements.getLong(dt, s, b + i * st); }
                }
            }
        }
    }

    /** Writes {@code v[0..n)} to the contiguous tensor {@code out} from its element {@code at} (in index order). */
    static void store(double[] v, int n, TensorData out, long at) {
        int o = (int) (out.offset() + at);
        Storage s = out.storage();
        switch (out.dtype()) {
            case FLOAT64 -> System.arraycopy(v, 0, s.doubles(), o, n);
            case FLOAT32 -> { float[] d = s.floats(); for (int i = 0; i < n; i++) d[o + i] = (float) v[i]; }
            default -> { for (int i = 0; i < n; i++) Elements.setDouble(out.dtype(), s, o + i, v[i]); }
        }
    }

    static void store(float[] v, int n, TensorData out, long at) {
        int o = (int) (out.offset() + at);
        Storage s = out.storage();
        if (out.dtype() == DType.FLOAT32) System.arraycopy(v, 0, s.floats(), o, n);
        else for (int i = 0; i < n; i++) Elements.setDouble(out.dtype(), s, o + i, v[i]);
    }

    static void store(long[] v, int n, TensorData out, long at) {
        int o = (int) (out.offset() + at);
        Storage s = out.storage();
        if (out.dtype() == DType.INT64) System.arraycopy(v, 0, s.longs(), o, n);
        else for (int i = 0; i < n; i++) Elements.setLong(out.dtype(), s, o + i, v[i]);
    }
}
