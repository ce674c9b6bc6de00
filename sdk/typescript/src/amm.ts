/**
 * The AMM program's calls (docs/programs/amm.md): create a pool, add and remove liquidity, and swap
 * exactly in or exactly out along a route of up to four assets. Byte for byte `AmmCalls` in Java
 * (what `aetherctl amm` sends), declaring the same keys: every pool a call touches, for `create`
 * the registry and the parameters, and the payer's account. Inputs the chain refuses for their
 * shape (one asset twice, a zero amount, a route too long) are refused here with a RangeError.
 */
import { type Call, type TxBody, Writer } from "./codec.js";
import { accountKey, programId, tagged } from "./hash.js";
import { compareBytes, equalBytes } from "./hex.js";
import type { TxOptions } from "./tx.js";

/** The AMM program's id. */
export const AMM = programId("amm");
/** Most assets in a swap route (Amm.MAX_PATH): three hops. */
export const MAX_AMM_PATH = 4;

const U128_MAX = (1n << 128n) - 1n;

function need(ok: boolean, what: string): void {
  if (!ok) throw new RangeError(what);
}

function asset(a: Uint8Array, what: string): Uint8Array {
  need(a instanceof Uint8Array && a.length === 32, `${what} must be a 32-byte asset id`);
  return a;
}

function ordered(x: Uint8Array, y: Uint8Array): [Uint8Array, Uint8Array] {
  return compareBytes(x, y) <= 0 ? [x, y] : [y, x];
}

/** The AMM's state keys (AmmKeys in Java). */
export const ammKeys = {
  /** The pool of the pair, in either order. */
  pool: (x: Uint8Array, y: Uint8Array) => tagged("aether/amm/pool/v1", ...ordered(x, y)),
  /** The pool's LP share token: SHA-256("aether/amm/lp/v1" || 0 || a || b), a < b. */
  lpAsset: (x: Uint8Array, y: Uint8Array) => tagged("aether/amm/lp/v1", ...ordered(x, y)),
  registry: () => tagged("aether/amm/registry/v1"),
  params: () => tagged("aether/amm/params/v1"),
};

/** `add`'s arguments: up to `desiredA`/`desiredB` in the pool's ratio, at least `minA`/`minB` used. */
export interface AddLiquidity {
  a: Uint8Array;
  b: Uint8Array;
  desiredA: bigint;
  desiredB: bigint;
  minA: bigint;
  minB: bigint;
  /** Last slot the call may execute in. */
  deadline: bigint;
}

/** `remove`'s arguments: burn `shares` LP tokens for at least `minA`/`minB`. */
export interface RemoveLiquidity {
  a: Uint8Array;
  b: Uint8Array;
  shares: bigint;
  minA: bigint;
  minB: bigint;
  deadline: bigint;
}

function pair(a: Uint8Array, b: Uint8Array): Writer {
  asset(a, "a");
  asset(b, "b");
  need(!equalBytes(a, b), "a pool is two different assets");
  return new Writer().fixed(a, 32).fixed(b, 32);
}

function positive(v: bigint, what: string): bigint {
  need(typeof v === "bigint" && v > 0n && v <= U128_MAX, `${what} must be 1..2^128-1`);
  return v;
}

function swap(method: string, path: Uint8Array[], amount: bigint, limit: bigint, deadline: bigint): Call {
  need(path.length >= 2 && path.length <= MAX_AMM_PATH, `a route is 2..${MAX_AMM_PATH} assets`);
  path.forEach((p, i) => asset(p, `path[${i}]`));
  need(path.every((p, i) => path.findIndex((q) => equalBytes(p, q)) === i), "a route names each asset once");
  const w = new Writer().list(path, (x, p) => x.fixed(p, 32));
  w.u128(positive(amount, "amount")).u128(limit).u64(deadline);
  return { program: AMM, method, args: w.toBytes() };
}

