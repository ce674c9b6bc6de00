"""Verifiable compute payloads built from their fields (ADR 0057): the Verifiable Compute Receipt
(``Vcr``, types/Vcr.java) and its signature, a provider's published receipt (``VcrSubmission``), the
one-round fraud proof (``FraudProof``), and the parts they carry -- the model header, KZG openings,
tensors and weight slices (compute/ in Java). Encoded byte for byte as the Java codec encodes them
(sdk/vectors/builders.json), decoded with the same limits, and checked for the shape the chain
refuses before a transaction carries them (ValueError). The SDK does not run models or make KZG
proofs: trace leaves, commitments and openings come from whoever did."""
from __future__ import annotations

import struct
from dataclasses import dataclass, field, replace
from typing import Dict, List, Mapping, Optional, Sequence, Tuple, Union

from .codec import Reader, Writer, decode, encode
from .errors import CodecError
from .hashing import tagged
from .keys import KeyPair, verify_signature

LIMITS = dict(
    tee_quote=16 * 1024, openings=256, opening_index=4096, leaves=4096, data_proof=64,
    collateral=4, collateral_file=16 * 1024, metadata=64, metadata_key=64, metadata_value=4096,
    tensors=1024, tensor_name=128, rank=8, tensor_bytes=256 * 1024, step_inputs=4096,
    step_weights=4, weight_path=11,
)
_VERSION = 1


def _need(ok: bool, what: str) -> None:
    if not ok:
        raise ValueError(what)


def _b(b: bytes, n: int, what: str) -> bytes:
    _need(isinstance(b, (bytes, bytearray)) and len(b) == n, f"{what} must be {n} bytes")
    return bytes(b)


def _text(s: str, limit: int, what: str) -> bytes:
    _need(isinstance(s, str), f"{what} must be text")
    try:
        b = s.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{what} must be well-formed Unicode text") from None
    _need(len(b) <= limit, f"{what} is at most {limit} UTF-8 bytes")
    return b


# ------------------------------------------------------------------------------------------ tensors

def _f32_bits(x: float) -> int:
    """The nearest f32's bits (Java's ``(float)`` cast): overflow gives an infinity, not an error."""
    try:
        return struct.unpack("<I", struct.pack("<f", x))[0]
    except OverflowError:
        return 0x7F800000 if x > 0 else 0xFF800000


@dataclass(frozen=True)
class Tensor:
    """A dense f32 tensor, row-major, held as each element's IEEE-754 bits (NaN payloads kept)."""
    shape: Tuple[int, ...]
    bits: Tuple[int, ...]

    def __post_init__(self):
        object.__setattr__(self, "shape", tuple(self.shape))
        object.__setattr__(self, "bits", tuple(self.bits))
        _need(1 <= len(self.shape) <= LIMITS["rank"], f"a tensor's rank is 1..{LIMITS['rank']}")
        n = 1
        for d in self.shape:
            _need(isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 0x7FFFFFFF,
                  "a tensor's dimensions are 1..2^31-1")
            n *= d
        _need(n == len(self.bits), f"shape {list(self.shape)} needs {n} elements, got {len(self.bits)}")
        _need(all(isinstance(b, int) and 0 <= b <= 0xFFFFFFFF for b in self.bits),
              "a tensor's bits are u32")

    @classmethod
    def of(cls, shape: Sequence[int], values: Sequence[float]) -> "Tensor":
        """From numbers, each rounded to the nearest f32 (as Java's ``(float)`` cast rounds)."""
        return cls(tuple(shape), tuple(_f32_bits(float(v)) for v in values))

    @property
    def values(self) -> List[float]:
        return [struct.unpack("<f", struct.pack("<I", b))[0] for b in self.bits]

    def canonical_bytes(self) -> bytes:
        """u8 rank, i32 LE dimensions, f32 LE elements (Tensor.canonicalBytes)."""
        return (bytes([len(self.shape)]) + b"".join(struct.pack("<I", d) for d in self.shape)
                + b"".join(struct.pack("<I", b) for b in self.bits))

    @classmethod
    def from_bytes(cls, b: bytes) -> "Tensor":
        def bad(m):
            raise CodecError("codec.non_canonical", f"tensor: {m}")
        if not b:
            bad("empty tensor encoding")
        rank = b[0]
        if rank == 0 or rank > LIMITS["rank"] or len(b) - 1 < 4 * rank:
            bad(f"bad tensor rank {rank}")
        shape = []
        n = 1
        for i in range(rank):
            d = struct.unpack("<i", b[1 + 4 * i:5 + 4 * i])[0]
            if d <= 0:
                bad(f"bad tensor dimension {d}")
            shape.append(d)
            n *= d
        o = 1 + 4 * rank
        if n * 4 != len(b) - o:
            bad("tensor encoding length does not match its shape")
        return cls(tuple(shape), struct.unpack(f"<{n}I", b[o:]))


