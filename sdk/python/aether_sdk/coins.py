"""Coin selection for UTxO spends (docs/sdk.md, ADR 0058): given the unspent outputs an owner holds
(``aeth_getUtxos``, ``RpcClient.all_utxos``) and what a transaction must pay out per asset, pick
the inputs deterministically and compute the change, or refuse clearly.

The algorithm (the same as the TypeScript SDK's, checked by sdk/vectors/coin-selection.json): per
asset of the target in ascending asset-id order, on the candidates in ascending ``UtxoRef`` order
(so the answer does not depend on the order they were listed in), while the selected inputs hold
less of the asset than the target, take the smallest candidate that alone covers what is still
needed; if none does, take the largest (ties: the lowest ref). For one asset this uses as few
inputs as any selection can (largest-first) and keeps the change small (the last pick is the
smallest sufficient). Inputs chosen for one asset count toward the others. At most ``max_inputs``
inputs (default and most: 256, the ledger's limit); candidates with a datum are left alone unless
``include_datum``. Everything the inputs hold beyond the target comes back as change outputs to
``change_address`` (default: the owner), at most 64 assets each.

The fee is not taken from inputs: the ledger debits it (the fee cap, in SWR) from the payer's
account, so ``utxo_payment`` checks the payer's balance when it is given."""
from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from .builders import utxo_body
from .codec import LIMITS, AssetAmount, TxBody, TxOutput, UtxoRef, normal_value
from .hashing import AIC, SWR, USDT
from .hexutil import from_hex, to_hex

_NAMES = (("SWR", SWR), ("AIC", AIC), ("USDT", USDT))


@dataclass(frozen=True)
class Utxo:
    """An unspent output and the ref that spends it (an ``aeth_getUtxos`` entry)."""
    ref: UtxoRef
    output: TxOutput


@dataclass
class CoinSelection:
    inputs: List[Utxo]
    """The selected outputs, in ascending ref order."""
    total: List[AssetAmount]
    change: List[AssetAmount]
    change_outputs: List[TxOutput]


class InsufficientFunds(ValueError):
    """The candidates (or the payer's account, for the fee) hold less of ``asset`` than needed."""
    code = "sdk.insufficient_funds"

    def __init__(self, asset: bytes, available: int, needed: int,
                 what: str = "the unspent outputs"):
        super().__init__(f"insufficient funds: {what} hold {available} of {asset_name(asset)}, "
                         f"{needed} needed")
        self.asset, self.available, self.needed = asset, available, needed


class TooManyInputs(ValueError):
    """Covering the target would take more inputs than allowed."""
    code = "sdk.too_many_inputs"

    def __init__(self, max_inputs: int):
        super().__init__(f"covering the target takes more than {max_inputs} inputs; consolidate "
                         "outputs first or pay less")
        self.max_inputs = max_inputs


def asset_name(asset: bytes) -> str:
    """``SWR``, ``AIC``, ``USDT`` or the asset id's hex, as the RPC names assets."""
    return next((n for n, a in _NAMES if a == asset), to_hex(asset))


def asset_by_name(name: str) -> bytes:
    for n, a in _NAMES:
        if n == name:
            return a
    b = from_hex(name)
    if len(b) != 32:
        raise ValueError(f"unknown asset {name!r} (SWR, AIC, USDT or a 32-byte hex id)")
    return b


def value_from_json(v: Mapping[str, str]) -> List[AssetAmount]:
    """A Value from the RPC's JSON (``{"SWR": "10", "0x…": "5"}``)."""
    return normal_value([AssetAmount(asset_by_name(k), int(a)) for k, a in v.items()])


def utxos_from_json(items: Sequence[Mapping]) -> List[Utxo]:
    """The unspent outputs an ``aeth_getUtxos`` answer lists."""
    out = []
    for u in items:
        datum = u.get("datum")
        out.append(Utxo(UtxoRef(from_hex(u["txHash"]), int(u["index"])),
                        TxOutput(from_hex(u["owner"]), value_from_json(u["value"]),
                                 None if datum is None else from_hex(datum))))
    return out


def _sum(values) -> List[AssetAmount]:
    m: Dict[bytes, int] = {}
    for v in values:
        for a in v:
            m[a.asset] = m.get(a.asset, 0) + a.amount
    return [AssetAmount(k, m[k]) for k in sorted(m) if m[k] != 0]


def _amount(v, asset: bytes) -> int:
    return next((a.amount for a in v if a.asset == asset), 0)


def _key(r: UtxoRef) -> Tuple[bytes, int]:
    return (bytes(r.tx_id), r.index)


