"""``python3 -m aether_sdk.live --rpc URL --seed HEX --to HEX --amount N --genesis-id HEX
[--utxo-amount M]``: builds and signs a transfer with this SDK, submits it, and checks its receipt
against a finality proof of its block (structure and stake; BLS not checked, see finality.py) and
the recipient's account against the final state root. With ``--utxo-amount M`` the transfer also
creates an unspent output of M AIC for the sender (``with_utxos``), and a second transaction pays
M/3 AIC of the sender's unspent outputs to the recipient as a new output, inputs picked by coin
selection from ``aeth_getUtxos`` with the change back to the sender (``utxo_payment``); its receipt
is checked final the same way. Prints one JSON line; exit 0 when everything checked."""
import argparse
import json
import sys

from .builders import with_utxos
from .codec import AssetAmount, TxOutput
from .coins import utxo_payment
from .hashing import AIC
from .hexutil import from_hex, to_hex
from .keys import KeyPair
from .proofs import decode_account
from .rpc import RpcClient
from .tx import raw_tx, sign, transfer_body
from .verify import fetch_verified_account, fetch_verified_receipt


def _sign_with_estimate(rpc: RpcClient, key: KeyPair, build):
    """Signs ``build(fee_cap)`` with the fee cap the node suggests for a draft of it."""
    draft = sign(build(1_000_000), key)
    est = rpc.call("aeth_estimateFee", to_hex(raw_tx(draft)))
    return sign(build(int(est["suggestedFeeCap"])), key)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="aether_sdk.live")
    for a in ("rpc", "seed", "to", "amount", "genesis-id"):
        p.add_argument("--" + a, required=True)
    p.add_argument("--utxo-amount", type=int, default=0)
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
    opts = dict(chain_id=chain, nonce=nonce, valid_until=slot + 2000)
    value = [AssetAmount(AIC, amount)]

    def transfer(fee_cap):
        body = transfer_body(key.address, to, value, fee_cap=fee_cap, **opts)
        if args.utxo_amount == 0:
            return body
        return with_utxos(body, outputs=[TxOutput(key.address,
                                                  [AssetAmount(AIC, args.utxo_amount)])])
    tx = _sign_with_estimate(rpc, key, transfer)
    tx_hash = rpc.send_transaction(tx)
    receipt, block = fetch_verified_receipt(rpc, tx_hash, genesis, timeout=90)
    account, at = fetch_verified_account(rpc, to, genesis, timeout=90)
    aic = next((a.amount for a in (account.balance if account else []) if a.asset == AIC), 0)
    out = dict(txHash=tx_hash, status=receipt.status, height=block.height,
               blockHash=to_hex(block.block_id), signedStake=str(block.signed_stake),
               totalStake=str(block.total_stake), recipientAic=str(aic),
               accountHeight=at.height, signaturesChecked=block.signatures_checked)
    ok = receipt.status == "success"
    if ok and args.utxo_amount > 0:
        # Spend the sender's unspent outputs by coin selection: a third of the new output's value.
        pay = args.utxo_amount // 3
        utxos = rpc.all_utxos(key.address)
        balance = decode_account(from_hex(rpc.account(key.address)["raw"])).balance
        payment = [TxOutput(to, [AssetAmount(AIC, pay)])]
        o2 = dict(opts, nonce=nonce + 1)
        spend = _sign_with_estimate(rpc, key, lambda fee_cap: utxo_payment(
            key.address, utxos, payment, fee_cap=fee_cap, payer_balance=balance, **o2)[0])
        spend_hash = rpc.send_transaction(spend)
        r2, b2 = fetch_verified_receipt(rpc, spend_hash, genesis, timeout=90)
        listed = any(to_hex(u.ref.tx_id) == spend_hash and u.ref.index == 0
                     and u.output.value == [AssetAmount(AIC, pay)] for u in rpc.utxos(to))
        out.update(utxoTxHash=spend_hash, utxoStatus=r2.status, utxoHeight=b2.height,
                   utxoInputs=len(spend.body.inputs), utxoPaid=str(pay),
                   recipientUtxoListed=listed)
        ok = r2.status == "success" and listed
    out["verified"] = ok
    print(json.dumps(out))
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:  # one error line, never a traceback
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
