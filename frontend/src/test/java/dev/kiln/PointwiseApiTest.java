package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.dispatch.Dispatcher;
import dev.kiln.ir.op.OpCatalogue;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.aten.PointwiseOps;
import dev.kiln.runtime.memory.Elements;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The pointwise Java API: each method runs the aten op it names, in-place methods mutate and return self. */
class PointwiseApiTest {
    private final Tensor x = Torch.tensor(new float[][]{{-1.5f, 0.25f, 2f}, {3f, -0.5f, 0f}});
    private final Tensor y = Torch.tensor(new float[]{0.5f, -2f, 1.25f});
    private final Tensor i = Torch.tensor(new long[]{-7, 3, 12});
    private final Tensor j = Torch.tensor(new long[]{2, -5, 4});
    private final Tensor mask = Torch.tensor(new boolean[]{true, false, true});

    /** Row-major values of any tensor as doubles (bool as 0/1). */
    static double[] values(Tensor t) {
        long[] sizes = t.sizes(), strides = t.data().strides();
        double[] out = new double[(int) t.numel()];
        int[] idx = new int[sizes.length];
        for (int k = 0; k < out.length; k++) {
            long at = t.storageOffset();
            for (int d = 0; d < sizes.length; d++) at += idx[d] * strides[d];
            out[k] = Elements.getDouble(t.dtype(), t.data().storage(), (int) at);
            for (int d = sizes.length - 1; d >= 0 && ++idx[d] == sizes[d]; d--) idx[d] = 0;
        }
        return out;
    }

    /** Asserts {@code api} equals calling {@code op} by name with {@code args} and {@code kwargs}. */
    private static void same(Tensor api, String op, Map<String, ?> kwargs, Object... args) {
        Tensor ref = (Tensor) Dispatcher.callByName(op, Arrays.asList(args), kwargs);
        assertEquals(ref.dtype(), api.dtype(), op);
        assertArrayEquals(ref.shape(), api.shape(), op);
        assertArrayEquals(values(ref), values(api), 0.0, op);
    }

    private static void same(Tensor api, String op, Object... args) { same(api, op, Map.of(), args); }

    @Test
    void arithmeticMethodsRunTheirOps() {
        same(x.add(y), "add.Tensor", x, y);
        same(x.add(y, 2.5), "add.Tensor", Map.of("alpha", 2.5), x, y);
        same(i.add(3), "add.Scalar", i, 3L);
        same(i.add(2.5, 2), "add.Scalar", i, 2.5, 2L);
        same(x.sub(y, 0.5), "sub.Tensor", Map.of("alpha", 0.5), x, y);
        same(i.sub(1), "sub.Scalar", i, 1L);
        same(x.rsub(y, 2), "rsub.Tensor", Map.of("alpha", 2L), x, y);
        same(i.rsub(1), "rsub.Scalar", i, 1L);
        same(x.mul(y), "mul.Tensor", x, y);
        same(i.mul(-2), "mul.Scalar", i, -2L);
        same(i.div(j), "div.Tensor", i, j);
        same(i.div(j, "floor"), "div.Tensor_mode", Map.of("rounding_mode", "floor"), i, j);
        same(x.div(0.75, "trunc"), "div.Scalar_mode", Map.of("rounding_mode", "trunc"), x, 0.75);
        same(x.div(y, null), "div.Tensor", x, y);
        same(i.floorDivide(j), "floor_divide", i, j);
        same(i.floorDivide(-4), "floor_divide.Scalar", i, -4L);
        same(i.remainder(j), "remainder.Tensor", i, j);
        same(x.remainder(0.5), "remainder.Scalar", x, 0.5);
        same(i.fmod(j), "fmod.Tensor", i, j);
        same(x.fmod(1.5), "fmod.Scalar", x, 1.5);
        same(x.abs().pow(y), "pow.Tensor_Tensor", x.abs(), y);
        same(i.pow(3), "pow.Tensor_Scalar", i, 3L);
        same(Torch.pow(2, j.abs()), "pow.Scalar", 2L, j.abs());
        same(Torch.remainder(5, j), "remainder.Scalar_Tensor", 5L, j);
        same(x.atan2(y), "atan2", x, y);
        same(Torch.maximum(x, y), "maximum", x, y);
        same(Torch.minimum(i, j), "minimum", i, j);
        same(x.addcmul(y, x, 2), "addcmul", Map.of("value", 2L), x, y, x);
        same(x.addcdiv(y, x.add(5), 0.5), "addcdiv", Map.of("value", 0.5), x, y, x.add(5));
        same(x.lerp(y, 0.3), "lerp.Scalar", x, y, 0.3);
        same(Torch.lerp(x, y, Torch.tensor(0.75f)), "lerp.Tensor", x, y, Torch.tensor(0.75f));
    }

