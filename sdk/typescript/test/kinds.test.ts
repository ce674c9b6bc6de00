// Compute receipts and fraud proofs from their fields, UTxO parts beside calls, contract arguments
// from JSON (all against sdk/vectors/builders.json, written by Java), and coin selection (against
// the hand-written sdk/vectors/coin-selection.json and seeded properties).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as sdk from "../src/index.js";
import { B, evidenceOf, fraudProof, headerOf, providerKey, submission, tensorOf, unsignedVcrOf, vcrOf } from "./fixtures.js";

const { fromHex, toHex } = sdk;
const C = B.compute;
const SPEC = JSON.parse(readFileSync(new URL("../../../vectors/coin-selection.json", import.meta.url), "utf8"));

// ------------------------------------------------------------------------------------------ compute

test("tensors, the model header and step evidence encode to Java's bytes", () => {
  for (const t of C.evidence.inputs) {
    assert.equal(toHex(sdk.tensorBytes(tensorOf(t))), t.encoding);
    assert.deepEqual([...sdk.tensorBits(tensorOf(t))], t.bits, "bits survive, NaN payload included");
    if (t.values.every((v: number | null) => v !== null)) assert.equal(toHex(sdk.tensorBytes(tensorOf(t, true))), t.encoding);
    assert.deepEqual([...sdk.tensorBits(sdk.tensorFromBytes(fromHex(t.encoding)))], t.bits);
  }
  const h = headerOf(C.header);
  assert.equal(toHex(sdk.encodeModelHeader(h)), C.header.encoding);
  assert.equal(toHex(sdk.modelHeaderHash(h)), C.header.hash);
  assert.equal(toHex(sdk.modelHash(h, fromHex(C.weightsRoot))), C.modelHash);
  // The same header as objects and maps, in other orders.
  const asMap: sdk.ModelHeader = { metadata: new Map(C.header.metadata.map((e: any) => [e.key, e.value])), shapes: h.shapes };
  assert.equal(toHex(sdk.encodeModelHeader(asMap)), C.header.encoding);
  const decoded = sdk.decodeModelHeader(fromHex(C.header.encoding));
  assert.equal(toHex(sdk.encodeModelHeader(decoded)), C.header.encoding);
  assert.equal(toHex(sdk.encodeStepEvidence(evidenceOf(C.evidence))), C.evidence.encoding);
  assert.equal(toHex(sdk.encodeStepEvidence(evidenceOf(C.evidence, true))), C.evidence.encoding);
  const w = C.evidence.weights[0];
  assert.equal(toHex(sdk.tensorLeaf(C.tensorLeaf.name, tensorOf(w.tensor))), C.tensorLeaf.leaf);
});

test("a receipt is signed, encoded and verified as Java does, and decodes back", () => {
  for (const v of [C.vcr, C.vcrPlain]) {
    const unsigned = unsignedVcrOf(v);
    assert.equal(toHex(sdk.vcrSigningBytes(unsigned)), v.signingBytes);
    const vcr = sdk.signVcr(unsigned, providerKey());
    assert.equal(toHex(vcr.sig), v.sig, "deterministic Ed25519 over the signing bytes");
    assert.equal(toHex(sdk.encodeVcr(vcr)), v.encoding);
    assert.ok(sdk.verifyVcr(vcr, providerKey().publicKey));
    assert.equal(toHex(sdk.encodeVcr(sdk.decodeVcr(fromHex(v.encoding)))), v.encoding);
    // A receipt changed after signing no longer verifies; nor does another key's signature.
    assert.equal(sdk.verifyVcr({ ...vcr, seed: vcr.seed ^ 1n }, providerKey().publicKey), false);
    assert.equal(sdk.verifyVcr(vcr, sdk.KeyPair.fromSeed(new Uint8Array(32).fill(5)).publicKey), false);
  }
  const sub = submission();
  assert.equal(toHex(sdk.encodeVcrSubmission(sub)), C.submission.encoding);
  assert.equal(toHex(sdk.encodeVcrSubmission(sdk.decodeVcrSubmission(fromHex(C.submission.encoding)))), C.submission.encoding);
  const proof = fraudProof();
  assert.equal(toHex(sdk.encodeFraudProof(proof)), C.fraudProof.encoding);
  assert.equal(toHex(sdk.encodeFraudProof(sdk.decodeFraudProof(fromHex(C.fraudProof.encoding)))), C.fraudProof.encoding);
  assert.equal(toHex(sdk.fraudProofJob(proof)), C.fraudProof.jobId);
  assert.equal(toHex(sdk.fraudProofJob(fromHex(C.fraudProof.encoding))), C.fraudProof.jobId);
  assert.equal(toHex(sdk.receiptCommitment(sub, fromHex(C.salt))), C.commitment);
  assert.equal(
    toHex(sdk.replicaCommitment(sub.vcr.jobId, sub.vcr.provider, sub.vcr.outputHash, sub.vcr.kzgCommit!, fromHex(C.salt))),
    C.commitment,
  );
});

