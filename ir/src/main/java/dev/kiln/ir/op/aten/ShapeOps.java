package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.Derivative.of;
import static dev.kiln.ir.op.Derivative.uses;
import static dev.kiln.ir.op.Derivative.wrt;
import static dev.kiln.ir.op.OpDef.declare;

import dev.kiln.ir.op.Derivative;
import dev.kiln.ir.op.Derivative.Grad;
import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.op.Lowering;
import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.OpCatalogue;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.schema.Argument;
import dev.kiln.ir.schema.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Views, reshaping, joining and splitting, and other data-movement ops. Views are pure functions from the
 * input geometry to output geometries ({@link ViewShapes}, {@link ViewSlices}); copies are library kernels or
 * decompositions into other ops of this family. Each op declares its derivative ({@link ShapeGrads},
 * {@link ShapePadGrads}), with PyTorch's backward-function name where it differs from the derived one; the
 * backward ops those derivatives call are declared in {@link ShapeBackwardOps}.
 */
public final class ShapeOps {
    private ShapeOps() {}

    // ---- views of all elements ----

    public static final OpDef VIEW = view("view(Tensor(a) self, SymInt[] size) -> Tensor(a)",
            (op, g, a) -> ViewShapes.view(op, g, (long[]) a[1]), ofSelf(ShapeGrads::reshapeBack));
    public static final OpDef VIEW_AS = view("view_as(Tensor(a) self, Tensor other) -> Tensor(a)",
            (op, g, a) -> ViewShapes.view(op, g, ((TensorMeta) a[1]).sizes()), ofSelf(ShapeGrads::reshapeBack).named("ViewBackward0"));
    public static final OpDef ALIAS = view("alias(Tensor(a) self) -> Tensor(a)", (op, g, a) -> g, ofSelf(Grad::grad));
    public static final OpDef EXPAND = view("expand(Tensor(a) self, SymInt[] size, *, bool implicit=False) -> Tensor(a)",
            (op, g, a) -> ViewShapes.expand(op, g, (long[]) a[1]), ofSelf(ShapeGrads::sumBack));
    public static final OpDef EXPAND_AS = view("expand_as(Tensor(a) self, Tensor other) -> Tensor(a)",
            (op, g, a) -> ViewShapes.expand(op, g, ((TensorMeta) a[1]).sizes()), ofSelf(ShapeGrads::sumBack).named("ExpandBackward0"));
    public static final OpDef PERMUTE = view("permute(Tensor(a) self, int[] dims) -> Tensor(a)",
            (op, g, a) -> ViewShapes.permute(op, g, (long[]) a[1]), ofSelf(ShapeGrads::permuteBack));
    public static final OpDef TRANSPOSE = view("transpose.int(Tensor(a) self, int dim0, int dim1) -> Tensor(a)",
            (op, g, a) -> ViewShapes.transpose(op, g, (Long) a[1], (Long) a[2]), ofSelf(ShapeGrads.transposeBack("dim0", "dim1")));
    public static final OpDef SWAPAXES = view("swapaxes(Tensor(a) self, int axis0, int axis1) -> Tensor(a)",
            (op, g, a) -> ViewShapes.transpose(op, g, (Long) a[1], (Long) a[2]),
            ofSelf(ShapeGrads.transposeBack("axis0", "axis1")).named("TransposeBackward0"));
    public static final OpDef T = view("t(Tensor(a) self) -> Tensor(a)", (op, g, a) -> ViewShapes.t(op, g), ofSelf(ShapeGrads::tBack));
    public static final OpDef MOVEDIM_INTLIST = view("movedim.intlist(Tensor(a) self, int[] source, int[] destination) -> Tensor(a)",
            (op, g, a) -> ViewShapes.movedim(op, g, (long[]) a[1], (long[]) a[2]), movedimBack());
    public static final OpDef MOVEDIM = view("movedim.int(Tensor(a) self, int source, int destination) -> Tensor(a)",
            (op, g, a) -> ViewShapes.movedim(op, g, new long[]{(Long) a[1]}, new long[]{(Long) a[2]}), movedimBack());
    public static final OpDef MOVEAXIS_INTLIST = view("moveaxis.intlist(Tensor(a) self, int[] source, int[] destination) -> Tensor(a)",
            (op, g, a) -> ViewShapes.movedim(op, g, (long[]) a[1], (long[]) a[2]), movedimBack());
    public static final OpDef MOVEAXIS = view("moveaxis.int(Tensor(a) self, int source, int destination) -> Tensor(a)",
            (op, g, a) -> ViewShapes.movedim(op, g, new long[]{(Long) a[1]}, new long[]{(Long) a[2]}), movedimBack());
    public static final OpDef SQUEEZE = view("squeeze(Tensor(a) self) -> Tensor(a)", (op, g, a) -> ViewShapes.squeeze(g),
            ofSelf(ShapeGrads::squeezeBack));
    public static final OpDef SQUEEZE_DIM = view("squeeze.dim(Tensor(a) self, int dim) -> Tensor(a)",
            (op, g, a) -> ViewShapes.squeeze(op, g, (Long) a[1]), ofSelf(ShapeGrads::squeezeDimBack));
    public static final OpDef UNSQUEEZE = view("unsqueeze(Tensor(a) self, int dim) -> Tensor(a)",
            (op, g, a) -> ViewShapes.unsqueeze(op, g, (Long) a[1]), ofSelf(ShapeGrads::unsqueezeBack));
    public static final OpDef UNFLATTEN = view("unflatten.int(Tensor(a) self, int dim, int[] sizes) -> Tensor(a)",
            (op, g, a) -> ViewShapes.unflatten(op, g, (Long) a[1], (long[]) a[2]), ofSelf(ShapeGrads::reshapeBack).named("ViewBackward0"));

