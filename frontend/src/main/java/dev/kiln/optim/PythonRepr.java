package dev.kiln.optim;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** Python's {@code repr} of option values, for optimizer printouts that read like PyTorch's. */
final class PythonRepr {
    private PythonRepr() {}

    static String of(Object v) {
        if (v == null) return "None";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof Double d) return ofDouble(d);
        if (v instanceof List<?> l) return l.stream().map(PythonRepr::of).collect(Collectors.joining(", ", "(", l.size() == 1 ? ",)" : ")"));
        return String.valueOf(v);
    }

    /** Python's float repr: the shortest round-tripping digits, in exponent form below 1e-4 (exclusive) and from 1e16 on. */
    static String ofDouble(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = exact.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = exact.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
