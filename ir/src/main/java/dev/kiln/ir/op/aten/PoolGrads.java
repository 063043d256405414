package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.Derivative.Grad;
import java.util.Arrays;

/**
 * The derivative formulas of the poolings, as PyTorch's {@code derivatives.yaml} gives them, written with catalogue
 * ops only: a pooling's input gradient is its backward op; a backward op is linear in {@code grad_output}, and its
 * gradient for it is the forward pooling of the incoming gradient (average poolings) or that gradient gathered at the
 * saved indices of the maxima (max poolings, PyTorch's {@code max_pool_double_backward}). A backward op's gradient
 * for {@code self}, whose sizes alone it reads, is zero.
 */
final class PoolGrads {
    private PoolGrads() {}

    static Object maxPool2d(Grad g) {
        return g.ops().call(PoolOps.MAX_POOL2D_WITH_INDICES_BACKWARD, g.grad(), g.arg("self"), g.arg("kernel_size"), g.arg("stride"),
                g.arg("padding"), g.arg("dilation"), g.arg("ceil_mode"), g.arg("result1"));
    }

    static Object adaptiveMaxPool2d(Grad g) {
        return g.ops().call(PoolOps.ADAPTIVE_MAX_POOL2D_BACKWARD, g.grad(), g.arg("self"), g.arg("result1"));
    }

    static Object avgPool2d(Grad g) {
        return g.ops().call(PoolOps.AVG_POOL2D_BACKWARD, g.grad(), g.arg("self"), g.arg("kernel_size"), g.arg("stride"), g.arg("padding"),
                g.arg("ceil_mode"), g.arg("count_include_pad"), g.arg("divisor_override"));
    }

    /** avg_pool2d_backward's gradient for grad_output: the same average pooling of the incoming gradient. */
    static Object avgPool2dBackward(Grad g) {
        return g.ops().call(PoolOps.AVG_POOL2D, g.grad(), g.arg("kernel_size"), g.arg("stride"), g.arg("padding"), g.arg("ceil_mode"),
                g.arg("count_include_pad"), g.arg("divisor_override"));
    }

    static Object adaptiveAvgPool2d(Grad g) {
        return g.ops().call(PoolOps.ADAPTIVE_AVG_POOL2D_BACKWARD, g.grad(), g.arg("self"));
    }

    /** _adaptive_avg_pool2d_backward's gradient for grad_output: the adaptive average pooling to grad_output's size. */
    static Object adaptiveAvgPool2dBackward(Grad g) {
        long[] out = GradOps.sizes(g, "grad_output");
        return g.ops().call(PoolOps.ADAPTIVE_AVG_POOL2D_KERNEL, g.grad(), new long[]{out[out.length - 2], out[out.length - 1]});
    }

    /** {@code max_pool_double_backward}: the incoming gradient (the input's sizes) at each output's saved index of its plane. */
    static Object atIndices(Grad g) {
        Object indices = g.arg("indices");
        long[] in = GradOps.meta(g, g.grad()).sizes(), out = GradOps.meta(g, indices).sizes();
        int lead = out.length - 2;
        Object grad = GradOps.reshape(g, g.grad(), flat(in, lead)), at = GradOps.reshape(g, indices, flat(out, lead));
        return GradOps.reshape(g, g.ops().call(IndexingOps.GATHER, grad, -1L, at, false), out);
    }

    /** {@code sizes} with the last two dims (a plane) as one. */
    private static long[] flat(long[] sizes, int lead) {
        long[] f = Arrays.copyOf(sizes, lead + 1);
        f[lead] = sizes[lead] * sizes[lead + 1];
        return f;
    }
}
