"""Building and signing transactions: bank transfers, every staking action and the job escrow's
post/postJobSpec/accept/cancel/settle/settleStable/observePrice/expire, each declaring exactly the state keys it touches,
as the Java builders do (docs/programs/staking.md, docs/programs/jobs.md)."""
from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence, Tuple

from . import codec
from .codec import AssetAmount, Call, TxBody, Writer
from .amm import AmmKeys
from .hashing import AIC, USDT, account_key, program_id, tagged, tx_id
from .keys import KeyPair

BANK = program_id("bank")
STAKING = program_id("staking")
JOBS = program_id("jobs")
ALL = (1 << 128) - 1
"""As an undelegate/redelegate amount: the whole delegation."""


def _unique_sorted(keys: Sequence[bytes]) -> List[bytes]:
    return sorted(set(keys))


def transfer_call(to: bytes, value: Sequence[AssetAmount]) -> Call:
    w = Writer().fixed(to, 32)
    codec.write_value(w, list(value))
    return Call(BANK, "transfer", w.to_bytes())


def transfer_body(sender: bytes, to: bytes, value, *, chain_id: str, nonce: int, fee_cap: int,
                  valid_until: int, valid_from: int = 0) -> TxBody:
    """A bank transfer from the payer's account to ``to``'s; both accounts are its writes."""
    return TxBody(chain_id=chain_id, payer=sender, nonce=nonce,
                  writes=_unique_sorted([account_key(sender), account_key(to)]),
                  calls=[transfer_call(to, value)], fee_cap=fee_cap, valid_from=valid_from,
                  valid_until=valid_until)


def sign(body: TxBody, *keys: KeyPair) -> codec.Tx:
    """``body`` signed by ``keys`` (the payer first): Ed25519 over the transaction id."""
    i = tx_id(body)
    return codec.Tx(body, [codec.TxSignature(k.public_key, k.sign(i)) for k in keys])


def raw_tx(tx: codec.Tx) -> bytes:
    return codec.encode_tx(tx)


# ------------------------------------------------------------------------------------------ staking

def _skey(kind: str, w: Writer) -> bytes:
    return tagged(f"aether/staking/{kind}/v1", w.to_bytes())


class StakingKeys:
    """The staking program's state keys (StakingKeys in Java)."""

    params = staticmethod(lambda: _skey("params", Writer()))
    registry = staticmethod(lambda: _skey("registry", Writer()))
    validator = staticmethod(lambda op: _skey("validator", Writer().fixed(op, 32)))
    pool = staticmethod(lambda op: _skey("pool", Writer().fixed(op, 32)))
    rewards = staticmethod(lambda op: _skey("rewards", Writer().fixed(op, 32)))
    delegation = staticmethod(lambda op, d: _skey("delegation", Writer().fixed(op, 32).fixed(d, 32)))
    positions = staticmethod(lambda d: _skey("positions", Writer().fixed(d, 32)))
    unbonding = staticmethod(lambda op, e: _skey("unbonding", Writer().fixed(op, 32).u64(e)))
    unbonding_entry = staticmethod(
        lambda op, d, e: _skey("unbonding-entry", Writer().fixed(op, 32).fixed(d, 32).u64(e)))
    redelegations = staticmethod(lambda op, e: _skey("redelegations", Writer().fixed(op, 32).u64(e)))
    key_owner = staticmethod(lambda kind, key: _skey("key-owner", Writer().string(kind).bytes_(key)))
    epoch_set = staticmethod(lambda e: _skey("epoch-set", Writer().u64(e)))


def _call(method: str, w: Writer) -> Call:
    return Call(STAKING, method, w.to_bytes())


class Staking:
    """The staking program's calls (StakingCalls in Java)."""

    @staticmethod
    def register(name: str, node_key: bytes, bls_key: bytes, bls_pop: bytes, vrf_key: bytes,
                 cold_key: bytes, commission_bps: int, max_commission_bps: int,
                 max_change_bps: int, self_bond: int) -> Call:
        w = (Writer().string(name).fixed(node_key, 32).fixed(bls_key, 48).fixed(bls_pop, 96)
             .fixed(vrf_key, 32).fixed(cold_key, 32).u16(commission_bps)
             .u16(max_commission_bps).u16(max_change_bps).u128(self_bond))
        return _call("register", w)

    @staticmethod
    def delegate(validator: bytes, amount: int) -> Call:
        return _call("delegate", Writer().fixed(validator, 32).u128(amount))

    @staticmethod
    def undelegate(validator: bytes, amount: int) -> Call:
        return _call("undelegate", Writer().fixed(validator, 32).u128(amount))

    @staticmethod
    def redelegate(src: bytes, dst: bytes, amount: int) -> Call:
        return _call("redelegate", Writer().fixed(src, 32).fixed(dst, 32).u128(amount))

    @staticmethod
    def withdraw(validator: bytes, epoch: int) -> Call:
        return _call("withdraw", Writer().fixed(validator, 32).u64(epoch))

    @staticmethod
    def claim(validator: bytes) -> Call:
        return _call("claim", Writer().fixed(validator, 32))

    @staticmethod
    def edit_commission(bps: int) -> Call:
        return _call("edit_commission", Writer().u16(bps))

    @staticmethod
    def unjail() -> Call:
        return _call("unjail", Writer())


