// The Aether contract SDK for AssemblyScript: typed access to the host ABI v2 (docs/contracts.md).
//
// A contract is a module whose exported functions taking and returning nothing are its methods.
// A method reads its arguments with `Args`, keeps state only in `Storage` (memory is fresh on
// every call), reports with `emit`, answers with `ret`, and fails with `abort`/`require` — a
// failed call changes nothing but the fee the transaction pays.
//
// Encoding of arguments, return data and event data (what `aetherctl contract --args` writes):
// fields back to back, integers little-endian; u8/bool 1 byte, u32 4, u64 8, amount 16 (u128),
// bytes32/address 32; bytes and string are a u32 length then the bytes (strings UTF-8).

import * as env from "./env";
// Compiled into every contract: the build routes AssemblyScript aborts to it (--use abort=...).
export { abortHandler } from "./abort";

// ---- bytes ----------------------------------------------------------------------------------

/** True when `a` and `b` hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): bool {
  if (a.length != b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (unchecked(a[i]) != unchecked(b[i])) return false;
  }
  return true;
}

/** `a` followed by `b`. */
export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** The UTF-8 bytes of `s`. */
export function utf8(s: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(s));
}

/** Fails the call (CONTRACT_TRAP) with `message` unless `cond` holds. */
export function require(cond: bool, message: string): void {
  if (!cond) fail(message);
}

/** Fails the call (CONTRACT_TRAP) with `message`. */
export function fail(message: string): void {
  const m = utf8(message);
  env.abort(m.dataStart, m.length);
  unreachable();
}

// ---- who and when ---------------------------------------------------------------------------

/** Who called: the transaction's payer, or the calling contract's account for a nested call. */
export function caller(): Uint8Array {
  const out = new Uint8Array(32);
  env.caller(out.dataStart);
  return out;
}

/** The transaction's payer (who signed and pays the fee), at any call depth. */
export function payer(): Uint8Array {
  const out = new Uint8Array(32);
  env.payer(out.dataStart);
  return out;
}

/** This contract's id, which is also its account address. */
export function self(): Uint8Array {
  const out = new Uint8Array(32);
  env.self(out.dataStart);
  return out;
}

/** The height of the block being executed. */
export function blockHeight(): u64 {
  return env.block_height();
}

/** The slot of the block being executed. */
export function blockSlot(): u64 {
  return env.block_slot();
}

// ---- arguments and results ------------------------------------------------------------------

/** Reads encoded fields in order; any malformed or missing field fails the call. */
export class Args {
  private pos: i32 = 0;

  constructor(public data: Uint8Array) {}

  /** The arguments of the current call. */
  static call(): Args {
    const n = env.args_len();
    const data = new Uint8Array(n);
    if (n > 0) env.args_read(data.dataStart);
    return new Args(data);
  }

  private take(n: i32): usize {
    if (this.pos + n > this.data.length) fail("arguments too short");
    const p = this.data.dataStart + <usize>this.pos;
    this.pos += n;
    return p;
  }

  u8(): u8 {
    return load<u8>(this.take(1));
  }

  bool(): bool {
    const v = this.u8();
    if (v > 1) fail("not a bool");
    return v == 1;
  }

  u32(): u32 {
    return load<u32>(this.take(4));
  }

  u64(): u64 {
    return load<u64>(this.take(8));
  }

  /** A u128 amount that must fit in a u64 (the SDK's amounts are u64). */
  amount(): u64 {
    const p = this.take(16);
    if (load<u64>(p, 8) != 0) fail("amount over u64");
    return load<u64>(p);
  }

  bytes32(): Uint8Array {
    const p = this.take(32);
    const out = new Uint8Array(32);
    memory.copy(out.dataStart, p, 32);
    return out;
  }

  /** An address or contract id (32 bytes). */
  address(): Uint8Array {
    return this.bytes32();
  }

  bytes(): Uint8Array {
    const n = <i32>this.u32();
    const p = this.take(n);
    const out = new Uint8Array(n);
    memory.copy(out.dataStart, p, <usize>n);
    return out;
  }

  string(): string {
    const b = this.bytes();
    return String.UTF8.decode(b.buffer);
  }

  /** Fails the call if bytes are left over (a caller sent more than the method takes). */
  done(): void {
    if (this.pos != this.data.length) fail("unexpected extra arguments");
  }
}

/** Builds encoded fields (return data, event data, arguments of a nested call). */
export class Writer {
  private buf: Uint8Array = new Uint8Array(64);
  private len: i32 = 0;

  private room(n: i32): usize {
    if (this.len + n > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < this.len + n) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.len), 0);
      this.buf = next;
    }
    const p = this.buf.dataStart + <usize>this.len;
    this.len += n;
    return p;
  }

  u8(v: u8): Writer {
    store<u8>(this.room(1), v);
    return this;
  }

  bool(v: bool): Writer {
    return this.u8(v ? 1 : 0);
  }

  u32(v: u32): Writer {
    store<u32>(this.room(4), v);
    return this;
  }

  u64(v: u64): Writer {
    store<u64>(this.room(8), v);
    return this;
  }

  amount(v: u64): Writer {
    const p = this.room(16);
    store<u64>(p, v);
    store<u64>(p, 0, 8);
    return this;
  }

  bytes32(v: Uint8Array): Writer {
    if (v.length != 32) fail("not 32 bytes");
    memory.copy(this.room(32), v.dataStart, 32);
    return this;
  }

  address(v: Uint8Array): Writer {
    return this.bytes32(v);
  }

  bytes(v: Uint8Array): Writer {
    this.u32(<u32>v.length);
    memory.copy(this.room(v.length), v.dataStart, <usize>v.length);
    return this;
  }

  string(v: string): Writer {
    return this.bytes(utf8(v));
  }

  toBytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** Sets this call's return data (what `aeth_call` and calling contracts receive). */
