package dev.kiln.ir.op;

/**
 * The scalar primitives that pointwise ops are built from. Every backend (eager kernels, JVM code generation,
 * PTX) implements each constant through an exhaustive {@code switch}, so adding a primitive fails compilation
 * until every backend handles it. Semantics follow PyTorch's CPU kernels (C's libm for floating point):
 * <ul>
 * <li>{@link #ROUND} rounds half to even; {@link #TRUNC} keeps the sign of zero.</li>
 * <li>{@link #DIV} is true division; {@link #TRUNC_DIV} and {@link #FLOOR_DIV} round the quotient toward zero
 *     and toward negative infinity. Integer division, remainder and fmod by zero raise ZeroDivisionError.</li>
 * <li>{@link #REMAINDER} has the sign of the divisor (Python's {@code %}); {@link #FMOD} that of the dividend.</li>
 * <li>{@link #POW} follows C's {@code pow} ({@code pow(1, nan) = 1}); on integers it wraps, and a negative
 *     exponent gives 1 or -1 for a base of 1 or -1 and 0 otherwise.</li>
 * <li>{@link #MAXIMUM} and {@link #MINIMUM} propagate NaN; between equal operands ({@code -0.0} and {@code 0.0})
 *     they return the first.</li>
 * <li>{@link #SHIFT_LEFT} and {@link #SHIFT_RIGHT} shift two's complement values (arithmetic right shift).</li>
 * <li>On bool operands ({@link #definedOnBool()}) {@code ADD} and {@code MAXIMUM} are "or", {@code MUL} and
 *     {@code MINIMUM} are "and", and the bitwise ops are the logical ones.</li>
 * </ul>
 */
public enum ScalarOp {
    // unary, same kind in and out
    NEG(1, Signature.ARITH, false), ABS(1, Signature.ARITH, false),
    FLOOR(1, Signature.ARITH, false), CEIL(1, Signature.ARITH, false), ROUND(1, Signature.ARITH, false),
    TRUNC(1, Signature.ARITH, false),
    // unary, floating point only
    RECIPROCAL(1, Signature.FLOAT, false), EXP(1, Signature.FLOAT, false), EXP2(1, Signature.FLOAT, false),
    EXPM1(1, Signature.FLOAT, false), LOG(1, Signature.FLOAT, false), LOG1P(1, Signature.FLOAT, false),
    LOG2(1, Signature.FLOAT, false), LOG10(1, Signature.FLOAT, false),
    SQRT(1, Signature.FLOAT, false), RSQRT(1, Signature.FLOAT, false),
    SIN(1, Signature.FLOAT, false), COS(1, Signature.FLOAT, false), TAN(1, Signature.FLOAT, false),
    ASIN(1, Signature.FLOAT, false), ACOS(1, Signature.FLOAT, false), ATAN(1, Signature.FLOAT, false),
    SINH(1, Signature.FLOAT, false), COSH(1, Signature.FLOAT, false), TANH(1, Signature.FLOAT, false),
    ASINH(1, Signature.FLOAT, false), ACOSH(1, Signature.FLOAT, false), ATANH(1, Signature.FLOAT, false),
    SIGMOID(1, Signature.FLOAT, false), ERF(1, Signature.FLOAT, false), ERFC(1, Signature.FLOAT, false),
    // unary predicates and logic
    ISNAN(1, Signature.PREDICATE, true), ISINF(1, Signature.PREDICATE, true), ISFINITE(1, Signature.PREDICATE, true),
    LOGICAL_NOT(1, Signature.LOGICAL, true), BITWISE_NOT(1, Signature.INTEGRAL, true),
    // binary arithmetic
    ADD(2, Signature.ARITH, true), SUB(2, Signature.ARITH, false), MUL(2, Signature.ARITH, true),
    DIV(2, Signature.FLOAT, false), TRUNC_DIV(2, Signature.ARITH, false), FLOOR_DIV(2, Signature.ARITH, false),
    REMAINDER(2, Signature.ARITH, false), FMOD(2, Signature.ARITH, false), POW(2, Signature.ARITH, false),
    MAXIMUM(2, Signature.ARITH, true), MINIMUM(2, Signature.ARITH, true), ATAN2(2, Signature.FLOAT, false),
    // comparisons
    EQ(2, Signature.PREDICATE, true), NE(2, Signature.PREDICATE, true), LT(2, Signature.PREDICATE, true),
    LE(2, Signature.PREDICATE, true), GT(2, Signature.PREDICATE, true), GE(2, Signature.PREDICATE, true),
    // logic and bits
    LOGICAL_AND(2, Signature.LOGICAL, true), LOGICAL_OR(2, Signature.LOGICAL, true), LOGICAL_XOR(2, Signature.LOGICAL, true),
    BITWISE_AND(2, Signature.INTEGRAL, true), BITWISE_OR(2, Signature.INTEGRAL, true), BITWISE_XOR(2, Signature.INTEGRAL, true),
    SHIFT_LEFT(2, Signature.INTEGRAL, false), SHIFT_RIGHT(2, Signature.INTEGRAL, false),
    // select: where(cond, a, b)
    WHERE(3, Signature.SELECT, true);

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
        /** operands and result in the compute kind, which must be integral or bool */
        INTEGRAL,
        /** a bool condition, then two operands in the compute kind */
        SELECT
    }

    private final int arity;
    private final Signature signature;
    private final boolean onBool;

    ScalarOp(int arity, Signature signature, boolean onBool) {
        this.arity = arity;
        this.signature = signature;
        this.onBool = onBool;
    }

    public int arity() { return arity; }

    public Signature signature() { return signature; }

    /** Whether the primitive is defined when the compute kind is bool (PyTorch rejects the others for bool tensors). */
    public boolean definedOnBool() { return onBool; }

    /** The name used in printed expressions and generated code, e.g. {@code floor_div}. */
    public String spelling() { return name().toLowerCase(java.util.Locale.ROOT); }
}
