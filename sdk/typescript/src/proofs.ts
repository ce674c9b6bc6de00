/**
 * Client-side checks of what a node answers: a receipt's Merkle proof against a header's receipts
 * root (RFC 9162 audit path, count-bound root; docs/ledger.md §4), and a Sparse Merkle proof of an
 * account (or its absence) against a state root.
 */
import { CodecError, VerificationError } from "./errors.js";
import { Reader, readValue, type Receipt, type Value, Writer, writeValue } from "./codec.js";
import { accountKey, receiptLeaf, tagged } from "./hash.js";
import { concat, equalBytes } from "./hex.js";

const ZERO = new Uint8Array(32);

function receiptNode(l: Uint8Array, r: Uint8Array): Uint8Array {
  return tagged("aether/receipts/node/v1", l, r);
}

/** The receipts root binds the count: SHA-256("aether/receipts/root/v1" || 0 || u32 n || mth). */
export function receiptsRootOf(count: number, treeHash: Uint8Array): Uint8Array {
  return tagged("aether/receipts/root/v1", new Writer().u32(count).fixed(treeHash, 32).toBytes());
}

/**
 * The root over receipts in block order alone. A header's receiptsRoot also covers the block's own
 * receipt as its last leaf: see blockReceiptsRoot (docs/adr/0053).
 */
export function receiptsRoot(receipts: Receipt[]): Uint8Array {
  return receiptsRootOfLeaves(receipts.map(receiptLeaf));
}

/** The count-bound RFC 9162 root over leaf hashes in order. */
export function receiptsRootOfLeaves(leaves: Uint8Array[]): Uint8Array {
  const hash = (lo: number, hi: number): Uint8Array => {
    if (hi - lo === 1) return leaves[lo];
    const k = highestOneBit(hi - lo - 1);
    return receiptNode(hash(lo, lo + k), hash(lo + k, hi));
  };
  return receiptsRootOf(leaves.length, leaves.length === 0 ? ZERO : hash(0, leaves.length));
}

function highestOneBit(n: number): number {
  let k = 1;
  while (k * 2 <= n) k *= 2;
  return k;
}

/** A receipt's inclusion proof: its index among `count` receipts and the sibling hashes, leaf up. */
export interface ReceiptProof {
  index: number;
  count: number;
  path: Uint8Array[];
}

/**
 * True when `receipt` is receipt `index` of the block whose receipts root is `root`. `count` is
 * the tree's leaf count: the block's transactions plus one, its own receipt (docs/adr/0053).
 */
export function verifyReceiptProof(root: Uint8Array, receipt: Receipt, proof: ReceiptProof): boolean {
  return verifyLeafProof(root, receiptLeaf(receipt), proof);
}

