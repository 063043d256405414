package dev.kiln.runtime.shape;

import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.aten.ShapePads;
import dev.kiln.runtime.memory.TensorData;
import java.util.ArrayList;
import java.util.List;

/**
 * Every padding mode as block copies. Along each padded dimension the output splits into a left pad, the
 * (possibly cropped) input and a right pad; each pad is read from the input through a view: reversed strides
 * for reflect, stride 0 for replicate, a shifted window for circular. The output is the copy of every
 * combination of these pieces across the dimensions (at most 27), so corners come out right in every mode.
 */
final class Padding {
    private Padding() {}

    /** One piece along one dimension: output positions {@code [out, out+length)} read from input {@code in, in+step, ...}. */
    private record Piece(long out, long length, long in, long step) {}

    static TensorData pad(TensorData self, long[] pad, ShapePads.Mode mode, Object value) {
        long[] sizes = self.sizes();
        long[] outSizes = ShapePads.paddedSizes(sizes, pad);
        TensorData out = mode == ShapePads.Mode.CONSTANT
                ? Blocks.full(self.dtype(), outSizes, value)
                : TensorData.zeros(self.dtype(), outSizes);
        int rank = sizes.length, first = rank - pad.length / 2;
        List<List<Piece>> pieces = new ArrayList<>(rank);
        for (int d = 0; d < rank; d++) {
            List<Piece> p = d < first
                    ? List.of(new Piece(0, sizes[d], 0, 1))
                    : pieces(mode, sizes[d], outSizes[d], pad[2 * (rank - 1 - d)], pad[2 * (rank - 1 - d) + 1]);
            if (p.isEmpty()) return out;
            pieces.add(p);
        }
        int[] choice = new int[rank];
        while (true) {
            long[] srcStrides = new long[rank], dstStrides = out.strides(), lengths = new long[rank];
            long srcOffset = self.offset(), dstOffset = out.offset();
            for (int d = 0; d < rank; d++) {
                Piece p = pieces.get(d).get(choice[d]);
                lengths[d] = p.length();
                srcOffset += p.in() * self.strides()[d];
                srcStrides[d] = p.step() * self.strides()[d];
                dstOffset += p.out() * dstStrides[d];
            }
            Blocks.copy(self.withGeometry(new Geometry(lengths, srcStrides, srcOffset)),
                    out.withGeometry(new Geometry(lengths, dstStrides, dstOffset)));
            int d = rank - 1;
            while (d >= 0 && ++choice[d] == pieces.get(d).size()) choice[d--] = 0;
            if (d < 0) return out;
        }
    }

    /** The pieces of one padded dimension of input size {@code n}, output size {@code o}, pads {@code l} and {@code r}. */
    private static List<Piece> pieces(ShapePads.Mode mode, long n, long o, long l, long r) {
        List<Piece> p = new ArrayList<>(3);
        long kept = n - Math.max(0, -l) - Math.max(0, -r);
        if (kept > 0) p.add(new Piece(Math.max(0, l), kept, Math.max(0, -l), 1));
        Piece[] edges = switch (mode) {
            case CONSTANT -> new Piece[0];
            case REFLECT -> new Piece[]{new Piece(0, l, l, -1), new Piece(o - r, r, n - 2, -1)};
            case REPLICATE -> new Piece[]{new Piece(0, l, 0, 0), new Piece(o - r, r, n - 1, 0)};
            case CIRCULAR -> new Piece[]{new Piece(0, l, n + Math.min(r, 0) - l, 1), new Piece(o - r, r, Math.max(0, -l), 1)};
        };
        if (edges.length == 2 && l > 0) p.add(edges[0]);
        if (edges.length == 2 && r > 0) p.add(edges[1]);
        return p;
    }
}
