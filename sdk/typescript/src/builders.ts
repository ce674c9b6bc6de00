/**
 * Typed builders for the calls the first SDK release left to generic bodies (docs/sdk.md, ADR
 * 0056): the job escrow's `registerProvider`, `submitVCR`, `commitOutput`, `revealVCR`,
 * `challengeVCR` and `challengeReplica` (JobsCalls in Java; their access sets are in `jobsAccess`),
 * WebAssembly contract deploy and call (ContractTxs in Java, what `aetherctl contract` sends), and
 * UTxO spends (`utxoBody`: inputs consumed, outputs created, value burned, as the ledger takes them;
 * `withUtxos` adds them to any other builder's body).
 * Compute receipts (`VcrSubmission`) and fraud proofs are taken typed (compute.ts, ADR 0057) or as
 * their canonical bytes, as the provider daemon and `aetherctl mesh` produce them; bytes are checked
 * for their framing (version byte, job id), and anything the chain would refuse for its shape is
 * refused.
 */
import { type Call, LIMITS, normalValue, type TxBody, type TxOutput, type UtxoRef, type Value, Writer } from "./codec.js";
import { accountKey, programId, tagged, txId, utxoKey } from "./hash.js";
import { compareBytes, equalBytes } from "./hex.js";
import { encodeFraudProof, encodeVcrSubmission, type FraudProof, type VcrSubmission } from "./compute.js";
import { JOBS, type TxOptions, transferCall } from "./tx.js";

/** Longest call arguments (Call.MAX_ARGS). */
export const MAX_CALL_ARGS = 240 * 1024;
/** Most measurements or code hashes in one registration (ProviderRecord.MAX_ENTRIES). */
export const MAX_PROVIDER_ENTRIES = 16;

/** The TEE a provider attests with, and its tag on chain (ProviderRecord.kindTag). */
export const TEE_KINDS = { sev_snp: 1, tdx: 2, dev: 3 } as const;
export type TeeKind = keyof typeof TEE_KINDS;

/** A provider's registration (JobsCalls.Register; docs/programs/jobs.md). */
export interface ProviderRegistration {
  /** The provider's Ed25519 public key (32 bytes): it signs its receipts. */
  key: Uint8Array;
  kind: TeeKind;
  /** Accepted launch measurements, 48 bytes each (SHA-384), 1..16. */
  measurements: Uint8Array[];
  /** Lowest accepted TCB version (SEV-SNP / TDX), at most 16 bytes. */
  minTcb?: Uint8Array;
  /** The development TEE's key (32 bytes): required for `dev`, refused otherwise. */
  devKey?: Uint8Array;
  /** Hashes of the runtime artifacts the provider runs, 32 bytes each, 1..16. */
  codeHashes: Uint8Array[];
}

function need(ok: boolean, what: string): void {
  if (!ok) throw new RangeError(what);
}

function jobsCall(method: string, args: Uint8Array): Call {
  need(args.length <= MAX_CALL_ARGS, `${method} arguments over ${MAX_CALL_ARGS} bytes`);
  return { program: JOBS, method, args };
}

/** The version byte every VcrSubmission and FraudProof encoding starts with. */
const PROOF_VERSION = 1;

function framed(b: Uint8Array, what: string): Uint8Array {
  need(b.length > 33 && b[0] === PROOF_VERSION, `${what} must be a version-${PROOF_VERSION} encoding`);
  return b;
}

/** The job a fraud proof is about (its bytes 1..33, after the version byte). */
export function fraudProofJob(proof: Uint8Array | FraudProof): Uint8Array {
  if (!(proof instanceof Uint8Array)) return bytes32(proof.jobId, "a fraud proof's jobId");
  return framed(proof, "a fraud proof").slice(1, 33);
}

function bytes32(b: Uint8Array, what: string): Uint8Array {
  need(b instanceof Uint8Array && b.length === 32, `${what} must be 32 bytes`);
  return b;
}

/**
 * A receipt's bytes: a typed `VcrSubmission` encoded (its receipt must be for `jobId`), or the
 * canonical bytes the provider daemon wrote, checked for their framing.
 */