def _write_tensor(w: Writer, t: Tensor) -> None:
    b = t.canonical_bytes()
    _need(len(b) <= LIMITS["tensor_bytes"],
          f"an encoded tensor is at most {LIMITS['tensor_bytes']} bytes")
    w.bytes_(b)


def _read_tensor(r: Reader) -> Tensor:
    return Tensor.from_bytes(r.bytes_("Tensor", LIMITS["tensor_bytes"]))


# ------------------------------------------------------------------------------------------ header

Pairs = Union[Mapping[str, str], Sequence[Tuple[str, str]]]


def _pairs(m) -> list:
    return list(m.items()) if isinstance(m, Mapping) else [tuple(x) for x in m]


@dataclass(frozen=True)
class ModelHeader:
    """A model's metadata and each weight tensor's shape, given in any order (a dict or pairs);
    encoded in ascending UTF-8 byte order of the keys."""
    metadata: Union[Mapping[str, str], Sequence[Tuple[str, str]]]
    shapes: Union[Mapping[str, Sequence[int]], Sequence[Tuple[str, Sequence[int]]]]

    def canonical(self):
        meta = [(_text(k, LIMITS["metadata_key"], "a metadata key"),
                 _text(v, LIMITS["metadata_value"], "a metadata value"))
                for k, v in _pairs(self.metadata)]
        shapes = []
        for k, s in _pairs(self.shapes):
            s = list(s)
            _need(1 <= len(s) <= LIMITS["rank"], f"tensor {k!r} must have rank 1..{LIMITS['rank']}")
            for d in s:
                _need(isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 0x7FFFFFFF,
                      f"tensor {k!r} has dimension {d}")
            shapes.append((_text(k, LIMITS["tensor_name"], "a tensor name"), s))
        _need(len(meta) <= LIMITS["metadata"], f"at most {LIMITS['metadata']} metadata entries")
        _need(len(shapes) <= LIMITS["tensors"], f"at most {LIMITS['tensors']} tensors")
        meta.sort(key=lambda e: e[0])
        shapes.sort(key=lambda e: e[0])
        _need(all(a[0] != b[0] for a, b in zip(meta, meta[1:])), "a metadata key is given twice")
        _need(all(a[0] != b[0] for a, b in zip(shapes, shapes[1:])),
              "a tensor name is given twice")
        return meta, shapes

    def encode(self) -> bytes:
        return encode(write_model_header, self)

    def hash(self) -> bytes:
        """SHA-256("aether/model/header/v1" || 0 || header bytes)."""
        return tagged("aether/model/header/v1", self.encode())


def write_model_header(w: Writer, h: ModelHeader) -> None:
    meta, shapes = h.canonical()
    w.u8(_VERSION).u32(len(meta))
    for k, v in meta:
        w.bytes_(k).bytes_(v)
    w.u32(len(shapes))
    for k, s in shapes:
        w.bytes_(k).u8(len(s))
        for d in s:
            w.u32(d)


