/**
 * Building and signing transactions: bank transfers, every staking action (docs/programs/
 * staking.md) and the job escrow's post/postSpec/accept/cancel/settle/settleStable/observePrice/expire
 * (docs/programs/jobs.md), each
 * declaring exactly the state keys it touches, as the Java builders do (`BankProgram.transferBody`,
 * `StakingCalls.body`, `JobsCalls.body`).
 */
import { type Call, encodeTx, type Tx, type TxBody, type Value, Writer, writeValue } from "./codec.js";
import { ammKeys } from "./amm.js";
import { AIC, accountKey, programId, tagged, txId, USDT } from "./hash.js";
import { compareBytes } from "./hex.js";
import type { KeyPair } from "./keys.js";

export const BANK = programId("bank");
export const STAKING = programId("staking");
export const JOBS = programId("jobs");

/** As an undelegate/redelegate amount: the whole delegation (2^128 - 1). */
export const ALL = (1n << 128n) - 1n;

function sortedUnique(keys: Uint8Array[]): Uint8Array[] {
  const out = keys.slice().sort(compareBytes);
  return out.filter((k, i) => i === 0 || compareBytes(out[i - 1], k) !== 0);
}

/** Common fields of every transaction the SDK builds. */
export interface TxOptions {
  chainId: string;
  nonce: bigint;
  /** The most SWR (base units) the transaction may pay in fees. */
  feeCap: bigint;
  /** Last slot it is valid in. */
  validUntil: bigint;
  validFrom?: bigint;
}

export function transferCall(to: Uint8Array, value: Value): Call {
  const w = new Writer().fixed(to, 32);
  writeValue(w, value);
  return { program: BANK, method: "transfer", args: w.toBytes() };
}

/** A bank transfer of `value` from the payer's account to `to`'s: both accounts are its writes. */
export function transferBody(from: Uint8Array, to: Uint8Array, value: Value, o: TxOptions): TxBody {
  return {
    chainId: o.chainId,
    payer: from,
    nonce: o.nonce,
    inputs: [],
    reads: [],
    writes: sortedUnique([accountKey(from), accountKey(to)]),
    outputs: [],
    calls: [transferCall(to, value)],
    mint: [],
    burn: [],
    feeCap: o.feeCap,
    validFrom: o.validFrom ?? 0n,
    validUntil: o.validUntil,
  };
}

/** `body` signed by `key` (its payer): one Ed25519 signature over the transaction id. */
export function sign(body: TxBody, ...keys: KeyPair[]): Tx {
  const id = txId(body);
  return { body, signatures: keys.map((k) => ({ publicKey: k.publicKey, signature: k.sign(id) })) };
}

/** Canonical bytes of a signed transaction, ready for aeth_sendRawTransaction. */
export function rawTx(tx: Tx): Uint8Array {
  return encodeTx(tx);
}

// ------------------------------------------------------------------------------------------ staking

function stakingKey(kind: string, w: Writer): Uint8Array {
  return tagged(`aether/staking/${kind}/v1`, w.toBytes());
}

/** The staking program's state keys (StakingKeys in Java). */
export const stakingKeys = {
  params: () => stakingKey("params", new Writer()),
  registry: () => stakingKey("registry", new Writer()),
  validator: (op: Uint8Array) => stakingKey("validator", new Writer().fixed(op, 32)),
  pool: (op: Uint8Array) => stakingKey("pool", new Writer().fixed(op, 32)),
  rewards: (op: Uint8Array) => stakingKey("rewards", new Writer().fixed(op, 32)),
  delegation: (op: Uint8Array, d: Uint8Array) => stakingKey("delegation", new Writer().fixed(op, 32).fixed(d, 32)),
  positions: (d: Uint8Array) => stakingKey("positions", new Writer().fixed(d, 32)),
  unbonding: (op: Uint8Array, e: bigint) => stakingKey("unbonding", new Writer().fixed(op, 32).u64(e)),
  unbondingEntry: (op: Uint8Array, d: Uint8Array, e: bigint) =>
    stakingKey("unbonding-entry", new Writer().fixed(op, 32).fixed(d, 32).u64(e)),
  redelegations: (op: Uint8Array, e: bigint) => stakingKey("redelegations", new Writer().fixed(op, 32).u64(e)),
  keyOwner: (kind: string, key: Uint8Array) => stakingKey("key-owner", new Writer().string(kind).bytes(key)),
  epochSet: (e: bigint) => stakingKey("epoch-set", new Writer().u64(e)),
};