    @Test
    void unaryAndActivationMethodsRunTheirOps() {
        List<Object[]> unary = List.of(
                new Object[]{"neg", (UnaryOperator<Tensor>) Tensor::neg}, new Object[]{"abs", (UnaryOperator<Tensor>) Tensor::abs},
                new Object[]{"sign", (UnaryOperator<Tensor>) Tensor::sign}, new Object[]{"square", (UnaryOperator<Tensor>) Tensor::square},
                new Object[]{"floor", (UnaryOperator<Tensor>) Tensor::floor}, new Object[]{"ceil", (UnaryOperator<Tensor>) Tensor::ceil},
                new Object[]{"round", (UnaryOperator<Tensor>) Tensor::round}, new Object[]{"trunc", (UnaryOperator<Tensor>) Tensor::trunc},
                new Object[]{"frac", (UnaryOperator<Tensor>) Tensor::frac}, new Object[]{"reciprocal", (UnaryOperator<Tensor>) Tensor::reciprocal},
                new Object[]{"exp", (UnaryOperator<Tensor>) Tensor::exp}, new Object[]{"exp2", (UnaryOperator<Tensor>) Tensor::exp2},
                new Object[]{"expm1", (UnaryOperator<Tensor>) Tensor::expm1}, new Object[]{"sin", (UnaryOperator<Tensor>) Tensor::sin},
                new Object[]{"cos", (UnaryOperator<Tensor>) Tensor::cos}, new Object[]{"tan", (UnaryOperator<Tensor>) Tensor::tan},
                new Object[]{"atan", (UnaryOperator<Tensor>) Tensor::atan}, new Object[]{"sinh", (UnaryOperator<Tensor>) Tensor::sinh},
                new Object[]{"cosh", (UnaryOperator<Tensor>) Tensor::cosh}, new Object[]{"tanh", (UnaryOperator<Tensor>) Tensor::tanh},
                new Object[]{"asinh", (UnaryOperator<Tensor>) Tensor::asinh}, new Object[]{"sigmoid", (UnaryOperator<Tensor>) Tensor::sigmoid},
                new Object[]{"erf", (UnaryOperator<Tensor>) Tensor::erf}, new Object[]{"erfc", (UnaryOperator<Tensor>) Tensor::erfc},
                new Object[]{"relu", (UnaryOperator<Tensor>) Tensor::relu}, new Object[]{"relu6", (UnaryOperator<Tensor>) Tensor::relu6},
                new Object[]{"selu", (UnaryOperator<Tensor>) Tensor::selu}, new Object[]{"silu", (UnaryOperator<Tensor>) Tensor::silu},
                new Object[]{"mish", (UnaryOperator<Tensor>) Tensor::mish}, new Object[]{"hardsigmoid", (UnaryOperator<Tensor>) Tensor::hardsigmoid},
                new Object[]{"hardswish", (UnaryOperator<Tensor>) Tensor::hardswish}, new Object[]{"log_sigmoid", (UnaryOperator<Tensor>) Tensor::logSigmoid},
                new Object[]{"isnan", (UnaryOperator<Tensor>) Tensor::isnan}, new Object[]{"isinf", (UnaryOperator<Tensor>) Tensor::isinf},
                new Object[]{"isfinite", (UnaryOperator<Tensor>) Tensor::isfinite}, new Object[]{"logical_not", (UnaryOperator<Tensor>) Tensor::logicalNot});
        for (Object[] u : unary) {
            @SuppressWarnings("unchecked")
            UnaryOperator<Tensor> f = (UnaryOperator<Tensor>) u[1];
            same(f.apply(x), (String) u[0], x);
        }
        Tensor pos = x.abs().add(1);
        same(pos.log(), "log", pos);
        same(pos.log1p(), "log1p", pos);
        same(pos.log2(), "log2", pos);
        same(pos.log10(), "log10", pos);
        same(pos.sqrt(), "sqrt", pos);
        same(pos.rsqrt(), "rsqrt", pos);
        same(pos.acosh(), "acosh", pos);
        Tensor unit = x.div(4);
        same(unit.asin(), "asin", unit);
        same(unit.acos(), "acos", unit);
        same(unit.atanh(), "atanh", unit);
        same(x.round(1), "round.decimals", Map.of("decimals", 1L), x);
        same(x.leakyRelu(), "leaky_relu", x);
        same(x.leakyRelu(0.2), "leaky_relu", x, 0.2);
        same(x.elu(1.5), "elu", x, 1.5);
        same(x.celu(0.5), "celu", x, 0.5);
        same(x.gelu(), "gelu", x);
        same(x.gelu("tanh"), "gelu", Map.of("approximate", "tanh"), x);
        same(x.softplus(2, 3), "softplus", x, 2L, 3L);
        same(x.hardtanh(-0.5, 0.5), "hardtanh", x, -0.5, 0.5);
        same(x.hardshrink(1), "hardshrink", x, 1L);
        same(x.softshrink(), "softshrink", x);
        same(x.threshold(0.1, -9), "threshold", x, 0.1, -9L);
        same(x.softsign(), "div.Tensor", x, x.abs().add(1));
    }

