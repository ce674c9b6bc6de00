"""Compute receipts and fraud proofs from their fields, UTxO parts beside calls, contract arguments
from JSON (all against sdk/vectors/builders.json, written by Java), and coin selection (against the
hand-written sdk/vectors/coin-selection.json and seeded properties)."""
import dataclasses
import json
import pathlib
import random
import unittest

from aether_sdk import codec, compute, hashing, tx
from aether_sdk.args import ContractArgsError, contract_args, decode_return
from aether_sdk.builders import JobCalls, fraud_proof_job, with_utxos
from aether_sdk.codec import AssetAmount, TxOutput, UtxoRef
from aether_sdk.coins import (InsufficientFunds, TooManyInputs, Utxo, asset_name, select_coins,
                              utxo_payment, utxos_from_json, value_from_json)
from aether_sdk.compute import ModelHeader, Opening, StepEvidence, Tensor, WeightSlice
from aether_sdk.errors import CodecError
from aether_sdk.hexutil import from_hex, to_hex
from aether_sdk.keys import KeyPair

from . import fixtures as F

C = F.C
B = F.B
SPEC = json.loads((pathlib.Path(__file__).resolve().parents[2] / "vectors" /
                   "coin-selection.json").read_text())


class Compute(unittest.TestCase):
    def test_tensors_the_header_and_step_evidence_encode_to_javas_bytes(self):
        for t in C["evidence"]["inputs"]:
            self.assertEqual(to_hex(F.tensor_of(t).canonical_bytes()), t["encoding"])
            self.assertEqual(list(Tensor.from_bytes(from_hex(t["encoding"])).bits), t["bits"])
            if all(v is not None for v in t["values"]):
                self.assertEqual(to_hex(F.tensor_of(t, True).canonical_bytes()), t["encoding"])
        h = F.header_of(C["header"])
        self.assertEqual(to_hex(h.encode()), C["header"]["encoding"])
        self.assertEqual(to_hex(h.hash()), C["header"]["hash"])
        self.assertEqual(to_hex(compute.model_hash(h, from_hex(C["weightsRoot"]))), C["modelHash"])
        as_dict = ModelHeader({e["key"]: e["value"] for e in C["header"]["metadata"]}, h.shapes)
        self.assertEqual(to_hex(as_dict.encode()), C["header"]["encoding"])
        self.assertEqual(to_hex(compute.decode_model_header(from_hex(C["header"]["encoding"]))
                                .encode()), C["header"]["encoding"])
        for fv in (False, True):
            self.assertEqual(to_hex(compute.encode_step_evidence(F.evidence_of(C["evidence"], fv))),
                             C["evidence"]["encoding"])
        w = C["evidence"]["weights"][0]
        self.assertEqual(to_hex(compute.tensor_leaf(C["tensorLeaf"]["name"], F.tensor_of(w["tensor"]))),
                         C["tensorLeaf"]["leaf"])
        # Overflowing f32 rounds to an infinity, as Java's (float) cast does.
        self.assertEqual(Tensor.of([2], [1e39, -1e39]).bits, (0x7F800000, 0xFF800000))

    def test_a_receipt_is_signed_encoded_and_verified_as_java_does(self):
        for v in (C["vcr"], C["vcrPlain"]):
            unsigned = F.unsigned_vcr_of(v)
            self.assertEqual(to_hex(compute.vcr_signing_bytes(unsigned)), v["signingBytes"])
            vcr = compute.sign_vcr(unsigned, F.provider_key())
            self.assertEqual(to_hex(vcr.sig), v["sig"])
            self.assertEqual(to_hex(compute.encode_vcr(vcr)), v["encoding"])
            self.assertTrue(compute.verify_vcr(vcr, F.provider_key().public_key))
            self.assertEqual(to_hex(compute.encode_vcr(compute.decode_vcr(from_hex(v["encoding"])))),
                             v["encoding"])
            self.assertFalse(compute.verify_vcr(dataclasses.replace(vcr, seed=vcr.seed ^ 1),
                                                F.provider_key().public_key))
            self.assertFalse(compute.verify_vcr(vcr, KeyPair(bytes([5]) * 32).public_key))
        sub = F.submission()
        self.assertEqual(to_hex(sub.encode()), C["submission"]["encoding"])
        self.assertEqual(to_hex(compute.decode_vcr_submission(
            from_hex(C["submission"]["encoding"])).encode()), C["submission"]["encoding"])
        proof = F.fraud_proof()
        self.assertEqual(to_hex(proof.encode()), C["fraudProof"]["encoding"])
        self.assertEqual(to_hex(compute.decode_fraud_proof(
            from_hex(C["fraudProof"]["encoding"])).encode()), C["fraudProof"]["encoding"])
        self.assertEqual(to_hex(fraud_proof_job(proof)), C["fraudProof"]["jobId"])
        self.assertEqual(to_hex(compute.receipt_commitment(sub, from_hex(C["salt"]))),
                         C["commitment"])

    def test_receipts_and_proofs_of_the_wrong_shape_are_refused(self):
        sub, vcr = F.submission(), F.vcr_of(C["vcr"])
        t = Tensor.of([2], [1, 2])
        r = dataclasses.replace
        bad = {
            "rank 0": lambda: Tensor((), ()),
            "rank 9": lambda: Tensor((1,) * 9, (0,)),
            "shape and data differ": lambda: Tensor.of([2, 2], [1, 2, 3]),
            "zero dimension": lambda: Tensor((0,), ()),
            "bits over u32": lambda: Tensor((1,), (2 ** 32,)),
            "openings without a commitment": lambda: compute.encode_vcr(r(vcr, kzg_commit=None)),
            "openings out of order": lambda: compute.encode_vcr(
                r(vcr, openings=list(reversed(vcr.openings)))),
            "opening index 4096": lambda: compute.encode_vcr(
                r(vcr, openings=[r(vcr.openings[0], index=4096)])),
            "short signature": lambda: compute.encode_vcr(r(vcr, sig=bytes(63))),
            "commitment of 47 bytes": lambda: compute.encode_vcr(r(vcr, kzg_commit=bytes(47))),
            "quote over 16 KiB": lambda: compute.encode_vcr(r(vcr, tee_quote=bytes(16 * 1024 + 1))),
            "five collateral files": lambda: r(sub, collateral=[b"x"] * 5).encode(),
            "data proof of 65 bytes": lambda: r(sub, data_proof=bytes(65)).encode(),
            "five weight slices": lambda: r(sub, last_step=StepEvidence(
                [], [WeightSlice("w", t)] * 5)).encode(),
            "a path of 12": lambda: compute.encode_step_evidence(
                StepEvidence([], [WeightSlice("w", t, [bytes(32)] * 12)])),
            "a duplicate metadata key": lambda: ModelHeader([("a", "1"), ("a", "2")], {}).encode(),
            "a metadata key of 65 bytes": lambda: ModelHeader({"k" * 65: "v"}, {}).encode(),
            "a lone surrogate": lambda: ModelHeader({"\ud800": "v"}, {}).encode(),
            "a tensor of rank 9": lambda: ModelHeader({}, {"w": [1] * 9}).encode(),
            "step 4096": lambda: r(F.fraud_proof(), step=4096).encode(),
            "a receipt for another job": lambda: JobCalls.submit_vcr(bytes(32), sub),
            "a reveal for another job": lambda: JobCalls.reveal_vcr(bytes(32), bytes(32), sub),
            "a salt of 31 bytes": lambda: compute.receipt_commitment(sub, bytes(31)),
        }
        for what, f in bad.items():
            with self.assertRaises(ValueError, msg=what):
                f()

    def test_decoders_refuse_what_the_java_codec_refuses(self):
        enc = from_hex(C["submission"]["encoding"])

        def code(f):
            try:
                f()
            except CodecError as e:
                return e.code
            return "accepted"
        self.assertEqual(code(lambda: compute.decode_vcr_submission(enc[:-1])), "codec.truncated")
        self.assertEqual(code(lambda: compute.decode_vcr_submission(enc + b"\0")),
                         "codec.trailing_bytes")
        self.assertEqual(code(lambda: compute.decode_vcr_submission(b"\x02" + enc[1:])),
                         "codec.non_canonical")
        vcr = from_hex(C["vcr"]["encoding"])
        self.assertEqual(code(lambda: compute.decode_vcr(b"\x02" + vcr[1:])), "codec.unknown_tag")
        h = compute.decode_model_header(from_hex(C["header"]["encoding"]))
        meta = list(h.metadata)
        w = codec.Writer().u8(1).u32(len(meta))
        for k, v in [meta[1], meta[0]] + meta[2:]:
            w.string(k).string(v)
        w.u32(0)
        self.assertEqual(code(lambda: compute.decode_model_header(w.to_bytes())),
                         "codec.non_canonical")
        self.assertEqual(code(lambda: Tensor.from_bytes(bytes([1, 2, 0, 0, 0, 0, 0, 0, 0]))),
                         "codec.non_canonical")
        fp = bytearray(from_hex(C["fraudProof"]["encoding"]))
        at = 33 + len(from_hex(C["header"]["encoding"])) + 32
        fp[at:at + 4] = bytes([0, 0, 0x10, 0])
        self.assertEqual(code(lambda: compute.decode_fraud_proof(bytes(fp))),
                         "codec.length_over_limit")