/** True when `leaf` is leaf `index` of `count` under the receipts root `root` (RFC 9162 §2.1.3.2). */
export function verifyLeafProof(root: Uint8Array, leaf: Uint8Array, proof: ReceiptProof): boolean {
  const { index, count, path } = proof;
  if (!Number.isInteger(index) || !Number.isInteger(count) || index < 0 || index >= count) return false;
  let fn = BigInt(index);
  let sn = BigInt(count - 1);
  let r = leaf;
  for (const p of path) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = receiptNode(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = receiptNode(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equalBytes(receiptsRootOf(count, r), root);
}

// ------------------------------------------------------------------------------------------ state

/** An account as the ledger stores it (StateObject tag 1). */
export interface Account {
  balance: Value;
  nonce: bigint;
}

/** SHA-256("aether/state/v1" || 0 || encode(StateObject)): a Sparse Merkle leaf's value hash. */
export function stateValueHash(raw: Uint8Array): Uint8Array {
  return tagged("aether/state/v1", raw);
}

export function encodeAccount(a: Account): Uint8Array {
  const w = new Writer().u8(1);
  writeValue(w, a.balance);
  return w.u64(a.nonce).toBytes();
}

export function decodeAccount(raw: Uint8Array): Account {
  const r = new Reader(raw);
  const tag = r.u8("StateObject tag");
  if (tag !== 1) throw new CodecError("codec.unknown_tag", `not an account (StateObject tag ${tag})`);
  const balance = readValue(r);
  const nonce = r.u64("Account nonce");
  r.end("Account");
  return { balance, nonce };
}

/** The bytes of program data (StateObject tag 3), as stored under a state key. */
export function encodeData(data: Uint8Array): Uint8Array {
  return new Writer().u8(3).bytes(data).toBytes();
}

/** A Sparse Merkle proof: siblings root-down and where the key's path ends. */
export interface SmtProof {
  siblings: Uint8Array[];
  terminal?: { key: Uint8Array; valueHash: Uint8Array };
}

/** Decodes the ledger's proof bytes: u16 depth, bitmap of non-empty siblings, siblings, terminal. */
export function decodeSmtProof(bytes: Uint8Array): SmtProof {
  const r = new Reader(bytes);
  const depth = r.u16("proof depth");
  if (depth > 256) throw new CodecError("codec.length_over_limit", `proof depth ${depth}`);
  const bitmap = r.fixed("proof bitmap", (depth + 7) >> 3);
  for (let i = depth; i < bitmap.length * 8; i++) {
    if (bit(bitmap, i)) throw new CodecError("codec.non_canonical", "proof bitmap has bits past the depth");
  }
  const siblings: Uint8Array[] = [];
  for (let i = 0; i < depth; i++) {
    if (bit(bitmap, i)) {
      const s = r.fixed("sibling", 32);
      if (equalBytes(s, ZERO)) throw new CodecError("codec.non_canonical", "zero sibling marked non-empty");
      siblings.push(s);
    } else {
      siblings.push(ZERO);
    }
  }
  const tag = r.u8("SmtProof terminal");
  let terminal: SmtProof["terminal"];
  if (tag === 1) terminal = { key: r.fixed("leaf key", 32), valueHash: r.fixed("leaf value", 32) };
  else if (tag !== 0) throw new CodecError("codec.unknown_tag", `SmtProof terminal ${tag}`);
  r.end("SmtProof");
  return terminal ? { siblings, terminal } : { siblings };
}

function bit(b: Uint8Array, i: number): boolean {
  return ((b[i >>> 3] >>> (7 - (i & 7))) & 1) === 1;
}

function smtLeaf(key: Uint8Array, valueHash: Uint8Array): Uint8Array {
  return tagged("aether/smt/leaf/v1", key, valueHash);
}

function smtInner(l: Uint8Array, r: Uint8Array): Uint8Array {
  if (equalBytes(l, ZERO) && equalBytes(r, ZERO)) return ZERO;
  return tagged("aether/smt/node/v1", l, r);
}

/**
 * Checks `proof` for `key` against `root`: with `valueHash` an inclusion proof of that value, without
 * it a proof that the key is absent (the path ends empty, or in a leaf of another key sharing the
 * path's prefix).
 */
export function verifySmtProof(root: Uint8Array, key: Uint8Array, valueHash: Uint8Array | undefined, proof: SmtProof): boolean {
  const depth = proof.siblings.length;
  let acc: Uint8Array;
  if (proof.terminal) {
    const same = equalBytes(proof.terminal.key, key);
    if (valueHash) {
      if (!same || !equalBytes(proof.terminal.valueHash, valueHash)) return false;
    } else {
      if (same) return false;
      for (let i = 0; i < depth; i++) if (bit(proof.terminal.key, i) !== bit(key, i)) return false;
    }
    acc = smtLeaf(proof.terminal.key, proof.terminal.valueHash);
  } else {
    if (valueHash) return false;
    acc = ZERO;
  }
  for (let i = depth - 1; i >= 0; i--) {
    const s = proof.siblings[i];
    acc = bit(key, i) ? smtInner(s, acc) : smtInner(acc, s);
  }
  return equalBytes(acc, root);
}

/**
 * Checks an account (or its absence) against a state root, as `aeth_getAccount` answers it: the raw
 * account bytes hash to the proof's leaf under the account's key. Returns the decoded account, or
 * undefined for a proven absence; throws VerificationError when the proof does not check.
 */
export function verifyAccount(
  stateRoot: Uint8Array,
  address: Uint8Array,
  raw: Uint8Array | undefined,
  proofBytes: Uint8Array,
): Account | undefined {
  const proof = decodeSmtProof(proofBytes);
  const key = accountKey(address);
  const ok = verifySmtProof(stateRoot, key, raw ? stateValueHash(raw) : undefined, proof);
  if (!ok) throw new VerificationError(raw ? "account proof does not match the state root" : "absence proof does not match the state root");
  return raw ? decodeAccount(raw) : undefined;
}

export { concat };
