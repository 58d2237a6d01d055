#!/usr/bin/env python3
"""Independent expectations for DLT and LLE (LanguageModelMetricsFixtureTest).

What it writes into this directory:
  tiny-llama/           a Hugging Face-layout Llama checkpoint: config.json, model.safetensors
                        (float32, seeded random weights, GQA), tokenizer.json (byte-level BPE with a
                        few hand-picked merges), tokenizer_config.json
  german_{real,synthetic}_head.csv, diabetes_{real,synthetic,test}_head.csv
                        the first data lines of ../data/*_train.csv, ../metrics/*_synthetic.csv and
                        ../data/diabetes_test.csv, verbatim (DLT_ROWS, LLE_TRAIN_ROWS, LLE_TEST_ROWS)
  expected_lm_metrics.json
                        DLT and LLE computed here, in float64, from method.md alone:
    DLT (method.md A.5, B 6.3), German: every row rendered as the generator's answer JSON
        (features in table order, target last, values as strings, integer columns without '.0'),
        scored after the zero-example generation prompt, chat-wrapped; the span is the answer's
        tokens plus EOS; PPL = exp(mean NLL) (and the reference's 2^mean NLL);
        DLT = mean PPL(real) - mean PPL(synthetic).
    LLE (method.md B 6.2), Diabetes: every test row rendered as "The state of <col> is <value>,
        ... .", query = instruction + "'" + text + "'\\nAnswer: ", chat-wrapped; each label word +
        EOS is scored after it. Predictions: lowest mean NLL ("likelihood") or lowest total NLL
        plus log((n_c + 1) / (n + K)) with n_c the class counts of the fine-tuning rows
        ("prior_corrected"). Scores: MCC, weighted F1, accuracy, confusion matrix (scikit-learn).
        The label words of each rule are picked from CANDIDATE_WORDS so that the rule predicts
        both classes with no near tie. The fine-tuning itself is not reproduced: the Java test
        fine-tunes with a learning rate of 1e-30, an update far below half an ulp of every
        float32 weight, so the classifier it scores with is this checkpoint.
  The prompt header and the LLE instruction are read from the reference implementation's golden
  files (../harmonic-reference/german_knn_syn.jsonl, diabetes_lle_test.jsonl), not from the Java code.

The forward pass is llama_forward of ../lm/make_reference_logits.py (HF LlamaForCausalLM restated
op for op, checked against the Java model by ReferenceLogitsTest); tokenization is restated here
(GPT-2 byte-to-unicode table, GPT-2 pre-tokenizer regex for ASCII text, BPE by merge rank).

Regenerate (Debian packages only: apt-get install -y python3-torch python3-numpy python3-sklearn):
    cd org.harmonic.core/src/test/resources/lm-metrics && /usr/bin/python3 make_lm_metric_fixtures.py
The output is deterministic for a given torch version (weights come from torch.Generator seed SEED).
"""
import csv
import itertools
import json
import math
import os
import re
import struct
import sys

import torch
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, matthews_corrcoef

torch.set_num_threads(1)  # small tensors on shared cores: threads only contend
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lm"))
from make_reference_logits import llama_forward  # noqa: E402

SEED = 20240612
EOS = "<|endoftext|>"
GERMAN_TARGET = "status"
DIABETES_TARGET = "Outcome"
DLT_ROWS = 32  # German rows of each table (~1000 tokens each); fewer leave a real column constant
LLE_TEST_ROWS = 24
LLE_TRAIN_ROWS = 32
# LLE's label words are picked from these, per decision rule, so that the rule predicts both
# classes (with one class for every row a fixture would not check the per-row decisions; MCC 0).
CANDIDATE_WORDS = ["negative", "positive", "yes", "no", "A", "B", "C", "D", "E", "F", "G", "H", "K", "N", "P", "Y"]
MIN_MARGIN = 3e-3  # nats; Java's float32 costs agree to ~1e-5 nats, so no decision is that close
MERGES = [("T", "h"), ("Th", "e"), ("Ġ", "s"), ("Ġs", "t"), ("Ġst", "a"), ("Ġsta", "t"), ("Ġstat", "e"),
          ("Ġ", "o"), ("Ġo", "f"), ("Ġ", "i"), ("Ġi", "s"), ("Ġ", "\""), ("\"", ","), ("\"", ":"),
          ("{", "\""), ("\"", "}"), ("Ġ", "A"), ("1", "1"), ("2", "0")]