/** What `register` carries (the validator's key file's public keys; paid by the cold key's account). */
export interface Registration {
  name: string;
  nodeKey: Uint8Array;
  blsKey: Uint8Array;
  blsPop: Uint8Array;
  vrfKey: Uint8Array;
  coldKey: Uint8Array;
  commissionBps: number;
  maxCommissionBps: number;
  maxChangeBps: number;
  selfBond: bigint;
}

function call(method: string, w: Writer): Call {
  return { program: STAKING, method, args: w.toBytes() };
}

/** The staking program's calls (StakingCalls in Java). */
export const staking = {
  register: (r: Registration) =>
    call(
      "register",
      new Writer()
        .string(r.name)
        .fixed(r.nodeKey, 32)
        .fixed(r.blsKey, 48)
        .fixed(r.blsPop, 96)
        .fixed(r.vrfKey, 32)
        .fixed(r.coldKey, 32)
        .u16(r.commissionBps)
        .u16(r.maxCommissionBps)
        .u16(r.maxChangeBps)
        .u128(r.selfBond),
    ),
  delegate: (validator: Uint8Array, amount: bigint) => call("delegate", new Writer().fixed(validator, 32).u128(amount)),
  undelegate: (validator: Uint8Array, amount: bigint) => call("undelegate", new Writer().fixed(validator, 32).u128(amount)),
  redelegate: (from: Uint8Array, to: Uint8Array, amount: bigint) =>
    call("redelegate", new Writer().fixed(from, 32).fixed(to, 32).u128(amount)),
  withdraw: (validator: Uint8Array, epoch: bigint) => call("withdraw", new Writer().fixed(validator, 32).u64(epoch)),
  claim: (validator: Uint8Array) => call("claim", new Writer().fixed(validator, 32)),
  editCommission: (bps: number) => call("edit_commission", new Writer().u16(bps)),
  unjail: () => call("unjail", new Writer()),
};

/** The keys one staking call by `payer` touches in epoch `epoch` or the next: [reads, writes]. */
export function stakingAccess(payer: Uint8Array, c: Call, epoch: bigint): [Uint8Array[], Uint8Array[]] {
  const k = stakingKeys;
  const reads: Uint8Array[] = [k.params()];
  const writes: Uint8Array[] = [];
  if (!["edit_commission", "unjail", "submit_evidence"].includes(c.method)) writes.push(k.positions(payer));
  const a = c.args;
  const addr = (o: number) => a.subarray(o, o + 32);
  const u64At = (o: number) => {
    let v = 0n;
    for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(a[o + i]);
    return v;
  };
  switch (c.method) {
    case "register": {
      const nameLen = (a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3];
      let o = 4 + nameLen;
      const nodeKey = a.subarray(o, o + 32);
      const blsKey = a.subarray(o + 32, o + 80);
      const vrfKey = a.subarray(o + 176, o + 208);
      const coldKey = a.subarray(o + 208, o + 240);
      const op = tagged("aether/address/v1", coldKey);
      writes.push(k.validator(op), k.pool(op), k.rewards(op), k.delegation(op, op), k.registry(),
        k.keyOwner("node", nodeKey), k.keyOwner("bls", blsKey), k.keyOwner("vrf", vrfKey));
      break;
    }
    case "delegate": {
      const v = addr(0);
      reads.push(k.validator(v), k.rewards(v));
      writes.push(k.pool(v), k.delegation(v, payer));
      break;
    }
    case "undelegate": {
      const v = addr(0);
      reads.push(k.validator(v), k.rewards(v));
      writes.push(k.pool(v), k.delegation(v, payer));
      for (const e of [epoch, epoch + 1n]) writes.push(k.unbonding(v, e), k.unbondingEntry(v, payer, e));
      break;
    }
    case "redelegate": {
      for (const v of [addr(0), addr(32)]) {
        reads.push(k.validator(v), k.rewards(v));
        writes.push(k.pool(v), k.delegation(v, payer));
      }
      writes.push(k.redelegations(addr(0), epoch), k.redelegations(addr(0), epoch + 1n));
      break;
    }
    case "withdraw":
      writes.push(k.unbonding(addr(0), u64At(32)), k.unbondingEntry(addr(0), payer, u64At(32)));
      break;
    case "claim":
      reads.push(k.rewards(addr(0)));
      writes.push(k.delegation(addr(0), payer));
      break;
    case "edit_commission":
      writes.push(k.validator(payer));
      break;
    case "unjail":
      reads.push(k.pool(payer), k.delegation(payer, payer));
      writes.push(k.validator(payer));
      break;
    default:
      throw new RangeError(`the SDK does not build staking method ${c.method}`);
  }
  return [reads, writes];
}

