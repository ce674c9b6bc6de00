// A fungible token with allowances (ERC-20 style). Amounts are u64 (encoded as u128 amounts).
//
// Storage keys: "supply" -> u64; "bal" || owner -> u64; "allow" || owner || spender -> u64;
// "meta" -> name and symbol. Events: "transfer" from|to|amount, "approval" owner|spender|amount.
import {
  Args,
  Storage,
  Writer,
  caller,
  concat,
  emit,
  require,
  ret,
} from "../../../sdk/assembly/index";

function balanceKey(owner: Uint8Array): Uint8Array {
  return Storage.key("bal", owner);
}

function allowanceKey(owner: Uint8Array, spender: Uint8Array): Uint8Array {
  return Storage.key("allow", concat(owner, spender));
}

function move(from: Uint8Array, to: Uint8Array, amount: u64): void {
  const fromKey = balanceKey(from);
  const have = Storage.getU64(fromKey);
  require(have >= amount, "insufficient balance");
  Storage.setU64(fromKey, have - amount);
  const toKey = balanceKey(to);
  const theirs = Storage.getU64(toKey);
  require(theirs + amount >= theirs, "balance overflow");
  Storage.setU64(toKey, theirs + amount);
  emit("transfer", new Writer().address(from).address(to).amount(amount).toBytes());
}

/** init(name: string, symbol: string, supply: amount): mints the supply to the caller, once. */
export function init(): void {
  const a = Args.call();
  const name = a.string();
  const symbol = a.string();
  const supply = a.amount();
  a.done();
  const supplyKey = Storage.key("supply");
  require(!Storage.has(supplyKey), "already initialised");
  require(name.length > 0 && symbol.length > 0, "name and symbol required");
  Storage.setU64(supplyKey, supply);
  Storage.set(Storage.key("meta"), new Writer().string(name).string(symbol).toBytes());
  const me = caller();
  Storage.setU64(balanceKey(me), supply);
  emit("transfer", new Writer().address(new Uint8Array(32)).address(me).amount(supply).toBytes());
}

/** transfer(to: address, amount): moves the caller's tokens. */
export function transfer(): void {
  const a = Args.call();
  const to = a.address();
  const amount = a.amount();
  a.done();
  move(caller(), to, amount);
}

/** approve(spender: address, amount): lets `spender` move up to `amount` of the caller's tokens. */
export function approve(): void {
  const a = Args.call();
  const spender = a.address();
  const amount = a.amount();
  a.done();
  const owner = caller();
  Storage.setU64(allowanceKey(owner, spender), amount);
  emit("approval", new Writer().address(owner).address(spender).amount(amount).toBytes());
}

/** transfer_from(owner: address, to: address, amount): spends an allowance the caller holds. */
export function transfer_from(): void {
  const a = Args.call();
  const owner = a.address();
  const to = a.address();
  const amount = a.amount();
  a.done();
  const key = allowanceKey(owner, caller());
  const allowed = Storage.getU64(key);
  require(allowed >= amount, "allowance exceeded");
  Storage.setU64(key, allowed - amount);
  move(owner, to, amount);
}

/** balance_of(owner: address) -> amount. */
export function balance_of(): void {
  const a = Args.call();
  const owner = a.address();
  a.done();
  ret(new Writer().amount(Storage.getU64(balanceKey(owner))).toBytes());
}

/** allowance(owner: address, spender: address) -> amount. */
export function allowance(): void {
  const a = Args.call();
  const owner = a.address();
  const spender = a.address();
  a.done();
  ret(new Writer().amount(Storage.getU64(allowanceKey(owner, spender))).toBytes());
}

/** total_supply() -> amount. */
export function total_supply(): void {
  Args.call().done();
  ret(new Writer().amount(Storage.getU64(Storage.key("supply"))).toBytes());
}

/** info() -> name: string, symbol: string. */
export function info(): void {
  Args.call().done();
  const meta = Storage.get(Storage.key("meta"));
  require(meta !== null, "not initialised");
  ret(meta!);
}
