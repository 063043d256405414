package dev.kiln.runtime.vecmath;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each function against StrictMath over a dense sweep of its whole range plus special values: at most 2 ulp
 * (sigmoid, a quotient built on exp rather than a library function, 2.5).
 */
class AccuracyTest {
    private static final double LIMIT = 2;
    private static final float[] X = Sweep.floats(1021);
    private static final double[] XD = Sweep.doubles((1L << 44) + 7);

    record F1(String name, UnaryOperator<FloatVector> f, DoubleUnaryOperator ref) {}

    record F2(String name, BinaryOperator<FloatVector> f, DoubleBinaryOperator ref) {}

    record D1(String name, UnaryOperator<DoubleVector> f, DoubleUnaryOperator ref) {}

    record D2(String name, BinaryOperator<DoubleVector> f, DoubleBinaryOperator ref) {}

    static final List<F1> FLOAT = List.of(
            new F1("exp", FloatMath::exp, StrictMath::exp),
            new F1("expm1", FloatMath::expm1, StrictMath::expm1),
            new F1("log", FloatMath::log, StrictMath::log),
            new F1("log10", FloatMath::log10, StrictMath::log10),
            new F1("log1p", FloatMath::log1p, StrictMath::log1p),
            new F1("tanh", FloatMath::tanh, StrictMath::tanh),
            new F1("sinh", FloatMath::sinh, StrictMath::sinh),
            new F1("cosh", FloatMath::cosh, StrictMath::cosh),
            new F1("sigmoid", FloatMath::sigmoid, x -> 1 / (1 + StrictMath.exp(-x))),
            new F1("sin", FloatMath::sin, StrictMath::sin),
            new F1("cos", FloatMath::cos, StrictMath::cos),
            new F1("sin/double", FloatViaDouble::sin, StrictMath::sin),
            new F1("cos/double", FloatViaDouble::cos, StrictMath::cos),
            new F1("tan", FloatViaDouble::tan, StrictMath::tan),
            new F1("asin", FloatViaDouble::asin, StrictMath::asin),
            new F1("acos", FloatViaDouble::acos, StrictMath::acos),
            new F1("atan", FloatViaDouble::atan, StrictMath::atan));

    static final List<F2> FLOAT2 = List.of(
            new F2("atan2", FloatViaDouble::atan2, StrictMath::atan2),
            new F2("pow", FloatViaDouble::pow, StrictMath::pow));

    static final List<D1> DOUBLE = List.of(
            new D1("exp", DoubleMath::exp, StrictMath::exp),
            new D1("log", DoubleMath::log, StrictMath::log),
            new D1("sin", DoubleMath::sin, StrictMath::sin),
            new D1("cos", DoubleMath::cos, StrictMath::cos),
            new D1("tan", DoubleMath::tan, StrictMath::tan),
            new D1("atan", DoubleMath::atan, StrictMath::atan));

    static final List<D2> DOUBLE2 = List.of(new D2("atan2", DoubleMath::atan2, StrictMath::atan2));

    /** Pairs of floats: random bit patterns, then moderate values (where pow neither overflows nor underflows). */
    static float[][] floatPairs() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 400_000;
        float[] a = new float[n], b = new float[n];
        for (int i = 0; i < n; i++) {
            boolean wide = i < n / 2;
            a[i] = wide ? Float.intBitsToFloat(r.nextInt()) : (float) (r.nextDouble(-30, 30));
            b[i] = wide ? Float.intBitsToFloat(r.nextInt()) : (float) (i % 7 == 0 ? r.nextInt(-20, 20) : r.nextDouble(-12, 12));
        }
        int k = Sweep.FLOAT_SPECIALS.length;
        for (int i = 0; i < k * k; i++) {
            a[i] = Sweep.FLOAT_SPECIALS[i / k];
            b[i] = Sweep.FLOAT_SPECIALS[i % k];
        }
        return new float[][] {a, b};
    }

    @TestFactory
    Stream<DynamicTest> floats() {
        float[][] p = floatPairs();
        return Stream.concat(FLOAT.stream().map(f -> DynamicTest.dynamicTest("float " + f.name(), () -> {
            double[] max = {0};
            String at = Sweep.worst(X, Sweep.apply(f.f(), X), f.ref(), max);
            System.out.printf("float %-8s max %.3f ulp at %s%n", f.name(), max[0], at);
            assertTrue(max[0] <= (f.name().equals("sigmoid") ? 2.5 : LIMIT), f.name() + ": " + max[0] + " ulp at " + at);
        })), FLOAT2.stream().map(f -> DynamicTest.dynamicTest("float " + f.name(), () -> {
            double[] max = {0};
            String at = Sweep.worst(p[0], p[1], Sweep.apply(f.f(), p[0], p[1]), f.ref(), max);
            System.out.printf("float %-8s max %.3f ulp at %s%n", f.name(), max[0], at);
            assertTrue(max[0] <= LIMIT, f.name() + ": " + max[0] + " ulp at " + at);
        })));
    }

    @TestFactory
    Stream<DynamicTest> doubles() {
        float[][] p = floatPairs();
        double[] a = new double[p[0].length], b = new double[p[0].length];
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 2 == 0 ? p[0][i] : Double.longBitsToDouble(r.nextLong());
            b[i] = i % 2 == 0 ? p[1][i] : Double.longBitsToDouble(r.nextLong());
        }
        return Stream.concat(DOUBLE.stream().map(f -> DynamicTest.dynamicTest("double " + f.name(), () -> {
            double[] max = {0};
            String at = Sweep.worst(XD, Sweep.apply(f.f(), XD), f.ref(), max);
            System.out.printf("double %-8s max %.3f ulp at %s%n", f.name(), max[0], at);
            assertTrue(max[0] <= LIMIT, f.name() + ": " + max[0] + " ulp at " + at);
        })), DOUBLE2.stream().map(f -> DynamicTest.dynamicTest("double " + f.name(), () -> {
            double[] max = {0};
            String at = Sweep.worst(a, b, Sweep.apply(f.f(), a, b), f.ref(), max);
            System.out.printf("double %-8s max %.3f ulp at %s%n", f.name(), max[0], at);
            assertTrue(max[0] <= LIMIT, f.name() + ": " + max[0] + " ulp at " + at);
        })));
    }
}
