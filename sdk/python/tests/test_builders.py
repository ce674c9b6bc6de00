"""The typed builders against the vectors the Java builders write (sdk/vectors/builders.json):
registerProvider, submitVCR, commitOutput, revealVCR, challengeVCR, challengeReplica, postJobSpec,
settleStable, observePrice, UTxO spends, contract deploy and call, every AMM call and every governance call must encode, hash and sign to
the same bytes; malformed inputs are refused."""
import dataclasses
import json
import pathlib
import unittest

from aether_sdk import codec, hashing, tx
from aether_sdk.amm import AMM, AddLiquidity, Amm, AmmKeys, RemoveLiquidity, amm_body
from aether_sdk.builders import (Contracts, JobCalls, ProviderRegistration, contract_call_body,
                                 contract_id, created_utxos, deploy_body, fraud_proof_job,
                                 utxo_body, utxo_writes)
from aether_sdk.codec import AssetAmount, Call, TxOutput, UtxoRef
from aether_sdk.governance import (GOVERNANCE, Gov, ParamChange, Payment, SoftwareUpgrade,
                                   TreasurySpend, gov_body)
from aether_sdk.args import contract_args
from aether_sdk.builders import with_utxos
from aether_sdk.compute import receipt_commitment
from aether_sdk.hexutil import from_hex, to_hex
from aether_sdk.keys import KeyPair

from . import fixtures

B = json.loads((pathlib.Path(__file__).resolve().parents[2] / "vectors" / "builders.json")
               .read_text())
I = B["inputs"]
TXS = B["transactions"]


def amm_call(c):
    m = c["method"]
    if m == "create":
        return Amm.create(from_hex(c["a"]), from_hex(c["b"]))
    if m == "add":
        return Amm.add(AddLiquidity(from_hex(c["a"]), from_hex(c["b"]), int(c["desiredA"]),
                                    int(c["desiredB"]), int(c["minA"]), int(c["minB"]),
                                    c["deadline"]))
    if m == "remove":
        return Amm.remove(RemoveLiquidity(from_hex(c["a"]), from_hex(c["b"]), int(c["shares"]),
                                          int(c["minA"]), int(c["minB"]), c["deadline"]))
    f = Amm.swap_exact_in if m == "swap_exact_in" else Amm.swap_exact_out
    return f([from_hex(p) for p in c["path"]], int(c["amount"]), int(c["limit"]), c["deadline"])


def proposal(p):
    if p["kind"] == "param_change":
        return ParamChange([(c["param"], c["value"]) for c in p["changes"]])
    if p["kind"] == "software_upgrade":
        return SoftwareUpgrade(p["version"], p["height"], p["release"])
    return TreasurySpend([Payment(from_hex(x["to"]), from_hex(x["asset"]), int(x["amount"]))
                          for x in p["payments"]])