test("receipts and proofs of the wrong shape are refused before a transaction carries them", () => {
  const sub = submission();
  const vcr = vcrOf(C.vcr);
  const t = () => sdk.tensor([2], [1, 2]);
  const bad: Array<[string, () => unknown]> = [
    ["rank 0", () => sdk.tensor([], [])],
    ["rank 9", () => sdk.tensor([1, 1, 1, 1, 1, 1, 1, 1, 1], [1])],
    ["shape and data differ", () => sdk.tensor([2, 2], [1, 2, 3])],
    ["zero dimension", () => sdk.tensor([0], [])],
    ["bits over u32", () => sdk.tensorFromBits([1], [2 ** 32])],
    ["openings without a commitment", () => sdk.encodeVcr({ ...vcr, kzgCommit: undefined })],
    ["openings out of order", () => sdk.encodeVcr({ ...vcr, openings: [...vcr.openings!].reverse() })],
    ["opening index 4096", () => sdk.encodeVcr({ ...vcr, openings: [{ ...vcr.openings![0], index: 4096 }] })],
    ["short signature", () => sdk.encodeVcr({ ...vcr, sig: new Uint8Array(63) })],
    ["commitment of 47 bytes", () => sdk.encodeVcr({ ...vcr, kzgCommit: new Uint8Array(47) })],
    ["quote over 16 KiB", () => sdk.encodeVcr({ ...vcr, teeQuote: new Uint8Array(16 * 1024 + 1) })],
    ["five collateral files", () => sdk.encodeVcrSubmission({ ...sub, collateral: Array(5).fill(new Uint8Array(1)) })],
    ["data proof of 65 bytes", () => sdk.encodeVcrSubmission({ ...sub, dataProof: new Uint8Array(65) })],
    ["five weight slices", () => sdk.encodeVcrSubmission({ ...sub, lastStep: { inputs: [], weights: Array(5).fill({ name: "w", tensor: t(), path: [] }) } })],
    ["a path of 12", () => sdk.encodeStepEvidence({ inputs: [], weights: [{ name: "w", tensor: t(), path: Array(12).fill(new Uint8Array(32)) }] })],
    ["a duplicate metadata key", () => sdk.encodeModelHeader({ metadata: [["a", "1"], ["a", "2"]], shapes: {} })],
    ["a metadata key of 65 bytes", () => sdk.encodeModelHeader({ metadata: { ["k".repeat(65)]: "v" }, shapes: {} })],
    ["a lone surrogate", () => sdk.encodeModelHeader({ metadata: { "\ud800": "v" }, shapes: {} })],
    ["a tensor of rank 9", () => sdk.encodeModelHeader({ metadata: {}, shapes: { w: [1, 1, 1, 1, 1, 1, 1, 1, 1] } })],
    ["step 4096", () => sdk.encodeFraudProof({ ...fraudProof(), step: 4096 })],
    ["a receipt for another job", () => sdk.jobCalls.submitVcr(new Uint8Array(32), sub)],
    ["a reveal for another job", () => sdk.jobCalls.revealVcr(new Uint8Array(32), new Uint8Array(32), sub)],
    ["a salt of 31 bytes", () => sdk.receiptCommitment(sub, new Uint8Array(31))],
  ];
  for (const [what, f] of bad) assert.throws(f, RangeError, what);
});

