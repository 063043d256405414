package dev.kiln.ir.op.aten;

/** Gathering, scattering, advanced indexing, sorting and selection. */
public final class IndexingOps {
    private IndexingOps() {}
}