/**
 * A transaction from `payer` carrying staking `calls`, declaring what each touches in `epoch` (the
 * current epoch: slot / epoch_slots) or the next.
 */
export function stakingBody(payer: Uint8Array, calls: Call[], epoch: bigint, o: TxOptions): TxBody {
  const reads: Uint8Array[] = [];
  const writes: Uint8Array[] = [accountKey(payer)];
  for (const c of calls) {
    if (compareBytes(c.program, STAKING) !== 0) throw new RangeError("not a staking call");
    const [r, w] = stakingAccess(payer, c, epoch);
    reads.push(...r);
    writes.push(...w);
  }
  const ws = sortedUnique(writes);
  const rs = sortedUnique(reads).filter((r) => !ws.some((w) => compareBytes(w, r) === 0));
  return {
    chainId: o.chainId, payer, nonce: o.nonce, inputs: [], reads: rs, writes: ws, outputs: [], calls,
    mint: [], burn: [], feeCap: o.feeCap, validFrom: o.validFrom ?? 0n, validUntil: o.validUntil,
  };
}



// ------------------------------------------------------------------------------------------ jobs

/** The job-escrow and reputation programs' state keys (JobsKeys, ReputationKeys in Java). */
export const jobsKeys = {
  /** A job's id: SHA-256("aether/jobs/id/v1" || 0 || poster || u64 nonce of the posting tx). */
  jobId: (poster: Uint8Array, nonce: bigint) => tagged("aether/jobs/id/v1", poster, new Writer().u64(nonce).toBytes()),
  job: (id: Uint8Array) => tagged("aether/jobs/job/v1", id),
  provider: (p: Uint8Array) => tagged("aether/jobs/provider/v1", p),
  providers: () => tagged("aether/jobs/providers/v1"),
  quorum: (id: Uint8Array) => tagged("aether/jobs/quorum/v1", id),
  supply: () => tagged("aether/jobs/supply/v1"),
  params: () => tagged("aether/jobs/params/v1"),
  /** The AIC/USDT price readings a stablecoin payout averages over (PriceOracle in Java). */
  oracle: () => tagged("aether/jobs/oracle/v1"),
  reputation: (p: Uint8Array) => tagged("aether/reputation/v1", p),
};

/** What `postJob` carries (docs/programs/jobs.md). */
export interface JobTerms {
  modelHash: Uint8Array;
  codeHash: Uint8Array;
  jUnits: bigint;
  /** AIC base units the poster escrows at most. */
  maxPrice: bigint;
  slaMs: bigint;
  deadlineSlot: bigint;
  inputHash?: Uint8Array;
  seed?: bigint;
}

/** Who a job's AIC moves between, as read over RPC (`aeth_getJob`): what settling calls declare. */
export interface JobParties {
  poster: Uint8Array;
  provider?: Uint8Array;
  /** A replicated job's providers (absent or empty for a single-provider job). */
  replicas?: Uint8Array[];
}

function jobsCall(method: string, args: Uint8Array): Call {
  return { program: JOBS, method, args };
}

