package dev.kiln.nn;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.ir.type.DType;
import java.util.Arrays;
import java.util.List;

/**
 * {@code nn.MultiheadAttention(embed_dim, num_heads, dropout, bias, add_bias_kv, add_zero_attn, kdim, vdim, batch_first)}:
 * {@code softmax(Q K^T / sqrt(head_dim) + mask) V} over {@code num_heads} heads, with the packed {@code in_proj_weight}
 * [3E, E] (or {@code q_proj_weight}, {@code k_proj_weight}, {@code v_proj_weight} when kdim or vdim differ),
 * {@code in_proj_bias} and {@code out_proj} as PyTorch names them. Forward is {@link #multiHeadAttentionForward}
 * (PyTorch's {@code F.multi_head_attention_forward}) and returns {@code (attn_output, attn_weights)}.
 */
public final class MultiheadAttention extends Module {
    /** {@code (attn_output, attn_output_weights)}; the weights are null unless asked for. */
    public record Output(Tensor output, Tensor weights) {}

    private final long embedDim;
    private final long kdim;
    private final long vdim;
    private final long numHeads;
    private final double dropout;
    private final boolean batchFirst;
    private final boolean addZeroAttn;

    public MultiheadAttention(long embedDim, long numHeads) { this(embedDim, numHeads, 0, true, false, false, null, null, false, Torch.float32); }

    /** {@code kdim}, {@code vdim}: null for embed_dim. */
    public MultiheadAttention(long embedDim, long numHeads, double dropout, boolean bias, boolean addBiasKv, boolean addZeroAttn, Long kdim,
                              Long vdim, boolean batchFirst, DType dtype) {
        if (numHeads <= 0 || embedDim % numHeads != 0) {
            throw new IllegalArgumentException("MultiheadAttention: embed_dim must be divisible by num_heads, got " + embedDim + " and " + numHeads);
        }
        F.checkDropoutProbability(dropout);
        this.embedDim = embedDim;
        this.kdim = kdim == null ? embedDim : kdim;
        this.vdim = vdim == null ? embedDim : vdim;
        this.numHeads = numHeads;
        this.dropout = dropout;
        this.batchFirst = batchFirst;
        this.addZeroAttn = addZeroAttn;
        if (sameEmbedDims()) {
            registerParameter("in_proj_weight", new Parameter(Torch.empty(new long[]{3 * embedDim, embedDim}, dtype)));
            registerParameter("q_proj_weight", null);
            registerParameter("k_proj_weight", null);
            registerParameter("v_proj_weight", null);
        } else {
            registerParameter("q_proj_weight", new Parameter(Torch.empty(new long[]{embedDim, embedDim}, dtype)));
            registerParameter("k_proj_weight", new Parameter(Torch.empty(new long[]{embedDim, this.kdim}, dtype)));
            registerParameter("v_proj_weight", new Parameter(Torch.empty(new long[]{embedDim, this.vdim}, dtype)));
            registerParameter("in_proj_weight", null);
        }
        registerParameter("in_proj_bias", bias ? new Parameter(Torch.empty(new long[]{3 * embedDim}, dtype)) : null);
        registerModule("out_proj", new Linear(embedDim, embedDim, bias, dtype));
        registerParameter("bias_k", addBiasKv ? new Parameter(Torch.empty(new long[]{1, 1, embedDim}, dtype)) : null);
        registerParameter("bias_v", addBiasKv ? new Parameter(Torch.empty(new long[]{1, 1, embedDim}, dtype)) : null);
        resetParameters();
    }

    /** PyTorch's {@code _reset_parameters}: xavier_uniform projections, zero biases, xavier_normal bias_k and bias_v. */
    public void resetParameters() {
        if (sameEmbedDims()) {
            Init.xavierUniform_(param("in_proj_weight"));
        } else {
            Init.xavierUniform_(param("q_proj_weight"));
            Init.xavierUniform_(param("k_proj_weight"));
            Init.xavierUniform_(param("v_proj_weight"));
        }
        if (param("in_proj_bias") != null) {
            Init.zeros_(param("in_proj_bias"));
            Init.zeros_(outProj().bias());
        }
        if (param("bias_k") != null) Init.xavierNormal_(param("bias_k"));
        if (param("bias_v") != null) Init.xavierNormal_(param("bias_v"));
    }

