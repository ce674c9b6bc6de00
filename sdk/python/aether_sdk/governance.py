"""The governance program's calls (docs/programs/governance.md): submit a proposal of each kind
(parameter change, software upgrade, treasury spend) with its deposit, add to a proposal's deposit,
and vote. Byte for byte ``GovCalls`` in Java (what ``aetherctl gov`` sends), declaring the same
keys; inputs the chain refuses for their shape (a blank title, text over its limit, an empty or
oversized change list, a zero payment) are refused here with ValueError."""
import unicodedata
from dataclasses import dataclass
from typing import List, Sequence, Tuple, Union

from .amm import AmmKeys
from .codec import Call, TxBody, Writer
from .hashing import account_key, program_id, tagged
from .tx import JobsKeys, StakingKeys

GOVERNANCE = program_id("governance")
"""The governance program's id."""
MAX_TITLE = 140
MAX_DESCRIPTION = 4096
MAX_ITEMS = 16
"""Most parameter changes or payments in one proposal."""
MAX_PARAM_TEXT = 64
"""Longest parameter name or value (UTF-8 bytes)."""
MAX_RELEASE = 128
"""Longest release name of an upgrade (UTF-8 bytes)."""
SUBMIT_ID_WINDOW = 4
"""How many proposal ids a ``submit`` declares from the next id on (GovCalls.SUBMIT_ID_WINDOW)."""
CHAIN_PARAMS_KEY = tagged("aether/chain-params/v1", b"params")
"""The chain parameter object's key (ChainParams.STATE_KEY): a proposal's validation reads it."""
VOTE_OPTIONS = ("yes", "no", "abstain", "veto")
"""A vote (VoteOption in Java, in its order on the wire)."""
_U128_MAX = (1 << 128) - 1


def _need(ok: bool, what: str) -> None:
    if not ok:
        raise ValueError(what)


class GovKeys:
    """The governance program's state keys (GovKeys in Java)."""

    params = staticmethod(lambda: tagged("aether/governance/params/v1"))
    index = staticmethod(lambda: tagged("aether/governance/index/v1"))
    proposal = staticmethod(
        lambda i: tagged("aether/governance/proposal/v1", Writer().u64(i).to_bytes()))
    votes = staticmethod(lambda i: tagged("aether/governance/votes/v1", Writer().u64(i).to_bytes()))


@dataclass(frozen=True)
class ParamChange:
    """Parameter changes, applied together: (name, value) pairs as text."""
    changes: Sequence[Tuple[str, str]]


@dataclass(frozen=True)
class SoftwareUpgrade:
    """From block ``height`` on the chain runs protocol ``version``; ``release`` names the binary."""
    version: int
    height: int
    release: str


@dataclass(frozen=True)
class Payment:
    to: bytes
    asset: bytes
    amount: int


@dataclass(frozen=True)
class TreasurySpend:
    payments: Sequence[Payment]


ProposalKind = Union[ParamChange, SoftwareUpgrade, TreasurySpend]


def _len8(s: str) -> int:
    return len(s.encode("utf-8"))


def _is_blank(s: str) -> bool:
    """Blank as Java's String.isBlank: only Character.isWhitespace code points."""
    def ws(ch: str) -> bool:
        if ch in "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f":
            return True
        return (unicodedata.category(ch) in ("Zs", "Zl", "Zp")
                and ch not in "\u00a0\u2007\u202f")
    return all(ws(ch) for ch in s)


def _write_kind(w: Writer, k: ProposalKind) -> None:
    if isinstance(k, ParamChange):
        _need(1 <= len(k.changes) <= MAX_ITEMS, f"1..{MAX_ITEMS} parameter changes")
        for p, v in k.changes:
            _need(1 <= _len8(p) <= MAX_PARAM_TEXT, "a parameter name is 1..64 bytes")
            _need(1 <= _len8(v) <= MAX_PARAM_TEXT, "a parameter value is 1..64 bytes")
        w.u8(1).list_(list(k.changes), lambda x, c: x.string(c[0]).string(c[1]))
    elif isinstance(k, SoftwareUpgrade):
        _need(isinstance(k.version, int) and 1 <= k.version <= 0x7FFFFFFF,
              "an upgrade version is 1..2^31-1")
        _need(isinstance(k.height, int) and k.height >= 1, "an upgrade height is at least 1")
        _need(_len8(k.release) <= MAX_RELEASE,
              f"a release name is at most {MAX_RELEASE} bytes")
        w.u8(2).u32(k.version).u64(k.height).string(k.release)
    elif isinstance(k, TreasurySpend):
        _need(1 <= len(k.payments) <= MAX_ITEMS, f"1..{MAX_ITEMS} payments")
        for p in k.payments:
            _need(len(p.to) == 32 and len(p.asset) == 32,
                  "a payment names a 32-byte address and asset id")
            _need(0 < p.amount <= _U128_MAX, "a payment is 1..2^128-1")
        w.u8(3).list_(list(k.payments),
                      lambda x, p: x.fixed(p.to, 32).fixed(p.asset, 32).u128(p.amount))
    else:
        raise ValueError(f"unknown proposal kind {type(k).__name__}")


