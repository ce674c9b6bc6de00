// The SDK against the golden vectors the Java codec writes (sdk/vectors/golden.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as sdk from "../src/index.js";

const G = JSON.parse(readFileSync(new URL("../../../vectors/golden.json", import.meta.url), "utf8"));
const { fromHex, toHex } = sdk;

const codecs: Record<string, [(b: Uint8Array) => unknown, (v: any) => Uint8Array]> = {
  Value: [sdk.decodeValue, sdk.encodeValue],
  UtxoRef: [(b) => sdk.decode((r) => ({ txId: r.fixed("t", 32), index: r.u32("i") }), b, "UtxoRef"), (v) => new sdk.Writer().fixed(v.txId).u32(v.index).toBytes()],
  TxOutput: [(b) => sdk.decode((r) => { const w = { owner: r.fixed("o", 32), value: sdk.readValue(r) } as any; const d = r.option("d", (x) => x.bytes("d", 16384)); if (d) w.datum = d; return w; }, b, "TxOutput"),
    (v) => { const w = new sdk.Writer().fixed(v.owner); sdk.writeValue(w, v.value); w.option(v.datum, (x, d: Uint8Array) => x.bytes(d)); return w.toBytes(); }],
  Call: [(b) => sdk.decode(sdk.readCall, b, "Call"), (v) => sdk.encode(sdk.writeCall, v)],
  TxBody: [sdk.decodeTxBody, sdk.encodeTxBody],
  Tx: [sdk.decodeTx, sdk.encodeTx],
  QuorumCert: [sdk.decodeQc, sdk.encodeQc],
  TimeoutCert: [(b) => sdk.decode(sdk.readTimeoutCert, b, "TimeoutCert"), (v) => sdk.encode(sdk.writeTimeoutCert, v)],
  Header: [sdk.decodeHeader, sdk.encodeHeader],
  Event: [(b) => sdk.decode(sdk.readEvent, b, "Event"), (v) => sdk.encode(sdk.writeEvent, v)],
  Receipt: [sdk.decodeReceipt, sdk.encodeReceipt],
  Block: [sdk.decodeBlock, sdk.encodeBlock],
};

test("every golden encoding decodes and re-encodes byte for byte, with the same ids", () => {
  let checked = 0;
  for (const v of G.codec) {
    const [dec, enc] = codecs[v.type];
    const bytes = fromHex(v.hex);
    const value = dec(bytes);
    assert.equal(toHex(enc(value)), v.hex, `${v.type} re-encodes`);
    if (v.type === "TxBody") assert.equal(toHex(sdk.txId(value as sdk.TxBody)), v.id);
    if (v.type === "Tx") assert.equal(toHex(sdk.txId((value as sdk.Tx).body)), v.id);
    if (v.type === "Header") assert.equal(toHex(sdk.blockId(value as sdk.Header)), v.id);
    if (v.type === "Block") assert.equal(toHex(sdk.blockId((value as sdk.Block).header)), v.id);
    if (v.type === "Receipt") assert.equal(toHex(sdk.receiptLeaf(value as sdk.Receipt)), v.leaf);
    checked++;
  }
  assert.equal(checked, G.codec.length);
});