    @Test
    void comparisonLogicAndSelectionMethodsRunTheirOps() {
        same(x.eq(y), "eq.Tensor", x, y);
        same(i.ne(3), "ne.Scalar", i, 3L);
        same(x.lt(y), "lt.Tensor", x, y);
        same(x.le(0.25), "le.Scalar", x, 0.25);
        same(i.gt(j), "gt.Tensor", i, j);
        same(i.ge(0), "ge.Scalar", i, 0L);
        same(x.logicalAnd(y), "logical_and", x, y);
        same(x.logicalOr(mask), "logical_or", x, mask);
        same(mask.logicalXor(i), "logical_xor", mask, i);
        same(i.bitwiseAnd(j), "bitwise_and.Tensor", i, j);
        same(i.bitwiseOr(6), "bitwise_or.Scalar", i, 6L);
        same(i.bitwiseXor(j), "bitwise_xor.Tensor", i, j);
        same(Torch.bitwiseAnd(12, j), "bitwise_and.Scalar_Tensor", 12L, j);
        same(Torch.bitwiseOr(1, i), "bitwise_or.Scalar_Tensor", 1L, i);
        same(Torch.bitwiseXor(3, i), "bitwise_xor.Scalar_Tensor", 3L, i);
        same(i.bitwiseNot(), "bitwise_not", i);
        same(i.bitwiseLeftShift(j.abs()), "bitwise_left_shift.Tensor", i, j.abs());
        same(i.bitwiseRightShift(1), "bitwise_right_shift.Tensor_Scalar", i, 1L);
        same(Torch.bitwiseLeftShift(1, j.abs()), "bitwise_left_shift.Scalar_Tensor", 1L, j.abs());
        same(Torch.bitwiseRightShift(64, j.abs()), "bitwise_right_shift.Scalar_Tensor", 64L, j.abs());
        same(x.clamp(-1, null), "clamp", x, -1L, null);
        same(x.clamp(null, 0.5), "clamp", x, null, 0.5);
        same(Torch.clamp(x, y.neg(), (Tensor) null), "clamp.Tensor", x, y.neg(), null);
        same(x.clampMin(0), "clamp_min", x, 0L);
        same(x.clampMax(y), "clamp_max.Tensor", x, y);
        same(x.clampMin(y), "clamp_min.Tensor", x, y);
        same(x.clampMax(1), "clamp_max", x, 1L);
        same(x.where(mask, y), "where.self", mask, x, y);
        same(x.where(mask, 7), "where.ScalarOther", mask, x, 7L);
        same(Torch.where(mask, x, y), "where.self", mask, x, y);
        same(Torch.where(mask, 2.5, i), "where.ScalarSelf", mask, 2.5, i);
        same(Torch.where(mask, 1, 0), "where.Scalar", mask, 1L, 0L);
        same(x.maskedFill(mask, -1), "masked_fill.Scalar", x, mask, -1L);
        same(i.maskedFill(mask, Torch.tensor(9.5f)), "masked_fill.Tensor", i, mask, Torch.tensor(9.5f));
    }

