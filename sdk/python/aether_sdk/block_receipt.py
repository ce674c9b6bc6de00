"""A block's own receipt (docs/adr/0053, 0054): the events of the block's work after its
transactions -- the fees shared out, deposit refunds and burns, treasury spends, staking
inflation, rewards, leaks and slashes -- committed as the last leaf of the block's receipts tree.
Value events (topics credit, debit, burn, slash) carry a canonical ValueEvent as their data. Byte
for byte the Java BlockReceipt and ValueEvent; checked against golden vectors."""
import re
from dataclasses import dataclass
from typing import List, Optional

from . import codec
from .codec import Event, Reader, Writer
from .errors import CodecError, VerificationError
from .finality import BlsVerify, FinalBlockProof, verify_finality
from .hashing import receipt_leaf, tagged
from .hexutil import from_hex
from .proofs import receipts_root_of_leaves, verify_leaf_proof

KINDS = ("credit", "debit", "burn", "slash")
MAX_EVENTS = 65_536
MAX_CAUSE = 32
MAX_REF = 64
_CAUSE = re.compile(r"[a-z0-9_]{1,32}")


@dataclass(frozen=True)
class ValueEvent:
    kind: str
    account: Optional[bytes]  # the account credited or debited, or the validator slashed
    asset: bytes
    amount: int
    cause: str
    ref: bytes

    def balance_delta(self) -> int:
        """+amount for a credit, -amount for a debit, 0 for a burn or a slash."""
        return {"credit": self.amount, "debit": -self.amount}.get(self.kind, 0)


@dataclass(frozen=True)
class BlockReceipt:
    height: int
    events: List[Event]


def _check(v: ValueEvent) -> None:
    if v.kind not in KINDS:
        raise CodecError("codec.unknown_tag", f"ValueEvent kind {v.kind}")
    if (v.account is None) != (v.kind == "burn"):
        raise CodecError("codec.non_canonical",
                         "a burn names no account" if v.kind == "burn" else
                         f"a {v.kind} names an account")
    if v.amount <= 0:
        raise CodecError("codec.non_canonical", "a value event moves a non-zero amount")
    if not _CAUSE.fullmatch(v.cause):
        raise CodecError("codec.non_canonical", f"cause {v.cause!r} is not 1..32 of [a-z0-9_]")
    if len(v.ref) > MAX_REF:
        raise CodecError("codec.length_over_limit", "ValueEvent ref")


def write_value_event(w: Writer, v: ValueEvent) -> None:
    _check(v)
    w.u8(KINDS.index(v.kind)).option(v.account, lambda x, a: x.fixed(a, 32))
    w.fixed(v.asset, 32).u128(v.amount).string(v.cause).bytes_(v.ref)


def read_value_event(r: Reader) -> ValueEvent:
    tag = r.u8("ValueEvent kind")
    if tag >= len(KINDS):
        raise CodecError("codec.unknown_tag", f"ValueEvent kind {tag}")
    account = r.option("ValueEvent account", lambda x: x.fixed("ValueEvent account", 32))
    v = ValueEvent(KINDS[tag], account, r.fixed("ValueEvent asset", 32),
                   r.u128("ValueEvent amount"), r.string("ValueEvent cause", MAX_CAUSE),
                   r.bytes_("ValueEvent ref", MAX_REF))
    _check(v)
    return v


def encode_value_event(v: ValueEvent) -> bytes:
    return codec.encode(write_value_event, v)


def decode_value_event(b: bytes) -> ValueEvent:
    return codec.decode(read_value_event, b, "ValueEvent")


def value_event_to_event(emitter: bytes, v: ValueEvent) -> Event:
    """The event form: topic = the kind, data = the value event's bytes."""
    return Event(emitter, v.kind.encode("ascii"), encode_value_event(v))


def value_event_of(e: Event) -> Optional[ValueEvent]:
    """The value event e carries; None when its topic is no value kind; CodecError when it is
    but its data is not a canonical value event of that kind."""
    try:
        topic = e.topic.decode("ascii")
    except UnicodeDecodeError:
        return None
    if topic not in KINDS:
        return None
    v = decode_value_event(e.data)
    if v.kind != topic:
        raise CodecError("codec.non_canonical", f"event topic {topic} carries a {v.kind}")
    return v


def write_block_receipt(w: Writer, b: BlockReceipt) -> None:
    if b.height < 1:
        raise ValueError("a block receipt belongs to an executed block (height >= 1)")
    if len(b.events) > MAX_EVENTS:
        raise ValueError(f"at most {MAX_EVENTS} block events")
    w.u64(b.height).list_(b.events, codec.write_event)


def read_block_receipt(r: Reader) -> BlockReceipt:
    height = r.u64("BlockReceipt height")
    events = r.list_("BlockReceipt events", MAX_EVENTS, codec.read_event)
    if height < 1:
        raise CodecError("codec.non_canonical",
                         "a block receipt belongs to an executed block (height >= 1)")
    return BlockReceipt(height, events)


def encode_block_receipt(b: BlockReceipt) -> bytes:
    return codec.encode(write_block_receipt, b)


def decode_block_receipt(b: bytes) -> BlockReceipt:
    return codec.decode(read_block_receipt, b, "BlockReceipt")


def block_receipt_leaf(b: BlockReceipt) -> bytes:
    """SHA-256("aether/block-receipt/v1" || 0 || encode(receipt))."""
    return tagged("aether/block-receipt/v1", encode_block_receipt(b))


def block_receipts_root(receipts: List[codec.Receipt], own: BlockReceipt) -> bytes:
    """The receipts root a header carries: the transactions' receipts, then the block's own."""
    return receipts_root_of_leaves([receipt_leaf(r) for r in receipts] + [block_receipt_leaf(own)])


def verify_block_receipt_proof(root: bytes, own: BlockReceipt, index: int, count: int,
                               path: List[bytes]) -> bool:
    """True when own is the block receipt (the last leaf) under the receipts root."""
    return index == count - 1 and verify_leaf_proof(root, block_receipt_leaf(own), index, count,
                                                    path)


def fetch_verified_block_receipt(rpc, height: int, genesis_id: bytes,
                                 bls_verify: Optional[BlsVerify] = None,
                                 timeout: float = 60.0):
    """aeth_getBlockReceipt for height, checked against the finality proof of its block: the
    block is final, and the receipt is the last leaf under its receipts root."""
    a = rpc.call("aeth_getBlockReceipt", height)
    if a is None:
        raise VerificationError(f"the node has no block receipt at height {height}")
    own = decode_block_receipt(from_hex(a["raw"]))
    block = rpc.block(int(a["blockHeight"]))
    tx_count = len(block["transactions"]) if block else 0
    f: FinalBlockProof = verify_finality(rpc.wait_for_finality_proof(int(a["blockHeight"]), timeout),
                                         genesis_id, bls_verify)
    if (f.height != int(a["blockHeight"]) or f.block_id != from_hex(a["blockHash"])
            or own.height != f.height):
        raise VerificationError("the block receipt's block is not the proven block")
    path = [from_hex(x) for x in a["proof"]["siblings"]]
    if not verify_block_receipt_proof(f.header.receipts_root, own, tx_count, tx_count + 1, path):
        raise VerificationError("the block receipt is not under the final block's receipts root")
    return own, f
