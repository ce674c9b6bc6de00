"""Aether's canonical codec (docs/codec.md), byte for byte the Java codec in ``types/``.

Fixed-width big-endian integers, u32 length prefixes, strictly ascending sets; the decoder
accepts only the one encoding of each value. Values are plain dataclasses; bytes are ``bytes``.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Callable, List, Optional, TypeVar

from .errors import CodecError

T = TypeVar("T")

LIMITS = dict(
    chain_id=32, inputs=256, access=1024, outputs=256, calls=16, signatures=16,
    tx_bytes=256 * 1024, assets=64, datum=16 * 1024, method=64, args=64 * 1024, topic=64,
    event_data=4096, events=256, block_txs=65536, block_signature=1024, vrf_proof=128,
    validators=1024,
)


class Writer:
    def __init__(self) -> None:
        self._parts: List[bytes] = []

    def u8(self, v: int) -> "Writer":
        if not 0 <= v <= 0xFF:
            raise ValueError(f"u8 out of range: {v}")
        self._parts.append(bytes([v]))
        return self

    def u16(self, v: int) -> "Writer":
        if not 0 <= v <= 0xFFFF:
            raise ValueError(f"u16 out of range: {v}")
        self._parts.append(struct.pack(">H", v))
        return self

    def u32(self, v: int) -> "Writer":
        if not 0 <= v <= 0xFFFFFFFF:
            raise ValueError(f"u32 out of range: {v}")
        self._parts.append(struct.pack(">I", v))
        return self

    def u64(self, v: int) -> "Writer":
        if not 0 <= v < 1 << 64:
            raise ValueError(f"u64 out of range: {v}")
        self._parts.append(v.to_bytes(8, "big"))
        return self

    def u128(self, v: int) -> "Writer":
        if not 0 <= v < 1 << 128:
            raise ValueError(f"u128 out of range: {v}")
        self._parts.append(v.to_bytes(16, "big"))
        return self

    def fixed(self, b: bytes, n: Optional[int] = None) -> "Writer":
        if n is not None and len(b) != n:
            raise ValueError(f"expected {n} bytes, got {len(b)}")
        self._parts.append(bytes(b))
        return self

    def bytes_(self, b: bytes) -> "Writer":
        return self.u32(len(b)).fixed(b)

    def string(self, s: str) -> "Writer":
        return self.bytes_(s.encode("utf-8"))

    def list_(self, items, write: Callable[["Writer", T], None]) -> "Writer":
        self.u32(len(items))
        for t in items:
            write(self, t)
        return self

    def option(self, v, write) -> "Writer":
        if v is None:
            return self.u8(0)
        self.u8(1)
        write(self, v)
        return self

    def to_bytes(self) -> bytes:
        return b"".join(self._parts)


class Reader:
    def __init__(self, buf: bytes) -> None:
        self._buf = bytes(buf)
        self._pos = 0

    @property
    def remaining(self) -> int:
        return len(self._buf) - self._pos

    def _take(self, n: int, what: str) -> bytes:
        if n < 0 or self.remaining < n:
            raise CodecError("codec.truncated", f"{what}: need {n} bytes, have {self.remaining}")
        out = self._buf[self._pos:self._pos + n]
        self._pos += n
        return out

    def u8(self, what: str) -> int:
        return self._take(1, what)[0]

    def u16(self, what: str) -> int:
        return struct.unpack(">H", self._take(2, what))[0]

    def u32(self, what: str) -> int:
        return struct.unpack(">I", self._take(4, what))[0]

    def u64(self, what: str) -> int:
        return int.from_bytes(self._take(8, what), "big")

    def u128(self, what: str) -> int:
        return int.from_bytes(self._take(16, what), "big")

    def fixed(self, what: str, n: int) -> bytes:
        return self._take(n, what)

    def length(self, what: str, limit: int) -> int:
        n = self.u32(what)
        if n > limit:
            raise CodecError("codec.length_over_limit", f"{what}: {n} over the limit of {limit}")
        return n

    def bytes_(self, what: str, limit: int) -> bytes:
        return self.fixed(what, self.length(what, limit))

    def string(self, what: str, limit: int) -> str:
        b = self.bytes_(what, limit)
        try:
            return b.decode("utf-8", errors="strict")
        except UnicodeDecodeError:
            raise CodecError("codec.non_canonical", f"{what} is not valid UTF-8") from None

    def list_(self, what: str, limit: int, read: Callable[["Reader"], T]) -> List[T]:
        n = self.length(what, limit)
        if n > self.remaining:
            raise CodecError("codec.truncated", f"{what}: {n} items, {self.remaining} bytes left")
        return [read(self) for _ in range(n)]

    def option(self, what: str, read):
        tag = self.u8(what)
        if tag == 0:
            return None
        if tag == 1:
            return read(self)
        raise CodecError("codec.unknown_tag", f"{what} option tag {tag}")

    def end(self, what: str) -> None:
        if self.remaining:
            raise CodecError("codec.trailing_bytes", f"{what}: {self.remaining} bytes left over")


def _non_canonical(msg: str):
    raise CodecError("codec.non_canonical", msg)


def _version(r: Reader, expected: int, what: str) -> None:
    v = r.u8(f"{what} version")
    if v != expected:
        raise CodecError("codec.unknown_tag", f"{what} version {v}")


def _ascending(items, key, what):
    for a, b in zip(items, items[1:]):
        if key(a) >= key(b):
            _non_canonical(f"{what} not strictly ascending")
    return items


# ------------------------------------------------------------------------------------------ types

@dataclass(frozen=True)
class AssetAmount:
    asset: bytes
    amount: int


Value = List[AssetAmount]


@dataclass(frozen=True)
class UtxoRef:
    tx_id: bytes
    index: int


@dataclass(frozen=True)
class TxOutput:
    owner: bytes
    value: Value
    datum: Optional[bytes] = None


@dataclass(frozen=True)
class Call:
    program: bytes
    method: str
    args: bytes


@dataclass
class TxBody:
    chain_id: str
    payer: bytes
    nonce: int
    inputs: List[UtxoRef] = field(default_factory=list)
    reads: List[bytes] = field(default_factory=list)
    writes: List[bytes] = field(default_factory=list)
    outputs: List[TxOutput] = field(default_factory=list)
    calls: List[Call] = field(default_factory=list)
    mint: Value = field(default_factory=list)
    burn: Value = field(default_factory=list)
    fee_cap: int = 0
    valid_from: int = 0
    valid_until: int = 0


@dataclass(frozen=True)
class TxSignature:
    public_key: bytes
    signature: bytes


@dataclass
class Tx:
    body: TxBody
    signatures: List[TxSignature]


@dataclass
class QuorumCert:
    epoch: int
    round: int
    block_id: bytes
    signers: bytes
    aggregate_signature: bytes


@dataclass
class TimeoutCert:
    epoch: int
    round: int
    signers: bytes
    high_qc_rounds: List[int]
    aggregate_signature: bytes


@dataclass
class OpCert:
    """An operational certificate: the validator's cold key vouches for the hot KES key."""
    hot_key: bytes
    counter: int
    start_period: int
    cold_signature: bytes