    // ---- views of part of the elements ----

    public static final OpDef NARROW = view("narrow(Tensor(a) self, int dim, int start, int length) -> Tensor(a)",
            (op, g, a) -> ViewSlices.narrow(op, g, (Long) a[1], (Long) a[2], (Long) a[3]),
            ofSelf(ShapeGrads::narrowBack).named("SliceBackward0"));
    public static final OpDef SELECT = view("select.int(Tensor(a) self, int dim, int index) -> Tensor(a)",
            (op, g, a) -> ViewSlices.select(op, g, (Long) a[1], (Long) a[2]), ofSelf(ShapeGrads::selectBack));
    public static final OpDef SLICE = view(
            "slice.Tensor(Tensor(a) self, int dim=0, SymInt? start=None, SymInt? end=None, SymInt step=1) -> Tensor(a)",
            (op, g, a) -> ViewSlices.slice(op, g, (Long) a[1], (Long) a[2], (Long) a[3], (Long) a[4]), ofSelf(ShapeGrads::sliceBack));
    public static final OpDef UNFOLD = view("unfold(Tensor(a) self, int dimension, int size, int step) -> Tensor(a)",
            (op, g, a) -> ViewSlices.unfold(op, g, (Long) a[1], (Long) a[2], (Long) a[3]), ofSelf(ShapeGrads::unfoldBack));
    public static final OpDef DIAGONAL = view("diagonal(Tensor(a) self, int offset=0, int dim1=0, int dim2=1) -> Tensor(a)",
            (op, g, a) -> ViewSlices.diagonal(op, g, (Long) a[1], (Long) a[2], (Long) a[3]), ofSelf(ShapeGrads::diagonalBack));
    public static final OpDef SPLIT = views("split.Tensor(Tensor(a -> *) self, int split_size, int dim=0) -> Tensor(a)[]",
            (op, g, a) -> ViewSlices.split(op, g, (Long) a[1], (Long) a[2]), null);
    public static final OpDef SPLIT_SIZES = views("split.sizes(Tensor(a -> *) self, int[] split_size, int dim=0) -> Tensor(a)[]",
            (op, g, a) -> ViewSlices.splitWithSizes(op, g, (long[]) a[1], (Long) a[2]), "SplitWithSizesBackward0");
    public static final OpDef SPLIT_WITH_SIZES = views(
            "split_with_sizes(Tensor(a -> *) self, int[] split_sizes, int dim=0) -> Tensor(a)[]",
            (op, g, a) -> ViewSlices.splitWithSizes(op, g, (long[]) a[1], (Long) a[2]), null);
    public static final OpDef CHUNK = views("chunk(Tensor(a -> *) self, int chunks, int dim=0) -> Tensor(a)[]",
            (op, g, a) -> ViewSlices.chunk(op, g, (Long) a[1], (Long) a[2]), "SplitBackward0");
    public static final OpDef TENSOR_SPLIT = views(
            "tensor_split.sections(Tensor(a -> *) self, int sections, int dim=0) -> Tensor(a)[]",
            (op, g, a) -> ViewSlices.tensorSplit(op, g, (long) (Long) a[1], (Long) a[2]), "SliceBackward0");
    public static final OpDef TENSOR_SPLIT_INDICES = views(
            "tensor_split.indices(Tensor(a -> *) self, int[] indices, int dim=0) -> Tensor(a)[]",
            (op, g, a) -> ViewSlices.tensorSplit(op, g, (long[]) a[1], (Long) a[2]), "SliceBackward0");
    public static final OpDef UNBIND = views("unbind.int(Tensor(a -> *) self, int dim=0) -> Tensor(a)[]",
            (op, g, a) -> ViewSlices.unbind(op, g, (Long) a[1]), null);

