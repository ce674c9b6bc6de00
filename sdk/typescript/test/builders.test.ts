// The typed builders against the vectors the Java builders write (sdk/vectors/builders.json):
// registerProvider, submitVCR, commitOutput, revealVCR, challengeVCR, challengeReplica,
// postJobSpec, settleStable, observePrice, UTxO spends, contract deploy and call, every AMM call
// and every governance call must encode,
// hash and sign to the same bytes, and malformed inputs are refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as sdk from "../src/index.js";
import { fraudProof, outputsOf, submission, valueOf } from "./fixtures.js";

const B = JSON.parse(readFileSync(new URL("../../../vectors/builders.json", import.meta.url), "utf8"));
const { fromHex, toHex } = sdk;
const I = B.inputs;

function ammCall(c: any): sdk.Call {
  switch (c.method) {
    case "create":
      return sdk.amm.create(fromHex(c.a), fromHex(c.b));
    case "add":
      return sdk.amm.add({
        a: fromHex(c.a), b: fromHex(c.b), desiredA: BigInt(c.desiredA), desiredB: BigInt(c.desiredB),
        minA: BigInt(c.minA), minB: BigInt(c.minB), deadline: BigInt(c.deadline),
      });
    case "remove":
      return sdk.amm.remove({
        a: fromHex(c.a), b: fromHex(c.b), shares: BigInt(c.shares), minA: BigInt(c.minA), minB: BigInt(c.minB),
        deadline: BigInt(c.deadline),
      });
    default: {
      const f = c.method === "swap_exact_in" ? sdk.amm.swapExactIn : sdk.amm.swapExactOut;
      return f(c.path.map(fromHex), BigInt(c.amount), BigInt(c.limit), BigInt(c.deadline));
    }
  }
}

function proposal(p: any): sdk.ProposalKind {
  switch (p.kind) {
    case "param_change":
      return { kind: "param_change", changes: p.changes };
    case "software_upgrade":
      return { kind: "software_upgrade", version: p.version, height: BigInt(p.height), release: p.release };
    default:
      return {
        kind: "treasury_spend",
        payments: p.payments.map((x: any) => ({ to: fromHex(x.to), asset: fromHex(x.asset), amount: BigInt(x.amount) })),
      };
  }
}

function terms(t: any): sdk.JobTerms {
  return {
    modelHash: fromHex(t.modelHash), codeHash: fromHex(t.codeHash), jUnits: BigInt(t.jUnits), maxPrice: BigInt(t.maxPrice),
    slaMs: BigInt(t.slaMs), deadlineSlot: BigInt(t.deadlineSlot),
    inputHash: t.inputHash ? fromHex(t.inputHash) : undefined, seed: t.seed !== undefined ? BigInt(t.seed) : undefined,
  };
}