@dataclass
class Header:
    epoch: int
    height: int
    slot: int
    round: int
    parent: bytes
    proposer: int
    vrf_proof: bytes
    kes_period: int
    op_cert: OpCert
    tx_root: bytes
    state_root: bytes
    receipts_root: bytes
    shred_root: bytes
    parent_qc: QuorumCert
    timeout_cert: Optional[TimeoutCert] = None


@dataclass
class Block:
    header: Header
    txs: List[Tx]
    proposer_signature: bytes


@dataclass(frozen=True)
class Event:
    emitter: bytes
    topic: bytes
    data: bytes


@dataclass
class Receipt:
    tx_id: bytes
    status: str
    fee_paid: int
    steps: int
    mem_bytes: int
    events: List[Event]
    error_code: int


# ------------------------------------------------------------------------------------------ writers

def normal_value(v: Value) -> Value:
    out = sorted((a for a in v if a.amount != 0), key=lambda a: a.asset)
    for a, b in zip(out, out[1:]):
        if a.asset == b.asset:
            raise ValueError("a Value lists an asset twice")
    if len(out) > LIMITS["assets"]:
        raise ValueError("too many assets")
    return out


def write_value(w: Writer, v: Value) -> None:
    vs = normal_value(v)
    w.u32(len(vs))
    for a in vs:
        w.fixed(a.asset, 32).u128(a.amount)


