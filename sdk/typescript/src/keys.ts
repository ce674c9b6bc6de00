/** Ed25519 keys for signing transactions (RFC 8032, as the chain checks them). */
import * as ed from "@noble/ed25519";
import { sha512 } from "@noble/hashes/sha2.js";
import { addressOf } from "./hash.js";
import { fromHex, toHex } from "./hex.js";

ed.hashes.sha512 = sha512;

/** An Ed25519 key pair from a 32-byte seed (the chain's key files store the seed). */
export class KeyPair {
  readonly publicKey: Uint8Array;
  readonly address: Uint8Array;
  readonly #seed: Uint8Array;

  private constructor(seed: Uint8Array) {
    if (seed.length !== 32) throw new RangeError("an Ed25519 seed is 32 bytes");
    this.#seed = seed.slice();
    this.publicKey = ed.getPublicKey(this.#seed);
    this.address = addressOf(this.publicKey);
  }

  static fromSeed(seed: Uint8Array | string): KeyPair {
    return new KeyPair(typeof seed === "string" ? fromHex(seed) : seed);
  }

  /** A fresh key from the platform's CSPRNG (crypto.getRandomValues). */
  static generate(): KeyPair {
    return new KeyPair(ed.utils.randomSecretKey());
  }

  /** Signs `message` (for transactions: the 32-byte transaction id). Deterministic. */
  sign(message: Uint8Array): Uint8Array {
    return ed.sign(message, this.#seed);
  }

  /** Overwrites the seed; the key can no longer sign. */
  erase(): void {
    this.#seed.fill(0);
  }

  get addressHex(): string {
    return toHex(this.address);
  }
}

/**
 * Strict verification (the chain's rule: canonical encodings, no small-order keys); use it to check
 * signatures the SDK did not make.
 */
export function verifySignature(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}
