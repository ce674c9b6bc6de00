/**
 * Aether's canonical codec (docs/codec.md), byte for byte the Java codec in `types/`: fixed-width
 * big-endian integers, u32 length prefixes, strictly ascending sets, and a decoder that accepts only
 * the one encoding of each value. Checked against golden vectors written by the Java codec.
 */
import { CodecError } from "./errors.js";
import { compareBytes, concat } from "./hex.js";

const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

export class Writer {
  private chunks: Uint8Array[] = [];
  private size = 0;

  private push(b: Uint8Array): this {
    this.chunks.push(b);
    this.size += b.length;
    return this;
  }

  u8(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new RangeError(`u8 out of range: ${v}`);
    return this.push(Uint8Array.of(v));
  }

  bool(v: boolean): this {
    return this.u8(v ? 1 : 0);
  }

  u16(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new RangeError(`u16 out of range: ${v}`);
    return this.push(Uint8Array.of(v >>> 8, v & 0xff));
  }

  u32(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`u32 out of range: ${v}`);
    return this.push(Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff));
  }

  u64(v: bigint | number): this {
    return this.push(uint(BigInt(v), 8, U64_MAX, "u64"));
  }

  u128(v: bigint): this {
    return this.push(uint(v, 16, U128_MAX, "u128"));
  }

  /** Fixed-width raw bytes (no prefix). */
  fixed(b: Uint8Array, n?: number): this {
    if (n !== undefined && b.length !== n) throw new RangeError(`expected ${n} bytes, got ${b.length}`);
    return this.push(b.slice());
  }

  /** u32 length, then the bytes. */
  bytes(b: Uint8Array): this {
    return this.u32(b.length).fixed(b);
  }

  string(s: string): this {
    return this.bytes(new TextEncoder().encode(s));
  }

  list<T>(items: readonly T[], write: (w: Writer, t: T) => void): this {
    this.u32(items.length);
    for (const t of items) write(this, t);
    return this;
  }

  option<T>(v: T | undefined, write: (w: Writer, t: T) => void): this {
    if (v === undefined) return this.u8(0);
    this.u8(1);
    write(this, v);
    return this;
  }

  toBytes(): Uint8Array {
    return concat(...this.chunks);
  }
}

