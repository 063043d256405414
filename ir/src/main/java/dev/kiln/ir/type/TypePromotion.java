package dev.kiln.ir.type;

/**
 * PyTorch's type promotion: {@code promote_types}, {@code can_cast} and {@code result_type} with its three
 * priority groups (tensors with dimensions, zero-dimensional tensors, wrapped Python numbers).
 */
public final class TypePromotion {
    private TypePromotion() {}

    /** The default floating dtype, {@code torch.get_default_dtype()}. */
    public static final DType DEFAULT_FLOAT = DType.FLOAT32;

    /** {@code torch.promote_types(a, b)}. */
    public static DType promote(DType a, DType b) {
        if (a == b) return a;
        if (a == DType.BOOL) return b;
        if (b == DType.BOOL) return a;
        boolean af = a.isFloatingPoint(), bf = b.isFloatingPoint();
        if (af && !bf) return a;
        if (bf && !af) return b;
        if (af) {
            if (a.isReducedFloat() && b.isReducedFloat()) return DType.FLOAT32;
            return a.itemSize() >= b.itemSize() ? a : b;
        }
        if (a == DType.UINT8) return b == DType.INT8 ? DType.INT16 : b;
        if (b == DType.UINT8) return a == DType.INT8 ? DType.INT16 : a;
        return a.itemSize() >= b.itemSize() ? a : b;
    }

    /** {@code torch.can_cast(from, to)}: no floating to integral, no non-bool to bool. */
    public static boolean canCast(DType from, DType to) {
        if (from.isFloatingPoint() && to.isIntegral(true)) return false;
        return from == DType.BOOL || to != DType.BOOL;
    }

    /** The dtype a wrapped Python number of this Java type gets before promotion. */
    public static DType scalarType(Object scalar) {
        return switch (scalar) {
            case Boolean b -> DType.BOOL;
            case Double d -> DType.FLOAT64;
            case Float f -> DType.FLOAT64;
            case Number n -> DType.INT64;
            default -> throw new IllegalArgumentException("expected a number, got " + scalar.getClass().getSimpleName());
        };
    }

    /**
     * Accumulates operands like c10's ResultTypeState and combines the groups in PyTorch's order:
     * dimensioned tensors win over zero-dim tensors, which win over scalars, unless a lower group has a
     * higher category (a float scalar makes an integer tensor's result the default float dtype).
     */
    public static final class ResultType {
        private DType dim;
        private DType zeroDim;
        private DType wrapped;

        public ResultType tensor(DType dtype, int rank) {
            if (rank > 0) dim = dim == null ? dtype : promote(dim, dtype);
            else zeroDim = zeroDim == null ? dtype : promote(zeroDim, dtype);
            return this;
        }

        public ResultType scalar(Object value) {
            DType t = scalarType(value);
            if (t.isFloatingPoint()) t = DEFAULT_FLOAT;
            wrapped = wrapped == null ? t : promote(wrapped, t);
            return this;
        }

        public DType result() {
            DType r = combine(dim, combine(zeroDim, wrapped));
            if (r == null) throw new IllegalArgumentException("result_type needs at least one operand");
            return r;
        }

        private static DType combine(DType higher, DType lower) {
            if (higher == null) return lower;
            if (lower == null) return higher;
            if (higher.isFloatingPoint()) return higher;
            if (higher == DType.BOOL || lower.isFloatingPoint()) return promote(higher, lower);
            return higher;
        }
    }
}