    // ---- reshaping: a view where the strides allow one, else a copy ----

    public static final OpDef RESHAPE = library("reshape(Tensor(a) self, SymInt[] shape) -> Tensor(a)",
            (op, a) -> same(a, ViewShapes.inferSize(op, (long[]) a[1], self(a).numel())),
            ofSelf(ShapeGrads::reshapeBack).named("ReshapeAliasBackward0"));
    public static final OpDef FLATTEN = composite("flatten.using_ints(Tensor(a) self, int start_dim=0, int end_dim=-1) -> Tensor(a)",
            (op, a) -> same(a, ViewShapes.flattenShape(op, self(a).sizes(), (Long) a[1], (Long) a[2])),
            (op, b, a) -> {
                long[] sizes = b.meta(a[0]).sizes();
                long[] shape = ViewShapes.flattenShape(op, sizes, (Long) a[1], (Long) a[2]);
                return shape.length == sizes.length && sizes.length > 0 ? a[0] : b.call(ShapeOps.RESHAPE, a[0], shape);
            });
    public static final OpDef RESHAPE_ALIAS = library("_reshape_alias(Tensor(a) self, SymInt[] size, SymInt[] stride) -> Tensor(a)",
            (op, a) -> same(a, ViewShapes.asStrided(op, (long[]) a[1], (long[]) a[2], 0L).sizes()), ofSelf(ShapeGrads::reshapeBack));
    public static final OpDef AS_STRIDED = library(
            "as_strided(Tensor(a) self, SymInt[] size, SymInt[] stride, SymInt? storage_offset=None) -> Tensor(a)",
            (op, a) -> same(a, ViewShapes.asStrided(op, (long[]) a[1], (long[]) a[2], (Long) a[3]).sizes()),
            ofSelf(ShapeGrads::asStridedBack));
    public static final OpDef CONTIGUOUS = library(
            "contiguous(Tensor(a) self, *, MemoryFormat memory_format=contiguous_format) -> Tensor(a)",
            (op, a) -> {
                ViewShapes.memoryFormatStrides(op, self(a).sizes(), (String) a[1]);
                return same(a, self(a).sizes());
            }, ofSelf(Grad::grad).named("CloneBackward0"));

    // ---- joining ----