test("the decoder refuses what the Java decoder refuses", () => {
  const body = G.codec.find((v: any) => v.type === "TxBody").hex;
  const b = fromHex(body);
  assert.throws(() => sdk.decodeTxBody(sdk.concat(b, Uint8Array.of(0))), /codec.trailing_bytes/);
  assert.throws(() => sdk.decodeTxBody(b.subarray(0, b.length - 1)), /codec.truncated/);
  const wrongVersion = b.slice();
  wrongVersion[0] = 2;
  assert.throws(() => sdk.decodeTxBody(wrongVersion), /codec.unknown_tag/);
  const swr = fromHex(G.hashes.assets.SWR);
  const aic = fromHex(G.hashes.assets.AIC);
  const [lo, hi] = sdk.compareBytes(swr, aic) < 0 ? [swr, aic] : [aic, swr];
  const unsorted = new sdk.Writer().u32(2).fixed(hi).u128(1n).fixed(lo).u128(1n).toBytes();
  assert.throws(() => sdk.decodeValue(unsorted), /codec.non_canonical/);
  const zero = new sdk.Writer().u32(1).fixed(lo).u128(0n).toBytes();
  assert.throws(() => sdk.decodeValue(zero), /codec.non_canonical/);
  const tooMany = new sdk.Writer().u32(65).toBytes();
  assert.throws(() => sdk.decodeValue(tooMany), /codec.length_over_limit/);
  const receipt = fromHex(G.codec.find((v: any) => v.type === "Receipt").hex);
  const badStatus = receipt.slice();
  badStatus[32] = 7;
  assert.throws(() => sdk.decodeReceipt(badStatus), /codec.unknown_tag/);
});

test("hashes: asset, program, account, UTxO and staking keys", () => {
  assert.equal(toHex(sdk.SWR), G.hashes.assets.SWR);
  assert.equal(toHex(sdk.AIC), G.hashes.assets.AIC);
  assert.equal(toHex(sdk.USDT), G.hashes.assets.USDT);
  assert.equal(toHex(sdk.BANK), G.hashes.programs.bank);
  assert.equal(toHex(sdk.STAKING), G.hashes.programs.staking);
  for (const a of G.hashes.accounts) {
    const addr = sdk.addressOf(fromHex(a.publicKey));
    assert.equal(toHex(addr), a.address);
    assert.equal(toHex(sdk.accountKey(addr)), a.accountKey);
    assert.equal(toHex(sdk.utxoKey(addr, 3)), a.utxoKey0);
  }
  const s = G.hashes.staking;
  const op = fromHex(s.operator);
  const d = fromHex(s.delegator);
  const k = sdk.stakingKeys;
  assert.equal(toHex(k.params()), s.params);
  assert.equal(toHex(k.registry()), s.registry);
  assert.equal(toHex(k.validator(op)), s.validator);
  assert.equal(toHex(k.pool(op)), s.pool);
  assert.equal(toHex(k.rewards(op)), s.rewards);
  assert.equal(toHex(k.delegation(op, d)), s.delegation);
  assert.equal(toHex(k.positions(d)), s.positions);
  assert.equal(toHex(k.unbonding(op, 7n)), s.unbonding7);
  assert.equal(toHex(k.unbondingEntry(op, d, 7n)), s.unbondingEntry7);
  assert.equal(toHex(k.redelegations(op, 7n)), s.redelegations7);
  assert.equal(toHex(k.keyOwner("bls", new Uint8Array(48))), s.keyOwnerBls);
  assert.equal(toHex(k.epochSet(0n)), s.epochSet0);
  assert.equal(toHex(k.epochSet(5n)), s.epochSet5);
});

test("keys: the same public keys, addresses and (deterministic) signatures as Java", () => {
  for (const k of G.keys) {
    const key = sdk.KeyPair.fromSeed(k.seed);
    assert.equal(toHex(key.publicKey), k.publicKey);
    assert.equal(key.addressHex, k.address);
    assert.equal(toHex(key.sign(fromHex(k.message))), k.signature);
    assert.ok(sdk.verifySignature(fromHex(k.signature), fromHex(k.message), key.publicKey));
    const bad = fromHex(k.signature);
    bad[5] ^= 1;
    assert.ok(!sdk.verifySignature(bad, fromHex(k.message), key.publicKey));
  }
});

