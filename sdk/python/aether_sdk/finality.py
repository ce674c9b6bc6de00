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


def vote_message(epoch: int, rnd: int, block: bytes) -> bytes:
    """What a vote's BLS key signs: "aether/vote/v2" || 0 || u64 epoch || u64 round || blockId."""
    return (Writer().fixed(b"aether/vote/v2").u8(0).u64(epoch).u64(rnd).fixed(block, 32)
            .to_bytes())


MAX_TOTAL_WEIGHT = 3074457345618258602  # the node's Long.MAX_VALUE // 3


def stake_weights(stakes: List[int]) -> List[int]:
    """The consensus weights of exact stakes (the node's StakeWeights): the stakes themselves when
    they total at most MAX_TOTAL_WEIGHT, else each floor-divided by ceil(total / (cap - n)), at
    least 1."""
    total = sum(stakes)
    if total <= MAX_TOTAL_WEIGHT:
        return list(stakes)
    room = MAX_TOTAL_WEIGHT - len(stakes)
    d = (total + room - 1) // room
    return [max(1, s // d) for s in stakes]


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
    set_changes: int = 0


def verify_finality(proof: dict, genesis_id: bytes,
                    bls_verify: Optional[BlsVerify] = None) -> FinalBlockProof:
    """Checks a finality proof (the JSON ``aeth_getFinalityProof`` answers); raises
    VerificationError naming the first failed check.

    The sets of epochs 0 and 1 are read under the genesis state root; each set-change link ``e``
    then proves the set of epoch ``e + 2`` (the first block of epoch ``e + 1`` is the child of
    epoch ``e``'s last block and certified by epoch ``e + 1``'s set; that last block's state root
    holds the record of epoch ``e + 2``'s set). Without ``bls_verify`` no certificate's signature
    is checked, links included."""
    def fail(why: str):
        raise VerificationError(why)

    def recorded(state_root: bytes, epoch: int, record: bytes, prf: bytes, where: str):
        key = StakingKeys.epoch_set(epoch)
        try:
            ok = verify_smt_proof(state_root, key, state_value_hash(encode_data(record)),
                                  decode_smt_proof(prf))
        except Exception:  # a malformed proof is a failed check, not a crash
            ok = False
        if not ok:
            fail(f"the validator set record of epoch {epoch} is not under the {where} state root")
        set_epoch, members = decode_validator_set(record)
        if set_epoch != epoch:
            fail(f"the record is of epoch {set_epoch}, not {epoch}")
        weights = stake_weights([m["stake"] for m in members])
        return members, weights, sum(weights)

    sets = {}

    def check(qc: codec.QuorumCert, bid: bytes, rnd: int, what: str) -> int:
        if qc.block_id != bid or qc.round != rnd:
            fail(f"the {what} certificate is for another block")
        if qc.epoch not in sets:
            fail(f"the {what} certificate is of epoch {qc.epoch}, whose set the proof does not "
                 "establish")
        members, weights, total = sets[qc.epoch]
        keys, weight = [], 0
        for i in codec.signer_indices(qc.signers):
            if i >= len(members):
                fail(f"{what} certificate signer {i} is not in the set of epoch {qc.epoch}")
            keys.append(members[i]["bls_key"])
            weight += weights[i]
        if weight * 3 < total * 2:
            fail(f"the {what} certificate has {weight} of {total} stake, under two thirds")
        if bls_verify is not None and not bls_verify(
                keys, vote_message(qc.epoch, qc.round, qc.block_id), qc.aggregate_signature):
            fail(f"the {what} certificate's aggregate signature does not verify")
        return weight

    genesis = codec.decode(codec.read_header, from_hex(proof["genesis"]), "Header")
    if block_id(genesis) != genesis_id:
        fail("the proof's genesis header is not the trusted genesis")
    for g in proof.get("genesisSets", []):
        epoch = int(g["epoch"])
        if epoch > 1:
            fail(f"genesis records no set of epoch {epoch}")
        if from_hex(g["key"]) != StakingKeys.epoch_set(epoch):
            fail("the set's state key is not the epoch's set key")
        sets[epoch] = recorded(genesis.state_root, epoch, from_hex(g["record"]),
                               from_hex(g["proof"]), "genesis")
    links = [codec.decode(codec.read_set_change, from_hex(x), "SetChange")
             for x in proof.get("setChanges", [])]
    for i, link in enumerate(links):
        e = link.boundary.epoch
        if e != i:
            fail(f"set change {i} ends epoch {e}, not {i}")
        if link.opening.epoch != e + 1 or link.opening.parent != block_id(link.boundary):
            fail(f"set change {i}: the opening block is not a child of epoch {e}'s last block "
                 f"in epoch {e + 1}")
        if link.opening_qc.epoch != e + 1:
            fail(f"set change {i}: the certificate is not of epoch {e + 1}")
        check(link.opening_qc, block_id(link.opening), link.opening.round, f"set change {i}")
        sets[e + 2] = recorded(link.boundary.state_root, e + 2, link.recorded_set, link.proof,
                               f"set change {i} boundary")

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

    check(child.parent_qc, ids[-2], parent.round, "parent")
    qc = codec.decode(codec.read_qc, from_hex(proof["qc"]), "QuorumCert")
    signed = check(qc, ids[-1], child.round, "child")
    if proof.get("blockHash") and proof["blockHash"].lower() != to_hex(ids[0]):
        fail("blockHash is not the proven header's id")
    return FinalBlockProof(headers[0].height, ids[0], headers[0], qc.epoch, signed,
                           sets[qc.epoch][2], bls_verify is not None, len(links))