def staking_access(payer: bytes, c: Call, epoch: int) -> Tuple[List[bytes], List[bytes]]:
    """The keys one staking call by ``payer`` touches in ``epoch`` or the next: (reads, writes)."""
    k = StakingKeys
    reads, writes = [k.params()], []
    if c.method not in ("edit_commission", "unjail", "submit_evidence"):
        writes.append(k.positions(payer))
    a = c.args
    if c.method == "register":
        n = int.from_bytes(a[:4], "big")
        o = 4 + n
        node, bls, vrf, cold = a[o:o + 32], a[o + 32:o + 80], a[o + 176:o + 208], a[o + 208:o + 240]
        op = tagged("aether/address/v1", cold)
        writes += [k.validator(op), k.pool(op), k.rewards(op), k.delegation(op, op), k.registry(),
                   k.key_owner("node", node), k.key_owner("bls", bls), k.key_owner("vrf", vrf)]
    elif c.method == "delegate":
        v = a[:32]
        reads += [k.validator(v), k.rewards(v)]
        writes += [k.pool(v), k.delegation(v, payer)]
    elif c.method == "undelegate":
        v = a[:32]
        reads += [k.validator(v), k.rewards(v)]
        writes += [k.pool(v), k.delegation(v, payer)]
        for e in (epoch, epoch + 1):
            writes += [k.unbonding(v, e), k.unbonding_entry(v, payer, e)]
    elif c.method == "redelegate":
        for v in (a[:32], a[32:64]):
            reads += [k.validator(v), k.rewards(v)]
            writes += [k.pool(v), k.delegation(v, payer)]
        writes += [k.redelegations(a[:32], epoch), k.redelegations(a[:32], epoch + 1)]
    elif c.method == "withdraw":
        e = int.from_bytes(a[32:40], "big")
        writes += [k.unbonding(a[:32], e), k.unbonding_entry(a[:32], payer, e)]
    elif c.method == "claim":
        reads.append(k.rewards(a[:32]))
        writes.append(k.delegation(a[:32], payer))
    elif c.method == "edit_commission":
        writes.append(k.validator(payer))
    elif c.method == "unjail":
        reads += [k.pool(payer), k.delegation(payer, payer)]
        writes.append(k.validator(payer))
    else:
        raise ValueError(f"the SDK does not build staking method {c.method}")
    return reads, writes


def staking_body(payer: bytes, calls: Sequence[Call], epoch: int, *, chain_id: str, nonce: int,
                 fee_cap: int, valid_until: int, valid_from: int = 0) -> TxBody:
    """A transaction from ``payer`` carrying staking ``calls`` for ``epoch`` (or the next)."""
    reads, writes = [], [account_key(payer)]
    for c in calls:
        if c.program != STAKING:
            raise ValueError("not a staking call")
        r, w = staking_access(payer, c, epoch)
        reads += r
        writes += w
    ws = _unique_sorted(writes)
    rs = [x for x in _unique_sorted(reads) if x not in set(ws)]
    return TxBody(chain_id=chain_id, payer=payer, nonce=nonce, reads=rs, writes=ws,
                  calls=list(calls), fee_cap=fee_cap, valid_from=valid_from,
                  valid_until=valid_until)


# ------------------------------------------------------------------------------------------ jobs

class JobsKeys:
    """The job-escrow and reputation programs' state keys (JobsKeys, ReputationKeys in Java)."""

    job_id = staticmethod(lambda poster, nonce: tagged("aether/jobs/id/v1", poster,
                                                       Writer().u64(nonce).to_bytes()))
    job = staticmethod(lambda job_id: tagged("aether/jobs/job/v1", job_id))
    provider = staticmethod(lambda p: tagged("aether/jobs/provider/v1", p))
    providers = staticmethod(lambda: tagged("aether/jobs/providers/v1"))
    quorum = staticmethod(lambda job_id: tagged("aether/jobs/quorum/v1", job_id))
    supply = staticmethod(lambda: tagged("aether/jobs/supply/v1"))
    params = staticmethod(lambda: tagged("aether/jobs/params/v1"))
    #: the AIC/USDT price readings a stablecoin payout averages over (PriceOracle in Java)
    oracle = staticmethod(lambda: tagged("aether/jobs/oracle/v1"))
    reputation = staticmethod(lambda p: tagged("aether/reputation/v1", p))


