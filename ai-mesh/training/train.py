#!/usr/bin/env python3
"""Training recipe for the models shipped in ai-mesh/models/ (see docs/ai-mesh.md).

Usage:  python3 ai-mesh/training/train.py digits       # -> ai-mesh/models/digits-mlp/weights.bin
        python3 ai-mesh/training/train.py transformer  # -> ai-mesh/models/kjv-char-transformer/weights.bin

Needs only numpy. Data ships beside this script (data/, see data/SOURCE.md). Seeds are fixed;
the result is reproducible bit-for-bit on one machine and BLAS build, and up to float rounding
elsewhere — the committed weights file, not this script, is what model_hash names.

The forward pass here mirrors the Java engine's operators (dev.aether.compute.engine.Op): the same
layer norm (eps 1e-5, biased variance), tanh-GELU, causal attention with 1/sqrt(dh) scaling, and
the same weight layout (Linear weights stored [in, out]).
"""
import gzip
import json
import os
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "models")


def write_weights(path, meta, tensors):
    """Canonical AETHWTS1 file (docs/ai-mesh.md): metadata then tensors, each sorted by UTF-8 name."""
    out = bytearray(b"AETHWTS1")
    keys = sorted(meta, key=lambda k: k.encode("utf-8"))
    out += struct.pack("<I", len(keys))
    for k in keys:
        kb, vb = k.encode("utf-8"), str(meta[k]).encode("utf-8")
        out += struct.pack("<H", len(kb)) + kb + struct.pack("<I", len(vb)) + vb
    names = sorted(tensors, key=lambda n: n.encode("utf-8"))
    out += struct.pack("<I", len(names))
    for name in names:
        arr = np.ascontiguousarray(tensors[name], dtype="<f4")
        nb = name.encode("utf-8")
        out += struct.pack("<H", len(nb)) + nb
        out += struct.pack("<B", arr.ndim)
        for d in arr.shape:
            out += struct.pack("<I", d)
        out += arr.tobytes()
    with open(path, "wb") as f:
        f.write(bytes(out))


def _tagged(tag, *parts):
    import hashlib
    h = hashlib.sha256(tag.encode("ascii") + b"\0")
    for p in parts:
        h.update(p)
    return h.digest()


def _string(s):
    b = s.encode("utf-8")
    return struct.pack(">I", len(b)) + b


def _merkle(leaves):
    """RFC 9162-shaped tree: the left subtree holds the largest power of two below n leaves."""
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return _tagged("aether/model/node/v1", _merkle(leaves[:k]), _merkle(leaves[k:]))


def model_hash(path):
    """model_hash (docs/ai-mesh.md §2): a commitment to the header and a Merkle root of the tensors.

    header = u8 1, u32 count, (string key, string value)*, u32 count, (string name, u8 rank, u32 dim*)*
    (the Java codec: integers big-endian, strings u32-length-prefixed UTF-8, names sorted by bytes);
    leaf   = SHA-256("aether/model/tensor/v1" 0 || string(name) || canonical tensor bytes);
    root   = SHA-256("aether/model/root/v1" 0 || u32 n || tree hash);
    hash   = SHA-256("aether/model/v1" 0 || SHA-256("aether/model/header/v1" 0 || header) || root).
    """
    with open(path, "rb") as f:
        data = f.read()
    pos = 8
    (nm,) = struct.unpack_from("<I", data, pos)
    pos += 4
    meta = []
    for _ in range(nm):
        (kl,) = struct.unpack_from("<H", data, pos)
        key = data[pos + 2:pos + 2 + kl].decode("utf-8")
        pos += 2 + kl
        (vl,) = struct.unpack_from("<I", data, pos)
        meta.append((key, data[pos + 4:pos + 4 + vl].decode("utf-8")))
        pos += 4 + vl
    (nt,) = struct.unpack_from("<I", data, pos)
    pos += 4
    tensors = []
    for _ in range(nt):
        (nl,) = struct.unpack_from("<H", data, pos)
        name = data[pos + 2:pos + 2 + nl].decode("utf-8")
        pos += 2 + nl
        start = pos
        rank = data[pos]
        dims = struct.unpack_from("<%dI" % rank, data, pos + 1)
        n = 1
        for d in dims:
            n *= d
        pos += 1 + 4 * rank + 4 * n
        tensors.append((name, dims, data[start:pos]))
    header = struct.pack(">BI", 1, len(meta))
    for k, v in meta:
        header += _string(k) + _string(v)
    header += struct.pack(">I", len(tensors))
    for name, dims, _ in tensors:
        header += _string(name) + struct.pack(">B", len(dims))
        for d in dims:
            header += struct.pack(">I", d)
    leaves = [_tagged("aether/model/tensor/v1", _string(name), raw) for name, _, raw in tensors]
    root = _tagged("aether/model/root/v1", struct.pack(">I", len(leaves)) + _merkle(leaves))
    return _tagged("aether/model/v1", _tagged("aether/model/header/v1", header), root).hex()


