/**
 * The governance program's calls (docs/programs/governance.md): submit a proposal of each kind
 * (parameter change, software upgrade, treasury spend) with its deposit, add to a proposal's
 * deposit, and vote. Byte for byte `GovCalls` in Java (what `aetherctl gov` sends), declaring the
 * same keys; inputs the chain refuses for their shape (a blank title, text over its limit, an
 * empty or oversized change list, a zero payment) are refused here with a RangeError.
 */
import { type Call, type TxBody, Writer } from "./codec.js";
import { accountKey, programId, tagged } from "./hash.js";
import { compareBytes, equalBytes, utf8 } from "./hex.js";
import { stakingKeys, type TxOptions } from "./tx.js";
import { ammKeys } from "./amm.js";

/** The governance program's id. */
export const GOVERNANCE = programId("governance");

/** Limits of a proposal (Proposal, ProposalKind, ChainParams.Upgrade in Java), in UTF-8 bytes. */
export const GOV_LIMITS = {
  title: 140,
  description: 4096,
  /** Most parameter changes or payments in one proposal. */
  items: 16,
  /** Longest parameter name or value. */
  paramText: 64,
  /** Longest release name of an upgrade. */
  release: 128,
} as const;

/**
 * How many proposal ids a `submit` declares from the next id on (GovCalls.SUBMIT_ID_WINDOW):
 * submissions racing in one block each take the next free id, up to this many.
 */
export const SUBMIT_ID_WINDOW = 4;

/** The chain parameter object's key (ChainParams.STATE_KEY): a proposal's validation reads it. */
export const CHAIN_PARAMS_KEY = tagged("aether/chain-params/v1", utf8("params"));

/** The governance program's state keys (GovKeys in Java). */
export const govKeys = {
  params: () => tagged("aether/governance/params/v1"),
  /** The next proposal id and the ids in deposit or voting. */
  index: () => tagged("aether/governance/index/v1"),
  proposal: (id: bigint) => tagged("aether/governance/proposal/v1", new Writer().u64(id).toBytes()),
  votes: (id: bigint) => tagged("aether/governance/votes/v1", new Writer().u64(id).toBytes()),
};

/** One parameter and its new value, as text (docs/programs/governance.md lists the parameters). */
export interface ParamChange {
  param: string;
  value: string;
}

/** One payment of a treasury spend. */
export interface Payment {
  to: Uint8Array;
  asset: Uint8Array;
  amount: bigint;
}

/** What a proposal does if it passes (ProposalKind in Java). */
export type ProposalKind =
  | { kind: "param_change"; changes: ParamChange[] }
  /** From block `height` on the chain runs protocol `version`; `release` names the binary. */
  | { kind: "software_upgrade"; version: number; height: bigint; release: string }
  | { kind: "treasury_spend"; payments: Payment[] };

/** A vote (VoteOption in Java, in its order on the wire). */
export const VOTE_OPTIONS = ["yes", "no", "abstain", "veto"] as const;
export type VoteOption = (typeof VOTE_OPTIONS)[number];

const U128_MAX = (1n << 128n) - 1n;

function need(ok: boolean, what: string): void {
  if (!ok) throw new RangeError(what);
}

const bytesOf = (s: string) => new TextEncoder().encode(s).length;

/** Blank as Java's String.isBlank: only Character.isWhitespace code points (not U+00A0/2007/202F). */
function isBlank(s: string): boolean {
  return /^(?:[\t\n\v\f\r\x1c-\x1f]|(?![\u00a0\u2007\u202f])[\p{Zs}\p{Zl}\p{Zp}])*$/u.test(s);
}

function writeKind(w: Writer, k: ProposalKind): void {
  switch (k.kind) {
    case "param_change":
      need(k.changes.length >= 1 && k.changes.length <= GOV_LIMITS.items, `1..${GOV_LIMITS.items} parameter changes`);
      for (const c of k.changes) {
        need(bytesOf(c.param) >= 1 && bytesOf(c.param) <= GOV_LIMITS.paramText, "a parameter name is 1..64 bytes");
        need(bytesOf(c.value) >= 1 && bytesOf(c.value) <= GOV_LIMITS.paramText, "a parameter value is 1..64 bytes");
      }
      w.u8(1).list(k.changes, (x, c) => x.string(c.param).string(c.value));
      return;
    case "software_upgrade":
      need(Number.isInteger(k.version) && k.version >= 1 && k.version <= 0x7fffffff, "an upgrade version is 1..2^31-1");
      need(typeof k.height === "bigint" && k.height >= 1n, "an upgrade height is at least 1");
      need(bytesOf(k.release) <= GOV_LIMITS.release, `a release name is at most ${GOV_LIMITS.release} bytes`);
      w.u8(2).u32(k.version).u64(k.height).string(k.release);
      return;
    case "treasury_spend":
      need(k.payments.length >= 1 && k.payments.length <= GOV_LIMITS.items, `1..${GOV_LIMITS.items} payments`);
      for (const p of k.payments) {
        need(p.to.length === 32 && p.asset.length === 32, "a payment names a 32-byte address and asset id");
        need(p.amount > 0n && p.amount <= U128_MAX, "a payment is 1..2^128-1");
      }
      w.u8(3).list(k.payments, (x, p) => x.fixed(p.to, 32).fixed(p.asset, 32).u128(p.amount));
      return;
    default:
      throw new RangeError(`unknown proposal kind ${String((k as { kind: unknown }).kind)}`);
  }
}