def select_coins(utxos: Sequence[Utxo], target: Sequence[AssetAmount], *,
                 max_inputs: int = LIMITS["inputs"], change_address: Optional[bytes] = None,
                 include_datum: bool = False, exclude: Sequence[UtxoRef] = ()) -> CoinSelection:
    """Picks inputs among ``utxos`` holding at least ``target`` of every asset (see the module
    docstring) and computes the change. Raises ``InsufficientFunds`` naming the first asset (in id
    order) the candidates do not cover, ``TooManyInputs`` when more than ``max_inputs`` would be
    needed, ``ValueError`` for malformed input (an output listed twice, several owners without a
    change address)."""
    if not isinstance(max_inputs, int) or not 1 <= max_inputs <= LIMITS["inputs"]:
        raise ValueError(f"max_inputs is 1..{LIMITS['inputs']}")
    want = normal_value(list(target))
    if any(a.amount < 0 for a in want):
        raise ValueError("a target amount is negative")
    excluded = {_key(r) for r in exclude}
    candidates = sorted((u for u in utxos
                         if (include_datum or u.output.datum is None)
                         and _key(u.ref) not in excluded), key=lambda u: _key(u.ref))
    for a, b in zip(candidates, candidates[1:]):
        if _key(a.ref) == _key(b.ref):
            raise ValueError("an unspent output is listed twice")
    available = _sum(u.output.value for u in candidates)
    for a in want:
        have = _amount(available, a.asset)
        if have < a.amount:
            raise InsufficientFunds(a.asset, have, a.amount)
    chosen = set()
    held: List[AssetAmount] = []
    for a in want:
        need = a.amount - _amount(held, a.asset)
        while need > 0:
            best, best_amount, sufficient = -1, 0, False
            for i, u in enumerate(candidates):
                if i in chosen:
                    continue
                x = _amount(u.output.value, a.asset)
                if x == 0:
                    continue
                covers = x >= need
                # Smallest sufficient candidate if any covers the rest, else the largest; ties keep
                # the lower ref (candidates are in ref order; only a strict improvement wins).
                if best < 0 or (covers and (not sufficient or x < best_amount)) or \
                        (not covers and not sufficient and x > best_amount):
                    best, best_amount, sufficient = i, x, covers
            chosen.add(best)
            if len(chosen) > max_inputs:
                raise TooManyInputs(max_inputs)
            held = _sum([held, candidates[best].output.value])
            need -= best_amount
    inputs = [u for i, u in enumerate(candidates) if i in chosen]
    change = _sum([held, [AssetAmount(a.asset, -a.amount) for a in want]])
    change_outputs: List[TxOutput] = []
    if change:
        to = change_address
        if to is None:
            owners = {bytes(u.output.owner) for u in inputs}
            if len(owners) != 1:
                raise ValueError("the inputs have several owners: give a change_address")
            to = owners.pop()
        step = LIMITS["assets"]
        change_outputs = [TxOutput(bytes(to), change[i:i + step])
                          for i in range(0, len(change), step)]
    return CoinSelection(inputs, held, change, change_outputs)


def utxo_payment(payer: bytes, utxos: Sequence[Utxo], payments: Sequence[TxOutput], *,
                 chain_id: str, nonce: int, fee_cap: int, valid_until: int, valid_from: int = 0,
                 payer_balance: Optional[Sequence[AssetAmount]] = None,
                 **selection) -> Tuple[TxBody, CoinSelection]:
    """A UTxO transaction paying ``payments`` (outputs, in the order given) from ``utxos``: inputs
    chosen by ``select_coins`` (``selection`` are its options) for the payments' total, change
    outputs after the payments. With ``payer_balance`` (the payer's account), refuses when it does
    not hold the fee cap in SWR. The inputs' owners must sign it (``sign(body, payer_key,
    owner_key…)``; one key when the payer owns them)."""
    if not payments:
        raise ValueError("a payment has at least one output")
    if payer_balance is not None:
        swr = _amount(payer_balance, SWR)
        if swr < fee_cap:
            raise InsufficientFunds(SWR, swr, fee_cap, "the payer's account (which pays the fee)")
    s = select_coins(utxos, _sum(p.value for p in payments), **selection)
    if not s.inputs:
        raise ValueError("nothing to pay: the payments hold no value")
    body = utxo_body(payer, [u.ref for u in s.inputs], list(payments) + s.change_outputs,
                     chain_id=chain_id, nonce=nonce, fee_cap=fee_cap, valid_until=valid_until,
                     valid_from=valid_from)
    return body, s


__all__ = ["Utxo", "CoinSelection", "InsufficientFunds", "TooManyInputs", "asset_name",
           "asset_by_name", "value_from_json", "utxos_from_json", "select_coins", "utxo_payment"]
