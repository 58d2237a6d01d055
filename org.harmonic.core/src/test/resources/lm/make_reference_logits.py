#!/usr/bin/env python3
"""Reference logits and gradients for ReferenceLogitsTest, computed with PyTorch in float32.

The forward passes below restate Hugging Face transformers' modeling code
(GPT2LMHeadModel, LlamaForCausalLM, Qwen2ForCausalLM) op for op: Conv1D as x @ W + b,
gelu_new, fused c_attn split, rotate_half RoPE with rope_theta, repeat_kv for grouped-query
attention, RMSNorm as weight * (x * rsqrt(mean(x^2) + eps)), and the HF weight names.
It is deliberately independent of the Java code: it shares only the weight-value rule.

Weights are not stored. Every element is a pure function of the tensor name and element
index (FNV-1a of the name, then murmur3's fmix32), exact in float32, which
ReferenceLogitsTest recomputes bit for bit:
    x = fmix32(fnv1a32(name) ^ (i * 0x9E3779B1 mod 2^32));  u = (x >> 16) / 65536
    value = (u - 0.5) * 0.5            (weights, biases, embeddings)
    value = 1 + (u - 0.5) * 0.25       (norm gains)

Gradients: the mean cross-entropy of predicting each next real token (labels -100 where there
is none, as HF's ignore_index), backpropagated to every weight; the fixture keeps the L2 norm of
each weight's gradient, which checks backward through every composed op (and catches DJL's
scalar use-after-free, which corrupts gradients silently).

Run from this directory with Debian's python3-torch:  /usr/bin/python3 make_reference_logits.py
It writes reference-<name>.json here.
"""
import json
import math

import torch
import torch.nn.functional as F

M32 = 0xFFFFFFFF


def fnv1a32(s):
    h = 0x811C9DC5
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & M32
    return h


def fmix32(x):
    x ^= x >> 16
    x = (x * 0x85EBCA6B) & M32
    x ^= x >> 13
    x = (x * 0xC2B2AE35) & M32
    x ^= x >> 16
    return x


def values(name, n, gain):
    h = fnv1a32(name)
    out = []
    for i in range(n):
        u = (fmix32(h ^ ((i * 0x9E3779B1) & M32)) >> 16) / 65536.0
        out.append(1.0 + (u - 0.5) * 0.25 if gain else (u - 0.5) * 0.5)
    return out


def is_gain(name):
    return name.endswith(("ln_1.weight", "ln_2.weight", "ln_f.weight", "layernorm.weight", "norm.weight"))


def make_weights(specs):
    w = {}
    for name, shape in specs:
        n = math.prod(shape)
        w[name] = torch.tensor(values(name, n, is_gain(name)), dtype=torch.float32).reshape(shape)
    return w


# ---------------------------------------------------------------- GPT-2

def gpt2_specs(c):
    h, f, v, p = c["hidden_size"], c["intermediate_size"], c["vocab_size"], c["max_positions"]
    s = [("transformer.wte.weight", [v, h]), ("transformer.wpe.weight", [p, h])]
    for i in range(c["num_layers"]):
        l = f"transformer.h.{i}."
        s += [(l + "ln_1.weight", [h]), (l + "ln_1.bias", [h]),
              (l + "attn.c_attn.weight", [h, 3 * h]), (l + "attn.c_attn.bias", [3 * h]),
              (l + "attn.c_proj.weight", [h, h]), (l + "attn.c_proj.bias", [h]),
              (l + "ln_2.weight", [h]), (l + "ln_2.bias", [h]),
              (l + "mlp.c_fc.weight", [h, f]), (l + "mlp.c_fc.bias", [f]),
              (l + "mlp.c_proj.weight", [f, h]), (l + "mlp.c_proj.bias", [h])]
    s += [("transformer.ln_f.weight", [h]), ("transformer.ln_f.bias", [h])]
    if not c["tie_word_embeddings"]:
        s.append(("lm_head.weight", [v, h]))
    return s


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


def masked_softmax(scores, allowed):
    scores = scores.masked_fill(~allowed, torch.finfo(scores.dtype).min)
    return torch.softmax(scores, dim=-1)


def attention_allowed(mask):
    b, t = mask.shape
    causal = torch.tril(torch.ones(t, t, dtype=torch.bool))
    return causal[None, None, :, :] & mask.bool()[:, None, None, :]


