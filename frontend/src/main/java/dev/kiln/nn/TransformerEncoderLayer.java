package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;
import java.util.function.UnaryOperator;

/**
 * {@code nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout, activation, layer_norm_eps, batch_first,
 * norm_first)}: self-attention then a feed-forward block ({@code linear2(dropout(act(linear1(x))))}), each with dropout
 * and a residual connection, normalized after the residual (post-norm) or, with {@code norm_first}, before the block.
 * Kiln always runs this reference path; PyTorch's inference fast path computes the same values.
 */
public final class TransformerEncoderLayer extends Module {
    private final long dModel;
    private final long nhead;
    private final long dimFeedforward;
    private final double dropout;
    private final String activationName;
    private final UnaryOperator<Tensor> activation;
    private final double layerNormEps;
    private final boolean batchFirst;
    private final boolean normFirst;

    public TransformerEncoderLayer(long dModel, long nhead) { this(dModel, nhead, 2048, 0.1, "relu", 1e-5, false, false, Torch.float32); }

    /** {@code activation}: "relu" or "gelu". */
    public TransformerEncoderLayer(long dModel, long nhead, long dimFeedforward, double dropout, String activation, double layerNormEps,
                                   boolean batchFirst, boolean normFirst, DType dtype) {
        this(dModel, nhead, dimFeedforward, dropout, activation, activation(activation), layerNormEps, batchFirst, normFirst, dtype);
    }

    /** With any element-wise activation function in place of relu or gelu. */
    public TransformerEncoderLayer(long dModel, long nhead, long dimFeedforward, double dropout, UnaryOperator<Tensor> activation,
                                   double layerNormEps, boolean batchFirst, boolean normFirst, DType dtype) {
        this(dModel, nhead, dimFeedforward, dropout, null, activation, layerNormEps, batchFirst, normFirst, dtype);
    }

    private TransformerEncoderLayer(long dModel, long nhead, long dimFeedforward, double dropout, String activationName,
                                    UnaryOperator<Tensor> activation, double layerNormEps, boolean batchFirst, boolean normFirst, DType dtype) {
        this.dModel = dModel;
        this.nhead = nhead;
        this.dimFeedforward = dimFeedforward;
        this.dropout = dropout;
        this.activationName = activationName;
        this.activation = activation;
        this.layerNormEps = layerNormEps;
        this.batchFirst = batchFirst;
        this.normFirst = normFirst;
        registerModule("self_attn", new MultiheadAttention(dModel, nhead, dropout, true, false, false, null, null, batchFirst, dtype));
        registerModule("linear1", new Linear(dModel, dimFeedforward, true, dtype));
        registerModule("dropout", new Dropout(dropout));
        registerModule("linear2", new Linear(dimFeedforward, dModel, true, dtype));
        registerModule("norm1", new LayerNorm(new long[]{dModel}, layerNormEps, true, dtype));
        registerModule("norm2", new LayerNorm(new long[]{dModel}, layerNormEps, true, dtype));
        registerModule("dropout1", new Dropout(dropout));
        registerModule("dropout2", new Dropout(dropout));
    }

    /** PyTorch's {@code _get_activation_fn}: "relu" or "gelu". */
    static UnaryOperator<Tensor> activation(String name) {
        return switch (name) {
            case "relu" -> F::relu;
            case "gelu" -> F::gelu;
            default -> throw new IllegalArgumentException("TransformerEncoderLayer: activation should be relu/gelu, not " + name);
        };
    }

    /**
     * {@code copy.deepcopy(layer)}: a layer of the same configuration holding copies of this one's parameters, in the
     * same training mode (TransformerEncoder's clones).
     */
    public TransformerEncoderLayer deepCopy() {
        DType dtype = linear1().weight().dtype();
        TransformerEncoderLayer copy = new TransformerEncoderLayer(dModel, nhead, dimFeedforward, dropout, activationName, activation, layerNormEps,
                batchFirst, normFirst, dtype);
        copy.loadStateDict(stateDict());
        copy.train(isTraining());
        return copy;
    }

    public MultiheadAttention selfAttn() { return (MultiheadAttention) module("self_attn"); }

    public Linear linear1() { return (Linear) module("linear1"); }

    public boolean batchFirst() { return batchFirst; }

    public Tensor forward(Tensor src) { return forward(src, null, null); }

    /** {@code forward(src, src_mask, src_key_padding_mask)}: masks as {@link MultiheadAttention#forward} takes them, null for none. */
    public Tensor forward(Tensor src, Tensor srcMask, Tensor srcKeyPaddingMask) {
        if (srcKeyPaddingMask != null && srcKeyPaddingMask.dtype() != Torch.bool && !srcKeyPaddingMask.isFloatingPoint()) {
            throw new IllegalArgumentException("TransformerEncoderLayer: only bool and floating types of key_padding_mask are supported");
        }
        Tensor x = src;
        if (normFirst) {
            x = x.add(selfAttentionBlock(norm("norm1", x), srcMask, srcKeyPaddingMask));
            return x.add(feedForwardBlock(norm("norm2", x)));
        }
        x = norm("norm1", x.add(selfAttentionBlock(x, srcMask, srcKeyPaddingMask)));
        return norm("norm2", x.add(feedForwardBlock(x)));
    }

    private Tensor norm(String name, Tensor x) { return ((LayerNorm) module(name)).call(x); }

    private Tensor selfAttentionBlock(Tensor x, Tensor attnMask, Tensor keyPaddingMask) {
        Tensor attended = selfAttn().call(x, x, x, keyPaddingMask, false, attnMask, true).output();
        return ((Dropout) module("dropout1")).call(attended);
    }

    private Tensor feedForwardBlock(Tensor x) {
        Tensor hidden = ((Dropout) module("dropout")).call(activation.apply(linear1().call(x)));
        return ((Dropout) module("dropout2")).call(((Linear) module("linear2")).call(hidden));
    }

    public Tensor call(Tensor src) { return (Tensor) invoke(src); }

    /** {@code module(src, src_mask=..., src_key_padding_mask=...)} with the hooks. */
    public Tensor call(Tensor src, Tensor srcMask, Tensor srcKeyPaddingMask) { return (Tensor) invoke(src, srcMask, srcKeyPaddingMask); }

    /** {@code (src)} or {@code (src, src_mask, src_key_padding_mask)}, masks possibly null. */
    @Override
    protected Object forwardArgs(Object... args) { return TransformerArgs.forward(this, args, 1, 3, a -> forward(a[0], a[1], a[2])); }
}
