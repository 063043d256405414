package dev.kiln.nn;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Python's {@code repr} of the values layers print in their {@code extra_repr}: floats, tuples and booleans. */
final class PyRepr {
    private PyRepr() {}

    /** Python's float repr: {@code 0.01}, {@code 1.0}, {@code 1e-05}, {@code inf}. */
    static String number(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        double abs = Math.abs(v);
        if (abs != 0 && (abs < 1e-4 || abs >= 1e16)) {
            String s = Double.toString(v);
            int e = s.indexOf('E');
            String mantissa = s.substring(0, e).replaceAll("\\.0$", "");
            int exponent = Integer.parseInt(s.substring(e + 1));
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = new BigDecimal(Double.toString(v)).toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** A Java number as Python prints it: integers plainly, floating values as {@link #number(double)}. */
    static String number(Number v) {
        return v instanceof Double || v instanceof Float ? number(v.doubleValue()) : String.valueOf(v);
    }

    static String bool(boolean b) { return b ? "True" : "False"; }

    /** A Python tuple: {@code (3,)}, {@code (3, 3)}. */
    static String tuple(long... values) {
        if (values.length == 1) return "(" + values[0] + ",)";
        return Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /** A size given as one value or a tuple, printed as the user gave it: {@code 2} or {@code (2, 3)}. */
    static String sizeArg(long[] values) { return values.length == 1 ? Long.toString(values[0]) : tuple(values); }
}