    public static final OpDef CAT = library("cat(Tensor[] tensors, int dim=0) -> Tensor",
            (op, a) -> join(ShapeJoins.cat(op, metas(a[0]), (Long) a[1]), metas(a[0])),
            of(wrt("tensors", ShapeGrads::catBack)));
    public static final OpDef STACK = composite("stack(Tensor[] tensors, int dim=0) -> Tensor",
            (op, a) -> join(ShapeJoins.stack(op, metas(a[0]), (Long) a[1]), metas(a[0])),
            (op, b, a) -> {
                List<?> tensors = (List<?>) a[0];
                long dim = ShapeJoins.stack(op, metas(b, tensors), (Long) a[1]).dim();
                List<Object> parts = new ArrayList<>(tensors.size());
                for (Object t : tensors) parts.add(b.call(ShapeOps.UNSQUEEZE, t, dim));
                return b.call(ShapeOps.CAT, parts, dim);
            }, of(wrt("tensors", ShapeGrads::stackBack)));
    public static final OpDef HSTACK = stacking("hstack(Tensor[] tensors) -> Tensor", ShapeJoins.Stacking.HSTACK);
    public static final OpDef VSTACK = stacking("vstack(Tensor[] tensors) -> Tensor", ShapeJoins.Stacking.VSTACK);
    public static final OpDef DSTACK = stacking("dstack(Tensor[] tensors) -> Tensor", ShapeJoins.Stacking.DSTACK);

    // ---- rearranging copies ----

    public static final OpDef FLIP = library("flip(Tensor self, int[] dims) -> Tensor", (op, a) -> {
        ShapeRepeats.flipDims(op, self(a).dim(), (long[]) a[1]);
        return same(a, self(a).sizes());
    }, ofSelf(ShapeGrads::flipBack));
    public static final OpDef ROLL = library("roll(Tensor self, int[1] shifts, int[1] dims=[]) -> Tensor", (op, a) -> {
        ShapeRepeats.rollShifts(op, self(a).sizes(), (long[]) a[1], (long[]) a[2]);
        return same(a, self(a).sizes());
    }, ofSelf(ShapeGrads::rollBack));
    public static final OpDef REPEAT = library("repeat(Tensor self, SymInt[] repeats) -> Tensor",
            (op, a) -> same(a, ShapeRepeats.repeatSizes(op, self(a).sizes(), (long[]) a[1])), ofSelf(ShapeGrads::repeatBack));
    public static final OpDef TILE = composite("tile(Tensor self, int[] dims) -> Tensor",
            (op, a) -> same(a, ShapeRepeats.repeatSizes(op, self(a).sizes(), ShapeRepeats.tileRepeats(self(a).dim(), (long[]) a[1]))),
            (op, b, a) -> b.call(ShapeOps.REPEAT, a[0], ShapeRepeats.tileRepeats(b.meta(a[0]).dim(), (long[]) a[1])));
    public static final OpDef REPEAT_INTERLEAVE_INDICES = library(
            "repeat_interleave.Tensor(Tensor repeats, *, int? output_size=None) -> Tensor", (op, a) -> {
                TensorMeta repeats = self(a);
                ShapeRepeats.checkRepeatsDType(op, repeats.dtype());
                if (repeats.dim() != 1) throw OpError.of(op, "repeat_interleave only accept 1D vector as repeat");
                return same(a, new long[]{a[1] == null ? -1 : (Long) a[1]});
            }, Derivative.none());
    public static final OpDef REPEAT_INTERLEAVE_TENSOR = library(
            "repeat_interleave.self_Tensor(Tensor self, Tensor repeats, int? dim=None, *, int? output_size=None) -> Tensor",
            (op, a) -> {
                long[] sizes = self(a).sizes();
                long[] in = a[2] == null ? new long[]{self(a).numel()} : sizes.clone();
                int d = ShapeRepeats.interleaveDim(op, sizes.length, (Long) a[2]);
                ShapeRepeats.checkRepeatsTensor(op, (TensorMeta) a[1], in[d]);
                in[d] = a[3] == null ? -1 : (Long) a[3];
                return same(a, in);
            }, of(wrt("self", uses("repeats"), ShapeGrads::interleaveTensorBack)).named("IndexSelectBackward0"));
    public static final OpDef REPEAT_INTERLEAVE = library(
            "repeat_interleave.self_int(Tensor self, int repeats, int? dim=None, *, int? output_size=None) -> Tensor",
            (op, a) -> same(a, ShapeRepeats.interleaveSizes(op, self(a).sizes(), (Long) a[1], (Long) a[2], (Long) a[3])),
            ofSelf(ShapeGrads::interleaveBack).named("IndexSelectBackward0"));
    public static final OpDef TRIL = triangle("tril(Tensor self, int diagonal=0) -> Tensor", true);
    public static final OpDef TRIL_ = OpCatalogue.lookup("aten::tril_").orElseThrow();
    public static final OpDef TRIU = triangle("triu(Tensor self, int diagonal=0) -> Tensor", false);
    public static final OpDef TRIU_ = OpCatalogue.lookup("aten::triu_").orElseThrow();

