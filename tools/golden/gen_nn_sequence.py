"""Golden forward and backward of PyTorch 1.13's sequence modules: RNN, LSTM, GRU and their cells, MultiheadAttention,
TransformerEncoderLayer, TransformerEncoder and TransformerDecoderLayer. Each case builds the module (eval mode or
dropout 0, so that no random mask enters), records its state_dict, its named inputs (sequences, initial states, masks),
its outputs flattened to a list (None where PyTorch returns None), seeded gradients for those outputs, and the
gradients of the floating inputs (masks excepted) and of every parameter. Inputs require grad, which also keeps
PyTorch off its inference fast paths (native MHA, nested tensors), whose results differ in padded positions.
The Java test (dev.kiln.nn.SequenceGoldenTest) builds the same module, loads the state dict and compares.
Writes frontend/src/test/resources/golden/nn_sequence.json."""
import torch
import torch.nn as nn

from golden import encode, randn, seeded, write_fixture

cases = []


def flatten(out):
    if isinstance(out, (tuple, list)):
        return [t for o in out for t in flatten(o)]
    return [out]


def case(case_id, module, inputs, call, dtype=torch.float64, train=False, rtol=None, atol=None, seed=0):
    """inputs: name -> tensor (or None); call(module, inputs) runs the module on them."""
    torch.manual_seed(seed)
    module = module.to(dtype)
    module.train(train)
    sd = {k: v.clone() for k, v in module.state_dict().items()}
    leaves = {}
    for name, x in inputs.items():
        if x is not None and x.is_floating_point():
            x = x.to(dtype)
            if "mask" not in name:
                x = x.detach().clone().requires_grad_()
        leaves[name] = x
    outs = flatten(call(module, leaves))
    grad_outs = [None if o is None else torch.randn(o.shape, generator=seeded(90 + i), dtype=torch.float64).to(o.dtype)
                 for i, o in enumerate(outs)]
    torch.autograd.backward([o for o in outs if o is not None], [g for g in grad_outs if g is not None])
    entry = {
        "id": case_id, "module": "nn." + type(module).__name__, "train": train,
        "state": {k: encode(v) for k, v in sd.items()},
        "inputs": {k: None if v is None else encode(v.detach()) for k, v in leaves.items()},
        "outputs": [None if o is None else encode(o.detach()) for o in outs],
        "grad_outs": [None if g is None else encode(g) for g in grad_outs],
        "input_grads": {k: encode(v.grad) for k, v in leaves.items() if v is not None and v.requires_grad},
        "param_grads": {k: encode(p.grad) for k, p in module.named_parameters()},
    }
    if rtol is not None:
        entry["rtol"] = rtol
    if atol is not None:
        entry["atol"] = atol
    cases.append(entry)


F32 = dict(dtype=torch.float32, rtol=1e-4, atol=1e-5)

# ---- recurrent layers ----

def rnn_call(m, i):
    return m(i["input"]) if i.get("h0") is None else m(i["input"], i["h0"])


def lstm_call(m, i):
    return m(i["input"]) if i.get("h0") is None else m(i["input"], (i["h0"], i["c0"]))


case("rnn_tanh", nn.RNN(3, 4), {"input": randn(5, 2, 3, seed=1)}, rnn_call)
case("rnn_relu_2layer_h0", nn.RNN(3, 4, num_layers=2, nonlinearity="relu"),
     {"input": randn(5, 2, 3, seed=2), "h0": randn(2, 2, 4, seed=3)}, rnn_call)
case("rnn_bidir_batch_first_h0", nn.RNN(3, 4, num_layers=2, bidirectional=True, batch_first=True),
     {"input": randn(2, 5, 3, seed=4), "h0": randn(4, 2, 4, seed=5)}, rnn_call)
case("rnn_unbatched_no_bias", nn.RNN(3, 4, bias=False), {"input": randn(5, 3, seed=6), "h0": randn(1, 4, seed=7)}, rnn_call)
case("rnn_f32_bidir", nn.RNN(3, 4, bidirectional=True), {"input": randn(6, 3, 3, seed=8)}, rnn_call, **F32)
case("lstm", nn.LSTM(3, 4), {"input": randn(5, 2, 3, seed=9)}, lstm_call)
case("lstm_2layer_bidir_h0c0", nn.LSTM(3, 4, num_layers=2, bidirectional=True),
     {"input": randn(5, 2, 3, seed=10), "h0": randn(4, 2, 4, seed=11), "c0": randn(4, 2, 4, seed=12)}, lstm_call)
case("lstm_batch_first_proj", nn.LSTM(3, 5, num_layers=2, batch_first=True, proj_size=2),
     {"input": randn(3, 4, 3, seed=13), "h0": randn(2, 3, 2, seed=14), "c0": randn(2, 3, 5, seed=15)}, lstm_call)
