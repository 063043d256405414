package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.PointwiseRule;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.Device;
import java.util.Arrays;

/** The op-specific conditions of pointwise ops, with PyTorch's wording where users know it. */
final class PointwiseChecks {
    private PointwiseChecks() {}

    /** Rejects bool tensors with {@code message}. */
    static PointwiseRule.Check noBool(String message) {
        return (op, compute, args) -> {
            if (compute == DType.BOOL) throw OpError.of(op, message);
        };
    }

    /** For ops whose kernels exist only for floating point dtypes. */
    static PointwiseRule.Check floatingOnly() {
        return (op, compute, args) -> {
            if (!compute.isFloatingPoint()) {
                throw OpError.of(op, "not implemented for '" + compute.legacyName() + "' (expected a floating point tensor)");
            }
        };
    }

    /** {@code sub} and {@code rsub}: no bool tensor operands. */
    static PointwiseRule.Check noBoolSubtraction() {
        return (op, compute, args) -> {
            boolean a = isBool(args[0]), b = isBool(args[1]);
            if (a && b) {
                throw OpError.of(op, "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
                        + "`logical_xor()` operator instead.");
            }
            if (a || b) {
                throw OpError.of(op, "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to "
                        + "invert a mask, use the `~` or `logical_not()` operator instead.");
            }
        };
    }

    private static boolean isBool(Object arg) { return arg instanceof TensorMeta t && t.dtype() == DType.BOOL; }

    /** {@code alpha} at {@code arg} must be integral when the operands are. */
    static PointwiseRule.Check integralAlpha(int arg) {
        return (op, compute, args) -> {
            if (!compute.isFloatingPoint() && args[arg] instanceof Double) {
                throw OpError.of(op, "For integral input tensors, argument alpha must not be a floating point number.");
            }
        };
    }

    /** {@code pow(int tensor, negative int)} */
    static PointwiseRule.Check noNegativeIntegerPower(int exponent) {
        return (op, compute, args) -> {
            if (args[0] instanceof TensorMeta t && t.dtype().isIntegral(true) && args[exponent] instanceof Long e && e < 0) {
                throw OpError.of(op, "Integers to negative integer powers are not allowed.");
            }
        };
    }

    /** The tensor at {@code arg} selects elements, so it must be bool (uint8 is accepted as PyTorch 1.13 still does). */
    static PointwiseRule.Check condition(int arg) {
        return (op, compute, args) -> {
            DType d = ((TensorMeta) args[arg]).dtype();
            if (d != DType.BOOL && d != DType.UINT8) {
                throw OpError.of(op, "expected a boolean condition or mask tensor, but got a tensor with dtype " + d.legacyName());
            }
        };
    }

    /** The tensor at {@code arg} must be zero-dimensional (a value to fill with). */
    static PointwiseRule.Check zeroDim(int arg) {
        return (op, compute, args) -> {
            int dim = ((TensorMeta) args[arg]).dim();
            if (dim != 0) throw OpError.of(op, "only supports a 0-dimensional value tensor, but got tensor with " + dim + " dimension(s).");
        };
    }

    /** The tensors at {@code args} must have self's dtype (no promotion: {@code lerp}). */
    static PointwiseRule.Check sameDtypeAsSelf(String... names) {
        return (op, compute, args) -> {
            DType self = ((TensorMeta) args[0]).dtype();
            for (int i = 0; i < names.length; i++) {
                if (args[i + 1] instanceof TensorMeta t && t.dtype() != self) {
                    throw OpError.of(op, "expected dtype " + self.pyName() + " for `" + names[i] + "` but got dtype " + t.dtype().pyName());
                }
            }
        };
    }

    /** Scalars at {@code scalarArgs} are converted to the compute dtype with an overflow check. */
    static PointwiseRule.Check scalarsFit(int... scalarArgs) {
        return (op, compute, args) -> {
            for (int i : scalarArgs) {
                if (args[i] != null && !(args[i] instanceof TensorMeta)) PointwiseRule.checkFits(op, compute, args[i]);
            }
        };
    }

    /** {@code clamp}: a bound must be given. */
    static PointwiseRule.Check someBound() {
        return (op, compute, args) -> {
            if (args[1] == null && args[2] == null) throw OpError.of(op, "At least one of 'min' or 'max' must not be None");
        };
    }

    /** {@code hardtanh} on uint8 rejects negative limits. */
    static PointwiseRule.Check unsignedLimits() {
        return (op, compute, args) -> {
            if (compute == DType.UINT8 && (((Number) args[1]).doubleValue() < 0 || ((Number) args[2]).doubleValue() < 0)) {
                throw OpError.of(op, "cannot do hardtanh on an unsigned type with negative limits");
            }
        };
    }

    /** The scalar at {@code arg} must not be zero. */
    static PointwiseRule.Check nonZero(int arg, String message) {
        return (op, compute, args) -> {
            if (args[arg] instanceof Number n && n.doubleValue() == 0) throw OpError.of(op, message);
        };
    }

    /** {@code softshrink}: {@code lambd >= 0}. */
    static PointwiseRule.Check nonNegativeLambda() {
        return (op, compute, args) -> {
            double l = ((Number) args[1]).doubleValue();
            if (l < 0) throw OpError.of(op, "lambda must be greater or equal to 0, but found to be " + l + ".");
        };
    }

    /** {@code addcdiv} no longer divides integers. */
    static PointwiseRule.Check noIntegerDivision() {
        return (op, compute, args) -> {
            if (((TensorMeta) args[1]).dtype().isIntegral(true) && ((TensorMeta) args[2]).dtype().isIntegral(true)) {
                throw OpError.of(op, "Integer division with addcdiv is no longer supported; use (input + value * tensor1 / tensor2) "
                        + "for a true division or (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for the historic one");
            }
        };
    }

    /** {@code copy}: the source broadcasts to self's shape. */
    static PointwiseRule.Check broadcastsToSelf(int src) {
        return (op, compute, args) -> {
            long[] self = ((TensorMeta) args[0]).sizes(), from = ((TensorMeta) args[src]).sizes();
            if (!Arrays.equals(Shapes.broadcast(op, self, from), self)) {
                throw OpError.of(op, "source of shape " + Shapes.format(from) + " cannot be broadcast to the destination's shape "
                        + Shapes.format(self));
            }
        };
    }

    /** {@code _to_copy}: eager conversion stays on the CPU with the strided layout. */
    static PointwiseRule.Check cpuStrided(int layout, int device) {
        return (op, compute, args) -> {
            if (args[layout] != null && !"strided".equals(args[layout]) && !"torch.strided".equals(args[layout])) {
                throw OpError.of(op, "only the strided layout is supported, got " + args[layout]);
            }
            if (args[device] instanceof Device d && d.isCuda()) {
                throw OpError.of(op, "copying to " + d + " is not supported by the eager CPU runtime");
            }
        };
    }
}