/** The AMM calls (AmmCalls in Java). */
export const amm = {
  /** `create(a, b)`: a new, empty pool of two different assets. */
  create: (a: Uint8Array, b: Uint8Array): Call => ({ program: AMM, method: "create", args: pair(a, b).toBytes() }),
  add(p: AddLiquidity): Call {
    const w = pair(p.a, p.b).u128(positive(p.desiredA, "desiredA")).u128(positive(p.desiredB, "desiredB"));
    return { program: AMM, method: "add", args: w.u128(p.minA).u128(p.minB).u64(p.deadline).toBytes() };
  },
  remove(p: RemoveLiquidity): Call {
    const w = pair(p.a, p.b).u128(positive(p.shares, "shares")).u128(p.minA).u128(p.minB).u64(p.deadline);
    return { program: AMM, method: "remove", args: w.toBytes() };
  },
  /** Sell exactly `amountIn` of `path[0]` for at least `minOut` of the last asset. */
  swapExactIn: (path: Uint8Array[], amountIn: bigint, minOut: bigint, deadline: bigint) =>
    swap("swap_exact_in", path, amountIn, minOut, deadline),
  /** Buy exactly `amountOut` of the last asset for at most `maxIn` of `path[0]`. */
  swapExactOut: (path: Uint8Array[], amountOut: bigint, maxIn: bigint, deadline: bigint) =>
    swap("swap_exact_out", path, amountOut, maxIn, deadline),
};

function routeOf(args: Uint8Array): Uint8Array[] {
  need(args.length >= 4, "malformed swap arguments");
  const n = new DataView(args.buffer, args.byteOffset, 4).getUint32(0);
  need(n <= MAX_AMM_PATH && args.length >= 4 + 32 * n, "malformed swap arguments");
  return Array.from({ length: n }, (_, i) => args.slice(4 + 32 * i, 36 + 32 * i));
}

/** The keys one AMM call touches besides its payer's account: [reads, writes] (AmmCalls.access). */
export function ammAccess(c: Call): [Uint8Array[], Uint8Array[]] {
  need(equalBytes(c.program, AMM), "not an AMM call");
  const reads: Uint8Array[] = [];
  const writes: Uint8Array[] = [];
  const a = c.args;
  switch (c.method) {
    case "create":
      need(a.length >= 64, "malformed create arguments");
      reads.push(ammKeys.params());
      writes.push(ammKeys.pool(a.slice(0, 32), a.slice(32, 64)), ammKeys.registry());
      break;
    case "add":
    case "remove":
      need(a.length >= 64, `malformed ${c.method} arguments`);
      writes.push(ammKeys.pool(a.slice(0, 32), a.slice(32, 64)));
      break;
    case "swap_exact_in":
    case "swap_exact_out": {
      // Every adjacent pair's pool.
      const path = routeOf(a);
      for (let i = 0; i + 1 < path.length; i++) {
        if (!equalBytes(path[i], path[i + 1])) writes.push(ammKeys.pool(path[i], path[i + 1]));
      }
      break;
    }
    default:
      throw new RangeError(`unknown AMM method ${c.method}`);
  }
  return [reads, writes];
}

function sortedUnique(keys: Uint8Array[]): Uint8Array[] {
  const out = keys.slice().sort(compareBytes);
  return out.filter((k, i) => i === 0 || compareBytes(out[i - 1], k) !== 0);
}

/** A transaction from `payer` carrying AMM `calls`, declaring exactly what they touch (AmmCalls.body). */
export function ammBody(payer: Uint8Array, calls: Call[], o: TxOptions): TxBody {
  const reads: Uint8Array[] = [];
  const writes: Uint8Array[] = [accountKey(payer)];
  for (const c of calls) {
    const [r, w] = ammAccess(c);
    reads.push(...r);
    writes.push(...w);
  }
  const ws = sortedUnique(writes);
  const rs = sortedUnique(reads).filter((r) => !ws.some((w) => equalBytes(w, r)));
  return {
    chainId: o.chainId, payer, nonce: o.nonce, inputs: [], reads: rs, writes: ws, outputs: [], calls,
    mint: [], burn: [], feeCap: o.feeCap, validFrom: o.validFrom ?? 0n, validUntil: o.validUntil,
  };
}