class UtxoParts(unittest.TestCase):
    def test_refused_shapes(self):
        key = KeyPair.from_seed(from_hex(B["transactions"][0]["seed"]))
        o = dict(chain_id="aether-dev-1", nonce=1, fee_cap=1000, valid_until=10)
        ref = UtxoRef(bytes([7]) * 32, 0)
        transfer = tx.transfer_body(key.address, hashing.AIC, [AssetAmount(hashing.AIC, 1)], **o)
        body = with_utxos(transfer, inputs=[ref], burn=[AssetAmount(hashing.SWR, 1)])
        self.assertEqual(body.writes, transfer.writes)
        self.assertEqual(body.calls, transfer.calls)
        minting = dataclasses.replace(transfer, mint=[AssetAmount(hashing.SWR, 1)])
        bad = [
            lambda: with_utxos(transfer),
            lambda: with_utxos(minting, inputs=[ref]),
            lambda: with_utxos(body, inputs=[ref]),
            lambda: with_utxos(transfer, burn=[AssetAmount(hashing.SWR, -1)]),
            lambda: with_utxos(transfer, burn=[AssetAmount(hashing.SWR, 1 << 128)]),
            lambda: with_utxos(body, burn=[AssetAmount(hashing.SWR, 2)]),
            lambda: with_utxos(transfer, outputs=[TxOutput(key.address, [])] * 257),
        ]
        for i, f in enumerate(bad):
            with self.assertRaises(ValueError, msg=f"case {i}"):
                f()


