package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.TypePromotion;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Plans {@code einsum} the way PyTorch 1.13 computes it: parse the equation, align every operand to the dims
 * "output labels, then contracted labels" (taking diagonals for repeated labels and size-1 dims for missing
 * ones), then contract pairs left to right (or along {@code path}): dims no later operand needs are summed
 * first, the pair is multiplied with {@code mul} when nothing is contracted and with {@code bmm} otherwise.
 * The shape rule runs the plan on metadata (which yields PyTorch's dtypes and errors); the kernel executes it.
 */
public final class LinalgEinsum {
    private LinalgEinsum() {}

    private static final int LETTERS = 26;
    private static final int LABELS = 2 * LETTERS;
    static final int ELLIPSIS = LABELS;

    /**
     * How the kernel views one operand: aligned dim {@code p} has the size of operand dim {@code sources[p][0]}
     * and the sum of the strides of all {@code sources[p]} (a diagonal); an empty source list is a size-1 dim.
     */
    public record Alignment(int[][] sources) {}

    /**
     * One pairwise contraction of the working list: take operands {@code left < right} out, sum {@code leftSums} and
     * {@code rightSums} (keeping dims), multiply summing over {@code sumDims}, and put the result at the front
     * (or the back when a path was given).
     */
    public record Step(int left, int right, int[] leftSums, int[] rightSums, int[] sumDims, boolean toBack) {}

    /** The whole computation: {@code alignedDims} dims per aligned operand, of which the first {@code outDims} are the output. */
    public record Plan(Alignment[] operands, int alignedDims, int outDims, List<Step> steps, TensorSpec out) {}

    /** The dtype {@code sum} gives: integers and bool accumulate in int64. */
    public static DType sumType(DType t) { return t.isIntegral(true) ? DType.INT64 : t; }

    public static Plan plan(String op, String equation, List<? extends TensorMeta> operands, long[] path) {
        int numOps = operands.size();
        if (numOps == 0) throw OpError.of(op, "einsum(): must provide at least one operand");
        if (path != null) {
            int want = numOps == 1 ? 1 : (numOps - 1) * 2;
            if (path.length != want) {
                throw OpError.of(op, "einsum(): expected contraction path given in path parameter to have size " + want
                        + " but got " + path.length);
            }
        }
        int arrow = equation.indexOf("->");
        String lhs = arrow < 0 ? equation : equation.substring(0, arrow);
        List<List<Integer>> opLabels = parseInputs(op, lhs, numOps);

        int[] labelCount = new int[LABELS];
        int ellDims = 0;
        for (int i = 0; i < numOps; i++) {
            int ndims = operands.get(i).dim(), nlabels = opLabels.get(i).size();
            boolean hasEllipsis = false;
            for (int label : opLabels.get(i)) {
                if (label == ELLIPSIS) {
                    nlabels--;
                    hasEllipsis = true;
                    ellDims = Math.max(ellDims, ndims - nlabels);
                } else {
                    labelCount[label]++;
                }
            }
            if (hasEllipsis ? nlabels > ndims : nlabels != ndims) {
                throw OpError.of(op, "einsum(): the number of subscripts in the equation (" + nlabels
                        + (hasEllipsis ? ") is more than the number of dimensions (" : ") does not match the number of dimensions (")
                        + ndims + ") for operand " + i + (hasEllipsis ? "" : " and no ellipsis was given"));
            }
        }

        int[] permIndex = new int[LABELS];
        Arrays.fill(permIndex, -1);
        int perm = 0, ellIndex = 0;
        boolean ellInOutput = false;
        if (arrow < 0) {
            perm = ellDims;
            ellInOutput = true;
            for (int label = 0; label < LABELS; label++) {
                if (labelCount[label] == 1) permIndex[label] = perm++;
            }
        } else {
            String rhs = equation.substring(arrow + 2);
            for (int i = 0; i < rhs.length(); i++) {
                char c = rhs.charAt(i);
                if (c == ' ') continue;
                if (c == '.') {
                    if (ellInOutput) throw OpError.of(op, "einsum(): found '.' for output but an ellipsis (...) was already found");
                    if (!(i + 2 < rhs.length() && rhs.charAt(++i) == '.' && rhs.charAt(++i) == '.')) {
                        throw OpError.of(op, "einsum(): found '.' for output that is not part of any ellipsis (...)");
                    }
                    ellIndex = perm;
                    perm += ellDims;
                    ellInOutput = true;
                    continue;
                }
                int label = subscript(op, c, lhs.length() + 2 + i);
                if (labelCount[label] == 0 || permIndex[label] != -1) {
                    throw OpError.of(op, "einsum(): output subscript " + c + (permIndex[label] > -1
                            ? " appears more than once in the output" : " does not appear in the equation for any input operand"));
                }
                permIndex[label] = perm++;
            }
        }
        int outDims = perm;
        if (!ellInOutput) {
            ellIndex = perm;
            perm += ellDims;
        }
        for (int label = 0; label < LABELS; label++) {
            if (labelCount[label] > 0 && permIndex[label] == -1) permIndex[label] = perm++;
        }

        long[] labelSize = new long[LABELS];
        Arrays.fill(labelSize, 1);
        long[] ellSizes = new long[ellDims];
        Arrays.fill(ellSizes, 1);
        int[] dimCounts = new int[perm];
        Alignment[] aligned = new Alignment[numOps];
        Deque<Working> ops = new ArrayDeque<>();
        for (int i = 0; i < numOps; i++) {
            TensorMeta t = operands.get(i);
            List<Integer> labels = opLabels.get(i);
            int[][] sources = new int[perm][];
            int dim = 0, od = 0;
            for (int s : labels) {
                if (s == ELLIPSIS) {
                    int ndim = t.dim() - (labels.size() - 1);
                    for (int j = ellDims - ndim; j < ellDims; j++) {
                        long size = t.size(od);
                        if (size != 1) {
                            if (ellSizes[j] != 1 && ellSizes[j] != size) {
                                throw OpError.of(op, "einsum(): dimension " + dim + " covered by ellipsis in operand " + i + "has size "
                                        + size + " which does not broadcast with previously seen ellipsis with size " + ellSizes[j]
                                        + " for the respective dimension");
                            }
                            ellSizes[j] = size;
                            dimCounts[ellIndex + j]++;
                        }
                        sources[ellIndex + j] = new int[]{od++};
                        dim++;
                    }
                } else if (sources[permIndex[s]] == null) {
                    long size = t.size(od);
                    if (size != 1) {
                        if (labelSize[s] != 1 && labelSize[s] != size) {
                            throw OpError.of(op, "einsum(): subscript " + label(s) + " has size " + size + " for operand " + i
                                    + " which does not broadcast with previously seen size " + labelSize[s]);
                        }
                        labelSize[s] = size;
                        dimCounts[permIndex[s]]++;
                    }
                    sources[permIndex[s]] = new int[]{od++};
                    dim++;
                } else {
                    int[] prev = sources[permIndex[s]];
                    if (t.size(od) != t.size(prev[0])) {
                        throw OpError.of(op, "einsum(): subscript " + label(s) + " is repeated for operand " + i
                                + " but the sizes don't match, " + t.size(od) + " != " + t.size(prev[0]));
                    }
                    int[] more = Arrays.copyOf(prev, prev.length + 1);
                    more[prev.length] = od++;
                    sources[permIndex[s]] = more;
                }
            }
            long[] sizes = new long[perm];
            for (int p = 0; p < perm; p++) {
                if (sources[p] == null) sources[p] = new int[0];
                sizes[p] = sources[p].length == 0 ? 1 : t.size(sources[p][0]);
            }
            aligned[i] = new Alignment(sources);
            ops.addLast(new Working(sizes, t.dtype()));
        }

        List<Step> steps = new ArrayList<>();
        int at = 0;
        while (ops.size() > 1) {
            int i = 0, j = 1;
            if (path != null) {
                i = (int) path[at++];
                j = (int) path[at++];
                if (j < i) {
                    int swap = i;
                    i = j;
                    j = swap;
                }
                if (i == j || i < 0 || j >= ops.size()) {
                    throw OpError.of(op, "einsum(): invalid contraction (" + i + ", " + j + (i == j
                            ? ") cannot contract an operand with itself" : ") operand index is out of bounds"));
                }
            }
            List<Working> list = new ArrayList<>(ops);
            Working a = list.get(i), b = list.get(j);
            list.remove(j);
            list.remove(i);
            ops.clear();
            ops.addAll(list);
            List<Integer> sumDims = new ArrayList<>(), aSums = new ArrayList<>(), bSums = new ArrayList<>();
            for (int d = outDims; d < perm; d++) {
                if (a.sizes[d] != 1 && b.sizes[d] != 1) {
                    if (--dimCounts[d] == 1) {
                        sumDims.add(d);
                        dimCounts[d] = 0;
                    }
                } else if (dimCounts[d] == 1) {
                    if (a.sizes[d] != 1) {
                        aSums.add(d);
                        dimCounts[d] = 0;
                    } else if (b.sizes[d] != 1) {
                        bSums.add(d);
                        dimCounts[d] = 0;
                    }
                }
            }
            a = a.summed(aSums);
            b = b.summed(bSums);
            Working r = product(op, a, b, sumDims);
            if (path != null) ops.addLast(r);
            else ops.addFirst(r);
            steps.add(new Step(i, j, ints(aSums), ints(bSums), ints(sumDims), path != null));
        }
        Working last = ops.getFirst();
        DType dtype = perm > outDims && numOps == 1 ? sumType(last.dtype) : last.dtype;
        TensorSpec out = new TensorSpec(dtype, Arrays.copyOf(last.sizes, outDims), operands.getFirst().device());
        return new Plan(aligned, perm, outDims, List.copyOf(steps), out);
    }

    static List<List<Integer>> parseInputs(String op, String lhs, int numOps) {
        List<List<Integer>> opLabels = new ArrayList<>();
        for (int i = 0; i < numOps; i++) opLabels.add(new ArrayList<>());
        boolean ellipsis = false;
        int current = 0;
        for (int i = 0; i < lhs.length(); i++) {
            char c = lhs.charAt(i);
            switch (c) {
                case ' ' -> { }
                case '.' -> {
                    if (ellipsis) throw OpError.of(op, "einsum(): found '.' for operand " + current + " for which an ellipsis was already found");
                    if (!(i + 2 < lhs.length() && lhs.charAt(++i) == '.' && lhs.charAt(++i) == '.')) {
                        throw OpError.of(op, "einsum(): found '.' for operand " + current + " that is not part of any ellipsis");
                    }
                    opLabels.get(current).add(ELLIPSIS);
                    ellipsis = true;
                }
                case ',' -> {
                    if (++current >= numOps) throw OpError.of(op, "einsum(): fewer operands were provided than specified in the equation");
                    ellipsis = false;
                }
                default -> opLabels.get(current).add(subscript(op, c, i));
            }
        }
        if (current != numOps - 1) throw OpError.of(op, "einsum(): more operands were provided than specified in the equation");
        return opLabels;
    }

    static int subscript(String op, char c, int index) {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + LETTERS;
        throw OpError.of(op, "einsum(): invalid subscript given at index " + index + " in the equation string, subscripts must be in [a-zA-Z]");
    }

    static char label(int s) { return (char) (s < LETTERS ? 'A' + s : 'a' + s - LETTERS); }

    private static int[] ints(List<Integer> l) { return l.stream().mapToInt(Integer::intValue).toArray(); }

    /** An operand of the working list as the rule sees it: aligned sizes and dtype. */
    private record Working(long[] sizes, DType dtype) {
        Working summed(List<Integer> dims) {
            if (dims.isEmpty()) return this;
            long[] s = sizes.clone();
            for (int d : dims) s[d] = 1;
            return new Working(s, sumType(dtype));
        }
    }

    private static Working product(String op, Working a, Working b, List<Integer> sumDims) {
        long[] s = new long[a.sizes.length];
        for (int d = 0; d < s.length; d++) s[d] = a.sizes[d] == 1 ? b.sizes[d] : a.sizes[d];
        if (sumDims.isEmpty()) {
            DType t = new TypePromotion.ResultType().tensor(a.dtype, s.length).tensor(b.dtype, s.length).result();
            return new Working(s, t);
        }
        if (a.dtype != b.dtype) {
            throw OpError.of(op, "expected scalar type " + a.dtype.legacyName() + " but found " + b.dtype.legacyName());
        }
        LinalgRules.requireGemmType(op, "bmm", a.dtype);
        for (int d : sumDims) s[d] = 1;
        return new Working(s, a.dtype);
    }
}
