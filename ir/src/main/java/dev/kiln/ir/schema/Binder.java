package dev.kiln.ir.schema;

import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Binds a call's positional and keyword arguments to a schema: fills defaults, checks each value against its
 * declared type and normalises it (Integer to Long, a single int to {@code int[2]}, "float32" to a dtype ...),
 * so kernels and rules see one canonical positional array.
 */
public final class Binder {
    private Binder() {}

    /** Raised when a call does not fit a schema; overload resolution tries the next one. */
    public static final class Mismatch extends IllegalArgumentException {
        public Mismatch(String message) { super(message); }
    }

    public static Object[] bind(Schema schema, List<?> positional, Map<String, ?> kwargs) {
        List<Argument> formals = schema.arguments();
        int maxPositional = (int) formals.stream().filter(a -> !a.kwargOnly()).count();
        if (positional.size() > maxPositional) {
            throw new Mismatch(schema.name() + "() expected at most " + maxPositional + " positional argument(s) but received "
                    + positional.size());
        }
        Object[] bound = new Object[formals.size()];
        int used = 0;
        for (int i = 0; i < formals.size(); i++) {
            Argument f = formals.get(i);
            Object v;
            if (i < positional.size()) {
                v = positional.get(i);
                if (kwargs.containsKey(f.name())) {
                    throw new Mismatch(schema.name() + "() got multiple values for argument '" + f.name() + "'");
                }
            } else if (kwargs.containsKey(f.name())) {
                v = kwargs.get(f.name());
                used++;
            } else if (f.hasDefault()) {
                v = f.defaultValue();
            } else {
                throw new Mismatch(schema.name() + "() missing value for argument '" + f.name() + "'");
            }
            bound[i] = convert(schema, f, v);
        }
        if (used != kwargs.size()) {
            for (String k : kwargs.keySet()) {
                if (schema.indexOf(k) < 0) throw new Mismatch(schema.name() + "() got an unexpected keyword argument '" + k + "'");
            }
        }
        return bound;
    }

    private static Object convert(Schema schema, Argument f, Object v) {
        SchemaType t = f.type();
        if (v == null) {
            if (t.optional() || (f.hasDefault() && f.defaultValue() == null)) return null;
            throw mismatch(schema, f, "None");
        }
        if (t.list()) return convertList(schema, f, v);
        Object r = convertOne(t.base(), v);
        if (r == null) throw mismatch(schema, f, describe(v));
        return r;
    }

    private static Object convertOne(SchemaType.Base base, Object v) {
        return switch (base) {
            case TENSOR -> v instanceof TensorMeta ? v : null;
            case INT -> v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte ? ((Number) v).longValue() : null;
            case FLOAT -> v instanceof Number n && !(v instanceof Boolean) ? n.doubleValue() : null;
            case BOOL -> v instanceof Boolean ? v : null;
            case STR -> v instanceof String ? v : null;
            case SCALAR -> switch (v) {
                case Boolean b -> b;
                case Double d -> d;
                case Float fl -> fl.doubleValue();
                case Number n -> n.longValue();
                default -> null;
            };
            case SCALAR_TYPE -> switch (v) {
                case DType d -> d;
                case String s -> DType.parse(s);
                case Long index -> DType.fromScalarType(index);
                default -> null;
            };
            case DEVICE -> v instanceof Device ? v : v instanceof String s ? Device.parse(s) : null;
            case LAYOUT, MEMORY_FORMAT -> v instanceof String ? v : null;
            case GENERATOR, ANY -> v;
        };
    }

    private static Object convertList(Schema schema, Argument f, Object v) {
        SchemaType t = f.type();
        switch (t.base()) {
            case INT -> {
                long[] r = switch (v) {
                    case long[] a -> a;
                    case int[] a -> Arrays.stream(a).asLongStream().toArray();
                    case Long n when t.fixedLength() > 0 -> filled(t.fixedLength(), n);
                    case Integer n when t.fixedLength() > 0 -> filled(t.fixedLength(), n);
                    case Collection<?> c when c.stream().allMatch(x -> x instanceof Long || x instanceof Integer) ->
                            c.stream().mapToLong(x -> ((Number) x).longValue()).toArray();
                    default -> throw mismatch(schema, f, describe(v));
                };
                if (t.fixedLength() > 0 && r.length == 1 && t.fixedLength() != 1) r = filled(t.fixedLength(), r[0]);
                // int[1] (a dim list) takes one int or a list of any length; longer fixed lengths are exact, but
                // an argument whose default is [] (max_pool2d's stride: "the kernel size") also takes an empty list
                boolean emptyDefault = r.length == 0 && f.defaultValue() instanceof long[] d && d.length == 0;
                if (t.fixedLength() > 1 && r.length != t.fixedLength() && !emptyDefault) {
                    throw new Mismatch(schema.name() + "(): argument '" + f.name() + "' must be a list of " + t.fixedLength()
                            + " ints, but got " + r.length);
                }
                return r;
            }
            case FLOAT -> {
                return switch (v) {
                    case double[] a -> a;
                    case Collection<?> c when c.stream().allMatch(x -> x instanceof Number) ->
                            c.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
                    default -> throw mismatch(schema, f, describe(v));
                };
            }
            case BOOL -> {
                if (v instanceof boolean[]) return v;
                if (v instanceof List<?> l && l.stream().allMatch(x -> x instanceof Boolean)) {
                    boolean[] r = new boolean[l.size()];
                    for (int i = 0; i < r.length; i++) r[i] = (Boolean) l.get(i);
                    return r;
                }
                throw mismatch(schema, f, describe(v));
            }
            case TENSOR -> {
                List<?> items = switch (v) {
                    case Object[] a -> Arrays.asList(a);
                    case List<?> l -> l;
                    default -> throw mismatch(schema, f, describe(v));
                };
                for (Object x : items) {
                    if (!(x instanceof TensorMeta) && !(x == null && t.elementOptional())) throw mismatch(schema, f, describe(v));
                }
                return Collections.unmodifiableList(new ArrayList<>(items));
            }
            default -> {
                if (v instanceof List<?>) return v;
                throw mismatch(schema, f, describe(v));
            }
        }
    }

    private static long[] filled(int n, long v) {
        long[] r = new long[n];
        Arrays.fill(r, v);
        return r;
    }

    private static Mismatch mismatch(Schema schema, Argument f, String found) {
        return new Mismatch(schema.name() + "(): argument '" + f.name() + "' must be " + f.type() + ", not " + found);
    }

    static String describe(Object v) {
        return switch (v) {
            case null -> "None";
            case TensorMeta t -> "Tensor";
            case Long l -> "int";
            case Integer i -> "int";
            case Double d -> "float";
            case Boolean b -> "bool";
            case String s -> "str";
            case long[] a -> "int[]";
            case List<?> l -> "list";
            default -> v.getClass().getSimpleName();
        };
    }
}