function uint(v: bigint, n: number, max: bigint, what: string): Uint8Array {
  if (v < 0n || v > max) throw new RangeError(`${what} out of range: ${v}`);
  const out = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

export class Reader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private take(n: number, what: string): Uint8Array {
    if (n < 0 || this.remaining < n) {
      throw new CodecError("codec.truncated", `${what}: need ${n} bytes, have ${this.remaining}`);
    }
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  u8(what: string): number {
    return this.take(1, what)[0];
  }

  bool(what: string): boolean {
    const b = this.u8(what);
    if (b > 1) throw new CodecError("codec.non_canonical", `${what} is a bool but byte is ${b}`);
    return b === 1;
  }

  u16(what: string): number {
    const b = this.take(2, what);
    return (b[0] << 8) | b[1];
  }

  u32(what: string): number {
    const b = this.take(4, what);
    return ((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3];
  }

  u64(what: string): bigint {
    return big(this.take(8, what));
  }

  u128(what: string): bigint {
    return big(this.take(16, what));
  }

  fixed(what: string, n: number): Uint8Array {
    return this.take(n, what).slice();
  }

  length(what: string, limit: number): number {
    const n = this.u32(what);
    if (n > limit) throw new CodecError("codec.length_over_limit", `${what}: ${n} over the limit of ${limit}`);
    return n;
  }

  bytes(what: string, limit: number): Uint8Array {
    return this.fixed(what, this.length(what, limit));
  }

  string(what: string, limit: number): string {
    const b = this.bytes(what, limit);
    try {
      return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(b);
    } catch {
      throw new CodecError("codec.non_canonical", `${what} is not valid UTF-8`);
    }
  }

  list<T>(what: string, limit: number, read: (r: Reader) => T): T[] {
    const n = this.length(what, limit);
    if (n > this.remaining) throw new CodecError("codec.truncated", `${what}: ${n} items, ${this.remaining} bytes left`);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(read(this));
    return out;
  }

  option<T>(what: string, read: (r: Reader) => T): T | undefined {
    const tag = this.u8(what);
    if (tag === 0) return undefined;
    if (tag === 1) return read(this);
    throw new CodecError("codec.unknown_tag", `${what} option tag ${tag}`);
  }

  end(what: string): void {
    if (this.remaining !== 0) throw new CodecError("codec.trailing_bytes", `${what}: ${this.remaining} bytes left over`);
  }
}

function big(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

function nonCanonical(msg: string): never {
  throw new CodecError("codec.non_canonical", msg);
}

function version(r: Reader, expected: number, what: string): void {
  const v = r.u8(`${what} version`);
  if (v !== expected) throw new CodecError("codec.unknown_tag", `${what} version ${v}`);
}

function ascending<T>(items: T[], cmp: (a: T, b: T) => number, what: string): T[] {
  for (let i = 1; i < items.length; i++) {
    if (cmp(items[i - 1], items[i]) >= 0) nonCanonical(`${what} not strictly ascending`);
  }
  return items;
}

function h256(r: Reader, what: string): Uint8Array {
  return r.fixed(what, 32);
}

function checkH256(b: Uint8Array, what: string): Uint8Array {
  if (!(b instanceof Uint8Array) || b.length !== 32) throw new RangeError(`${what} must be 32 bytes`);
  return b;
}

// ------------------------------------------------------------------------------------------ types

/** Limits of docs/codec.md. */
export const LIMITS = {
  chainId: 32,
  inputs: 256,
  access: 1024,
  outputs: 256,
  calls: 16,
  signatures: 16,
  txBytes: 256 * 1024,
  assets: 64,
  datum: 16 * 1024,
  method: 64,
  args: 64 * 1024,
  topic: 64,
  eventData: 4096,
  events: 256,
  blockTxs: 65_536,
  blockSignature: 1024,
  vrfProof: 128,
  validators: 1024,
} as const;

/** One asset's amount; a Value is a list of these, strictly ascending by asset, no zero amount. */
export interface AssetAmount {
  asset: Uint8Array;
  amount: bigint;
}
export type Value = AssetAmount[];

export interface UtxoRef {
  txId: Uint8Array;
  index: number;
}
export interface TxOutput {
  owner: Uint8Array;
  value: Value;
  datum?: Uint8Array;
}
export interface Call {
  program: Uint8Array;
  method: string;
  args: Uint8Array;
}
export interface TxBody {
  chainId: string;
  payer: Uint8Array;
  nonce: bigint;
  inputs: UtxoRef[];
  reads: Uint8Array[];
  writes: Uint8Array[];
  outputs: TxOutput[];
  calls: Call[];
  mint: Value;
  burn: Value;
  feeCap: bigint;
  validFrom: bigint;
  validUntil: bigint;
}
export interface TxSignature {
  publicKey: Uint8Array;
  signature: Uint8Array;
}
export interface Tx {
  body: TxBody;
  signatures: TxSignature[];
}
export interface QuorumCert {
  /** The consensus epoch whose validator set signed (signer indices index that set). */
  epoch: bigint;
  round: bigint;
  blockId: Uint8Array;
  /** Signer bitmap: bit i (LSB-first within byte i/8) = validator i; no trailing zero byte. */
  signers: Uint8Array;
  aggregateSignature: Uint8Array;
}
export interface TimeoutCert {
  epoch: bigint;
  round: bigint;
  signers: Uint8Array;
  highQcRounds: bigint[];
  aggregateSignature: Uint8Array;
}
/** An operational certificate: the validator's cold key vouches for the hot KES key. */
export interface OpCert {
  hotKey: Uint8Array;
  counter: bigint;
  startPeriod: number;
  coldSignature: Uint8Array;
}
export interface Header {
  epoch: bigint;
  height: bigint;
  slot: bigint;
  round: bigint;
  parent: Uint8Array;
  proposer: number;
  vrfProof: Uint8Array;
  kesPeriod: number;
  opCert: OpCert;
  txRoot: Uint8Array;
  stateRoot: Uint8Array;
  receiptsRoot: Uint8Array;
  shredRoot: Uint8Array;
  parentQc: QuorumCert;
  timeoutCert?: TimeoutCert;
}
export interface Block {
  header: Header;
  txs: Tx[];
  proposerSignature: Uint8Array;
}
export interface Event {
  emitter: Uint8Array;
  topic: Uint8Array;
  data: Uint8Array;
}
export interface Receipt {
  txId: Uint8Array;
  status: "success" | "failed";
  feePaid: bigint;
  steps: bigint;
  memBytes: bigint;
  events: Event[];
  errorCode: number;
}

// ------------------------------------------------------------------------------------------ writers

export function writeValue(w: Writer, v: Value): void {
  const sorted = normalValue(v);
  w.u32(sorted.length);
  for (const a of sorted) w.fixed(checkH256(a.asset, "asset")).u128(a.amount);
}

/** Sorted by asset, zero amounts dropped, duplicates refused: the Value's one normal form. */
export function normalValue(v: Value): Value {
  const out = v.filter((a) => a.amount !== 0n).slice().sort((a, b) => compareBytes(a.asset, b.asset));
  for (let i = 1; i < out.length; i++) {
    if (compareBytes(out[i - 1].asset, out[i].asset) === 0) throw new RangeError("a Value lists an asset twice");
  }
  if (out.length > LIMITS.assets) throw new RangeError(`a Value holds at most ${LIMITS.assets} assets`);
  return out;
}

function writeUtxoRef(w: Writer, u: UtxoRef): void {
  if (u.index < 0 || u.index >= LIMITS.outputs) throw new RangeError("UtxoRef index out of range");
  w.fixed(checkH256(u.txId, "txId")).u32(u.index);
}

function compareUtxoRef(a: UtxoRef, b: UtxoRef): number {
  return compareBytes(a.txId, b.txId) || a.index - b.index;
}

function writeOutput(w: Writer, o: TxOutput): void {
  w.fixed(checkH256(o.owner, "owner"));
  writeValue(w, o.value);
  w.option(o.datum, (x, d) => {
    if (d.length > LIMITS.datum) throw new RangeError("datum too large");
    x.bytes(d);
  });
}

export function writeCall(w: Writer, c: Call): void {
  const m = new TextEncoder().encode(c.method);
  if (m.length === 0 || m.length > LIMITS.method) throw new RangeError(`method name must be 1..${LIMITS.method} bytes`);
  if (c.args.length > LIMITS.args) throw new RangeError("call args too large");
  w.fixed(checkH256(c.program, "program")).bytes(m).bytes(c.args);
}

function sortedUnique<T>(items: T[], cmp: (a: T, b: T) => number, what: string): T[] {
  ascending(items, cmp, what);
  return items;
}

export function writeTxBody(w: Writer, b: TxBody): void {
  const chain = new TextEncoder().encode(b.chainId);
  if (b.chainId.length === 0 || b.chainId.length > LIMITS.chainId) throw new RangeError("chainId must be 1..32 characters");
  w.u8(1).bytes(chain).fixed(checkH256(b.payer, "payer")).u64(b.nonce);
  w.list(sortedUnique(b.inputs, compareUtxoRef, "inputs"), writeUtxoRef);
  w.list(sortedUnique(b.reads, compareBytes, "reads"), (x, k) => x.fixed(checkH256(k, "read key")));
  w.list(sortedUnique(b.writes, compareBytes, "writes"), (x, k) => x.fixed(checkH256(k, "write key")));
  w.list(b.outputs, writeOutput);
  w.list(b.calls, writeCall);
  writeValue(w, b.mint);
  writeValue(w, b.burn);
  w.u128(b.feeCap).u64(b.validFrom).u64(b.validUntil);
}

export function writeTx(w: Writer, t: Tx): void {
  writeTxBody(w, t.body);
  w.list(t.signatures, (x, s) => x.fixed(s.publicKey, 32).fixed(s.signature, 64));
}

function writeSigners(w: Writer, s: Uint8Array): void {
  if (s.length > 0 && s[s.length - 1] === 0) throw new RangeError("signer bitmap has a trailing zero byte");
  w.bytes(s);
}

export function writeQc(w: Writer, q: QuorumCert): void {
  w.u64(q.epoch).u64(q.round).fixed(checkH256(q.blockId, "blockId"));
  writeSigners(w, q.signers);
  w.bytes(q.aggregateSignature);
}

export function writeTimeoutCert(w: Writer, t: TimeoutCert): void {
  w.u64(t.epoch).u64(t.round);
  writeSigners(w, t.signers);
  w.list(t.highQcRounds, (x, r) => x.u64(r));
  w.fixed(t.aggregateSignature, 96);
}

export function writeHeader(w: Writer, h: Header): void {
  w.u8(2).u64(h.epoch).u64(h.height).u64(h.slot).u64(h.round).fixed(checkH256(h.parent, "parent")).u16(h.proposer);
  w.bytes(h.vrfProof).u32(h.kesPeriod);
  writeOpCert(w, h.opCert);
  for (const r of [h.txRoot, h.stateRoot, h.receiptsRoot, h.shredRoot]) w.fixed(checkH256(r, "root"));
  writeQc(w, h.parentQc);
  w.option(h.timeoutCert, writeTimeoutCert);
}

export function writeOpCert(w: Writer, c: OpCert): void {
  if (c.startPeriod < 0 || c.startPeriod > 0x7fffffff) throw new RangeError("OpCert startPeriod out of range");
  w.fixed(c.hotKey, 32).u64(c.counter).u32(c.startPeriod).fixed(c.coldSignature, 64);
}

export function writeBlock(w: Writer, b: Block): void {
  writeHeader(w, b.header);
  w.list(b.txs, writeTx);
  w.bytes(b.proposerSignature);
}

export function writeEvent(w: Writer, e: Event): void {
  w.fixed(checkH256(e.emitter, "emitter")).bytes(e.topic).bytes(e.data);
}

export function writeReceipt(w: Writer, r: Receipt): void {
  w.fixed(checkH256(r.txId, "txId")).u8(r.status === "success" ? 0 : 1).u128(r.feePaid);
  w.u64(r.steps).u64(r.memBytes).list(r.events, writeEvent).u16(r.errorCode);
}

// ------------------------------------------------------------------------------------------ readers

export function readValue(r: Reader): Value {
  const n = r.length("Value assets", LIMITS.assets);
  const out: Value = [];
  for (let i = 0; i < n; i++) {
    const asset = h256(r, "Value asset");
    const amount = r.u128("Value amount");
    if (out.length > 0 && compareBytes(out[out.length - 1].asset, asset) >= 0) nonCanonical("Value assets not strictly ascending");
    if (amount === 0n) nonCanonical("Value holds a zero amount");
    out.push({ asset, amount });
  }
  return out;
}

function readUtxoRef(r: Reader): UtxoRef {
  const txId = h256(r, "UtxoRef txId");
  const index = r.u32("UtxoRef index");
  if (index >= LIMITS.outputs) throw new CodecError("codec.length_over_limit", `UtxoRef index ${index}`);
  return { txId, index };
}

function readOutput(r: Reader): TxOutput {
  const owner = h256(r, "TxOutput owner");
  const value = readValue(r);
  const datum = r.option("TxOutput datum", (x) => x.bytes("TxOutput datum", LIMITS.datum));
  return datum === undefined ? { owner, value } : { owner, value, datum };
}

export function readCall(r: Reader): Call {
  const program = h256(r, "Call program");
  const method = r.string("Call method", LIMITS.method);
  if (method.length === 0) nonCanonical("Call method is empty");
  return { program, method, args: r.bytes("Call args", LIMITS.args) };
}

export function readTxBody(r: Reader): TxBody {
  version(r, 1, "TxBody");
  const chainId = r.string("TxBody chainId", LIMITS.chainId);
  if (chainId.length === 0) nonCanonical("TxBody chainId is empty");
  const payer = h256(r, "TxBody payer");
  const nonce = r.u64("TxBody nonce");
  const inputs = ascending(r.list("TxBody inputs", LIMITS.inputs, readUtxoRef), compareUtxoRef, "TxBody inputs");
  const reads = ascending(r.list("TxBody reads", LIMITS.access, (x) => h256(x, "read")), compareBytes, "TxBody reads");
  const writes = ascending(r.list("TxBody writes", LIMITS.access, (x) => h256(x, "write")), compareBytes, "TxBody writes");
  const outputs = r.list("TxBody outputs", LIMITS.outputs, readOutput);
  const calls = r.list("TxBody calls", LIMITS.calls, readCall);
  return {
    chainId, payer, nonce, inputs, reads, writes, outputs, calls,
    mint: readValue(r),
    burn: readValue(r),
    feeCap: r.u128("TxBody feeCap"),
    validFrom: r.u64("TxBody validFrom"),
    validUntil: r.u64("TxBody validUntil"),
  };
}

export function readTx(r: Reader): Tx {
  const body = readTxBody(r);
  const signatures = r.list("Tx signatures", LIMITS.signatures, (x) => ({
    publicKey: x.fixed("TxSignature key", 32),
    signature: x.fixed("TxSignature sig", 64),
  }));
  return { body, signatures };
}

function readSigners(r: Reader): Uint8Array {
  const s = r.bytes("SignerSet", LIMITS.validators / 8);
  if (s.length > 0 && s[s.length - 1] === 0) nonCanonical("SignerSet bitmap has a trailing zero byte");
  return s;
}

export function readQc(r: Reader): QuorumCert {
  const epoch = r.u64("QuorumCert epoch");
  const round = r.u64("QuorumCert round");
  const blockId = h256(r, "QuorumCert blockId");
  const signers = readSigners(r);
  const aggregateSignature = r.bytes("QuorumCert signature", 96);
  if (aggregateSignature.length !== 0 && aggregateSignature.length !== 96) nonCanonical("QuorumCert signature must be 0 (genesis) or 96 bytes");
  return { epoch, round, blockId, signers, aggregateSignature };
}

export function readTimeoutCert(r: Reader): TimeoutCert {
  const epoch = r.u64("TimeoutCert epoch");
  const round = r.u64("TimeoutCert round");
  const signers = readSigners(r);
  const highQcRounds = r.list("TimeoutCert highQcRounds", LIMITS.validators, (x) => x.u64("TimeoutCert highQcRound"));
  if (highQcRounds.length !== signerIndices(signers).length) nonCanonical("TimeoutCert rounds do not match its signers");
  return { epoch, round, signers, highQcRounds, aggregateSignature: r.fixed("TimeoutCert signature", 96) };
}

export function readHeader(r: Reader): Header {
  version(r, 2, "Header");
  const epoch = r.u64("Header epoch");
  const height = r.u64("Header height");
  const slot = r.u64("Header slot");
  const round = r.u64("Header round");
  const parent = h256(r, "Header parent");
  const proposer = r.u16("Header proposer");
  if (proposer >= LIMITS.validators) throw new CodecError("codec.length_over_limit", `Header proposer ${proposer}`);
  const vrfProof = r.bytes("Header vrfProof", LIMITS.vrfProof);
  const kesPeriod = r.u32("Header kesPeriod");
  if (kesPeriod > 0x7fffffff) throw new CodecError("codec.length_over_limit", `Header kesPeriod ${kesPeriod}`);
  const opCert = readOpCert(r);
  const txRoot = h256(r, "Header txRoot");
  const stateRoot = h256(r, "Header stateRoot");
  const receiptsRoot = h256(r, "Header receiptsRoot");
  const shredRoot = h256(r, "Header shredRoot");
  const parentQc = readQc(r);
  const timeoutCert = r.option("Header timeoutCert", readTimeoutCert);
  const h: Header = { epoch, height, slot, round, parent, proposer, vrfProof, kesPeriod, opCert, txRoot, stateRoot, receiptsRoot, shredRoot, parentQc };
  if (timeoutCert !== undefined) h.timeoutCert = timeoutCert;
  return h;
}

export function readOpCert(r: Reader): OpCert {
  const hotKey = r.fixed("OpCert hotKey", 32);
  const counter = r.u64("OpCert counter");
  if (counter > 0x7fffffffffffffffn) throw new CodecError("codec.length_over_limit", `OpCert counter ${counter}`);
  const startPeriod = r.u32("OpCert startPeriod");
  if (startPeriod > 0x7fffffff) throw new CodecError("codec.length_over_limit", `OpCert startPeriod ${startPeriod}`);
  return { hotKey, counter, startPeriod, coldSignature: r.fixed("OpCert coldSignature", 64) };
}

/** One link of the chain of validator-set changes (`SetChange`, docs/rpc.md). */
export interface SetChange {
  boundary: Header;
  opening: Header;
  openingQc: QuorumCert;
  recordedSet: Uint8Array;
  proof: Uint8Array;
}

export function readSetChange(r: Reader): SetChange {
  version(r, 1, "SetChange");
  return {
    boundary: readHeader(r),
    opening: readHeader(r),
    openingQc: readQc(r),
    recordedSet: r.bytes("SetChange blob", 1 << 20),
    proof: r.bytes("SetChange blob", 1 << 20),
  };
}

export function writeSetChange(w: Writer, c: SetChange): void {
  w.u8(1);
  writeHeader(w, c.boundary);
  writeHeader(w, c.opening);
  writeQc(w, c.openingQc);
  w.bytes(c.recordedSet).bytes(c.proof);
}

export function readBlock(r: Reader): Block {
  return {
    header: readHeader(r),
    txs: r.list("Block txs", LIMITS.blockTxs, readTx),
    proposerSignature: r.bytes("Block proposerSignature", LIMITS.blockSignature),
  };
}

export function readEvent(r: Reader): Event {
  return { emitter: h256(r, "Event emitter"), topic: r.bytes("Event topic", LIMITS.topic), data: r.bytes("Event data", LIMITS.eventData) };
}

export function readReceipt(r: Reader): Receipt {
  const txId = h256(r, "Receipt txId");
  const tag = r.u8("Receipt status");
  if (tag > 1) throw new CodecError("codec.unknown_tag", `Receipt status ${tag}`);
  return {
    txId,
    status: tag === 0 ? "success" : "failed",
    feePaid: r.u128("Receipt feePaid"),
    steps: r.u64("Receipt steps"),
    memBytes: r.u64("Receipt memBytes"),
    events: r.list("Receipt events", LIMITS.events, readEvent),
    errorCode: r.u16("Receipt errorCode"),
  };
}

/** The validator indexes a signer bitmap names, ascending. */
export function signerIndices(bitmap: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < bitmap.length * 8; i++) if ((bitmap[i >>> 3] >>> (i & 7)) & 1) out.push(i);
  return out;
}

// ------------------------------------------------------------------------------------------ top level

/** Encodes with a writer function. */
export function encode<T>(write: (w: Writer, t: T) => void, value: T): Uint8Array {
  const w = new Writer();
  write(w, value);
  return w.toBytes();
}

/** Decodes a whole value: refuses trailing bytes. */
export function decode<T>(read: (r: Reader) => T, bytes: Uint8Array, what: string): T {
  const r = new Reader(bytes);
  const v = read(r);
  r.end(what);
  return v;
}

export const encodeTxBody = (b: TxBody) => encode(writeTxBody, b);
export const encodeTx = (t: Tx) => {
  const out = encode(writeTx, t);
  if (out.length > LIMITS.txBytes) throw new RangeError(`transaction over ${LIMITS.txBytes} bytes`);
  return out;
};
export const encodeHeader = (h: Header) => encode(writeHeader, h);
export const encodeBlock = (b: Block) => encode(writeBlock, b);
export const encodeReceipt = (r: Receipt) => encode(writeReceipt, r);
export const encodeQc = (q: QuorumCert) => encode(writeQc, q);
export const encodeValue = (v: Value) => encode(writeValue, v);

export const decodeTxBody = (b: Uint8Array) => decode(readTxBody, b, "TxBody");
export const decodeTx = (b: Uint8Array) => {
  if (b.length > LIMITS.txBytes) throw new CodecError("codec.length_over_limit", `Tx of ${b.length} bytes`);
  return decode(readTx, b, "Tx");
};
export const decodeHeader = (b: Uint8Array) => decode(readHeader, b, "Header");
export const decodeBlock = (b: Uint8Array) => decode(readBlock, b, "Block");
export const decodeReceipt = (b: Uint8Array) => decode(readReceipt, b, "Receipt");
export const decodeQc = (b: Uint8Array) => decode(readQc, b, "QuorumCert");
export const decodeSetChange = (b: Uint8Array) => decode(readSetChange, b, "SetChange");
export const encodeSetChange = (c: SetChange) => encode(writeSetChange, c);
export const decodeValue = (b: Uint8Array) => decode(readValue, b, "Value");