CONFIG = {"model_type": "llama", "vocab_size": None, "hidden_size": 32, "num_layers": 2, "num_heads": 4,
          "num_kv_heads": 2, "intermediate_size": 64, "max_positions": 2048, "norm_eps": 1e-6,
          "rope_theta": 10000.0, "attention_bias": False, "tie_word_embeddings": False}


# ---------------------------------------------------------------- tokenizer

def bytes_to_unicode():
    """GPT-2's reversible byte -> printable character table."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


BYTE_CHAR = bytes_to_unicode()
# GPT-2's pre-tokenizer pattern with \p{L} / \p{N} narrowed to ASCII; every text here is ASCII (checked).
SPLIT = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+(?!\S)|\s+""")


def vocabulary():
    vocab = {BYTE_CHAR[b]: i for i, b in enumerate(sorted(BYTE_CHAR))}
    for a, b in MERGES:
        assert a in vocab and b in vocab, (a, b)
        vocab[a + b] = len(vocab)
    vocab[EOS] = len(vocab)
    return vocab


VOCAB = vocabulary()
RANK = {pair: i for i, pair in enumerate(MERGES)}


def bpe(word):
    symbols = list(word)
    while len(symbols) > 1:
        pairs = [(RANK.get((symbols[i], symbols[i + 1]), math.inf), i) for i in range(len(symbols) - 1)]
        rank, _ = min(pairs)
        if rank == math.inf:
            break
        a, b = MERGES[rank]
        merged, i = [], 0
        while i < len(symbols):
            if i + 1 < len(symbols) and symbols[i] == a and symbols[i + 1] == b:
                merged.append(a + b)
                i += 2
            else:
                merged.append(symbols[i])
                i += 1
        symbols = merged
    return symbols


def encode(text):
    assert text.isascii(), text
    ids = []
    for piece in SPLIT.findall(text):
        word = "".join(BYTE_CHAR[b] for b in piece.encode("utf-8"))
        ids += [VOCAB[s] for s in bpe(word)]
    return ids


def tokenizer_json():
    ws = {"add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    return {"version": "1.0", "truncation": None, "padding": None,
            "added_tokens": [{"id": VOCAB[EOS], "content": EOS, "single_word": False, "lstrip": False,
                              "rstrip": False, "normalized": False, "special": True}],
            "normalizer": None, "pre_tokenizer": {"type": "ByteLevel", **ws}, "post_processor": None,
            "decoder": {"type": "ByteLevel", **ws},
            "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                      "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False,
                      "ignore_merges": False, "vocab": VOCAB, "merges": [a + " " + b for a, b in MERGES]}}


# ---------------------------------------------------------------- checkpoint

