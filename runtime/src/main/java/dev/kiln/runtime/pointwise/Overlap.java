package dev.kiln.runtime.pointwise;

import dev.kiln.ir.op.OpError;
import dev.kiln.runtime.memory.TensorData;
import java.util.Arrays;

/**
 * Memory overlap between the output of a pointwise op and its inputs, checked as PyTorch does: an output
 * whose elements share memory is rejected, and so is an input that partially overlaps the output when both
 * are dense (PyTorch's detectable case). Inputs that overlap in ways PyTorch cannot detect are copied first,
 * so every element reads its input before anything is written.
 */
final class Overlap {
    private Overlap() {}

    /** {@code args}, or a copy of it in which inputs that partially overlap {@code out} are replaced by contiguous copies. */
    static Object[] resolve(String op, Object[] args, TensorData out) {
        long[] sizes = out.sizes(), strides = out.strides();
        for (int d = 0; d < sizes.length; d++) {
            if (sizes[d] > 1 && strides[d] == 0) {
                throw OpError.of(op, "unsupported operation: more than one element of the written-to tensor refers to a single "
                        + "memory location. Please clone() the tensor before performing the operation.");
            }
        }
        Object[] resolved = args;
        for (int i = 0; i < args.length; i++) {
            if (!(args[i] instanceof TensorData t) || t == out || t.storage() != out.storage() || sameView(t, out) || disjoint(t, out)) continue;
            if (dense(t) && dense(out)) {
                throw OpError.of(op, "unsupported operation: some elements of the input tensor and the written-to tensor refer to a "
                        + "single memory location. Please clone() the tensor before performing the operation.");
            }
            if (resolved == args) resolved = args.clone();
            resolved[i] = Copies.convert(t, t.dtype());
        }
        return resolved;
    }

    private static boolean sameView(TensorData a, TensorData b) {
        if (a.offset() != b.offset() || !Arrays.equals(a.sizes(), b.sizes())) return false;
        for (int d = 0; d < a.sizes().length; d++) {
            if (a.sizes()[d] > 1 && a.strides()[d] != b.strides()[d]) return false;
        }
        return true;
    }

    private static boolean disjoint(TensorData a, TensorData b) {
        return a.numel() == 0 || b.numel() == 0 || last(a) < b.offset() || last(b) < a.offset();
    }

    /** The highest storage index a view touches (strides are never negative). */
    private static long last(TensorData t) {
        long at = t.offset();
        for (int d = 0; d < t.sizes().length; d++) at += (t.sizes()[d] - 1) * t.strides()[d];
        return at;
    }

    /** Non-overlapping and dense: the elements fill a block of storage exactly, in some order of the dimensions. */
    private static boolean dense(TensorData t) {
        long[] sizes = t.sizes(), strides = t.strides();
        Integer[] dims = new Integer[sizes.length];
        for (int d = 0; d < dims.length; d++) dims[d] = d;
        Arrays.sort(dims, (x, y) -> Long.compare(strides[x], strides[y]));
        long expected = 1;
        for (int d : dims) {
            if (sizes[d] == 1) continue;
            if (strides[d] != expected) return false;
            expected *= sizes[d];
        }
        return true;
    }
}
