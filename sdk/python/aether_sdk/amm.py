"""The AMM program's calls (docs/programs/amm.md): create a pool, add and remove liquidity, and swap
exactly in or exactly out along a route of up to four assets. Byte for byte ``AmmCalls`` in Java
(what ``aetherctl amm`` sends), declaring the same keys: every pool a call touches, for ``create``
the registry and the parameters, and the payer's account. Inputs the chain refuses for their shape
(one asset twice, a zero amount, a route too long) are refused here with ValueError."""
from dataclasses import dataclass
from typing import List, Sequence, Tuple

from .codec import Call, TxBody, Writer
from .hashing import account_key, program_id, tagged

AMM = program_id("amm")
"""The AMM program's id."""
MAX_AMM_PATH = 4
"""Most assets in a swap route (Amm.MAX_PATH): three hops."""
_U128_MAX = (1 << 128) - 1


def _need(ok: bool, what: str) -> None:
    if not ok:
        raise ValueError(what)


def _asset(a: bytes, what: str) -> bytes:
    _need(isinstance(a, (bytes, bytearray)) and len(a) == 32,
          f"{what} must be a 32-byte asset id")
    return bytes(a)


def _ordered(x: bytes, y: bytes) -> bytes:
    return x + y if x <= y else y + x


class AmmKeys:
    """The AMM's state keys (AmmKeys in Java)."""

    pool = staticmethod(lambda x, y: tagged("aether/amm/pool/v1", _ordered(x, y)))
    """The pool of the pair, in either order."""
    lp_asset = staticmethod(lambda x, y: tagged("aether/amm/lp/v1", _ordered(x, y)))
    """The pool's LP share token."""
    registry = staticmethod(lambda: tagged("aether/amm/registry/v1"))
    params = staticmethod(lambda: tagged("aether/amm/params/v1"))


@dataclass(frozen=True)
class AddLiquidity:
    """``add``'s arguments: up to ``desired_a``/``desired_b`` in the pool's ratio, at least
    ``min_a``/``min_b`` used, executed no later than slot ``deadline``."""
    a: bytes
    b: bytes
    desired_a: int
    desired_b: int
    min_a: int
    min_b: int
    deadline: int


@dataclass(frozen=True)
class RemoveLiquidity:
    """``remove``'s arguments: burn ``shares`` LP tokens for at least ``min_a``/``min_b``."""
    a: bytes
    b: bytes
    shares: int
    min_a: int
    min_b: int
    deadline: int


def _pair(a: bytes, b: bytes) -> Writer:
    a, b = _asset(a, "a"), _asset(b, "b")
    _need(a != b, "a pool is two different assets")
    return Writer().fixed(a, 32).fixed(b, 32)


def _positive(v: int, what: str) -> int:
    _need(isinstance(v, int) and not isinstance(v, bool) and 0 < v <= _U128_MAX,
          f"{what} must be 1..2^128-1")
    return v


def _swap(method: str, path: Sequence[bytes], amount: int, limit: int, deadline: int) -> Call:
    path = [_asset(p, f"path[{i}]") for i, p in enumerate(path)]
    _need(2 <= len(path) <= MAX_AMM_PATH, f"a route is 2..{MAX_AMM_PATH} assets")
    _need(len(set(path)) == len(path), "a route names each asset once")
    w = Writer().list_(path, lambda x, p: x.fixed(p, 32))
    w.u128(_positive(amount, "amount")).u128(limit).u64(deadline)
    return Call(AMM, method, w.to_bytes())


class Amm:
    """The AMM calls (AmmCalls in Java)."""

    @staticmethod
    def create(a: bytes, b: bytes) -> Call:
        """``create(a, b)``: a new, empty pool of two different assets."""
        return Call(AMM, "create", _pair(a, b).to_bytes())

    @staticmethod
    def add(p: AddLiquidity) -> Call:
        w = (_pair(p.a, p.b).u128(_positive(p.desired_a, "desired_a"))
             .u128(_positive(p.desired_b, "desired_b")))
        return Call(AMM, "add", w.u128(p.min_a).u128(p.min_b).u64(p.deadline).to_bytes())

    @staticmethod
    def remove(p: RemoveLiquidity) -> Call:
        w = (_pair(p.a, p.b).u128(_positive(p.shares, "shares")).u128(p.min_a).u128(p.min_b)
             .u64(p.deadline))
        return Call(AMM, "remove", w.to_bytes())

    @staticmethod
    def swap_exact_in(path: Sequence[bytes], amount_in: int, min_out: int, deadline: int) -> Call:
        """Sell exactly ``amount_in`` of ``path[0]`` for at least ``min_out`` of the last asset."""
        return _swap("swap_exact_in", path, amount_in, min_out, deadline)

    @staticmethod
    def swap_exact_out(path: Sequence[bytes], amount_out: int, max_in: int,
                       deadline: int) -> Call:
        """Buy exactly ``amount_out`` of the last asset for at most ``max_in`` of ``path[0]``."""
        return _swap("swap_exact_out", path, amount_out, max_in, deadline)


def _route(args: bytes) -> List[bytes]:
    _need(len(args) >= 4, "malformed swap arguments")
    n = int.from_bytes(args[:4], "big")
    _need(n <= MAX_AMM_PATH and len(args) >= 4 + 32 * n, "malformed swap arguments")
    return [bytes(args[4 + 32 * i:36 + 32 * i]) for i in range(n)]


def amm_access(c: Call) -> Tuple[List[bytes], List[bytes]]:
    """The keys one AMM call touches besides its payer's account: (reads, writes), as
    AmmCalls.access."""
    _need(c.program == AMM, "not an AMM call")
    a = bytes(c.args)
    reads: List[bytes] = []
    writes: List[bytes] = []
    if c.method == "create":
        _need(len(a) >= 64, "malformed create arguments")
        reads.append(AmmKeys.params())
        writes += [AmmKeys.pool(a[:32], a[32:64]), AmmKeys.registry()]
    elif c.method in ("add", "remove"):
        _need(len(a) >= 64, f"malformed {c.method} arguments")
        writes.append(AmmKeys.pool(a[:32], a[32:64]))
    elif c.method in ("swap_exact_in", "swap_exact_out"):
        path = _route(a)
        for x, y in zip(path, path[1:]):
            if x != y:
                writes.append(AmmKeys.pool(x, y))
    else:
        raise ValueError(f"unknown AMM method {c.method}")
    return reads, writes


def amm_body(payer: bytes, calls: Sequence[Call], *, chain_id: str, nonce: int, fee_cap: int,
             valid_until: int, valid_from: int = 0) -> TxBody:
    """A transaction from ``payer`` carrying AMM ``calls``, declaring exactly what they touch
    (AmmCalls.body)."""
    reads: List[bytes] = []
    writes: List[bytes] = [account_key(payer)]
    for c in calls:
        r, w = amm_access(c)
        reads += r
        writes += w
    ws = sorted(set(writes))
    rs = [x for x in sorted(set(reads)) if x not in set(ws)]
    return TxBody(chain_id=chain_id, payer=payer, nonce=nonce, reads=rs, writes=ws,
                  calls=list(calls), fee_cap=fee_cap, valid_from=valid_from,
                  valid_until=valid_until)


__all__ = ["AMM", "MAX_AMM_PATH", "AmmKeys", "AddLiquidity", "RemoveLiquidity", "Amm",
           "amm_access", "amm_body"]
