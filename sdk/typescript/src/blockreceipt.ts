/**
 * A block's own receipt (docs/adr/0053, 0054): the events of the block's work after its
 * transactions — the fees shared out, deposit refunds and burns, treasury spends, staking inflation,
 * rewards, leaks and slashes — committed as the last leaf of the block's receipts tree. Value events
 * (topics credit, debit, burn, slash) carry a canonical ValueEvent as their data. Byte for byte the
 * Java `BlockReceipt` and `ValueEvent`; checked against golden vectors.
 */
import { CodecError, VerificationError } from "./errors.js";
import { decode, encode, type Event, Reader, type Receipt, readEvent, Writer, writeEvent } from "./codec.js";
import { type FinalBlockProof, type FinalityProofJson, verifyFinality } from "./finality.js";
import { receiptLeaf, tagged } from "./hash.js";
import { equalBytes, fromHex, toHex, utf8 } from "./hex.js";
import { type ReceiptProof, receiptsRootOfLeaves, verifyLeafProof } from "./proofs.js";
import type { RpcClient } from "./rpc.js";

export const VALUE_KINDS = ["credit", "debit", "burn", "slash"] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** One movement of value by a block's own work. */
export interface ValueEvent {
  kind: ValueKind;
  /** The account credited or debited, or the validator slashed; absent for a burn. */
  account?: Uint8Array;
  asset: Uint8Array;
  amount: bigint;
  /** Why, under the emitter: refund, deposit_burn, spend, fee_pool, reward, ... */
  cause: string;
  ref: Uint8Array;
}

export interface BlockReceipt {
  height: bigint;
  events: Event[];
}

const MAX_EVENTS = 65_536;
const MAX_CAUSE = 32;
const MAX_REF = 64;
const CAUSE = /^[a-z0-9_]{1,32}$/;

function check(v: ValueEvent): void {
  if ((v.account === undefined) !== (v.kind === "burn")) {
    throw new CodecError("codec.non_canonical", v.kind === "burn" ? "a burn names no account" : `a ${v.kind} names an account`);
  }
  if (v.amount <= 0n) throw new CodecError("codec.non_canonical", "a value event moves a non-zero amount");
  if (!CAUSE.test(v.cause)) throw new CodecError("codec.non_canonical", `cause '${v.cause}' is not 1..32 of [a-z0-9_]`);
  if (v.ref.length > MAX_REF) throw new CodecError("codec.length_over_limit", "ValueEvent ref");
}

export function writeValueEvent(w: Writer, v: ValueEvent): void {
  check(v);
  w.u8(VALUE_KINDS.indexOf(v.kind)).option(v.account, (x, a: Uint8Array) => x.fixed(a, 32));
  w.fixed(v.asset, 32).u128(v.amount).string(v.cause).bytes(v.ref);
}

export function readValueEvent(r: Reader): ValueEvent {
  const tag = r.u8("ValueEvent kind");
  if (tag >= VALUE_KINDS.length) throw new CodecError("codec.unknown_tag", `ValueEvent kind ${tag}`);
  const account = r.option("ValueEvent account", (x) => x.fixed("ValueEvent account", 32));
  const v: ValueEvent = {
    kind: VALUE_KINDS[tag],
    asset: r.fixed("ValueEvent asset", 32),
    amount: r.u128("ValueEvent amount"),
    cause: r.string("ValueEvent cause", MAX_CAUSE),
    ref: r.bytes("ValueEvent ref", MAX_REF),
  };
  if (account !== undefined) v.account = account;
  check(v);
  return v;
}

export const encodeValueEvent = (v: ValueEvent) => encode(writeValueEvent, v);
export const decodeValueEvent = (b: Uint8Array) => decode(readValueEvent, b, "ValueEvent");

/** The event form of a value event emitted by `emitter`: topic = its kind, data = its bytes. */
export function valueEventToEvent(emitter: Uint8Array, v: ValueEvent): Event {
  return { emitter, topic: utf8(v.kind), data: encodeValueEvent(v) };
}

/**
 * The value event `e` carries: undefined when its topic is not a value kind; a CodecError when it
 * is but its data is not a canonical value event of that kind.
 */
export function valueEventOf(e: Event): ValueEvent | undefined {
  const topic = new TextDecoder().decode(e.topic);
  if (!(VALUE_KINDS as readonly string[]).includes(topic)) return undefined;
  const v = decodeValueEvent(e.data);
  if (v.kind !== topic) throw new CodecError("codec.non_canonical", `event topic ${topic} carries a ${v.kind}`);
  return v;
}

/** What a value event does to its account's balance: +amount, -amount, or 0 (burn, slash). */
export function balanceDelta(v: ValueEvent): bigint {
  return v.kind === "credit" ? v.amount : v.kind === "debit" ? -v.amount : 0n;
}

