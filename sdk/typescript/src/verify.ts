/** End-to-end checks that combine the pieces: a receipt proven in a block proven final. */
import { VerificationError } from "./errors.js";
import { type FinalBlockProof, type FinalityProofJson, verifyFinality } from "./finality.js";
import { equalBytes, toHex } from "./hex.js";
import { type Account, verifyAccount, verifyReceiptProof } from "./proofs.js";
import type { AccountAnswer, ReceiptWithProof, RpcClient } from "./rpc.js";

/**
 * Checks a receipt against a finality proof of its block: the block is final (BLS quorum
 * certificates from the genesis set), the receipt's block is that block, and the receipt sits at
 * its index under the header's receipts root. `count` is the tree's leaf count — the block's
 * transactions plus one, its own receipt (docs/adr/0053); it is bound by the root, so a wrong one
 * fails.
 */
export function verifyFinalReceipt(
  r: ReceiptWithProof,
  count: number,
  finality: FinalityProofJson,
  trust: { genesisId: Uint8Array },
): FinalBlockProof {
  const f = verifyFinality(finality, trust);
  if (f.height !== r.blockHeight || !equalBytes(f.blockId, r.blockHash)) {
    throw new VerificationError(`the receipt's block ${toHex(r.blockHash)} is not the proven block`);
  }
  if (!verifyReceiptProof(f.header.receiptsRoot, r.receipt, { index: r.index, count, path: r.siblings })) {
    throw new VerificationError("the receipt is not under the final block's receipts root");
  }
  return f;
}

/**
 * Asks `rpc` for a receipt, its block and a finality proof, and checks them all (see
 * verifyFinalReceipt). Resolves to the proven receipt or rejects with VerificationError.
 */
export async function fetchVerifiedReceipt(rpc: RpcClient, txHash: string, trust: { genesisId: Uint8Array }, timeoutMs = 60_000) {
  const r = await rpc.waitForReceipt(txHash, timeoutMs);
  const block = await rpc.block(r.blockHeight);
  const txCount = Array.isArray(block?.transactions) ? (block!.transactions as unknown[]).length : 0;
  const proof = await rpc.waitForFinalityProof(r.blockHeight, timeoutMs);
  const f = verifyFinalReceipt(r, txCount + 1, proof, trust);
  return { receipt: r.receipt, block: f };
}

/**
 * Checks an account answer against a state root the caller trusts (e.g. from a header proven final
 * at `answer.height`). Returns the account, or undefined for a proven absence.
 */
export function verifyAccountAnswer(answer: AccountAnswer, trustedStateRoot: Uint8Array): Account | undefined {
  if (!equalBytes(answer.stateRoot, trustedStateRoot)) throw new VerificationError("the answer is for another state root");
  return verifyAccount(trustedStateRoot, answer.address, answer.raw, answer.proof);
}

/** Asks for an account and the finality proof of the height it was read at; checks both. */
export async function fetchVerifiedAccount(rpc: RpcClient, address: Uint8Array | string, trust: { genesisId: Uint8Array }, timeoutMs = 60_000) {
  const a = await rpc.account(address);
  const f = verifyFinality(await rpc.waitForFinalityProof(a.height, timeoutMs), trust);
  if (!equalBytes(f.header.stateRoot, a.stateRoot)) throw new VerificationError("the account's state root is not the final header's");
  return { account: verifyAccountAnswer(a, f.header.stateRoot), block: f };
}