    private boolean sameEmbedDims() { return kdim == embedDim && vdim == embedDim; }

    public long embedDim() { return embedDim; }

    public long numHeads() { return numHeads; }

    public boolean batchFirst() { return batchFirst; }

    public Linear outProj() { return (Linear) module("out_proj"); }

    /** {@code forward(query, key, value)}: no masks, averaged attention weights returned. */
    public Output forward(Tensor query, Tensor key, Tensor value) { return forward(query, key, value, null, true, null, true); }

    /**
     * {@code forward(query, key, value, key_padding_mask, need_weights, attn_mask, average_attn_weights)}: query [L, N, E]
     * (batch first [N, L, E], or unbatched [L, E]), key and value [S, N, kdim/vdim]; key_padding_mask [N, S] and attn_mask
     * [L, S] or [N * heads, L, S], bool (true: masked) or float (added), null for none.
     */
    public Output forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights, Tensor attnMask,
                          boolean averageAttnWeights) {
        boolean batched = query.dim() == 3;
        if (batchFirst && batched) {
            Tensor q = query.transpose(1, 0);
            Tensor k = key == query ? q : key.transpose(1, 0);
            Tensor v = value == key ? k : value.transpose(1, 0);
            query = q;
            key = k;
            value = v;
        }
        Output out = multiHeadAttentionForward(query, key, value, embedDim, numHeads, param("in_proj_weight"), param("in_proj_bias"),
                param("bias_k"), param("bias_v"), addZeroAttn, dropout, outProj().weight(), outProj().bias(), isTraining(), keyPaddingMask,
                needWeights, attnMask, param("q_proj_weight"), param("k_proj_weight"), param("v_proj_weight"), averageAttnWeights);
        return batchFirst && batched ? new Output(out.output().transpose(1, 0), out.weights()) : out;
    }

    /** {@code module(query, key, value)} with the hooks. */
    public Output call(Tensor query, Tensor key, Tensor value) { return call(query, key, value, null, true, null, true); }

    /** {@code module(query, key, value, key_padding_mask, need_weights, attn_mask, average_attn_weights)} with the hooks. */
    public Output call(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights, Tensor attnMask,
                       boolean averageAttnWeights) {
        List<?> r = (List<?>) invoke(query, key, value, keyPaddingMask, needWeights, attnMask, averageAttnWeights);
        return new Output((Tensor) r.get(0), (Tensor) r.get(1));
    }

    /** {@code (query, key, value[, key_padding_mask, need_weights, attn_mask, average_attn_weights])}; returns {@code [output, weights]}. */
    @Override
    protected Object forwardArgs(Object... args) {
        boolean shortForm = args.length == 3, longForm = args.length == 7;
        if (!(shortForm || longForm) || !(args[0] instanceof Tensor q) || !(args[1] instanceof Tensor k) || !(args[2] instanceof Tensor v)
                || (longForm && !(args[4] instanceof Boolean && args[6] instanceof Boolean))) {
            throw new IllegalArgumentException("MultiheadAttention.forward: expected (query, key, value) or (query, key, value, key_padding_mask, "
                    + "need_weights, attn_mask, average_attn_weights), got " + args.length + " arguments");
        }
        Output out = shortForm ? forward(q, k, v)
                : forward(q, k, v, (Tensor) args[3], (Boolean) args[4], (Tensor) args[5], (Boolean) args[6]);
        return Arrays.asList(out.output(), out.weights());
    }

    /**
     * PyTorch 1.13's {@code F.multi_head_attention_forward} (without static_k/static_v): in-projection (packed, or the
     * separate q/k/v weights when {@code qProjWeight} is given), optional bias_k/bias_v rows and a zero attention row,
     * masks merged into one additive float mask ({@code -inf} where a bool mask is true), scaled dot-product attention per
     * head, dropout on the weights when training, and the out-projection. Inputs are time-major ([L, N, E]) or unbatched.
     * A float key_padding_mask is added to a float attn_mask, as PyTorch 2 does: 1.13 passes it to {@code masked_fill},
     * which reads the float bits as bools and in effect drops it.
     */
    public static Output multiHeadAttentionForward(Tensor query, Tensor key, Tensor value, long embedDimToCheck, long numHeads,
                                                   Tensor inProjWeight, Tensor inProjBias, Tensor biasK, Tensor biasV, boolean addZeroAttn,
                                                   double dropoutP, Tensor outProjWeight, Tensor outProjBias, boolean training,
                                                   Tensor keyPaddingMask, boolean needWeights, Tensor attnMask, Tensor qProjWeight,
                                                   Tensor kProjWeight, Tensor vProjWeight, boolean averageAttnWeights) {
        boolean batched = isBatched(query, key, value, keyPaddingMask, attnMask, numHeads);
        if (!batched) {
            query = query.unsqueeze(1);
            key = key.unsqueeze(1);
            value = value.unsqueeze(1);
            if (keyPaddingMask != null) keyPaddingMask = keyPaddingMask.unsqueeze(0);
        }
        long tgtLen = query.size(0), bsz = query.size(1), embedDim = query.size(2), srcLen = key.size(0);
        if (keyPaddingMask != null && keyPaddingMask.dtype() != Torch.bool && !keyPaddingMask.isFloatingPoint()) {
            throw new IllegalArgumentException("multi_head_attention_forward: only bool and floating types of key_padding_mask are supported");
        }
        if (embedDim != embedDimToCheck) {
            throw new IllegalArgumentException("multi_head_attention_forward: was expecting embedding dimension of " + embedDimToCheck + ", but got "
                    + embedDim);
        }
        long headDim = embedDim / numHeads;
        if (headDim * numHeads != embedDim) {
            throw new IllegalArgumentException("multi_head_attention_forward: embed_dim " + embedDim + " not divisible by num_heads " + numHeads);
        }
        boolean separate = qProjWeight != null;
        if (separate ? key.size(0) != value.size(0) || key.size(1) != value.size(1) : !Arrays.equals(key.sizes(), value.sizes())) {
            throw new IllegalArgumentException("multi_head_attention_forward: key shape " + Arrays.toString(key.sizes()) + " does not match value shape "
                    + Arrays.toString(value.sizes()));
        }
        Tensor[] qkv = separate ? inProjection(query, key, value, qProjWeight, kProjWeight, vProjWeight, inProjBias)
                : inProjectionPacked(query, key, value, inProjWeight, inProjBias);
        Tensor q = qkv[0], k = qkv[1], v = qkv[2];
        attnMask = attentionMask(attnMask, tgtLen, srcLen, bsz * numHeads);
        if (biasK != null && biasV != null) {
            k = Torch.cat(List.of(k, biasK.repeat(1, bsz, 1)), 0);
            v = Torch.cat(List.of(v, biasV.repeat(1, bsz, 1)), 0);
            if (attnMask != null) attnMask = F.pad(attnMask, 0, 1);
            if (keyPaddingMask != null) keyPaddingMask = F.pad(keyPaddingMask, 0, 1);
        } else if (biasK != null || biasV != null) {
            throw new IllegalArgumentException("multi_head_attention_forward: bias_k and bias_v must both be given or both be null");
        }
        q = q.contiguous().view(tgtLen, bsz * numHeads, headDim).transpose(0, 1);
        k = k.contiguous().view(k.size(0), bsz * numHeads, headDim).transpose(0, 1);
        v = v.contiguous().view(v.size(0), bsz * numHeads, headDim).transpose(0, 1);
        if (addZeroAttn) {
            long[] zeroShape = {bsz * numHeads, 1, headDim};
            k = Torch.cat(List.of(k, Torch.zeros(zeroShape, k.dtype())), 1);
            v = Torch.cat(List.of(v, Torch.zeros(zeroShape, v.dtype())), 1);
            if (attnMask != null) attnMask = F.pad(attnMask, 0, 1);
            if (keyPaddingMask != null) keyPaddingMask = F.pad(keyPaddingMask, 0, 1);
        }
        srcLen = k.size(1);
        if (keyPaddingMask != null) {
            if (keyPaddingMask.dim() != 2 || keyPaddingMask.size(0) != bsz || keyPaddingMask.size(1) != srcLen) {
                throw new IllegalArgumentException("multi_head_attention_forward: expecting key_padding_mask shape of (" + bsz + ", " + srcLen
                        + "), but got " + Arrays.toString(keyPaddingMask.sizes()));
            }
            keyPaddingMask = keyPaddingMask.view(bsz, 1, 1, srcLen).expand(-1, numHeads, -1, -1).reshape(bsz * numHeads, 1, srcLen);
            if (attnMask == null) attnMask = keyPaddingMask;
            else if (attnMask.dtype() == Torch.bool && keyPaddingMask.dtype() == Torch.bool) attnMask = attnMask.logicalOr(keyPaddingMask);
            else attnMask = additive(attnMask, q.dtype()).add(additive(keyPaddingMask, q.dtype()));
        }
        if (attnMask != null) attnMask = additive(attnMask, q.dtype());
        if (!training) dropoutP = 0;
        Tensor qScaled = q.div(Math.sqrt(headDim));
        Tensor weights = attnMask != null ? Torch.baddbmm(attnMask, qScaled, k.transpose(-2, -1)) : qScaled.bmm(k.transpose(-2, -1));
        weights = weights.softmax(-1);
        if (dropoutP > 0) weights = F.dropout(weights, dropoutP, true);
        Tensor out = weights.bmm(v).transpose(0, 1).contiguous().view(tgtLen * bsz, embedDim);
        out = F.linear(out, outProjWeight, outProjBias);
        out = out.view(tgtLen, bsz, out.size(1));
        if (!needWeights) return new Output(batched ? out : out.squeeze(1), null);
        weights = weights.view(bsz, numHeads, tgtLen, srcLen);
        if (averageAttnWeights) weights = weights.sum(new int[]{1}, false).div(numHeads);
        return batched ? new Output(out, weights) : new Output(out.squeeze(1), weights.squeeze(0));
    }

    /** A mask as added to the attention scores: a bool mask becomes {@code -inf} where true and 0 elsewhere. */
    private static Tensor additive(Tensor mask, DType dtype) {
        return mask.dtype() == Torch.bool ? Torch.zerosLike(mask, dtype).maskedFill_(mask, Double.NEGATIVE_INFINITY) : mask;
    }

    /** PyTorch's {@code _mha_shape_check}: whether the call is batched (3-D query), with its errors for inconsistent ranks. */
    private static boolean isBatched(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, Tensor attnMask, long numHeads) {
        String where = "multi_head_attention_forward: ";
        if (query.dim() == 3) {
            if (key.dim() != 3 || value.dim() != 3) {
                throw new IllegalArgumentException(where + "For batched (3-D) `query`, expected `key` and `value` to be 3-D but found " + key.dim()
                        + "-D and " + value.dim() + "-D tensors respectively");
            }
            if (keyPaddingMask != null && keyPaddingMask.dim() != 2) {
                throw new IllegalArgumentException(where + "For batched (3-D) `query`, expected `key_padding_mask` to be `None` or 2-D but found "
                        + keyPaddingMask.dim() + "-D tensor instead");
            }
        } else if (query.dim() == 2) {
            if (key.dim() != 2 || value.dim() != 2) {
                throw new IllegalArgumentException(where + "For unbatched (2-D) `query`, expected `key` and `value` to be 2-D but found "
                        + key.dim() + "-D and " + value.dim() + "-D tensors respectively");
            }
            if (keyPaddingMask != null && keyPaddingMask.dim() != 1) {
                throw new IllegalArgumentException(where + "For unbatched (2-D) `query`, expected `key_padding_mask` to be `None` or 1-D but found "
                        + keyPaddingMask.dim() + "-D tensor instead");
            }
            if (attnMask != null && attnMask.dim() == 3 && !Arrays.equals(attnMask.sizes(), new long[]{numHeads, query.size(0), key.size(0)})) {
                throw new IllegalArgumentException(where + "Expected `attn_mask` shape to be (" + numHeads + ", " + query.size(0) + ", "
                        + key.size(0) + ") but got " + Arrays.toString(attnMask.sizes()));
            }
        } else {
            throw new IllegalArgumentException(where + "query should be unbatched 2D or batched 3D tensor but received " + query.dim()
                    + "-D query tensor");
        }
        if (attnMask != null && attnMask.dim() != 2 && attnMask.dim() != 3) {
            throw new IllegalArgumentException(where + "expected `attn_mask` to be `None`, 2-D or 3-D but found " + attnMask.dim() + "-D tensor instead");
        }
        return query.dim() == 3;
    }

    /** PyTorch's {@code _in_projection_packed}: one matmul for self-attention, q and kv apart when key is value, else three. */
    private static Tensor[] inProjectionPacked(Tensor q, Tensor k, Tensor v, Tensor w, Tensor b) {
        long e = q.size(-1);
        if (k == v) {
            if (q == k) return F.linear(q, w, b).chunk(3, -1).toArray(Tensor[]::new);
            List<Tensor> wqkv = w.split(new long[]{e, 2 * e});
            List<Tensor> bqkv = b == null ? Arrays.asList(null, null) : b.split(new long[]{e, 2 * e});
            List<Tensor> kv = F.linear(k, wqkv.get(1), bqkv.get(1)).chunk(2, -1);
            return new Tensor[]{F.linear(q, wqkv.get(0), bqkv.get(0)), kv.get(0), kv.get(1)};
        }
        List<Tensor> ws = w.chunk(3);
        List<Tensor> bs = b == null ? Arrays.asList(null, null, null) : b.chunk(3);
        return new Tensor[]{F.linear(q, ws.get(0), bs.get(0)), F.linear(k, ws.get(1), bs.get(1)), F.linear(v, ws.get(2), bs.get(2))};
    }

    /** PyTorch's {@code _in_projection}: separate q, k, v weights (kdim or vdim differ from embed_dim), the packed bias split in three. */
    private static Tensor[] inProjection(Tensor q, Tensor k, Tensor v, Tensor wq, Tensor wk, Tensor wv, Tensor b) {
        List<Tensor> bs = b == null ? Arrays.asList(null, null, null) : b.chunk(3);
        return new Tensor[]{F.linear(q, wq, bs.get(0)), F.linear(k, wk, bs.get(1)), F.linear(v, wv, bs.get(2))};
    }

    /** The attention mask as a 3-D bool or float tensor (uint8 read as bool), checked against (L, S) or (N * heads, L, S). */
    private static Tensor attentionMask(Tensor mask, long tgtLen, long srcLen, long batchHeads) {
        if (mask == null) return null;
        if (mask.dtype() == Torch.uint8) mask = mask.to(Torch.bool);
        else if (!mask.isFloatingPoint() && mask.dtype() != Torch.bool) {
            throw new IllegalArgumentException("multi_head_attention_forward: Only float, byte, and bool types are supported for attn_mask, not "
                    + mask.dtype());
        }
        if (mask.dim() == 2) {
            if (mask.size(0) != tgtLen || mask.size(1) != srcLen) {
                throw new IllegalArgumentException("multi_head_attention_forward: The shape of the 2D attn_mask is " + Arrays.toString(mask.sizes())
                        + ", but should be (" + tgtLen + ", " + srcLen + ").");
            }
            return mask.unsqueeze(0);
        }
        if (!Arrays.equals(mask.sizes(), new long[]{batchHeads, tgtLen, srcLen})) {
            throw new IllegalArgumentException("multi_head_attention_forward: The shape of the 3D attn_mask is " + Arrays.toString(mask.sizes())
                    + ", but should be (" + batchHeads + ", " + tgtLen + ", " + srcLen + ").");
        }
        return mask;
    }
}