class Gov:
    """The governance calls (GovCalls in Java)."""

    @staticmethod
    def submit(kind: ProposalKind, title: str, description: str, deposit: int) -> Call:
        """``submit(kind, title, description, deposit)``: the deposit (SWR base units) is paid
        now."""
        _need(not _is_blank(title), "a title is required")
        _need(_len8(title) <= MAX_TITLE, f"a title is at most {MAX_TITLE} bytes")
        _need(_len8(description) <= MAX_DESCRIPTION,
              f"a description is at most {MAX_DESCRIPTION} bytes")
        w = Writer()
        _write_kind(w, kind)
        return Call(GOVERNANCE, "submit",
                    w.string(title).string(description).u128(deposit).to_bytes())

    @staticmethod
    def deposit(proposal_id: int, amount: int) -> Call:
        """``deposit(id, amount)``: SWR added to a proposal in its deposit period."""
        _need(amount > 0, "a deposit must be positive")
        return Call(GOVERNANCE, "deposit", Writer().u64(proposal_id).u128(amount).to_bytes())

    @staticmethod
    def vote(proposal_id: int, option: str) -> Call:
        _need(option in VOTE_OPTIONS,
              f"vote must be yes, no, abstain or veto, got {option!r}")
        return Call(GOVERNANCE, "vote",
                    Writer().u64(proposal_id).u8(VOTE_OPTIONS.index(option)).to_bytes())


def _u64_at(args: bytes, what: str) -> int:
    _need(len(args) >= 8, f"malformed {what} arguments")
    return int.from_bytes(args[:8], "big")


def gov_access(payer: bytes, c: Call, next_id: int) -> Tuple[List[bytes], List[bytes]]:
    """The keys one governance call by ``payer`` touches besides its account: (reads, writes), as
    GovCalls.access. ``next_id`` is the next proposal id as last read; only ``submit`` uses it,
    declaring SUBMIT_ID_WINDOW ids from it."""
    _need(c.program == GOVERNANCE, "not a governance call")
    reads = [GovKeys.params()]
    writes: List[bytes] = []
    if c.method == "submit":
        # Validation reads every parameter object a change may touch.
        reads += [CHAIN_PARAMS_KEY, StakingKeys.params(), AmmKeys.params(), JobsKeys.params()]
        writes.append(GovKeys.index())
        writes += [GovKeys.proposal(next_id + i) for i in range(SUBMIT_ID_WINDOW)]
    elif c.method == "deposit":
        writes.append(GovKeys.proposal(_u64_at(c.args, "deposit")))
    elif c.method == "vote":
        i = _u64_at(c.args, "vote")
        reads += [GovKeys.proposal(i), StakingKeys.params(), StakingKeys.validator(payer),
                  StakingKeys.positions(payer)]
        writes.append(GovKeys.votes(i))
    else:
        raise ValueError(f"unknown governance method {c.method}")
    return reads, writes


def gov_body(payer: bytes, c: Call, next_id: int, *, chain_id: str, nonce: int, fee_cap: int,
             valid_until: int, valid_from: int = 0) -> TxBody:
    """A transaction from ``payer`` with one governance call (GovCalls.body)."""
    r, w = gov_access(payer, c, next_id)
    ws = sorted(set(w + [account_key(payer)]))
    rs = [x for x in sorted(set(r)) if x not in set(ws)]
    return TxBody(chain_id=chain_id, payer=payer, nonce=nonce, reads=rs, writes=ws, calls=[c],
                  fee_cap=fee_cap, valid_from=valid_from, valid_until=valid_until)


__all__ = ["GOVERNANCE", "MAX_TITLE", "MAX_DESCRIPTION", "MAX_ITEMS", "MAX_PARAM_TEXT",
           "MAX_RELEASE", "SUBMIT_ID_WINDOW", "CHAIN_PARAMS_KEY", "VOTE_OPTIONS", "GovKeys",
           "ParamChange", "SoftwareUpgrade", "Payment", "TreasurySpend", "ProposalKind", "Gov",
           "gov_access", "gov_body"]
