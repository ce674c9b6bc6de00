/**
 * Coin selection for UTxO spends (docs/sdk.md, ADR 0058): given the unspent outputs an owner holds
 * (`aeth_getUtxos`, `RpcClient.allUtxos`) and what a transaction must pay out per asset, pick the
 * inputs deterministically and compute the change, or refuse clearly.
 *
 * The algorithm, per asset of the target in ascending asset-id order, on the candidates in
 * ascending `UtxoRef` order (so the answer does not depend on the order they were listed in):
 * while the selected inputs hold less of the asset than the target, take the smallest candidate
 * that alone covers what is still needed; if none does, take the largest (ties: the lowest ref).
 * For one asset this uses as few inputs as any selection can (largest-first) and keeps the change
 * small (the last pick is the smallest sufficient). Inputs chosen for one asset count toward the
 * others. At most `maxInputs` inputs (default and most: 256, the ledger's limit); candidates with
 * a datum are left alone unless `includeDatum`. Everything the inputs hold beyond the target
 * comes back as change outputs to `changeAddress` (default: the owner), at most 64 assets each.
 *
 * The fee is not taken from inputs: the ledger debits it (the fee cap, in SWR) from the payer's
 * account, so `utxoPayment` checks the payer's balance when it is given.
 */
import { LIMITS, normalValue, type TxBody, type TxOutput, type UtxoRef, type Value } from "./codec.js";
import { AIC, SWR, USDT } from "./hash.js";
import { compareBytes, equalBytes, fromHex, toHex } from "./hex.js";
import type { TxOptions } from "./tx.js";
import { utxoBody } from "./builders.js";

/** An unspent output and the ref that spends it (an `aeth_getUtxos` entry). */
export interface Utxo {
  ref: UtxoRef;
  output: TxOutput;
}

export interface CoinSelectionOptions {
  /** Most inputs to select, 1..256 (default 256). */
  maxInputs?: number;
  /** Where change goes (default: the owner of the candidates, who must then be one address). */
  changeAddress?: Uint8Array;
  /** Also spend outputs that carry a datum (default: leave them alone). */
  includeDatum?: boolean;
  /** Outputs not to select (e.g. spent by a transaction still pending). */
  exclude?: UtxoRef[];
}

export interface CoinSelection {
  /** The selected outputs, in ascending ref order. */
  inputs: Utxo[];
  /** What they hold together. */
  total: Value;
  /** `total` minus the target. */
  change: Value;
  /** The change as outputs to the change address (none when there is no change). */
  changeOutputs: TxOutput[];
}

/** The candidates (or the payer's account, for the fee) hold less of `asset` than needed. */
export class InsufficientFunds extends Error {
  readonly code = "sdk.insufficient_funds";
  constructor(
    readonly asset: Uint8Array,
    readonly available: bigint,
    readonly needed: bigint,
    what = "the unspent outputs",
  ) {
    super(`insufficient funds: ${what} hold ${available} of ${assetName(asset)}, ${needed} needed`);
    this.name = "InsufficientFunds";
  }
}

/** Covering the target would take more inputs than allowed. */
export class TooManyInputs extends Error {
  readonly code = "sdk.too_many_inputs";
  constructor(readonly maxInputs: number) {
    super(`covering the target takes more than ${maxInputs} inputs; consolidate outputs first or pay less`);
    this.name = "TooManyInputs";
  }
}

const NAMES: Array<[string, Uint8Array]> = [["SWR", SWR], ["AIC", AIC], ["USDT", USDT]];

/** `SWR`, `AIC`, `USDT` or the asset id's hex, as the RPC names assets. */
export function assetName(asset: Uint8Array): string {
  return NAMES.find(([, id]) => equalBytes(id, asset))?.[0] ?? toHex(asset);
}

/** The asset a name (as the RPC writes it) stands for. */
export function assetByName(name: string): Uint8Array {
  const n = NAMES.find(([s]) => s === name);
  if (n) return n[1];
  const id = fromHex(name);
  if (id.length !== 32) throw new RangeError(`unknown asset '${name}' (SWR, AIC, USDT or a 32-byte hex id)`);
  return id;
}

/** A Value from the RPC's JSON (`{"SWR": "10", "0x…": "5"}`). */
export function valueFromJson(v: Record<string, string | number>): Value {
  return normalValue(Object.entries(v).map(([k, a]) => ({ asset: assetByName(k), amount: BigInt(a) })));
}

/** The unspent outputs an `aeth_getUtxos` answer lists. */
export function utxosFromJson(list: ReadonlyArray<Record<string, any>>): Utxo[] {
  return list.map((u) => {
    const output: TxOutput = { owner: fromHex(u.owner), value: valueFromJson(u.value) };
    if (u.datum !== null && u.datum !== undefined) output.datum = fromHex(u.datum);
    return { ref: { txId: fromHex(u.txHash), index: Number(u.index) }, output };
  });
}

function compareRef(a: UtxoRef, b: UtxoRef): number {
  return compareBytes(a.txId, b.txId) || a.index - b.index;
}

function amountOf(v: Value, asset: Uint8Array): bigint {
  return v.find((a) => equalBytes(a.asset, asset))?.amount ?? 0n;
}

