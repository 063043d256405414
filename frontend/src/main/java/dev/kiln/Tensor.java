package dev.kiln;

import dev.kiln.autograd.AutogradMeta;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.Device;
import dev.kiln.runtime.memory.Elements;
import dev.kiln.runtime.memory.TensorData;

/**
 * A multi-dimensional array with PyTorch's semantics: a dtype, a device, and a strided view of storage that
 * other tensors may share. Operations come from the family interfaces it implements ({@link TensorPointwise}
 * ...), all of which run through the one {@link dev.kiln.dispatch.Dispatcher}.
 *
 * <p>API conventions: methods are PyTorch's names in camelCase ({@code indexSelect}, {@code logSoftmax}); in-place
 * variants keep the trailing underscore ({@code add_}). Dims are {@code int} ({@code int... dims} for lists); sizes,
 * counts, offsets and indices are {@code long}; scalars are any {@link Number}. PyTorch's {@code (values, indices)}
 * named tuples are {@link ValuesIndices}. {@code Torch.f(input, args...)} takes the same arguments as
 * {@code input.f(args...)}. Dtype conversions are named after the dtype ({@code float32()}, {@code int64()} ...; see
 * {@link TensorPointwise}) because {@code float}, {@code long} ... are Java keywords.
 *
 * <p>Not final, so that {@code dev.kiln.nn.Parameter} is a tensor, as {@code torch.nn.Parameter} is.
 */
public non-sealed class Tensor implements TensorMeta, TensorPointwise, TensorReductions, TensorShape, TensorIndexing, TensorLinalg,
        TensorRandom, TensorAutograd {
    private final TensorData data;
    private AutogradMeta autograd;

    public Tensor(TensorData data) { this.data = data; }

    @Override
    public Tensor self() { return this; }

    /** A copy with its own contiguous storage ({@code aten::clone}); public here because Object's clone() is not. */
    @Override
    public Tensor clone() { return TensorPointwise.super.clone(); }

    /** Autograd's state of this tensor, null while it has none; read and written by {@code dev.kiln.autograd}. */
    public AutogradMeta autogradMeta() { return autograd; }

    /** Autograd's state of this tensor, created if it has none yet. */
    public AutogradMeta autogradMetaOrCreate() {
        if (autograd == null) autograd = AutogradMeta.create();
        return autograd;
    }

    /** The runtime view behind this tensor (storage, sizes, strides, offset). */
    public TensorData data() { return data; }

    @Override
    public DType dtype() { return data.dtype(); }

    @Override
    public Device device() { return data.device(); }

    /** The sizes, not to be modified; {@link #shape()} returns a copy. */
    @Override
    public long[] sizes() { return data.sizes(); }

    /** A copy of the sizes ({@code tensor.shape}). */
    public long[] shape() { return data.sizes().clone(); }

    /** A copy of the sizes ({@code tensor.size()}), the same as {@link #shape()}. */
    public long[] size() { return shape(); }

    public long size(int dim) { return data.sizes()[dev.kiln.ir.op.Shapes.wrapDim("size", dim, dim())]; }

    public long[] stride() { return data.strides().clone(); }

    public long stride(int dim) { return data.strides()[dev.kiln.ir.op.Shapes.wrapDim("stride", dim, dim())]; }

    public long storageOffset() { return data.offset(); }

    @Override
    public int dim() { return data.sizes().length; }

    @Override
    public long numel() { return data.numel(); }

    public boolean isContiguous() { return data.isContiguous(); }

    public boolean isFloatingPoint() { return dtype().isFloatingPoint(); }

    /** The version counter of the storage, bumped by every in-place write ({@code tensor._version}). */
    public int version() { return data.storage().version(); }

    /** The single element as a Java number: Double for floating dtypes, Long for integers, Boolean for bool. */
    public Object item() {
        if (numel() != 1) {
            throw new IllegalArgumentException("a Tensor with " + numel() + " elements cannot be converted to Scalar");
        }
        int at = (int) data.offset();
        if (dtype().isFloatingPoint()) return Elements.getDouble(dtype(), data.storage(), at);
        if (dtype() == DType.BOOL) return Elements.getLong(dtype(), data.storage(), at) != 0;
        return Elements.getLong(dtype(), data.storage(), at);
    }

    public double itemDouble() { return ((Number) (item() instanceof Boolean b ? (b ? 1 : 0) : item())).doubleValue(); }

    public long itemLong() { return ((Number) (item() instanceof Boolean b ? (b ? 1L : 0L) : item())).longValue(); }

    /** All elements in row-major order as doubles (any dtype; bool as 0/1). */
    public double[] toDoubleArray() {
        double[] out = new double[Math.toIntExact(numel())];
        forEachIndex((i, at) -> out[i] = Elements.getDouble(dtype(), data.storage(), at));
        return out;
    }

    /** All elements in row-major order as longs (floating values truncated toward zero). */
    public long[] toLongArray() {
        long[] out = new long[Math.toIntExact(numel())];
        forEachIndex((i, at) -> out[i] = Elements.getLong(dtype(), data.storage(), at));
        return out;
    }

    private interface IndexVisitor {
        void visit(int logical, int storageIndex);
    }

    private void forEachIndex(IndexVisitor visitor) {
        long[] sizes = data.sizes(), strides = data.strides();
        int n = Math.toIntExact(numel());
        int[] idx = new int[sizes.length];
        for (int i = 0; i < n; i++) {
            long at = data.offset();
            for (int d = 0; d < sizes.length; d++) at += idx[d] * strides[d];
            visitor.visit(i, (int) at);
            for (int d = sizes.length - 1; d >= 0; d--) {
                if (++idx[d] < sizes[d]) break;
                idx[d] = 0;
            }
        }
    }

    @Override
    public String toString() { return TensorFormatter.format(this); }
}