class ContractArguments(unittest.TestCase):
    def test_javas_bytes_and_javas_refusals_with_javas_messages(self):
        a = B["contractArgs"]
        for c in a["encode"]:
            self.assertEqual(to_hex(contract_args(c["json"], types=c.get("types"))), c["bytes"],
                             c["json"])
        for c in a["refuse"]:
            with self.assertRaises(ContractArgsError, msg=c["json"]) as cm:
                contract_args(c["json"], types=c.get("types"))
            if c["error"].startswith("args is not JSON"):
                self.assertTrue(str(cm.exception).startswith("args is not JSON"), c["json"])
            else:
                self.assertEqual(str(cm.exception), c["error"], c["json"])
        for d in a["decode"]:
            if "error" in d:
                with self.assertRaises(ContractArgsError) as cm:
                    decode_return(from_hex(d["data"]), d["types"])
                self.assertEqual(str(cm.exception), d["error"])
            else:
                self.assertEqual(decode_return(from_hex(d["data"]), d["types"]), d["values"])

    def test_python_values(self):
        addr = "0x" + "ab" * 32
        values = contract_args([addr, 250, "hi", True, {"amount": 10 ** 30},
                                {"u64": "18_446_744_073_709_551_615"}])
        text = contract_args(f'["{addr}", 250, "hi", true, {{"amount": {10 ** 30}}},'
                             ' {"u64": "18_446_744_073_709_551_615"}]')
        self.assertEqual(values, text)
        self.assertEqual(contract_args(["Gold", 1000], types=["string", "amount"]),
                         contract_args([{"string": "Gold"}, {"amount": 1000}]))
        for bad in ([1.5], [None], [[1]], [{}], [{"u8": 1, "u32": 2}], [-1], [{"bytes": b"ab"}],
                    [{"u8": True}]):
            with self.assertRaises(ContractArgsError, msg=repr(bad)):
                contract_args(bad)
        with self.assertRaises(ContractArgsError):
            contract_args({"not": "a list"})
        with self.assertRaises(ContractArgsError):
            contract_args('["a\u0001"]')