case("lstm_unbatched_bidir", nn.LSTM(3, 4, bidirectional=True),
     {"input": randn(5, 3, seed=16), "h0": randn(2, 4, seed=17), "c0": randn(2, 4, seed=18)}, lstm_call)
case("lstm_eval_dropout_no_bias", nn.LSTM(3, 4, num_layers=3, dropout=0.5, bias=False), {"input": randn(4, 2, 3, seed=19)}, lstm_call)
case("lstm_f32_2layer", nn.LSTM(4, 6, num_layers=2), {"input": randn(7, 3, 4, seed=20)}, lstm_call, **F32)
case("gru", nn.GRU(3, 4), {"input": randn(5, 2, 3, seed=21)}, rnn_call)
case("gru_bidir_2layer_batch_first_h0", nn.GRU(3, 4, num_layers=2, bidirectional=True, batch_first=True),
     {"input": randn(2, 5, 3, seed=22), "h0": randn(4, 2, 4, seed=23)}, rnn_call)
case("gru_unbatched_h0", nn.GRU(3, 4), {"input": randn(5, 3, seed=24), "h0": randn(1, 4, seed=25)}, rnn_call)
case("gru_f32_bidir_batch_first", nn.GRU(4, 5, bidirectional=True, batch_first=True), {"input": randn(3, 6, 4, seed=26)}, rnn_call, **F32)

# ---- cells ----

def cell_call(m, i):
    return m(i["input"]) if i.get("hx") is None else m(i["input"], i["hx"])


def lstm_cell_call(m, i):
    return m(i["input"]) if i.get("h") is None else m(i["input"], (i["h"], i["c"]))


case("rnn_cell", nn.RNNCell(3, 4), {"input": randn(2, 3, seed=30), "hx": randn(2, 4, seed=31)}, cell_call)
case("rnn_cell_relu_unbatched", nn.RNNCell(3, 4, nonlinearity="relu"), {"input": randn(3, seed=32), "hx": randn(4, seed=33)}, cell_call)
case("rnn_cell_no_state_no_bias", nn.RNNCell(3, 4, bias=False), {"input": randn(2, 3, seed=34)}, cell_call)
case("lstm_cell", nn.LSTMCell(3, 4), {"input": randn(2, 3, seed=35), "h": randn(2, 4, seed=36), "c": randn(2, 4, seed=37)},
     lstm_cell_call)
case("lstm_cell_no_state", nn.LSTMCell(3, 4), {"input": randn(2, 3, seed=38)}, lstm_cell_call)
case("lstm_cell_unbatched", nn.LSTMCell(3, 4), {"input": randn(3, seed=39), "h": randn(4, seed=40), "c": randn(4, seed=41)},
     lstm_cell_call)
case("gru_cell", nn.GRUCell(3, 4), {"input": randn(2, 3, seed=42), "hx": randn(2, 4, seed=43)}, cell_call)
case("gru_cell_unbatched_no_bias", nn.GRUCell(3, 4, bias=False), {"input": randn(3, seed=44)}, cell_call)
case("gru_cell_f32", nn.GRUCell(5, 3), {"input": randn(4, 5, seed=45), "hx": randn(4, 3, seed=46)}, cell_call, **F32)

# ---- attention and transformers ----

def causal(n, bool_mask=True):
    m = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)
    return m if bool_mask else torch.zeros(n, n, dtype=torch.float64).masked_fill(m, float("-inf"))


def padding(batch, length, padded, bool_mask=True):
    """The last `padded` keys of the second sequence are padding (-2.5 added for a float mask)."""
    m = torch.zeros(batch, length, dtype=torch.bool)
    m[1, length - padded:] = True
    return m if bool_mask else torch.zeros(batch, length, dtype=torch.float64).masked_fill(m, -2.5)


def mha_call(need_weights=True, average=True):
    def call(m, i):
        x = i.get("x")
        q, k, v = (x, x, x) if x is not None else (i["query"], i["key"], i.get("value", i["key"]))
        return m(q, k, v, key_padding_mask=i.get("key_padding_mask"), need_weights=need_weights, attn_mask=i.get("attn_mask"),
                 average_attn_weights=average)
    return call


case("mha_self", nn.MultiheadAttention(4, 2), {"x": randn(5, 2, 4, seed=50)}, mha_call())
case("mha_cross_bool_masks", nn.MultiheadAttention(4, 2),
     {"query": randn(3, 2, 4, seed=51), "key": randn(5, 2, 4, seed=52), "key_padding_mask": padding(2, 5, 2),
      "attn_mask": torch.tensor([[False, True, False, False, True]] * 3)}, mha_call())