def write_call(w: Writer, c: Call) -> None:
    m = c.method.encode("utf-8")
    if not 0 < len(m) <= LIMITS["method"]:
        raise ValueError("method name must be 1..64 bytes")
    w.fixed(c.program, 32).bytes_(m).bytes_(c.args)


def _write_output(w: Writer, o: TxOutput) -> None:
    w.fixed(o.owner, 32)
    write_value(w, o.value)
    w.option(o.datum, lambda x, d: x.bytes_(d))


def write_tx_body(w: Writer, b: TxBody) -> None:
    if not 0 < len(b.chain_id) <= LIMITS["chain_id"]:
        raise ValueError("chain id must be 1..32 characters")
    w.u8(1).string(b.chain_id).fixed(b.payer, 32).u64(b.nonce)
    w.list_(_ascending(b.inputs, lambda u: (u.tx_id, u.index), "inputs"),
            lambda x, u: x.fixed(u.tx_id, 32).u32(u.index))
    w.list_(_ascending(b.reads, lambda k: k, "reads"), lambda x, k: x.fixed(k, 32))
    w.list_(_ascending(b.writes, lambda k: k, "writes"), lambda x, k: x.fixed(k, 32))
    w.list_(b.outputs, _write_output)
    w.list_(b.calls, write_call)
    write_value(w, b.mint)
    write_value(w, b.burn)
    w.u128(b.fee_cap).u64(b.valid_from).u64(b.valid_until)


def write_tx(w: Writer, t: Tx) -> None:
    write_tx_body(w, t.body)
    w.list_(t.signatures, lambda x, s: x.fixed(s.public_key, 32).fixed(s.signature, 64))


def _write_signers(w: Writer, s: bytes) -> None:
    if s and s[-1] == 0:
        raise ValueError("signer bitmap has a trailing zero byte")
    w.bytes_(s)


def write_qc(w: Writer, q: QuorumCert) -> None:
    w.u64(q.epoch).u64(q.round).fixed(q.block_id, 32)
    _write_signers(w, q.signers)
    w.bytes_(q.aggregate_signature)


def _write_tc(w: Writer, t: TimeoutCert) -> None:
    w.u64(t.epoch).u64(t.round)
    _write_signers(w, t.signers)
    w.list_(t.high_qc_rounds, lambda x, r: x.u64(r))
    w.fixed(t.aggregate_signature, 96)


def write_header(w: Writer, h: Header) -> None:
    w.u8(2).u64(h.epoch).u64(h.height).u64(h.slot).u64(h.round).fixed(h.parent, 32)
    w.u16(h.proposer).bytes_(h.vrf_proof).u32(h.kes_period)
    write_op_cert(w, h.op_cert)
    for root in (h.tx_root, h.state_root, h.receipts_root, h.shred_root):
        w.fixed(root, 32)
    write_qc(w, h.parent_qc)
    w.option(h.timeout_cert, _write_tc)


def write_op_cert(w: Writer, c: OpCert) -> None:
    if not 0 <= c.start_period <= 0x7FFFFFFF:
        raise ValueError("OpCert startPeriod out of range")
    w.fixed(c.hot_key, 32).u64(c.counter).u32(c.start_period).fixed(c.cold_signature, 64)


def write_block(w: Writer, b: Block) -> None:
    write_header(w, b.header)
    w.list_(b.txs, write_tx)
    w.bytes_(b.proposer_signature)


def write_event(w: Writer, e: Event) -> None:
    w.fixed(e.emitter, 32).bytes_(e.topic).bytes_(e.data)


def write_receipt(w: Writer, r: Receipt) -> None:
    w.fixed(r.tx_id, 32).u8(0 if r.status == "success" else 1).u128(r.fee_paid)
    w.u64(r.steps).u64(r.mem_bytes).list_(r.events, write_event).u16(r.error_code)


# ------------------------------------------------------------------------------------------ readers