    // ---- padding ----

    public static final OpDef CONSTANT_PAD_ND = library("constant_pad_nd(Tensor self, int[] pad, Scalar value=0) -> Tensor",
            (op, a) -> same(a, ShapePads.constantSizes(op, self(a).sizes(), (long[]) a[1])), ofSelf(ShapePadGrads::constantPadBack));
    public static final OpDef REFLECTION_PAD1D = edgePad("reflection_pad1d(Tensor self, int[2] padding) -> Tensor", 1, ShapePads.Mode.REFLECT,
            ShapeBackwardOps.REFLECTION_PAD1D_BACKWARD);
    public static final OpDef REFLECTION_PAD2D = edgePad("reflection_pad2d(Tensor self, int[4] padding) -> Tensor", 2, ShapePads.Mode.REFLECT,
            ShapeBackwardOps.REFLECTION_PAD2D_BACKWARD);
    public static final OpDef REFLECTION_PAD3D = edgePad("reflection_pad3d(Tensor self, int[6] padding) -> Tensor", 3, ShapePads.Mode.REFLECT,
            ShapeBackwardOps.REFLECTION_PAD3D_BACKWARD);
    public static final OpDef REPLICATION_PAD1D = edgePad("replication_pad1d(Tensor self, int[2] padding) -> Tensor", 1,
            ShapePads.Mode.REPLICATE, ShapeBackwardOps.REPLICATION_PAD1D_BACKWARD);
    public static final OpDef REPLICATION_PAD2D = edgePad("replication_pad2d(Tensor self, int[4] padding) -> Tensor", 2,
            ShapePads.Mode.REPLICATE, ShapeBackwardOps.REPLICATION_PAD2D_BACKWARD);
    public static final OpDef REPLICATION_PAD3D = edgePad("replication_pad3d(Tensor self, int[6] padding) -> Tensor", 3,
            ShapePads.Mode.REPLICATE, ShapeBackwardOps.REPLICATION_PAD3D_BACKWARD);
    public static final OpDef PAD_CIRCULAR = library("_pad_circular(Tensor self, int[] pad) -> Tensor",
            (op, a) -> same(a, ShapePads.circularSizes(op, self(a).sizes(), (long[]) a[1])),
            ofSelf(ShapePadGrads::circularPadBack).named("CopySlices"));
    public static final OpDef PAD = composite("pad(Tensor self, int[] pad, str mode=\"constant\", float? value=None) -> Tensor",
            (op, a) -> padTarget(op, self(a), a).infer(padArgs(a)),
            (op, b, a) -> b.call(padTarget(op, b.meta(a[0]), a), padArgs(a)));

    // ---- declaration helpers ----

    @FunctionalInterface
    private interface View1 {
        Geometry apply(String op, Geometry input, Object[] args);
    }