function sum(values: Value[]): Value {
  const m = new Map<string, { asset: Uint8Array; amount: bigint }>();
  for (const v of values) {
    for (const a of v) {
      const k = toHex(a.asset);
      const e = m.get(k);
      if (e) e.amount += a.amount;
      else m.set(k, { asset: a.asset, amount: a.amount });
    }
  }
  return [...m.values()].filter((a) => a.amount !== 0n).sort((a, b) => compareBytes(a.asset, b.asset));
}

/**
 * Picks inputs among `utxos` holding at least `target` of every asset (see the module comment for
 * the algorithm) and computes the change. Throws `InsufficientFunds` naming the first asset (in id
 * order) the candidates do not cover, `TooManyInputs` when more than `maxInputs` would be needed,
 * `RangeError` for malformed input (an output listed twice, several owners without a change
 * address).
 */
export function selectCoins(utxos: readonly Utxo[], target: Value, options: CoinSelectionOptions = {}): CoinSelection {
  const maxInputs = options.maxInputs ?? LIMITS.inputs;
  if (!Number.isInteger(maxInputs) || maxInputs < 1 || maxInputs > LIMITS.inputs) {
    throw new RangeError(`maxInputs is 1..${LIMITS.inputs}`);
  }
  const want = normalValue(target);
  for (const a of want) if (a.amount < 0n) throw new RangeError("a target amount is negative");
  const excluded = options.exclude ?? [];
  const candidates = utxos
    .filter((u) => options.includeDatum || u.output.datum === undefined)
    .filter((u) => !excluded.some((r) => compareRef(r, u.ref) === 0))
    .slice()
    .sort((a, b) => compareRef(a.ref, b.ref));
  for (let i = 1; i < candidates.length; i++) {
    if (compareRef(candidates[i - 1].ref, candidates[i].ref) === 0) throw new RangeError("an unspent output is listed twice");
  }
  const available = sum(candidates.map((u) => u.output.value));
  for (const a of want) {
    const have = amountOf(available, a.asset);
    if (have < a.amount) throw new InsufficientFunds(a.asset, have, a.amount);
  }
  const chosen = new Set<number>();
  let held: Value = [];
  for (const a of want) {
    let need = a.amount - amountOf(held, a.asset);
    while (need > 0n) {
      let best = -1;
      let bestAmount = 0n;
      let sufficient = false;
      candidates.forEach((u, i) => {
        if (chosen.has(i)) return;
        const x = amountOf(u.output.value, a.asset);
        if (x === 0n) return;
        const covers = x >= need;
        // Smallest sufficient candidate if any covers the rest; otherwise the largest. Ties keep
        // the earlier (lower) ref: candidates are in ref order and only a strict improvement wins.
        if (best < 0 || (covers && (!sufficient || x < bestAmount)) || (!covers && !sufficient && x > bestAmount)) {
          best = i;
          bestAmount = x;
          sufficient = covers;
        }
      });
      chosen.add(best);
      if (chosen.size > maxInputs) throw new TooManyInputs(maxInputs);
      held = sum([held, candidates[best].output.value]);
      need -= bestAmount;
    }
  }
  const inputs = candidates.filter((_, i) => chosen.has(i));
  const change = sum([held, want.map((a) => ({ asset: a.asset, amount: -a.amount }))]);
  const changeOutputs: TxOutput[] = [];
  if (change.length > 0) {
    let to = options.changeAddress;
    if (to === undefined) {
      const owners = inputs.map((u) => u.output.owner);
      if (owners.some((o) => !equalBytes(o, owners[0]))) throw new RangeError("the inputs have several owners: give a changeAddress");
      to = owners[0];
    }
    for (let i = 0; i < change.length; i += LIMITS.assets) {
      changeOutputs.push({ owner: to.slice(), value: change.slice(i, i + LIMITS.assets) });
    }
  }
  return { inputs, total: held, change, changeOutputs };
}

/** Options of `utxoPayment`: coin selection's, and the payer's account balance to check the fee against. */
export interface UtxoPaymentOptions extends CoinSelectionOptions {
  /** The payer's account balance: when given, it must hold the fee cap in SWR (the ledger's rule). */
  payerBalance?: Value;
}

/**
 * A UTxO transaction paying `payments` (outputs, in the order given) from `utxos`: inputs chosen by
 * `selectCoins` for the payments' total, change outputs after the payments. Its inputs' owners
 * must sign it (`sign(body, payerKey, ownerKey…)`; one key when the payer owns them).
 */
export function utxoPayment(
  payer: Uint8Array,
  utxos: readonly Utxo[],
  payments: TxOutput[],
  o: TxOptions,
  options: UtxoPaymentOptions = {},
): { body: TxBody; selection: CoinSelection } {
  if (payments.length === 0) throw new RangeError("a payment has at least one output");
  if (options.payerBalance !== undefined) {
    const swr = amountOf(options.payerBalance, SWR);
    if (swr < o.feeCap) throw new InsufficientFunds(SWR, swr, o.feeCap, "the payer's account (which pays the fee)");
  }
  const selection = selectCoins(utxos, sum(payments.map((p) => p.value)), options);
  if (selection.inputs.length === 0) throw new RangeError("nothing to pay: the payments hold no value");
  const outputs = [...payments, ...selection.changeOutputs];
  return { body: utxoBody(payer, selection.inputs.map((u) => u.ref), outputs, o), selection };
}