test("decoders refuse what the Java codec refuses", () => {
  const enc = fromHex(C.submission.encoding);
  const codes = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as sdk.CodecError).code;
    }
    return "accepted";
  };
  assert.equal(codes(() => sdk.decodeVcrSubmission(enc.slice(0, enc.length - 1))), "codec.truncated");
  assert.equal(codes(() => sdk.decodeVcrSubmission(sdk.concat(enc, Uint8Array.of(0)))), "codec.trailing_bytes");
  const v2 = enc.slice();
  v2[0] = 2;
  assert.equal(codes(() => sdk.decodeVcrSubmission(v2)), "codec.non_canonical");
  const vcr = fromHex(C.vcr.encoding);
  const vcrV2 = vcr.slice();
  vcrV2[0] = 2;
  assert.equal(codes(() => sdk.decodeVcr(vcrV2)), "codec.unknown_tag");
  // Header names out of UTF-8 order: swap the first two metadata entries' bytes.
  const h = sdk.decodeModelHeader(fromHex(C.header.encoding));
  const entries = [...(h.metadata as Array<[string, string]>)];
  const w = new sdk.Writer().u8(1).u32(entries.length);
  [entries[1], entries[0], ...entries.slice(2)].forEach(([k, x]) => w.string(k).string(x));
  w.u32(0);
  assert.equal(codes(() => sdk.decodeModelHeader(w.toBytes())), "codec.non_canonical");
  // A tensor whose length does not match its shape.
  assert.equal(codes(() => sdk.tensorFromBytes(Uint8Array.of(1, 2, 0, 0, 0, 0, 0, 0, 0))), "codec.non_canonical");
  // A fraud proof naming step 4096.
  const fp = fromHex(C.fraudProof.encoding);
  const headerEnd = 33 + fromHex(C.header.encoding).length + 32;
  const fpBad = fp.slice();
  fpBad.set([0, 0, 0x10, 0], headerEnd);
  assert.equal(codes(() => sdk.decodeFraudProof(fpBad)), "codec.length_over_limit");
});

// ------------------------------------------------------------------------------------------ UTxO parts

test("UTxO parts beside calls: refused shapes", () => {
  const key = sdk.KeyPair.fromSeed(B.transactions[0].seed);
  const o = { chainId: "aether-dev-1", nonce: 1n, feeCap: 1000n, validUntil: 10n };
  const ref = { txId: new Uint8Array(32).fill(7), index: 0 };
  const transfer = sdk.transferBody(key.address, sdk.AIC, [{ asset: sdk.AIC, amount: 1n }], o);
  const body = sdk.withUtxos(transfer, { inputs: [ref], burn: [{ asset: sdk.SWR, amount: 1n }] });
  assert.deepEqual(body.writes, transfer.writes, "the calls' declared keys stay as they are");
  assert.deepEqual(body.calls, transfer.calls);
  const bad: Array<() => unknown> = [
    () => sdk.withUtxos(transfer, {}),
    () => sdk.withUtxos({ ...transfer, mint: [{ asset: sdk.SWR, amount: 1n }] }, { inputs: [ref] }),
    () => sdk.withUtxos(body, { inputs: [ref] }),
    () => sdk.withUtxos(transfer, { burn: [{ asset: sdk.SWR, amount: -1n }] }),
    () => sdk.withUtxos(transfer, { burn: [{ asset: sdk.SWR, amount: 1n << 128n }] }),
    () => sdk.withUtxos(body, { burn: [{ asset: sdk.SWR, amount: 2n }] }),
    () => sdk.withUtxos(transfer, { outputs: Array(257).fill({ owner: key.address, value: [] }) }),
  ];
  bad.forEach((f, i) => assert.throws(f, RangeError, `case ${i}`));
});