/**
 * The job-escrow calls the SDK builds (JobsCalls in Java): post, postSpec (single or replica quorum),
 * accept, cancel, settle, settleStable (paid in USDT), observePrice, expire.
 * `registerProvider`, `submitVCR`, `commitOutput`, `revealVCR` and both challenges are built by
 * `jobCalls` (builders.ts); `jobsAccess` and `jobsBody` declare the keys of all of them.
 */
function writeTerms(t: JobTerms): Writer {
  const w = new Writer().fixed(t.modelHash, 32).fixed(t.codeHash, 32).u64(t.jUnits).u128(t.maxPrice).u64(t.slaMs).u64(t.deadlineSlot);
  w.option(t.inputHash, (x, h: Uint8Array) => x.fixed(h, 32));
  w.option(t.seed, (x, s: bigint) => x.u64(s));
  return w;
}

/** Longest job input carried on chain by `postJobSpec` (JobsCalls.MAX_INPUT_BYTES). */
export const MAX_JOB_INPUT_BYTES = 4096;

export const jobs = {
  post: (t: JobTerms) => jobsCall("postJob", writeTerms(t).toBytes()),
  /**
   * `postJobSpec`: a job run by one provider (`replicas` 1) or a replica quorum (3 to 5, which
   * needs a fixed input: `inputHash` and `seed`), optionally carrying its input (at most 4096
   * bytes) so providers need not fetch it. `maxPrice` is per replica.
   */
  postSpec: (t: JobTerms, replicas: number, input?: Uint8Array) => {
    if (!(replicas === 1 || (Number.isInteger(replicas) && replicas >= 3 && replicas <= 5))) {
      throw new RangeError("replicas: 1, or 3 to 5");
    }
    if (replicas > 1 && (t.inputHash === undefined || t.seed === undefined)) {
      throw new RangeError("a replica quorum needs a fixed input: inputHash and seed");
    }
    if (input !== undefined && input.length > MAX_JOB_INPUT_BYTES) {
      throw new RangeError(`a job input on chain is at most ${MAX_JOB_INPUT_BYTES} bytes`);
    }
    const w = writeTerms(t).u8(replicas);
    w.option(input, (x, i: Uint8Array) => x.bytes(i));
    return jobsCall("postJobSpec", w.toBytes());
  },
  accept: (jobId: Uint8Array, provider: Uint8Array, bond: bigint) =>
    jobsCall("acceptJob", new Writer().fixed(jobId, 32).fixed(provider, 32).u128(bond).toBytes()),
  cancel: (jobId: Uint8Array) => jobsCall("cancelJob", new Writer().fixed(jobId, 32).toBytes()),
  settle: (jobId: Uint8Array) => jobsCall("settle", new Writer().fixed(jobId, 32).toBytes()),
  /**
   * `settleStable`: the provider settles its job taking its pay in USDT, valued at the AIC/USDT
   * TWAP and bought from the AIC/USDT pool (docs/programs/jobs.md, "Stablecoin payout").
   */
  settleStable: (jobId: Uint8Array) => jobsCall("settleStable", new Writer().fixed(jobId, 32).toBytes()),
  /** `observePrice()`: anyone records a reading of the AIC/USDT pool's price accumulator. */
  observePrice: () => jobsCall("observePrice", new Uint8Array()),
  expire: (jobId: Uint8Array) => jobsCall("expire", new Writer().fixed(jobId, 32).toBytes()),
};

/**
 * The keys one job call by `payer` (at `nonce`) touches: [reads, writes], as JobsCalls.access.
 * `parties` answers for the job a call is about (not asked for `postJob` or `postJobSpec`).
 */
