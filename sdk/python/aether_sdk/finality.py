"""Finality proofs (``aeth_getFinalityProof``), checked from the chain's genesis block id.

Everything but the BLS signatures is checked here with the standard library: the genesis header,
the validator set's record under the genesis state root, the members and their stakes, the header
chain, the 2-chain rule, and that each certificate's signers hold two thirds of the stake. **BLS
aggregate signatures are not verified**: no Debian package offers BLS12-381 to Python, and PyPI is
out of reach here. Pass ``bls_verify(public_keys, message, signature) -> bool`` to have them
checked; without it the result says ``signatures_checked=False`` (docs/sdk.md).
"""
from dataclasses import dataclass
from typing import Callable, List, Optional

from . import codec
from .codec import Reader, Writer
from .errors import VerificationError
from .hashing import block_id
from .hexutil import from_hex, to_hex
from .proofs import decode_smt_proof, encode_data, state_value_hash, verify_smt_proof
from .tx import StakingKeys

BlsVerify = Callable[[List[bytes], bytes, bytes], bool]


def vote_message(rnd: int, block: bytes) -> bytes:
    """What a vote's BLS key signs: "aether/vote/v1" || 0 || u64 round || blockId."""
    return Writer().fixed(b"aether/vote/v1").u8(0).u64(rnd).fixed(block, 32).to_bytes()


def decode_validator_set(raw: bytes):
    r = Reader(raw)
    epoch = r.u64("EpochValidatorSet epoch")
    members = r.list_("EpochValidatorSet validators", 1024, lambda x: dict(
        operator=x.fixed("operator", 32), node_key=x.fixed("nodeKey", 32),
        bls_key=x.fixed("blsKey", 48), vrf_key=x.fixed("vrfKey", 32),
        cold_key=x.fixed("coldKey", 32), stake=x.u128("stake")))
    r.end("EpochValidatorSet")
    return epoch, members


@dataclass
class FinalBlockProof:
    height: int
    block_id: bytes
    header: codec.Header
    epoch: int
    signed_stake: int
    total_stake: int
    signatures_checked: bool


def verify_finality(proof: dict, genesis_id: bytes,
                    bls_verify: Optional[BlsVerify] = None) -> FinalBlockProof:
    """Checks a finality proof (the JSON ``aeth_getFinalityProof`` answers); raises
    VerificationError naming the first failed check."""
    def fail(why: str):
        raise VerificationError(why)

    genesis = codec.decode(codec.read_header, from_hex(proof["genesis"]), "Header")
    if block_id(genesis) != genesis_id:
        fail("the proof's genesis header is not the trusted genesis")
    vs = proof["validatorSet"]
    epoch = int(vs["epoch"])
    key = StakingKeys.epoch_set(epoch)
    if from_hex(vs["key"]) != key:
        fail("the set's state key is not the epoch's set key")
    record = from_hex(vs["record"])
    if not verify_smt_proof(genesis.state_root, key, state_value_hash(encode_data(record)),
                            decode_smt_proof(from_hex(vs["proof"]))):
        fail("the validator set record is not under the genesis state root")
    set_epoch, members = decode_validator_set(record)
    if set_epoch != epoch:
        fail(f"the record is of epoch {set_epoch}, not {epoch}")
    if len(vs["members"]) != len(members):
        fail("the members are not the recorded set")
    by_index, used, total = {}, set(), 0
    for m in vs["members"]:
        bls, stake, idx = from_hex(m["blsKey"]), int(m["stake"]), int(m["index"])
        at = next((i for i, s in enumerate(members)
                   if i not in used and s["bls_key"] == bls and s["stake"] == stake), None)
        if at is None or idx in by_index or not 0 <= idx < 1024:
            fail(f"member {idx} is not in the recorded set")
        used.add(at)
        by_index[idx] = (bls, stake)
        total += stake
    headers = [codec.decode(codec.read_header, from_hex(h), "Header") for h in proof["headers"]]
    if len(headers) < 2:
        fail("a finality proof needs the block and a certified child")
    if headers[0].height != int(proof["height"]):
        fail("the first header is not at the proven height")
    ids = [block_id(h) for h in headers]
    for i in range(1, len(headers)):
        if headers[i].parent != ids[i - 1] or headers[i].height != headers[i - 1].height + 1:
            fail(f"header {i} is not the child of header {i - 1}")
    parent, child = headers[-2], headers[-1]
    if child.round != parent.round + 1:
        fail("the last header's round does not follow its parent's (no 2-chain)")

    def check(qc: codec.QuorumCert, bid: bytes, rnd: int, what: str) -> int:
        if qc.block_id != bid or qc.round != rnd:
            fail(f"the {what} certificate is for another block")
        keys, weight = [], 0
        for i in codec.signer_indices(qc.signers):
            if i not in by_index:
                fail(f"{what} certificate signer {i} is not in the set")
            keys.append(by_index[i][0])
            weight += by_index[i][1]
        if weight * 3 < total * 2:
            fail(f"the {what} certificate has {weight} of {total} stake, under two thirds")
        if bls_verify is not None and not bls_verify(keys, vote_message(qc.round, qc.block_id),
                                                     qc.aggregate_signature):
            fail(f"the {what} certificate's aggregate signature does not verify")
        return weight

    check(child.parent_qc, ids[-2], parent.round, "parent")
    signed = check(codec.decode(codec.read_qc, from_hex(proof["qc"]), "QuorumCert"), ids[-1],
                   child.round, "child")
    if proof.get("blockHash") and proof["blockHash"].lower() != to_hex(ids[0]):
        fail("blockHash is not the proven header's id")
    return FinalBlockProof(headers[0].height, ids[0], headers[0], epoch, signed, total,
                           bls_verify is not None)
