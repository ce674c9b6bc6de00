/**
 * `node dist/live.js --rpc URL --seed HEX --to HEX --amount N --genesis-id HEX [--utxo-amount M]`:
 * builds and signs a transfer with this SDK, submits it, waits for its receipt, and checks the
 * receipt against a finality proof of its block (BLS quorum certificates from the genesis set) and
 * the recipient's account against the final state root. With `--utxo-amount M` the transfer also
 * creates an unspent output of M AIC for the sender (a UTxO part beside a call, `withUtxos`), and a
 * second transaction pays M/3 AIC of the sender's unspent outputs to the recipient as a new output,
 * inputs picked by coin selection from `aeth_getUtxos` with the change back to the sender
 * (`utxoPayment`); its receipt is checked final the same way. Prints one JSON line; exit 0 when
 * everything verified. The devnet integration test runs it (docs/sdk.md).
 */
import { AIC } from "./hash.js";
import { equalBytes, fromHex, toHex } from "./hex.js";
import { KeyPair } from "./keys.js";
import { decodeAccount } from "./proofs.js";
import { RpcClient } from "./rpc.js";
import { withUtxos } from "./builders.js";
import { utxoPayment } from "./coins.js";
import type { TxBody } from "./codec.js";
import { rawTx, sign, type TxOptions, transferBody } from "./tx.js";
import { fetchVerifiedAccount, fetchVerifiedReceipt } from "./verify.js";

function arg(name: string, optional = false): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) {
    if (optional) return undefined;
    process.stderr.write(`error: --${name} is required\n`);
    process.exit(2);
  }
  return process.argv[i + 1];
}

/** Signs `build(feeCap)` with the fee cap the node suggests for it (a simulation of a draft). */
async function signWithEstimate(rpc: RpcClient, key: KeyPair, build: (feeCap: bigint) => TxBody) {
  const draft = sign(build(1_000_000n), key);
  const est = await rpc.call<{ suggestedFeeCap: string }>("aeth_estimateFee", [toHex(rawTx(draft))]);
  return sign(build(BigInt(est.suggestedFeeCap)), key);
}

async function main(): Promise<void> {
  const rpc = new RpcClient(arg("rpc")!);
  const key = KeyPair.fromSeed(arg("seed")!);
  const to = fromHex(arg("to")!);
  const amount = BigInt(arg("amount")!);
  const utxoArg = arg("utxo-amount", true);
  const utxoAmount = utxoArg === undefined ? 0n : BigInt(utxoArg);
  const trust = { genesisId: fromHex(arg("genesis-id")!) };
  const chainId = await rpc.chainId();
  const me = await rpc.account(key.address);
  const nonce = me.raw ? decodeAccount(me.raw).nonce : 0n;
  const head = (await rpc.block("latest")) as { slot: number };
  const o: TxOptions = { chainId, nonce, feeCap: 1_000_000n, validUntil: BigInt(head.slot) + 2_000n };
  const transfer = (feeCap: bigint) => {
    const body = transferBody(key.address, to, [{ asset: AIC, amount }], { ...o, feeCap });
    return utxoAmount === 0n ? body : withUtxos(body, { outputs: [{ owner: key.address, value: [{ asset: AIC, amount: utxoAmount }] }] });
  };
  const tx = await signWithEstimate(rpc, key, transfer);
  const id = await rpc.sendTransaction(tx);
  const { receipt, block } = await fetchVerifiedReceipt(rpc, id, trust, 90_000);
  const acct = await fetchVerifiedAccount(rpc, to, trust, 90_000);
  const aic = acct.account?.balance.find((a) => toHex(a.asset) === toHex(AIC))?.amount ?? 0n;
  const out: Record<string, unknown> = {
    txHash: id,
    status: receipt.status,
    height: Number(block.height),
    blockHash: toHex(block.blockId),
    signedStake: block.signedStake.toString(),
    totalStake: block.totalStake.toString(),
    recipientAic: aic.toString(),
    accountHeight: Number(acct.block.height),
  };
  let ok = receipt.status === "success";
  if (ok && utxoAmount > 0n) {
    // Spend the sender's unspent outputs by coin selection: pay a third of the new output's value.
    const pay = utxoAmount / 3n;
    const utxos = await rpc.allUtxos(key.address);
    const balance = decodeAccount((await rpc.account(key.address)).raw!).balance;
    const o2 = { ...o, nonce: nonce + 1n };
    const payment = [{ owner: to, value: [{ asset: AIC, amount: pay }] }];
    const spend = await signWithEstimate(rpc, key, (feeCap) =>
      utxoPayment(key.address, utxos, payment, { ...o2, feeCap }, { payerBalance: balance }).body);
    const spendId = await rpc.sendTransaction(spend);
    const r2 = await fetchVerifiedReceipt(rpc, spendId, trust, 90_000);
    const listed = await rpc.utxos(to);
    const created = listed.some((u) => toHex(u.ref.txId) === spendId && u.ref.index === 0
      && equalBytes(u.output.value[0].asset, AIC) && u.output.value[0].amount === pay);
    Object.assign(out, {
      utxoTxHash: spendId,
      utxoStatus: r2.receipt.status,
      utxoHeight: Number(r2.block.height),
      utxoInputs: spend.body.inputs.length,
      utxoPaid: pay.toString(),
      recipientUtxoListed: created,
    });
    ok = r2.receipt.status === "success" && created;
  }
  out.verified = ok;
  process.stdout.write(JSON.stringify(out) + "\n");
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