    @FunctionalInterface
    private interface ViewN {
        Geometry[] apply(String op, Geometry input, Object[] args);
    }

    @FunctionalInterface
    private interface Rule {
        TensorSpec[] infer(String op, Object[] args);
    }

    @FunctionalInterface
    private interface Expansion {
        Object expand(String op, OpBuilder builder, Object[] args);
    }

    private static String name(String schema) { return Schema.parse(schema).fullName(); }

    /** The derivative of an op whose only differentiable input is {@code self}. */
    private static Derivative ofSelf(Derivative.Formula formula) { return of(wrt("self", formula)); }

    /** movedim and moveaxis are permutes in PyTorch. */
    private static Derivative movedimBack() { return ofSelf(ShapeGrads::movedimBack).named("PermuteBackward0"); }

    private static OpDef view(String schema, View1 fn, Derivative derivative) {
        String op = name(schema);
        return viewOp(schema, (g, a) -> new Geometry[]{fn.apply(op, g, a)}, derivative);
    }

    /**
     * A view returning several pieces: its gradient joins the pieces' gradients back, by cat, or by stack when the
     * pieces lost the dim (unbind); {@code backwardName} where PyTorch's name differs from the derived one.
     */
    private static OpDef views(String schema, ViewN fn, String backwardName) {
        Schema s = Schema.parse(schema);
        String op = s.fullName();
        List<String> names = s.arguments().stream().map(Argument::name).toList();
        Derivative d = ofSelf(g -> {
            Object[] args = new Object[names.size()];
            args[0] = g.meta("self");
            for (int i = 1; i < args.length; i++) args[i] = g.arg(names.get(i));
            long[] sizes = GradOps.sizes(g, "self");
            Geometry[] pieces = fn.apply(op, Geometry.contiguous(sizes), args);
            return ShapeGrads.joinPieces(g, pieces.length, pieces.length > 0 && pieces[0].dim() < sizes.length);
        });
        return viewOp(schema, (g, a) -> fn.apply(op, g, a), backwardName == null ? d : d.named(backwardName));
    }

    /** A view's rule runs its geometry function on a contiguous layout of the input's sizes. */
    private static OpDef viewOp(String schema, Lowering.ViewFunction f, Derivative derivative) {
        return declare(schema).rule(a -> {
            Geometry[] gs = f.apply(Geometry.contiguous(self(a).sizes()), a);
            TensorSpec[] specs = new TensorSpec[gs.length];
            for (int i = 0; i < gs.length; i++) specs[i] = same(a, gs[i].sizes())[0];
            return specs;
        }).view(f).derivative(derivative).build();
    }

    private static OpDef library(String schema, Rule rule, Derivative derivative) {
        String op = name(schema);
        return declare(schema).rule(a -> rule.infer(op, a)).library().derivative(derivative).build();
    }

    private static OpDef composite(String schema, Rule rule, Expansion expansion) { return composite(schema, rule, expansion, null); }

    /** A decomposition; with a derivative, autograd records it as one node (PyTorch's name for it) instead of its parts. */
    private static OpDef composite(String schema, Rule rule, Expansion expansion, Derivative derivative) {
        String op = name(schema);
        return declare(schema).rule(a -> rule.infer(op, a)).composite((b, a) -> expansion.expand(op, b, a)).derivative(derivative).build();
    }

    private static OpDef triangle(String schema, boolean lower) {
        String op = name(schema);
        return declare(schema).rule(a -> {
            ShapeRepeats.checkTriangle(op, self(a).dim());
            return same(a, self(a).sizes());
        }).library().derivative(ofSelf(ShapeGrads.triangleBack(lower))).withInplace().build();
    }

