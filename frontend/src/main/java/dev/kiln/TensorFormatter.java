package dev.kiln;

import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.TensorData;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints tensors exactly as PyTorch 1.13's {@code repr} does with the default print options (precision 4,
 * threshold 1000, edgeitems 3, linewidth 80): one width for all elements, fixed or scientific notation chosen
 * from the range of the finite non-zero values, {@code ...} summaries of large tensors, and the
 * {@code dtype=} / {@code size=} suffixes. Numbers are rounded half-to-even on their exact binary values, as
 * Python's {@code format} does.
 */
public final class TensorFormatter {
    private TensorFormatter() {}

    private static final int PRECISION = 4, THRESHOLD = 1000, EDGE_ITEMS = 3, LINE_WIDTH = 80;
    private static final String PREFIX = "tensor(";

    /** {@code repr(tensor)}. */
    public static String format(Tensor tensor) {
        TensorData t = tensor.data();
        int indent = PREFIX.length();
        List<String> suffixes = new ArrayList<>();
        if (t.device().isCuda()) suffixes.add("device='" + t.device() + "'");
        String body;
        if (t.numel() == 0) {
            if (t.sizes().length != 1) suffixes.add("size=" + tuple(t.sizes()));
            if (t.dtype() != DType.FLOAT32) suffixes.add("dtype=" + t.dtype());
            body = "[]";
        } else {
            if (t.dtype() != DType.FLOAT32 && t.dtype() != DType.INT64 && t.dtype() != DType.BOOL) suffixes.add("dtype=" + t.dtype());
            boolean summarize = t.numel() > THRESHOLD;
            List<Object> shown = new ArrayList<>();
            collect(t, 0, t.offset(), summarize, shown);
            body = new Printer(t, summarize, new Formatter(t.dtype(), shown)).str(0, t.offset(), indent);
        }
        if (tensor.gradFn() != null) suffixes.add("grad_fn=<" + tensor.gradFn().name() + ">");
        else if (tensor.requiresGrad()) suffixes.add("requires_grad=True");
        return addSuffixes(PREFIX + body, suffixes, indent);
    }

