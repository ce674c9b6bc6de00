"""The typed builders against the vectors the Java builders write (sdk/vectors/builders.json):
registerProvider, submitVCR, commitOutput, revealVCR, challengeVCR, challengeReplica, contract
deploy and call must encode, hash and sign to the same bytes; malformed inputs are refused."""
import dataclasses
import json
import pathlib
import unittest

from aether_sdk import codec, hashing, tx
from aether_sdk.builders import (Contracts, JobCalls, ProviderRegistration, contract_call_body,
                                 contract_id, deploy_body, fraud_proof_job)
from aether_sdk.codec import AssetAmount, Call
from aether_sdk.hexutil import from_hex, to_hex
from aether_sdk.keys import KeyPair

B = json.loads((pathlib.Path(__file__).resolve().parents[2] / "vectors" / "builders.json")
               .read_text())
I = B["inputs"]


def build(t, key):
    o = dict(chain_id=t["chainId"], nonce=t["nonce"], fee_cap=int(t["feeCap"]),
             valid_until=t["validUntil"])
    job = from_hex(I["jobId"])
    kind = t["kind"]
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
        for t in B["transactions"]:
            key = KeyPair.from_seed(from_hex(t["seed"]))
            body = build(t, key)
            self.assertEqual(to_hex(codec.encode(codec.write_tx_body, body)), t["body"], t["kind"])
            self.assertEqual(to_hex(hashing.tx_id(body)), t["id"], t["kind"])
            self.assertEqual(to_hex(codec.encode_tx(tx.sign(body, key))), t["signed"], t["kind"])
        self.assertEqual(len(B["transactions"]), 11)

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


if __name__ == "__main__":
    unittest.main()