    /** Reflection and replication padding; the gradient is PyTorch's {@code <op>_backward}, declared in {@link ShapeBackwardOps}. */
    private static OpDef edgePad(String schema, int spatial, ShapePads.Mode mode, OpDef backward) {
        String pyName = Schema.parse(schema).name();
        String kernel = pyName + (mode == ShapePads.Mode.REFLECT && spatial < 3 ? "" : "_cpu");
        Derivative d = of(wrt("self", uses("self"), g -> g.ops().call(backward, g.grad(), g.arg("self"), g.arg("padding"))))
                .named(ShapeBackwardOps.padFunctionName(pyName, "Backward0"));
        return library(schema, (op, a) -> same(a, ShapePads.edgeSizes(op, kernel, self(a), (long[]) a[1], spatial, mode)), d);
    }

    /** hstack, vstack, dstack: each input raised to the stacking's rank (a view), then concatenated. */
    private static OpDef stacking(String schema, ShapeJoins.Stacking kind) {
        String pyName = Schema.parse(schema).name();
        return composite(schema, (op, a) -> {
            List<TensorMeta> raised = raised(op, pyName, metas(a[0]), kind);
            return join(ShapeJoins.cat(op, raised, kind.joinDim(raised.getFirst())), raised);
        }, (op, b, a) -> {
            List<?> tensors = (List<?>) a[0];
            List<Object> parts = new ArrayList<>(tensors.size());
            for (Object t : tensors) {
                long[] sizes = b.meta(t).sizes();
                long[] target = ShapeJoins.atLeastSizes(sizes, kind.rank());
                parts.add(Arrays.equals(sizes, target) ? t : b.call(ShapeOps.VIEW, t, target));
            }
            return b.call(ShapeOps.CAT, parts, (long) kind.joinDim(b.meta(parts.getFirst())));
        });
    }

    private static List<TensorMeta> raised(String op, String pyName, List<TensorMeta> tensors, ShapeJoins.Stacking kind) {
        ShapeJoins.checkStacking(op, pyName, tensors);
        List<TensorMeta> out = new ArrayList<>(tensors.size());
        for (TensorMeta t : tensors) out.add(new TensorSpec(t.dtype(), ShapeJoins.atLeastSizes(t.sizes(), kind.rank()), t.device()));
        return out;
    }

    private static OpDef padTarget(String op, TensorMeta self, Object[] a) {
        ShapePads.Route r = ShapePads.route(op, self, (long[]) a[1], (String) a[2], (Double) a[3]);
        return switch (r.mode()) {
            case CONSTANT -> CONSTANT_PAD_ND;
            case CIRCULAR -> PAD_CIRCULAR;
            case REFLECT -> r.spatial() == 1 ? REFLECTION_PAD1D : r.spatial() == 2 ? REFLECTION_PAD2D : REFLECTION_PAD3D;
            case REPLICATE -> r.spatial() == 1 ? REPLICATION_PAD1D : r.spatial() == 2 ? REPLICATION_PAD2D : REPLICATION_PAD3D;
        };
    }

    /** The arguments pad passes on: constant_pad_nd also takes the fill value (0 when None). */
    private static Object[] padArgs(Object[] a) {
        return "constant".equals(a[2]) ? new Object[]{a[0], a[1], a[3] == null ? 0.0 : a[3]} : new Object[]{a[0], a[1]};
    }

    private static TensorMeta self(Object[] a) { return (TensorMeta) a[0]; }

    /** A result with the input's dtype and device and the given sizes. */
    private static TensorSpec[] same(Object[] a, long[] sizes) {
        TensorMeta self = self(a);
        return new TensorSpec[]{new TensorSpec(self.dtype(), sizes, self.device())};
    }

    private static TensorSpec[] join(ShapeJoins.Join j, List<TensorMeta> tensors) {
        return new TensorSpec[]{new TensorSpec(j.dtype(), j.sizes(), tensors.getFirst().device())};
    }

    @SuppressWarnings("unchecked")
    private static List<TensorMeta> metas(Object list) { return (List<TensorMeta>) list; }

    private static List<TensorMeta> metas(OpBuilder b, List<?> values) {
        List<TensorMeta> out = new ArrayList<>(values.size());
        for (Object v : values) out.add(b.meta(v));
        return out;
    }
}