@dataclass(frozen=True)
class JobParties:
    """Who a job's AIC moves between, as read over RPC (``aeth_getJob``)."""
    poster: bytes
    provider: Optional[bytes] = None
    #: a replicated job's providers (empty for a single-provider job)
    replicas: Tuple[bytes, ...] = ()


def _jcall(method: str, args: bytes) -> Call:
    return Call(JOBS, method, args)


MAX_JOB_INPUT_BYTES = 4096
"""Longest job input carried on chain by ``postJobSpec`` (JobsCalls.MAX_INPUT_BYTES)."""


def _terms(model_hash, code_hash, j_units, max_price, sla_ms, deadline_slot, input_hash,
           seed) -> Writer:
    w = (Writer().fixed(model_hash, 32).fixed(code_hash, 32).u64(j_units).u128(max_price)
         .u64(sla_ms).u64(deadline_slot))
    w.option(input_hash, lambda x, h: x.fixed(h, 32))
    w.option(seed, lambda x, s: x.u64(s))
    return w


class Jobs:
    """The job-escrow calls post, post_spec, accept, cancel, settle, settle_stable, observe_price,
    expire (JobsCalls in Java);
    ``registerProvider``, ``submitVCR``, ``commitOutput``, ``revealVCR`` and both challenges are
    built by ``builders.JobCalls``. ``jobs_access`` and ``jobs_body`` declare the keys of all."""

    @staticmethod
    def post(model_hash: bytes, code_hash: bytes, j_units: int, max_price: int, sla_ms: int,
             deadline_slot: int, input_hash: Optional[bytes] = None,
             seed: Optional[int] = None) -> Call:
        return _jcall("postJob", _terms(model_hash, code_hash, j_units, max_price, sla_ms,
                                        deadline_slot, input_hash, seed).to_bytes())

    @staticmethod
    def post_spec(model_hash: bytes, code_hash: bytes, j_units: int, max_price: int, sla_ms: int,
                  deadline_slot: int, input_hash: Optional[bytes] = None,
                  seed: Optional[int] = None, *, replicas: int,
                  job_input: Optional[bytes] = None) -> Call:
        """``postJobSpec``: a job run by one provider (``replicas`` 1) or a replica quorum (3 to
        5, which needs a fixed input: ``input_hash`` and ``seed``), optionally carrying its input
        (at most 4096 bytes) on chain. ``max_price`` is per replica."""
        if not (isinstance(replicas, int) and not isinstance(replicas, bool)
                and (replicas == 1 or 3 <= replicas <= 5)):
            raise ValueError("replicas: 1, or 3 to 5")
        if replicas > 1 and (input_hash is None or seed is None):
            raise ValueError("a replica quorum needs a fixed input: input_hash and seed")
        if job_input is not None and len(job_input) > MAX_JOB_INPUT_BYTES:
            raise ValueError(f"a job input on chain is at most {MAX_JOB_INPUT_BYTES} bytes")
        w = _terms(model_hash, code_hash, j_units, max_price, sla_ms, deadline_slot, input_hash,
                   seed).u8(replicas)
        w.option(job_input, lambda x, i: x.bytes_(i))
        return _jcall("postJobSpec", w.to_bytes())

    @staticmethod
    def accept(job_id: bytes, provider: bytes, bond: int) -> Call:
        return _jcall("acceptJob", Writer().fixed(job_id, 32).fixed(provider, 32).u128(bond)
                      .to_bytes())

    @staticmethod
    def cancel(job_id: bytes) -> Call:
        return _jcall("cancelJob", Writer().fixed(job_id, 32).to_bytes())

    @staticmethod
    def settle(job_id: bytes) -> Call:
        return _jcall("settle", Writer().fixed(job_id, 32).to_bytes())

    @staticmethod
    def expire(job_id: bytes) -> Call:
        return _jcall("expire", Writer().fixed(job_id, 32).to_bytes())

    @staticmethod
    def settle_stable(job_id: bytes) -> Call:
        """``settleStable``: the provider settles taking its pay in USDT, valued at the AIC/USDT
        TWAP and bought from the AIC/USDT pool (docs/programs/jobs.md, "Stablecoin payout")."""
        return _jcall("settleStable", Writer().fixed(job_id, 32).to_bytes())

    @staticmethod
    def observe_price() -> Call:
        """``observePrice()``: anyone records a reading of the AIC/USDT pool's price accumulator."""
        return _jcall("observePrice", b"")


