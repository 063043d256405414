package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.TensorMeta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The derivative of {@code einsum}: each operand's gradient is itself an einsum, of the output gradient with the
 * other operands, producing the operand's labels. Ellipsis dims get letters of their own; labels only that operand
 * has are broadcast back, labels it repeats (diagonals) are put back on the diagonal through an identity mask, and
 * dims it broadcast (size 1) are summed.
 */
final class EinsumGrads {
    private EinsumGrads() {}

    private static final String OP = "aten::einsum";
    private static final int LABELS = 52;

    /** The gradients of all operands, in order. */
    @SuppressWarnings("unchecked")
    static List<Object> gradients(Grad g) {
        List<Object> operands = (List<Object>) g.arg("tensors");
        int[][] labels = labels((String) g.arg("equation"), g.metas("tensors"));
        List<Object> grads = new ArrayList<>(operands.size());
        for (int i = 0; i < operands.size(); i++) grads.add(gradient(g.ops(), g.grad(), operands, labels, i));
        return grads;
    }

    /** The gradient of operand {@code i}; {@code labels} holds the output's labels last. */
    private static Object gradient(OpBuilder b, Object grad, List<Object> operands, int[][] labels, int i) {
        int n = operands.size();
        int[] own = labels[i];
        TensorMeta meta = b.meta(operands.get(i));
        int[] unique = Arrays.stream(own).distinct().toArray();
        long[] sizes = new long[unique.length];
        boolean[] elsewhere = new boolean[unique.length];
        StringBuilder eq = new StringBuilder(letters(labels[n]));
        List<Object> inputs = new ArrayList<>(List.of(grad));
        for (int j = 0; j < n; j++) {
            if (j == i) continue;
            eq.append(',').append(letters(labels[j]));
            inputs.add(operands.get(j));
        }
        StringBuilder produced = new StringBuilder();
        for (int u = 0; u < unique.length; u++) {
            sizes[u] = meta.size(indexOf(own, unique[u]));
            for (int j = 0; j <= n && !elsewhere[u]; j++) elsewhere[u] = j != i && indexOf(labels[j], unique[u]) >= 0;
            if (elsewhere[u]) produced.append(letter(unique[u]));
        }
        Object r = b.call(LinalgOps.EINSUM, eq + "->" + produced, inputs, null);
        long[] have = b.meta(r).sizes();
        long[] shape = new long[unique.length];
        for (int u = 0, k = 0; u < unique.length; u++) {
            if (!elsewhere[u]) {
                shape[u] = 1;
                continue;
            }
            if (sizes[u] == 1 && have[k] != 1) r = b.call(ReductionOps.SUM_DIM, r, new long[]{k}, true, null);
            shape[u] = sizes[u] == 1 ? 1 : have[k];
            k++;
        }
        if (!Arrays.equals(shape, b.meta(r).sizes())) r = b.call(ShapeOps.RESHAPE, r, shape);
        if (!Arrays.equals(shape, sizes)) r = b.call(ShapeOps.EXPAND, r, sizes, false);
        return onDiagonals(b, r, own, unique, sizes, meta);
    }

    /** Places the gradient over the operand's unique labels onto the diagonals of the labels it repeats. */
    private static Object onDiagonals(OpBuilder b, Object r, int[] own, int[] unique, long[] sizes, TensorMeta meta) {
        long[] perm = new long[own.length];
        int rank = unique.length;
        for (int q = 0; q < own.length; q++) {
            int u = indexOf(unique, own[q]);
            if (indexOf(own, own[q]) == q) {
                perm[q] = u;
                continue;
            }
            long[] maskShape = new long[rank + 1];
            Arrays.fill(maskShape, 1);
            maskShape[u] = sizes[u];
            maskShape[rank] = sizes[u];
            Object eye = b.call(CreationOps.EYE, sizes[u], b.meta(r).dtype(), null, meta.device(), null);
            r = b.call(PointwiseOps.MUL, b.call(ShapeOps.UNSQUEEZE, r, (long) rank), b.call(ShapeOps.RESHAPE, eye, maskShape));
            perm[q] = rank++;
        }
        for (int q = 0; q < perm.length; q++) {
            if (perm[q] != q) return b.call(ShapeOps.PERMUTE, r, perm);
        }
        return r;
    }

    /**
     * The labels of every operand and (last) of the output, one per dim, as indices 0..51 ({@code A-Z}, {@code a-z});
     * the dims an ellipsis covers get letters the equation does not use, right-aligned as einsum broadcasts them.
     */
    static int[][] labels(String equation, List<TensorMeta> metas) {
        int n = metas.size();
        int arrow = equation.indexOf("->");
        List<List<Integer>> parsed = LinalgEinsum.parseInputs(OP, arrow < 0 ? equation : equation.substring(0, arrow), n);
        boolean[] used = new boolean[LABELS];
        int[] count = new int[LABELS];
        int ellDims = 0;
        for (int i = 0; i < n; i++) {
            for (int label : parsed.get(i)) {
                if (label == LinalgEinsum.ELLIPSIS) {
                    ellDims = Math.max(ellDims, metas.get(i).dim() - parsed.get(i).size() + 1);
                } else {
                    used[label] = true;
                    count[label]++;
                }
            }
        }
        int[] fresh = new int[ellDims];
        for (int label = 0, k = 0; k < ellDims; label++) {
            if (label == LABELS) {
                throw OpError.of(OP, "einsum(): the gradient needs a subscript of its own for each of the " + ellDims
                        + " dims covered by the ellipsis, and the equation leaves fewer free");
            }
            if (!used[label]) fresh[k++] = label;
        }
        int[][] out = new int[n + 1][];
        for (int i = 0; i < n; i++) {
            List<Integer> dims = new ArrayList<>();
            for (int label : parsed.get(i)) {
                if (label != LinalgEinsum.ELLIPSIS) dims.add(label);
                else for (int k = ellDims - (metas.get(i).dim() - parsed.get(i).size() + 1); k < ellDims; k++) dims.add(fresh[k]);
            }
            out[i] = dims.stream().mapToInt(Integer::intValue).toArray();
        }
        List<Integer> result = new ArrayList<>();
        if (arrow < 0) {
            for (int f : fresh) result.add(f);
            for (int label = 0; label < LABELS; label++) if (count[label] == 1) result.add(label);
        } else {
            String rhs = equation.substring(arrow + 2);
            for (int c = 0; c < rhs.length(); c++) {
                char ch = rhs.charAt(c);
                if (ch == '.') {
                    for (int f : fresh) result.add(f);
                    c += 2;
                } else if (ch != ' ') {
                    result.add(LinalgEinsum.subscript(OP, ch, c));
                }
            }
        }
        out[n] = result.stream().mapToInt(Integer::intValue).toArray();
        return out;
    }

    private static int indexOf(int[] a, int x) {
        for (int i = 0; i < a.length; i++) if (a[i] == x) return i;
        return -1;
    }

    private static String letters(int[] labels) {
        StringBuilder s = new StringBuilder();
        for (int l : labels) s.append(letter(l));
        return s.toString();
    }

    private static char letter(int label) { return LinalgEinsum.label(label); }
}