def write_manifest(folder, name, description, sample, provenance):
    """manifest.json with model_hash (see model_hash above)."""
    digest = model_hash(os.path.join(folder, "weights.bin"))
    manifest = {"name": name, "description": description, "weights": "weights.bin",
                "weights_format": "AETHWTS1", "model_hash": digest, "sample_input": sample,
                "ops": "aether-mesh-ops/2", "provenance": provenance}
    with open(os.path.join(folder, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


# ----------------------------------------------------------------------------- digits MLP
DIGITS_META = {"architecture": "mlp-classifier", "input_scale": "0.0625", "layers": "2"}


def transformer_meta(vocab):
    return {"architecture": "char-transformer", "context": "32", "generate": "64", "heads": "4",
            "layers": "2", "temperature": "0.8", "vocab": "".join(vocab)}

def train_digits():
    rng = np.random.default_rng(20261124)
    with gzip.open(os.path.join(HERE, "data", "digits.csv.gz"), "rt") as f:
        rows = np.array([[float(v) for v in line.split(",")] for line in f if line.strip()])
    x = (rows[:, :64] / 16.0).astype(np.float32)
    y = rows[:, 64].astype(np.int64)
    # Fixed split: the first 1500 rows train, the remaining 297 test.
    xtr, ytr, xte, yte = x[:1500], y[:1500], x[1500:], y[1500:]
    h = 32
    w1 = (rng.standard_normal((64, h)) * np.sqrt(2 / 64)).astype(np.float32)
    b1 = np.zeros(h, np.float32)
    w2 = (rng.standard_normal((h, 10)) * np.sqrt(2 / h)).astype(np.float32)
    b2 = np.zeros(10, np.float32)
    params = [w1, b1, w2, b2]
    adam = Adam(params, lr=3e-3)
    for epoch in range(60):
        order = rng.permutation(len(xtr))
        for s in range(0, len(order), 50):
            idx = order[s : s + 50]
            xb, yb = xtr[idx], ytr[idx]
            z1 = xb @ w1 + b1
            a1 = np.maximum(z1, 0)
            logits = a1 @ w2 + b2
            p = softmax(logits)
            d = p.copy()
            d[np.arange(len(yb)), yb] -= 1
            d /= len(yb)
            gw2 = a1.T @ d
            gb2 = d.sum(0)
            da1 = d @ w2.T
            dz1 = da1 * (z1 > 0)
            gw1 = xb.T @ dz1
            gb1 = dz1.sum(0)
            adam.step([gw1, gb1, gw2, gb2])
    acc = lambda xs, ys: float(((np.maximum(xs @ w1 + b1, 0) @ w2 + b2).argmax(1) == ys).mean())
    print(f"digits: train acc {acc(xtr, ytr):.4f} test acc {acc(xte, yte):.4f}")
    folder = os.path.join(MODELS, "digits-mlp")
    write_weights(os.path.join(folder, "weights.bin"), DIGITS_META,
                  {"fc1.weight": w1, "fc1.bias": b1, "fc2.weight": w2, "fc2.bias": b2})
    with open(os.path.join(folder, "sample-input.txt"), "w") as f:
        f.write(" ".join(str(int(v)) for v in rows[1500, :64]) + "\n")
    write_manifest(folder, "digits-mlp", "8x8 handwritten digit classifier, MLP 64-32-10 (ReLU)",
                   "sample-input.txt",
                   {"data": "UCI optical recognition of handwritten digits (test set, 1797 images) as "
                            "shipped by Debian python3-sklearn: sklearn/datasets/data/digits.csv.gz",
                    "data_licence": "CC BY 4.0 (UCI ML repository); scikit-learn BSD-3-Clause",
                    "recipe": "ai-mesh/training/train.py digits (numpy, seed 20261124, Adam 3e-3, "
                              "60 epochs, batch 50, rows 0-1499 train, 1500-1796 test)"})
    with open(os.path.join(folder, "training-metrics.json"), "w") as f:
        json.dump({"train_accuracy": round(acc(xtr, ytr), 4), "test_accuracy": round(acc(xte, yte), 4),
                   "sample_label": int(rows[1500, 64])}, f, indent=2)
        f.write("\n")


# ----------------------------------------------------------------------------- transformer
def softmax(z):
    z = z - z.max(-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(-1, keepdims=True)


class Adam:
    def __init__(self, params, lr, b1=0.9, b2=0.999, eps=1e-8):
        self.p, self.lr, self.b1, self.b2, self.eps, self.t = params, lr, b1, b2, eps, 0
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]

    def step(self, grads, lr=None):
        self.t += 1
        lr = self.lr if lr is None else lr
        for p, g, m, v in zip(self.p, grads, self.m, self.v):
            m *= self.b1
            m += (1 - self.b1) * g
            v *= self.b2
            v += (1 - self.b2) * g * g
            mh = m / (1 - self.b1 ** self.t)
            vh = v / (1 - self.b2 ** self.t)
            p -= (lr * mh / (np.sqrt(vh) + self.eps)).astype(p.dtype)


EPS = 1e-5
GC = np.float32(np.sqrt(2 / np.pi))


def ln_fwd(x, g, b):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    inv = 1 / np.sqrt(var + EPS)
    xh = (x - mu) * inv
    return xh * g + b, (xh, inv)


def ln_bwd(dy, g, cache):
    xh, inv = cache
    dxh = dy * g
    dx = inv * (dxh - dxh.mean(-1, keepdims=True) - xh * (dxh * xh).mean(-1, keepdims=True))
    return dx, (dy * xh).reshape(-1, xh.shape[-1]).sum(0), dy.reshape(-1, xh.shape[-1]).sum(0)


def gelu_fwd(x):
    t = np.tanh(GC * (x + 0.044715 * x ** 3))
    return 0.5 * x * (1 + t), t


def gelu_bwd(dy, x, t):
    return dy * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GC * (1 + 3 * 0.044715 * x * x))


# The character transformers: architecture, data and seed of each shipped one.
GPTS = {
    "kjv-char-transformer": {
        "d": 64, "heads": 4, "layers": 2, "context": 32, "ffn": 256, "generate": 64, "seed": 1611,
        "data": ["genesis-kjv.txt.gz"], "prompt": "And God said unto Abraham, \n",
        "description": "character-level GPT (2 layers, d=64, 4 heads, context 32) trained on KJV "
                       "Genesis; continues a prompt by 64 sampled characters",
        "corpus": "King James Version, book of Genesis, dumped from Debian bible-kjv-text 4.38 "
                  "with `bible -f Gen1:1-Gen50:26`, verse labels stripped"},
    # Sized so that one job is a second or more of CPU (overheads are measured on it) while every
    # operator's inputs and weights still fit one fraud-proof transaction (< 240 KiB): the largest,
    # fc2, reads a [64, 288] input and a 288x96 weight (~184 KB); and its trace still fits one KZG
    # blob (4 096 leaves): 88 generated characters are 4 051 steps.
    "kjv-pentateuch-gpt": {
        "d": 96, "heads": 4, "layers": 4, "context": 64, "ffn": 288, "generate": 88, "seed": 1612,
        "data": ["genesis-kjv.txt.gz", "exodus-deuteronomy-kjv.txt.gz"],
        "prompt": "And the LORD spake unto Moses, saying, \n",
        "description": "character-level GPT (4 layers, d=96, 4 heads, context 64) trained on the "
                       "KJV Pentateuch; continues a prompt by 88 sampled characters",
        "corpus": "King James Version, Genesis to Deuteronomy, dumped from Debian bible-kjv-text "
                  "4.38 with `bible -f Gen1:1-Gen50:26` and `bible -f Exo1:1-Deu34:12`, verse "
                  "labels stripped"},
}


def train_transformer(steps, stop_at=None, resume=None, name="kjv-char-transformer",
                      snapshots=None):
    """Trains model `name` (GPTS) on a `steps`-long learning-rate schedule, stopping after
    `stop_at` steps.

    `resume` loads weights saved at step `stop_at` (an .npz of the same tensors) instead of
    training, to export a snapshot of a run without repeating it. `snapshots` is a folder to save
    an .npz of the weights in every 250 steps (so a long run that is killed can be exported).
    """
    spec = GPTS[name]
    stop_at = steps if stop_at is None else stop_at
    rng = np.random.default_rng(spec["seed"])
    text = ""
    for part in spec["data"]:
        with gzip.open(os.path.join(HERE, "data", part), "rt") as f:
            text += " " + f.read()
    text = " ".join(text.split())
    vocab = sorted(set(text))
    stoi = {c: i for i, c in enumerate(vocab)}
    data = np.array([stoi[c] for c in text], np.int64)
    split = int(len(data) * 0.95)
    train, val = data[:split], data[split:]
    V, d, H, L, T, F = (len(vocab), spec["d"], spec["heads"], spec["layers"], spec["context"],
                        spec["ffn"])
    dh = d // H
    nrm = lambda *s: (rng.standard_normal(s) * 0.02).astype(np.float32)
    P = {"tok_emb": nrm(V, d), "pos_emb": nrm(T, d), "lnf.gamma": np.ones(d, np.float32),
         "lnf.beta": np.zeros(d, np.float32), "head.weight": nrm(d, V), "head.bias": np.zeros(V, np.float32)}
    for l in range(L):
        p = f"layer{l}."
        P[p + "ln1.gamma"] = np.ones(d, np.float32)
        P[p + "ln1.beta"] = np.zeros(d, np.float32)
        P[p + "qkv.weight"] = nrm(d, 3 * d)
        P[p + "qkv.bias"] = np.zeros(3 * d, np.float32)
        P[p + "proj.weight"] = nrm(d, d) / np.sqrt(2 * L)
        P[p + "proj.bias"] = np.zeros(d, np.float32)
        P[p + "ln2.gamma"] = np.ones(d, np.float32)
        P[p + "ln2.beta"] = np.zeros(d, np.float32)
        P[p + "fc1.weight"] = nrm(d, F)
        P[p + "fc1.bias"] = np.zeros(F, np.float32)
        P[p + "fc2.weight"] = nrm(F, d) / np.sqrt(2 * L)
        P[p + "fc2.bias"] = np.zeros(d, np.float32)
    names = sorted(P)
    adam = Adam([P[n] for n in names], lr=3e-3)
    mask = np.triu(np.full((T, T), -1e9, np.float32), 1)
    scale = np.float32(1 / np.sqrt(dh))

    def forward(idx, tgt, need_grad):
        B = idx.shape[0]
        x = P["tok_emb"][idx] + P["pos_emb"][None, :T]
        caches = []
        for l in range(L):
            p = f"layer{l}."
            h, c1 = ln_fwd(x, P[p + "ln1.gamma"], P[p + "ln1.beta"])
            qkv = h @ P[p + "qkv.weight"] + P[p + "qkv.bias"]
            q, k, v = [qkv[..., i * d:(i + 1) * d].reshape(B, T, H, dh).transpose(0, 2, 1, 3) for i in range(3)]
            att = softmax(q @ k.transpose(0, 1, 3, 2) * scale + mask)
            y = (att @ v).transpose(0, 2, 1, 3).reshape(B, T, d)
            x1 = x + y @ P[p + "proj.weight"] + P[p + "proj.bias"]
            h2, c2 = ln_fwd(x1, P[p + "ln2.gamma"], P[p + "ln2.beta"])
            z = h2 @ P[p + "fc1.weight"] + P[p + "fc1.bias"]
            f, t = gelu_fwd(z)
            x2 = x1 + f @ P[p + "fc2.weight"] + P[p + "fc2.bias"]
            caches.append((x, h, c1, q, k, v, att, y, x1, h2, c2, z, f, t))
            x = x2
        xf, cf = ln_fwd(x, P["lnf.gamma"], P["lnf.beta"])
        logits = xf @ P["head.weight"] + P["head.bias"]
        pr = softmax(logits)
        loss = -np.log(pr[np.arange(B)[:, None], np.arange(T)[None, :], tgt] + 1e-12).mean()
        if not need_grad:
            return loss, None
        G = {n: np.zeros_like(P[n]) for n in names}
        dl = pr
        dl[np.arange(B)[:, None], np.arange(T)[None, :], tgt] -= 1
        dl /= B * T
        G["head.weight"] = xf.reshape(-1, d).T @ dl.reshape(-1, V)
        G["head.bias"] = dl.reshape(-1, V).sum(0)
        dx, G["lnf.gamma"], G["lnf.beta"] = ln_bwd(dl @ P["head.weight"].T, P["lnf.gamma"], cf)
        for l in reversed(range(L)):
            p = f"layer{l}."
            (x0, h, c1, q, k, v, att, y, x1, h2, c2, z, f, t) = caches[l]
            dm = dx
            G[p + "fc2.weight"] = f.reshape(-1, F).T @ dm.reshape(-1, d)
            G[p + "fc2.bias"] = dm.reshape(-1, d).sum(0)
            dz = gelu_bwd(dm @ P[p + "fc2.weight"].T, z, t)
            G[p + "fc1.weight"] = h2.reshape(-1, d).T @ dz.reshape(-1, F)
            G[p + "fc1.bias"] = dz.reshape(-1, F).sum(0)
            dh2, G[p + "ln2.gamma"], G[p + "ln2.beta"] = ln_bwd(dz @ P[p + "fc1.weight"].T, P[p + "ln2.gamma"], c2)
            dx1 = dx + dh2
            G[p + "proj.weight"] = y.reshape(-1, d).T @ dx1.reshape(-1, d)
            G[p + "proj.bias"] = dx1.reshape(-1, d).sum(0)
            dy = (dx1 @ P[p + "proj.weight"].T).reshape(B, T, H, dh).transpose(0, 2, 1, 3)
            datt = dy @ v.transpose(0, 1, 3, 2)
            dv = att.transpose(0, 1, 3, 2) @ dy
            ds = att * (datt - (datt * att).sum(-1, keepdims=True)) * scale
            dq = ds @ k
            dk = ds.transpose(0, 1, 3, 2) @ q
            dqkv = np.concatenate([g.transpose(0, 2, 1, 3).reshape(B, T, d) for g in (dq, dk, dv)], -1)
            G[p + "qkv.weight"] = h.reshape(-1, d).T @ dqkv.reshape(-1, 3 * d)
            G[p + "qkv.bias"] = dqkv.reshape(-1, 3 * d).sum(0)
            dh1, G[p + "ln1.gamma"], G[p + "ln1.beta"] = ln_bwd(dqkv @ P[p + "qkv.weight"].T, P[p + "ln1.gamma"], c1)
            dx = dx1 + dh1
        np.add.at(G["tok_emb"], idx, dx)
        G["pos_emb"] = dx.sum(0)
        return loss, G

    def batch(src, B):
        ix = rng.integers(0, len(src) - T - 1, B)
        return np.stack([src[i:i + T] for i in ix]), np.stack([src[i + 1:i + T + 1] for i in ix])

    start = 0
    if resume is not None:
        snap = np.load(resume)
        for n in names:
            P[n][...] = snap[n]
        start = stop_at
    for step in range(start, stop_at):
        xb, yb = batch(train, 32)
        loss, G = forward(xb, yb, True)
        lr = 3e-3 * min(1.0, (step + 1) / 100) * (0.1 + 0.9 * (1 - step / steps))
        adam.step([G[n] for n in names], lr)
        if step % 200 == 0 or step == stop_at - 1:
            vl, _ = forward(*batch(val, 64), False)
            print(f"step {step} train loss {loss:.4f} val loss {vl:.4f}", flush=True)
        if snapshots is not None and (step + 1) % 250 == 0:
            np.savez(os.path.join(snapshots, f"{name}-{step + 1}.npz"), **P)
    vl = np.mean([forward(*batch(val, 64), False)[0] for _ in range(8)])
    folder = os.path.join(MODELS, name)
    os.makedirs(folder, exist_ok=True)
    meta = transformer_meta(vocab)
    meta.update({"context": str(T), "generate": str(spec["generate"]), "heads": str(H),
                 "layers": str(L)})
    write_weights(os.path.join(folder, "weights.bin"), meta, P)
    with open(os.path.join(folder, "sample-input.txt"), "w") as f:
        f.write(spec["prompt"])
    stop = f" --stop-at {stop_at}" if stop_at != steps else ""
    which = "" if name == "kjv-char-transformer" else f" --model {name}"
    write_manifest(folder, name, spec["description"], "sample-input.txt",
                   {"data": spec["corpus"],
                    "data_licence": "public domain (KJV, 1611; see the package's copyright file)",
                    "recipe": f"ai-mesh/training/train.py transformer {steps}{stop}{which} (numpy, "
                              f"seed {spec['seed']}, Adam 3e-3 with warm-up and linear decay over "
                              f"the schedule, batch 32 x {T} chars)"})
    with open(os.path.join(folder, "training-metrics.json"), "w") as f:
        json.dump({"schedule_steps": steps, "steps_run": stop_at,
                   "final_val_loss_nats_per_char": round(float(vl), 4),
                   "vocab_size": V, "train_chars": int(len(train)), "val_chars": int(len(val))}, f, indent=2)
        f.write("\n")
    print(f"transformer: vocab {V}, val loss {vl:.4f}")


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "digits"
    if what == "digits":
        train_digits()
    elif what == "transformer":
        args = sys.argv[2:]
        opt = lambda name: args[args.index(name) + 1] if name in args else None
        steps = int(args[0]) if args and not args[0].startswith("--") else 4000
        stop = opt("--stop-at")
        train_transformer(steps, int(stop) if stop else None, opt("--resume"),
                          opt("--model") or "kjv-char-transformer", opt("--snapshots"))
    else:
        sys.exit("usage: train.py digits | transformer [STEPS] [--stop-at N] [--resume SNAPSHOT.npz]"
                 " [--model kjv-char-transformer|kjv-pentateuch-gpt] [--snapshots DIR]")