function submissionBytes(jobId: Uint8Array, s: Uint8Array | VcrSubmission): Uint8Array {
  if (s instanceof Uint8Array) return framed(s, "a VcrSubmission");
  need(equalBytes(bytes32(s.vcr.jobId, "the receipt's jobId"), bytes32(jobId, "jobId")), "the receipt is for another job");
  return encodeVcrSubmission(s);
}

function proofBytes(p: Uint8Array | FraudProof): Uint8Array {
  return p instanceof Uint8Array ? framed(p, "a fraud proof") : encodeFraudProof(p);
}

export const jobCalls = {
  /** `registerProvider`: sent by the provider's own account (its payer). */
  registerProvider(r: ProviderRegistration): Call {
    const tag = TEE_KINDS[r.kind];
    need(tag !== undefined, `unknown TEE kind ${String(r.kind)}`);
    need(r.key.length === 32, "key must be 32 bytes");
    need(r.measurements.length >= 1 && r.measurements.length <= MAX_PROVIDER_ENTRIES, "1..16 measurements");
    need(r.measurements.every((m) => m.length === 48), "measurements must be 48 bytes");
    need(r.codeHashes.length >= 1 && r.codeHashes.length <= MAX_PROVIDER_ENTRIES, "1..16 code hashes");
    need(r.codeHashes.every((c) => c.length === 32), "code hashes must be 32 bytes");
    need(r.minTcb === undefined || r.minTcb.length <= 16, "minTcb is at most 16 bytes");
    need((r.devKey !== undefined) === (r.kind === "dev"), "a development key exactly for the dev kind");
    need(r.devKey === undefined || r.devKey.length === 32, "devKey must be 32 bytes");
    const w = new Writer().fixed(r.key, 32).u8(tag);
    w.list(r.measurements, (x, m) => x.fixed(m, 48));
    w.option(r.minTcb, (x, t) => x.bytes(t));
    w.option(r.devKey, (x, k) => x.fixed(k, 32));
    w.list(r.codeHashes, (x, c) => x.fixed(c, 32));
    return jobsCall("registerProvider", w.toBytes());
  },
  /** `submitVCR`: the accepted provider's receipt (a typed `VcrSubmission` or its canonical bytes). */
  submitVcr: (jobId: Uint8Array, submission: Uint8Array | VcrSubmission) =>
    jobsCall("submitVCR", new Writer().fixed(jobId, 32).fixed(submissionBytes(jobId, submission)).toBytes()),
  /** `commitOutput`: a replica's commitment to its receipt (commit-reveal; `receiptCommitment` computes it). */
  commitOutput: (jobId: Uint8Array, commitment: Uint8Array) =>
    jobsCall("commitOutput", new Writer().fixed(jobId, 32).fixed(commitment, 32).toBytes()),
  /** `revealVCR`: the committed receipt and the 32-byte salt of its commitment. */
  revealVcr: (jobId: Uint8Array, salt: Uint8Array, submission: Uint8Array | VcrSubmission) =>
    jobsCall(
      "revealVCR",
      new Writer().fixed(jobId, 32).fixed(salt, 32).fixed(submissionBytes(jobId, submission)).toBytes(),
    ),
  /** `challengeVCR`: a fraud proof against a single job's receipt. */
  challengeVcr: (fraudProof: Uint8Array | FraudProof) => jobsCall("challengeVCR", proofBytes(fraudProof).slice()),
  /** `challengeReplica`: a fraud proof against one replica's receipt of a replicated job. */
  challengeReplica: (provider: Uint8Array, fraudProof: Uint8Array | FraudProof) =>
    jobsCall("challengeReplica", new Writer().fixed(provider, 32).fixed(proofBytes(fraudProof)).toBytes()),
};

// ------------------------------------------------------------------------------------------ contracts

/** The program that deploys WebAssembly contracts. */
export const DEPLOYER = programId("deploy");

/** A contract's id: SHA-256("aether/code/v1" || 0 || module bytes). */
export function contractId(code: Uint8Array): Uint8Array {
  return tagged("aether/code/v1", code);
}

function sortedUnique(keys: Uint8Array[]): Uint8Array[] {
  const out = keys.slice().sort(compareBytes);
  return out.filter((k, i) => i === 0 || compareBytes(out[i - 1], k) !== 0);
}

