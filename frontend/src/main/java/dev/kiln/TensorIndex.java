package dev.kiln;

/**
 * The index items of Python's {@code x[...]} that are not numbers, tensors or lists, for
 * {@link Tensor#index(Object...)} and {@link Tensor#set(Object[], Tensor)}: slices ({@code 1:5:2}),
 * {@code None} (a new dimension of size 1) and {@code ...} (all remaining dimensions).
 * <pre>{@code
 * x.index(TensorIndex.ELLIPSIS, 1)                    // x[..., 1]
 * x.index(new long[]{0, 2}, TensorIndex.NONE)         // x[[0, 2], None]
 * x.index(TensorIndex.slice(1, null), idx, TensorIndex.slice(null, null, 2))   // x[1:, idx, ::2]
 * }</pre>
 */
public sealed interface TensorIndex {

    /** {@code None}: inserts a dimension of size 1. */
    TensorIndex NONE = Marker.NONE;

    /** {@code ...}: stands for as many full slices as the other items leave dimensions. */
    TensorIndex ELLIPSIS = Marker.ELLIPSIS;

    /** {@code :}, the whole dimension. */
    Slice ALL = new Slice(null, null, 1);

    /** The singletons {@code None} and {@code ...}. */
    enum Marker implements TensorIndex { NONE, ELLIPSIS }

    /**
     * A Python slice {@code start:stop:step}; null bounds are open ends, negative ones count from the end, and
     * bounds past the ends are clamped. The step must be positive when the slice is applied, as in PyTorch.
     */
    record Slice(Long start, Long stop, long step) implements TensorIndex {
        public Slice {
            if (step == 0) throw new IllegalArgumentException("slice step cannot be zero");
        }

        @Override
        public String toString() {
            return (start == null ? "" : start) + ":" + (stop == null ? "" : stop) + (step == 1 ? "" : ":" + step);
        }
    }

    static TensorIndex none() { return NONE; }

    static TensorIndex ellipsis() { return ELLIPSIS; }

    /** {@code start:stop}; either may be null. */
    static Slice slice(Number start, Number stop) { return slice(start, stop, 1); }

    /** {@code start:stop:step}; either bound may be null. */
    static Slice slice(Number start, Number stop, long step) {
        return new Slice(start == null ? null : start.longValue(), stop == null ? null : stop.longValue(), step);
    }
}