def read_model_header(r: Reader) -> ModelHeader:
    v = r.u8("ModelHeader version")
    if v != _VERSION:
        raise CodecError("codec.non_canonical", f"ModelHeader version {v}")
    prev = [None]

    def ascending(k: str):
        b = k.encode("utf-8")
        if prev[0] is not None and prev[0] >= b:
            raise CodecError("codec.non_canonical", f"names not strictly ascending at {k!r}")
        prev[0] = b

    metadata = []
    for _ in range(r.length("ModelHeader metadata", LIMITS["metadata"])):
        k = r.string("ModelHeader key", LIMITS["metadata_key"])
        ascending(k)
        metadata.append((k, r.string("ModelHeader value", LIMITS["metadata_value"])))
    shapes = []
    prev[0] = None
    for _ in range(r.length("ModelHeader tensors", LIMITS["tensors"])):
        name = r.string("ModelHeader tensor name", LIMITS["tensor_name"])
        ascending(name)
        rank = r.u8("ModelHeader rank")
        if not 1 <= rank <= LIMITS["rank"]:
            raise CodecError("codec.non_canonical", f"tensor {name!r} has rank {rank}")
        shape = []
        for _ in range(rank):
            d = r.u32("ModelHeader dim")
            if not 1 <= d <= 0x7FFFFFFF:
                raise CodecError("codec.non_canonical", f"tensor {name!r} has dimension {d}")
            shape.append(d)
        shapes.append((name, shape))
    return ModelHeader(metadata, shapes)


def model_hash(h: ModelHeader, weights_root: bytes) -> bytes:
    """``model_hash`` = SHA-256("aether/model/v1" || 0 || header hash || weights root)."""
    return tagged("aether/model/v1", h.hash(), _b(weights_root, 32, "weights_root"))


def tensor_leaf(name: str, t: Tensor) -> bytes:
    """A weight tensor's leaf in its model's weights tree."""
    return tagged("aether/model/tensor/v1",
                  Writer().bytes_(_text(name, LIMITS["tensor_name"], "a tensor name")).to_bytes(),
                  t.canonical_bytes())


# ------------------------------------------------------------------------------------------ parts

@dataclass(frozen=True)
class Opening:
    """A KZG opening at ``index``: a 32-byte scalar and a 48-byte proof."""
    index: int
    value: bytes
    proof: bytes


def write_opening(w: Writer, o: Opening) -> None:
    _need(isinstance(o.index, int) and 0 <= o.index < LIMITS["opening_index"],
          f"an opening's index is 0..{LIMITS['opening_index'] - 1}")
    w.u32(o.index).fixed(_b(o.value, 32, "an opening's value")) \
        .fixed(_b(o.proof, 48, "an opening's proof"))


def read_opening(r: Reader) -> Opening:
    i = r.u32("Opening index")
    if i >= LIMITS["opening_index"]:
        raise CodecError("codec.length_over_limit",
                         f"Opening index: {i} over the limit of {LIMITS['opening_index'] - 1}")
    return Opening(i, r.fixed("Opening value", 32), r.fixed("Opening proof", 48))


@dataclass(frozen=True)
class WeightSlice:
    """One weight tensor and its Merkle path (siblings from the leaf up) to the weights root."""
    name: str
    tensor: Tensor
    path: Sequence[bytes] = ()


@dataclass(frozen=True)
class StepEvidence:
    """What re-executing one step takes: its input tensors and its operator's weight slices."""
    inputs: Sequence[Tensor] = ()
    weights: Sequence[WeightSlice] = ()


def _write_slice(w: Writer, s: WeightSlice) -> None:
    w.bytes_(_text(s.name, LIMITS["tensor_name"], "a weight slice's name"))
    _write_tensor(w, s.tensor)
    _need(len(s.path) <= LIMITS["weight_path"],
          f"a weight slice's path has at most {LIMITS['weight_path']} hashes")
    w.list_(list(s.path), lambda x, h: x.fixed(_b(h, 32, "a path hash")))


