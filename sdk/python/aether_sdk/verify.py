"""End-to-end checks: a receipt proven in a block whose finality proof checks."""
from typing import Optional

from .errors import VerificationError
from .finality import BlsVerify, FinalBlockProof, verify_finality
from .hexutil import from_hex
from .proofs import verify_account, verify_receipt_proof
from .rpc import ReceiptWithProof, RpcClient


def verify_final_receipt(r: ReceiptWithProof, count: int, proof: dict, genesis_id: bytes,
                         bls_verify: Optional[BlsVerify] = None) -> FinalBlockProof:
    """count is the receipts tree's leaf count: the block's transactions plus one, its own
    receipt (docs/adr/0053)."""
    f = verify_finality(proof, genesis_id, bls_verify)
    if f.height != r.block_height or f.block_id != r.block_hash:
        raise VerificationError("the receipt's block is not the proven block")
    if not verify_receipt_proof(f.header.receipts_root, r.receipt, r.index, count, r.siblings):
        raise VerificationError("the receipt is not under the final block's receipts root")
    return f


def fetch_verified_receipt(rpc: RpcClient, tx_hash: str, genesis_id: bytes,
                           bls_verify: Optional[BlsVerify] = None, timeout: float = 60.0):
    r = rpc.wait_for_receipt(tx_hash, timeout)
    block = rpc.block(r.block_height)
    tx_count = len(block["transactions"]) if block else 0
    proof = rpc.wait_for_finality_proof(r.block_height, timeout)
    return r.receipt, verify_final_receipt(r, tx_count + 1, proof, genesis_id, bls_verify)


def fetch_verified_account(rpc: RpcClient, address: bytes, genesis_id: bytes,
                           bls_verify: Optional[BlsVerify] = None, timeout: float = 60.0):
    a = rpc.account(address)
    f = verify_finality(rpc.wait_for_finality_proof(int(a["height"]), timeout), genesis_id,
                        bls_verify)
    if f.header.state_root != from_hex(a["stateRoot"]):
        raise VerificationError("the account's state root is not the final header's")
    raw = from_hex(a["raw"]) if a.get("raw") else None
    return verify_account(f.header.state_root, address, raw, from_hex(a["proof"][0])), f
