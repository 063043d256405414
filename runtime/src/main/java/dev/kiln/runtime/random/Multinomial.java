package dev.kiln.runtime.random;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.parallel.Parallel;
import dev.kiln.runtime.pointwise.Copies;

/**
 * {@code multinomial}: category indices drawn from each row of (unnormalised) probabilities. With replacement,
 * by inverting the cumulative distribution; without replacement (or for a single sample), like PyTorch, as the
 * {@code num_samples} largest keys {@code p / E} with E exponential, which draws categories one after another
 * in proportion to their remaining probability.
 */
final class Multinomial {
    private Multinomial() {}

    static TensorData sample(String op, TensorData self, int samples, boolean replacement, PhiloxGenerator g) {
        boolean vector = self.dim() == 1;
        int rows = vector ? 1 : (int) self.sizes()[0], categories = (int) self.sizes()[self.dim() - 1];
        TensorData out = TensorData.zeros(DType.INT64, vector ? new long[]{samples} : new long[]{rows, samples});
        if (rows == 0) return out;
        double[] p = Copies.convert(self, DType.FLOAT64).storage().doubles();
        long[] result = out.storage().longs();
        if (!replacement || samples == 1) {
            for (double v : p) {
                if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
                    throw OpError.of(op, "probability tensor contains either `inf`, `nan` or element < 0");
                }
            }
            checkSums(op, p, rows, categories);
            withoutReplacement(p, rows, categories, samples, result, g);
        } else {
            for (double v : p) {
                if (!(v >= 0)) throw OpError.of(op, "invalid multinomial distribution (encountering probability entry < 0)");
                if (v == Double.POSITIVE_INFINITY) {
                    throw OpError.of(op, "invalid multinomial distribution (encountering probability entry = infinity or NaN)");
                }
            }
            checkSums(op, p, rows, categories);
            withReplacement(p, rows, categories, samples, result, g);
        }
        return out;
    }

    private static void checkSums(String op, double[] p, int rows, int categories) {
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int j = 0; j < categories; j++) sum += p[r * categories + j];
            if (!(sum > 0)) throw OpError.of(op, "invalid multinomial distribution (sum of probabilities <= 0) in row " + r);
        }
    }

    /** Inverts each row's cumulative distribution at 53-bit uniforms; zero-probability categories are never drawn. */
    private static void withReplacement(double[] p, int rows, int categories, int samples, long[] result, PhiloxGenerator g) {
        double[] cdf = new double[p.length];
        for (int r = 0; r < rows; r++) {
            int base = r * categories, last = 0;
            double sum = 0;
            for (int j = 0; j < categories; j++) {
                sum += p[base + j];
                cdf[base + j] = sum;
                if (p[base + j] > 0) last = j;
            }
            for (int j = 0; j < categories; j++) cdf[base + j] = j >= last ? 1.0 : cdf[base + j] / sum;
        }
        RandomStream.forEachTile(g, (long) rows * samples, 2, true, (s, c, w) -> {
            for (int k = 0; k < c; k++) {
                long i = s + k;
                int base = (int) (i / samples) * categories;
                double u = Samplers.unitDouble(w[2 * k], w[2 * k + 1]);
                int lo = 0, hi = categories - 1;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (cdf[base + mid] > u) hi = mid;
                    else lo = mid + 1;
                }
                result[(int) i] = lo;
            }
        });
    }

    /** The {@code samples} largest keys {@code p / E} of each row, largest first (ties: lower index first). */
    private static void withoutReplacement(double[] p, int rows, int categories, int samples, long[] result, PhiloxGenerator g) {
        double[] keys = new double[p.length];
        RandomStream.forEachTile(g, p.length, 2, true, (s, c, w) -> {
            for (int k = 0; k < c; k++) {
                double u = Samplers.unitDouble(w[2 * k], w[2 * k + 1]) + 0x1.0p-54;
                keys[(int) s + k] = p[(int) s + k] / -Math.log(u);
            }
        });
        Parallel.forRange(rows, Math.max(1, (1 << 14) / Math.max(categories, 1)), (r0, r1) -> {
            int[] heap = new int[samples];
            for (long r = r0; r < r1; r++) topK(keys, (int) r * categories, categories, heap, samples, result, (int) r * samples);
        });
    }

    /** Selects the k best categories of one row with a bounded heap whose root is the worst kept one. */
    private static void topK(double[] keys, int base, int categories, int[] heap, int k, long[] out, int outBase) {
        int size = 0;
        for (int j = 0; j < categories; j++) {
            if (size < k) {
                heap[size] = j;
                siftUp(keys, base, heap, size++);
            } else if (better(keys, base, j, heap[0])) {
                heap[0] = j;
                siftDown(keys, base, heap, size);
            }
        }
        for (int i = size - 1; i >= 0; i--) {
            out[outBase + i] = heap[0];
            heap[0] = heap[i];
            siftDown(keys, base, heap, i);
        }
    }

    private static boolean better(double[] keys, int base, int a, int b) {
        double ka = keys[base + a], kb = keys[base + b];
        return ka > kb || (ka == kb && a < b);
    }

    private static void siftUp(double[] keys, int base, int[] heap, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!better(keys, base, heap[parent], heap[i])) break;
            int t = heap[parent];
            heap[parent] = heap[i];
            heap[i] = t;
            i = parent;
        }
    }

    private static void siftDown(double[] keys, int base, int[] heap, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1, r = l + 1, worst = i;
            if (l < size && better(keys, base, heap[worst], heap[l])) worst = l;
            if (r < size && better(keys, base, heap[worst], heap[r])) worst = r;
            if (worst == i) return;
            int t = heap[worst];
            heap[worst] = heap[i];
            heap[i] = t;
            i = worst;
        }
    }
}
