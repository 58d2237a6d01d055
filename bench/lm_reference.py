# PyTorch eager reference for bench/lm: one training step (forward, answer-only cross-entropy,
# backward, global-norm clipping, AdamW) of the default generator's architecture (Llama-style:
# RMSNorm, rotary positions, SwiGLU, grouped-query attention, tied head) at the same shapes.
# Usage: python3 lm_reference.py BATCH LENGTH VOCAB STEPS [THREADS]
import math, sys, time
import torch
import torch.nn.functional as F

B, T, V, STEPS = (int(a) for a in sys.argv[1:5])
torch.set_num_threads(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
H, L, NH, NKV, I = 128, 4, 4, 2, 352
HD = H // NH
torch.manual_seed(1)

class Block(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.n1 = torch.nn.Parameter(torch.ones(H)); self.n2 = torch.nn.Parameter(torch.ones(H))
        self.q = torch.nn.Linear(H, NH * HD, bias=False); self.k = torch.nn.Linear(H, NKV * HD, bias=False)
        self.v = torch.nn.Linear(H, NKV * HD, bias=False); self.o = torch.nn.Linear(H, H, bias=False)
        self.g = torch.nn.Linear(H, I, bias=False); self.u = torch.nn.Linear(H, I, bias=False)
        self.d = torch.nn.Linear(I, H, bias=False)

def rms(x, w):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-5) * w

def rope(x, cos, sin):
    x1, x2 = x[..., : HD // 2], x[..., HD // 2:]
    return x * cos + torch.cat((-x2, x1), -1) * sin

class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = torch.nn.Embedding(V, H)
        self.blocks = torch.nn.ModuleList(Block() for _ in range(L))
        self.norm = torch.nn.Parameter(torch.ones(H))
        inv = 1.0 / (10000 ** (torch.arange(0, HD, 2).float() / HD))
        f = torch.outer(torch.arange(T).float(), inv)
        e = torch.cat((f, f), -1)
        self.register_buffer("cos", e.cos()); self.register_buffer("sin", e.sin())
        self.register_buffer("mask", torch.full((T, T), float("-inf")).triu(1))

    def forward(self, ids):
        x = self.emb(ids)
        for b in self.blocks:
            h = rms(x, b.n1)
            q = b.q(h).view(B, T, NH, HD).transpose(1, 2)
            k = b.k(h).view(B, T, NKV, HD).transpose(1, 2)
            v = b.v(h).view(B, T, NKV, HD).transpose(1, 2)
            q, k = rope(q, self.cos, self.sin), rope(k, self.cos, self.sin)
            k = k.repeat_interleave(NH // NKV, 1); v = v.repeat_interleave(NH // NKV, 1)
            a = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(HD) + self.mask, -1) @ v
            x = x + b.o(a.transpose(1, 2).reshape(B, T, H))
            h = rms(x, b.n2)
            x = x + b.d(F.silu(b.g(h)) * b.u(h))
        return rms(x, self.norm) @ self.emb.weight.t()

model = Model()
opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=0.01)
ids = torch.randint(0, V - 1, (B, T))
labels = ids.clone(); labels[:, : T - T // 6] = -100

def step():
    logits = model(ids)
    loss = F.cross_entropy(logits[:, :-1].reshape(-1, V), labels[:, 1:].reshape(-1), ignore_index=-100)
    opt.zero_grad(); loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()

for _ in range(2):
    step()
start = time.perf_counter()
for _ in range(STEPS):
    step()
print("pytorch_train_step_ms=%.2f" % (1000 * (time.perf_counter() - start) / STEPS))
print("pytorch_threads=%d" % torch.get_num_threads())
