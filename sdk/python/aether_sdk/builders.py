"""Typed builders for the calls the first SDK release left to generic bodies (docs/sdk.md, ADR
0056): the job escrow's ``registerProvider``, ``submitVCR``, ``commitOutput``, ``revealVCR``,
``challengeVCR`` and ``challengeReplica`` (JobsCalls in Java; their access sets are in
``tx.jobs_access``), WebAssembly contract deploy and call (ContractTxs in Java, what ``aetherctl
contract`` sends), and UTxO spends (``utxo_body``: inputs consumed, outputs created, value burned,
as the ledger takes them; ``with_utxos`` adds them to any other builder's body). Compute receipts
(``VcrSubmission``) and fraud proofs are taken typed (``compute``, ADR 0057) or as their canonical
bytes, as the provider daemon and ``aetherctl mesh`` produce them; bytes are checked for their
framing (version byte, job id), and what the chain would refuse for its shape is refused
(ValueError)."""
import dataclasses
from dataclasses import dataclass
from typing import List, Optional, Sequence

from .compute import FraudProof, VcrSubmission
from .codec import LIMITS, AssetAmount, Call, TxBody, TxOutput, UtxoRef, Writer, normal_value
from .hashing import account_key, program_id, tagged, tx_id, utxo_key
from .tx import JOBS, transfer_call

MAX_CALL_ARGS = 240 * 1024
"""Longest call arguments (Call.MAX_ARGS)."""
MAX_PROVIDER_ENTRIES = 16
"""Most measurements or code hashes in one registration (ProviderRecord.MAX_ENTRIES)."""
TEE_KINDS = {"sev_snp": 1, "tdx": 2, "dev": 3}
"""The TEE a provider attests with, and its tag on chain (ProviderRecord.kindTag)."""
_PROOF_VERSION = 1


def _need(ok: bool, what: str) -> None:
    if not ok:
        raise ValueError(what)


def _jcall(method: str, args: bytes) -> Call:
    _need(len(args) <= MAX_CALL_ARGS, f"{method} arguments over {MAX_CALL_ARGS} bytes")
    return Call(JOBS, method, bytes(args))


def _framed(b: bytes, what: str) -> bytes:
    _need(len(b) > 33 and b[0] == _PROOF_VERSION, f"{what} must be a version-1 encoding")
    return bytes(b)


def fraud_proof_job(proof) -> bytes:
    """The job a fraud proof is about: a typed ``FraudProof``'s, or bytes 1..33 of an encoded one
    (after the version byte)."""
    if isinstance(proof, FraudProof):
        _need(len(proof.job_id) == 32, "a fraud proof's job_id must be 32 bytes")
        return bytes(proof.job_id)
    return _framed(proof, "a fraud proof")[1:33]


def _submission_bytes(job_id: bytes, s) -> bytes:
    """A typed ``VcrSubmission`` encoded (its receipt must be for ``job_id``), or the canonical bytes
    the provider daemon wrote, checked for their framing."""
    if isinstance(s, VcrSubmission):
        _need(bytes(s.vcr.job_id) == bytes(job_id), "the receipt is for another job")
        return s.encode()
    return _framed(s, "a VcrSubmission")


def _proof_bytes(p) -> bytes:
    return p.encode() if isinstance(p, FraudProof) else _framed(p, "a fraud proof")


@dataclass(frozen=True)
class ProviderRegistration:
    """A provider's registration (JobsCalls.Register; docs/programs/jobs.md)."""
    key: bytes
    kind: str
    measurements: Sequence[bytes]
    code_hashes: Sequence[bytes]
    min_tcb: Optional[bytes] = None
    dev_key: Optional[bytes] = None