function call(method: string, w: Writer): Call {
  return { program: GOVERNANCE, method, args: w.toBytes() };
}

/** The governance calls (GovCalls in Java). */
export const gov = {
  /** `submit(kind, title, description, deposit)`: the deposit (SWR base units) is paid now. */
  submit(kind: ProposalKind, title: string, description: string, deposit: bigint): Call {
    need(!isBlank(title), "a title is required");
    need(bytesOf(title) <= GOV_LIMITS.title, `a title is at most ${GOV_LIMITS.title} bytes`);
    need(bytesOf(description) <= GOV_LIMITS.description, `a description is at most ${GOV_LIMITS.description} bytes`);
    const w = new Writer();
    writeKind(w, kind);
    return call("submit", w.string(title).string(description).u128(deposit));
  },
  /** `deposit(id, amount)`: SWR added to a proposal in its deposit period. */
  deposit(id: bigint, amount: bigint): Call {
    need(amount > 0n, "a deposit must be positive");
    return call("deposit", new Writer().u64(id).u128(amount));
  },
  vote(id: bigint, option: VoteOption): Call {
    const o = VOTE_OPTIONS.indexOf(option);
    need(o >= 0, `vote must be yes, no, abstain or veto, got '${String(option)}'`);
    return call("vote", new Writer().u64(id).u8(o));
  },
};

function u64At(args: Uint8Array, what: string): bigint {
  need(args.length >= 8, `malformed ${what} arguments`);
  return new DataView(args.buffer, args.byteOffset, 8).getBigUint64(0);
}

/**
 * The keys one governance call by `payer` touches besides its account: [reads, writes]
 * (GovCalls.access). `nextId` is the next proposal id as last read (`aeth_getGovernance`); only
 * `submit` uses it, declaring SUBMIT_ID_WINDOW ids from it.
 */
export function govAccess(payer: Uint8Array, c: Call, nextId: bigint): [Uint8Array[], Uint8Array[]] {
  need(equalBytes(c.program, GOVERNANCE), "not a governance call");
  const reads: Uint8Array[] = [govKeys.params()];
  const writes: Uint8Array[] = [];
  switch (c.method) {
    case "submit":
      // Validation reads every parameter object a change may touch.
      reads.push(CHAIN_PARAMS_KEY, stakingKeys.params(), ammKeys.params(), tagged("aether/jobs/params/v1"));
      writes.push(govKeys.index());
      for (let i = 0n; i < BigInt(SUBMIT_ID_WINDOW); i++) writes.push(govKeys.proposal(nextId + i));
      break;
    case "deposit":
      writes.push(govKeys.proposal(u64At(c.args, "deposit")));
      break;
    case "vote": {
      const id = u64At(c.args, "vote");
      reads.push(govKeys.proposal(id), stakingKeys.params(), stakingKeys.validator(payer), stakingKeys.positions(payer));
      writes.push(govKeys.votes(id));
      break;
    }
    default:
      throw new RangeError(`unknown governance method ${c.method}`);
  }
  return [reads, writes];
}

function sortedUnique(keys: Uint8Array[]): Uint8Array[] {
  const out = keys.slice().sort(compareBytes);
  return out.filter((k, i) => i === 0 || compareBytes(out[i - 1], k) !== 0);
}

/** A transaction from `payer` with one governance `call` (GovCalls.body). */
export function govBody(payer: Uint8Array, c: Call, nextId: bigint, o: TxOptions): TxBody {
  const [r, w] = govAccess(payer, c, nextId);
  const ws = sortedUnique([...w, accountKey(payer)]);
  const rs = sortedUnique(r).filter((x) => !ws.some((y) => equalBytes(x, y)));
  return {
    chainId: o.chainId, payer, nonce: o.nonce, inputs: [], reads: rs, writes: ws, outputs: [], calls: [c],
    mint: [], burn: [], feeCap: o.feeCap, validFrom: o.validFrom ?? 0n, validUntil: o.validUntil,
  };
}