def gpt2_forward(c, w, ids, mask):
    b, t = ids.shape
    h, nh, eps = c["hidden_size"], c["num_heads"], c["norm_eps"]
    d = h // nh
    pos = torch.arange(t)[None, :].expand(b, t)  # GPT2Model's default position_ids
    x = w["transformer.wte.weight"][ids] + w["transformer.wpe.weight"][pos]
    allowed = attention_allowed(mask)
    for i in range(c["num_layers"]):
        l = f"transformer.h.{i}."
        a = F.layer_norm(x, (h,), w[l + "ln_1.weight"], w[l + "ln_1.bias"], eps)
        qkv = a @ w[l + "attn.c_attn.weight"] + w[l + "attn.c_attn.bias"]  # Conv1D
        q, k, v = qkv.split(h, dim=2)
        q = q.view(b, t, nh, d).transpose(1, 2)
        k = k.view(b, t, nh, d).transpose(1, 2)
        v = v.view(b, t, nh, d).transpose(1, 2)
        scores = (q @ k.transpose(-1, -2)) / torch.full([], d ** 0.5)
        y = masked_softmax(scores, allowed) @ v
        y = y.transpose(1, 2).reshape(b, t, h)
        x = x + (y @ w[l + "attn.c_proj.weight"] + w[l + "attn.c_proj.bias"])
        m = F.layer_norm(x, (h,), w[l + "ln_2.weight"], w[l + "ln_2.bias"], eps)
        m = gelu_new(m @ w[l + "mlp.c_fc.weight"] + w[l + "mlp.c_fc.bias"])
        x = x + (m @ w[l + "mlp.c_proj.weight"] + w[l + "mlp.c_proj.bias"])
    x = F.layer_norm(x, (h,), w["transformer.ln_f.weight"], w["transformer.ln_f.bias"], eps)
    head = w["transformer.wte.weight"] if c["tie_word_embeddings"] else w["lm_head.weight"]
    return x @ head.T


# ---------------------------------------------------------------- Llama family

def o_bias(c):
    return c["attention_bias"] and c["model_type"] != "qwen2"


def llama_specs(c):
    h, f, v = c["hidden_size"], c["intermediate_size"], c["vocab_size"]
    d = h // c["num_heads"]
    q, kv = c["num_heads"] * d, c["num_kv_heads"] * d
    s = [("model.embed_tokens.weight", [v, h])]
    for i in range(c["num_layers"]):
        l = f"model.layers.{i}."
        s += [(l + "input_layernorm.weight", [h]),
              (l + "self_attn.q_proj.weight", [q, h]),
              (l + "self_attn.k_proj.weight", [kv, h]),
              (l + "self_attn.v_proj.weight", [kv, h])]
        if c["attention_bias"]:
            s += [(l + "self_attn.q_proj.bias", [q]), (l + "self_attn.k_proj.bias", [kv]),
                  (l + "self_attn.v_proj.bias", [kv])]
        s.append((l + "self_attn.o_proj.weight", [h, q]))
        if o_bias(c):
            s.append((l + "self_attn.o_proj.bias", [h]))
        s += [(l + "post_attention_layernorm.weight", [h]),
              (l + "mlp.gate_proj.weight", [f, h]), (l + "mlp.up_proj.weight", [f, h]),
              (l + "mlp.down_proj.weight", [h, f])]
    s.append(("model.norm.weight", [h]))
    if not c["tie_word_embeddings"]:
        s.append(("lm_head.weight", [v, h]))
    return s


def rms_norm(x, weight, eps):
    variance = x.pow(2).mean(-1, keepdim=True)
    return weight * (x * torch.rsqrt(variance + eps))


