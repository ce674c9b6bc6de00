/**
 * Light-client finality: checks, from the chain's genesis block id alone, that a block is final —
 * the quorum certificates on it and on a child of the next round (the 2-chain rule) carry BLS
 * signatures of at least two thirds of the stake of their epoch's validator set, which genesis
 * records or a chain of set changes from genesis proves (docs/sdk.md, "Finality").
 */
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { decodeHeader, decodeQc, decodeSetChange, type Header, type QuorumCert, Reader, signerIndices, Writer } from "./codec.js";
import { VerificationError } from "./errors.js";
import { blockId } from "./hash.js";
import { equalBytes, fromHex, toHex, utf8 } from "./hex.js";
import { decodeSmtProof, encodeData, stateValueHash, verifySmtProof } from "./proofs.js";
import { stakingKeys } from "./tx.js";

/** The Ethereum proof-of-possession ciphersuite the chain's votes use (min-pk: G1 keys, G2 signatures). */
export const BLS_DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

/** What a vote's BLS key signs: "aether/vote/v2" || 0 || u64 epoch || u64 round || blockId. */
export function voteMessage(epoch: bigint, round: bigint, block: Uint8Array): Uint8Array {
  return new Writer().fixed(utf8("aether/vote/v2")).u8(0).u64(epoch).u64(round).fixed(block, 32).toBytes();
}

/** Consensus caps the total weight here; larger stakes are scaled down by one common divisor. */
export const MAX_TOTAL_WEIGHT = 3074457345618258602n; // Long.MAX_VALUE / 3

/**
 * The consensus weights of exact stakes (the node's `StakeWeights`): the stakes themselves when
 * they total at most MAX_TOTAL_WEIGHT, else each floor-divided by ceil(total / (cap - n)), at
 * least 1.
 */
export function stakeWeights(stakes: bigint[]): bigint[] {
  const total = stakes.reduce((a, b) => a + b, 0n);
  if (total <= MAX_TOTAL_WEIGHT) return stakes.slice();
  const room = MAX_TOTAL_WEIGHT - BigInt(stakes.length);
  const d = (total + room - 1n) / room;
  return stakes.map((x) => (x / d > 0n ? x / d : 1n));
}

/** True when `signature` is the aggregate of `publicKeys`' signatures over `message`. */
export function verifyAggregate(publicKeys: Uint8Array[], message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKeys.length === 0 || signature.length !== 96) return false;
  try {
    const sigs = bls12_381.longSignatures;
    const pk = sigs.aggregatePublicKeys(publicKeys);
    return sigs.verify(signature, sigs.hash(message, BLS_DST), pk);
  } catch {
    return false;
  }
}

/** A member of the staking program's record of an epoch's validator set. */
export interface SetMember {
  operator: Uint8Array;
  nodeKey: Uint8Array;
  blsKey: Uint8Array;
  vrfKey: Uint8Array;
  coldKey: Uint8Array;
  stake: bigint;
}

/** Decodes an `EpochValidatorSet` record (u64 epoch, then the members). */
export function decodeValidatorSet(raw: Uint8Array): { epoch: bigint; members: SetMember[] } {
  const r = new Reader(raw);
  const epoch = r.u64("EpochValidatorSet epoch");
  const members = r.list("EpochValidatorSet validators", 1024, (x) => ({
    operator: x.fixed("operator", 32),
    nodeKey: x.fixed("nodeKey", 32),
    blsKey: x.fixed("blsKey", 48),
    vrfKey: x.fixed("vrfKey", 32),
    coldKey: x.fixed("coldKey", 32),
    stake: x.u128("stake"),
  }));
  r.end("EpochValidatorSet");
  return { epoch, members };
}

/** `aeth_getFinalityProof`'s answer (docs/rpc.md). */
export interface FinalityProofJson {
  height: number;
  blockHash: string;
  headers: string[];
  qc: string;
  genesis: string;
  genesisSets: { epoch: number; key: string; record: string; proof: string }[];
  setChanges: string[];
}

/** A block proven final: its header (every root in it is now trusted) and who signed. */
export interface FinalBlockProof {
  height: bigint;
  blockId: Uint8Array;
  header: Header;
  /** The consensus epoch of the certificate on the block's certified descendant. */
  epoch: bigint;
  /** Weight that signed that certificate, out of the epoch set's `totalStake` (consensus weights). */
  signedStake: bigint;
  totalStake: bigint;
  /** How many validator-set changes the proof crossed from genesis. */
  setChanges: number;
}

function fail(reason: string): never {
  throw new VerificationError(reason);
}

interface ProvenSet {
  members: SetMember[];
  weights: bigint[];
  total: bigint;
}

function provenSet(members: SetMember[]): ProvenSet {
  const weights = stakeWeights(members.map((m) => m.stake));
  return { members, weights, total: weights.reduce((a, b) => a + b, 0n) };
}

