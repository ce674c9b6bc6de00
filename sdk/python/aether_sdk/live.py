"""``python3 -m aether_sdk.live --rpc URL --seed HEX --to HEX --amount N --genesis-id HEX``: builds
and signs a transfer with this SDK, submits it, and checks its receipt against a finality proof
of its block (structure and stake; BLS not checked, see finality.py) and the recipient's account
against the final state root. Prints one JSON line; exit 0 when everything checked."""
import argparse
import json
import sys

from .codec import AssetAmount
from .hashing import AIC
from .hexutil import from_hex, to_hex
from .keys import KeyPair
from .proofs import decode_account
from .rpc import RpcClient
from .tx import raw_tx, sign, transfer_body
from .verify import fetch_verified_account, fetch_verified_receipt


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="aether_sdk.live")
    for a in ("rpc", "seed", "to", "amount", "genesis-id"):
        p.add_argument("--" + a, required=True)
    args = p.parse_args(argv)
    rpc = RpcClient(args.rpc)
    key = KeyPair.from_seed(args.seed)
    to = from_hex(args.to)
    amount = int(args.amount)
    genesis = from_hex(args.genesis_id)
    chain = rpc.chain_id()
    me = rpc.account(key.address)
    nonce = decode_account(from_hex(me["raw"])).nonce if me.get("raw") else 0
    slot = int(rpc.block("latest")["slot"])
    opts = dict(chain_id=chain, nonce=nonce, fee_cap=1_000_000, valid_until=slot + 2000)
    value = [AssetAmount(AIC, amount)]
    draft = sign(transfer_body(key.address, to, value, **opts), key)
    est = rpc.call("aeth_estimateFee", to_hex(raw_tx(draft)))
    opts["fee_cap"] = int(est["suggestedFeeCap"])
    tx = sign(transfer_body(key.address, to, value, **opts), key)
    tx_hash = rpc.send_transaction(tx)
    receipt, block = fetch_verified_receipt(rpc, tx_hash, genesis, timeout=90)
    account, at = fetch_verified_account(rpc, to, genesis, timeout=90)
    aic = next((a.amount for a in (account.balance if account else []) if a.asset == AIC), 0)
    print(json.dumps(dict(txHash=tx_hash, status=receipt.status, height=block.height,
                          blockHash=to_hex(block.block_id), signedStake=str(block.signed_stake),
                          totalStake=str(block.total_stake), recipientAic=str(aic),
                          accountHeight=at.height, signaturesChecked=block.signatures_checked,
                          verified=receipt.status == "success")))
    return 0 if receipt.status == "success" else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:  # one error line, never a traceback
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