def write_step_evidence(w: Writer, e: StepEvidence) -> None:
    _need(len(e.inputs) <= LIMITS["step_inputs"], f"at most {LIMITS['step_inputs']} input tensors")
    _need(len(e.weights) <= LIMITS["step_weights"],
          f"at most {LIMITS['step_weights']} weight slices")
    w.list_(list(e.inputs), _write_tensor)
    w.list_(list(e.weights), _write_slice)


def read_step_evidence(r: Reader) -> StepEvidence:
    inputs = r.list_("StepEvidence inputs", LIMITS["step_inputs"], _read_tensor)
    weights = r.list_("StepEvidence weights", LIMITS["step_weights"], lambda x: WeightSlice(
        x.string("WeightSlice name", LIMITS["tensor_name"]), _read_tensor(x),
        x.list_("WeightSlice path", LIMITS["weight_path"],
                lambda y: y.fixed("WeightSlice path hash", 32))))
    return StepEvidence(inputs, weights)


# ------------------------------------------------------------------------------------------ receipts

@dataclass(frozen=True)
class Vcr:
    """A Verifiable Compute Receipt, signed by the provider over ``vcr_signing_bytes``
    (``sig`` empty until ``sign_vcr``)."""
    job_id: bytes
    provider: bytes
    input_hash: bytes
    model_hash: bytes
    code_hash: bytes
    seed: int
    output_hash: bytes
    tee_quote: bytes = b""
    kzg_commit: Optional[bytes] = None
    openings: Optional[Sequence[Opening]] = None
    sig: bytes = b""


def _write_unsigned(w: Writer, v: Vcr) -> None:
    _need(len(v.tee_quote) <= LIMITS["tee_quote"],
          f"a TEE quote is at most {LIMITS['tee_quote']} bytes")
    _need(v.openings is None or v.kzg_commit is not None, "openings need a kzg_commit")
    if v.openings is not None:
        _need(len(v.openings) <= LIMITS["openings"], f"at most {LIMITS['openings']} openings")
        _need(all(a.index < b.index for a, b in zip(v.openings, v.openings[1:])),
              "openings must be strictly ascending by index")
    w.u8(_VERSION)
    for b, what in ((v.job_id, "job_id"), (v.provider, "provider"), (v.input_hash, "input_hash"),
                    (v.model_hash, "model_hash"), (v.code_hash, "code_hash")):
        w.fixed(_b(b, 32, what))
    w.u64(v.seed).fixed(_b(v.output_hash, 32, "output_hash")).bytes_(v.tee_quote)
    w.option(v.kzg_commit, lambda x, c: x.fixed(_b(c, 48, "kzg_commit")))
    w.option(None if v.openings is None else list(v.openings),
             lambda x, os: x.list_(os, write_opening))


def vcr_signing_bytes(v: Vcr) -> bytes:
    """What the provider signs: "aether/vcr/v1" || 0 || the encoding without the signature."""
    w = Writer()
    _write_unsigned(w, v)
    return b"aether/vcr/v1\x00" + w.to_bytes()


def sign_vcr(v: Vcr, provider_key: KeyPair) -> Vcr:
    """The receipt signed by the provider's key (deterministic Ed25519)."""
    return replace(v, sig=provider_key.sign(vcr_signing_bytes(v)))


def verify_vcr(v: Vcr, public_key: bytes) -> bool:
    """Whether ``v.sig`` is ``public_key``'s signature over the receipt."""
    return len(v.sig) == 64 and verify_signature(v.sig, vcr_signing_bytes(v), public_key)


def write_vcr(w: Writer, v: Vcr) -> None:
    _write_unsigned(w, v)
    w.fixed(_b(v.sig, 64, "sig"))