test("every transaction kind builds and signs to the Java bytes", () => {
  for (const t of G.transactions) {
    const key = sdk.KeyPair.fromSeed(t.seed);
    const o = { chainId: t.chainId, nonce: BigInt(t.nonce), feeCap: BigInt(t.feeCap), validUntil: BigInt(t.validUntil) };
    let body: sdk.TxBody;
    if (t.kind === "transfer") {
      const value = t.value.map((a: any) => ({ asset: fromHex(a.asset), amount: BigInt(a.amount) }));
      body = sdk.transferBody(key.address, fromHex(t.to), value, o);
    } else if (t.kind.startsWith("jobs.")) {
      const job = fromHex(t.jobId);
      const terms = { modelHash: fromHex(t.modelHash), codeHash: fromHex(t.codeHash) };
      const calls: Record<string, () => sdk.Call> = {
        "jobs.post": () => sdk.jobs.post({ ...terms, jUnits: 40n, maxPrice: 123_456_789n, slaMs: 30_000n, deadlineSlot: 9_000n, inputHash: fromHex(t.inputHash), seed: BigInt(t.jobSeed) }),
        "jobs.post_bare": () => sdk.jobs.post({ ...terms, jUnits: 1n, maxPrice: 1n, slaMs: 1_000n, deadlineSlot: 10n }),
        "jobs.accept": () => sdk.jobs.accept(job, key.address, BigInt(t.bond)),
        "jobs.cancel": () => sdk.jobs.cancel(job),
        "jobs.settle": () => sdk.jobs.settle(job),
        "jobs.expire": () => sdk.jobs.expire(job),
      };
      const parties = (id: Uint8Array) =>
        sdk.equalBytes(id, job) ? { poster: fromHex(t.poster), provider: fromHex(t.provider) } : undefined;
      body = sdk.jobsBody(key.address, [calls[t.kind]()], parties, o);
      assert.equal(toHex(sdk.jobsKeys.jobId(fromHex(t.poster), 5n)), t.jobId);
    } else {
      const v = t.validator ? fromHex(t.validator) : new Uint8Array(32);
      const epoch = BigInt(t.epoch);
      const calls: Record<string, () => sdk.Call> = {
        "staking.delegate": () => sdk.staking.delegate(v, 1_000_000n),
        "staking.undelegate": () => sdk.staking.undelegate(v, 400n),
        "staking.undelegate_all": () => sdk.staking.undelegate(v, sdk.ALL),
        "staking.redelegate": () => sdk.staking.redelegate(v, fromHex(t.validator2), 10n),
        "staking.withdraw": () => sdk.staking.withdraw(v, 3n),
        "staking.claim": () => sdk.staking.claim(v),
        "staking.edit_commission": () => sdk.staking.editCommission(750),
        "staking.unjail": () => sdk.staking.unjail(),
        "staking.register": () =>
          sdk.staking.register({
            name: t.name, nodeKey: fromHex(t.nodeKey), blsKey: fromHex(t.blsKey), blsPop: fromHex(t.blsPop),
            vrfKey: fromHex(t.vrfKey), coldKey: fromHex(t.coldKey), commissionBps: t.commissionBps,
            maxCommissionBps: t.maxCommissionBps, maxChangeBps: t.maxChangeBps, selfBond: BigInt(t.selfBond),
          }),
      };
      body = sdk.stakingBody(key.address, [calls[t.kind]()], epoch, o);
    }
    assert.equal(toHex(sdk.encodeTxBody(body)), t.body, `${t.kind} body`);
    assert.equal(toHex(sdk.txId(body)), t.id, `${t.kind} id`);
    assert.equal(toHex(sdk.rawTx(sdk.sign(body, key))), t.signed, `${t.kind} signed`);
  }
  assert.equal(G.transactions.length, 16);
});

test("receipt proofs verify, and fail when anything is changed", () => {
  for (const tree of G.receiptProofs) {
    const root = fromHex(tree.root);
    const receipts = tree.receipts.map((h: string) => sdk.decodeReceipt(fromHex(h)));
    assert.equal(toHex(sdk.receiptsRoot(receipts)), tree.root);
    tree.proofs.forEach((p: any, i: number) => {
      const proof = { index: p.index, count: p.count, path: p.path.map(fromHex) };
      assert.ok(sdk.verifyReceiptProof(root, receipts[i], proof));
      assert.ok(!sdk.verifyReceiptProof(root, receipts[(i + 1) % receipts.length], proof) || receipts.length === 1);
      if (proof.path.length > 0) {
        const bad = proof.path.map((x: Uint8Array) => x.slice());
        bad[0][0] ^= 1;
        assert.ok(!sdk.verifyReceiptProof(root, receipts[i], { ...proof, path: bad }));
      }
      assert.ok(!sdk.verifyReceiptProof(root, receipts[i], { ...proof, count: p.count + 1 }));
      const tampered = { ...receipts[i], feePaid: receipts[i].feePaid ^ 1n };
      assert.ok(!sdk.verifyReceiptProof(root, tampered, proof));
    });
  }
});