def rotate_half(x):
    x1 = x[..., : x.shape[-1] // 2]
    x2 = x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def repeat_kv(x, n_rep):
    b, kv, t, d = x.shape
    if n_rep == 1:
        return x
    return x[:, :, None, :, :].expand(b, kv, n_rep, t, d).reshape(b, kv * n_rep, t, d)


def linear(x, w, name, bias):
    y = x @ w[name + ".weight"].T
    return y + w[name + ".bias"] if bias else y


def llama_forward(c, w, ids, mask):
    b, t = ids.shape
    h, nh, nkv, eps = c["hidden_size"], c["num_heads"], c["num_kv_heads"], c["norm_eps"]
    d = h // nh
    pos = torch.arange(t)[None, :].expand(b, t)  # LlamaModel's default position_ids
    inv_freq = 1.0 / (c["rope_theta"] ** (torch.arange(0, d, 2, dtype=torch.int64).float() / d))
    freqs = (inv_freq[None, :, None] @ pos[:, None, :].float()).transpose(1, 2)
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos()[:, None], emb.sin()[:, None]
    allowed = attention_allowed(mask)
    x = w["model.embed_tokens.weight"][ids]
    qkv_bias = c["attention_bias"]
    for i in range(c["num_layers"]):
        l = f"model.layers.{i}."
        a = rms_norm(x, w[l + "input_layernorm.weight"], eps)
        q = linear(a, w, l + "self_attn.q_proj", qkv_bias).view(b, t, nh, d).transpose(1, 2)
        k = linear(a, w, l + "self_attn.k_proj", qkv_bias).view(b, t, nkv, d).transpose(1, 2)
        v = linear(a, w, l + "self_attn.v_proj", qkv_bias).view(b, t, nkv, d).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = repeat_kv(k, nh // nkv)
        v = repeat_kv(v, nh // nkv)
        scores = (q @ k.transpose(2, 3)) * d ** -0.5
        y = (masked_softmax(scores, allowed) @ v).transpose(1, 2).reshape(b, t, nh * d)
        x = x + linear(y, w, l + "self_attn.o_proj", o_bias(c))
        m = rms_norm(x, w[l + "post_attention_layernorm.weight"], eps)
        m = F.silu(linear(m, w, l + "mlp.gate_proj", False)) * linear(m, w, l + "mlp.up_proj", False)
        x = x + linear(m, w, l + "mlp.down_proj", False)
    x = rms_norm(x, w["model.norm.weight"], eps)
    head = w["model.embed_tokens.weight"] if c["tie_word_embeddings"] else w["lm_head.weight"]
    return x @ head.T


# ---------------------------------------------------------------- fixtures

def config(model_type, heads, kv_heads, inter, bias, tie, theta=10000.0, eps=1e-5):
    return {"model_type": model_type, "vocab_size": 50, "hidden_size": 32, "num_layers": 2,
            "num_heads": heads, "num_kv_heads": kv_heads, "intermediate_size": inter,
            "max_positions": 16, "norm_eps": eps, "rope_theta": theta,
            "attention_bias": bias, "tie_word_embeddings": tie}


CASES = {
    "gpt2": config("gpt2", 4, 4, 128, False, True),
    "llama-gqa": config("llama", 4, 2, 64, False, False, theta=500000.0, eps=1e-6),
    "qwen2-bias": config("qwen2", 4, 2, 64, True, True, theta=1000000.0, eps=1e-6),
    "llama-attention-bias": config("llama", 4, 4, 48, True, False),
}

# Two sequences, the second right-padded (pad id 0); only real positions are compared.
INPUT_IDS = [[3, 17, 42, 8, 8, 25, 1], [49, 0, 12, 33, 0, 0, 0]]
ATTENTION_MASK = [[1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0, 0]]


def next_token_labels(ids, mask):
    labels = []
    for row, m in zip(ids, mask):
        labels.append([row[t + 1] if t + 1 < len(row) and m[t + 1] == 1 else -100 for t in range(len(row))])
    return labels


def main():
    for name, c in CASES.items():
        specs = gpt2_specs(c) if c["model_type"] == "gpt2" else llama_specs(c)
        w = make_weights(specs)
        for t in w.values():
            t.requires_grad_(True)
        ids = torch.tensor(INPUT_IDS)
        mask = torch.tensor(ATTENTION_MASK)
        labels = next_token_labels(INPUT_IDS, ATTENTION_MASK)
        forward = gpt2_forward if c["model_type"] == "gpt2" else llama_forward
        logits = forward(c, w, ids, mask)
        loss = F.cross_entropy(logits.reshape(-1, c["vocab_size"]), torch.tensor(labels).reshape(-1),
                               ignore_index=-100)
        loss.backward()
        logits = logits.detach()
        fixture = {
            "generator": "make_reference_logits.py, torch " + torch.__version__,
            "config": c,
            "tensors": [{"name": n, "shape": s, "gain": is_gain(n)} for n, s in specs],
            "input_ids": INPUT_IDS,
            "attention_mask": ATTENTION_MASK,
            "logits": [[[round(float(v), 7) for v in row] for row in seq] for seq in logits],
            "labels": labels,
            "loss": float(loss),
            "grad_norms": {n: float(w[n].grad.norm()) for n, _ in specs},
        }
        with open(f"reference-{name}.json", "w") as out:
            json.dump(fixture, out, separators=(",", ":"))
            out.write("\n")
        print(name, "logits", tuple(logits.shape), "max |logit|", float(logits.abs().max()), "loss", float(loss))


if __name__ == "__main__":
    main()
