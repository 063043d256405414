package dev.kiln.runtime.creation;

import dev.kiln.ir.op.aten.CreationScalars;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.parallel.Parallel;
import java.util.Arrays;

/** Fills the whole storage of a freshly allocated tensor with one scalar, converted like PyTorch's {@code fill_}. */
final class Fill {
    private Fill() {}

    private static final long GRAIN = 1 << 16;

    static void fill(DType dtype, Storage storage, Object scalar) {
        int n = storage.length();
        if (n == 0) return;
        double d = CreationScalars.toDouble(scalar);
        long l = CreationScalars.toLong(scalar);
        switch (dtype.storage()) {
            case FLOAT -> {
                float v = scalar instanceof Long x ? (float) x : (float) d;
                float[] a = storage.floats();
                Parallel.forRange(n, GRAIN, (s, e) -> Arrays.fill(a, (int) s, (int) e, v));
            }
            case DOUBLE -> {
                double v = scalar instanceof Long x ? (double) x : d;
                double[] a = storage.doubles();
                Parallel.forRange(n, GRAIN, (s, e) -> Arrays.fill(a, (int) s, (int) e, v));
            }
            case LONG -> {
                long[] a = storage.longs();
                Parallel.forRange(n, GRAIN, (s, e) -> Arrays.fill(a, (int) s, (int) e, l));
            }
            case INT -> {
                int[] a = storage.ints();
                Parallel.forRange(n, GRAIN, (s, e) -> Arrays.fill(a, (int) s, (int) e, (int) l));
            }
            case SHORT -> {
                short v = switch (dtype) {
                    case FLOAT16 -> Float.floatToFloat16(scalar instanceof Long x ? (float) x : (float) d);
                    case BFLOAT16 -> Elements.floatToBfloat16(scalar instanceof Long x ? (float) x : (float) d);
                    default -> (short) l;
                };
                short[] a = storage.shorts();
                Parallel.forRange(n, GRAIN, (s, e) -> Arrays.fill(a, (int) s, (int) e, v));
            }
            case BYTE -> {
                byte v = dtype == DType.BOOL ? (byte) (d != 0 ? 1 : 0) : (byte) l;
                byte[] a = storage.bytes();
                Parallel.forRange(n, GRAIN, (s, e) -> Arrays.fill(a, (int) s, (int) e, v));
            }
        }
    }
}