def build(t, key):
    o = dict(chain_id=t["chainId"], nonce=t["nonce"], fee_cap=int(t["feeCap"]),
             valid_until=t["validUntil"])
    job = from_hex(I["jobId"])
    kind = t["kind"]
    if kind.startswith("amm."):
        calls = []
        for c in t["calls"]:
            call = amm_call(c)
            assert to_hex(call.args) == c["args"], (kind, c["method"])
            calls.append(call)
        return amm_body(key.address, calls, **o)
    if kind.startswith("gov."):
        if kind.startswith("gov.submit."):
            call = Gov.submit(proposal(t["proposal"]), t["title"], t["description"],
                              int(t["deposit"]))
        elif kind == "gov.deposit":
            call = Gov.deposit(t["proposal"], int(t["amount"]))
        else:
            call = Gov.vote(t["proposal"], t["option"])
        assert to_hex(call.args) == t["args"], kind
        return gov_body(key.address, call, t.get("nextId", 0), **o)
    if kind.startswith("jobs.typed."):
        # Receipts and fraud proofs built from their fields (compute.py), not carried as bytes.
        c = B["compute"]
        sub, proof, salt = fixtures.submission(), fixtures.fraud_proof(), from_hex(c["salt"])
        commitment = receipt_commitment(sub, salt)
        assert to_hex(commitment) == c["commitment"]
        j = sub.vcr.job_id
        call = {
            "jobs.typed.submit_vcr": lambda: JobCalls.submit_vcr(j, sub),
            "jobs.typed.commit_output": lambda: JobCalls.commit_output(j, commitment),
            "jobs.typed.reveal_vcr": lambda: JobCalls.reveal_vcr(j, salt, sub),
            "jobs.typed.challenge_vcr": lambda: JobCalls.challenge_vcr(proof),
            "jobs.typed.challenge_replica": lambda: JobCalls.challenge_replica(
                from_hex(c["replica"]), proof),
        }[kind]()
        assert to_hex(call.args) == t["args"], kind
        parties = (tx.JobParties(from_hex(c["poster"]), sub.vcr.provider)
                   if t["parties"] == "single" else
                   tx.JobParties(from_hex(c["poster"]), None,
                                 (sub.vcr.provider, from_hex(c["replica"]))))
        return tx.jobs_body(key.address, [call], lambda i: parties if i == j else None, **o)
    if kind in ("utxo.spend_transfer_burn", "utxo.burn_with_change", "utxo.amm_swap_and_output"):
        # UTxO parts added to another builder's body (a transfer, an AMM swap) or to none.
        ins = [UtxoRef(from_hex(r["txId"]), r["index"]) for r in t["inputs"]]
        outs = fixtures.outputs_of(t["outputs"])
        burn = fixtures.value_of(t["burn"])
        if kind == "utxo.burn_with_change":
            return utxo_body(key.address, ins, outs, burn=burn, **o)
        if kind == "utxo.spend_transfer_burn":
            base = tx.transfer_body(key.address, from_hex(t["dave"]),
                                    [AssetAmount(hashing.AIC, 77)], **o)
        else:
            base = amm_body(key.address,
                            [Amm.swap_exact_in([hashing.SWR, hashing.AIC], 5000, 1, 9999)], **o)
        assert to_hex(codec.encode(codec.write_tx_body, base)) == t["base"], kind
        return with_utxos(base, inputs=ins, outputs=outs, burn=burn)
    if kind == "contract.call_json_args":
        call = Contracts.call(from_hex(t["contract"]), t["method"], contract_args(t["json"]))
        assert to_hex(call.args) == t["args"], kind
        return contract_call_body(key.address, call, writes=[from_hex(t["write"])], **o)
    if kind.startswith("utxo."):
        ins = [UtxoRef(from_hex(r["txId"]), r["index"]) for r in t["inputs"]]
        outs = [TxOutput(from_hex(x["owner"]),
                         [AssetAmount(from_hex(a["asset"]), int(a["amount"])) for a in x["value"]],
                         from_hex(x["datum"]) if "datum" in x else None) for x in t["outputs"]]
        return utxo_body(key.address, ins, outs, valid_from=t["validFrom"], **o)
    if kind.startswith("jobs.post_job_spec."):
        x = t["terms"]
        call = tx.Jobs.post_spec(
            from_hex(x["modelHash"]), from_hex(x["codeHash"]), x["jUnits"], int(x["maxPrice"]),
            x["slaMs"], x["deadlineSlot"],
            from_hex(x["inputHash"]) if "inputHash" in x else None, x.get("seed"),
            replicas=t["replicas"], job_input=from_hex(t["input"]) if "input" in t else None)
        assert to_hex(call.args) == t["args"], kind
        assert to_hex(tx.JobsKeys.job_id(key.address, t["nonce"])) == t["jobId"]
        return tx.jobs_body(key.address, [call], lambda _: None, **o)
    if kind.startswith("jobs.register_provider."):
        r = t["registration"]
        reg = ProviderRegistration(
            key=from_hex(r["key"]), kind=r["kind"],
            measurements=[from_hex(m) for m in r["measurements"]],
            code_hashes=[from_hex(c) for c in r["codeHashes"]],
            min_tcb=from_hex(r["minTcb"]) if "minTcb" in r else None,
            dev_key=from_hex(r["devKey"]) if "devKey" in r else None)
        return tx.jobs_body(key.address, [JobCalls.register_provider(reg)], lambda _: None, **o)
    if kind.startswith("jobs."):
        sub, proof = from_hex(I["submission"]), from_hex(I["fraudProof"])
        calls = {
            "jobs.submit_vcr": lambda: JobCalls.submit_vcr(job, sub),
            "jobs.challenge_vcr": lambda: JobCalls.challenge_vcr(proof),
            "jobs.challenge_vcr_unknown_job": lambda: JobCalls.challenge_vcr(proof),
            "jobs.commit_output": lambda: JobCalls.commit_output(job, from_hex(I["commitment"])),
            "jobs.reveal_vcr": lambda: JobCalls.reveal_vcr(job, from_hex(I["salt"]), sub),
            "jobs.challenge_replica": lambda: JobCalls.challenge_replica(from_hex(I["replica"]),
                                                                         proof),
            "jobs.settle_stable": lambda: tx.Jobs.settle_stable(job),
            "jobs.settle_stable_unknown_job": lambda: tx.Jobs.settle_stable(job),
            "jobs.observe_price": lambda: tx.Jobs.observe_price(),
        }
        parties = {
            "single": tx.JobParties(from_hex(I["poster"]), from_hex(I["provider"])),
            "replicated": tx.JobParties(from_hex(I["poster"]), None,
                                        (from_hex(I["provider"]), from_hex(I["replica"]))),
            "none": None,
        }[t["parties"]]
        return tx.jobs_body(key.address, [calls[kind]()],
                            lambda i: parties if i == job else None, **o)
    if kind == "contract.deploy":
        assert to_hex(contract_id(from_hex(t["code"]))) == t["contractId"]
        return deploy_body(key.address, from_hex(t["code"]), **o)
    call = Contracts.call(from_hex(t["contract"]), t["method"], from_hex(t["args"]))
    deposit = ([AssetAmount(hashing.AIC, 250), AssetAmount(hashing.SWR, 3)]
               if kind == "contract.call_deposit" else None)
    return contract_call_body(key.address, call, reads=[from_hex(t["read"])],
                              writes=[from_hex(t["write"])], deposit=deposit, **o)


