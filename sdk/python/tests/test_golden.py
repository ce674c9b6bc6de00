"""The Python SDK against the golden vectors written by the Java codec (sdk/vectors/golden.json)."""
import copy
import json
import pathlib
import unittest

from aether_sdk import codec, finality, hashing, proofs, tx
from aether_sdk.errors import CodecError, VerificationError
from aether_sdk.hexutil import from_hex, to_hex
from aether_sdk.keys import KeyPair, verify_signature

G = json.loads((pathlib.Path(__file__).resolve().parents[2] / "vectors" / "golden.json").read_text())

CODECS = {
    "Value": (codec.read_value, codec.write_value),
    "UtxoRef": (lambda r: codec.UtxoRef(r.fixed("t", 32), r.u32("i")),
                lambda w, u: w.fixed(u.tx_id).u32(u.index)),
    "TxOutput": (codec.read_output, codec._write_output),
    "Call": (codec.read_call, codec.write_call),
    "TxBody": (codec.read_tx_body, codec.write_tx_body),
    "Tx": (codec.read_tx, codec.write_tx),
    "QuorumCert": (codec.read_qc, codec.write_qc),
    "TimeoutCert": (codec._read_tc, codec._write_tc),
    "Header": (codec.read_header, codec.write_header),
    "Event": (codec.read_event, codec.write_event),
    "Receipt": (codec.read_receipt, codec.write_receipt),
    "Block": (codec.read_block, codec.write_block),
}