def read_value(r: Reader) -> Value:
    n = r.length("Value assets", LIMITS["assets"])
    out: Value = []
    for _ in range(n):
        asset = r.fixed("Value asset", 32)
        amount = r.u128("Value amount")
        if out and out[-1].asset >= asset:
            _non_canonical("Value assets not strictly ascending")
        if amount == 0:
            _non_canonical("Value holds a zero amount")
        out.append(AssetAmount(asset, amount))
    return out


def _read_utxo_ref(r: Reader) -> UtxoRef:
    tx_id = r.fixed("UtxoRef txId", 32)
    index = r.u32("UtxoRef index")
    if index >= LIMITS["outputs"]:
        raise CodecError("codec.length_over_limit", f"UtxoRef index {index}")
    return UtxoRef(tx_id, index)


def read_output(r: Reader) -> TxOutput:
    owner = r.fixed("TxOutput owner", 32)
    value = read_value(r)
    datum = r.option("TxOutput datum", lambda x: x.bytes_("TxOutput datum", LIMITS["datum"]))
    return TxOutput(owner, value, datum)


def read_call(r: Reader) -> Call:
    program = r.fixed("Call program", 32)
    method = r.string("Call method", LIMITS["method"])
    if not method:
        _non_canonical("Call method is empty")
    return Call(program, method, r.bytes_("Call args", LIMITS["args"]))


def read_tx_body(r: Reader) -> TxBody:
    _version(r, 1, "TxBody")
    chain_id = r.string("TxBody chainId", LIMITS["chain_id"])
    if not chain_id:
        _non_canonical("TxBody chainId is empty")
    payer = r.fixed("TxBody payer", 32)
    nonce = r.u64("TxBody nonce")
    inputs = _ascending(r.list_("TxBody inputs", LIMITS["inputs"], _read_utxo_ref),
                        lambda u: (u.tx_id, u.index), "TxBody inputs")
    reads = _ascending(r.list_("TxBody reads", LIMITS["access"], lambda x: x.fixed("read", 32)),
                       lambda k: k, "TxBody reads")
    writes = _ascending(r.list_("TxBody writes", LIMITS["access"], lambda x: x.fixed("write", 32)),
                        lambda k: k, "TxBody writes")
    outputs = r.list_("TxBody outputs", LIMITS["outputs"], read_output)
    calls = r.list_("TxBody calls", LIMITS["calls"], read_call)
    mint = read_value(r)
    burn = read_value(r)
    return TxBody(chain_id, payer, nonce, inputs, reads, writes, outputs, calls, mint, burn,
                  r.u128("TxBody feeCap"), r.u64("TxBody validFrom"), r.u64("TxBody validUntil"))


def read_tx(r: Reader) -> Tx:
    body = read_tx_body(r)
    sigs = r.list_("Tx signatures", LIMITS["signatures"], lambda x: TxSignature(
        x.fixed("TxSignature key", 32), x.fixed("TxSignature sig", 64)))
    return Tx(body, sigs)