class BuilderVectors(unittest.TestCase):
    def test_every_typed_builder_builds_and_signs_to_the_java_bytes(self):
        for t in TXS:
            key = KeyPair.from_seed(from_hex(t["seed"]))
            body = build(t, key)
            self.assertEqual(to_hex(codec.encode(codec.write_tx_body, body)), t["body"], t["kind"])
            self.assertEqual(to_hex(hashing.tx_id(body)), t["id"], t["kind"])
            self.assertEqual(to_hex(codec.encode_tx(tx.sign(body, key))), t["signed"], t["kind"])
        self.assertEqual(len(TXS), 41)
        kinds = {".".join(t["kind"].split(".")[:2]) for t in TXS}
        for k in ("amm.create", "amm.add", "amm.remove", "amm.swap_exact_in",
                  "amm.swap_exact_out", "gov.submit", "gov.deposit", "gov.vote",
                  "jobs.post_job_spec", "jobs.settle_stable", "jobs.observe_price", "utxo.spend",
                  "utxo.fund", "jobs.typed", "utxo.spend_transfer_burn", "utxo.burn_with_change",
                  "utxo.amm_swap_and_output", "contract.call_json_args"):
            self.assertIn(k, kinds)

    def test_a_utxo_transactions_implicit_keys_and_created_outputs_are_javas(self):
        utxo = [t for t in TXS if t["kind"] in ("utxo.spend", "utxo.fund")]
        self.assertEqual(len(utxo), 2)
        for t in utxo:
            key = KeyPair.from_seed(from_hex(t["seed"]))
            body = build(t, key)
            self.assertEqual((body.reads, body.writes), ([], []))
            for r in t["inputs"]:
                self.assertEqual(to_hex(hashing.utxo_key(from_hex(r["txId"]), r["index"])),
                                 r["key"])
            created = created_utxos(body)
            self.assertEqual(len(created), len(t["outputs"]))
            for r, x in zip(created, t["outputs"]):
                self.assertEqual(to_hex(r.tx_id), t["id"])
                self.assertEqual(to_hex(hashing.utxo_key(r.tx_id, r.index)), x["key"])
            expected = sorted([to_hex(hashing.account_key(key.address))]
                              + [r["key"] for r in t["inputs"]] + [x["key"] for x in t["outputs"]])
            self.assertEqual([to_hex(k) for k in utxo_writes(body)], expected)

    def test_malformed_utxo_spends_settle_stable_and_observe_price_are_refused(self):
        key = KeyPair.from_seed(from_hex(TXS[0]["seed"]))
        o = dict(chain_id="aether-dev-1", nonce=1, fee_cap=1000, valid_until=10)
        ref = UtxoRef(bytes([7]) * 32, 0)
        out = TxOutput(key.address, [AssetAmount(hashing.SWR, 5)])
        utxo_body(key.address, [ref], [out], **o)
        bad = [
            ([], []),
            ([ref, UtxoRef(ref.tx_id, 0)], [out]),
            ([UtxoRef(bytes(31), 0)], [out]),
            ([UtxoRef(ref.tx_id, 256)], [out]),
            ([UtxoRef(ref.tx_id, -1)], [out]),
            ([UtxoRef(ref.tx_id, True)], [out]),
            ([UtxoRef(bytes([i % 256]) * 32, i >> 8) for i in range(257)], [out]),
            ([ref], [out] * 257),
            ([ref], [TxOutput(bytes(33), out.value)]),
            ([ref], [TxOutput(key.address, [AssetAmount(hashing.SWR, -1)])]),
            ([ref], [TxOutput(key.address, [AssetAmount(hashing.SWR, 1 << 128)])]),
            ([ref], [TxOutput(key.address, [AssetAmount(hashing.SWR, 1),
                                            AssetAmount(hashing.SWR, 2)])]),
            ([ref], [TxOutput(key.address, out.value, bytes(16 * 1024 + 1))]),
        ]
        for ins, outs in bad:
            with self.assertRaises(ValueError):
                utxo_body(key.address, ins, outs, **o)
        # The largest datum and 256 outputs are accepted.
        utxo_body(key.address, [], [TxOutput(key.address, out.value, bytes(16 * 1024))], **o)
        utxo_body(key.address, [], [out] * 256, **o)

        def none(_):
            return None
        with self.assertRaises(ValueError):
            tx.Jobs.settle_stable(bytes(31))
        for method, args in (("settleStable", bytes(33)), ("settleStable", b""),
                             ("observePrice", b"\x00")):
            with self.assertRaises(ValueError, msg=method):
                tx.jobs_body(key.address, [Call(tx.JOBS, method, args)], none, **o)

    def test_the_amm_keys_are_javas_a_pool_in_either_order(self):
        k = B["ammKeys"]
        self.assertEqual(to_hex(AmmKeys.pool(hashing.USDT, hashing.AIC)), k["pool"])
        self.assertEqual(to_hex(AmmKeys.pool(hashing.AIC, hashing.USDT)), k["poolReversed"])
        self.assertEqual(to_hex(AmmKeys.lp_asset(hashing.AIC, hashing.USDT)), k["lpAsset"])
        self.assertEqual(to_hex(AmmKeys.registry()), k["registry"])
        self.assertEqual(to_hex(AmmKeys.params()), k["params"])

    def test_the_job_of_a_fraud_proof_is_read_from_its_bytes(self):
        self.assertEqual(to_hex(fraud_proof_job(from_hex(I["fraudProof"]))), I["jobId"])

    def test_malformed_inputs_are_refused(self):
        good = ProviderRegistration(key=bytes(32), kind="dev", measurements=[bytes(48)],
                                    code_hashes=[bytes(32)], dev_key=bytes(32))
        JobCalls.register_provider(good)
        for change in (dict(measurements=[bytes(47)]), dict(measurements=[]),
                       dict(measurements=[bytes(48)] * 17), dict(code_hashes=[bytes(31)]),
                       dict(dev_key=None), dict(kind="sev_snp"), dict(min_tcb=bytes(17)),
                       dict(key=bytes(31)), dict(kind="sgx")):
            with self.assertRaises(ValueError, msg=str(change)):
                JobCalls.register_provider(dataclasses.replace(good, **change))
        proof = bytearray(from_hex(I["fraudProof"]))
        proof[0] = 2
        with self.assertRaises(ValueError):
            JobCalls.challenge_vcr(bytes(proof))
        with self.assertRaises(ValueError):
            JobCalls.challenge_vcr(from_hex(I["fraudProof"])[:20])
        with self.assertRaises(ValueError):
            JobCalls.submit_vcr(from_hex(I["jobId"]), bytes([2, 0, 0]))
        with self.assertRaises(ValueError):
            Contracts.call(bytes(32), "")
        with self.assertRaises(ValueError):
            Contracts.deploy(b"")
        with self.assertRaises(ValueError):
            tx.jobs_body(bytes(32), [Call(tx.JOBS, "mint", bytes(32))], lambda _: None,
                         chain_id="c", nonce=0, fee_cap=1, valid_until=1)