def read_vcr(r: Reader) -> Vcr:
    ver = r.u8("Vcr version")
    if ver != _VERSION:
        raise CodecError("codec.unknown_tag", f"Vcr version {ver}")
    fields = [r.fixed(f"Vcr {n}", 32) for n in ("jobId", "provider", "inputHash", "modelHash",
                                                 "codeHash")]
    seed = r.u64("Vcr seed")
    output = r.fixed("Vcr outputHash", 32)
    quote = r.bytes_("Vcr teeQuote", LIMITS["tee_quote"])
    commit = r.option("Vcr kzgCommit", lambda x: x.fixed("Vcr kzgCommit", 48))

    def openings(x):
        os = x.list_("Vcr openings", LIMITS["openings"], read_opening)
        if any(a.index >= b.index for a, b in zip(os, os[1:])):
            raise CodecError("codec.non_canonical", "Vcr openings not strictly ascending")
        return os
    ops = r.option("Vcr openings", openings)
    if ops is not None and commit is None:
        raise CodecError("codec.non_canonical", "Vcr openings without a kzgCommit")
    return Vcr(*fields, seed, output, quote, commit, ops, r.fixed("Vcr sig", 64))


@dataclass(frozen=True)
class VcrSubmission:
    """A receipt as a provider publishes it: the argument of ``submitVCR`` and ``revealVCR``."""
    vcr: Vcr
    header: ModelHeader
    weights_root: bytes
    leaves: Sequence[bytes]
    data_proof: bytes
    last_step: StepEvidence
    collateral: Sequence[bytes] = ()

    def encode(self) -> bytes:
        return encode(write_vcr_submission, self)


def write_vcr_submission(w: Writer, s: VcrSubmission) -> None:
    _need(len(s.leaves) <= LIMITS["leaves"], f"at most {LIMITS['leaves']} trace leaves")
    _need(len(s.data_proof) <= LIMITS["data_proof"],
          f"a data proof is at most {LIMITS['data_proof']} bytes")
    _need(len(s.collateral) <= LIMITS["collateral"],
          f"at most {LIMITS['collateral']} collateral files")
    _need(all(len(f) <= LIMITS["collateral_file"] for f in s.collateral),
          f"a collateral file is at most {LIMITS['collateral_file']} bytes")
    w.u8(_VERSION)
    write_vcr(w, s.vcr)
    write_model_header(w, s.header)
    w.fixed(_b(s.weights_root, 32, "weights_root"))
    w.list_(list(s.leaves), lambda x, l: x.fixed(_b(l, 32, "a trace leaf")))
    w.bytes_(s.data_proof)
    write_step_evidence(w, s.last_step)
    w.list_(list(s.collateral), lambda x, f: x.bytes_(f))


def read_vcr_submission(r: Reader) -> VcrSubmission:
    v = r.u8("VcrSubmission version")
    if v != _VERSION:
        raise CodecError("codec.non_canonical", f"VcrSubmission version {v}")
    return VcrSubmission(
        read_vcr(r), read_model_header(r), r.fixed("VcrSubmission weightsRoot", 32),
        r.list_("VcrSubmission leaves", LIMITS["leaves"], lambda x: x.fixed("leaf", 32)),
        r.bytes_("VcrSubmission dataProof", LIMITS["data_proof"]), read_step_evidence(r),
        r.list_("VcrSubmission collateral", LIMITS["collateral"],
                lambda x: x.bytes_("VcrSubmission collateral", LIMITS["collateral_file"])))


@dataclass(frozen=True)
class FraudProof:
    """"Step ``step`` of job ``job_id``'s committed trace is not what its operator computes.\""""
    job_id: bytes
    header: ModelHeader
    weights_root: bytes
    step: int
    step_opening: Opening
    input_openings: Sequence[Opening]
    evidence: StepEvidence

    def encode(self) -> bytes:
        return encode(write_fraud_proof, self)


