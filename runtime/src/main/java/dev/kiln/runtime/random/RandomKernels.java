package dev.kiln.runtime.random;

import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.aten.CreationOps;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.creation.CreationKernels;
import dev.kiln.runtime.creation.Region;
import dev.kiln.runtime.eager.Kernels;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.pointwise.Copies;
import java.util.Arrays;

/**
 * CPU kernels of random sampling. Every kernel draws from the call's {@code Generator?} argument (the default
 * generator for None) through {@link RandomStream}, so results depend on the seed and the generator's offset
 * but never on the number of threads. Checks that need tensor values are made before anything is drawn.
 */
public final class RandomKernels {
    private RandomKernels() {}

    /** Registers the kernels; called by {@link CreationKernels} while it initialises. */
    public static void register() {
        Kernels.register(CreationOps.RAND, a -> uniform(fresh(CreationOps.RAND, a), null));
        Kernels.register(CreationOps.RAND_GENERATOR, a -> uniform(fresh(CreationOps.RAND_GENERATOR, a), a[1]));
        Kernels.register(CreationOps.RANDN, a -> normal(fresh(CreationOps.RANDN, a), null));
        Kernels.register(CreationOps.RANDN_GENERATOR, a -> normal(fresh(CreationOps.RANDN_GENERATOR, a), a[1]));
        Kernels.register(CreationOps.RAND_LIKE, a -> uniform(CreationKernels.like(CreationOps.RAND_LIKE, a, 1), null));
        Kernels.register(CreationOps.RANDN_LIKE, a -> normal(CreationKernels.like(CreationOps.RANDN_LIKE, a, 1), null));
        Kernels.register(CreationOps.RANDINT, a -> randint(fresh(CreationOps.RANDINT, a), 0, (Long) a[0], null));
        Kernels.register(CreationOps.RANDINT_GENERATOR, a -> randint(fresh(CreationOps.RANDINT_GENERATOR, a), 0, (Long) a[0], a[2]));
        Kernels.register(CreationOps.RANDINT_LOW, a -> randint(fresh(CreationOps.RANDINT_LOW, a), (Long) a[0], (Long) a[1], null));
        Kernels.register(CreationOps.RANDINT_LOW_GENERATOR,
                a -> randint(fresh(CreationOps.RANDINT_LOW_GENERATOR, a), (Long) a[0], (Long) a[1], a[3]));
        Kernels.register(CreationOps.RANDINT_LIKE, a -> randint(CreationKernels.like(CreationOps.RANDINT_LIKE, a, 2), 0, (Long) a[1], null));
        Kernels.register(CreationOps.RANDINT_LIKE_LOW,
                a -> randint(CreationKernels.like(CreationOps.RANDINT_LIKE_LOW, a, 3), (Long) a[1], (Long) a[2], null));
        Kernels.register(CreationOps.RANDPERM, a -> randperm(fresh(CreationOps.RANDPERM, a), null));
        Kernels.register(CreationOps.RANDPERM_GENERATOR, a -> randperm(fresh(CreationOps.RANDPERM_GENERATOR, a), a[1]));
        Kernels.register(CreationOps.NORMAL_FLOAT_FLOAT, a -> {
            TensorData out = fresh(CreationOps.NORMAL_FLOAT_FLOAT, a);
            fillNormal(PhiloxGenerator.of(CreationOps.NORMAL_FLOAT_FLOAT.name(), a[3]), Region.whole(out), (Double) a[0], (Double) a[1]);
            return out;
        });
        Kernels.register(CreationOps.NORMAL_TENSOR_FLOAT, a -> normalTensors(CreationOps.NORMAL_TENSOR_FLOAT, a));
        Kernels.register(CreationOps.NORMAL_FLOAT_TENSOR, a -> normalTensors(CreationOps.NORMAL_FLOAT_TENSOR, a));
        Kernels.register(CreationOps.NORMAL_TENSOR_TENSOR, a -> normalTensors(CreationOps.NORMAL_TENSOR_TENSOR, a));
        Kernels.register(CreationOps.BERNOULLI, a -> bernoulli(CreationOps.BERNOULLI, fresh(CreationOps.BERNOULLI, a), a[0], a[1]));
        Kernels.register(CreationOps.BERNOULLI_P, a -> bernoulli(CreationOps.BERNOULLI_P, fresh(CreationOps.BERNOULLI_P, a), a[1], a[2]));
        Kernels.register(CreationOps.BERNOULLI_TENSOR,
                a -> bernoulli(CreationOps.BERNOULLI_TENSOR, fresh(CreationOps.BERNOULLI_TENSOR, a), a[1], a[2]));
        Kernels.register(CreationOps.BERNOULLI_FLOAT_, a -> bernoulli(CreationOps.BERNOULLI_FLOAT_, (TensorData) a[0], a[1], a[2]));
        Kernels.register(CreationOps.BERNOULLI_TENSOR_, a -> bernoulli(CreationOps.BERNOULLI_TENSOR_, (TensorData) a[0], a[1], a[2]));
        Kernels.register(CreationOps.MULTINOMIAL, a -> Multinomial.sample(CreationOps.MULTINOMIAL.name(), (TensorData) a[0],
                (int) (long) (Long) a[1], (Boolean) a[2], PhiloxGenerator.of(CreationOps.MULTINOMIAL.name(), a[3])));
        Kernels.register(CreationOps.UNIFORM_, a -> {
            PhiloxGenerator g = PhiloxGenerator.of(CreationOps.UNIFORM_.name(), a[3]);
            return Region.fillInPlace((TensorData) a[0], r -> fillUniform(g, r, (Double) a[1], (Double) a[2]));
        });
        Kernels.register(CreationOps.NORMAL_, a -> {
            PhiloxGenerator g = PhiloxGenerator.of(CreationOps.NORMAL_.name(), a[3]);
            return Region.fillInPlace((TensorData) a[0], r -> fillNormal(g, r, (Double) a[1], (Double) a[2]));
        });
    }

