package dev.kiln.io;

import dev.kiln.ir.type.DType;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header of a {@code .npy} file: the dtype descriptor, the memory order and the shape, written as a
 * Python dict literal such as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}.
 */
record NpyHeader(DType dtype, ByteOrder order, boolean fortranOrder, long[] shape) {

    /** Parses and validates a header; {@code source} names the file in messages. */
    static NpyHeader parse(String text, String source) {
        Map<String, Object> dict = new Parser(text, source).dict();
        if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
            throw Npy.malformed(source, "header keys must be descr, fortran_order and shape, found " + dict.keySet());
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw Npy.malformed(source, "structured dtype " + dict.get("descr") + " is not supported; only plain numeric dtypes");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) throw Npy.malformed(source, "fortran_order must be True or False");
        if (!(dict.get("shape") instanceof long[] shape)) throw Npy.malformed(source, "shape must be a tuple of integers");
        return descriptor(descr, source, fortran, shape);
    }

    private static NpyHeader descriptor(String descr, String source, boolean fortran, long[] shape) {
        if (descr.length() < 3) throw Npy.malformed(source, "unsupported dtype descriptor '" + descr + "'");
        ByteOrder order = switch (descr.charAt(0)) {
            case '<', '|' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            case '=' -> ByteOrder.nativeOrder();
            default -> throw Npy.malformed(source, "unsupported byte order in dtype descriptor '" + descr + "'");
        };
        DType dtype = switch (descr.substring(1)) {
            case "b1" -> DType.BOOL;
            case "i1" -> DType.INT8;
            case "u1" -> DType.UINT8;
            case "i2" -> DType.INT16;
            case "i4" -> DType.INT32;
            case "i8" -> DType.INT64;
            case "f2" -> DType.FLOAT16;
            case "f4" -> DType.FLOAT32;
            case "f8" -> DType.FLOAT64;
            default -> throw Npy.malformed(source, "dtype '" + descr + "' has no Kiln equivalent (supported: b1, i1, u1, i2, i4, i8, f2, f4, f8)");
        };
        return new NpyHeader(dtype, order, fortran, shape);
    }

    /** The descriptor numpy writes for a dtype ({@code '<f4'}, {@code '|b1'}); null for bfloat16, which numpy lacks. */
    static String descr(DType dtype) {
        return switch (dtype) {
            case BOOL -> "|b1";
            case INT8 -> "|i1";
            case UINT8 -> "|u1";
            case INT16 -> "<i2";
            case INT32 -> "<i4";
            case INT64 -> "<i8";
            case FLOAT16 -> "<f2";
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case BFLOAT16 -> null;
        };
    }

    /** The dict literal numpy writes, e.g. {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3,), }}. */
    static String format(DType dtype, long[] shape) {
        StringBuilder sb = new StringBuilder("{'descr': '").append(descr(dtype)).append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? ", " : "").append(shape[i]);
        return sb.append(shape.length == 1 ? ",), }" : "), }").toString();
    }

    /** A reader for the subset of Python literals headers use: a dict of strings, booleans and int tuples. */
    private static final class Parser {
        private final String text, source;
        private int pos;

        Parser(String text, String source) {
            this.text = text;
            this.source = source;
        }

        Map<String, Object> dict() {
            Map<String, Object> out = new HashMap<>();
            expect('{');
            while (!accept('}')) {
                Object key = value();
                if (!(key instanceof String k)) throw error("expected a string key");
                expect(':');
                out.put(k, value());
                if (!accept(',')) {
                    expect('}');
                    break;
                }
            }
            skipSpaces();
            if (pos != text.length()) throw error("unexpected text after the header dict");
            return out;
        }

        private Object value() {
            skipSpaces();
            if (pos >= text.length()) throw error("unexpected end of header");
            char c = text.charAt(pos);
            if (c == '\'' || c == '"') {
                int end = text.indexOf(c, pos + 1);
                if (end < 0) throw error("unterminated string");
                String s = text.substring(pos + 1, end);
                pos = end + 1;
                return s;
            }
            if (c == '(') {
                pos++;
                List<Long> items = new ArrayList<>();
                while (!accept(')')) {
                    items.add(integer());
                    if (!accept(',')) {
                        expect(')');
                        break;
                    }
                }
                return items.stream().mapToLong(Long::longValue).toArray();
            }
            if (c == '[') throw error("structured dtypes (lists) are not supported");
            if (text.startsWith("True", pos) || text.startsWith("False", pos)) {
                boolean b = text.startsWith("True", pos);
                pos += b ? 4 : 5;
                return b;
            }
            throw error("unexpected '" + c + "'");
        }

        private long integer() {
            skipSpaces();
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
            if (pos < text.length() && text.charAt(pos) == 'L') pos++;
            String digits = text.substring(start, pos).replace("L", "");
            if (digits.isEmpty()) throw error("expected a non-negative integer in shape");
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw error("dimension " + digits + " is too large");
            }
        }

        private boolean accept(char c) {
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!accept(c)) throw error("expected '" + c + "'");
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
        }

        private IllegalArgumentException error(String message) {
            return Npy.malformed(source, "bad header at character " + pos + ": " + message + " in " + text.strip());
        }
    }
}