class JobCalls:
    """The job-escrow calls beyond post/accept/cancel/settle/expire (``tx.Jobs``)."""

    @staticmethod
    def register_provider(r: ProviderRegistration) -> Call:
        _need(r.kind in TEE_KINDS, f"unknown TEE kind {r.kind!r}")
        _need(len(r.key) == 32, "key must be 32 bytes")
        _need(1 <= len(r.measurements) <= MAX_PROVIDER_ENTRIES, "1..16 measurements")
        _need(all(len(m) == 48 for m in r.measurements), "measurements must be 48 bytes")
        _need(1 <= len(r.code_hashes) <= MAX_PROVIDER_ENTRIES, "1..16 code hashes")
        _need(all(len(c) == 32 for c in r.code_hashes), "code hashes must be 32 bytes")
        _need(r.min_tcb is None or len(r.min_tcb) <= 16, "min_tcb is at most 16 bytes")
        _need((r.dev_key is not None) == (r.kind == "dev"),
              "a development key exactly for the dev kind")
        _need(r.dev_key is None or len(r.dev_key) == 32, "dev_key must be 32 bytes")
        w = Writer().fixed(r.key, 32).u8(TEE_KINDS[r.kind])
        w.list_(list(r.measurements), lambda x, m: x.fixed(m, 48))
        w.option(r.min_tcb, lambda x, t: x.bytes_(t))
        w.option(r.dev_key, lambda x, k: x.fixed(k, 32))
        w.list_(list(r.code_hashes), lambda x, c: x.fixed(c, 32))
        return _jcall("registerProvider", w.to_bytes())

    @staticmethod
    def submit_vcr(job_id: bytes, submission) -> Call:
        """``submitVCR``: a typed ``VcrSubmission`` or its canonical bytes."""
        return _jcall("submitVCR", Writer().fixed(job_id, 32)
                      .fixed(_submission_bytes(job_id, submission)).to_bytes())

    @staticmethod
    def commit_output(job_id: bytes, commitment: bytes) -> Call:
        """``commitOutput``: a replica's commitment (``compute.receipt_commitment`` computes it)."""
        return _jcall("commitOutput", Writer().fixed(job_id, 32).fixed(commitment, 32).to_bytes())

    @staticmethod
    def reveal_vcr(job_id: bytes, salt: bytes, submission) -> Call:
        return _jcall("revealVCR", Writer().fixed(job_id, 32).fixed(salt, 32)
                      .fixed(_submission_bytes(job_id, submission)).to_bytes())

    @staticmethod
    def challenge_vcr(fraud_proof) -> Call:
        """``challengeVCR``: a typed ``FraudProof`` or its canonical bytes."""
        return _jcall("challengeVCR", _proof_bytes(fraud_proof))

    @staticmethod
    def challenge_replica(provider: bytes, fraud_proof) -> Call:
        return _jcall("challengeReplica", Writer().fixed(provider, 32)
                      .fixed(_proof_bytes(fraud_proof)).to_bytes())


# ------------------------------------------------------------------------------------------ contracts

DEPLOYER = program_id("deploy")
"""The program that deploys WebAssembly contracts."""


def contract_id(code: bytes) -> bytes:
    """A contract's id: SHA-256("aether/code/v1" || 0 || module bytes)."""
    return tagged("aether/code/v1", code)


class Contracts:
    @staticmethod
    def deploy(code: bytes) -> Call:
        _need(0 < len(code) <= MAX_CALL_ARGS, f"a module of 1..{MAX_CALL_ARGS} bytes")
        return Call(DEPLOYER, "deploy", bytes(code))

    @staticmethod
    def call(contract: bytes, method: str, args: bytes = b"") -> Call:
        """A call of ``method`` on ``contract`` with raw argument bytes (docs/contracts.md)."""
        _need(len(contract) == 32, "a contract id is 32 bytes")
        _need(1 <= len(method.encode("utf-8")) <= 64, "method must be 1..64 bytes")
        _need(len(args) <= MAX_CALL_ARGS, f"arguments over {MAX_CALL_ARGS} bytes")
        return Call(bytes(contract), method, bytes(args))


