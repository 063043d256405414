package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.OpDef.declare;

import dev.kiln.ir.op.OpBuilder;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import java.util.Arrays;
import java.util.List;

/**
 * Ops that exist for {@code torch.nn} layers and are composites of other ops, as in PyTorch: {@code bilinear}
 * (an einsum of both inputs with the weight, plus the bias) and {@code dropout} (a Bernoulli mask of keep probability
 * {@code 1 - p}, scaled by {@code 1 / (1 - p)}). Autograd records the ops they expand into.
 */
public final class NnOps {
    private NnOps() {}

    private static final String BILINEAR_NAME = "aten::bilinear";
    private static final String DROPOUT_NAME = "aten::dropout";

    public static final OpDef BILINEAR = declare("bilinear(Tensor input1, Tensor input2, Tensor weight, Tensor? bias=None) -> Tensor")
            .rule(NnOps::bilinearSpec).composite(NnOps::bilinear).build();
    public static final OpDef DROPOUT = declare("dropout(Tensor input, float p, bool train) -> Tensor")
            .rule(NnOps::dropoutSpec).composite(NnOps::dropout).build();

    /** PyTorch's checks: equal ranks and batch sizes, feature sizes matching weight [out, in1, in2] and bias [out]. */
    private static TensorSpec[] bilinearSpec(Object[] a) {
        TensorMeta x1 = (TensorMeta) a[0], x2 = (TensorMeta) a[1], w = (TensorMeta) a[2], bias = (TensorMeta) a[3];
        long[] s1 = x1.sizes(), s2 = x2.sizes(), sw = w.sizes();
        if (s1.length != s2.length) {
            throw OpError.of(BILINEAR_NAME, "bilinear(): input dimensions do not match: got " + s1.length + " and " + s2.length);
        }
        if (s1.length == 0) throw OpError.of(BILINEAR_NAME, "bilinear(): expected inputs with at least one dimension, got 0");
        for (int i = 0; i < s1.length - 1; i++) {
            if (s1[i] != s2[i]) throw OpError.of(BILINEAR_NAME, "bilinear(): input batch dimensions do not match: got " + s1[i] + " and " + s2[i]);
        }
        if (sw.length != 3) throw OpError.of(BILINEAR_NAME, "bilinear(): expected a 3-D weight, got " + Shapes.format(sw));
        if (s1[s1.length - 1] != sw[1]) {
            throw OpError.of(BILINEAR_NAME, "bilinear(): input1 size does not match weight size: got " + s1[s1.length - 1] + " but expected " + sw[1]);
        }
        if (s2[s2.length - 1] != sw[2]) {
            throw OpError.of(BILINEAR_NAME, "bilinear(): input2 size does not match weight size: got " + s2[s2.length - 1] + " but expected " + sw[2]);
        }
        if (bias != null && (bias.sizes().length == 0 || bias.sizes()[0] != sw[0])) {
            throw OpError.of(BILINEAR_NAME, "bilinear(): bias size does not match weight size: got "
                    + (bias.sizes().length == 0 ? "a scalar" : bias.sizes()[0]) + " but expected " + sw[0]);
        }
        long[] out = Arrays.copyOf(s1, s1.length);
        out[out.length - 1] = sw[0];
        return new TensorSpec[]{new TensorSpec(x1.dtype(), out, x1.device())};
    }

    /** {@code y[..., o] = sum_ij x1[..., i] W[o, i, j] x2[..., j] + b[o]}. */
    private static Object bilinear(OpBuilder b, Object[] a) {
        Object y = b.call(LinalgOps.EINSUM, "...i,oij,...j->...o", List.of(a[0], a[2], a[1]), null);
        return a[3] == null ? y : b.call(PointwiseOps.ADD, y, a[3], 1L);
    }

    private static TensorSpec[] dropoutSpec(Object[] a) {
        double p = (Double) a[1];
        if (!(p >= 0 && p <= 1)) throw OpError.of(DROPOUT_NAME, "dropout probability has to be between 0 and 1, but got " + p);
        TensorMeta input = (TensorMeta) a[0];
        return new TensorSpec[]{new TensorSpec(input.dtype(), input.sizes(), input.device())};
    }

    /** The input itself when nothing is dropped, zeros times the input for p = 1, else input times mask / (1 - p). */
    private static Object dropout(OpBuilder b, Object[] a) {
        double p = (Double) a[1];
        boolean train = (Boolean) a[2];
        if (p == 0 || !train || Shapes.checkedNumel(DROPOUT_NAME, b.meta(a[0]).sizes()) == 0) return a[0];
        if (p == 1) return b.call(PointwiseOps.MUL_SCALAR, a[0], 0.0);
        Object noise = b.call(PointwiseOps.DIV_SCALAR, b.call(CreationOps.BERNOULLI_P, a[0], 1 - p, null), 1 - p);
        return b.call(PointwiseOps.MUL, a[0], noise);
    }
}
