// Blocks' own receipts and value events against the Java-written vectors (golden.json,
// "blockReceipts"; docs/adr/0053, 0054).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as sdk from "../src/index.js";

const G = JSON.parse(readFileSync(new URL("../../../vectors/golden.json", import.meta.url), "utf8")).blockReceipts;
const { fromHex, toHex } = sdk;

test("value events decode to Java's fields and re-encode byte for byte, in their event form too", () => {
  const kinds = new Set<string>();
  for (const v of G.valueEvents) {
    const e = sdk.decodeValueEvent(fromHex(v.hex));
    assert.equal(toHex(sdk.encodeValueEvent(e)), v.hex);
    assert.equal(e.kind, v.kind);
    assert.equal(e.account === undefined ? null : toHex(e.account), v.account);
    assert.equal(toHex(e.asset), v.asset);
    assert.equal(e.amount.toString(), v.amount);
    assert.equal(e.cause, v.cause);
    assert.equal(toHex(e.ref), v.ref);
    const ev = sdk.valueEventToEvent(fromHex(v.emitter), e);
    assert.equal(toHex(sdk.encode(sdk.writeEvent, ev)), v.event);
    assert.deepEqual(sdk.valueEventOf(ev), e);
    assert.equal(sdk.balanceDelta(e), e.kind === "credit" ? e.amount : e.kind === "debit" ? -e.amount : 0n);
    kinds.add(e.kind);
  }
  assert.deepEqual([...kinds].sort(), ["burn", "credit", "debit", "slash"]);
});

test("value events refuse what Java refuses", () => {
  const credit = G.valueEvents.find((v: any) => v.kind === "credit");
  const burn = G.valueEvents.find((v: any) => v.kind === "burn");
  const b = fromHex(credit.hex);
  const asBurn = b.slice();
  asBurn[0] = 2; // a burn that names an account
  assert.throws(() => sdk.decodeValueEvent(asBurn), /codec.non_canonical/);
  const unknown = fromHex(burn.hex);
  unknown[0] = 4;
  assert.throws(() => sdk.decodeValueEvent(unknown), /codec.unknown_tag/);
  assert.throws(() => sdk.decodeValueEvent(sdk.concat(b, Uint8Array.of(0))), /codec.trailing_bytes/);
  const e = sdk.decodeValueEvent(b);
  assert.throws(() => sdk.encodeValueEvent({ ...e, cause: "Refund" }), /codec.non_canonical/);
  assert.throws(() => sdk.encodeValueEvent({ ...e, amount: 0n }), /codec.non_canonical/);
  // A value topic whose data is another kind, and a topic that is no kind.
  const lying = { emitter: new Uint8Array(32), topic: sdk.utf8("debit"), data: b };
  assert.throws(() => sdk.valueEventOf(lying), /codec.non_canonical/);
  assert.equal(sdk.valueEventOf({ emitter: new Uint8Array(32), topic: sdk.utf8("transfer"), data: b }), undefined);
});

test("block receipts: Java's bytes and leaves; the header's root is the receipts then the block's own", () => {
  for (const tree of G.trees) {
    const own = sdk.decodeBlockReceipt(fromHex(tree.blockReceipt));
    assert.equal(toHex(sdk.encodeBlockReceipt(own)), tree.blockReceipt);
    assert.equal(toHex(sdk.blockReceiptLeaf(own)), tree.blockReceiptLeaf);
    const receipts = tree.receipts.map((h: string) => sdk.decodeReceipt(fromHex(h)));
    const root = fromHex(tree.root);
    assert.equal(toHex(sdk.blockReceiptsRoot(receipts, own)), tree.root);
    assert.notEqual(toHex(sdk.receiptsRoot(receipts)), tree.root);
    tree.proofs.forEach((p: any, i: number) => {
      const proof = { index: p.index, count: p.count, path: p.path.map(fromHex) };
      if (i < receipts.length) {
        assert.ok(sdk.verifyReceiptProof(root, receipts[i], proof));
        assert.ok(!sdk.verifyBlockReceiptProof(root, own, proof));
      } else {
        assert.ok(sdk.verifyBlockReceiptProof(root, own, proof));
        // Another height, or one event fewer, is not the committed receipt.
        assert.ok(!sdk.verifyBlockReceiptProof(root, { ...own, height: own.height + 1n }, proof));
        if (own.events.length > 0) {
          assert.ok(!sdk.verifyBlockReceiptProof(root, { ...own, events: own.events.slice(1) }, proof));
        }
        assert.ok(!sdk.verifyBlockReceiptProof(root, own, { ...proof, count: p.count + 1 }));
      }
    });
  }
  assert.throws(() => sdk.decodeBlockReceipt(new sdk.Writer().u64(0n).u32(0).toBytes()), /codec.non_canonical/);
});