test("state proofs: accounts under the root and proven absences; tampering fails", () => {
  let present = 0;
  let absent = 0;
  for (const p of G.smtProofs) {
    const root = fromHex(p.root);
    const addr = fromHex(p.address);
    const raw = p.raw ? fromHex(p.raw) : undefined;
    const acct = sdk.verifyAccount(root, addr, raw, fromHex(p.proof));
    if (raw) {
      assert.ok(acct);
      assert.equal(toHex(sdk.encodeAccount(acct!)), p.raw);
      assert.equal(toHex(sdk.stateValueHash(raw)), p.valueHash);
      const bad = raw.slice();
      bad[bad.length - 1] ^= 1;
      assert.throws(() => sdk.verifyAccount(root, addr, bad, fromHex(p.proof)), sdk.VerificationError);
      assert.throws(() => sdk.verifyAccount(root, addr, undefined, fromHex(p.proof)), sdk.VerificationError);
      present++;
    } else {
      assert.equal(acct, undefined);
      const fake = sdk.encodeAccount({ balance: [], nonce: 1n });
      assert.throws(() => sdk.verifyAccount(root, addr, fake, fromHex(p.proof)), sdk.VerificationError);
      absent++;
    }
    const otherRoot = root.slice();
    otherRoot[0] ^= 1;
    assert.throws(() => sdk.verifyAccount(otherRoot, addr, raw, fromHex(p.proof)), sdk.VerificationError);
  }
  assert.ok(present >= 8 && absent >= 4);
});

test("BLS aggregates of vote messages verify as in Java (blst)", () => {
  for (const b of G.bls) {
    const keys = b.publicKeys.map(fromHex);
    assert.equal(sdk.verifyAggregate(keys, fromHex(b.message), fromHex(b.signature)), b.valid);
    assert.ok(b.valid);
    const msg = fromHex(b.message);
    msg[msg.length - 1] ^= 1;
    assert.ok(!sdk.verifyAggregate(keys, msg, fromHex(b.signature)));
    if (keys.length > 1) assert.ok(!sdk.verifyAggregate(keys.slice(1), fromHex(b.message), fromHex(b.signature)));
  }
});

test("a finality proof written by Java verifies from the genesis id alone", () => {
  const { genesisId, proof } = G.finality;
  const f = sdk.verifyFinality(proof, { genesisId: fromHex(genesisId) });
  assert.equal(f.height, 1n);
  assert.equal(toHex(f.blockId), proof.blockHash);
  assert.ok(f.signedStake * 3n >= f.totalStake * 2n);
});

