/**
 * `node dist/live.js --rpc URL --seed HEX --to HEX --amount N --genesis-id HEX`: builds and signs a
 * transfer with this SDK, submits it, waits for its receipt, and checks the receipt against a
 * finality proof of its block (BLS quorum certificates from the genesis set) and the recipient's
 * account against the final state root. Prints one JSON line; exit 0 when everything verified.
 * The devnet integration test runs it (docs/sdk.md).
 */
import { AIC } from "./hash.js";
import { fromHex, toHex } from "./hex.js";
import { KeyPair } from "./keys.js";
import { RpcClient } from "./rpc.js";
import { rawTx, sign, transferBody } from "./tx.js";
import { fetchVerifiedAccount, fetchVerifiedReceipt } from "./verify.js";

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) {
    process.stderr.write(`error: --${name} is required\n`);
    process.exit(2);
  }
  return process.argv[i + 1];
}

async function main(): Promise<void> {
  const rpc = new RpcClient(arg("rpc"));
  const key = KeyPair.fromSeed(arg("seed"));
  const to = fromHex(arg("to"));
  const amount = BigInt(arg("amount"));
  const trust = { genesisId: fromHex(arg("genesis-id")) };
  const chainId = await rpc.chainId();
  const me = await rpc.account(key.address);
  const nonce = me.raw ? BigInt((await import("./proofs.js")).decodeAccount(me.raw).nonce) : 0n;
  const head = (await rpc.block("latest")) as { slot: number };
  const o = { chainId, nonce, feeCap: 1_000_000n, validUntil: BigInt(head.slot) + 2_000n };
  const draft = sign(transferBody(key.address, to, [{ asset: AIC, amount }], o), key);
  const est = await rpc.call<{ suggestedFeeCap: string }>("aeth_estimateFee", [toHex(rawTx(draft))]);
  const tx = sign(transferBody(key.address, to, [{ asset: AIC, amount }], { ...o, feeCap: BigInt(est.suggestedFeeCap) }), key);
  const id = await rpc.sendTransaction(tx);
  const { receipt, block } = await fetchVerifiedReceipt(rpc, id, trust, 90_000);
  const acct = await fetchVerifiedAccount(rpc, to, trust, 90_000);
  const aic = acct.account?.balance.find((a) => toHex(a.asset) === toHex(AIC))?.amount ?? 0n;
  process.stdout.write(
    JSON.stringify({
      txHash: id,
      status: receipt.status,
      height: Number(block.height),
      blockHash: toHex(block.blockId),
      signedStake: block.signedStake.toString(),
      totalStake: block.totalStake.toString(),
      recipientAic: aic.toString(),
      accountHeight: Number(acct.block.height),
      verified: receipt.status === "success",
    }) + "\n",
  );
  process.exit(receipt.status === "success" ? 0 : 1);
}

main().catch((e) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
