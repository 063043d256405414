package dev.kiln.runtime.indexing;

import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Which elements are nonzero (NaN counts, -0.0 does not): behind nonzero, masks in indexing, masked_select. */
final class Nonzero {
    private Nonzero() {}

    /** The positions {@code k} (into {@code offsets}) whose element of {@code t} is nonzero, in increasing order. */
    static int[] positions(TensorData t, int[] offsets) {
        int n = offsets.length;
        int[] out = new int[n];
        int m = 0;
        Storage s = t.storage();
        switch (t.dtype()) {
            case FLOAT32 -> {
                float[] a = s.floats();
                for (int k = 0; k < n; k++) if (a[offsets[k]] != 0) out[m++] = k;
            }
            case FLOAT64 -> {
                double[] a = s.doubles();
                for (int k = 0; k < n; k++) if (a[offsets[k]] != 0) out[m++] = k;
            }
            case INT64 -> {
                long[] a = s.longs();
                for (int k = 0; k < n; k++) if (a[offsets[k]] != 0) out[m++] = k;
            }
            case INT32 -> {
                int[] a = s.ints();
                for (int k = 0; k < n; k++) if (a[offsets[k]] != 0) out[m++] = k;
            }
            case INT16 -> {
                short[] a = s.shorts();
                for (int k = 0; k < n; k++) if (a[offsets[k]] != 0) out[m++] = k;
            }
            case FLOAT16, BFLOAT16 -> {
                short[] a = s.shorts();
                for (int k = 0; k < n; k++) if ((a[offsets[k]] & 0x7FFF) != 0) out[m++] = k;
            }
            case UINT8, INT8, BOOL -> {
                byte[] a = s.bytes();
                for (int k = 0; k < n; k++) if (a[offsets[k]] != 0) out[m++] = k;
            }
        }
        return Arrays.copyOf(out, m);
    }

    /** The coordinates of positions in a row-major shape: one array per dimension. */
    static List<long[]> coordinates(int[] positions, long[] sizes) {
        List<long[]> columns = new ArrayList<>(sizes.length);
        for (int d = 0; d < sizes.length; d++) columns.add(new long[positions.length]);
        for (int k = 0; k < positions.length; k++) {
            long p = positions[k];
            for (int d = sizes.length - 1; d >= 0; d--) {
                columns.get(d)[k] = p % sizes[d];
                p /= sizes[d];
            }
        }
        return columns;
    }
}