    /** Python's {@code str(tuple(sizes))}: {@code (0,)}, {@code (0, 3)}. */
    private static String tuple(long[] sizes) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < sizes.length; i++) sb.append(i > 0 ? ", " : "").append(sizes[i]);
        return sb.append(sizes.length == 1 ? ",)" : ")").toString();
    }

    private static String addSuffixes(String tensorStr, List<String> suffixes, int indent) {
        StringBuilder sb = new StringBuilder(tensorStr);
        int lastLineLength = tensorStr.length() - tensorStr.lastIndexOf('\n') + 1;
        for (String suffix : suffixes) {
            if (lastLineLength + suffix.length() + 2 > LINE_WIDTH) {
                sb.append(",\n").append(" ".repeat(indent)).append(suffix);
                lastLineLength = indent + suffix.length();
            } else {
                sb.append(", ").append(suffix);
                lastLineLength += suffix.length() + 2;
            }
        }
        return sb.append(')').toString();
    }

    /** The element at a storage index: Double for floating dtypes, Long for integers, Boolean for bool. */
    private static Object value(TensorData t, long index) {
        if (t.dtype().isFloatingPoint()) return Elements.getDouble(t.dtype(), t.storage(), (int) index);
        long v = Elements.getLong(t.dtype(), t.storage(), (int) index);
        return t.dtype() == DType.BOOL ? (Object) (v != 0) : (Object) v;
    }

    /** The indices of dimension {@code d} that are printed: all, or the edge items around a summary. */
    private static long[] shownIndices(long size, boolean summarize) {
        if (!summarize || size <= 2L * EDGE_ITEMS) {
            long[] all = new long[(int) size];
            for (int i = 0; i < all.length; i++) all[i] = i;
            return all;
        }
        long[] edges = new long[2 * EDGE_ITEMS];
        for (int i = 0; i < EDGE_ITEMS; i++) {
            edges[i] = i;
            edges[EDGE_ITEMS + i] = size - EDGE_ITEMS + i;
        }
        return edges;
    }

    /** The printed elements, which are also what the formatter sizes its columns by. */
    private static void collect(TensorData t, int d, long offset, boolean summarize, List<Object> out) {
        if (d == t.sizes().length) {
            out.add(value(t, offset));
            return;
        }
        for (long i : shownIndices(t.sizes()[d], summarize)) collect(t, d + 1, offset + i * t.strides()[d], summarize, out);
    }

    /** Lays out nested brackets, wrapping vectors at the line width. */
    private record Printer(TensorData t, boolean summarize, Formatter formatter) {
        String str(int d, long offset, int indent) {
            int dims = t.sizes().length;
            if (dims == 0) return formatter.format(value(t, offset));
            long size = t.sizes()[d];
            boolean cut = summarize && size > 2L * EDGE_ITEMS;
            List<String> items = new ArrayList<>();
            for (long i : shownIndices(size, summarize)) {
                if (cut && i == size - EDGE_ITEMS) items.add(d == dims - 1 ? " ..." : "...");
                long at = offset + i * t.strides()[d];
                items.add(d == dims - 1 ? formatter.format(value(t, at)) : str(d + 1, at, indent + 1));
            }
            if (d < dims - 1) return "[" + String.join("," + "\n".repeat(dims - d - 1) + " ".repeat(indent + 1), items) + "]";
            int perLine = Math.max(1, (LINE_WIDTH - indent) / (formatter.width + 2));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < items.size(); i += perLine) {
                lines.add(String.join(", ", items.subList(i, Math.min(items.size(), i + perLine))));
            }
            return "[" + String.join(",\n" + " ".repeat(indent + 1), lines) + "]";
        }
    }

    /** PyTorch's {@code _Formatter}: picks integer, fixed or scientific notation and one width for all elements. */
    private static final class Formatter {
        private final boolean floating;
        private boolean intMode = true, sciMode;
        private int width = 1;

        Formatter(DType dtype, List<Object> values) {
            floating = dtype.isFloatingPoint();
            if (!floating) {
                for (Object v : values) width = Math.max(width, plain(v).length());
                return;
            }
            List<Double> finite = new ArrayList<>();
            for (Object v : values) {
                double d = (Double) v;
                if (Double.isFinite(d) && d != 0) finite.add(d);
            }
            if (finite.isEmpty()) return;
            double min = Double.MAX_VALUE, max = 0;
            for (double d : finite) {
                min = Math.min(min, Math.abs(d));
                max = Math.max(max, Math.abs(d));
                if (d != Math.ceil(d)) intMode = false;
            }
            sciMode = max / min > 1000.0 || max > 1.0e8 || (!intMode && min < 1.0e-4);
            for (double d : finite) {
                int length = sciMode ? scientific(d).length() : intMode ? fixed(d, 0).length() + 1 : fixed(d, PRECISION).length();
                width = Math.max(width, length);
            }
        }

        String format(Object value) {
            String s;
            if (!floating) {
                s = plain(value);
            } else {
                double d = (Double) value;
                if (sciMode) s = scientific(d);
                else if (intMode) s = fixed(d, 0) + (Double.isFinite(d) ? "." : "");
                else s = fixed(d, PRECISION);
            }
            return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
        }

        private static String plain(Object v) { return v instanceof Boolean b ? (b ? "True" : "False") : v.toString(); }
    }

    /** Python's {@code "{:.<digits>f}".format(v)}. */
    static String fixed(double v, int digits) {
        if (!Double.isFinite(v)) return nonFinite(v);
        String s = new BigDecimal(Math.abs(v)).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        return sign(v) + s;
    }

    /** Python's {@code "{:.4e}".format(v)}: four digits after the point, an exponent of at least two digits. */
    static String scientific(double v) {
        if (!Double.isFinite(v)) return nonFinite(v);
        String digits;
        int exponent;
        if (v == 0) {
            digits = "0".repeat(PRECISION + 1);
            exponent = 0;
        } else {
            BigDecimal r = new BigDecimal(Math.abs(v)).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
            String unscaled = r.unscaledValue().toString();
            exponent = unscaled.length() - 1 - r.scale();
            digits = (unscaled + "0".repeat(PRECISION + 1)).substring(0, PRECISION + 1);
        }
        String exp = String.valueOf(Math.abs(exponent));
        return sign(v) + digits.charAt(0) + "." + digits.substring(1) + "e" + (exponent < 0 ? "-" : "+") + (exp.length() < 2 ? "0" : "") + exp;
    }

    private static String sign(double v) { return (Double.doubleToRawLongBits(v) < 0) ? "-" : ""; }

    private static String nonFinite(double v) { return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf"; }
}