function build(t: any, key: sdk.KeyPair): sdk.TxBody {
  const o = { chainId: t.chainId, nonce: BigInt(t.nonce), feeCap: BigInt(t.feeCap), validUntil: BigInt(t.validUntil) };
  const job = fromHex(I.jobId);
  if (t.kind.startsWith("amm.")) {
    const calls = t.calls.map((c: any) => {
      const call = ammCall(c);
      assert.equal(toHex(call.args), c.args, `${t.kind} ${c.method} args`);
      return call;
    });
    return sdk.ammBody(key.address, calls, o);
  }
  if (t.kind.startsWith("gov.")) {
    let call: sdk.Call;
    if (t.kind.startsWith("gov.submit.")) call = sdk.gov.submit(proposal(t.proposal), t.title, t.description, BigInt(t.deposit));
    else if (t.kind === "gov.deposit") call = sdk.gov.deposit(BigInt(t.proposal), BigInt(t.amount));
    else call = sdk.gov.vote(BigInt(t.proposal), t.option);
    assert.equal(toHex(call.args), t.args, `${t.kind} args`);
    return sdk.govBody(key.address, call, BigInt(t.nextId ?? 0), o);
  }
  if (t.kind.startsWith("jobs.typed.")) {
    // Receipts and fraud proofs built from their fields (compute.ts), not carried as bytes.
    const C = B.compute;
    const sub = submission();
    const proof = fraudProof();
    const salt = fromHex(C.salt);
    const commitment = sdk.receiptCommitment(sub, salt);
    assert.equal(toHex(commitment), C.commitment);
    const calls: Record<string, () => sdk.Call> = {
      "jobs.typed.submit_vcr": () => sdk.jobCalls.submitVcr(sub.vcr.jobId, sub),
      "jobs.typed.commit_output": () => sdk.jobCalls.commitOutput(sub.vcr.jobId, commitment),
      "jobs.typed.reveal_vcr": () => sdk.jobCalls.revealVcr(sub.vcr.jobId, salt, sub),
      "jobs.typed.challenge_vcr": () => sdk.jobCalls.challengeVcr(proof),
      "jobs.typed.challenge_replica": () => sdk.jobCalls.challengeReplica(fromHex(C.replica), proof),
    };
    const call = calls[t.kind]();
    assert.equal(toHex(call.args), t.args, `${t.kind} args`);
    const job = sub.vcr.jobId;
    const p: sdk.JobParties = t.parties === "single"
      ? { poster: fromHex(C.poster), provider: sub.vcr.provider }
      : { poster: fromHex(C.poster), replicas: [sub.vcr.provider, fromHex(C.replica)] };
    return sdk.jobsBody(key.address, [call], (id) => (sdk.equalBytes(id, job) ? p : undefined), o);
  }
  if (t.kind === "utxo.spend_transfer_burn" || t.kind === "utxo.burn_with_change" || t.kind === "utxo.amm_swap_and_output") {
    // UTxO parts added to another builder's body (a transfer, an AMM swap) or to none.
    const inputs = t.inputs.map((r: any) => ({ txId: fromHex(r.txId), index: r.index }));
    const parts = { inputs, outputs: outputsOf(t.outputs), burn: valueOf(t.burn) };
    let base: sdk.TxBody | undefined;
    if (t.kind === "utxo.spend_transfer_burn") {
      base = sdk.transferBody(key.address, fromHex(t.dave), [{ asset: sdk.AIC, amount: 77n }], o);
    } else if (t.kind === "utxo.amm_swap_and_output") {
      base = sdk.ammBody(key.address, [sdk.amm.swapExactIn([sdk.SWR, sdk.AIC], 5000n, 1n, 9999n)], o);
    }
    if (base === undefined) return sdk.utxoBody(key.address, inputs, parts.outputs, o, { burn: parts.burn });
    assert.equal(toHex(sdk.encodeTxBody(base)), t.base, `${t.kind} base`);
    return sdk.withUtxos(base, parts);
  }
  if (t.kind === "contract.call_json_args") {
    const call = sdk.contracts.call(fromHex(t.contract), t.method, sdk.contractArgs(t.json));
    assert.equal(toHex(call.args), t.args);
    return sdk.contractCallBody(key.address, call, { writes: [fromHex(t.write)] }, o);
  }
  if (t.kind.startsWith("utxo.")) {
    const inputs = t.inputs.map((r: any) => ({ txId: fromHex(r.txId), index: r.index }));
    const outputs = t.outputs.map((x: any) => ({
      owner: fromHex(x.owner), value: x.value.map((a: any) => ({ asset: fromHex(a.asset), amount: BigInt(a.amount) })),
      datum: x.datum ? fromHex(x.datum) : undefined,
    }));
    return sdk.utxoBody(key.address, inputs, outputs, { ...o, validFrom: BigInt(t.validFrom) });
  }
  if (t.kind.startsWith("jobs.post_job_spec.")) {
    const call = sdk.jobs.postSpec(terms(t.terms), t.replicas, t.input ? fromHex(t.input) : undefined);
    assert.equal(toHex(call.args), t.args, `${t.kind} args`);
    assert.equal(toHex(sdk.jobsKeys.jobId(key.address, o.nonce)), t.jobId);
    return sdk.jobsBody(key.address, [call], () => undefined, o);
  }
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
      "jobs.settle_stable": () => sdk.jobs.settleStable(job),
      "jobs.settle_stable_unknown_job": () => sdk.jobs.settleStable(job),
      "jobs.observe_price": () => sdk.jobs.observePrice(),
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

const TXS = B.transactions;

test("every typed builder builds and signs to the Java bytes", () => {
  for (const t of TXS) {
    const key = sdk.KeyPair.fromSeed(t.seed);
    const body = build(t, key);
    assert.equal(toHex(sdk.encodeTxBody(body)), t.body, `${t.kind} body`);
    assert.equal(toHex(sdk.txId(body)), t.id, `${t.kind} id`);
    assert.equal(toHex(sdk.rawTx(sdk.sign(body, key))), t.signed, `${t.kind} signed`);
  }
  assert.equal(TXS.length, 41);
  const kinds = new Set(TXS.map((t: any) => t.kind.split(".").slice(0, 2).join(".")));
  for (const k of ["amm.create", "amm.add", "amm.remove", "amm.swap_exact_in", "amm.swap_exact_out", "gov.submit",
    "gov.deposit", "gov.vote", "jobs.post_job_spec", "jobs.settle_stable", "jobs.observe_price", "utxo.spend",
    "utxo.fund", "jobs.typed", "utxo.spend_transfer_burn", "utxo.burn_with_change", "utxo.amm_swap_and_output",
    "contract.call_json_args"]) assert.ok(kinds.has(k), k);
});

test("the AMM's keys are Java's, a pool's in either order", () => {
  const k = B.ammKeys;
  assert.equal(toHex(sdk.ammKeys.pool(sdk.USDT, sdk.AIC)), k.pool);
  assert.equal(toHex(sdk.ammKeys.pool(sdk.AIC, sdk.USDT)), k.poolReversed);
  assert.equal(k.pool, k.poolReversed);
  assert.equal(toHex(sdk.ammKeys.lpAsset(sdk.AIC, sdk.USDT)), k.lpAsset);
  assert.equal(toHex(sdk.ammKeys.registry()), k.registry);
  assert.equal(toHex(sdk.ammKeys.params()), k.params);
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

const OPTS = { chainId: "c", nonce: 0n, feeCap: 1n, validUntil: 1n };

test("malformed AMM calls are refused", () => {
  const [A, U, S, G] = [sdk.AIC, sdk.USDT, sdk.SWR, new Uint8Array(32).fill(7)];
  const add = { a: A, b: U, desiredA: 1n, desiredB: 1n, minA: 0n, minB: 0n, deadline: 1n };
  sdk.amm.add(add);
  const bad: Array<() => unknown> = [
    () => sdk.amm.create(A, A.slice()),
    () => sdk.amm.create(A, new Uint8Array(31)),
    () => sdk.amm.add({ ...add, b: A }),
    () => sdk.amm.add({ ...add, desiredA: 0n }),
    () => sdk.amm.add({ ...add, minB: -1n }),
    () => sdk.amm.add({ ...add, desiredB: 1n << 128n }),
    () => sdk.amm.remove({ a: A, b: U, shares: 0n, minA: 0n, minB: 0n, deadline: 1n }),
    () => sdk.amm.swapExactIn([A], 1n, 0n, 1n),
    () => sdk.amm.swapExactIn([A, U, S, G, new Uint8Array(32)], 1n, 0n, 1n),
    () => sdk.amm.swapExactIn([A, U, A], 1n, 0n, 1n),
    () => sdk.amm.swapExactOut([A, U], 0n, 5n, 1n),
    () => sdk.amm.swapExactOut([A, U], 1n, 5n, 1n << 64n),
    // Not an AMM call, or a method the access rules do not know: refused, not declared wrong.
    () => sdk.ammBody(A, [sdk.gov.vote(1n, "yes")], OPTS),
    () => sdk.ammBody(A, [{ program: sdk.AMM, method: "mint", args: new Uint8Array(64) }], OPTS),
    () => sdk.ammBody(A, [{ program: sdk.AMM, method: "swap_exact_in", args: Uint8Array.of(0, 0, 0, 9) }], OPTS),
  ];
  bad.forEach((f, i) => assert.throws(f, RangeError, `case ${i}`));
  // A valid multi-hop route declares every hop's pool and nothing else but the payer.
  const body = sdk.ammBody(A, [sdk.amm.swapExactIn([S, A, U], 5n, 1n, 9n)], OPTS);
  assert.deepEqual(body.writes.map(toHex).sort(),
    [sdk.accountKey(A), sdk.ammKeys.pool(S, A), sdk.ammKeys.pool(A, U)].map(toHex).sort());
  assert.equal(body.reads.length, 0);
});

test("malformed governance calls are refused", () => {
  const spend = (amount: bigint) => ({ kind: "treasury_spend" as const, payments: [{ to: sdk.AIC, asset: sdk.SWR, amount }] });
  const params = (n: number, param = "fees.a", value = "1") =>
    ({ kind: "param_change" as const, changes: Array(n).fill({ param, value }) });
  const up = (version: number, height: bigint, release = "r") => ({ kind: "software_upgrade" as const, version, height, release });
  sdk.gov.submit(params(16), "t", "", 0n);
  const bad: Array<() => unknown> = [
    () => sdk.gov.submit(params(1), " \t\n", "", 1n),
    () => sdk.gov.submit(params(1), "", "", 1n),
    () => sdk.gov.submit(params(1), "é".repeat(71), "", 1n),
    () => sdk.gov.submit(params(1), "t", "x".repeat(4097), 1n),
    () => sdk.gov.submit(params(0), "t", "", 1n),
    () => sdk.gov.submit(params(17), "t", "", 1n),
    () => sdk.gov.submit(params(1, ""), "t", "", 1n),
    () => sdk.gov.submit(params(1, "fees.a", "9".repeat(65)), "t", "", 1n),
    () => sdk.gov.submit(up(0, 10n), "t", "", 1n),
    () => sdk.gov.submit(up(2 ** 31, 10n), "t", "", 1n),
    () => sdk.gov.submit(up(2, 0n), "t", "", 1n),
    () => sdk.gov.submit(up(2, 10n, "r".repeat(129)), "t", "", 1n),
    () => sdk.gov.submit(spend(0n), "t", "", 1n),
    () => sdk.gov.submit({ kind: "treasury_spend", payments: [] }, "t", "", 1n),
    () => sdk.gov.submit({ kind: "treasury_spend", payments: Array(17).fill(spend(1n).payments[0]) }, "t", "", 1n),
    () => sdk.gov.submit({ kind: "veto_all" } as any, "t", "", 1n),
    () => sdk.gov.submit(params(1), "t", "", -1n),
    () => sdk.gov.deposit(1n, 0n),
    () => sdk.gov.vote(1n, "maybe" as any),
    () => sdk.gov.vote(-1n, "yes"),
    () => sdk.govBody(sdk.AIC, sdk.amm.create(sdk.AIC, sdk.USDT), 0n, OPTS),
    () => sdk.govBody(sdk.AIC, { program: sdk.GOVERNANCE, method: "tally", args: new Uint8Array(8) }, 0n, OPTS),
    () => sdk.govBody(sdk.AIC, { program: sdk.GOVERNANCE, method: "vote", args: new Uint8Array(3) }, 0n, OPTS),
  ];
  bad.forEach((f, i) => assert.throws(f, RangeError, `case ${i}`));
  // Java's isBlank: a non-breaking space is not whitespace, so that title is accepted as Java does.
  sdk.gov.submit(params(1), "\u00a0", "", 1n);
});

test("malformed job specs are refused", () => {
  const t: sdk.JobTerms = {
    modelHash: new Uint8Array(32), codeHash: new Uint8Array(32), jUnits: 1n, maxPrice: 1n, slaMs: 1n, deadlineSlot: 1n,
    inputHash: new Uint8Array(32), seed: 1n,
  };
  sdk.jobs.postSpec(t, 5, new Uint8Array(4096));
  for (const r of [0, 2, 6, 3.5]) assert.throws(() => sdk.jobs.postSpec(t, r), RangeError, `replicas ${r}`);
  assert.throws(() => sdk.jobs.postSpec({ ...t, seed: undefined }, 3), RangeError);
  assert.throws(() => sdk.jobs.postSpec({ ...t, inputHash: undefined }, 3), RangeError);
  assert.throws(() => sdk.jobs.postSpec(t, 1, new Uint8Array(4097)), RangeError);
  sdk.jobs.postSpec({ ...t, inputHash: undefined, seed: undefined }, 1);
});

test("a UTxO transaction's implicit keys and created outputs are Java's", () => {
  for (const t of TXS.filter((x: any) => x.kind === "utxo.spend" || x.kind === "utxo.fund")) {
    const key = sdk.KeyPair.fromSeed(t.seed);
    const body = build(t, key);
    assert.deepEqual(body.reads, []);
    assert.deepEqual(body.writes, []);
    for (const r of t.inputs) assert.equal(toHex(sdk.utxoKey(fromHex(r.txId), r.index)), r.key);
    const created = sdk.createdUtxos(body);
    assert.equal(created.length, t.outputs.length);
    created.forEach((r, i) => {
      assert.equal(toHex(r.txId), t.id);
      assert.equal(toHex(sdk.utxoKey(r.txId, r.index)), t.outputs[i].key);
    });
    const expected = [sdk.accountKey(key.address), ...t.inputs.map((r: any) => fromHex(r.key)),
      ...t.outputs.map((x: any) => fromHex(x.key))].map(toHex).sort();
    assert.deepEqual(sdk.utxoWrites(body).map(toHex), expected);
  }
});

test("malformed UTxO spends, settleStable and observePrice are refused", () => {
  const key = sdk.KeyPair.fromSeed(B.transactions[0].seed);
  const o = { chainId: "aether-dev-1", nonce: 1n, feeCap: 1000n, validUntil: 10n };
  const ref = { txId: new Uint8Array(32).fill(7), index: 0 };
  const out = { owner: key.address, value: [{ asset: sdk.SWR, amount: 5n }] };
  sdk.utxoBody(key.address, [ref], [out], o);
  const bad: Array<[sdk.UtxoRef[], sdk.TxOutput[]]> = [
    [[], []],
    [[ref, { ...ref }], [out]],
    [[{ txId: new Uint8Array(31), index: 0 }], [out]],
    [[{ ...ref, index: 256 }], [out]],
    [[{ ...ref, index: -1 }], [out]],
    [[{ ...ref, index: 1.5 }], [out]],
    [Array.from({ length: 257 }, (_, i) => ({ txId: new Uint8Array(32).fill(i % 256), index: i >> 8 })), [out]],
    [[ref], Array(257).fill(out)],
    [[ref], [{ ...out, owner: new Uint8Array(33) }]],
    [[ref], [{ ...out, value: [{ asset: sdk.SWR, amount: -1n }] }]],
    [[ref], [{ ...out, value: [{ asset: sdk.SWR, amount: 1n << 128n }] }]],
    [[ref], [{ ...out, value: [{ asset: sdk.SWR, amount: 1n }, { asset: sdk.SWR, amount: 2n }] }]],
    [[ref], [{ ...out, datum: new Uint8Array(16 * 1024 + 1) }]],
  ];
  for (const [ins, outs] of bad) assert.throws(() => sdk.utxoBody(key.address, ins, outs, o), RangeError);
  // The largest datum and 256 outputs are accepted.
  sdk.utxoBody(key.address, [], [{ ...out, datum: new Uint8Array(16 * 1024) }], o);
  sdk.utxoBody(key.address, [], Array(256).fill(out), o);

  const none = () => undefined;
  const call = (method: string, args: Uint8Array) => ({ program: sdk.JOBS, method, args });
  assert.throws(() => sdk.jobs.settleStable(new Uint8Array(31)), RangeError);
  assert.throws(() => sdk.jobsBody(key.address, [call("settleStable", new Uint8Array(33))], none, o), RangeError);
  assert.throws(() => sdk.jobsBody(key.address, [call("settleStable", new Uint8Array(0))], none, o), RangeError);
  assert.throws(() => sdk.jobsBody(key.address, [call("observePrice", new Uint8Array(1))], none, o), RangeError);
});
