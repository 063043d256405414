package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;

/**
 * {@code nn.TransformerEncoder(encoder_layer, num_layers, norm)}: {@code num_layers} independent copies of
 * {@code encoderLayer} (deep copies with its current parameters, in a ModuleList named {@code layers}) applied in turn,
 * then the optional final {@code norm}. Kiln always runs the reference path: PyTorch 1.13's inference fast path
 * (nested tensors under a key padding mask) also writes zeros at the padded positions, which Kiln leaves computed.
 */
public final class TransformerEncoder extends Module {
    private final long numLayers;

    public TransformerEncoder(TransformerEncoderLayer encoderLayer, long numLayers) { this(encoderLayer, numLayers, null); }

    /** {@code norm}: a module applied to the last layer's output (usually a LayerNorm), null for none. */
    public TransformerEncoder(TransformerEncoderLayer encoderLayer, long numLayers, TensorModule norm) {
        this.numLayers = numLayers;
        ModuleList layers = new ModuleList();
        for (long i = 0; i < numLayers; i++) layers.append(encoderLayer.deepCopy());
        registerModule("layers", layers);
        registerModule("norm", norm);
    }

    public ModuleList layers() { return (ModuleList) module("layers"); }

    public long numLayers() { return numLayers; }

    public Tensor forward(Tensor src) { return forward(src, null, null); }

    /** {@code forward(src, mask, src_key_padding_mask)}: each layer with the same masks (null for none). */
    public Tensor forward(Tensor src, Tensor mask, Tensor srcKeyPaddingMask) {
        if (srcKeyPaddingMask != null && srcKeyPaddingMask.dtype() != Torch.bool && !srcKeyPaddingMask.isFloatingPoint()) {
            throw new IllegalArgumentException("TransformerEncoder: only bool and floating types of key_padding_mask are supported");
        }
        Tensor output = src;
        for (Module layer : layers()) output = ((TransformerEncoderLayer) layer).call(output, mask, srcKeyPaddingMask);
        TensorModule norm = (TensorModule) module("norm");
        return norm == null ? output : norm.call(output);
    }

    public Tensor call(Tensor src) { return (Tensor) invoke(src); }

    /** {@code module(src, mask=..., src_key_padding_mask=...)} with the hooks. */
    public Tensor call(Tensor src, Tensor mask, Tensor srcKeyPaddingMask) { return (Tensor) invoke(src, mask, srcKeyPaddingMask); }

    @Override
    protected Object forwardArgs(Object... args) { return TransformerArgs.forward(this, args, 1, 3, a -> forward(a[0], a[1], a[2])); }
}
