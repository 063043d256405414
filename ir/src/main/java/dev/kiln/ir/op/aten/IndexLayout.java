package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.type.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the result of advanced indexing ({@code index.Tensor}, {@code index_put_}) takes its dimensions from,
 * by NumPy's and PyTorch's rules: the index tensors broadcast to one shape, which replaces the indexed
 * dimensions in place when they are adjacent, and goes first when they are separated by a slice.
 *
 * @param order        self's dimensions in result order: the indexed ones moved to the front when separated
 * @param first        where, in {@code order}, the block of indexed dimensions starts
 * @param indexedDims  self's indexed dimensions, in index order (bool masks count one per mask dimension)
 * @param broadcast    the shape all index tensors broadcast to (-1 where it depends on a mask's contents)
 * @param resultSizes  the sizes of the indexing result
 */
public record IndexLayout(int[] order, int first, int[] indexedDims, long[] broadcast, long[] resultSizes) {

    /**
     * Checks a {@code Tensor?[]} index list against self like ATen's {@code make_info}: at most one entry per
     * dimension, long or bool/byte tensors only, and masks matching the dimensions they cover.
     */
    public static void check(String op, TensorMeta self, List<?> indices) {
        if (indices.size() > self.dim()) {
            throw OpError.index(op, "too many indices for tensor of dimension " + self.dim() + " (got " + indices.size() + ")");
        }
        int position = 0;
        for (Object entry : indices) {
            if (!(entry instanceof TensorMeta index)) {
                position++;
                continue;
            }
            if (index.dtype() == DType.BOOL || index.dtype() == DType.UINT8) {
                for (int j = 0; j < index.dim(); j++) {
                    int at = position + j;
                    if (at >= self.dim()) {
                        throw OpError.index(op, "too many indices for tensor of dimension " + self.dim() + " (a mask of shape "
                                + Shapes.format(index.sizes()) + " starts at dimension " + position + ")");
                    }
                    if (index.sizes()[j] != self.sizes()[at]) {
                        throw OpError.index(op, "The shape of the mask " + Shapes.format(index.sizes()) + " at index " + j
                                + " does not match the shape of the indexed tensor " + Shapes.format(self.sizes()) + " at index " + at);
                    }
                }
                position += index.dim();
            } else if (index.dtype() == DType.INT64) {
                position++;
            } else {
                throw OpError.index(op, "tensors used as indices must be long, byte or bool tensors, but got " + index.dtype().legacyName());
            }
        }
    }

    /** The index shapes per dimension of self, masks expanded to one entry of unknown length per mask dimension. */
    public static List<long[]> metaShapes(List<?> indices) {
        List<long[]> shapes = new ArrayList<>();
        for (Object entry : indices) {
            if (!(entry instanceof TensorMeta index)) shapes.add(null);
            else if (index.dtype() == DType.INT64) shapes.add(index.sizes());
            else for (int j = 0; j < index.dim(); j++) shapes.add(new long[]{-1});
        }
        return shapes;
    }

    /** The layout for index tensors of {@code shapes} (one entry per leading dimension of self, null where not indexed). */
    public static IndexLayout of(String op, long[] selfSizes, List<long[]> shapes) {
        int rank = selfSizes.length;
        List<Integer> indexed = new ArrayList<>();
        for (int d = 0; d < shapes.size(); d++) {
            if (shapes.get(d) != null) indexed.add(d);
        }
        if (indexed.isEmpty()) throw OpError.of(op, "at least one index must be a tensor, but all " + shapes.size() + " are None");
        long[] broadcast = broadcast(op, shapes);
        int[] dims = indexed.stream().mapToInt(Integer::intValue).toArray();
        boolean adjacent = dims[dims.length - 1] - dims[0] == dims.length - 1;
        int[] order = new int[rank];
        if (adjacent) {
            for (int d = 0; d < rank; d++) order[d] = d;
        } else {
            int k = 0;
            for (int d : dims) order[k++] = d;
            for (int d = 0; d < rank; d++) {
                if (!indexed.contains(d)) order[k++] = d;
            }
        }
        int first = adjacent ? dims[0] : 0;
        long[] result = new long[rank - dims.length + broadcast.length];
        int k = 0;
        for (int i = 0; i < first; i++) result[k++] = selfSizes[order[i]];
        for (long b : broadcast) result[k++] = b;
        for (int i = first + dims.length; i < rank; i++) result[k++] = selfSizes[order[i]];
        return new IndexLayout(order, first, dims, broadcast, result);
    }

    /**
     * The broadcast of all index shapes; a size -1 (a mask's count, known at run time) broadcasts like 1 and
     * leaves the result unknown where nothing else fixes it.
     */
    private static long[] broadcast(String op, List<long[]> shapes) {
        long[] out = new long[0];
        for (long[] s : shapes) {
            if (s == null) continue;
            try {
                out = Shapes.broadcast(op, out, Arrays.stream(s).map(d -> d == -1 ? 1 : d).toArray());
            } catch (IllegalArgumentException e) {
                throw OpError.index(op, "shape mismatch: indexing tensors could not be broadcast together with shapes "
                        + shapes.stream().filter(x -> x != null).map(Arrays::toString).collect(Collectors.joining(", ")));
            }
        }
        for (long[] s : shapes) {
            for (int j = 0; s != null && j < s.length; j++) {
                int at = out.length - s.length + j;
                if (s[j] == -1 && out[at] == 1) out[at] = -1;
            }
        }
        return out;
    }

    /** Checks that index_put_'s values broadcast to the indexing result. */
    public void checkValues(String op, long[] valueSizes) {
        if (!IndexingChecks.broadcastsTo(valueSizes, resultSizes)) {
            throw OpError.of(op, "shape mismatch: value tensor of shape " + Shapes.format(valueSizes)
                    + " cannot be broadcast to indexing result of shape " + Shapes.format(resultSizes));
        }
    }
}