/** Checks `qc` on block `id` of `round` against the proven sets; returns the signing weight. */
function checkCertificate(sets: Map<bigint, ProvenSet>, qc: QuorumCert, id: Uint8Array, round: bigint, what: string): bigint {
  if (!equalBytes(qc.blockId, id) || qc.round !== round) fail(`the ${what} certificate is for another block`);
  const set = sets.get(qc.epoch) ?? fail(`the ${what} certificate is of epoch ${qc.epoch}, whose set the proof does not establish`);
  const keys: Uint8Array[] = [];
  let weight = 0n;
  for (const i of signerIndices(qc.signers)) {
    if (i >= set.members.length) fail(`${what} certificate signer ${i} is not in the set of epoch ${qc.epoch}`);
    keys.push(set.members[i].blsKey);
    weight += set.weights[i];
  }
  if (weight * 3n < set.total * 2n) fail(`the ${what} certificate has ${weight} of ${set.total} stake, under two thirds`);
  if (!verifyAggregate(keys, voteMessage(qc.epoch, qc.round, qc.blockId), qc.aggregateSignature)) {
    fail(`the ${what} certificate's aggregate signature does not verify`);
  }
  return weight;
}

/** The staking program's record of `epoch`'s set, proven under `stateRoot`. */
function recordedSet(stateRoot: Uint8Array, epoch: bigint, record: Uint8Array, proof: Uint8Array, where: string): ProvenSet {
  const key = stakingKeys.epochSet(epoch);
  let ok = false;
  try {
    ok = verifySmtProof(stateRoot, key, stateValueHash(encodeData(record)), decodeSmtProof(proof));
  } catch {
    ok = false;
  }
  if (!ok) fail(`the validator set record of epoch ${epoch} is not under the ${where} state root`);
  const set = decodeValidatorSet(record);
  if (set.epoch !== epoch) fail(`the record is of epoch ${set.epoch}, not ${epoch}`);
  return provenSet(set.members);
}

/**
 * Verifies a finality proof against a trusted genesis block id; returns the proven header or throws
 * VerificationError naming the first check that failed. The sets of epochs 0 and 1 are read under
 * the genesis state root; each set-change link `e` then proves the set of epoch `e + 2`: the first
 * block of epoch `e + 1` is the child of epoch `e`'s last block and is certified by epoch `e + 1`'s
 * set (whose honest members vote only once that last block is final), and that last block's state
 * root holds the staking program's record of epoch `e + 2`'s set.
 */
export function verifyFinality(proof: FinalityProofJson, trust: { genesisId: Uint8Array }): FinalBlockProof {
  // 1. The genesis header is the trusted one.
  const genesis = decodeHeader(fromHex(proof.genesis));
  if (!equalBytes(blockId(genesis), trust.genesisId)) fail("the proof's genesis header is not the trusted genesis");

  // 2. The sets genesis records (epochs 0 and 1), under the genesis state root.
  const sets = new Map<bigint, ProvenSet>();
  for (const g of proof.genesisSets ?? []) {
    const epoch = BigInt(g.epoch);
    if (epoch > 1n) fail(`genesis records no set of epoch ${epoch}`);
    if (!equalBytes(fromHex(g.key), stakingKeys.epochSet(epoch))) fail("the set's state key is not the epoch's set key");
    sets.set(epoch, recordedSet(genesis.stateRoot, epoch, fromHex(g.record), fromHex(g.proof), "genesis"));
  }

  // 3. Each set change, in order from epoch 0, proves the set two epochs ahead.
  const links = (proof.setChanges ?? []).map((l) => decodeSetChange(fromHex(l)));
  links.forEach((link, i) => {
    const e = link.boundary.epoch;
    if (e !== BigInt(i)) fail(`set change ${i} ends epoch ${e}, not ${i}`);
    if (link.opening.epoch !== e + 1n || !equalBytes(link.opening.parent, blockId(link.boundary))) {
      fail(`set change ${i}: the opening block is not a child of epoch ${e}'s last block in epoch ${e + 1n}`);
    }
    if (link.openingQc.epoch !== e + 1n) fail(`set change ${i}: the certificate is not of epoch ${e + 1n}`);
    checkCertificate(sets, link.openingQc, blockId(link.opening), link.opening.round, `set change ${i}`);
    sets.set(e + 2n, recordedSet(link.boundary.stateRoot, e + 2n, link.recordedSet, link.proof, `set change ${i} boundary`));
  });

  // 4. Headers link from the block to a child that certifies its parent in the next round.
  const headers = proof.headers.map((h) => decodeHeader(fromHex(h)));
  if (headers.length < 2) fail("a finality proof needs the block and a certified child");
  if (headers[0].height !== BigInt(proof.height)) fail("the first header is not at the proven height");
  const ids = headers.map(blockId);
  for (let i = 1; i < headers.length; i++) {
    if (!equalBytes(headers[i].parent, ids[i - 1]) || headers[i].height !== headers[i - 1].height + 1n) {
      fail(`header ${i} is not the child of header ${i - 1}`);
    }
  }
  const n = headers.length - 1;
  const parent = headers[n - 1];
  const child = headers[n];
  if (child.round !== parent.round + 1n) fail("the last header's round does not follow its parent's (no 2-chain)");

  // 5. Both certificates: the parent's (in the child's header) and the child's, each by its epoch's set.
  checkCertificate(sets, child.parentQc, ids[n - 1], parent.round, "parent");
  const qc = decodeQc(fromHex(proof.qc));
  const signed = checkCertificate(sets, qc, ids[n], child.round, "child");

  if (proof.blockHash && proof.blockHash.toLowerCase() !== toHex(ids[0])) fail("blockHash is not the proven header's id");
  return {
    height: headers[0].height,
    blockId: ids[0],
    header: headers[0],
    epoch: qc.epoch,
    signedStake: signed,
    totalStake: sets.get(qc.epoch)!.total,
    setChanges: links.length,
  };
}
