/**
 * Light-client finality: checks, from the chain's genesis block id alone, that a block is final —
 * the quorum certificates on it and on a child of the next round (the 2-chain rule) carry BLS
 * signatures of at least two thirds of the stake of a validator set that the genesis state records
 * (docs/sdk.md, "Finality").
 */
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { decodeHeader, decodeQc, type Header, type QuorumCert, Reader, signerIndices, Writer } from "./codec.js";
import { VerificationError } from "./errors.js";
import { blockId } from "./hash.js";
import { equalBytes, fromHex, toHex, utf8 } from "./hex.js";
import { decodeSmtProof, encodeData, stateValueHash, verifySmtProof } from "./proofs.js";
import { stakingKeys } from "./tx.js";

/** The Ethereum proof-of-possession ciphersuite the chain's votes use (min-pk: G1 keys, G2 signatures). */
export const BLS_DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

/** What a vote's BLS key signs: "aether/vote/v1" || 0 || u64 round || blockId. */
export function voteMessage(round: bigint, block: Uint8Array): Uint8Array {
  return new Writer().fixed(utf8("aether/vote/v1")).u8(0).u64(round).fixed(block, 32).toBytes();
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
  validatorSet: {
    epoch: number;
    members: { index: number; blsKey: string; stake: string }[];
    key: string;
    record: string;
    proof: string;
  };
}

/** A block proven final: its header (every root in it is now trusted) and who signed. */
export interface FinalBlockProof {
  height: bigint;
  blockId: Uint8Array;
  header: Header;
  epoch: bigint;
  /** Stake that signed the certificate on the block's certified descendant, out of `totalStake`. */
  signedStake: bigint;
  totalStake: bigint;
}

function fail(reason: string): never {
  throw new VerificationError(reason);
}

/**
 * Verifies a finality proof against a trusted genesis block id; returns the proven header or throws
 * VerificationError naming the first check that failed.
 */
export function verifyFinality(proof: FinalityProofJson, trust: { genesisId: Uint8Array }): FinalBlockProof {
  // 1. The genesis header is the trusted one.
  const genesis = decodeHeader(fromHex(proof.genesis));
  if (!equalBytes(blockId(genesis), trust.genesisId)) fail("the proof's genesis header is not the trusted genesis");

  // 2. The signing set is the staking program's record under the genesis state root.
  const vs = proof.validatorSet;
  const epoch = BigInt(vs.epoch);
  const key = stakingKeys.epochSet(epoch);
  if (!equalBytes(fromHex(vs.key), key)) fail("the set's state key is not the epoch's set key");
  const record = fromHex(vs.record);
  if (!verifySmtProof(genesis.stateRoot, key, stateValueHash(encodeData(record)), decodeSmtProof(fromHex(vs.proof)))) {
    fail("the validator set record is not under the genesis state root");
  }
  const set = decodeValidatorSet(record);
  if (set.epoch !== epoch) fail(`the record is of epoch ${set.epoch}, not ${epoch}`);

  // 3. The members (in signer-index order) are exactly the recorded set's, with its stakes.
  if (vs.members.length !== set.members.length) fail("the members are not the recorded set");
  const byIndex = new Map<number, { blsKey: Uint8Array; stake: bigint }>();
  const used = new Set<number>();
  let total = 0n;
  for (const m of vs.members) {
    const bls = fromHex(m.blsKey);
    const stake = BigInt(m.stake);
    const at = set.members.findIndex((s, i) => !used.has(i) && equalBytes(s.blsKey, bls) && s.stake === stake);
    if (at < 0 || byIndex.has(m.index) || m.index < 0 || m.index >= 1024) fail(`member ${m.index} is not in the recorded set`);
    used.add(at);
    byIndex.set(m.index, { blsKey: bls, stake });
    total += stake;
  }

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

  // 5. Both certificates: the parent's (in the child's header) and the child's.
  const checkQc = (qc: QuorumCert, id: Uint8Array, round: bigint, what: string): bigint => {
    if (!equalBytes(qc.blockId, id) || qc.round !== round) fail(`the ${what} certificate is for another block`);
    const keys: Uint8Array[] = [];
    let weight = 0n;
    for (const i of signerIndices(qc.signers)) {
      const m = byIndex.get(i) ?? fail(`${what} certificate signer ${i} is not in the set`);
      keys.push(m.blsKey);
      weight += m.stake;
    }
    if (weight * 3n < total * 2n) fail(`the ${what} certificate has ${weight} of ${total} stake, under two thirds`);
    if (!verifyAggregate(keys, voteMessage(qc.round, qc.blockId), qc.aggregateSignature)) {
      fail(`the ${what} certificate's aggregate signature does not verify`);
    }
    return weight;
  };
  checkQc(child.parentQc, ids[n - 1], parent.round, "parent");
  const signed = checkQc(decodeQc(fromHex(proof.qc)), ids[n], child.round, "child");

  if (proof.blockHash && proof.blockHash.toLowerCase() !== toHex(ids[0])) fail("blockHash is not the proven header's id");
  return { height: headers[0].height, blockId: ids[0], header: headers[0], epoch, signedStake: signed, totalStake: total };
}