// ------------------------------------------------------------------------------------------ contract arguments

test("contract arguments from JSON are Java's bytes, and Java's refusals with Java's messages", () => {
  const A = B.contractArgs;
  for (const c of A.encode) {
    const got = sdk.contractArgs(c.json, { types: c.types });
    assert.equal(toHex(got), c.bytes, c.json);
  }
  for (const c of A.refuse) {
    assert.throws(
      () => sdk.contractArgs(c.json, { types: c.types }),
      (e: Error) => {
        assert.ok(e instanceof sdk.ContractArgsError, c.json);
        // Parse errors are worded by each parser; every other message is Java's, word for word.
        if (c.error.startsWith("args is not JSON")) assert.ok(e.message.startsWith("args is not JSON"), `${c.json}: ${e.message}`);
        else assert.equal(e.message, c.error, c.json);
        return true;
      },
    );
  }
  for (const d of A.decode) {
    if (d.error) assert.throws(() => sdk.decodeReturn(fromHex(d.data), d.types), (e: Error) => e.message === d.error);
    else assert.deepEqual(sdk.decodeReturn(fromHex(d.data), d.types), d.values);
  }
});

test("contract arguments as JavaScript values", () => {
  const addr = toHex(new Uint8Array(32).fill(0xab));
  const fromValues = sdk.contractArgs([addr, 250, 250n, "hi", true, { amount: 10n ** 30n }, { u64: "18_446_744_073_709_551_615" }]);
  const fromText = sdk.contractArgs(
    `["${addr}", 250, 250, "hi", true, {"amount": 1000000000000000000000000000000}, {"u64": "18_446_744_073_709_551_615"}]`,
  );
  assert.equal(toHex(fromValues), toHex(fromText));
  assert.deepEqual(
    sdk.contractArgs(["Gold", 1000], { types: ["string", "amount"] }),
    sdk.contractArgs([{ string: "Gold" }, { amount: 1000 }]),
  );
  // Numbers JavaScript cannot hold exactly are refused, not rounded.
  assert.throws(() => sdk.contractArgs([2 ** 53 + 2]), /not a safe integer/);
  assert.throws(() => sdk.contractArgs([{ u64: 1e20 }]), /not a safe integer/);
  for (const bad of [[1.5], [null], [undefined], [[1]], [{}], [{ u8: 1, u32: 2 }], [-1], [{ bytes: new Uint8Array(2) }]]) {
    assert.throws(() => sdk.contractArgs(bad as unknown[]), sdk.ContractArgsError, String(bad));
  }
  assert.throws(() => sdk.contractArgs("[" + "[".repeat(2000) + "]".repeat(2001)), /nested deeper/);
  assert.throws(() => sdk.contractArgs('["a\u0001"]'), /control character/);
  assert.throws(() => sdk.contractArgs({} as any), /must be a JSON array/);
});

// ------------------------------------------------------------------------------------------ coin selection

function refsOf(list: Array<{ txHash: string; index: number }>): string[] {
  return list.map((r) => `${r.txHash}:${r.index}`);
}

function valueJson(v: sdk.Value): Record<string, string> {
  return Object.fromEntries(v.map((a) => [sdk.assetName(a.asset), a.amount.toString()]));
}