    private static TensorData fresh(OpDef op, Object[] args) { return CreationKernels.allocate(op, args, null); }

    private static TensorData uniform(TensorData out, Object generator) {
        fillUniform(PhiloxGenerator.of("rand", generator), Region.whole(out), 0, 1);
        return out;
    }

    private static TensorData normal(TensorData out, Object generator) {
        fillNormal(PhiloxGenerator.of("randn", generator), Region.whole(out), 0, 1);
        return out;
    }

    /** Uniform samples in [from, to), computed in the region's precision (float for the 16-bit floats). */
    static void fillUniform(PhiloxGenerator g, Region r, double from, double to) {
        int off = r.offset();
        switch (r.dtype()) {
            case FLOAT64 -> {
                double[] a = r.storage().doubles();
                RandomStream.forEachTile(g, r.length(), 2, true, (s, c, w) -> Samplers.uniformDouble(w, c, a, off + (int) s, from, to - from));
            }
            case FLOAT32 -> {
                float[] a = r.storage().floats();
                float f = (float) from, range = (float) to - (float) from;
                RandomStream.forEachTile(g, r.length(), 1, true, (s, c, w) -> Samplers.uniformFloat(w, c, a, off + (int) s, 24, f, range));
            }
            default -> {
                float[] tmp = new float[r.length()];
                int bits = r.dtype() == DType.FLOAT16 ? 11 : 8;
                float f = (float) from, range = (float) to - (float) from;
                RandomStream.forEachTile(g, r.length(), 1, true, (s, c, w) -> Samplers.uniformFloat(w, c, tmp, (int) s, bits, f, range));
                r.store(tmp);
            }
        }
    }

    /** Normal samples with the given mean and standard deviation. */
    static void fillNormal(PhiloxGenerator g, Region r, double mean, double std) {
        int off = r.offset();
        switch (r.dtype()) {
            case FLOAT64 -> {
                double[] a = r.storage().doubles();
                RandomStream.forEachTile(g, r.length(), 2, true, (s, c, w) -> Samplers.normalDouble(w, c, a, off + (int) s, mean, std));
            }
            case FLOAT32 -> {
                float[] a = r.storage().floats();
                RandomStream.forEachTile(g, r.length(), 1, true,
                        (s, c, w) -> Samplers.normalFloat(w, c, a, off + (int) s, (float) mean, (float) std));
            }
            default -> {
                float[] tmp = new float[r.length()];
                RandomStream.forEachTile(g, r.length(), 1, true, (s, c, w) -> Samplers.normalFloat(w, c, tmp, (int) s, (float) mean, (float) std));
                r.store(tmp);
            }
        }
    }

