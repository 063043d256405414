package dev.kiln.dispatch;

import dev.kiln.ir.op.OpDef;

/** Sees every op the eager dispatcher runs on this thread: the hook tracing is built on. */
@FunctionalInterface
public interface DispatchObserver {
    /**
     * Called after {@code op} ran with the bound {@code args} (tensors as {@link dev.kiln.Tensor}); {@code result}
     * is a Tensor, a {@code List<Tensor>} or a scalar.
     */
    void onOp(OpDef op, Object[] args, Object result);
}
