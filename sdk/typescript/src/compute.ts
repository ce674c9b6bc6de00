/**
 * Verifiable compute payloads built from their fields (ADR 0057): the Verifiable Compute Receipt
 * (`Vcr`, types/Vcr.java) and its signature, a provider's published receipt (`VcrSubmission`), the
 * one-round fraud proof (`FraudProof`), and the parts they carry — the model header, KZG openings,
 * tensors and weight slices (compute/ in Java). Encoded byte for byte as the Java codec encodes them
 * (sdk/vectors/builders.json), decoded with the same limits, and checked for the shape the chain
 * refuses before a transaction carries them. The SDK does not run models or make KZG proofs: the
 * trace leaves, commitments and openings come from whoever did (the provider daemon, `aetherctl
 * mesh`).
 */
import { Reader, Writer } from "./codec.js";
import { CodecError } from "./errors.js";
import { tagged } from "./hash.js";
import { compareBytes, concat, utf8 } from "./hex.js";
import { type KeyPair, verifySignature } from "./keys.js";

/** Limits of the Java codec (Vcr, VcrSubmission, FraudProof, ModelHeader, StepEvidence, ...). */
export const COMPUTE_LIMITS = {
  teeQuote: 16 * 1024,
  openings: 256,
  openingIndex: 4096,
  leaves: 4096,
  dataProof: 64,
  collateral: 4,
  collateralFile: 16 * 1024,
  metadata: 64,
  metadataKey: 64,
  metadataValue: 4096,
  tensors: 1024,
  tensorName: 128,
  rank: 8,
  tensorBytes: 256 * 1024,
  stepInputs: 4096,
  stepWeights: 4,
  weightPath: 11,
} as const;

/** A KZG opening of a committed trace vector at `index`: a 32-byte scalar and a 48-byte proof. */
export interface Opening {
  index: number;
  value: Uint8Array;
  proof: Uint8Array;
}

/** A dense f32 tensor, row-major. `data` keeps every bit (NaN payloads included). */
export interface Tensor {
  shape: number[];
  data: Float32Array;
}

/** One weight tensor of a model with its Merkle path (siblings from the leaf up) to the weights root. */
export interface WeightSlice {
  name: string;
  tensor: Tensor;
  path: Uint8Array[];
}

/** What re-executing one step takes: its input tensors and its operator's weight slices. */
export interface StepEvidence {
  inputs: Tensor[];
  weights: WeightSlice[];
}

/**
 * A model's header: metadata and each weight tensor's shape. Given as objects, maps or pairs in any
 * order; encoded in ascending UTF-8 byte order of the keys (not JavaScript's UTF-16 order).
 */
export interface ModelHeader {
  metadata: Record<string, string> | Map<string, string> | Array<[string, string]>;
  shapes: Record<string, number[]> | Map<string, number[]> | Array<[string, number[]]>;
}

/** A Verifiable Compute Receipt (the brief's fields), signed by the provider over `vcrSigningBytes`. */
export interface Vcr {
  jobId: Uint8Array;
  /** The provider's address (32 bytes). */
  provider: Uint8Array;
  inputHash: Uint8Array;
  modelHash: Uint8Array;
  codeHash: Uint8Array;
  seed: bigint;
  outputHash: Uint8Array;
  teeQuote: Uint8Array;
  /** The trace commitment (48 bytes), when the receipt commits to its trace. */
  kzgCommit?: Uint8Array;
  /** Openings of the committed trace, strictly ascending by index; only with `kzgCommit`. */
  openings?: Opening[];
  /** Ed25519 signature (64 bytes). */
  sig: Uint8Array;
}

export type UnsignedVcr = Omit<Vcr, "sig">;

/** A receipt as a provider publishes it: the argument of `submitVCR` and `revealVCR`. */
export interface VcrSubmission {
  vcr: Vcr;
  header: ModelHeader;
  weightsRoot: Uint8Array;
  /** Per-step trace leaves, one per step. */
  leaves: Uint8Array[];
  /** The proof that `leaves` are the vector `vcr.kzgCommit` commits to (at most 64 bytes). */
  dataProof: Uint8Array;
  /** The last step's inputs and weights (the verifier re-executes it). */
  lastStep: StepEvidence;
  /** Certificate files beside the TEE evidence (at most 4 of at most 16 KiB). */
  collateral: Uint8Array[];
}