def _read_signers(r: Reader) -> bytes:
    s = r.bytes_("SignerSet", LIMITS["validators"] // 8)
    if s and s[-1] == 0:
        _non_canonical("SignerSet bitmap has a trailing zero byte")
    return s


def read_qc(r: Reader) -> QuorumCert:
    epoch = r.u64("QuorumCert epoch")
    rnd = r.u64("QuorumCert round")
    block = r.fixed("QuorumCert blockId", 32)
    signers = _read_signers(r)
    sig = r.bytes_("QuorumCert signature", 96)
    if len(sig) not in (0, 96):
        _non_canonical("QuorumCert signature must be 0 (genesis) or 96 bytes")
    return QuorumCert(epoch, rnd, block, signers, sig)


def _read_tc(r: Reader) -> TimeoutCert:
    epoch = r.u64("TimeoutCert epoch")
    rnd = r.u64("TimeoutCert round")
    signers = _read_signers(r)
    rounds = r.list_("TimeoutCert highQcRounds", LIMITS["validators"], lambda x: x.u64("round"))
    if len(rounds) != len(signer_indices(signers)):
        _non_canonical("TimeoutCert rounds do not match its signers")
    return TimeoutCert(epoch, rnd, signers, rounds, r.fixed("TimeoutCert signature", 96))


def read_header(r: Reader) -> Header:
    _version(r, 2, "Header")
    epoch = r.u64("Header epoch")
    height = r.u64("Header height")
    slot = r.u64("Header slot")
    rnd = r.u64("Header round")
    parent = r.fixed("Header parent", 32)
    proposer = r.u16("Header proposer")
    if proposer >= LIMITS["validators"]:
        raise CodecError("codec.length_over_limit", f"Header proposer {proposer}")
    vrf = r.bytes_("Header vrfProof", LIMITS["vrf_proof"])
    kes = r.u32("Header kesPeriod")
    if kes > 0x7FFFFFFF:
        raise CodecError("codec.length_over_limit", f"Header kesPeriod {kes}")
    cert = read_op_cert(r)
    roots = [r.fixed("Header root", 32) for _ in range(4)]
    qc = read_qc(r)
    tc = r.option("Header timeoutCert", _read_tc)
    return Header(epoch, height, slot, rnd, parent, proposer, vrf, kes, cert, *roots, qc, tc)


def read_op_cert(r: Reader) -> OpCert:
    hot = r.fixed("OpCert hotKey", 32)
    counter = r.u64("OpCert counter")
    if counter > 0x7FFFFFFFFFFFFFFF:
        raise CodecError("codec.length_over_limit", f"OpCert counter {counter}")
    start = r.u32("OpCert startPeriod")
    if start > 0x7FFFFFFF:
        raise CodecError("codec.length_over_limit", f"OpCert startPeriod {start}")
    return OpCert(hot, counter, start, r.fixed("OpCert coldSignature", 64))


@dataclass
class SetChange:
    """One link of the chain of validator-set changes (docs/rpc.md)."""
    boundary: Header
    opening: Header
    opening_qc: QuorumCert
    recorded_set: bytes
    proof: bytes


def read_set_change(r: Reader) -> SetChange:
    _version(r, 1, "SetChange")
    return SetChange(read_header(r), read_header(r), read_qc(r),
                     r.bytes_("SetChange blob", 1 << 20), r.bytes_("SetChange blob", 1 << 20))


def write_set_change(w: Writer, c: SetChange) -> None:
    w.u8(1)
    write_header(w, c.boundary)
    write_header(w, c.opening)
    write_qc(w, c.opening_qc)
    w.bytes_(c.recorded_set).bytes_(c.proof)


def read_block(r: Reader) -> Block:
    return Block(read_header(r), r.list_("Block txs", LIMITS["block_txs"], read_tx),
                 r.bytes_("Block proposerSignature", LIMITS["block_signature"]))


def read_event(r: Reader) -> Event:
    return Event(r.fixed("Event emitter", 32), r.bytes_("Event topic", LIMITS["topic"]),
                 r.bytes_("Event data", LIMITS["event_data"]))


def read_receipt(r: Reader) -> Receipt:
    tx_id = r.fixed("Receipt txId", 32)
    tag = r.u8("Receipt status")
    if tag > 1:
        raise CodecError("codec.unknown_tag", f"Receipt status {tag}")
    return Receipt(tx_id, "success" if tag == 0 else "failed", r.u128("Receipt feePaid"),
                   r.u64("Receipt steps"), r.u64("Receipt memBytes"),
                   r.list_("Receipt events", LIMITS["events"], read_event), r.u16("Receipt errorCode"))


def signer_indices(bitmap: bytes) -> List[int]:
    """The validator indexes a signer bitmap names (bit i, LSB-first within byte i/8)."""
    return [i for i in range(len(bitmap) * 8) if (bitmap[i >> 3] >> (i & 7)) & 1]


def encode(write, value) -> bytes:
    w = Writer()
    write(w, value)
    return w.to_bytes()


def decode(read, data: bytes, what: str):
    r = Reader(data)
    v = read(r)
    r.end(what)
    return v


def encode_tx(t: Tx) -> bytes:
    out = encode(write_tx, t)
    if len(out) > LIMITS["tx_bytes"]:
        raise ValueError("transaction too large")
    return out


def decode_tx(b: bytes) -> Tx:
    if len(b) > LIMITS["tx_bytes"]:
        raise CodecError("codec.length_over_limit", f"Tx of {len(b)} bytes")
    return decode(read_tx, b, "Tx")
