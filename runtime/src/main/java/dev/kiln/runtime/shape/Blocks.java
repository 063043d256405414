package dev.kiln.runtime.shape;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;
import dev.kiln.runtime.pointwise.Copies;
import java.util.Arrays;

/**
 * The copies shape kernels are made of. {@link #copy} moves a strided source (strides may be 0 for repeated
 * or negative for reversed dimensions) into a destination of the same sizes: runs that are contiguous in both
 * and long enough go through {@code System.arraycopy}; anything else (short runs, dtype conversion) through
 * the pointwise engine's {@link Copies#copyInto}.
 */
final class Blocks {
    private Blocks() {}

    /** Runs shorter than this are not worth a call to {@code System.arraycopy} each. */
    private static final int MIN_RUN = 16;
    /** Elements per parallel piece. */
    private static final long GRAIN = 1 << 16;

    /** Writes {@code src} into {@code dst} (same sizes), converting the dtype if they differ. */
    static void copy(TensorData src, TensorData dst) {
        long n = dst.numel();
        if (n == 0) return;
        if (src.dtype() != dst.dtype()) {
            Copies.copyInto(src, dst);
            return;
        }
        long[] sizes = dst.sizes();
        int nd = sizes.length;
        int[] sz = new int[Math.max(nd, 1)], ss = new int[sz.length], ds = new int[sz.length];
        int m = 0;
        for (int d = 0; d < nd; d++) {
            if (sizes[d] == 1) continue;
            int size = (int) sizes[d], s = (int) src.strides()[d], t = (int) dst.strides()[d];
            if (m > 0 && ss[m - 1] == s * size && ds[m - 1] == t * size) {
                sz[m - 1] *= size;
                ss[m - 1] = s;
                ds[m - 1] = t;
            } else {
                sz[m] = size;
                ss[m] = s;
                ds[m] = t;
                m++;
            }
        }
        boolean innerRun = m > 0 && ss[m - 1] == 1 && ds[m - 1] == 1;
        int len = innerRun ? sz[m - 1] : 1;
        if (len < MIN_RUN && n >= MIN_RUN) {
            Copies.copyInto(src, dst);
            return;
        }
        int outer = innerRun ? m - 1 : m;
        int[] osz = Arrays.copyOf(sz, outer), oss = Arrays.copyOf(ss, outer), ods = Arrays.copyOf(ds, outer);
        Object from = src.storage().array(), to = dst.storage().array();
        int srcBase = (int) src.offset(), dstBase = (int) dst.offset();
        if (outer == 0) {
            Parallel.forRange(len, GRAIN, (start, end) -> System.arraycopy(from, srcBase + (int) start, to, dstBase + (int) start,
                    (int) (end - start)));
            return;
        }
        long runs = n / len;
        Parallel.forRange(runs, Math.max(1, GRAIN / len), (start, end) -> {
            int[] idx = new int[outer];
            long r = start;
            for (int d = outer - 1; d >= 0; d--) {
                idx[d] = (int) (r % osz[d]);
                r /= osz[d];
            }
            for (long k = start; k < end; k++) {
                int so = srcBase, doff = dstBase;
                for (int d = 0; d < outer; d++) {
                    so += idx[d] * oss[d];
                    doff += idx[d] * ods[d];
                }
                System.arraycopy(from, so, to, doff, len);
                for (int d = outer - 1; d >= 0; d--) {
                    if (++idx[d] < osz[d]) break;
                    idx[d] = 0;
                }
            }
        });
    }

    /** A new contiguous tensor of {@code sizes} with every element set to {@code value} (Long, Double or Boolean). */
    static TensorData full(DType dtype, long[] sizes, Object value) {
        TensorData out = TensorData.zeros(dtype, sizes);
        if (out.numel() == 0) return out;
        Storage s = out.storage();
        switch (value) {
            case Double d -> Elements.setDouble(dtype, s, 0, d);
            case Boolean b -> Elements.setLong(dtype, s, 0, b ? 1 : 0);
            default -> Elements.setLong(dtype, s, 0, ((Number) value).longValue());
        }
        switch (dtype.storage()) {
            case BYTE -> Arrays.fill(s.bytes(), s.bytes()[0]);
            case SHORT -> Arrays.fill(s.shorts(), s.shorts()[0]);
            case INT -> Arrays.fill(s.ints(), s.ints()[0]);
            case LONG -> Arrays.fill(s.longs(), s.longs()[0]);
            case FLOAT -> Arrays.fill(s.floats(), s.floats()[0]);
            case DOUBLE -> Arrays.fill(s.doubles(), s.doubles()[0]);
        }
        return out;
    }
}
