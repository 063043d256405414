package dev.kiln.ir.op.aten;

import dev.kiln.ir.op.OpError;
import dev.kiln.ir.op.ShapeRule;
import dev.kiln.ir.op.Shapes;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.op.TensorSpec;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.Device;

/**
 * Shape and dtype rules of the tensor factories: the tensor options ({@code dtype, layout, device, pin_memory,
 * memory_format}), size checks, and the dtype inference and length computation of ranges. The kernels take
 * their results' dtypes and shapes from these rules too.
 */
public final class CreationRules {
    private CreationRules() {}

    /** PyTorch's default dtype ({@code torch.get_default_dtype()}). */
    public static final DType DEFAULT_DTYPE = DType.FLOAT32;

    /** The output spec of a factory whose size is {@code args[0]} and whose options start at {@code at}. */
    static ShapeRule sized(String op, int at, DType dflt) {
        return args -> spec(op, (long[]) args[0], dtype(args, at, dflt), args, at);
    }

    /** {@code full(size, fill_value, ...)}: the dtype defaults to the fill value's (bool, int64 or float32). */
    static ShapeRule full(String op) {
        return args -> {
            DType dtype = dtype(args, 2, CreationScalars.inferDType(args[1]));
            CreationScalars.checkFits(op, args[1], dtype);
            return spec(op, (long[]) args[0], dtype, args, 2);
        };
    }

    /** {@code *_like(self, ...)} with options at {@code at}: self's shape, dtype and device unless overridden. */
    static ShapeRule like(String op, int at) {
        return args -> {
            TensorMeta self = (TensorMeta) args[0];
            DType dtype = dtype(args, at, self.dtype());
            checkMemoryFormat(op, args[at + 4], self.dim(), true);
            return new TensorSpec[]{new TensorSpec(dtype, self.sizes().clone(), device(op, args, at, self.device()))};
        };
    }

    /** {@code full_like(self, fill_value, ...)}: the fill value must fit the result dtype. */
    static ShapeRule fullLike(String op) {
        ShapeRule like = like(op, 2);
        return args -> {
            TensorSpec[] spec = like.infer(args);
            CreationScalars.checkFits(op, args[1], spec[0].dtype());
            return spec;
        };
    }

    static ShapeRule scalarTensor(String op) {
        return args -> {
            DType dtype = dtype(args, 1, DEFAULT_DTYPE);
            CreationScalars.checkFits(op, args[0], dtype);
            return spec(op, new long[0], dtype, args, 1);
        };
    }

    static ShapeRule eye(String op, boolean square) {
        return args -> {
            long n = (Long) args[0], m = square ? n : (Long) args[1];
            if (n < 0) throw OpError.of(op, "n must be greater or equal to 0, got " + n);
            if (m < 0) throw OpError.of(op, "m must be greater or equal to 0, got " + m);
            return spec(op, new long[]{n, m}, dtype(args, square ? 1 : 2, DEFAULT_DTYPE), args, square ? 1 : 2);
        };
    }

    /** {@code arange}: {@code start}, {@code end} and {@code step} sit at the given indices (-1: default 0 or 1). */
    static ShapeRule arange(String op, int start, int end, int step, int at) {
        return args -> {
            Object s = start < 0 ? (Object) 0L : args[start], e = args[end], st = step < 0 ? (Object) 1L : args[step];
            boolean integral = CreationScalars.isIntegral(s) && CreationScalars.isIntegral(e) && CreationScalars.isIntegral(st);
            DType dtype = dtype(args, at, integral ? DType.INT64 : DEFAULT_DTYPE);
            return spec(op, new long[]{arangeLength(op, s, e, st, dtype)}, dtype, args, at);
        };
    }