function contractBody(payer: Uint8Array, reads: Uint8Array[], writes: Uint8Array[], calls: Call[], o: TxOptions): TxBody {
  const ws = sortedUnique(writes);
  const rs = sortedUnique(reads).filter((r) => !ws.some((w) => compareBytes(w, r) === 0));
  return {
    chainId: o.chainId, payer, nonce: o.nonce, inputs: [], reads: rs, writes: ws, outputs: [], calls,
    mint: [], burn: [], feeCap: o.feeCap, validFrom: o.validFrom ?? 0n, validUntil: o.validUntil,
  };
}

export const contracts = {
  deploy(code: Uint8Array): Call {
    need(code.length > 0 && code.length <= MAX_CALL_ARGS, `a module of 1..${MAX_CALL_ARGS} bytes`);
    return { program: DEPLOYER, method: "deploy", args: code.slice() };
  },
  /** A call of `method` on `contract` with raw argument bytes (docs/contracts.md, "Arguments"). */
  call(contract: Uint8Array, method: string, args: Uint8Array = new Uint8Array()): Call {
    need(contract.length === 32, "a contract id is 32 bytes");
    const m = new TextEncoder().encode(method).length;
    need(m >= 1 && m <= 64, "method must be 1..64 bytes");
    need(args.length <= MAX_CALL_ARGS, `arguments over ${MAX_CALL_ARGS} bytes`);
    return { program: contract, method, args: args.slice() };
  },
};

/** A transaction deploying `code`: it declares exactly the new contract's id writable. */
export function deployBody(payer: Uint8Array, code: Uint8Array, o: TxOptions): TxBody {
  return contractBody(payer, [], [contractId(code)], [contracts.deploy(code)], o);
}

/** What a contract call declares besides the contract itself (a simulation finds them). */
export interface ContractAccess {
  reads?: Uint8Array[];
  writes?: Uint8Array[];
  /** Paid to the contract's account by a bank transfer first, in the same transaction. */
  deposit?: Value;
}

/**
 * A transaction calling a contract: the contract readable, `access`'s keys as given, and with a
 * deposit, a transfer to the contract's account first (that account writable).
 */
export function contractCallBody(payer: Uint8Array, call: Call, access: ContractAccess, o: TxOptions): TxBody {
  const reads = [call.program, ...(access.reads ?? [])];
  const writes = [...(access.writes ?? [])];
  const calls: Call[] = [];
  if (access.deposit !== undefined) {
    calls.push(transferCall(call.program, access.deposit));
    writes.push(accountKey(call.program));
  }
  calls.push(call);
  return contractBody(payer, reads, writes, calls, o);
}

// ------------------------------------------------------------------------------------------ UTxO spends

const U128_MAX = (1n << 128n) - 1n;

function checkRef(r: UtxoRef): UtxoRef {
  need(r.txId instanceof Uint8Array && r.txId.length === 32, "an input's txId is 32 bytes");
  need(Number.isInteger(r.index) && r.index >= 0 && r.index < LIMITS.outputs, `an input's index is 0..${LIMITS.outputs - 1}`);
  return { txId: r.txId.slice(), index: r.index };
}

function checkOutput(o: TxOutput): TxOutput {
  need(o.owner instanceof Uint8Array && o.owner.length === 32, "an output's owner is a 32-byte address");
  need(o.value.every((a) => a.amount >= 0n && a.amount <= U128_MAX), "an output's amounts are u128");
  const value = normalValue(o.value);
  if (o.datum === undefined) return { owner: o.owner.slice(), value };
  need(o.datum.length <= LIMITS.datum, `a datum is at most ${LIMITS.datum} bytes`);
  return { owner: o.owner.slice(), value, datum: o.datum.slice() };
}

/**
 * A UTxO transaction from `payer`: it consumes `inputs` (each must be unspent and its owner must
 * sign the transaction) and creates `outputs` at `UtxoRef(txId, i)` in the order given, and may
 * burn value (`extra.burn`). Per asset, what the outputs and the burn hold beyond the inputs is paid
 * in from the payer's account. It declares no keys, as the ledger takes it (TxRules, AccessSet.of
 * in Java): the payer's account, the consumed inputs and the created outputs are written
 * implicitly. Inputs are put in ascending order (the canonical form); an input named twice, an
 * index outside 0..255, more than 256 inputs or outputs, an amount outside u128, a datum over 16 KiB
 * and a transaction that neither consumes nor creates an output are refused. To spend UTxOs in a
 * transaction that also calls programs, build the calls' body with their builder and add the UTxO
 * parts with `withUtxos`.
 */
