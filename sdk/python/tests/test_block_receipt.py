"""Blocks' own receipts and value events against the Java-written vectors (golden.json,
"blockReceipts"; docs/adr/0053, 0054)."""
import dataclasses
import json
import pathlib
import unittest

from aether_sdk import block_receipt as br
from aether_sdk import codec, proofs
from aether_sdk.codec import Event, Writer
from aether_sdk.errors import CodecError
from aether_sdk.hexutil import from_hex, to_hex

G = json.loads((pathlib.Path(__file__).resolve().parents[2] / "vectors" / "golden.json")
               .read_text())["blockReceipts"]


class BlockReceiptTest(unittest.TestCase):
    def test_value_events_decode_to_javas_fields_and_reencode(self):
        kinds = set()
        for v in G["valueEvents"]:
            e = br.decode_value_event(from_hex(v["hex"]))
            self.assertEqual(to_hex(br.encode_value_event(e)), v["hex"])
            self.assertEqual(e.kind, v["kind"])
            self.assertEqual(None if e.account is None else to_hex(e.account), v["account"])
            self.assertEqual(to_hex(e.asset), v["asset"])
            self.assertEqual(str(e.amount), v["amount"])
            self.assertEqual(e.cause, v["cause"])
            self.assertEqual(to_hex(e.ref), v["ref"])
            ev = br.value_event_to_event(from_hex(v["emitter"]), e)
            self.assertEqual(to_hex(codec.encode(codec.write_event, ev)), v["event"])
            self.assertEqual(br.value_event_of(ev), e)
            expected = {"credit": e.amount, "debit": -e.amount}.get(e.kind, 0)
            self.assertEqual(e.balance_delta(), expected)
            kinds.add(e.kind)
        self.assertEqual(kinds, {"credit", "debit", "burn", "slash"})

    def test_value_events_refuse_what_java_refuses(self):
        credit = from_hex(next(v for v in G["valueEvents"] if v["kind"] == "credit")["hex"])
        burn = from_hex(next(v for v in G["valueEvents"] if v["kind"] == "burn")["hex"])
        as_burn = bytearray(credit)
        as_burn[0] = 2  # a burn that names an account
        with self.assertRaisesRegex(CodecError, "non_canonical"):
            br.decode_value_event(bytes(as_burn))
        unknown = bytearray(burn)
        unknown[0] = 4
        with self.assertRaisesRegex(CodecError, "unknown_tag"):
            br.decode_value_event(bytes(unknown))
        with self.assertRaisesRegex(CodecError, "trailing_bytes"):
            br.decode_value_event(credit + b"\x00")
        e = br.decode_value_event(credit)
        for bad in (dataclasses.replace(e, cause="Refund"), dataclasses.replace(e, amount=0)):
            with self.assertRaisesRegex(CodecError, "non_canonical"):
                br.encode_value_event(bad)
        with self.assertRaisesRegex(CodecError, "non_canonical"):
            br.value_event_of(Event(bytes(32), b"debit", credit))
        self.assertIsNone(br.value_event_of(Event(bytes(32), b"transfer", credit)))

    def test_block_receipts_are_the_last_leaf_of_the_headers_root(self):
        for tree in G["trees"]:
            own = br.decode_block_receipt(from_hex(tree["blockReceipt"]))
            self.assertEqual(to_hex(br.encode_block_receipt(own)), tree["blockReceipt"])
            self.assertEqual(to_hex(br.block_receipt_leaf(own)), tree["blockReceiptLeaf"])
            receipts = [codec.decode(codec.read_receipt, from_hex(h), "Receipt")
                        for h in tree["receipts"]]
            root = from_hex(tree["root"])
            self.assertEqual(to_hex(br.block_receipts_root(receipts, own)), tree["root"])
            self.assertNotEqual(to_hex(proofs.receipts_root(receipts)), tree["root"])
            for i, p in enumerate(tree["proofs"]):
                path = [from_hex(x) for x in p["path"]]
                if i < len(receipts):
                    self.assertTrue(proofs.verify_receipt_proof(root, receipts[i], p["index"],
                                                                p["count"], path))
                    self.assertFalse(br.verify_block_receipt_proof(root, own, p["index"],
                                                                   p["count"], path))
                else:
                    self.assertTrue(br.verify_block_receipt_proof(root, own, p["index"],
                                                                  p["count"], path))
                    other = br.BlockReceipt(own.height + 1, own.events)
                    self.assertFalse(br.verify_block_receipt_proof(root, other, p["index"],
                                                                   p["count"], path))
                    if own.events:
                        fewer = br.BlockReceipt(own.height, own.events[1:])
                        self.assertFalse(br.verify_block_receipt_proof(root, fewer, p["index"],
                                                                       p["count"], path))
        with self.assertRaisesRegex(CodecError, "non_canonical"):
            br.decode_block_receipt(Writer().u64(0).u32(0).to_bytes())


if __name__ == "__main__":
    unittest.main()