OPTS = dict(chain_id="c", nonce=0, fee_cap=1, valid_until=1)


class MalformedProgramCalls(unittest.TestCase):
    def test_malformed_amm_calls_are_refused(self):
        a, u, s, g = hashing.AIC, hashing.USDT, hashing.SWR, bytes([7]) * 32
        add = AddLiquidity(a, u, 1, 1, 0, 0, 1)
        Amm.add(add)
        bad = [
            lambda: Amm.create(a, bytes(a)),
            lambda: Amm.create(a, bytes(31)),
            lambda: Amm.add(dataclasses.replace(add, b=a)),
            lambda: Amm.add(dataclasses.replace(add, desired_a=0)),
            lambda: Amm.add(dataclasses.replace(add, min_b=-1)),
            lambda: Amm.add(dataclasses.replace(add, desired_b=1 << 128)),
            lambda: Amm.remove(RemoveLiquidity(a, u, 0, 0, 0, 1)),
            lambda: Amm.swap_exact_in([a], 1, 0, 1),
            lambda: Amm.swap_exact_in([a, u, s, g, bytes(32)], 1, 0, 1),
            lambda: Amm.swap_exact_in([a, u, a], 1, 0, 1),
            lambda: Amm.swap_exact_out([a, u], 0, 5, 1),
            lambda: Amm.swap_exact_out([a, u], 1, 5, 1 << 64),
            lambda: amm_body(a, [Gov.vote(1, "yes")], **OPTS),
            lambda: amm_body(a, [Call(AMM, "mint", bytes(64))], **OPTS),
            lambda: amm_body(a, [Call(AMM, "swap_exact_in", bytes([0, 0, 0, 9]))], **OPTS),
        ]
        for i, f in enumerate(bad):
            with self.assertRaises(ValueError, msg=f"case {i}"):
                f()
        body = amm_body(a, [Amm.swap_exact_in([s, a, u], 5, 1, 9)], **OPTS)
        self.assertEqual(sorted(body.writes),
                         sorted([hashing.account_key(a), AmmKeys.pool(s, a), AmmKeys.pool(a, u)]))
        self.assertEqual(body.reads, [])

    def test_malformed_governance_calls_are_refused(self):
        def params(n, p="fees.a", v="1"):
            return ParamChange([(p, v)] * n)

        def spend(amount):
            return TreasurySpend([Payment(hashing.AIC, hashing.SWR, amount)])

        Gov.submit(params(16), "t", "", 0)
        bad = [
            lambda: Gov.submit(params(1), " \t\n", "", 1),
            lambda: Gov.submit(params(1), "", "", 1),
            lambda: Gov.submit(params(1), "\u00e9" * 71, "", 1),
            lambda: Gov.submit(params(1), "t", "x" * 4097, 1),
            lambda: Gov.submit(params(0), "t", "", 1),
            lambda: Gov.submit(params(17), "t", "", 1),
            lambda: Gov.submit(params(1, ""), "t", "", 1),
            lambda: Gov.submit(params(1, "fees.a", "9" * 65), "t", "", 1),
            lambda: Gov.submit(SoftwareUpgrade(0, 10, "r"), "t", "", 1),
            lambda: Gov.submit(SoftwareUpgrade(1 << 31, 10, "r"), "t", "", 1),
            lambda: Gov.submit(SoftwareUpgrade(2, 0, "r"), "t", "", 1),
            lambda: Gov.submit(SoftwareUpgrade(2, 10, "r" * 129), "t", "", 1),
            lambda: Gov.submit(spend(0), "t", "", 1),
            lambda: Gov.submit(TreasurySpend([]), "t", "", 1),
            lambda: Gov.submit(TreasurySpend(list(spend(1).payments) * 17), "t", "", 1),
            lambda: Gov.submit("veto_all", "t", "", 1),
            lambda: Gov.submit(params(1), "t", "", -1),
            lambda: Gov.deposit(1, 0),
            lambda: Gov.vote(1, "maybe"),
            lambda: Gov.vote(-1, "yes"),
            lambda: gov_body(hashing.AIC, Amm.create(hashing.AIC, hashing.USDT), 0, **OPTS),
            lambda: gov_body(hashing.AIC, Call(GOVERNANCE, "tally", bytes(8)), 0, **OPTS),
            lambda: gov_body(hashing.AIC, Call(GOVERNANCE, "vote", bytes(3)), 0, **OPTS),
        ]
        for i, f in enumerate(bad):
            with self.assertRaises(ValueError, msg=f"case {i}"):
                f()
        # Java's isBlank: a non-breaking space is not whitespace, so that title is accepted.
        Gov.submit(params(1), "\u00a0", "", 1)

    def test_malformed_job_specs_are_refused(self):
        t = (bytes(32), bytes(32), 1, 1, 1, 1, bytes(32), 1)
        tx.Jobs.post_spec(*t, replicas=5, job_input=bytes(4096))
        for r in (0, 2, 6, True):
            with self.assertRaises(ValueError, msg=f"replicas {r}"):
                tx.Jobs.post_spec(*t, replicas=r)
        with self.assertRaises(ValueError):
            tx.Jobs.post_spec(*t[:7], None, replicas=3)
        with self.assertRaises(ValueError):
            tx.Jobs.post_spec(*t[:6], None, 1, replicas=3)
        with self.assertRaises(ValueError):
            tx.Jobs.post_spec(*t, replicas=1, job_input=bytes(4097))
        tx.Jobs.post_spec(*t[:6], replicas=1)


if __name__ == "__main__":
    unittest.main()