export function writeBlockReceipt(w: Writer, b: BlockReceipt): void {
  if (b.height < 1n) throw new RangeError("a block receipt belongs to an executed block (height >= 1)");
  if (b.events.length > MAX_EVENTS) throw new RangeError(`at most ${MAX_EVENTS} block events`);
  w.u64(b.height).list(b.events, writeEvent);
}

export function readBlockReceipt(r: Reader): BlockReceipt {
  const height = r.u64("BlockReceipt height");
  const events = r.list("BlockReceipt events", MAX_EVENTS, readEvent);
  if (height < 1n) throw new CodecError("codec.non_canonical", "a block receipt belongs to an executed block (height >= 1)");
  return { height, events };
}

export const encodeBlockReceipt = (b: BlockReceipt) => encode(writeBlockReceipt, b);
export const decodeBlockReceipt = (b: Uint8Array) => decode(readBlockReceipt, b, "BlockReceipt");

/** The block receipt's leaf: SHA-256("aether/block-receipt/v1" || 0 || encode(receipt)). */
export function blockReceiptLeaf(b: BlockReceipt): Uint8Array {
  return tagged("aether/block-receipt/v1", encodeBlockReceipt(b));
}

/** The receipts root a header carries: the transactions' receipts, then the block's own. */
export function blockReceiptsRoot(receipts: Receipt[], own: BlockReceipt): Uint8Array {
  return receiptsRootOfLeaves([...receipts.map(receiptLeaf), blockReceiptLeaf(own)]);
}

/** True when `own` is the block receipt (the last leaf) under the receipts root `root`. */
export function verifyBlockReceiptProof(root: Uint8Array, own: BlockReceipt, proof: ReceiptProof): boolean {
  return proof.index === proof.count - 1 && verifyLeafProof(root, blockReceiptLeaf(own), proof);
}

/** aeth_getBlockReceipt's answer, decoded. */
export interface BlockReceiptAnswer {
  receipt: BlockReceipt;
  blockHeight: bigint;
  blockHash: Uint8Array;
  receiptsRoot: Uint8Array;
  proof: ReceiptProof;
  raw: Uint8Array;
}

/** Asks `rpc` for the block receipt of `height` (null for genesis and blocks the node lacks). */
export async function blockReceipt(rpc: RpcClient, height: number | bigint): Promise<BlockReceiptAnswer | null> {
  const r = await rpc.call<Record<string, any> | null>("aeth_getBlockReceipt", [Number(height)]);
  if (r === null) return null;
  const raw = fromHex(r.raw);
  return {
    receipt: decodeBlockReceipt(raw),
    blockHeight: BigInt(r.blockHeight),
    blockHash: fromHex(r.blockHash),
    receiptsRoot: fromHex(r.receiptsRoot),
    proof: { index: Number(r.proof.index), count: Number(r.proof.count), path: (r.proof.siblings as string[]).map(fromHex) },
    raw,
  };
}

/**
 * Checks a block receipt against a finality proof of its block: the block is final, it is the
 * receipt's block, and the receipt is the last leaf under the header's receipts root, whose leaf
 * count is the block's transactions plus one (`txCount`).
 */
export function verifyFinalBlockReceipt(
  a: BlockReceiptAnswer,
  txCount: number,
  finality: FinalityProofJson,
  trust: { genesisId: Uint8Array },
): FinalBlockProof {
  const f = verifyFinality(finality, trust);
  if (f.height !== a.blockHeight || !equalBytes(f.blockId, a.blockHash) || a.receipt.height !== a.blockHeight) {
    throw new VerificationError(`the block receipt's block ${toHex(a.blockHash)} is not the proven block`);
  }
  const proof = { index: txCount, count: txCount + 1, path: a.proof.path };
  if (!verifyBlockReceiptProof(f.header.receiptsRoot, a.receipt, proof)) {
    throw new VerificationError("the block receipt is not under the final block's receipts root");
  }
  return f;
}

/** Fetches a block's own receipt, its block and a finality proof, and checks them all. */
export async function fetchVerifiedBlockReceipt(rpc: RpcClient, height: number | bigint, trust: { genesisId: Uint8Array }, timeoutMs = 60_000) {
  const a = await blockReceipt(rpc, height);
  if (a === null) throw new VerificationError(`the node has no block receipt at height ${height}`);
  const block = await rpc.block(a.blockHeight);
  const txCount = Array.isArray(block?.transactions) ? (block!.transactions as unknown[]).length : 0;
  const proof = await rpc.waitForFinalityProof(a.blockHeight, timeoutMs);
  return { receipt: a.receipt, block: verifyFinalBlockReceipt(a, txCount, proof, trust) };
}
