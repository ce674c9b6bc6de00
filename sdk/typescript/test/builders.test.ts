// The typed builders against the vectors the Java builders write (sdk/vectors/builders.json):
// registerProvider, submitVCR, commitOutput, revealVCR, challengeVCR, challengeReplica, contract
// deploy and call must encode, hash and sign to the same bytes, and malformed inputs are refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as sdk from "../src/index.js";

const B = JSON.parse(readFileSync(new URL("../../../vectors/builders.json", import.meta.url), "utf8"));
const { fromHex, toHex } = sdk;
const I = B.inputs;

function build(t: any, key: sdk.KeyPair): sdk.TxBody {
  const o = { chainId: t.chainId, nonce: BigInt(t.nonce), feeCap: BigInt(t.feeCap), validUntil: BigInt(t.validUntil) };
  const job = fromHex(I.jobId);
  if (t.kind.startsWith("jobs.register_provider.")) {
    const r = t.registration;
    const call = sdk.jobCalls.registerProvider({
      key: fromHex(r.key), kind: r.kind, measurements: r.measurements.map(fromHex),
      minTcb: r.minTcb ? fromHex(r.minTcb) : undefined, devKey: r.devKey ? fromHex(r.devKey) : undefined,
      codeHashes: r.codeHashes.map(fromHex),
    });
    return sdk.jobsBody(key.address, [call], () => undefined, o);
  }
  if (t.kind.startsWith("jobs.")) {
    const sub = fromHex(I.submission);
    const proof = fromHex(I.fraudProof);
    const calls: Record<string, () => sdk.Call> = {
      "jobs.submit_vcr": () => sdk.jobCalls.submitVcr(job, sub),
      "jobs.challenge_vcr": () => sdk.jobCalls.challengeVcr(proof),
      "jobs.challenge_vcr_unknown_job": () => sdk.jobCalls.challengeVcr(proof),
      "jobs.commit_output": () => sdk.jobCalls.commitOutput(job, fromHex(I.commitment)),
      "jobs.reveal_vcr": () => sdk.jobCalls.revealVcr(job, fromHex(I.salt), sub),
      "jobs.challenge_replica": () => sdk.jobCalls.challengeReplica(fromHex(I.replica), proof),
    };
    const parties: Record<string, sdk.JobParties | undefined> = {
      single: { poster: fromHex(I.poster), provider: fromHex(I.provider) },
      replicated: { poster: fromHex(I.poster), replicas: [fromHex(I.provider), fromHex(I.replica)] },
      none: undefined,
    };
    const p = parties[t.parties];
    return sdk.jobsBody(key.address, [calls[t.kind]()], (id) => (sdk.equalBytes(id, job) ? p : undefined), o);
  }
  if (t.kind === "contract.deploy") {
    assert.equal(toHex(sdk.contractId(fromHex(t.code))), t.contractId);
    return sdk.deployBody(key.address, fromHex(t.code), o);
  }
  const call = sdk.contracts.call(fromHex(t.contract), t.method, fromHex(t.args));
  const deposit = t.kind === "contract.call_deposit"
    ? [{ asset: sdk.AIC, amount: 250n }, { asset: sdk.SWR, amount: 3n }]
    : undefined;
  return sdk.contractCallBody(key.address, call, { reads: [fromHex(t.read)], writes: [fromHex(t.write)], deposit }, o);
}

test("every typed builder builds and signs to the Java bytes", () => {
  for (const t of B.transactions) {
    const key = sdk.KeyPair.fromSeed(t.seed);
    const body = build(t, key);
    assert.equal(toHex(sdk.encodeTxBody(body)), t.body, `${t.kind} body`);
    assert.equal(toHex(sdk.txId(body)), t.id, `${t.kind} id`);
    assert.equal(toHex(sdk.rawTx(sdk.sign(body, key))), t.signed, `${t.kind} signed`);
  }
  assert.equal(B.transactions.length, 11);
});

test("the job a fraud proof is about is read from its bytes", () => {
  assert.equal(toHex(sdk.fraudProofJob(fromHex(I.fraudProof))), I.jobId);
});

test("malformed registrations, receipts, proofs and contract calls are refused", () => {
  const key = sdk.KeyPair.fromSeed(B.transactions[0].seed);
  const good: sdk.ProviderRegistration = {
    key: key.publicKey, kind: "dev", measurements: [new Uint8Array(48)], devKey: new Uint8Array(32),
    codeHashes: [new Uint8Array(32)],
  };
  sdk.jobCalls.registerProvider(good);
  const bad: Array<Partial<sdk.ProviderRegistration>> = [
    { measurements: [new Uint8Array(47)] },
    { measurements: [] },
    { measurements: Array(17).fill(new Uint8Array(48)) },
    { codeHashes: [new Uint8Array(31)] },
    { devKey: undefined },
    { kind: "sev_snp" },
    { minTcb: new Uint8Array(17) },
    { key: new Uint8Array(31) },
    { kind: "sgx" as any },
  ];
  for (const b of bad) assert.throws(() => sdk.jobCalls.registerProvider({ ...good, ...b }), RangeError, JSON.stringify(Object.keys(b)));
  const proof = fromHex(I.fraudProof);
  const wrongVersion = proof.slice();
  wrongVersion[0] = 2;
  assert.throws(() => sdk.jobCalls.challengeVcr(wrongVersion), RangeError);
  assert.throws(() => sdk.jobCalls.challengeVcr(proof.slice(0, 20)), RangeError);
  assert.throws(() => sdk.jobCalls.submitVcr(fromHex(I.jobId), new Uint8Array([2, 0, 0])), RangeError);
  assert.throws(() => sdk.contracts.call(new Uint8Array(32), ""), RangeError);
  assert.throws(() => sdk.contracts.call(new Uint8Array(31), "m"), RangeError);
  assert.throws(() => sdk.contracts.deploy(new Uint8Array(0)), RangeError);
  // A jobs call the access rules do not know is refused rather than declared wrong.
  const unknown = { program: sdk.JOBS, method: "mint", args: new Uint8Array(32) };
  assert.throws(() => sdk.jobsBody(key.address, [unknown], () => undefined, { chainId: "c", nonce: 0n, feeCap: 1n, validUntil: 1n }), RangeError);
});