    @Test
    void inplaceMethodsWriteIntoSelfAndBumpTheVersionOnce() {
        List<Object[]> cases = List.of(
                new Object[]{(UnaryOperator<Tensor>) t -> t.add_(y, 2), (UnaryOperator<Tensor>) t -> t.add(y, 2)},
                new Object[]{(UnaryOperator<Tensor>) t -> t.sub_(1.5), (UnaryOperator<Tensor>) t -> t.sub(1.5)},
                new Object[]{(UnaryOperator<Tensor>) t -> t.mul_(y), (UnaryOperator<Tensor>) t -> t.mul(y)},
                new Object[]{(UnaryOperator<Tensor>) t -> t.div_(y, "floor"), (UnaryOperator<Tensor>) t -> t.div(y, "floor")},
                new Object[]{(UnaryOperator<Tensor>) t -> t.pow_(2), (UnaryOperator<Tensor>) t -> t.pow(2)},
                new Object[]{(UnaryOperator<Tensor>) Tensor::exp_, (UnaryOperator<Tensor>) Tensor::exp},
                new Object[]{(UnaryOperator<Tensor>) Tensor::relu_, (UnaryOperator<Tensor>) Tensor::relu},
                new Object[]{(UnaryOperator<Tensor>) t -> t.gelu_("tanh"), (UnaryOperator<Tensor>) t -> t.gelu("tanh")},
                new Object[]{(UnaryOperator<Tensor>) t -> t.clamp_(-1, 1), (UnaryOperator<Tensor>) t -> t.clamp(-1, 1)},
                new Object[]{(UnaryOperator<Tensor>) t -> t.round_(1), (UnaryOperator<Tensor>) t -> t.round(1)},
                new Object[]{(UnaryOperator<Tensor>) t -> t.lerp_(y, 0.5), (UnaryOperator<Tensor>) t -> t.lerp(y, 0.5)},
                new Object[]{(UnaryOperator<Tensor>) t -> t.maskedFill_(mask, 4), (UnaryOperator<Tensor>) t -> t.maskedFill(mask, 4)},
                new Object[]{(UnaryOperator<Tensor>) t -> t.addcmul_(y, y, 3), (UnaryOperator<Tensor>) t -> t.addcmul(y, y, 3)},
                new Object[]{(UnaryOperator<Tensor>) t -> t.eq_(0), (UnaryOperator<Tensor>) t -> t.eq(0).to(Torch.float32)},
                new Object[]{(UnaryOperator<Tensor>) t -> t.logicalOr_(mask), (UnaryOperator<Tensor>) t -> t.logicalOr(mask).to(Torch.float32)},
                new Object[]{(UnaryOperator<Tensor>) t -> t.fill_(3), (UnaryOperator<Tensor>) t -> t.mul(0).add(3)},
                new Object[]{(UnaryOperator<Tensor>) Tensor::zero_, (UnaryOperator<Tensor>) t -> t.mul(0)},
                new Object[]{(UnaryOperator<Tensor>) t -> t.copy_(y), (UnaryOperator<Tensor>) t -> t.mul(0).add(y)});
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            UnaryOperator<Tensor> inplace = (UnaryOperator<Tensor>) c[0], functional = (UnaryOperator<Tensor>) c[1];
            Tensor self = x.clone();
            int before = self.version();
            Tensor result = inplace.apply(self);
            assertSame(self, result);
            assertEquals(before + 1, self.version());
            assertArrayEquals(values(functional.apply(x)), values(self), 0.0);
        }
        Tensor bits = i.clone();
        assertSame(bits, bits.bitwiseAnd_(j).bitwiseOr_(1).bitwiseXor_(j).bitwiseLeftShift_(2).bitwiseRightShift_(1).bitwiseNot_());
        assertEquals(6, bits.version());
        assertThrows(IllegalArgumentException.class, () -> i.clone().exp_(), "int64 cannot hold exp's float result");
    }

    @Test
    void everyInplaceVariantIsReachable() {
        int count = 0;
        for (OpDef op : OpCatalogue.all()) {
            if (op.isInplace() && op.lowering() instanceof dev.kiln.ir.op.Lowering.Pointwise) {
                assertSame(op, PointwiseOps.inplace(op.functional()), op.name());
                count++;
            }
        }
        assertTrue(count > 100, "pointwise in-place variants: " + count);
        assertEquals("aten::pow_.Scalar", PointwiseOps.inplace(PointwiseOps.POW_TENSOR_SCALAR).name());
        assertEquals("aten::floor_divide_.Tensor", PointwiseOps.inplace(PointwiseOps.FLOOR_DIVIDE).name());
        assertEquals("aten::__ilshift__.Scalar", PointwiseOps.inplace(PointwiseOps.LSHIFT_SCALAR).name());
        assertThrows(IllegalArgumentException.class, () -> PointwiseOps.inplace(PointwiseOps.MAXIMUM));
    }

    @Test
    void toReturnsSelfForItsOwnDtypeUnlessACopyIsAsked() {
        assertSame(x, x.to(Torch.float32));
        Tensor copy = x.to(Torch.float32, true);
        assertNotSame(x.data().storage(), copy.data().storage());
        assertArrayEquals(values(x), values(copy), 0.0);
        Tensor ints = x.to(Torch.int32);
        assertEquals(Torch.int32, ints.dtype());
        assertArrayEquals(new double[]{-1, 0, 2, 3, 0, 0}, values(ints), 0.0);
    }

    @Test
    void cloneOwnsItsStorage() {
        Tensor c = x.clone();
        assertNotSame(x.data().storage(), c.data().storage());
        c.fill_(0);
        assertArrayEquals(values(Torch.tensor(new float[][]{{-1.5f, 0.25f, 2f}, {3f, -0.5f, 0f}})), values(x), 0.0);
    }

    @Test
    void badCallsNameTheOp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mask.sub(mask));
        assertTrue(e.getMessage().contains("sub") && e.getMessage().contains("logical_xor"), e.getMessage());
        ArithmeticException z = assertThrows(ArithmeticException.class, () -> i.floorDivide(Torch.tensor(new long[]{1, 0, 1})));
        assertTrue(z.getMessage().contains("ZeroDivisionError") && z.getMessage().contains("floor_divide"), z.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.div(y, "round"));
        assertTrue(e.getMessage().contains("rounding_mode") && e.getMessage().contains("'trunc'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.clamp((Number) null, null));
        assertTrue(e.getMessage().contains("clamp"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> i.pow(-1));
        assertTrue(e.getMessage().contains("negative integer powers"), e.getMessage());
        List<String> messages = new ArrayList<>();
        for (Runnable r : List.<Runnable>of(() -> x.bitwiseAnd(y), () -> i.gelu(), () -> mask.neg(), () -> mask.abs())) {
            messages.add(assertThrows(IllegalArgumentException.class, r::run).getMessage());
        }
        assertTrue(messages.stream().allMatch(m -> m.contains("not implemented for") || m.contains("bool tensor")), messages.toString());
    }
}