/** "Step `step` of job `jobId`'s committed trace is not what its operator computes." */
export interface FraudProof {
  jobId: Uint8Array;
  header: ModelHeader;
  weightsRoot: Uint8Array;
  step: number;
  stepOpening: Opening;
  inputOpenings: Opening[];
  evidence: StepEvidence;
}

const VERSION = 1;

function need(ok: boolean, what: string): void {
  if (!ok) throw new RangeError(what);
}

function bytesOf(b: Uint8Array, n: number, what: string): Uint8Array {
  need(b instanceof Uint8Array && b.length === n, `${what} must be ${n} bytes`);
  return b;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function text(s: string, max: number, what: string): Uint8Array {
  need(typeof s === "string" && !LONE_SURROGATE.test(s), `${what} must be well-formed Unicode text`);
  const b = utf8(s);
  need(b.length <= max, `${what} is at most ${max} UTF-8 bytes`);
  return b;
}

function u32ok(n: number, what: string): number {
  need(Number.isInteger(n) && n >= 0 && n <= 0xffffffff, `${what} must be a u32`);
  return n;
}

// ------------------------------------------------------------------------------------------ tensors

/** A tensor from numbers, each rounded to the nearest f32 (as Java's `(float)` cast rounds). */
export function tensor(shape: number[], values: ArrayLike<number>): Tensor {
  return checkTensor({ shape: shape.slice(), data: Float32Array.from(values) });
}

/** A tensor from raw IEEE-754 bit patterns (u32 each): exact, NaN payloads included. */
export function tensorFromBits(shape: number[], bits: ArrayLike<number>): Tensor {
  const u = new Uint32Array(bits.length);
  for (let i = 0; i < bits.length; i++) u[i] = u32ok(bits[i], "a tensor's bits");
  return checkTensor({ shape: shape.slice(), data: new Float32Array(u.buffer) });
}

/** Each element's raw bits. */
export function tensorBits(t: Tensor): Uint32Array {
  return new Uint32Array(t.data.buffer, t.data.byteOffset, t.data.length).slice();
}

function checkTensor(t: Tensor): Tensor {
  need(t.shape.length >= 1 && t.shape.length <= COMPUTE_LIMITS.rank, `a tensor's rank is 1..${COMPUTE_LIMITS.rank}`);
  let n = 1;
  for (const d of t.shape) {
    need(Number.isInteger(d) && d >= 1 && d <= 0x7fffffff, "a tensor's dimensions are 1..2^31-1");
    n *= d;
  }
  need(t.data instanceof Float32Array && n === t.data.length, `shape [${t.shape}] needs ${n} elements, got ${t.data?.length}`);
  return t;
}

/** The tensor's canonical bytes: u8 rank, i32 LE dimensions, f32 LE elements (Tensor.canonicalBytes). */
export function tensorBytes(t: Tensor): Uint8Array {
  checkTensor(t);
  const out = new Uint8Array(1 + 4 * t.shape.length + 4 * t.data.length);
  const v = new DataView(out.buffer);
  out[0] = t.shape.length;
  t.shape.forEach((d, i) => v.setUint32(1 + 4 * i, d, true));
  const bits = new Uint32Array(t.data.buffer, t.data.byteOffset, t.data.length);
  const o = 1 + 4 * t.shape.length;
  for (let i = 0; i < bits.length; i++) v.setUint32(o + 4 * i, bits[i], true);
  return out;
}

/** Parses a tensor's canonical bytes; refuses anything but exactly one tensor. */
export function tensorFromBytes(b: Uint8Array): Tensor {
  const bad = (m: string): never => {
    throw new CodecError("codec.non_canonical", `tensor: ${m}`);
  };
  if (b.length === 0) bad("empty tensor encoding");
  const rank = b[0];
  if (rank === 0 || rank > COMPUTE_LIMITS.rank || b.length - 1 < 4 * rank) bad(`bad tensor rank ${rank}`);
  const v = new DataView(b.buffer, b.byteOffset, b.length);
  const shape: number[] = [];
  let n = 1;
  for (let i = 0; i < rank; i++) {
    const d = v.getInt32(1 + 4 * i, true);
    if (d <= 0) bad(`bad tensor dimension ${d}`);
    shape.push(d);
    n *= d;
  }
  const o = 1 + 4 * rank;
  if (n * 4 !== b.length - o) bad("tensor encoding length does not match its shape");
  const u = new Uint32Array(n);
  for (let i = 0; i < n; i++) u[i] = v.getUint32(o + 4 * i, true);
  return { shape, data: new Float32Array(u.buffer) };
}

function writeTensor(w: Writer, t: Tensor): void {
  const b = tensorBytes(t);
  need(b.length <= COMPUTE_LIMITS.tensorBytes, `an encoded tensor is at most ${COMPUTE_LIMITS.tensorBytes} bytes`);
  w.bytes(b);
}

function readTensor(r: Reader): Tensor {
  return tensorFromBytes(r.bytes("Tensor", COMPUTE_LIMITS.tensorBytes));
}

// ------------------------------------------------------------------------------------------ model header

function entries<T>(m: Record<string, T> | Map<string, T> | Array<[string, T]>): Array<[string, T]> {
  if (m instanceof Map) return [...m.entries()];
  if (Array.isArray(m)) return m.slice();
  return Object.entries(m);
}

/** The header's entries in canonical order (ascending UTF-8 bytes), checked against Java's limits. */
function canonicalHeader(h: ModelHeader): { meta: Array<[Uint8Array, Uint8Array]>; shapes: Array<[Uint8Array, number[]]> } {
  const meta = entries(h.metadata).map(([k, v]): [Uint8Array, Uint8Array] => [
    text(k, COMPUTE_LIMITS.metadataKey, "a metadata key"),
    text(v, COMPUTE_LIMITS.metadataValue, "a metadata value"),
  ]);
  const shapes = entries(h.shapes).map(([k, s]): [Uint8Array, number[]] => {
    need(Array.isArray(s) && s.length >= 1 && s.length <= COMPUTE_LIMITS.rank, `tensor '${k}' must have rank 1..${COMPUTE_LIMITS.rank}`);
    for (const d of s) need(Number.isInteger(d) && d >= 1 && d <= 0x7fffffff, `tensor '${k}' has dimension ${d}`);
    return [text(k, COMPUTE_LIMITS.tensorName, "a tensor name"), s.slice()];
  });
  need(meta.length <= COMPUTE_LIMITS.metadata, `at most ${COMPUTE_LIMITS.metadata} metadata entries`);
  need(shapes.length <= COMPUTE_LIMITS.tensors, `at most ${COMPUTE_LIMITS.tensors} tensors`);
  meta.sort((a, b) => compareBytes(a[0], b[0]));
  shapes.sort((a, b) => compareBytes(a[0], b[0]));
  for (let i = 1; i < meta.length; i++) need(compareBytes(meta[i - 1][0], meta[i][0]) !== 0, "a metadata key is given twice");
  for (let i = 1; i < shapes.length; i++) need(compareBytes(shapes[i - 1][0], shapes[i][0]) !== 0, "a tensor name is given twice");
  return { meta, shapes };
}

export function writeModelHeader(w: Writer, h: ModelHeader): void {
  const { meta, shapes } = canonicalHeader(h);
  w.u8(VERSION).u32(meta.length);
  for (const [k, v] of meta) w.bytes(k).bytes(v);
  w.u32(shapes.length);
  for (const [k, s] of shapes) {
    w.bytes(k).u8(s.length);
    for (const d of s) w.u32(d);
  }
}

export function readModelHeader(r: Reader): ModelHeader {
  const v = r.u8("ModelHeader version");
  if (v !== VERSION) throw new CodecError("codec.non_canonical", `ModelHeader version ${v}`);
  const metadata: Array<[string, string]> = [];
  const n = r.length("ModelHeader metadata", COMPUTE_LIMITS.metadata);
  let prev: Uint8Array | undefined;
  const ascending = (k: string) => {
    const b = utf8(k);
    if (prev !== undefined && compareBytes(prev, b) >= 0) {
      throw new CodecError("codec.non_canonical", `names not strictly ascending at '${k}'`);
    }
    prev = b;
  };
  for (let i = 0; i < n; i++) {
    const k = r.string("ModelHeader key", COMPUTE_LIMITS.metadataKey);
    ascending(k);
    metadata.push([k, r.string("ModelHeader value", COMPUTE_LIMITS.metadataValue)]);
  }
  const shapes: Array<[string, number[]]> = [];
  const t = r.length("ModelHeader tensors", COMPUTE_LIMITS.tensors);
  prev = undefined;
  for (let i = 0; i < t; i++) {
    const name = r.string("ModelHeader tensor name", COMPUTE_LIMITS.tensorName);
    ascending(name);
    const rank = r.u8("ModelHeader rank");
    if (rank < 1 || rank > COMPUTE_LIMITS.rank) throw new CodecError("codec.non_canonical", `tensor '${name}' has rank ${rank}`);
    const shape: number[] = [];
    for (let d = 0; d < rank; d++) {
      const dim = r.u32("ModelHeader dim");
      if (dim < 1 || dim > 0x7fffffff) throw new CodecError("codec.non_canonical", `tensor '${name}' has dimension ${dim}`);
      shape.push(dim);
    }
    shapes.push([name, shape]);
  }
  return { metadata, shapes };
}

/** The header's canonical bytes. */
export function encodeModelHeader(h: ModelHeader): Uint8Array {
  const w = new Writer();
  writeModelHeader(w, h);
  return w.toBytes();
}

/** SHA-256("aether/model/header/v1" || 0 || header bytes). */
export function modelHeaderHash(h: ModelHeader): Uint8Array {
  return tagged("aether/model/header/v1", encodeModelHeader(h));
}

/** `model_hash` = SHA-256("aether/model/v1" || 0 || header hash || weights root) (ModelCommitment). */
export function modelHash(h: ModelHeader, weightsRoot: Uint8Array): Uint8Array {
  return tagged("aether/model/v1", modelHeaderHash(h), bytesOf(weightsRoot, 32, "weightsRoot"));
}

/** A weight tensor's leaf in the model's weights tree: SHA-256("aether/model/tensor/v1" || 0 || string name || tensor bytes). */
export function tensorLeaf(name: string, t: Tensor): Uint8Array {
  return tagged("aether/model/tensor/v1", new Writer().bytes(text(name, COMPUTE_LIMITS.tensorName, "a tensor name")).toBytes(), tensorBytes(t));
}

// ------------------------------------------------------------------------------------------ openings, slices, evidence

export function writeOpening(w: Writer, o: Opening): void {
  need(Number.isInteger(o.index) && o.index >= 0 && o.index < COMPUTE_LIMITS.openingIndex, `an opening's index is 0..${COMPUTE_LIMITS.openingIndex - 1}`);
  w.u32(o.index).fixed(bytesOf(o.value, 32, "an opening's value")).fixed(bytesOf(o.proof, 48, "an opening's proof"));
}

export function readOpening(r: Reader): Opening {
  const index = r.u32("Opening index");
  if (index >= COMPUTE_LIMITS.openingIndex) {
    throw new CodecError("codec.length_over_limit", `Opening index: ${index} over the limit of ${COMPUTE_LIMITS.openingIndex - 1}`);
  }
  return { index, value: r.fixed("Opening value", 32), proof: r.fixed("Opening proof", 48) };
}

function writeSlice(w: Writer, s: WeightSlice): void {
  w.bytes(text(s.name, COMPUTE_LIMITS.tensorName, "a weight slice's name"));
  writeTensor(w, s.tensor);
  need(s.path.length <= COMPUTE_LIMITS.weightPath, `a weight slice's path has at most ${COMPUTE_LIMITS.weightPath} hashes`);
  w.list(s.path, (x, h) => x.fixed(bytesOf(h, 32, "a path hash")));
}

function readSlice(r: Reader): WeightSlice {
  return {
    name: r.string("WeightSlice name", COMPUTE_LIMITS.tensorName),
    tensor: readTensor(r),
    path: r.list("WeightSlice path", COMPUTE_LIMITS.weightPath, (x) => x.fixed("WeightSlice path hash", 32)),
  };
}

export function writeStepEvidence(w: Writer, e: StepEvidence): void {
  need(e.inputs.length <= COMPUTE_LIMITS.stepInputs, `at most ${COMPUTE_LIMITS.stepInputs} input tensors`);
  need(e.weights.length <= COMPUTE_LIMITS.stepWeights, `at most ${COMPUTE_LIMITS.stepWeights} weight slices`);
  w.list(e.inputs, writeTensor);
  w.list(e.weights, writeSlice);
}

export function readStepEvidence(r: Reader): StepEvidence {
  return {
    inputs: r.list("StepEvidence inputs", COMPUTE_LIMITS.stepInputs, readTensor),
    weights: r.list("StepEvidence weights", COMPUTE_LIMITS.stepWeights, readSlice),
  };
}

// ------------------------------------------------------------------------------------------ receipts

function writeUnsignedVcr(w: Writer, v: UnsignedVcr): void {
  need(v.teeQuote instanceof Uint8Array && v.teeQuote.length <= COMPUTE_LIMITS.teeQuote, `a TEE quote is at most ${COMPUTE_LIMITS.teeQuote} bytes`);
  need(v.openings === undefined || v.kzgCommit !== undefined, "openings need a kzgCommit");
  if (v.openings !== undefined) {
    need(v.openings.length <= COMPUTE_LIMITS.openings, `at most ${COMPUTE_LIMITS.openings} openings`);
    for (let i = 1; i < v.openings.length; i++) need(v.openings[i - 1].index < v.openings[i].index, "openings must be strictly ascending by index");
  }
  w.u8(VERSION);
  for (const [b, what] of [[v.jobId, "jobId"], [v.provider, "provider"], [v.inputHash, "inputHash"], [v.modelHash, "modelHash"],
    [v.codeHash, "codeHash"]] as const) w.fixed(bytesOf(b, 32, what));
  w.u64(v.seed).fixed(bytesOf(v.outputHash, 32, "outputHash")).bytes(v.teeQuote);
  w.option(v.kzgCommit, (x, c) => x.fixed(bytesOf(c, 48, "kzgCommit")));
  w.option(v.openings, (x, os) => x.list(os, writeOpening));
}

/** What the provider signs: "aether/vcr/v1" || 0 || the receipt's encoding without its signature. */
export function vcrSigningBytes(v: UnsignedVcr): Uint8Array {
  const w = new Writer();
  writeUnsignedVcr(w, v);
  return concat(utf8("aether/vcr/v1"), Uint8Array.of(0), w.toBytes());
}

/** The receipt signed by the provider's key (deterministic Ed25519, as ProviderRuntime signs). */
export function signVcr(v: UnsignedVcr, providerKey: KeyPair): Vcr {
  const unsigned: Partial<Vcr> = { ...v };
  delete unsigned.sig;
  return { ...(unsigned as UnsignedVcr), sig: providerKey.sign(vcrSigningBytes(unsigned as UnsignedVcr)) };
}

/** Whether `v.sig` is `publicKey`'s signature over the receipt (strict Ed25519, as the chain checks). */
export function verifyVcr(v: Vcr, publicKey: Uint8Array): boolean {
  return v.sig instanceof Uint8Array && v.sig.length === 64 && verifySignature(v.sig, vcrSigningBytes(v), publicKey);
}

export function writeVcr(w: Writer, v: Vcr): void {
  writeUnsignedVcr(w, v);
  w.fixed(bytesOf(v.sig, 64, "sig"));
}

export function readVcr(r: Reader): Vcr {
  const version = r.u8("Vcr version");
  if (version !== VERSION) throw new CodecError("codec.unknown_tag", `Vcr version ${version}`);
  const jobId = r.fixed("Vcr jobId", 32);
  const provider = r.fixed("Vcr provider", 32);
  const inputHash = r.fixed("Vcr inputHash", 32);
  const modelHash_ = r.fixed("Vcr modelHash", 32);
  const codeHash = r.fixed("Vcr codeHash", 32);
  const seed = r.u64("Vcr seed");
  const outputHash = r.fixed("Vcr outputHash", 32);
  const teeQuote = r.bytes("Vcr teeQuote", COMPUTE_LIMITS.teeQuote);
  const kzgCommit = r.option("Vcr kzgCommit", (x) => x.fixed("Vcr kzgCommit", 48));
  const openings = r.option("Vcr openings", (x) => {
    const os = x.list("Vcr openings", COMPUTE_LIMITS.openings, readOpening);
    for (let i = 1; i < os.length; i++) {
      if (os[i - 1].index >= os[i].index) throw new CodecError("codec.non_canonical", "Vcr openings not strictly ascending");
    }
    return os;
  });
  if (openings !== undefined && kzgCommit === undefined) throw new CodecError("codec.non_canonical", "Vcr openings without a kzgCommit");
  const v: Vcr = { jobId, provider, inputHash, modelHash: modelHash_, codeHash, seed, outputHash, teeQuote, sig: new Uint8Array() };
  if (kzgCommit !== undefined) v.kzgCommit = kzgCommit;
  if (openings !== undefined) v.openings = openings;
  v.sig = r.fixed("Vcr sig", 64);
  return v;
}

export function writeVcrSubmission(w: Writer, s: VcrSubmission): void {
  need(s.leaves.length <= COMPUTE_LIMITS.leaves, `at most ${COMPUTE_LIMITS.leaves} trace leaves`);
  need(s.dataProof.length <= COMPUTE_LIMITS.dataProof, `a data proof is at most ${COMPUTE_LIMITS.dataProof} bytes`);
  need(s.collateral.length <= COMPUTE_LIMITS.collateral, `at most ${COMPUTE_LIMITS.collateral} collateral files`);
  need(s.collateral.every((f) => f.length <= COMPUTE_LIMITS.collateralFile), `a collateral file is at most ${COMPUTE_LIMITS.collateralFile} bytes`);
  w.u8(VERSION);
  writeVcr(w, s.vcr);
  writeModelHeader(w, s.header);
  w.fixed(bytesOf(s.weightsRoot, 32, "weightsRoot"));
  w.list(s.leaves, (x, l) => x.fixed(bytesOf(l, 32, "a trace leaf")));
  w.bytes(s.dataProof);
  writeStepEvidence(w, s.lastStep);
  w.list(s.collateral, (x, f) => x.bytes(f));
}

export function readVcrSubmission(r: Reader): VcrSubmission {
  const v = r.u8("VcrSubmission version");
  if (v !== VERSION) throw new CodecError("codec.non_canonical", `VcrSubmission version ${v}`);
  return {
    vcr: readVcr(r),
    header: readModelHeader(r),
    weightsRoot: r.fixed("VcrSubmission weightsRoot", 32),
    leaves: r.list("VcrSubmission leaves", COMPUTE_LIMITS.leaves, (x) => x.fixed("VcrSubmission leaf", 32)),
    dataProof: r.bytes("VcrSubmission dataProof", COMPUTE_LIMITS.dataProof),
    lastStep: readStepEvidence(r),
    collateral: r.list("VcrSubmission collateral", COMPUTE_LIMITS.collateral, (x) => x.bytes("VcrSubmission collateral", COMPUTE_LIMITS.collateralFile)),
  };
}

export function writeFraudProof(w: Writer, p: FraudProof): void {
  need(Number.isInteger(p.step) && p.step >= 0 && p.step < COMPUTE_LIMITS.leaves, `a fraud proof's step is 0..${COMPUTE_LIMITS.leaves - 1}`);
  need(p.inputOpenings.length <= COMPUTE_LIMITS.stepInputs, `at most ${COMPUTE_LIMITS.stepInputs} input openings`);
  w.u8(VERSION).fixed(bytesOf(p.jobId, 32, "jobId"));
  writeModelHeader(w, p.header);
  w.fixed(bytesOf(p.weightsRoot, 32, "weightsRoot")).u32(p.step);
  writeOpening(w, p.stepOpening);
  w.list(p.inputOpenings, writeOpening);
  writeStepEvidence(w, p.evidence);
}

export function readFraudProof(r: Reader): FraudProof {
  const v = r.u8("FraudProof version");
  if (v !== VERSION) throw new CodecError("codec.non_canonical", `FraudProof version ${v}`);
  const jobId = r.fixed("FraudProof jobId", 32);
  const header = readModelHeader(r);
  const weightsRoot = r.fixed("FraudProof weightsRoot", 32);
  const step = r.u32("FraudProof step");
  if (step >= COMPUTE_LIMITS.leaves) throw new CodecError("codec.length_over_limit", `FraudProof step: ${step} over the limit of ${COMPUTE_LIMITS.leaves - 1}`);
  return {
    jobId, header, weightsRoot, step,
    stepOpening: readOpening(r),
    inputOpenings: r.list("FraudProof inputOpenings", COMPUTE_LIMITS.stepInputs, readOpening),
    evidence: readStepEvidence(r),
  };
}

function encodeWith<T>(write: (w: Writer, t: T) => void, t: T): Uint8Array {
  const w = new Writer();
  write(w, t);
  return w.toBytes();
}

function decodeWith<T>(read: (r: Reader) => T, b: Uint8Array, what: string): T {
  const r = new Reader(b);
  const v = read(r);
  r.end(what);
  return v;
}

export const encodeVcr = (v: Vcr) => encodeWith(writeVcr, v);
export const decodeVcr = (b: Uint8Array) => decodeWith(readVcr, b, "Vcr");
export const encodeVcrSubmission = (s: VcrSubmission) => encodeWith(writeVcrSubmission, s);
export const decodeVcrSubmission = (b: Uint8Array) => decodeWith(readVcrSubmission, b, "VcrSubmission");
export const encodeFraudProof = (p: FraudProof) => encodeWith(writeFraudProof, p);
export const decodeFraudProof = (b: Uint8Array) => decodeWith(readFraudProof, b, "FraudProof");
export const encodeStepEvidence = (e: StepEvidence) => encodeWith(writeStepEvidence, e);
export const decodeModelHeader = (b: Uint8Array) => decodeWith(readModelHeader, b, "ModelHeader");

/**
 * What a replica commits to before anyone reveals (QuorumJob.commitment): SHA-256("aether/jobs/commit/v1"
 * || 0 || job || provider || output hash || 48-byte trace commitment || 32-byte salt).
 */
export function replicaCommitment(
  jobId: Uint8Array,
  provider: Uint8Array,
  outputHash: Uint8Array,
  traceCommitment: Uint8Array,
  salt: Uint8Array,
): Uint8Array {
  return tagged(
    "aether/jobs/commit/v1",
    bytesOf(jobId, 32, "jobId"),
    bytesOf(provider, 32, "provider"),
    bytesOf(outputHash, 32, "outputHash"),
    bytesOf(traceCommitment, 48, "a trace commitment"),
    bytesOf(salt, 32, "a salt"),
  );
}

/**
 * The commitment `revealVCR` will check for this receipt and salt: its job, provider, output and
 * trace commitment (48 zero bytes when it has none, as the job escrow reads it).
 */
export function receiptCommitment(s: VcrSubmission, salt: Uint8Array): Uint8Array {
  const v = s.vcr;
  return replicaCommitment(v.jobId, v.provider, v.outputHash, v.kzgCommit ?? new Uint8Array(48), salt);
}