PartiesLookup = Callable[[bytes], Optional[JobParties]]


def jobs_access(payer: bytes, nonce: int, c: Call,
                parties: PartiesLookup) -> Tuple[List[bytes], List[bytes]]:
    """The keys one job call by ``payer`` at ``nonce`` touches, as JobsCalls.access."""
    k = JobsKeys
    reads, writes = [k.params()], [account_key(payer)]
    if c.method == "postJob":
        writes += [k.job(k.job_id(payer, nonce)), k.supply()]
        return reads, writes
    if c.method == "postJobSpec":
        i = k.job_id(payer, nonce)
        writes += [k.job(i), k.quorum(i), k.supply()]
        return reads, writes
    if c.method == "registerProvider":
        writes += [k.provider(payer), k.providers()]
        return reads, writes
    if c.method == "observePrice":
        if len(c.args) != 0:
            raise ValueError("observePrice takes no arguments")
        reads.append(AmmKeys.pool(AIC, USDT))
        writes.append(k.oracle())
        return reads, writes
    if c.method == "settleStable" and len(c.args) != 32:
        raise ValueError("settleStable takes a 32-byte job id")
    a = c.args
    if c.method in ("acceptJob", "cancelJob", "settle", "settleStable", "expire", "submitVCR",
                    "commitOutput", "revealVCR"):
        job = bytes(a[:32])
    elif c.method == "challengeVCR" and len(a) > 33 and a[0] == 1:
        job = bytes(a[1:33])
    elif c.method == "challengeReplica" and len(a) > 65 and a[32] == 1:
        job = bytes(a[33:65])
    else:
        raise ValueError(f"the SDK does not build jobs method {c.method} "
                         "(or its arguments are malformed)")
    # A call on an existing job names a single job or a replicated one: both keys are declared
    # (a single job's receipt and its challenge only the job's).
    writes.append(k.job(job))
    if c.method not in ("submitVCR", "challengeVCR"):
        writes.append(k.quorum(job))
    if c.method in ("submitVCR", "revealVCR"):
        reads.append(k.provider(payer))
    elif c.method == "commitOutput":
        pass
    elif c.method == "challengeReplica":
        writes += [k.supply(), k.reputation(bytes(a[:32]))]
    elif c.method == "acceptJob":
        writes += [k.supply(), k.reputation(payer)]
        reads.append(k.provider(payer))
    elif c.method == "cancelJob":
        writes.append(k.supply())
        p = parties(job)
        if p is not None:
            writes.append(account_key(p.poster))
    elif c.method == "settleStable":
        # Like settle (a single job's parties only), plus the price readings and the pool the
        # USDT payout is bought from.
        writes += [k.supply(), AmmKeys.pool(AIC, USDT)]
        reads.append(k.oracle())
        p = parties(job)
        if p is not None:
            writes.append(account_key(p.poster))
            if p.provider is not None:
                writes += [k.reputation(p.provider), account_key(p.provider)]
    else:
        writes.append(k.supply())
        p = parties(job)
        if p is not None:
            writes.append(account_key(p.poster))
            if p.provider is not None:
                writes.append(k.reputation(p.provider))
                if c.method == "settle":
                    writes.append(account_key(p.provider))
            if c.method != "challengeVCR":
                for r in p.replicas:
                    writes += [account_key(r), k.reputation(r)]
    return reads, writes


def jobs_body(payer: bytes, calls: Sequence[Call], parties: PartiesLookup, *, chain_id: str,
              nonce: int, fee_cap: int, valid_until: int, valid_from: int = 0) -> TxBody:
    """A transaction from ``payer`` carrying job-escrow ``calls``, declaring what each touches."""
    reads, writes = [], []
    for c in calls:
        if c.program != JOBS:
            raise ValueError("not a jobs call")
        r, w = jobs_access(payer, nonce, c, parties)
        reads += r
        writes += w
    ws = _unique_sorted(writes)
    rs = [x for x in _unique_sorted(reads) if x not in set(ws)]
    return TxBody(chain_id=chain_id, payer=payer, nonce=nonce, reads=rs, writes=ws,
                  calls=list(calls), fee_cap=fee_cap, valid_from=valid_from,
                  valid_until=valid_until)
