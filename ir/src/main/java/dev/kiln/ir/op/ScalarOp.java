package dev.kiln.ir.op;

/**
 * The scalar primitives that pointwise ops are built from. Every backend (eager kernels, JVM code generation,
 * PTX) implements each constant through an exhaustive {@code switch}, so adding a primitive fails compilation
 * until every backend handles it.
 */
public enum ScalarOp {
    // unary, same kind in and out
    NEG(1, Signature.ARITH), ABS(1, Signature.ARITH), SIGN(1, Signature.ARITH),
    FLOOR(1, Signature.ARITH), CEIL(1, Signature.ARITH), ROUND(1, Signature.ARITH), TRUNC(1, Signature.ARITH),
    // unary, floating point only
    RECIPROCAL(1, Signature.FLOAT), EXP(1, Signature.FLOAT), EXP2(1, Signature.FLOAT), EXPM1(1, Signature.FLOAT),
    LOG(1, Signature.FLOAT), LOG1P(1, Signature.FLOAT), LOG2(1, Signature.FLOAT), LOG10(1, Signature.FLOAT),
    SQRT(1, Signature.FLOAT), RSQRT(1, Signature.FLOAT),
    SIN(1, Signature.FLOAT), COS(1, Signature.FLOAT), TAN(1, Signature.FLOAT),
    ASIN(1, Signature.FLOAT), ACOS(1, Signature.FLOAT), ATAN(1, Signature.FLOAT),
    SINH(1, Signature.FLOAT), COSH(1, Signature.FLOAT), TANH(1, Signature.FLOAT),
    ASINH(1, Signature.FLOAT), ACOSH(1, Signature.FLOAT), ATANH(1, Signature.FLOAT),
    SIGMOID(1, Signature.FLOAT), ERF(1, Signature.FLOAT), ERFC(1, Signature.FLOAT),
    // unary predicates and logic
    ISNAN(1, Signature.PREDICATE), ISINF(1, Signature.PREDICATE), ISFINITE(1, Signature.PREDICATE),
    LOGICAL_NOT(1, Signature.LOGICAL), BITWISE_NOT(1, Signature.INTEGRAL),
    // binary arithmetic
    ADD(2, Signature.ARITH), SUB(2, Signature.ARITH), MUL(2, Signature.ARITH),
    DIV(2, Signature.ARITH), TRUNC_DIV(2, Signature.ARITH), FLOOR_DIV(2, Signature.ARITH),
    REMAINDER(2, Signature.ARITH), FMOD(2, Signature.ARITH), POW(2, Signature.ARITH),
    MAXIMUM(2, Signature.ARITH), MINIMUM(2, Signature.ARITH), ATAN2(2, Signature.FLOAT),
    // comparisons
    EQ(2, Signature.PREDICATE), NE(2, Signature.PREDICATE), LT(2, Signature.PREDICATE),
    LE(2, Signature.PREDICATE), GT(2, Signature.PREDICATE), GE(2, Signature.PREDICATE),
    // logic and bits
    LOGICAL_AND(2, Signature.LOGICAL), LOGICAL_OR(2, Signature.LOGICAL), LOGICAL_XOR(2, Signature.LOGICAL),
    BITWISE_AND(2, Signature.INTEGRAL), BITWISE_OR(2, Signature.INTEGRAL), BITWISE_XOR(2, Signature.INTEGRAL),
    SHIFT_LEFT(2, Signature.INTEGRAL), SHIFT_RIGHT(2, Signature.INTEGRAL),
    // select: where(cond, a, b)
    WHERE(3, Signature.SELECT);

    /** How a primitive's operand and result kinds relate. */
    public enum Signature {
        /** operands and result in the compute kind (integers included) */
        ARITH,
        /** operands and result in the compute kind, which must be floating point */
        FLOAT,
        /** operands in the compute kind, result bool */
        PREDICATE,
        /** operands and result bool */
        LOGICAL,
        /** operands and result integral or bool */
        INTEGRAL,
        /** a bool condition, then two operands in the compute kind */
        SELECT
    }

    private final int arity;
    private final Signature signature;

    ScalarOp(int arity, Signature signature) {
        this.arity = arity;
        this.signature = signature;
    }

    public int arity() { return arity; }

    public Signature signature() { return signature; }

    /** The name used in printed expressions and generated code, e.g. {@code floor_div}. */
    public String spelling() { return name().toLowerCase(java.util.Locale.ROOT); }
}