def _body(payer: bytes, reads, writes, calls, *, chain_id: str, nonce: int, fee_cap: int,
          valid_until: int, valid_from: int) -> TxBody:
    ws = sorted(set(writes))
    rs = [r for r in sorted(set(reads)) if r not in set(ws)]
    return TxBody(chain_id=chain_id, payer=payer, nonce=nonce, reads=rs, writes=ws,
                  calls=list(calls), fee_cap=fee_cap, valid_from=valid_from,
                  valid_until=valid_until)


def deploy_body(payer: bytes, code: bytes, *, chain_id: str, nonce: int, fee_cap: int,
                valid_until: int, valid_from: int = 0) -> TxBody:
    """A transaction deploying ``code``: it declares exactly the new contract's id writable."""
    return _body(payer, [], [contract_id(code)], [Contracts.deploy(code)], chain_id=chain_id,
                 nonce=nonce, fee_cap=fee_cap, valid_until=valid_until, valid_from=valid_from)


def contract_call_body(payer: bytes, call: Call, *, reads: Sequence[bytes] = (),
                       writes: Sequence[bytes] = (),
                       deposit: Optional[Sequence[AssetAmount]] = None, chain_id: str,
                       nonce: int, fee_cap: int, valid_until: int,
                       valid_from: int = 0) -> TxBody:
    """A transaction calling a contract: the contract readable, ``reads``/``writes`` as given, and
    with a deposit, a transfer to the contract's account first (that account writable)."""
    rs: List[bytes] = [call.program, *reads]
    ws: List[bytes] = list(writes)
    calls: List[Call] = []
    if deposit is not None:
        calls.append(transfer_call(call.program, deposit))
        ws.append(account_key(call.program))
    calls.append(call)
    return _body(payer, rs, ws, calls, chain_id=chain_id, nonce=nonce, fee_cap=fee_cap,
                 valid_until=valid_until, valid_from=valid_from)


# ------------------------------------------------------------------------------ UTxO spends

_U128_MAX = (1 << 128) - 1


def _check_ref(r: UtxoRef) -> UtxoRef:
    _need(isinstance(r.tx_id, (bytes, bytearray)) and len(r.tx_id) == 32,
          "an input's tx_id is 32 bytes")
    _need(isinstance(r.index, int) and not isinstance(r.index, bool)
          and 0 <= r.index < LIMITS["outputs"], f"an input's index is 0..{LIMITS['outputs'] - 1}")
    return UtxoRef(bytes(r.tx_id), r.index)


def _check_output(o: TxOutput) -> TxOutput:
    _need(isinstance(o.owner, (bytes, bytearray)) and len(o.owner) == 32,
          "an output's owner is a 32-byte address")
    _need(all(isinstance(a.amount, int) and 0 <= a.amount <= _U128_MAX for a in o.value),
          "an output's amounts are u128")
    value = normal_value(list(o.value))
    if o.datum is not None:
        _need(len(o.datum) <= LIMITS["datum"], f"a datum is at most {LIMITS['datum']} bytes")
    return TxOutput(bytes(o.owner), value, None if o.datum is None else bytes(o.datum))