test("coin selection passes every specification case", () => {
  for (const c of SPEC.cases) {
    const utxos = sdk.utxosFromJson(c.utxos);
    const o = c.options ?? {};
    const options: sdk.CoinSelectionOptions = {
      maxInputs: o.maxInputs, includeDatum: o.includeDatum,
      exclude: o.exclude?.map((r: any) => ({ txId: fromHex(r.txHash), index: r.index })),
      changeAddress: o.changeAddress ? fromHex(o.changeAddress) : undefined,
    };
    const run = () => sdk.selectCoins(utxos, sdk.valueFromJson(c.target), options);
    if (c.error) {
      assert.throws(run, (e: any) => {
        if (c.error.kind === "insufficient_funds") {
          assert.ok(e instanceof sdk.InsufficientFunds, c.name);
          assert.equal(sdk.assetName(e.asset), c.error.asset, c.name);
          assert.equal(e.available.toString(), c.error.available, c.name);
          assert.equal(e.needed.toString(), c.error.needed, c.name);
        } else if (c.error.kind === "too_many_inputs") {
          assert.ok(e instanceof sdk.TooManyInputs, c.name);
          assert.equal(e.maxInputs, c.error.maxInputs);
        } else {
          assert.ok(e instanceof RangeError && !(e instanceof sdk.ContractArgsError), c.name);
        }
        return true;
      });
      continue;
    }
    const s = run();
    assert.deepEqual(refsOf(s.inputs.map((u) => ({ txHash: toHex(u.ref.txId), index: u.ref.index }))), refsOf(c.expect.inputs), c.name);
    assert.deepEqual(valueJson(s.change), c.expect.change, c.name);
    const owner = c.expect.changeOwner ?? SPEC.owner;
    if (s.change.length > 0) {
      assert.equal(s.changeOutputs.length, 1, c.name);
      assert.equal(toHex(s.changeOutputs[0].owner), owner, c.name);
    } else {
      assert.equal(s.changeOutputs.length, 0, c.name);
    }
  }
});