def refs(items):
    return [f"{to_hex(u.ref.tx_id)}:{u.ref.index}" for u in items]


def value_json(v):
    return {asset_name(a.asset): str(a.amount) for a in v}


class CoinSelection(unittest.TestCase):
    def test_every_specification_case(self):
        for c in SPEC["cases"]:
            utxos = utxos_from_json(c["utxos"])
            o = c.get("options", {})
            options = dict(
                include_datum=o.get("includeDatum", False),
                exclude=[UtxoRef(from_hex(r["txHash"]), r["index"]) for r in o.get("exclude", [])],
                change_address=from_hex(o["changeAddress"]) if "changeAddress" in o else None)
            if "maxInputs" in o:
                options["max_inputs"] = o["maxInputs"]

            def run():
                return select_coins(utxos, value_from_json(c["target"]), **options)
            if "error" in c:
                e = c["error"]
                with self.assertRaises(ValueError, msg=c["name"]) as cm:
                    run()
                x = cm.exception
                if e["kind"] == "insufficient_funds":
                    self.assertIsInstance(x, InsufficientFunds, c["name"])
                    self.assertEqual((asset_name(x.asset), str(x.available), str(x.needed)),
                                     (e["asset"], e["available"], e["needed"]), c["name"])
                elif e["kind"] == "too_many_inputs":
                    self.assertIsInstance(x, TooManyInputs, c["name"])
                    self.assertEqual(x.max_inputs, e["maxInputs"])
                else:
                    self.assertNotIsInstance(x, (InsufficientFunds, TooManyInputs), c["name"])
                continue
            s = run()
            self.assertEqual(refs(s.inputs), [f"{r['txHash']}:{r['index']}"
                                              for r in c["expect"]["inputs"]], c["name"])
            self.assertEqual(value_json(s.change), c["expect"]["change"], c["name"])
            owner = c["expect"].get("changeOwner", SPEC["owner"])
            if s.change:
                self.assertEqual(len(s.change_outputs), 1, c["name"])
                self.assertEqual(to_hex(s.change_outputs[0].owner), owner, c["name"])
            else:
                self.assertEqual(s.change_outputs, [], c["name"])

    def test_properties_over_seeded_random_wallets(self):
        owner = bytes([1]) * 32
        assets = [hashing.SWR, hashing.AIC, hashing.USDT]
        for seed in range(1, 301):
            rnd = random.Random(seed)
            utxos = []
            for i in range(rnd.randint(1, 40)):
                value = [AssetAmount(a, rnd.randint(1, 1000)) for a in assets if rnd.random() < 0.6]
                tx_id = bytes([rnd.randrange(256), i]) + bytes(30)
                utxos.append(Utxo(UtxoRef(tx_id, rnd.randrange(4)), TxOutput(owner, value)))
            totals = {a: sum(next((x.amount for x in u.output.value if x.asset == a), 0)
                             for u in utxos) for a in assets}
            target = [AssetAmount(a, rnd.randrange(totals[a] + 50)) for a in assets
                      if rnd.random() < 0.7]
            short = [t for t in target if t.amount > totals[t.asset]]
            try:
                s = select_coins(utxos, target)
            except InsufficientFunds:
                self.assertTrue(short, f"seed {seed}: refused though the wallet covers the target")
                continue
            self.assertFalse(short, f"seed {seed}: accepted though short")
            for t in codec.normal_value(target):
                held = next((x.amount for x in s.total if x.asset == t.asset), 0)
                change = next((x.amount for x in s.change if x.asset == t.asset), 0)
                self.assertGreaterEqual(held, t.amount, f"seed {seed}")
                self.assertEqual(held - t.amount, change, f"seed {seed}")
            keys = [(u.ref.tx_id, u.ref.index) for u in s.inputs]
            self.assertEqual(keys, sorted(set(keys)), f"seed {seed}")
            shuffled = utxos[:]
            rnd.shuffle(shuffled)
            self.assertEqual(refs(select_coins(shuffled, target).inputs), refs(s.inputs))
            if len(target) == 1 and target[0].amount > 0:
                amounts = sorted((next((x.amount for x in u.output.value
                                        if x.asset == target[0].asset), 0) for u in utxos),
                                 reverse=True)
                k, acc = 0, 0
                while acc < target[0].amount:
                    acc += amounts[k]
                    k += 1
                self.assertEqual(len(s.inputs), k, f"seed {seed}: not minimal")
                if k > 1:
                    with self.assertRaises(TooManyInputs):
                        select_coins(utxos, target, max_inputs=k - 1)

    def test_change_split_and_utxo_payment(self):
        owner, to = bytes([1]) * 32, bytes([2]) * 32
        many = [AssetAmount(bytes([i + 10]) * 32, 3) for i in range(70)]
        utxos = [Utxo(UtxoRef(bytes([1]) * 32, 0),
                      TxOutput(owner, many + [AssetAmount(hashing.SWR, 100)])),
                 Utxo(UtxoRef(bytes([2]) * 32, 1), TxOutput(owner, [AssetAmount(hashing.SWR, 5)]))]
        s = select_coins(utxos, [AssetAmount(hashing.SWR, 60)])
        self.assertEqual([len(o.value) for o in s.change_outputs], [64, 7])
        o = dict(chain_id="aether-dev-1", nonce=3, fee_cap=1000, valid_until=99)
        pay = [TxOutput(to, [AssetAmount(hashing.SWR, 4)])]
        body, sel = utxo_payment(owner, utxos, pay, **o)
        self.assertEqual([u.ref.index for u in sel.inputs], [1])
        self.assertEqual(body.inputs, [utxos[1].ref])
        self.assertEqual([x.value[0].amount for x in body.outputs], [4, 1])
        self.assertEqual(body.writes, [])
        with self.assertRaises(InsufficientFunds) as cm:
            utxo_payment(owner, utxos, pay, payer_balance=[AssetAmount(hashing.SWR, 999)], **o)
        self.assertEqual(cm.exception.needed, 1000)
        self.assertIn("fee", str(cm.exception))
        with self.assertRaises(InsufficientFunds):
            utxo_payment(owner, utxos, [TxOutput(to, [AssetAmount(hashing.AIC, 1)])], **o)
        with self.assertRaises(ValueError):
            utxo_payment(owner, utxos, [], **o)


if __name__ == "__main__":
    unittest.main()
