package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.ir.op.Derivative;
import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.OpCatalogue;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.schema.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backward function of one catalogue op: it runs the formulas of the op's {@link Derivative} on the
 * tensors saved in forward. Edges are one per tensor argument, a {@code Tensor[]} argument contributing one
 * per element ({@link #firstEdge} maps an argument to its first edge).
 */
final class OpNode extends Node {
    private static final Map<OpDef, String> NAMES = new ConcurrentHashMap<>();

    private final OpDef op;
    private final OpBuilder builder;
    /** The forward arguments with tensors replaced by null: scalars, lists, strings stay readable. */
    private final Object[] args;
    private final int[] firstEdge;
    private final int[] edgeCount;
    private final TensorMeta[] outputMetas;
    private final Geometry[] inputGeometries;
    private final Map<String, SavedTensor> saved;
    /** Saved {@code Tensor?[]} inputs (advanced indexing's indices), null where an element was None. */
    private final Map<String, List<SavedTensor>> savedLists;

    OpNode(OpDef op, OpBuilder builder, Object[] args, int[] firstEdge, int[] edgeCount, Edge[] edges, TensorMeta[] inputMetas,
           Geometry[] inputGeometries, TensorMeta[] outputMetas, Map<String, SavedTensor> saved,
           Map<String, List<SavedTensor>> savedLists) {
        super(edges, inputMetas);
        this.op = op.isInplace() ? op.functional() : op;
        this.builder = builder;
        this.args = args;
        this.firstEdge = firstEdge;
        this.edgeCount = edgeCount;
        this.outputMetas = outputMetas;
        this.inputGeometries = inputGeometries;
        this.saved = saved;
        this.savedLists = savedLists;
    }

    @Override
    public String name() {
        Derivative.Namer namer = op.derivative().namer();
        return namer == null ? nameFor(op) : namer.name(forwardArgs());
    }

    /** The forward call's arguments with each tensor (or tensor list) given as its metadata. */
    private Object[] forwardArgs() {
        Object[] call = args.clone();
        for (int i = 0; i < call.length; i++) {
            if (edgeCount[i] == 0) continue;
            List<TensorMeta> metas = Arrays.asList(inputMetas).subList(firstEdge[i], firstEdge[i] + edgeCount[i]);
            call[i] = op.schema().arguments().get(i).type().list() ? metas : metas.getFirst();
        }
        return call;
    }

    /** The name of the backward function of {@code op} (of its functional form for an in-place variant). */
    static String nameFor(OpDef op) { return NAMES.computeIfAbsent(op.isInplace() ? op.functional() : op, OpNode::nameOf); }

    /**
     * {@code AddBackward0}: the op's name in CamelCase and its place among the differentiable overloads of that
     * name, as PyTorch numbers the functions generated from derivatives.yaml.
     */
    private static String nameOf(OpDef op) {
        if (op.derivative().name() != null) return op.derivative().name();
        int index = 0;
        for (OpDef o : OpCatalogue.overloads(op.schema().qualifiedName())) {
            if (o == op) break;
            if (!o.isInplace() && o.derivative() != null && o.derivative().isDifferentiable()) index++;
        }
        StringBuilder sb = new StringBuilder();
        for (String part : op.schema().name().split("_")) {
            if (!part.isEmpty()) sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb + "Backward" + index;
    }

    @Override
    int numInputs() { return outputMetas.length; }

    @Override
    List<Tensor> apply(List<Tensor> gradOutputs) {
        Tensor[] out = new Tensor[nextEdges.length];
        if (gradOutputs.stream().allMatch(java.util.Objects::isNull)) return Arrays.asList(out);
        Context ctx = new Context(gradOutputs);
        Schema schema = op.schema();
        for (Derivative.Term term : op.derivative().terms()) {
            int arg = schema.indexOf(term.input());
            if (!ctx.needs(arg)) continue;
            Object grad = term.formula().apply(ctx);
            if (grad == null) continue;
            if (grad instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) out[firstEdge[arg] + i] = (Tensor) list.get(i);
            } else {
                out[firstEdge[arg]] = (Tensor) grad;
            }
        }
        return Arrays.asList(out);
    }

    @Override
    void release() {
        for (SavedTensor s : saved.values()) s.release();
        for (List<SavedTensor> list : savedLists.values()) {
            for (SavedTensor s : list) if (s != null) s.release();
        }
    }

    private final class Context implements Derivative.Grad {
        private final List<Tensor> grads;

        Context(List<Tensor> grads) { this.grads = grads; }

        @Override
        public OpBuilder ops() { return builder; }

        @Override
        public Object grad(int output) {
            Tensor g = output < grads.size() ? grads.get(output) : null;
            if (g != null) return g;
            TensorMeta m = outputMetas[output];
            return builder.call(dev.kiln.ir.op.aten.CreationOps.ZEROS, m.sizes(), m.dtype(), null, m.device(), null);
        }

        @Override
        public boolean hasGrad(int output) { return output < grads.size() && grads.get(output) != null; }

        @Override
        public Object arg(String name) {
            SavedTensor s = saved.get(name);
            if (s != null) return s.unpack(OpNode.this);
            List<SavedTensor> list = savedLists.get(name);
            if (list != null) {
                List<Tensor> tensors = new ArrayList<>(list.size());
                for (SavedTensor t : list) tensors.add(t == null ? null : t.unpack(OpNode.this));
                return tensors;
            }
            int at = op.schema().indexOf(name);
            if (at >= 0 && edgeCount[at] == 0) return args[at];
            throw new IllegalStateException("the derivative of " + op.name() + " reads '" + name + "' without declaring it in uses");
        }

        @Override
        public TensorMeta meta(String input) { return inputMetas[tensorArgument(input)]; }

        @Override
        public Geometry geometry(String input) { return inputGeometries[tensorArgument(input)]; }

        private int tensorArgument(String input) {
            int at = op.schema().indexOf(input);
            if (at < 0 || edgeCount[at] != 1) throw new IllegalArgumentException(op.name() + " has no tensor argument '" + input + "'");
            return firstEdge[at];
        }

        @Override
        public List<TensorMeta> metas(String input) {
            int at = op.schema().indexOf(input);
            if (at < 0) throw new IllegalArgumentException(op.name() + " has no argument '" + input + "'");
            return new ArrayList<>(Arrays.asList(inputMetas).subList(firstEdge[at], firstEdge[at] + edgeCount[at]));
        }

        @Override
        public boolean needs(String input) {
            int at = op.schema().indexOf(input);
            return at >= 0 && needs(at);
        }

        boolean needs(int arg) {
            for (int e = firstEdge[arg]; e < firstEdge[arg] + edgeCount[arg]; e++) {
                if (nextEdges[e].isValid()) return true;
            }
            return false;
        }
    }
}