def utxo_body(payer: bytes, inputs: Sequence[UtxoRef], outputs: Sequence[TxOutput], *,
              chain_id: str, nonce: int, fee_cap: int, valid_until: int,
              valid_from: int = 0, burn: Sequence[AssetAmount] = ()) -> TxBody:
    """A UTxO transaction from ``payer``: it consumes ``inputs`` (each unspent, its owner signing
    the transaction), creates ``outputs`` at ``UtxoRef(tx_id, i)`` in the order given, and may burn
    value (``burn``); per asset, what the outputs and the burn hold beyond the inputs is paid in
    from the payer's account. It declares no keys, as the ledger takes it (TxRules, AccessSet.of in
    Java): the payer's account, the consumed inputs and the created outputs are written implicitly.
    Inputs are put in ascending order; an input named twice, an index outside 0..255, more than 256
    inputs or outputs, an amount outside u128, a datum over 16 KiB and a transaction that neither
    consumes nor creates an output are refused (ValueError). To spend UTxOs in a transaction that
    also calls programs, build the calls' body with their builder and add the UTxO parts with
    ``with_utxos``."""
    _need(len(inputs) + len(outputs) > 0,
          "a UTxO transaction consumes or creates at least one output")
    empty = TxBody(chain_id=chain_id, payer=payer, nonce=nonce, fee_cap=fee_cap,
                   valid_from=valid_from, valid_until=valid_until)
    return with_utxos(empty, inputs=inputs, outputs=outputs, burn=burn)


def with_utxos(body: TxBody, *, inputs: Sequence[UtxoRef] = (), outputs: Sequence[TxOutput] = (),
               burn: Sequence[AssetAmount] = ()) -> TxBody:
    """``body`` (built by any builder: a transfer, a job, AMM or governance call, a contract call)
    with UTxO inputs consumed, outputs created (after any it has) and value burned in the same
    transaction. The calls and their declared keys stay as they are: the ledger writes the payer's
    account, the inputs and the outputs implicitly. Value must be conserved per asset (inputs <=
    outputs + burn, the rest paid in from the payer's account), which the chain checks against the
    inputs' values. There is no mint: no node authorises minting (MintPolicy.NONE), so a body that
    mints is refused here. The same checks as ``utxo_body``, across the body's existing inputs and
    outputs too."""
    _need(not body.mint, "no node authorises minting: a body that mints is refused")
    _need(len(inputs) + len(outputs) + len(burn) > 0,
          "nothing to add: give inputs, outputs or a burn")
    all_in = list(body.inputs) + list(inputs)
    all_out = list(body.outputs) + list(outputs)
    _need(len(all_in) <= LIMITS["inputs"], f"at most {LIMITS['inputs']} inputs")
    _need(len(all_out) <= LIMITS["outputs"], f"at most {LIMITS['outputs']} outputs")
    ins = sorted((_check_ref(r) for r in all_in), key=lambda r: (r.tx_id, r.index))
    for a, b in zip(ins, ins[1:]):
        _need((a.tx_id, a.index) != (b.tx_id, b.index), "an input is named twice")
    burns = list(body.burn) + list(burn)
    _need(all(isinstance(a.amount, int) and not isinstance(a.amount, bool)
              and 0 <= a.amount <= _U128_MAX for a in burns), "a burn's amounts are u128")
    return dataclasses.replace(body, inputs=ins, outputs=[_check_output(o) for o in all_out],
                               burn=normal_value(burns))


def created_utxos(body: TxBody) -> List[UtxoRef]:
    """The outputs ``body`` creates, as the refs a later spend names (``UtxoRef(tx_id(body), i)``)."""
    i = tx_id(body)
    return [UtxoRef(i, n) for n in range(len(body.outputs))]


def utxo_writes(body: TxBody) -> List[bytes]:
    """The keys ``body`` writes as the scheduler sees them (AccessSet.of in Java): its declared
    writes, the payer's account, each consumed input's and each created output's UTxO key,
    ascending."""
    keys = [*body.writes, account_key(body.payer)]
    keys += [utxo_key(r.tx_id, r.index) for r in body.inputs]
    keys += [utxo_key(r.tx_id, r.index) for r in created_utxos(body)]
    return sorted(set(keys))


__all__ = ["utxo_body", "with_utxos", "created_utxos", "utxo_writes", "MAX_CALL_ARGS", "MAX_PROVIDER_ENTRIES", "TEE_KINDS", "ProviderRegistration",
           "JobCalls", "DEPLOYER", "contract_id", "Contracts", "deploy_body",
           "contract_call_body", "fraud_proof_job"]
