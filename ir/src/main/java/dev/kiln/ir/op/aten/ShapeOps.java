package dev.kiln.ir.op.aten;

/** Views, reshaping, joining and splitting, and other data-movement ops. */
public final class ShapeOps {
    private ShapeOps() {}
}
