package dev.kiln.autograd;

import dev.kiln.Tensor;
import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.Derivative;
import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.Lowering;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.op.aten.PointwiseOps;
import dev.kiln.ir.schema.Argument;
import dev.kiln.ir.schema.SchemaType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Autograd's part of dispatch. Before an op runs, {@link #begin} decides whether anything is to be recorded
 * (nothing, cheaply, when no argument has autograd state) and checks in-place writes; afterwards
 * {@link Recording#finish} gives the outputs their grad function, saves what the derivative reads, tracks
 * views, and for an in-place write into a view gives the base a {@link CopySlices}.
 */
public final class Recorder {
    private Recorder() {}

    /** What a recording does with the outputs: give them history, only track views, or mark inference tensors. */
    private enum Mode { RECORD, VIEWS, INFERENCE }

    /** The pending record of one op call; {@link #finish} takes the op's result and returns it. */
    public static final class Recording {
        private final OpDef op;
        private final Object[] args;
        private final Mode mode;
        private Edge[] edges;
        private TensorMeta[] metas;
        private Geometry[] geometries;
        private int[] firstEdge;
        private int[] edgeCount;
        private final Map<String, SavedTensor> saved = new HashMap<>();
        private final Map<String, List<SavedTensor>> savedLists = new HashMap<>();
        private final List<String> savedResults = new ArrayList<>();
        /** For an in-place write into a view: the base and the edge its history had before. */
        private Tensor base;
        private Edge baseEdge;

        private Recording(OpDef op, Object[] args, Mode mode) {
            this.op = op;
            this.args = args;
            this.mode = mode;
        }

        /** Records the call that produced {@code result} and returns {@code result}. */
        public Object finish(Object result) {
            List<Tensor> outputs = outputs(result);
            boolean multipleViews = op.schema().returns().getFirst().type().list();
            if (mode == Mode.VIEWS) {
                for (Tensor out : outputs) if (out != null) markViewIfShared(out, multipleViews);
                return result;
            }
            if (mode == Mode.INFERENCE) {
                for (Tensor out : outputs) {
                    if (out == null || isInput(out)) continue;
                    if (args[0] instanceof Tensor in && out.data().storage() == in.data().storage()) {
                        markViewIfShared(out, multipleViews);
                        if (Variables.isInference(in)) out.autogradMeta().inference = true;
                    } else {
                        out.autogradMetaOrCreate().inference = true;
                    }
                }
                return result;
            }
            TensorMeta[] outputMetas = new TensorMeta[outputs.size()];
            for (int i = 0; i < outputs.size(); i++) {
                Tensor o = outputs.get(i);
                if (o != null) outputMetas[i] = new TensorSpec(o.dtype(), o.sizes(), o.device());
            }
            OpNode node = new OpNode(op, Dispatcher.EAGER, scalarArgs(), firstEdge, edgeCount, edges, metas, geometries, outputMetas,
                    saved, savedLists);
            List<String> resultNames = Derivative.resultNames(op.schema());
            for (String name : savedResults) {
                int k = resultNames.indexOf(name);
                saved.put(name, SavedTensor.output(outputs.get(k), k));
            }
            if (op.schema().isMutating()) {
                Tensor self = outputs.getFirst();
                if (base != null) {
                    AutogradMeta vm = self.autogradMeta();
                    Variables.setHistory(base, new CopySlices(baseEdge, base, self.data().geometry(), node), 0);
                    vm.gradFn = null;
                    vm.viewVersion = self.data().storage().version() - 1;
                } else {
                    Variables.setHistory(self, node, 0);
                }
                return result;
            }
            for (int i = 0; i < outputs.size(); i++) {
                Tensor out = outputs.get(i);
                if (out == null || isInput(out)) continue;
                markViewIfShared(out, multipleViews);
                if (out.dtype().isFloatingPoint() && op.derivative().isOutputDifferentiable(i)) Variables.setHistory(out, node, i);
            }
            return result;
        }

        private boolean isInput(Tensor t) {
            for (Object a : args) {
                if (a == t) return true;
            }
            return false;
        }

        /**
         * An output sharing the first input's storage is a view of that input's base; it remembers whether it was
         * made in inference mode, without grad mode or as one of several views, as a view of such a view does.
         */
        private void markViewIfShared(Tensor out, boolean multipleViews) {
            if (!(args[0] instanceof Tensor in) || out == in || out.data().storage() != in.data().storage()) return;
            AutogradMeta inMeta = in.autogradMeta();
            boolean inIsView = inMeta != null && inMeta.viewBase != null;
            AutogradMeta.ViewCreation creation = GradMode.isInferenceMode() ? AutogradMeta.ViewCreation.INFERENCE
                    : !GradMode.isEnabled() ? AutogradMeta.ViewCreation.NO_GRAD
                    : multipleViews ? AutogradMeta.ViewCreation.MULTI_OUTPUT : AutogradMeta.ViewCreation.DEFAULT;
            AutogradMeta m = out.autogradMetaOrCreate();
            m.viewBase = inIsView ? inMeta.viewBase : in;
            m.viewCreation = creation == AutogradMeta.ViewCreation.DEFAULT && inIsView ? inMeta.viewCreation : creation;
            m.viewVersion = out.data().storage().version();
        }

        private Object[] scalarArgs() {
            Object[] kept = args.clone();
            for (int i = 0; i < kept.length; i++) {
                if (edgeCount[i] > 0 || kept[i] instanceof Tensor) kept[i] = null;
            }
            return kept;
        }

        private void prepare() {
            int n = 0;
            firstEdge = new int[args.length];
            edgeCount = new int[args.length];
            for (int i = 0; i < args.length; i++) {
                firstEdge[i] = n;
                if (args[i] instanceof Tensor) edgeCount[i] = 1;
                else if (args[i] instanceof List<?> l && isTensorList(i)) edgeCount[i] = l.size();
                n += edgeCount[i];
            }
            edges = new Edge[n];
            metas = new TensorMeta[n];
            geometries = new Geometry[n];
            for (int i = 0; i < args.length; i++) {
                for (int k = 0; k < edgeCount[i]; k++) {
                    Tensor t = (Tensor) (args[i] instanceof Tensor x ? x : ((List<?>) args[i]).get(k));
                    edges[firstEdge[i] + k] = t == null ? Edge.NONE : Variables.gradientEdge(t);
                    metas[firstEdge[i] + k] = t == null ? null : new TensorSpec(t.dtype(), t.sizes(), t.device());
                    geometries[firstEdge[i] + k] = t == null ? null : t.data().geometry();
                }
            }
        }

        private boolean isTensorList(int i) {
            SchemaType type = op.schema().arguments().get(i).type();
            return type.base() == SchemaType.Base.TENSOR && type.list();
        }

        private boolean needs(int arg) {
            for (int e = firstEdge[arg]; e < firstEdge[arg] + edgeCount[arg]; e++) {
                if (edges[e].isValid()) return true;
            }
            return false;
        }

        /** Saves, for each input whose gradient is wanted, the tensors its formula reads. */
        private void saveInputs(Derivative d) {
            List<String> results = Derivative.resultNames(op.schema());
            List<Argument> arguments = op.schema().arguments();
            for (Derivative.Term term : d.terms()) {
                if (!needs(op.schema().indexOf(term.input()))) continue;
                for (String use : term.uses()) {
                    if (saved.containsKey(use) || savedLists.containsKey(use) || savedResults.contains(use)) continue;
                    int at = op.schema().indexOf(use);
                    if (at < 0 && results.contains(use)) {
                        savedResults.add(use);
                        continue;
                    }
                    if (args[at] instanceof List<?> list) {
                        savedLists.put(use, saveAll(list));
                        continue;
                    }
                    if (!(args[at] instanceof Tensor t)) {
                        if (args[at] == null) continue;
                        throw new IllegalStateException(op.name() + ": a derivative may only save tensors and tensor lists, not '" + use + "'");
                    }
                    boolean overwritten = op.schema().isMutating() && arguments.get(at).type().mutable();
                    saved.put(use, SavedTensor.input(overwritten ? (Tensor) Dispatcher.call(PointwiseOps.CLONE, t, null) : t));
                }
            }
        }
    }

    /** Saves each tensor of a {@code Tensor?[]} input; its None elements stay null. */
    private static List<SavedTensor> saveAll(List<?> tensors) {
        List<SavedTensor> saved = new ArrayList<>(tensors.size());
        for (Object t : tensors) saved.add(t == null ? null : SavedTensor.input((Tensor) t));
        return saved;
    }

    /**
     * Called by the dispatcher before {@code op} runs on {@code args}; returns null when there is nothing to
     * record, which is decided without touching thread-locals when no argument has autograd state.
     */
    public static Recording begin(OpDef op, Object[] args) {
        boolean viewLike = op.lowering() instanceof Lowering.View || returnsAlias(op);
        if (!viewLike && !anyAutogradState(args) && !GradMode.inferenceMayBeOn()) return null;
        if (GradMode.isInferenceMode()) return new Recording(op, args, Mode.INFERENCE);
        Tensor self = op.schema().isMutating() && args[0] instanceof Tensor t ? t : null;
        if (self != null && Variables.isInference(self)) {
            throw new IllegalStateException("Inplace update to inference tensor outside InferenceMode is not allowed.You can make a "
                    + "clone to get a normal tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 for more "
                    + "details.");
        }
        if (!GradMode.isEnabled()) return viewLike ? new Recording(op, args, Mode.VIEWS) : null;
        boolean requires = anyRequiresGrad(args);
        if (requires && self != null) checkInplace(op, self);
        if (!requires) return viewLike ? new Recording(op, args, Mode.VIEWS) : null;
        Derivative d = op.derivative();
        if (d == null) throw OpError.of(op.name(), "the derivative for '" + op.name() + "' is not implemented");
        if (!d.isDifferentiable()) {
            if (self != null && Variables.requiresGrad(self)) {
                throw OpError.of(op.name(), "'" + op.name() + "' is not differentiable and cannot write in place into a tensor that requires grad");
            }
            return viewLike ? new Recording(op, args, Mode.VIEWS) : null;
        }
        Recording r = new Recording(op, args, Mode.RECORD);
        r.prepare();
        AutogradMeta sm = self == null ? null : self.autogradMeta();
        if (sm != null && sm.viewBase != null) {
            r.base = sm.viewBase;
            r.baseEdge = Variables.gradientEdge(sm.viewBase);
        }
        r.saveInputs(d);
        return r;
    }

    private static boolean returnsAlias(OpDef op) {
        SchemaType type = op.schema().returns().getFirst().type();
        return type.alias() != null && !type.mutable();
    }

    /**
     * PyTorch's {@code check_inplace} for a write that will be recorded: a view made without grad mode or as one of
     * several views cannot have its history rebased, and leaves that require grad (or their views) are not written.
     */
    private static void checkInplace(OpDef op, Tensor self) {
        AutogradMeta m = self.autogradMeta();
        if (m != null && m.viewBase != null) {
            if (m.viewCreation.inplaceForbidden != null) throw new IllegalStateException(rebaseError(m));
            if (Variables.requiresGrad(self) && Variables.isLeaf(m.viewBase)) {
                throw new IllegalStateException(op.name() + ": a view of a leaf Variable that requires grad is being used in an in-place operation.");
            }
        } else if (Variables.requiresGrad(self) && Variables.isLeaf(self)) {
            throw new IllegalStateException(op.name() + ": a leaf Variable that requires grad is being used in an in-place operation.");
        }
    }

    private static String rebaseError(AutogradMeta view) {
        if (view.viewCreation == AutogradMeta.ViewCreation.INFERENCE) return view.viewCreation.inplaceForbidden;
        String prefix = view.gradFn != null
                ? "Output " + view.outputNr + " of " + view.gradFn.name() + " is a view and is being modified inplace."
                : "A view was created in no_grad mode and is being modified inplace with grad mode enabled.";
        return prefix + " " + view.viewCreation.inplaceForbidden;
    }

    private static boolean anyAutogradState(Object[] args) {
        for (Object a : args) {
            if (a instanceof Tensor t) {
                if (t.autogradMeta() != null) return true;
            } else if (a instanceof List<?> l) {
                for (Object x : l) {
                    if (x instanceof Tensor t && t.autogradMeta() != null) return true;
                }
            }
        }
        return false;
    }

    private static boolean anyRequiresGrad(Object[] args) {
        for (Object a : args) {
            if (a instanceof Tensor t) {
                if (Variables.requiresGrad(t)) return true;
            } else if (a instanceof List<?> l) {
                for (Object x : l) {
                    if (x instanceof Tensor t && Variables.requiresGrad(t)) return true;
                }
            }
        }
        return false;
    }

    /** The tensor results; an undefined one (an output the op was asked not to compute) keeps its place as null. */
    private static List<Tensor> outputs(Object result) {
        if (result instanceof Tensor t) return List.of(t);
        List<Tensor> out = new ArrayList<>();
        for (Object x : (List<?>) result) {
            if (x instanceof Tensor || x == null) out.add((Tensor) x);
        }
        return out;
    }
}