export function jobsAccess(
  payer: Uint8Array,
  nonce: bigint,
  c: Call,
  parties: (jobId: Uint8Array) => JobParties | undefined,
): [Uint8Array[], Uint8Array[]] {
  const k = jobsKeys;
  const reads: Uint8Array[] = [k.params()];
  const writes: Uint8Array[] = [accountKey(payer)];
  if (c.method === "postJob") {
    writes.push(k.job(k.jobId(payer, nonce)), k.supply());
    return [reads, writes];
  }
  if (c.method === "postJobSpec") {
    const id = k.jobId(payer, nonce);
    writes.push(k.job(id), k.quorum(id), k.supply());
    return [reads, writes];
  }
  if (c.method === "registerProvider") {
    writes.push(k.provider(payer), k.providers());
    return [reads, writes];
  }
  if (c.method === "observePrice") {
    if (c.args.length !== 0) throw new RangeError("observePrice takes no arguments");
    reads.push(ammKeys.pool(AIC, USDT));
    writes.push(k.oracle());
    return [reads, writes];
  }
  if (c.method === "settleStable" && c.args.length !== 32) throw new RangeError("settleStable takes a 32-byte job id");
  const onJob = ["acceptJob", "cancelJob", "settle", "settleStable", "expire", "submitVCR", "commitOutput", "revealVCR"];
  let id: Uint8Array;
  if (onJob.includes(c.method)) {
    id = c.args.subarray(0, 32);
  } else if (c.method === "challengeVCR" && c.args.length > 33 && c.args[0] === 1) {
    id = c.args.subarray(1, 33);
  } else if (c.method === "challengeReplica" && c.args.length > 65 && c.args[32] === 1) {
    id = c.args.subarray(33, 65);
  } else {
    throw new RangeError(`the SDK does not build jobs method ${c.method} (or its arguments are malformed)`);
  }
  // A call on an existing job names a single job or a replicated one: both keys are declared
  // (a single job's receipt and its challenge only the job's).
  writes.push(k.job(id));
  if (c.method !== "submitVCR" && c.method !== "challengeVCR") writes.push(k.quorum(id));
  switch (c.method) {
    case "submitVCR":
    case "revealVCR":
      reads.push(k.provider(payer));
      break;
    case "commitOutput":
      break;
    case "challengeReplica":
      writes.push(k.supply(), k.reputation(c.args.subarray(0, 32)));
      break;
    case "acceptJob":
      writes.push(k.supply(), k.reputation(payer));
      reads.push(k.provider(payer));
      break;
    case "cancelJob": {
      writes.push(k.supply());
      const p = parties(id);
      if (p) writes.push(accountKey(p.poster));
      break;
    }
    case "settleStable": {
      // Like settle (a single job's parties only), plus the price readings and the pool the
      // USDT payout is bought from.
      writes.push(k.supply(), ammKeys.pool(AIC, USDT));
      reads.push(k.oracle());
      const p = parties(id);
      if (p) {
        writes.push(accountKey(p.poster));
        if (p.provider) writes.push(k.reputation(p.provider), accountKey(p.provider));
      }
      break;
    }
    default: {
      // settle, expire, challengeVCR
      writes.push(k.supply());
      const p = parties(id);
      if (p) {
        writes.push(accountKey(p.poster));
        if (p.provider) {
          writes.push(k.reputation(p.provider));
          if (c.method === "settle") writes.push(accountKey(p.provider));
        }
        if (c.method !== "challengeVCR") {
          for (const r of p.replicas ?? []) writes.push(accountKey(r), k.reputation(r));
        }
      }
    }
  }
  return [reads, writes];
}

/** A transaction from `payer` carrying job-escrow `calls`, declaring what each touches. */
export function jobsBody(
  payer: Uint8Array,
  calls: Call[],
  parties: (jobId: Uint8Array) => JobParties | undefined,
  o: TxOptions,
): TxBody {
  const reads: Uint8Array[] = [];
  const writes: Uint8Array[] = [];
  for (const c of calls) {
    if (compareBytes(c.program, JOBS) !== 0) throw new RangeError("not a jobs call");
    const [r, w] = jobsAccess(payer, o.nonce, c, parties);
    reads.push(...r);
    writes.push(...w);
  }
  const ws = sortedUnique(writes);
  const rs = sortedUnique(reads).filter((r) => !ws.some((w) => compareBytes(w, r) === 0));
  return {
    chainId: o.chainId, payer, nonce: o.nonce, inputs: [], reads: rs, writes: ws, outputs: [], calls,
    mint: [], burn: [], feeCap: o.feeCap, validFrom: o.validFrom ?? 0n, validUntil: o.validUntil,
  };
}