case("mha_batch_first_float_masks_per_head", nn.MultiheadAttention(6, 3, batch_first=True),
     {"query": randn(2, 3, 6, seed=53), "key": randn(2, 4, 6, seed=54), "value": randn(2, 4, 6, seed=55),
      "key_padding_mask": padding(2, 4, 1), "attn_mask": randn(6, 3, 4, seed=56)}, mha_call(average=False))
# a float key_padding_mask alone (1.13 mishandles it together with a float attn_mask: masked_fill reads its bits as bools)
case("mha_float_key_padding_mask", nn.MultiheadAttention(4, 2),
     {"query": randn(3, 2, 4, seed=64), "key": randn(5, 2, 4, seed=65), "key_padding_mask": padding(2, 5, 2, bool_mask=False)}, mha_call())
case("mha_kdim_vdim_bias_kv_zero_attn", nn.MultiheadAttention(4, 2, add_bias_kv=True, add_zero_attn=True, kdim=3, vdim=5),
     {"query": randn(3, 2, 4, seed=57), "key": randn(4, 2, 3, seed=58), "value": randn(4, 2, 5, seed=59),
      "key_padding_mask": padding(2, 4, 1), "attn_mask": randn(3, 4, seed=60)}, mha_call())
case("mha_unbatched_no_bias_no_weights", nn.MultiheadAttention(4, 2, bias=False),
     {"query": randn(3, 4, seed=61), "key": randn(5, 4, seed=62), "key_padding_mask": torch.tensor([False, False, True, False, True])},
     mha_call(need_weights=False))
case("mha_f32_self_batch_first", nn.MultiheadAttention(8, 4, batch_first=True), {"x": randn(3, 6, 8, seed=63)}, mha_call(), **F32)


def perturbed(module, seed):
    """Different parameters in every cloned layer, so that a mix-up between layers shows."""
    with torch.no_grad():
        for k, p in enumerate(module.parameters()):
            p.add_(0.1 * randn(*p.shape, seed=seed + k))
    return module


def encoder_call(m, i):
    return m(i["src"], i.get("mask"), i.get("src_key_padding_mask"))


def decoder_call(m, i):
    return m(i["tgt"], i["memory"], tgt_mask=i.get("tgt_mask"), memory_mask=i.get("memory_mask"),
             tgt_key_padding_mask=i.get("tgt_key_padding_mask"), memory_key_padding_mask=i.get("memory_key_padding_mask"))


case("encoder_layer_relu", perturbed(nn.TransformerEncoderLayer(4, 2, dim_feedforward=8, dropout=0.0), 100),
     {"src": randn(5, 2, 4, seed=70), "mask": causal(5), "src_key_padding_mask": padding(2, 5, 2)}, encoder_call)
case("encoder_layer_gelu_norm_first_batch_first",
     perturbed(nn.TransformerEncoderLayer(4, 2, dim_feedforward=6, dropout=0.0, activation="gelu", layer_norm_eps=1e-6, batch_first=True,
                                          norm_first=True), 200),
     {"src": randn(2, 5, 4, seed=71), "src_key_padding_mask": padding(2, 5, 1, bool_mask=False)}, encoder_call)
encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(4, 2, dim_feedforward=8), 2, norm=nn.LayerNorm(4))
case("encoder_2_layers_norm_eval", perturbed(encoder, 300), {"src": randn(5, 2, 4, seed=72), "mask": causal(5, bool_mask=False)},
     encoder_call)
case("encoder_f32_batch_first", perturbed(nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 4, 16, 0.0, batch_first=True), 3), 400),
     {"src": randn(3, 6, 8, seed=73), "src_key_padding_mask": padding(3, 6, 2)}, encoder_call, **F32)
case("decoder_layer", perturbed(nn.TransformerDecoderLayer(4, 2, dim_feedforward=8, dropout=0.0), 500),
     {"tgt": randn(3, 2, 4, seed=74), "memory": randn(5, 2, 4, seed=75), "tgt_mask": causal(3), "tgt_key_padding_mask": padding(2, 3, 1),
      "memory_key_padding_mask": padding(2, 5, 2)}, decoder_call)
case("decoder_layer_gelu_norm_first_batch_first",
     perturbed(nn.TransformerDecoderLayer(4, 2, dim_feedforward=6, dropout=0.0, activation="gelu", batch_first=True, norm_first=True), 600),
     {"tgt": randn(2, 3, 4, seed=76), "memory": randn(2, 5, 4, seed=77), "tgt_mask": causal(3, bool_mask=False),
      "memory_mask": randn(3, 5, seed=78)}, decoder_call)

write_fixture("nn_sequence", 1e-9, 1e-10, cases)
print(f"nn_sequence: {len(cases)} cases")