test("a finality proof fails on every kind of tampering, naming the check", () => {
  const { genesisId, proof } = G.finality;
  const trust = { genesisId: fromHex(genesisId) };
  const clone = () => JSON.parse(JSON.stringify(proof));
  const otherGenesis = fromHex(genesisId);
  otherGenesis[0] ^= 1;
  assert.throws(() => sdk.verifyFinality(proof, { genesisId: otherGenesis }), /not the trusted genesis/);

  let p = clone();
  const rec = fromHex(p.genesisSets[0].record);
  rec[rec.length - 1] ^= 1;
  p.genesisSets[0].record = toHex(rec);
  assert.throws(() => sdk.verifyFinality(p, trust), /not under the genesis state root/);

  // Without the genesis sets the certificates' epoch is not established.
  p = clone();
  p.genesisSets = [];
  assert.throws(() => sdk.verifyFinality(p, trust), /whose set the proof does not establish/);

  p = clone();
  p.headers = [p.headers[1], p.headers[0]];
  assert.throws(() => sdk.verifyFinality(p, trust), /proven height|not the child/);

  // The child's certificate with one signer fewer: below two thirds of the stake.
  p = clone();
  const qc = sdk.decodeQc(fromHex(p.qc));
  const fewer = { ...qc, signers: Uint8Array.of(qc.signers[0] & ~1) };
  p.qc = toHex(sdk.encodeQc(fewer));
  assert.throws(() => sdk.verifyFinality(p, trust), /under two thirds/);

  // Same signers claimed, but another signer set's bitmap (one swapped): the signature fails.
  p = clone();
  const idx = sdk.signerIndices(qc.signers);
  const missing = [0, 1, 2, 3].find((i) => !idx.includes(i))!;
  const swapped = idx.slice(1).concat([missing]).sort();
  let bits = 0;
  for (const i of swapped) bits |= 1 << i;
  p.qc = toHex(sdk.encodeQc({ ...qc, signers: Uint8Array.of(bits) }));
  assert.throws(() => sdk.verifyFinality(p, trust), /aggregate signature does not verify/);

  // A header from another round: no 2-chain.
  p = clone();
  const h1 = sdk.decodeHeader(fromHex(p.headers[1]));
  p.headers[1] = toHex(sdk.encodeHeader({ ...h1, round: h1.round + 1n }));
  assert.throws(() => sdk.verifyFinality(p, trust), /no 2-chain/);

  // A tampered state root in the proven header changes its id: the certificates no longer match.
  p = clone();
  const h0 = sdk.decodeHeader(fromHex(p.headers[0]));
  p.headers[0] = toHex(sdk.encodeHeader({ ...h0, stateRoot: new Uint8Array(32) }));
  assert.throws(() => sdk.verifyFinality(p, trust), /not the child/);
});

test("a finality proof crosses a validator-set change through its link", () => {
  const { genesisId, proof } = G.finalityAcrossSets;
  const trust = { genesisId: fromHex(genesisId) };
  const f = sdk.verifyFinality(proof, trust);
  assert.equal(f.height, 5n);
  assert.equal(f.epoch, 2n);
  assert.equal(f.setChanges, 1);
  assert.ok(f.signedStake * 3n >= f.totalStake * 2n);
  const clone = () => JSON.parse(JSON.stringify(proof));

  // Without the link, epoch 2's set is unknown.
  let p = clone();
  p.setChanges = [];
  assert.throws(() => sdk.verifyFinality(p, trust), /epoch 2, whose set the proof does not establish/);

  // A link whose recorded set is not the one under the boundary's state root.
  p = clone();
  const link = sdk.decodeSetChange(fromHex(p.setChanges[0]));
  const forged = { ...link, recordedSet: link.recordedSet.slice() };
  forged.recordedSet[forged.recordedSet.length - 1] ^= 1;
  p.setChanges = [toHex(sdk.encodeSetChange(forged))];
  assert.throws(() => sdk.verifyFinality(p, trust), /not under the set change 0 boundary state root/);

  // A link certified by fewer than two thirds of epoch 1's set.
  p = clone();
  const weak = { ...link, openingQc: { ...link.openingQc, signers: Uint8Array.of(link.openingQc.signers[0] & (link.openingQc.signers[0] - 1)) } };
  p.setChanges = [toHex(sdk.encodeSetChange(weak))];
  assert.throws(() => sdk.verifyFinality(p, trust), /set change 0 certificate has .* under two thirds/);

  // An opening block that is not the boundary's child.
  p = clone();
  const stray = { ...link, opening: { ...link.opening, parent: new Uint8Array(32) } };
  p.setChanges = [toHex(sdk.encodeSetChange(stray))];
  assert.throws(() => sdk.verifyFinality(p, trust), /not a child of epoch 0's last block/);
});