export function utxoBody(payer: Uint8Array, inputs: UtxoRef[], outputs: TxOutput[], o: TxOptions, extra: { burn?: Value } = {}): TxBody {
  need(inputs.length + outputs.length > 0, "a UTxO transaction consumes or creates at least one output");
  const empty: TxBody = {
    chainId: o.chainId, payer, nonce: o.nonce, inputs: [], reads: [], writes: [], outputs: [],
    calls: [], mint: [], burn: [], feeCap: o.feeCap, validFrom: o.validFrom ?? 0n, validUntil: o.validUntil,
  };
  return withUtxos(empty, { inputs, outputs, burn: extra.burn });
}

/** What `withUtxos` adds to a transaction body. */
export interface UtxoParts {
  /** Outputs consumed (each unspent, its owner signing). */
  inputs?: UtxoRef[];
  /** Outputs created, after any the body has, at `UtxoRef(txId, i)`. */
  outputs?: TxOutput[];
  /** Value destroyed (paid from the inputs, or in from the payer's account). */
  burn?: Value;
}

/**
 * `body` (built by any builder: a transfer, a job, AMM or governance call, a contract call) with
 * UTxO inputs consumed, outputs created and value burned in the same transaction. The calls and
 * their declared keys stay as they are: the ledger writes the payer's account, the inputs and the
 * outputs implicitly, so the UTxO parts need no declaration. Value must be conserved per asset:
 * inputs ≤ outputs + burn, the rest paid in from the payer's account (checked by the chain, which
 * knows the inputs' values). There is no mint: no node authorises minting (MintPolicy.NONE), so a
 * body that mints is refused here rather than by every validator. The same checks as `utxoBody`,
 * across the body's existing inputs and outputs too.
 */
export function withUtxos(body: TxBody, parts: UtxoParts): TxBody {
  need(body.mint.length === 0, "no node authorises minting: a body that mints is refused");
  const added = (parts.inputs?.length ?? 0) + (parts.outputs?.length ?? 0) + (parts.burn?.length ?? 0);
  need(added > 0, "nothing to add: give inputs, outputs or a burn");
  const inputs = [...body.inputs, ...(parts.inputs ?? [])];
  const outputs = [...body.outputs, ...(parts.outputs ?? [])];
  need(inputs.length <= LIMITS.inputs, `at most ${LIMITS.inputs} inputs`);
  need(outputs.length <= LIMITS.outputs, `at most ${LIMITS.outputs} outputs`);
  const ins = inputs.map(checkRef).sort((a, b) => compareBytes(a.txId, b.txId) || a.index - b.index);
  for (let i = 1; i < ins.length; i++) {
    need(compareBytes(ins[i - 1].txId, ins[i].txId) !== 0 || ins[i - 1].index !== ins[i].index, "an input is named twice");
  }
  const burns = [...body.burn, ...(parts.burn ?? [])];
  need(burns.every((a) => typeof a.amount === "bigint" && a.amount >= 0n && a.amount <= U128_MAX), "a burn's amounts are u128");
  return { ...body, inputs: ins, outputs: outputs.map(checkOutput), burn: normalValue(burns) };
}

/** The outputs `body` creates, as the refs a later spend names (`UtxoRef(txId(body), i)`). */
export function createdUtxos(body: TxBody): UtxoRef[] {
  const id = txId(body);
  return body.outputs.map((_, index) => ({ txId: id, index }));
}

/**
 * The keys `body` writes as the scheduler sees them (AccessSet.of in Java): its declared writes,
 * the payer's account, each consumed input's and each created output's UTxO key, ascending.
 */
export function utxoWrites(body: TxBody): Uint8Array[] {
  const keys = [...body.writes, accountKey(body.payer), ...body.inputs.map((r) => utxoKey(r.txId, r.index))];
  for (const r of createdUtxos(body)) keys.push(utxoKey(r.txId, r.index));
  return sortedUnique(keys);
}
