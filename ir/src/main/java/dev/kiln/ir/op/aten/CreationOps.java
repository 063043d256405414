package dev.kiln.ir.op.aten;

/** Tensor factories: constant fills, ranges, identity, and random sampling. */
public final class CreationOps {
    private CreationOps() {}
}