def write_fraud_proof(w: Writer, p: FraudProof) -> None:
    _need(isinstance(p.step, int) and 0 <= p.step < LIMITS["leaves"],
          f"a fraud proof's step is 0..{LIMITS['leaves'] - 1}")
    _need(len(p.input_openings) <= LIMITS["step_inputs"],
          f"at most {LIMITS['step_inputs']} input openings")
    w.u8(_VERSION).fixed(_b(p.job_id, 32, "job_id"))
    write_model_header(w, p.header)
    w.fixed(_b(p.weights_root, 32, "weights_root")).u32(p.step)
    write_opening(w, p.step_opening)
    w.list_(list(p.input_openings), write_opening)
    write_step_evidence(w, p.evidence)


def read_fraud_proof(r: Reader) -> FraudProof:
    v = r.u8("FraudProof version")
    if v != _VERSION:
        raise CodecError("codec.non_canonical", f"FraudProof version {v}")
    job = r.fixed("FraudProof jobId", 32)
    header = read_model_header(r)
    root = r.fixed("FraudProof weightsRoot", 32)
    step = r.u32("FraudProof step")
    if step >= LIMITS["leaves"]:
        raise CodecError("codec.length_over_limit",
                         f"FraudProof step: {step} over the limit of {LIMITS['leaves'] - 1}")
    return FraudProof(job, header, root, step, read_opening(r),
                      r.list_("FraudProof inputOpenings", LIMITS["step_inputs"], read_opening),
                      read_step_evidence(r))


def encode_vcr(v: Vcr) -> bytes:
    return encode(write_vcr, v)


def decode_vcr(b: bytes) -> Vcr:
    return decode(read_vcr, b, "Vcr")


def decode_vcr_submission(b: bytes) -> VcrSubmission:
    return decode(read_vcr_submission, b, "VcrSubmission")


def decode_fraud_proof(b: bytes) -> FraudProof:
    return decode(read_fraud_proof, b, "FraudProof")


def decode_model_header(b: bytes) -> ModelHeader:
    return decode(read_model_header, b, "ModelHeader")


def encode_step_evidence(e: StepEvidence) -> bytes:
    return encode(write_step_evidence, e)


def replica_commitment(job_id: bytes, provider: bytes, output_hash: bytes,
                       trace_commitment: bytes, salt: bytes) -> bytes:
    """What a replica commits to before anyone reveals (QuorumJob.commitment)."""
    return tagged("aether/jobs/commit/v1", _b(job_id, 32, "job_id"), _b(provider, 32, "provider"),
                  _b(output_hash, 32, "output_hash"),
                  _b(trace_commitment, 48, "a trace commitment"), _b(salt, 32, "a salt"))


def receipt_commitment(s: VcrSubmission, salt: bytes) -> bytes:
    """The commitment ``revealVCR`` checks for this receipt and salt (a receipt without a trace
    commitment commits to 48 zero bytes, as the job escrow reads it)."""
    v = s.vcr
    return replica_commitment(v.job_id, v.provider, v.output_hash,
                              v.kzg_commit if v.kzg_commit is not None else bytes(48), salt)


__all__ = ["LIMITS", "Tensor", "ModelHeader", "Opening", "WeightSlice", "StepEvidence", "Vcr",
           "VcrSubmission", "FraudProof", "vcr_signing_bytes", "sign_vcr", "verify_vcr",
           "encode_vcr", "decode_vcr", "decode_vcr_submission", "decode_fraud_proof",
           "decode_model_header", "encode_step_evidence", "model_hash", "tensor_leaf",
           "replica_commitment", "receipt_commitment", "write_model_header", "read_model_header",
           "write_vcr", "read_vcr", "write_vcr_submission", "read_vcr_submission",
           "write_fraud_proof", "read_fraud_proof", "write_step_evidence", "read_step_evidence",
           "write_opening", "read_opening"]
