package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;
import java.util.function.UnaryOperator;

/**
 * {@code nn.TransformerDecoderLayer(d_model, nhead, dim_feedforward, dropout, activation, layer_norm_eps, batch_first,
 * norm_first)}: self-attention on the target, cross-attention from the target to the encoder's {@code memory}, and the
 * feed-forward block, each with dropout and a residual connection, post-norm or (with {@code norm_first}) pre-norm.
 */
public final class TransformerDecoderLayer extends Module {
    private final UnaryOperator<Tensor> activation;
    private final boolean normFirst;

    public TransformerDecoderLayer(long dModel, long nhead) { this(dModel, nhead, 2048, 0.1, "relu", 1e-5, false, false, Torch.float32); }

    /** {@code activation}: "relu" or "gelu". */
    public TransformerDecoderLayer(long dModel, long nhead, long dimFeedforward, double dropout, String activation, double layerNormEps,
                                   boolean batchFirst, boolean normFirst, DType dtype) {
        this(dModel, nhead, dimFeedforward, dropout, TransformerEncoderLayer.activation(activation), layerNormEps, batchFirst, normFirst, dtype);
    }

    /** With any element-wise activation function in place of relu or gelu. */
    public TransformerDecoderLayer(long dModel, long nhead, long dimFeedforward, double dropout, UnaryOperator<Tensor> activation,
                                   double layerNormEps, boolean batchFirst, boolean normFirst, DType dtype) {
        this.activation = activation;
        this.normFirst = normFirst;
        registerModule("self_attn", new MultiheadAttention(dModel, nhead, dropout, true, false, false, null, null, batchFirst, dtype));
        registerModule("multihead_attn", new MultiheadAttention(dModel, nhead, dropout, true, false, false, null, null, batchFirst, dtype));
        registerModule("linear1", new Linear(dModel, dimFeedforward, true, dtype));
        registerModule("dropout", new Dropout(dropout));
        registerModule("linear2", new Linear(dimFeedforward, dModel, true, dtype));
        for (String norm : new String[]{"norm1", "norm2", "norm3"}) registerModule(norm, new LayerNorm(new long[]{dModel}, layerNormEps, true, dtype));
        for (String drop : new String[]{"dropout1", "dropout2", "dropout3"}) registerModule(drop, new Dropout(dropout));
    }

    public Tensor forward(Tensor tgt, Tensor memory) { return forward(tgt, memory, null, null, null, null); }

    /** {@code forward(tgt, memory, tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask)}: masks null for none. */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask, Tensor memoryKeyPaddingMask) {
        Tensor x = tgt;
        if (normFirst) {
            x = x.add(attentionBlock("self_attn", "dropout1", norm("norm1", x), null, tgtMask, tgtKeyPaddingMask));
            x = x.add(attentionBlock("multihead_attn", "dropout2", norm("norm2", x), memory, memoryMask, memoryKeyPaddingMask));
            return x.add(feedForwardBlock(norm("norm3", x)));
        }
        x = norm("norm1", x.add(attentionBlock("self_attn", "dropout1", x, null, tgtMask, tgtKeyPaddingMask)));
        x = norm("norm2", x.add(attentionBlock("multihead_attn", "dropout2", x, memory, memoryMask, memoryKeyPaddingMask)));
        return norm("norm3", x.add(feedForwardBlock(x)));
    }

    private Tensor norm(String name, Tensor x) { return ((LayerNorm) module(name)).call(x); }

    /** Self-attention ({@code memory} null: keys and values are {@code x}) or cross-attention on memory, then dropout. */
    private Tensor attentionBlock(String attention, String dropout, Tensor x, Tensor memory, Tensor attnMask, Tensor keyPaddingMask) {
        Tensor kv = memory == null ? x : memory;
        Tensor attended = ((MultiheadAttention) module(attention)).call(x, kv, kv, keyPaddingMask, false, attnMask, true).output();
        return ((Dropout) module(dropout)).call(attended);
    }

    private Tensor feedForwardBlock(Tensor x) {
        Tensor hidden = ((Dropout) module("dropout")).call(activation.apply(((Linear) module("linear1")).call(x)));
        return ((Dropout) module("dropout3")).call(((Linear) module("linear2")).call(hidden));
    }

    public Tensor call(Tensor tgt, Tensor memory) { return (Tensor) invoke(tgt, memory); }

    /** {@code module(tgt, memory, tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask)} with the hooks. */
    public Tensor call(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask, Tensor memoryKeyPaddingMask) {
        return (Tensor) invoke(tgt, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask);
    }

    @Override
    protected Object forwardArgs(Object... args) {
        return TransformerArgs.forward(this, args, 2, 6, a -> forward(a[0], a[1], a[2], a[3], a[4], a[5]));
    }
}