class GoldenTest(unittest.TestCase):
    def test_every_encoding_round_trips_with_the_same_ids(self):
        n = 0
        for v in G["codec"]:
            read, write = CODECS[v["type"]]
            value = codec.decode(read, from_hex(v["hex"]), v["type"])
            self.assertEqual(to_hex(codec.encode(write, value)), v["hex"], v["type"])
            if v["type"] == "TxBody":
                self.assertEqual(to_hex(hashing.tx_id(value)), v["id"])
            if v["type"] == "Tx":
                self.assertEqual(to_hex(hashing.tx_id(value.body)), v["id"])
            if v["type"] == "Header":
                self.assertEqual(to_hex(hashing.block_id(value)), v["id"])
            if v["type"] == "Block":
                self.assertEqual(to_hex(hashing.block_id(value.header)), v["id"])
            if v["type"] == "Receipt":
                self.assertEqual(to_hex(hashing.receipt_leaf(value)), v["leaf"])
            n += 1
        self.assertEqual(n, len(G["codec"]))

    def test_refuses_what_java_refuses(self):
        b = from_hex(next(v for v in G["codec"] if v["type"] == "TxBody")["hex"])
        for bad, code in ((b + b"\x00", "codec.trailing_bytes"), (b[:-1], "codec.truncated"),
                          (b"\x02" + b[1:], "codec.unknown_tag")):
            with self.assertRaises(CodecError) as e:
                codec.decode(codec.read_tx_body, bad, "TxBody")
            self.assertEqual(e.exception.code, code)
        lo, hi = sorted([hashing.SWR, hashing.AIC])
        for raw in (codec.Writer().u32(2).fixed(hi).u128(1).fixed(lo).u128(1).to_bytes(),
                    codec.Writer().u32(1).fixed(lo).u128(0).to_bytes()):
            with self.assertRaises(CodecError) as e:
                codec.decode(codec.read_value, raw, "Value")
            self.assertEqual(e.exception.code, "codec.non_canonical")

    def test_hashes_and_state_keys(self):
        h = G["hashes"]
        self.assertEqual(to_hex(hashing.SWR), h["assets"]["SWR"])
        self.assertEqual(to_hex(hashing.AIC), h["assets"]["AIC"])
        self.assertEqual(to_hex(hashing.USDT), h["assets"]["USDT"])
        self.assertEqual(to_hex(tx.BANK), h["programs"]["bank"])
        self.assertEqual(to_hex(tx.STAKING), h["programs"]["staking"])
        for a in h["accounts"]:
            addr = hashing.address_of(from_hex(a["publicKey"]))
            self.assertEqual(to_hex(addr), a["address"])
            self.assertEqual(to_hex(hashing.account_key(addr)), a["accountKey"])
            self.assertEqual(to_hex(hashing.utxo_key(addr, 3)), a["utxoKey0"])
        s = h["staking"]
        op, d, k = from_hex(s["operator"]), from_hex(s["delegator"]), tx.StakingKeys
        for got, want in ((k.params(), "params"), (k.registry(), "registry"),
                          (k.validator(op), "validator"), (k.pool(op), "pool"),
                          (k.rewards(op), "rewards"), (k.delegation(op, d), "delegation"),
                          (k.positions(d), "positions"), (k.unbonding(op, 7), "unbonding7"),
                          (k.unbonding_entry(op, d, 7), "unbondingEntry7"),
                          (k.redelegations(op, 7), "redelegations7"),
                          (k.key_owner("bls", bytes(48)), "keyOwnerBls"),
                          (k.epoch_set(0), "epochSet0"), (k.epoch_set(5), "epochSet5")):
            self.assertEqual(to_hex(got), s[want], want)

    def test_keys_and_signatures(self):
        for k in G["keys"]:
            key = KeyPair.from_seed(k["seed"])
            self.assertEqual(to_hex(key.public_key), k["publicKey"])
            self.assertEqual(to_hex(key.address), k["address"])
            self.assertEqual(to_hex(key.sign(from_hex(k["message"]))), k["signature"])
            self.assertTrue(verify_signature(from_hex(k["signature"]), from_hex(k["message"]),
                                             key.public_key))

    def test_every_transaction_kind_builds_and_signs_to_the_java_bytes(self):
        S = tx.Staking
        for t in G["transactions"]:
            key = KeyPair.from_seed(t["seed"])
            opts = dict(chain_id=t["chainId"], nonce=t["nonce"], fee_cap=int(t["feeCap"]),
                        valid_until=t["validUntil"])
            if t["kind"] == "transfer":
                value = [codec.AssetAmount(from_hex(a["asset"]), int(a["amount"]))
                         for a in t["value"]]
                body = tx.transfer_body(key.address, from_hex(t["to"]), value, **opts)
            elif t["kind"].startswith("jobs."):
                J, job = tx.Jobs, from_hex(t["jobId"])
                m, c = from_hex(t["modelHash"]), from_hex(t["codeHash"])
                calls = {
                    "jobs.post": lambda: J.post(m, c, 40, 123_456_789, 30_000, 9_000,
                                                from_hex(t["inputHash"]), t["jobSeed"]),
                    "jobs.post_bare": lambda: J.post(m, c, 1, 1, 1_000, 10),
                    "jobs.accept": lambda: J.accept(job, key.address, int(t["bond"])),
                    "jobs.cancel": lambda: J.cancel(job),
                    "jobs.settle": lambda: J.settle(job),
                    "jobs.expire": lambda: J.expire(job),
                }
                parties = {job: tx.JobParties(from_hex(t["poster"]), from_hex(t["provider"]))}
                body = tx.jobs_body(key.address, [calls[t["kind"]]()], parties.get, **opts)
                self.assertEqual(to_hex(tx.JobsKeys.job_id(from_hex(t["poster"]), 5)), t["jobId"])
            else:
                v = from_hex(t["validator"]) if "validator" in t else bytes(32)
                calls = {
                    "staking.delegate": lambda: S.delegate(v, 1_000_000),
                    "staking.undelegate": lambda: S.undelegate(v, 400),
                    "staking.undelegate_all": lambda: S.undelegate(v, tx.ALL),
                    "staking.redelegate": lambda: S.redelegate(v, from_hex(t["validator2"]), 10),
                    "staking.withdraw": lambda: S.withdraw(v, 3),
                    "staking.claim": lambda: S.claim(v),
                    "staking.edit_commission": lambda: S.edit_commission(750),
                    "staking.unjail": lambda: S.unjail(),
                    "staking.register": lambda: S.register(
                        t["name"], from_hex(t["nodeKey"]), from_hex(t["blsKey"]),
                        from_hex(t["blsPop"]), from_hex(t["vrfKey"]), from_hex(t["coldKey"]),
                        t["commissionBps"], t["maxCommissionBps"], t["maxChangeBps"],
                        int(t["selfBond"])),
                }
                body = tx.staking_body(key.address, [calls[t["kind"]]()], t["epoch"], **opts)
            self.assertEqual(to_hex(codec.encode(codec.write_tx_body, body)), t["body"], t["kind"])
            self.assertEqual(to_hex(hashing.tx_id(body)), t["id"], t["kind"])
            self.assertEqual(to_hex(tx.raw_tx(tx.sign(body, key))), t["signed"], t["kind"])
        self.assertEqual(len(G["transactions"]), 16)

    def test_receipt_proofs(self):
        for tree in G["receiptProofs"]:
            root = from_hex(tree["root"])
            rs = [codec.decode(codec.read_receipt, from_hex(h), "Receipt") for h in tree["receipts"]]
            self.assertEqual(to_hex(proofs.receipts_root(rs)), tree["root"])
            for i, p in enumerate(tree["proofs"]):
                path = [from_hex(x) for x in p["path"]]
                self.assertTrue(proofs.verify_receipt_proof(root, rs[i], p["index"], p["count"], path))
                self.assertFalse(proofs.verify_receipt_proof(root, rs[i], p["index"], p["count"] + 1, path))
                if path:
                    bad = [bytes([path[0][0] ^ 1]) + path[0][1:]] + path[1:]
                    self.assertFalse(proofs.verify_receipt_proof(root, rs[i], p["index"], p["count"], bad))

    def test_state_proofs(self):
        for p in G["smtProofs"]:
            root, addr = from_hex(p["root"]), from_hex(p["address"])
            raw = from_hex(p["raw"]) if p["raw"] else None
            acct = proofs.verify_account(root, addr, raw, from_hex(p["proof"]))
            if raw:
                self.assertEqual(to_hex(proofs.encode_account(acct)), p["raw"])
                with self.assertRaises(VerificationError):
                    proofs.verify_account(root, addr, raw[:-1] + bytes([raw[-1] ^ 1]), from_hex(p["proof"]))
            else:
                self.assertIsNone(acct)
                with self.assertRaises(VerificationError):
                    proofs.verify_account(root, addr, proofs.encode_account(proofs.Account([], 1)),
                                          from_hex(p["proof"]))

    def test_finality_proof_structure_and_stake(self):
        gid = from_hex(G["finality"]["genesisId"])
        proof = G["finality"]["proof"]
        f = finality.verify_finality(proof, gid)
        self.assertEqual(f.height, 1)
        self.assertFalse(f.signatures_checked)
        self.assertGreaterEqual(f.signed_stake * 3, f.total_stake * 2)
        # A caller-supplied BLS check is applied to both certificates.
        calls = []
        finality.verify_finality(proof, gid, lambda k, m, s: calls.append(m) or True)
        self.assertEqual(len(calls), 2)
        with self.assertRaisesRegex(VerificationError, "aggregate signature"):
            finality.verify_finality(proof, gid, lambda k, m, s: False)

    def test_finality_tampering_is_caught(self):
        gid = from_hex(G["finality"]["genesisId"])
        proof = G["finality"]["proof"]
        with self.assertRaisesRegex(VerificationError, "trusted genesis"):
            finality.verify_finality(proof, bytes(32))
        p = copy.deepcopy(proof)
        rec = bytearray(from_hex(p["genesisSets"][0]["record"]))
        rec[-1] ^= 1
        p["genesisSets"][0]["record"] = to_hex(bytes(rec))
        with self.assertRaisesRegex(VerificationError, "not under the genesis state root"):
            finality.verify_finality(p, gid)
        p = copy.deepcopy(proof)
        p["genesisSets"] = []
        with self.assertRaisesRegex(VerificationError, "does not establish"):
            finality.verify_finality(p, gid)
        p = copy.deepcopy(proof)
        qc = codec.decode(codec.read_qc, from_hex(p["qc"]), "QuorumCert")
        qc.signers = bytes([qc.signers[0] & ~1])
        p["qc"] = to_hex(codec.encode(codec.write_qc, qc))
        with self.assertRaisesRegex(VerificationError, "under two thirds"):
            finality.verify_finality(p, gid)
        p = copy.deepcopy(proof)
        h = codec.decode(codec.read_header, from_hex(p["headers"][1]), "Header")
        h.round += 1
        p["headers"][1] = to_hex(codec.encode(codec.write_header, h))
        with self.assertRaisesRegex(VerificationError, "no 2-chain"):
            finality.verify_finality(p, gid)

    def test_finality_across_a_set_change(self):
        gid = from_hex(G["finalityAcrossSets"]["genesisId"])
        proof = G["finalityAcrossSets"]["proof"]
        calls = []
        f = finality.verify_finality(proof, gid, lambda k, m, s: calls.append(m) or True)
        self.assertEqual((f.height, f.epoch, f.set_changes), (5, 2, 1))
        self.assertEqual(len(calls), 3)  # the link's certificate, then the parent's and child's
        p = copy.deepcopy(proof)
        p["setChanges"] = []
        with self.assertRaisesRegex(VerificationError, "epoch 2, whose set"):
            finality.verify_finality(p, gid)
        link = codec.decode(codec.read_set_change, from_hex(proof["setChanges"][0]), "SetChange")
        forged = copy.deepcopy(link)
        forged.recorded_set = forged.recorded_set[:-1] + bytes([forged.recorded_set[-1] ^ 1])
        p["setChanges"] = [to_hex(codec.encode(codec.write_set_change, forged))]
        with self.assertRaisesRegex(VerificationError, "set change 0 boundary state root"):
            finality.verify_finality(p, gid)
        stray = copy.deepcopy(link)
        stray.opening.parent = bytes(32)
        p["setChanges"] = [to_hex(codec.encode(codec.write_set_change, stray))]
        with self.assertRaisesRegex(VerificationError, "not a child of epoch 0"):
            finality.verify_finality(p, gid)


if __name__ == "__main__":
    unittest.main()
