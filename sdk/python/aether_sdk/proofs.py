"""Client-side checks: receipt Merkle proofs against a receipts root (RFC 9162 audit path,
count-bound root) and Sparse Merkle proofs of accounts (or absence) against a state root."""
from dataclasses import dataclass
from typing import List, Optional

from . import codec
from .codec import Reader, Writer
from .errors import CodecError, VerificationError
from .hashing import account_key, receipt_leaf, tagged

ZERO = bytes(32)


def _node(l: bytes, r: bytes) -> bytes:
    return tagged("aether/receipts/node/v1", l, r)


def receipts_root_of(count: int, tree_hash: bytes) -> bytes:
    return tagged("aether/receipts/root/v1", Writer().u32(count).fixed(tree_hash, 32).to_bytes())


def receipts_root(receipts: List[codec.Receipt]) -> bytes:
    """The root over receipts alone. A header's receiptsRoot also covers the block's own receipt
    as its last leaf: see block_receipt.block_receipts_root (docs/adr/0053)."""
    return receipts_root_of_leaves([receipt_leaf(r) for r in receipts])


def receipts_root_of_leaves(leaves: List[bytes]) -> bytes:
    """The count-bound RFC 9162 root over leaf hashes in order."""
    def h(lo: int, hi: int) -> bytes:
        if hi - lo == 1:
            return leaves[lo]
        k = 1 << ((hi - lo - 1).bit_length() - 1)
        return _node(h(lo, lo + k), h(lo + k, hi))

    return receipts_root_of(len(leaves), h(0, len(leaves)) if leaves else ZERO)


def verify_receipt_proof(root: bytes, receipt: codec.Receipt, index: int, count: int,
                         path: List[bytes]) -> bool:
    """True when receipt is leaf index of count under root; count is the block's transactions
    plus one, its own receipt (docs/adr/0053)."""
    return verify_leaf_proof(root, receipt_leaf(receipt), index, count, path)


def verify_leaf_proof(root: bytes, leaf: bytes, index: int, count: int, path: List[bytes]) -> bool:
    """True when leaf is leaf index of count under the receipts root (RFC 9162 2.1.3.2)."""
    if not 0 <= index < count:
        return False
    fn, sn = index, count - 1
    r = leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = _node(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = _node(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and receipts_root_of(count, r) == root


@dataclass
class Account:
    balance: codec.Value
    nonce: int


def state_value_hash(raw: bytes) -> bytes:
    return tagged("aether/state/v1", raw)


def encode_account(a: Account) -> bytes:
    w = Writer().u8(1)
    codec.write_value(w, a.balance)
    return w.u64(a.nonce).to_bytes()


def decode_account(raw: bytes) -> Account:
    r = Reader(raw)
    tag = r.u8("StateObject tag")
    if tag != 1:
        raise CodecError("codec.unknown_tag", f"not an account (StateObject tag {tag})")
    bal = codec.read_value(r)
    nonce = r.u64("Account nonce")
    r.end("Account")
    return Account(bal, nonce)


def encode_data(data: bytes) -> bytes:
    return Writer().u8(3).bytes_(data).to_bytes()


@dataclass
class SmtProof:
    siblings: List[bytes]
    terminal: Optional[tuple]  # (key, value_hash) or None


def _bit(b: bytes, i: int) -> bool:
    return (b[i >> 3] >> (7 - (i & 7))) & 1 == 1


def decode_smt_proof(data: bytes) -> SmtProof:
    r = Reader(data)
    depth = r.u16("proof depth")
    if depth > 256:
        raise CodecError("codec.length_over_limit", f"proof depth {depth}")
    bitmap = r.fixed("proof bitmap", (depth + 7) >> 3)
    for i in range(depth, len(bitmap) * 8):
        if _bit(bitmap, i):
            raise CodecError("codec.non_canonical", "proof bitmap has bits past the depth")
    siblings = []
    for i in range(depth):
        if _bit(bitmap, i):
            s = r.fixed("sibling", 32)
            if s == ZERO:
                raise CodecError("codec.non_canonical", "zero sibling marked non-empty")
            siblings.append(s)
        else:
            siblings.append(ZERO)
    tag = r.u8("SmtProof terminal")
    if tag == 1:
        terminal = (r.fixed("leaf key", 32), r.fixed("leaf value", 32))
    elif tag == 0:
        terminal = None
    else:
        raise CodecError("codec.unknown_tag", f"SmtProof terminal {tag}")
    r.end("SmtProof")
    return SmtProof(siblings, terminal)


def _inner(l: bytes, r: bytes) -> bytes:
    if l == ZERO and r == ZERO:
        return ZERO
    return tagged("aether/smt/node/v1", l, r)


def verify_smt_proof(root: bytes, key: bytes, value_hash: Optional[bytes], p: SmtProof) -> bool:
    """Inclusion of ``value_hash`` under ``key`` or, with None, the key's absence."""
    depth = len(p.siblings)
    if p.terminal is not None:
        tkey, tval = p.terminal
        same = tkey == key
        if value_hash is not None:
            if not same or tval != value_hash:
                return False
        elif same or any(_bit(tkey, i) != _bit(key, i) for i in range(depth)):
            return False
        acc = tagged("aether/smt/leaf/v1", tkey, tval)
    else:
        if value_hash is not None:
            return False
        acc = ZERO
    for i in range(depth - 1, -1, -1):
        s = p.siblings[i]
        acc = _inner(s, acc) if _bit(key, i) else _inner(acc, s)
    return acc == root


def verify_account(state_root: bytes, address: bytes, raw: Optional[bytes],
                   proof: bytes) -> Optional[Account]:
    """An account (or its proven absence, None) checked against a state root; raises
    VerificationError when the proof does not check."""
    p = decode_smt_proof(proof)
    ok = verify_smt_proof(state_root, account_key(address),
                          state_value_hash(raw) if raw is not None else None, p)
    if not ok:
        raise VerificationError("account proof does not match the state root")
    return decode_account(raw) if raw is not None else None
