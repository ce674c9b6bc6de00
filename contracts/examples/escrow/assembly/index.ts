// A three-party escrow of any native asset. The buyer funds a deal by paying the escrow's account
// in the same transaction, just before `open` (a bank transfer — a contract can only pay from its
// own account, never pull from anyone else's); the seller is paid on `release` (by the buyer or
// the arbiter) or the buyer is refunded on `refund` (by the seller or the arbiter).
//
// Deal ids are chosen by the buyer, so every key a call touches is known before it runs (no
// shared counter: deals never conflict with each other and run in parallel).
// Storage: "deal" || id -> buyer|seller|arbiter|asset|amount|state; "locked" || asset -> u64.
// Events: "opened" id|amount, "released" id, "refunded" id.
import {
  Args,
  Storage,
  Writer,
  balance,
  bytesEqual,
  caller,
  emit,
  fail,
  require,
  ret,
  transfer,
} from "../../../sdk/assembly/index";

const OPEN: u8 = 0;
const RELEASED: u8 = 1;
const REFUNDED: u8 = 2;

class Deal {
  constructor(
    public buyer: Uint8Array,
    public seller: Uint8Array,
    public arbiter: Uint8Array,
    public asset: Uint8Array,
    public amount: u64,
    public state: u8,
  ) {}

  encode(): Uint8Array {
    return new Writer()
      .address(this.buyer)
      .address(this.seller)
      .address(this.arbiter)
      .bytes32(this.asset)
      .amount(this.amount)
      .u8(this.state)
      .toBytes();
  }

  static decode(b: Uint8Array): Deal {
    const a = new Args(b);
    const d = new Deal(a.address(), a.address(), a.address(), a.bytes32(), a.amount(), a.u8());
    a.done();
    return d;
  }
}

function idBytes(id: u64): Uint8Array {
  return new Writer().u64(id).toBytes();
}

function dealKey(id: u64): Uint8Array {
  return Storage.key("deal", idBytes(id));
}

function lockedKey(asset: Uint8Array): Uint8Array {
  return Storage.key("locked", asset);
}

function load(id: u64): Deal {
  const raw = Storage.get(dealKey(id));
  if (raw === null) fail("no such deal");
  return Deal.decode(raw!);
}

/**
 * open(deal: u64, seller: address, arbiter: address, asset: bytes32, amount): records a deal of
 * `amount` the caller has already paid into this contract's account and not yet locked.
 */
export function open(): void {
  const a = Args.call();
  const id = a.u64();
  const seller = a.address();
  const arbiter = a.address();
  const asset = a.bytes32();
  const amount = a.amount();
  a.done();
  require(amount > 0, "amount must be positive");
  const key = dealKey(id);
  require(!Storage.has(key), "deal id already used");
  const lk = lockedKey(asset);
  const locked = Storage.getU64(lk);
  require(balance(asset) - locked >= amount, "deposit missing: pay the escrow first");
  Storage.setU64(lk, locked + amount);
  Storage.set(key, new Deal(caller(), seller, arbiter, asset, amount, OPEN).encode());
  emit("opened", new Writer().u64(id).amount(amount).toBytes());
}

function settle(id: u64, toSeller: bool): void {
  const d = load(id);
  require(d.state == OPEN, "deal already settled");
  const who = caller();
  const allowed = toSeller ? d.buyer : d.seller;
  require(bytesEqual(who, allowed) || bytesEqual(who, d.arbiter), "not a party to this deal");
  d.state = toSeller ? RELEASED : REFUNDED;
  Storage.set(dealKey(id), d.encode());
  const lk = lockedKey(d.asset);
  Storage.setU64(lk, Storage.getU64(lk) - d.amount);
  transfer(toSeller ? d.seller : d.buyer, d.asset, d.amount);
  emit(toSeller ? "released" : "refunded", idBytes(id));
}

/** release(deal: u64): pays the seller; by the buyer or the arbiter. */
export function release(): void {
  const a = Args.call();
  const id = a.u64();
  a.done();
  settle(id, true);
}

/** refund(deal: u64): pays the buyer back; by the seller or the arbiter. */
export function refund(): void {
  const a = Args.call();
  const id = a.u64();
  a.done();
  settle(id, false);
}

/** deal(deal: u64) -> buyer, seller, arbiter, asset, amount, state (0 open, 1 released, 2 refunded). */
export function deal(): void {
  const a = Args.call();
  const id = a.u64();
  a.done();
  ret(load(id).encode());
}