def weight_specs(c):
    h, f, v = c["hidden_size"], c["intermediate_size"], c["vocab_size"]
    kv = c["num_kv_heads"] * (h // c["num_heads"])
    s = [("model.embed_tokens.weight", [v, h])]
    for i in range(c["num_layers"]):
        l = f"model.layers.{i}."
        s += [(l + "input_layernorm.weight", [h]), (l + "self_attn.q_proj.weight", [h, h]),
              (l + "self_attn.k_proj.weight", [kv, h]), (l + "self_attn.v_proj.weight", [kv, h]),
              (l + "self_attn.o_proj.weight", [h, h]), (l + "post_attention_layernorm.weight", [h]),
              (l + "mlp.gate_proj.weight", [f, h]), (l + "mlp.up_proj.weight", [f, h]),
              (l + "mlp.down_proj.weight", [h, f])]
    return s + [("model.norm.weight", [h]), ("lm_head.weight", [v, h])]


def make_weights(c):
    """Seeded normal weights, large enough that the next-token distribution is far from uniform."""
    g = torch.Generator().manual_seed(SEED)
    w = {}
    for name, shape in weight_specs(c):
        if name.endswith("norm.weight"):
            w[name] = 1 + 0.1 * torch.randn(shape, generator=g)
        elif name == "model.embed_tokens.weight":
            w[name] = torch.randn(shape, generator=g)
        else:
            w[name] = torch.randn(shape, generator=g) * (1.5 / math.sqrt(shape[1]))
    return w


def write_safetensors(path, tensors):
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, t in tensors.items():
        data = t.to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        for b in blobs:
            out.write(b)


def write_checkpoint(directory, c, w):
    os.makedirs(directory, exist_ok=True)
    eos = VOCAB[EOS]
    config = {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": c["vocab_size"],
              "hidden_size": c["hidden_size"], "num_hidden_layers": c["num_layers"],
              "num_attention_heads": c["num_heads"], "num_key_value_heads": c["num_kv_heads"],
              "intermediate_size": c["intermediate_size"], "max_position_embeddings": c["max_positions"],
              "rms_norm_eps": c["norm_eps"], "rope_theta": c["rope_theta"], "hidden_act": "silu",
              "attention_bias": False, "tie_word_embeddings": False, "bos_token_id": eos, "eos_token_id": eos,
              "torch_dtype": "float32"}
    with open(os.path.join(directory, "config.json"), "w") as out:
        json.dump(config, out, indent=2)
        out.write("\n")
    with open(os.path.join(directory, "tokenizer.json"), "w", encoding="utf-8") as out:
        json.dump(tokenizer_json(), out, ensure_ascii=False)
        out.write("\n")
    with open(os.path.join(directory, "tokenizer_config.json"), "w") as out:
        json.dump({"tokenizer_class": "PreTrainedTokenizerFast", "add_bos_token": False, "add_eos_token": False,
                   "clean_up_tokenization_spaces": False, "eos_token": EOS}, out, indent=2)
        out.write("\n")
    write_safetensors(os.path.join(directory, "model.safetensors"), w)


# ---------------------------------------------------------------- scoring

def span_nll(c, w64, prefix, span):
    """Sum of -ln p(span_j | prefix, span_<j) in float64, and the number of span tokens."""
    ids = torch.tensor([prefix + span])
    logits = llama_forward(c, w64, ids, torch.ones_like(ids))[0]
    logp = torch.log_softmax(logits, dim=-1)
    start = len(prefix)
    total = -sum(float(logp[start + j - 1, tok]) for j, tok in enumerate(span))
    return total, len(span)


def batch_nll(c, w, prefix, spans):
    """span_nll of several spans after one prefix, as one right-padded batch (padding never attended)."""
    seqs = [prefix + s for s in spans]
    t = max(map(len, seqs))
    ids = torch.tensor([q + [0] * (t - len(q)) for q in seqs])
    mask = torch.tensor([[1] * len(q) + [0] * (t - len(q)) for q in seqs])
    logp = torch.log_softmax(llama_forward(c, w, ids, mask), dim=-1)
    return [-sum(float(logp[i, len(prefix) + j - 1, tok]) for j, tok in enumerate(s)) for i, s in enumerate(spans)]


def head(path, out_name, rows):
    with open(path, newline="") as f:
        lines = f.read().splitlines()
    with open(os.path.join(HERE, out_name), "w") as out:
        out.write("\n".join(lines[:rows + 1]) + "\n")


def integer_columns(header, rows):
    """Columns whose every training value is a whole number: answers write them without '.0'."""
    out = set()
    for i, name in enumerate(header):
        try:
            if all(float(r[i]) == int(float(r[i])) for r in rows):
                out.add(name)
        except ValueError:
            pass
    return out


def answer_json(header, row, integers):
    """The reference's answer row (method.md B 3): every value a string, features first, target last."""
    order = [i for i, n in enumerate(header) if n != GERMAN_TARGET] + [header.index(GERMAN_TARGET)]
    cells = []
    for i in order:
        v = row[i]
        if header[i] in integers:
            v = str(int(float(v)))
        cells.append(json.dumps(header[i]) + ": " + json.dumps(v))
    return "{" + ", ".join(cells) + "}"


def chat(prompt):
    return "Human: \n" + prompt + "\n\nAssistant: \n"  # method.md B 4.2


def first_json_line(name):
    with open(os.path.join(HERE, "..", "harmonic-reference", name)) as f:
        return json.loads(f.readline())


def dlt(c, w64, full_header, full_rows):
    human = first_json_line("german_knn_syn.jsonl")["conversations"][0]["value"]
    prompt_header = human[:human.index("Example one: ")]
    prefix_text = chat(prompt_header + "Generate one sample: ")
    prefix = encode(prefix_text)
    integers = integer_columns(full_header, full_rows)
    eos = VOCAB[EOS]
    out = {"prefix": prefix_text, "prefix_tokens": len(prefix), "integer_columns": sorted(integers)}
    for role, file in (("real", "german_real_head.csv"), ("synthetic", "german_synthetic_head.csv")):
        with open(os.path.join(HERE, file), newline="") as f:
            rows = list(csv.reader(f))
        header, rows = rows[0], rows[1:]
        assert header == full_header
        answers, nats, tokens = [], [], []
        for r in rows:
            text = answer_json(header, r, integers)
            total, n = span_nll(c, w64, prefix, encode(text) + [eos])
            answers.append(text)
            nats.append(total)
            tokens.append(n)
        ppl = [math.exp(t / n) for t, n in zip(nats, tokens)]
        ppl2 = [2 ** (t / n) for t, n in zip(nats, tokens)]
        out[role] = {"answers": answers, "total_nats": nats, "tokens": tokens, "perplexity": ppl,
                     "perplexity_base2": ppl2, "mean": sum(ppl) / len(ppl), "mean_base2": sum(ppl2) / len(ppl2)}
    out["dlt"] = out["real"]["mean"] - out["synthetic"]["mean"]
    out["dlt_base2"] = out["real"]["mean_base2"] - out["synthetic"]["mean_base2"]
    return out


def row_text(header, row):
    """method.md B 6.2; values as Python's str() of the number pandas reads (all Diabetes columns are floats)."""
    return ", ".join("The state of " + n + " is " + str(float(v)) for n, v in zip(header, row)
                     if n != DIABETES_TARGET) + "."


def scores(truth, predicted, classes):
    return {"mcc": float(matthews_corrcoef(truth, predicted)),
            "f1_weighted": float(f1_score(truth, predicted, average="weighted", zero_division=0)),
            "accuracy": float(accuracy_score(truth, predicted)),
            "confusion_true_by_predicted": confusion_matrix(truth, predicted, labels=list(range(classes))).tolist()}


def decide(nats, tokens, log_prior):
    """Predicted class per row: lowest mean NLL, or with log_prior lowest total NLL + log prior."""
    if log_prior is None:
        costs = [[n[k] / tokens[k] for k in range(len(n))] for n in nats]
    else:
        costs = [[n[k] + log_prior[k] for k in range(len(n))] for n in nats]
    predicted = [min(range(len(c)), key=lambda k: (c[k], k)) for c in costs]
    return predicted, min(abs(c[0] - c[1]) for c in costs)


def log_prior(counts):
    return [math.log((n + 1) / (sum(counts) + len(counts))) for n in counts]


def pick_words(nats, tokens, priors):
    """(class 0 word, class 1 word) whose predictions under every given prior are closest to half and
    half, preferring pairs where different priors change some prediction (so each must be applied)."""
    best = None
    for a, b in itertools.permutations(range(len(CANDIDATE_WORDS)), 2):
        pair_nats = [[n[a], n[b]] for n in nats]
        worst = 0
        seen = []
        for prior in priors:
            predicted, margin = decide(pair_nats, [tokens[a], tokens[b]], prior)
            worst = max(worst, abs(sum(predicted) / len(predicted) - 0.5) if margin >= MIN_MARGIN else 1)
            seen.append(predicted)
        if len(seen) > 1 and all(p == seen[0] for p in seen):
            worst += 0.25
        if best is None or worst < best[0]:
            best = (worst, CANDIDATE_WORDS[a], CANDIDATE_WORDS[b])
    return [best[1], best[2]]


def lle(c, w, w64):
    query = first_json_line("diabetes_lle_test.jsonl")["query"]
    # the reference's Diabetes instruction verbatim (it names 'negative' and 'positive' whatever the words)
    instruction = query[:query.index("\nText: ") + len("\nText: ")]
    classes = ["0", "1"]
    eos = VOCAB[EOS]
    with open(os.path.join(HERE, "diabetes_test_head.csv"), newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    t = header.index(DIABETES_TARGET)
    queries = [instruction + "'" + row_text(header, r) + "'\nAnswer: " for r in rows]
    prefixes = [encode(chat(q)) for q in queries]
    truth = [classes.index(r[t]) for r in rows]
    counts = {}
    for role, file in (("synthetic", "diabetes_synthetic_head.csv"), ("original", "diabetes_real_head.csv")):
        with open(os.path.join(HERE, file), newline="") as f:
            labels = [r[-1] for r in list(csv.reader(f))[1:]]
        counts[role] = [labels.count(k) for k in classes]
    # choose the words with float32 NLLs of every candidate, then score the chosen ones in float64
    spans = [encode(wd) + [eos] for wd in CANDIDATE_WORDS]
    rough = [batch_nll(c, w, p, spans) for p in prefixes]
    rough_tokens = [len(s) for s in spans]
    pairs = {"likelihood": pick_words(rough, rough_tokens, [None]),
             "prior_corrected": pick_words(rough, rough_tokens, [log_prior(n) for n in counts.values()])}
    words = sorted({wd for pair in pairs.values() for wd in pair}, key=CANDIDATE_WORDS.index)
    nats = {wd: [span_nll(c, w64, p, encode(wd) + [eos])[0] for p in prefixes] for wd in words}
    tokens = {wd: len(encode(wd)) + 1 for wd in words}
    out = {"instruction": instruction, "classes": classes, "queries": queries, "truth": truth,
           "total_nats": nats, "tokens": tokens, "class_counts": counts}
    for rule, pair in pairs.items():
        pair_nats = [[nats[pair[0]][i], nats[pair[1]][i]] for i in range(len(rows))]
        pair_tokens = [tokens[pair[0]], tokens[pair[1]]]
        roles = {"any": None} if rule == "likelihood" else {r: log_prior(n) for r, n in counts.items()}
        out[rule] = {"words": pair}
        for role, prior in roles.items():
            predicted, margin = decide(pair_nats, pair_tokens, prior)
            assert margin >= MIN_MARGIN, (rule, role, margin)
            assert 0 < sum(predicted) < len(predicted), (rule, role, "one class for every row")
            out[rule][role] = {"log_prior": prior, "predicted": predicted, "min_margin_nats": margin,
                               **scores(truth, predicted, len(classes))}
    return out


def main():
    c = dict(CONFIG, vocab_size=len(VOCAB))
    w = make_weights(c)
    write_checkpoint(os.path.join(HERE, "tiny-llama"), c, w)
    w64 = {k: v.double() for k, v in w.items()}  # float64 reference; Java runs float32
    data = os.path.join(HERE, "..", "data")
    full = list(csv.reader(open(os.path.join(data, "german_train.csv"), newline="")))
    head(os.path.join(data, "german_train.csv"), "german_real_head.csv", DLT_ROWS)
    head(os.path.join(HERE, "..", "metrics", "german_synthetic.csv"), "german_synthetic_head.csv", DLT_ROWS)
    head(os.path.join(data, "diabetes_train.csv"), "diabetes_real_head.csv", LLE_TRAIN_ROWS)
    head(os.path.join(HERE, "..", "metrics", "diabetes_synthetic.csv"), "diabetes_synthetic_head.csv",
         LLE_TRAIN_ROWS)
    head(os.path.join(data, "diabetes_test.csv"), "diabetes_test_head.csv", LLE_TEST_ROWS)
    with torch.no_grad():
        fixture = {"generator": "make_lm_metric_fixtures.py, torch " + torch.__version__ + ", float64",
                   "seed": SEED, "dlt": dlt(c, w64, full[0], full[1:]), "lle": lle(c, w, w64)}
    with open(os.path.join(HERE, "expected_lm_metrics.json"), "w") as out:
        json.dump(fixture, out, indent=1)
        out.write("\n")
    d, l = fixture["dlt"], fixture["lle"]
    print("DLT", d["dlt"], "real", d["real"]["mean"], "synthetic", d["synthetic"]["mean"])
    for rule in ("likelihood", "prior_corrected"):
        print(rule, l[rule])


if __name__ == "__main__":
    main()
