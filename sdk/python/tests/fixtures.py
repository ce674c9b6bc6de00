"""Typed compute payloads rebuilt from the fields sdk/vectors/builders.json gives (BuilderVectorsTest
writes them from Java records): shared by the builder and the compute tests."""
import json
import pathlib

from aether_sdk.codec import AssetAmount, TxOutput
from aether_sdk.compute import (FraudProof, ModelHeader, Opening, StepEvidence, Tensor, Vcr,
                                VcrSubmission, WeightSlice, sign_vcr)
from aether_sdk.hexutil import from_hex
from aether_sdk.keys import KeyPair

B = json.loads((pathlib.Path(__file__).resolve().parents[2] / "vectors" / "builders.json")
               .read_text())
C = B["compute"]


def tensor_of(t, from_values=False) -> Tensor:
    """From bits (exact), or from the JSON numbers where every element has one."""
    if from_values and all(v is not None for v in t["values"]):
        return Tensor.of(t["shape"], t["values"])
    return Tensor(tuple(t["shape"]), tuple(t["bits"]))


def header_of(h) -> ModelHeader:
    """The header from its entries, metadata in reverse canonical order (the SDK sorts by UTF-8)."""
    return ModelHeader([(e["key"], e["value"]) for e in reversed(h["metadata"])],
                       {e["name"]: e["shape"] for e in h["shapes"]})


def opening_of(o) -> Opening:
    return Opening(o["index"], from_hex(o["value"]), from_hex(o["proof"]))


def evidence_of(e, from_values=False) -> StepEvidence:
    return StepEvidence([tensor_of(t, from_values) for t in e["inputs"]],
                        [WeightSlice(w["name"], tensor_of(w["tensor"], from_values),
                                     [from_hex(p) for p in w["path"]]) for w in e["weights"]])


def unsigned_vcr_of(v) -> Vcr:
    return Vcr(from_hex(v["jobId"]), from_hex(v["provider"]), from_hex(v["inputHash"]),
               from_hex(v["modelHash"]), from_hex(v["codeHash"]), int(v["seed"]),
               from_hex(v["outputHash"]), from_hex(v["teeQuote"]),
               from_hex(v["kzgCommit"]) if "kzgCommit" in v else None,
               [opening_of(o) for o in v["openings"]] if "openings" in v else None)


def provider_key() -> KeyPair:
    return KeyPair.from_seed(C["providerSeed"])


def vcr_of(v) -> Vcr:
    return sign_vcr(unsigned_vcr_of(v), provider_key())


def submission() -> VcrSubmission:
    s = C["submission"]
    return VcrSubmission(vcr_of(C["vcr"]), header_of(C["header"]), from_hex(C["weightsRoot"]),
                         [from_hex(x) for x in s["leaves"]], from_hex(s["dataProof"]),
                         evidence_of(C["evidence"]), [from_hex(x) for x in s["collateral"]])


def fraud_proof() -> FraudProof:
    f = C["fraudProof"]
    return FraudProof(from_hex(f["jobId"]), header_of(C["header"]), from_hex(C["weightsRoot"]),
                      f["step"], opening_of(f["stepOpening"]),
                      [opening_of(o) for o in f["inputOpenings"]], evidence_of(C["evidence"]))


def value_of(v):
    return [AssetAmount(from_hex(a["asset"]), int(a["amount"])) for a in v]


def outputs_of(os):
    return [TxOutput(from_hex(x["owner"]), value_of(x["value"]),
                     from_hex(x["datum"]) if "datum" in x else None) for x in os]