    private static TensorData randint(TensorData out, long low, long high, Object generator) {
        Region r = Region.whole(out);
        long range = high - low;
        boolean wide = Samplers.wide(range);
        long[] values = r.dtype() == DType.INT64 ? r.storage().longs() : new long[r.length()];
        RandomStream.forEachTile(PhiloxGenerator.of("randint", generator), r.length(), wide ? 2 : 1, true,
                (s, c, w) -> Samplers.randint(w, c, values, (int) s, low, range, wide));
        if (r.dtype() != DType.INT64) r.store(values);
        return out;
    }

    /** A uniformly random permutation by Fisher-Yates: step i swaps position i with one of {@code [i, n)}. */
    private static TensorData randperm(TensorData out, Object generator) {
        int n = (int) out.numel();
        long[] perm = new long[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        RandomStream.forEachTile(PhiloxGenerator.of("randperm", generator), n, 2, false, (s, c, w) -> {
            for (int k = 0; k < c; k++) {
                int i = (int) s + k;
                if (i >= n - 1) break;
                long word = ((long) w[2 * k] << 32) | (w[2 * k + 1] & 0xFFFFFFFFL);
                int j = i + (int) Math.unsignedMultiplyHigh(word, n - i);
                long t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
        });
        Region.whole(out).store(perm);
        return out;
    }

    /** {@code normal} with a tensor mean and/or std: {@code mean + std * z} with z standard normal, broadcast. */
    private static TensorData normalTensors(OpDef op, Object[] a) {
        TensorData out = fresh(op, a);
        int n = (int) out.numel();
        double[] mean = broadcast(a[0], out.sizes(), n), std = broadcast(a[1], out.sizes(), n);
        if (a[1] instanceof TensorData) {
            for (double s : std) {
                if (!(s >= 0)) throw OpError.of(op.name(), "normal expects all elements of std >= 0.0, found " + s);
            }
        }
        Region z = Region.of(TensorData.zeros(out.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32, out.sizes().clone()));
        fillNormal(PhiloxGenerator.of(op.name(), a[2]), z, 0, 1);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            double zi = z.dtype() == DType.FLOAT64 ? z.storage().doubles()[i] : z.storage().floats()[i];
            values[i] = mean[i] + std[i] * zi;
        }
        Region.whole(out).store(values);
        return out;
    }

    /** A tensor argument broadcast to {@code sizes} as doubles, or a constant for a float argument. */
    private static double[] broadcast(Object arg, long[] sizes, int n) {
        if (arg instanceof Double d) {
            double[] v = new double[n];
            Arrays.fill(v, d);
            return v;
        }
        TensorData b = TensorData.zeros(DType.FLOAT64, sizes.clone());
        Copies.copyInto((TensorData) arg, b);
        return b.storage().doubles();
    }

    /** Draws 0/1 with probability p (a float, or a tensor broadcast to self's shape) into {@code out}. */
    private static TensorData bernoulli(OpDef op, TensorData out, Object p, Object generator) {
        int n = (int) out.numel();
        double[] probs = p instanceof TensorData ? broadcast(p, out.sizes(), n) : null;
        if (probs != null) {
            for (double q : probs) {
                if (!(q >= 0 && q <= 1)) throw OpError.of(op.name(), "bernoulli expects all elements of p to be in [0, 1], found " + q);
            }
        }
        PhiloxGenerator g = PhiloxGenerator.of(op.name(), generator);
        return Region.fillInPlace(out, r -> {
            if (probs == null && r.dtype() == DType.FLOAT32) {
                float[] a = r.storage().floats();
                int off = r.offset(), threshold = Samplers.bernoulliThreshold((Double) p);
                RandomStream.forEachTile(g, n, 1, true, (s, c, w) -> Samplers.bernoulliFloat(w, c, a, off + (int) s, threshold));
                return;
            }
            long[] bits = new long[n];
            double constant = probs == null ? (Double) p : 0;
            RandomStream.forEachTile(g, n, 1, true, (s, c, w) -> {
                for (int k = 0, i = (int) s; k < c; k++, i++) {
                    bits[i] = Samplers.unitBernoulli(w[k]) < (probs == null ? constant : probs[i]) ? 1 : 0;
                }
            });
            r.store(bits);
        });
    }
}
