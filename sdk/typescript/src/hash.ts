/** SHA-256 with Aether's domain tags: every hash is SHA-256(tag || 0x00 || bytes) (docs/codec.md). */
import { sha256 } from "@noble/hashes/sha2.js";
import { encodeHeader, encodeReceipt, encodeTxBody, type Header, type Receipt, type TxBody, Writer } from "./codec.js";
import { concat, utf8 } from "./hex.js";

export function tagged(tag: string, ...parts: Uint8Array[]): Uint8Array {
  return sha256(concat(utf8(tag), Uint8Array.of(0), ...parts));
}

export { sha256 };

/** The transaction id: SHA-256("aether/tx/v1" || 0 || encode(body)); signers sign these 32 bytes. */
export function txId(body: TxBody): Uint8Array {
  return tagged("aether/tx/v1", encodeTxBody(body));
}

/** The block id: SHA-256("aether/header/v1" || 0 || encode(header)). */
export function blockId(header: Header): Uint8Array {
  return tagged("aether/header/v1", encodeHeader(header));
}

/** The address an Ed25519 public key controls. */
export function addressOf(publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== 32) throw new RangeError("an Ed25519 public key is 32 bytes");
  return tagged("aether/address/v1", publicKey);
}

/** A native asset's id: SWR, AIC or USDT. */
export function assetId(symbol: string): Uint8Array {
  return tagged("aether/asset/v1", utf8(symbol));
}

export const SWR = assetId("SWR");
export const AIC = assetId("AIC");
export const USDT = assetId("USDT");

/** A native program's id: SHA-256("aether/program/v1" || 0 || name). */
export function programId(name: string): Uint8Array {
  return tagged("aether/program/v1", utf8(name));
}

/** The leaf of a receipt in its block's receipts tree. */
export function receiptLeaf(r: Receipt): Uint8Array {
  return tagged("aether/receipt/v1", encodeReceipt(r));
}

/** The state key of an account. */
export function accountKey(address: Uint8Array): Uint8Array {
  return tagged("aether/account/v1", address);
}

/** The state key of a UTxO: SHA-256("aether/utxo/v1" || 0 || txId || u32 index). */
export function utxoKey(txId: Uint8Array, index: number): Uint8Array {
  return tagged("aether/utxo/v1", new Writer().fixed(txId, 32).u32(index).toBytes());
}