    /**
     * The number of elements of {@code arange(start, end, step)} in {@code dtype}, with PyTorch's checks: the
     * bounds are first converted to the dtype's accumulation type (int64 for integers), then the length is
     * {@code ceil((end - start) / step)} in double precision.
     */
    static long arangeLength(String op, Object start, Object end, Object step, DType dtype) {
        if (dtype == DType.BOOL) throw OpError.of(op, "arange is not implemented for torch.bool");
        DType acc = dtype.isFloatingPoint() ? (dtype.isReducedFloat() ? DType.FLOAT32 : DType.FLOAT64) : DType.INT64;
        CreationScalars.checkFits(op, start, acc);
        CreationScalars.checkFits(op, end, acc);
        CreationScalars.checkFits(op, step, acc);
        double size;
        double xstart, xend, xstep;
        if (acc == DType.INT64) {
            long ls = CreationScalars.toLong(start), le = CreationScalars.toLong(end), lst = CreationScalars.toLong(step);
            xstart = ls;
            xend = le;
            xstep = lst;
            size = dtype == DType.INT64 ? Math.ceil((double) (le - ls) / lst)
                    : Math.ceil((CreationScalars.toDouble(end) - CreationScalars.toDouble(start)) / CreationScalars.toDouble(step));
        } else {
            xstart = CreationScalars.toDouble(start);
            xend = CreationScalars.toDouble(end);
            xstep = CreationScalars.toDouble(step);
            if (acc == DType.FLOAT32) {
                xstart = (float) xstart;
                xend = (float) xend;
                xstep = (float) xstep;
            }
            size = Math.ceil((CreationScalars.toDouble(end) - CreationScalars.toDouble(start)) / CreationScalars.toDouble(step));
        }
        if (xstep == 0 || Double.isNaN(xstep)) throw OpError.of(op, "step must be nonzero");
        if (!Double.isFinite(xstart) || !Double.isFinite(xend)) {
            throw OpError.of(op, "unsupported range: " + CreationScalars.format(start) + " -> " + CreationScalars.format(end));
        }
        if (!((xstep > 0 && xend >= xstart) || (xstep < 0 && xend <= xstart))) {
            throw OpError.of(op, "upper bound and larger bound inconsistent with step sign (start=" + CreationScalars.format(start)
                    + ", end=" + CreationScalars.format(end) + ", step=" + CreationScalars.format(step) + ")");
        }
        if (!(size >= 0 && size <= (double) Long.MAX_VALUE)) {
            throw OpError.of(op, "invalid size, possible overflow? (" + CreationScalars.format(start) + " to "
                    + CreationScalars.format(end) + " by " + CreationScalars.format(step) + ")");
        }
        return (long) size;
    }

    /** {@code linspace} and {@code logspace}: {@code steps} points; start and end must fit the dtype. */
    static ShapeRule spaced(String op, int at, boolean log) {
        return args -> {
            long steps = (Long) args[2];
            if (steps < 0) throw OpError.of(op, "number of steps must be non-negative, got " + steps);
            DType dtype = dtype(args, at, DEFAULT_DTYPE);
            if (dtype == DType.BOOL) throw OpError.of(op, (log ? "logspace" : "linspace") + " is not implemented for torch.bool");
            if (!log || dtype.isIntegral(false)) {
                CreationScalars.checkFits(op, args[0], dtype);
                CreationScalars.checkFits(op, args[1], dtype);
            }
            return spec(op, new long[]{steps}, dtype, args, at);
        };
    }

    /** The dtype argument at {@code args[at]}, or {@code dflt} when it is None. */
    static DType dtype(Object[] args, int at, DType dflt) { return args[at] == null ? dflt : (DType) args[at]; }

    /** Checks the options at {@code args[at..at+3]} and returns the output spec. */
    static TensorSpec[] spec(String op, long[] size, DType dtype, Object[] args, int at) {
        checkSize(op, size);
        if (args.length > at + 4) checkMemoryFormat(op, args[at + 4], size.length, false);
        return new TensorSpec[]{new TensorSpec(dtype, size.clone(), device(op, args, at, Device.CPU))};
    }

    /** Rejects negative sizes (PyTorch's message) and sizes a CPU tensor cannot hold. */
    static void checkSize(String op, long[] size) {
        for (long s : size) {
            if (s < 0) throw OpError.of(op, "Trying to create tensor with negative dimension " + s + ": " + Shapes.format(size));
        }
        Shapes.checkedNumel(op, size);
    }

    /** The device option (or {@code dflt}), after checking the layout and pin_memory options next to it. */
    static Device device(String op, Object[] args, int at, Device dflt) {
        Object layout = args[at + 1];
        if (layout != null && !layout.equals("strided")) {
            throw OpError.of(op, "only the strided layout is supported, got layout=" + layout);
        }
        if (Boolean.TRUE.equals(args[at + 3])) {
            throw OpError.of(op, "pin_memory=True needs CUDA pinned host memory, which Kiln's CPU runtime does not provide");
        }
        return args[at + 2] == null ? dflt : (Device) args[at + 2];
    }

    /**
     * Validates a {@code memory_format} option for a result of rank {@code rank}: contiguous_format,
     * channels_last (rank 4), channels_last_3d (rank 5), and preserve_format where the op copies a layout.
     */
    static void checkMemoryFormat(String op, Object format, int rank, boolean preserveAllowed) {
        if (format == null) return;
        switch ((String) format) {
            case "contiguous_format" -> { }
            case "preserve_format" -> {
                if (!preserveAllowed) throw OpError.of(op, "unsupported memory format preserve_format");
            }
            case "channels_last" -> {
                if (rank != 4) throw OpError.of(op, "required rank 4 tensor to use channels_last format, got rank " + rank);
            }
            case "channels_last_3d" -> {
                if (rank != 5) throw OpError.of(op, "required rank 5 tensor to use channels_last_3d format, got rank " + rank);
            }
            default -> throw OpError.of(op, "unknown memory format '" + format + "'");
        }
    }
}