/** A small seeded generator (mulberry32): the same cases on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test("coin selection properties over seeded random wallets", () => {
  const owner = new Uint8Array(32).fill(1);
  const assets = [sdk.SWR, sdk.AIC, sdk.USDT];
  for (let seed = 1; seed <= 300; seed++) {
    const r = rng(seed);
    const n = 1 + Math.floor(r() * 40);
    const utxos: sdk.Utxo[] = [];
    for (let i = 0; i < n; i++) {
      const value: sdk.Value = [];
      for (const a of assets) if (r() < 0.6) value.push({ asset: a, amount: BigInt(1 + Math.floor(r() * 1000)) });
      const txId = new Uint8Array(32);
      txId[0] = Math.floor(r() * 256);
      txId[1] = i;
      utxos.push({ ref: { txId, index: Math.floor(r() * 4) }, output: { owner, value } });
    }
    const totals = assets.map((a) => utxos.reduce((s, u) => s + (u.output.value.find((x) => sdk.equalBytes(x.asset, a))?.amount ?? 0n), 0n));
    const target: sdk.Value = [];
    assets.forEach((a, i) => {
      // Sometimes more than is held, to exercise the refusal.
      if (r() < 0.7) target.push({ asset: a, amount: BigInt(Math.floor(r() * Number(totals[i] + 50n))) });
    });
    const short = target.find((t) => t.amount > totals[assets.findIndex((a) => sdk.equalBytes(a, t.asset))]);
    let s: sdk.CoinSelection;
    try {
      s = sdk.selectCoins(utxos, target);
    } catch (e) {
      assert.ok(e instanceof sdk.InsufficientFunds, `seed ${seed}: ${e}`);
      assert.ok(short !== undefined, `seed ${seed}: refused though the wallet covers the target`);
      continue;
    }
    assert.equal(short, undefined, `seed ${seed}: accepted though short`);
    // The inputs hold at least the target; the change is exactly the rest; refs are unique, ascending.
    for (const t of sdk.normalValue(target)) {
      const held = s.total.find((x) => sdk.equalBytes(x.asset, t.asset))?.amount ?? 0n;
      assert.ok(held >= t.amount, `seed ${seed}`);
      const change = s.change.find((x) => sdk.equalBytes(x.asset, t.asset))?.amount ?? 0n;
      assert.equal(held - t.amount, change, `seed ${seed}`);
    }
    for (let i = 1; i < s.inputs.length; i++) {
      const a = s.inputs[i - 1].ref;
      const b = s.inputs[i].ref;
      assert.ok(sdk.compareBytes(a.txId, b.txId) < 0 || (sdk.compareBytes(a.txId, b.txId) === 0 && a.index < b.index), `seed ${seed}`);
    }
    // The selection is the same whatever order the wallet is listed in.
    const shuffled = utxos.slice().sort(() => r() - 0.5);
    const again = sdk.selectCoins(shuffled, target);
    assert.deepEqual(again.inputs.map((u) => toHex(sdk.utxoKey(u.ref.txId, u.ref.index))), s.inputs.map((u) => toHex(sdk.utxoKey(u.ref.txId, u.ref.index))));
    // One asset: as few inputs as any selection (the k largest amounts).
    if (target.length === 1 && target[0].amount > 0n) {
      const amounts = utxos.map((u) => u.output.value.find((x) => sdk.equalBytes(x.asset, target[0].asset))?.amount ?? 0n).sort((x, y) => (y > x ? 1 : -1));
      let k = 0;
      let acc = 0n;
      while (acc < target[0].amount) acc += amounts[k++];
      assert.equal(s.inputs.length, k, `seed ${seed}: not minimal`);
      if (k > 1) assert.throws(() => sdk.selectCoins(utxos, target, { maxInputs: k - 1 }), sdk.TooManyInputs);
    }
  }
});

test("change of more than 64 assets is split; utxoPayment builds the spend and checks the fee's account", () => {
  const owner = new Uint8Array(32).fill(1);
  const to = new Uint8Array(32).fill(2);
  const many: sdk.Value = Array.from({ length: 70 }, (_, i) => ({ asset: new Uint8Array(32).fill(i + 10), amount: 3n }));
  const utxos: sdk.Utxo[] = [
    { ref: { txId: new Uint8Array(32).fill(1), index: 0 }, output: { owner, value: [...many, { asset: sdk.SWR, amount: 100n }] } },
    { ref: { txId: new Uint8Array(32).fill(2), index: 1 }, output: { owner, value: [{ asset: sdk.SWR, amount: 5n }] } },
  ];
  const s = sdk.selectCoins(utxos, [{ asset: sdk.SWR, amount: 60n }]);
  assert.deepEqual(s.changeOutputs.map((o) => o.value.length), [64, 7]);
  const o = { chainId: "aether-dev-1", nonce: 3n, feeCap: 1000n, validUntil: 99n };
  const { body, selection } = sdk.utxoPayment(owner, utxos, [{ owner: to, value: [{ asset: sdk.SWR, amount: 4n }] }], o);
  assert.deepEqual(selection.inputs.map((u) => u.ref.index), [1]);
  assert.deepEqual(body.inputs, [utxos[1].ref]);
  assert.deepEqual(body.outputs.map((x) => x.value[0].amount), [4n, 1n]);
  assert.deepEqual(body.writes, []);
  assert.throws(
    () => sdk.utxoPayment(owner, utxos, [{ owner: to, value: [{ asset: sdk.SWR, amount: 4n }] }], o, { payerBalance: [{ asset: sdk.SWR, amount: 999n }] }),
    (e: any) => e instanceof sdk.InsufficientFunds && e.needed === 1000n && /fee/.test(e.message),
  );
  assert.throws(() => sdk.utxoPayment(owner, utxos, [{ owner: to, value: [{ asset: sdk.AIC, amount: 1n }] }], o), sdk.InsufficientFunds);
  assert.throws(() => sdk.utxoPayment(owner, utxos, [], o), RangeError);
});