export function ret(data: Uint8Array): void {
  env.return_data(data.dataStart, data.length);
}

/** Returns one u64. */
export function retU64(v: u64): void {
  ret(new Writer().u64(v).toBytes());
}

// ---- storage --------------------------------------------------------------------------------

/**
 * This contract's storage: 32-byte keys to byte values (at most 16 KiB each). Every key a
 * transaction touches must be in its declared reads or writes (aetherctl --auto-access finds
 * them by simulation); writes pay rent (docs/runtime.md).
 */
export class Storage {
  /** A key derived from a name and an optional part: sha256(name || part). */
  static key(name: string, part: Uint8Array | null = null): Uint8Array {
    const n = utf8(name);
    return sha256(part === null ? n : concat(n, part));
  }

  /** The value under `key`, or null. */
  static get(key: Uint8Array): Uint8Array | null {
    const probe = new Uint8Array(64);
    const n = env.storage_get(key.dataStart, probe.dataStart, probe.length);
    if (n < 0) return null;
    if (n <= probe.length) return probe.slice(0, n);
    const all = new Uint8Array(n);
    env.storage_get(key.dataStart, all.dataStart, n);
    return all;
  }

  static has(key: Uint8Array): bool {
    return env.storage_get(key.dataStart, 0, 0) >= 0;
  }

  static set(key: Uint8Array, value: Uint8Array): void {
    env.storage_set(key.dataStart, value.dataStart, value.length);
  }

  static delete(key: Uint8Array): void {
    env.storage_delete(key.dataStart);
  }

  /** A u64 value, `dflt` when absent. */
  static getU64(key: Uint8Array, dflt: u64 = 0): u64 {
    const buf = new Uint8Array(8);
    const n = env.storage_get(key.dataStart, buf.dataStart, 8);
    if (n < 0) return dflt;
    if (n != 8) fail("stored value is not a u64");
    return load<u64>(buf.dataStart);
  }

  static setU64(key: Uint8Array, v: u64): void {
    const buf = new Uint8Array(8);
    store<u64>(buf.dataStart, v);
    env.storage_set(key.dataStart, buf.dataStart, 8);
  }
}

// ---- events ---------------------------------------------------------------------------------

/** Adds an event to the receipt (kept only if the transaction succeeds; topic at most 64 bytes). */
export function emit(topic: string, data: Uint8Array): void {
  const t = utf8(topic);
  env.emit(t.dataStart, t.length, data.dataStart, data.length);
}

// ---- assets ---------------------------------------------------------------------------------

/** The id of a native asset ("SWR", "AIC", "USDT"): sha256("aether/asset/v1" || 0 || symbol). */
export function nativeAsset(symbol: string): Uint8Array {
  const tag = utf8("aether/asset/v1");
  const zero = new Uint8Array(1);
  return sha256(concat(concat(tag, zero), utf8(symbol)));
}

/** This contract's balance of `asset` (its account must be a declared read or write). */
export function balance(asset: Uint8Array): u64 {
  const out = new Uint8Array(16);
  env.balance(asset.dataStart, out.dataStart);
  if (load<u64>(out.dataStart, 8) != 0) fail("balance over u64");
  return load<u64>(out.dataStart);
}

/** Pays `amount` of `asset` from this contract's own account to `to`. */
export function transfer(to: Uint8Array, asset: Uint8Array, amount: u64): void {
  const a = new Uint8Array(16);
  store<u64>(a.dataStart, amount);
  env.transfer(to.dataStart, asset.dataStart, a.dataStart);
}

// ---- other contracts ------------------------------------------------------------------------

/**
 * Calls `method` of `contract` with `args` and returns its return data. The callee sees this
 * contract as its caller; its code and the storage it touches must be declared by the
 * transaction. If it fails, this whole transaction fails. Calling back into a contract that is
 * still running is refused.
 */
export function callContract(contract: Uint8Array, method: string, args: Uint8Array): Uint8Array {
  const m = utf8(method);
  const n = env.call(contract.dataStart, m.dataStart, m.length, args.dataStart, args.length);
  const out = new Uint8Array(n);
  if (n > 0) env.call_result(out.dataStart, n);
  return out;
}

// ---- crypto ---------------------------------------------------------------------------------

export function sha256(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  env.sha256(data.dataStart, data.length, out.dataStart);
  return out;
}

/** RFC 8032 Ed25519 verification with the chain's acceptance rule. */
export function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, sig: Uint8Array): bool {
  if (publicKey.length != 32 || sig.length != 64) return false;
  return env.ed25519_verify(publicKey.dataStart, message.dataStart, message.length, sig.dataStart) == 1;
}
