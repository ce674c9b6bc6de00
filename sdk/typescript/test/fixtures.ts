// Typed compute payloads rebuilt from the fields sdk/vectors/builders.json gives (BuilderVectorsTest
// writes them from Java records): shared by the builder and the compute tests.
import { readFileSync } from "node:fs";
import * as sdk from "../src/index.js";

export const B = JSON.parse(readFileSync(new URL("../../../vectors/builders.json", import.meta.url), "utf8"));
const { fromHex } = sdk;
const C = B.compute;

/** From bits (exact), or from the JSON numbers where every element has one. */
export function tensorOf(t: any, fromValues = false): sdk.Tensor {
  if (fromValues && t.values.every((v: number | null) => v !== null)) return sdk.tensor(t.shape, t.values);
  return sdk.tensorFromBits(t.shape, t.bits);
}

/** The header from its entries, given in reverse canonical order (the SDK must sort by UTF-8 bytes). */
export function headerOf(h: any): sdk.ModelHeader {
  return {
    metadata: h.metadata.map((e: any) => [e.key, e.value] as [string, string]).reverse(),
    shapes: Object.fromEntries(h.shapes.map((e: any) => [e.name, e.shape])),
  };
}

export function openingOf(o: any): sdk.Opening {
  return { index: o.index, value: fromHex(o.value), proof: fromHex(o.proof) };
}

export function evidenceOf(e: any, fromValues = false): sdk.StepEvidence {
  return {
    inputs: e.inputs.map((t: any) => tensorOf(t, fromValues)),
    weights: e.weights.map((w: any) => ({ name: w.name, tensor: tensorOf(w.tensor, fromValues), path: w.path.map(fromHex) })),
  };
}

export function unsignedVcrOf(v: any): sdk.UnsignedVcr {
  const out: sdk.UnsignedVcr = {
    jobId: fromHex(v.jobId), provider: fromHex(v.provider), inputHash: fromHex(v.inputHash), modelHash: fromHex(v.modelHash),
    codeHash: fromHex(v.codeHash), seed: BigInt(v.seed), outputHash: fromHex(v.outputHash), teeQuote: fromHex(v.teeQuote),
  };
  if (v.kzgCommit) out.kzgCommit = fromHex(v.kzgCommit);
  if (v.openings) out.openings = v.openings.map(openingOf);
  return out;
}

export function providerKey(): sdk.KeyPair {
  return sdk.KeyPair.fromSeed(C.providerSeed);
}

export function vcrOf(v: any): sdk.Vcr {
  return sdk.signVcr(unsignedVcrOf(v), providerKey());
}

export function submission(): sdk.VcrSubmission {
  const s = C.submission;
  return {
    vcr: vcrOf(C.vcr), header: headerOf(C.header), weightsRoot: fromHex(C.weightsRoot), leaves: s.leaves.map(fromHex),
    dataProof: fromHex(s.dataProof), lastStep: evidenceOf(C.evidence), collateral: s.collateral.map(fromHex),
  };
}

export function fraudProof(): sdk.FraudProof {
  const f = C.fraudProof;
  return {
    jobId: fromHex(f.jobId), header: headerOf(C.header), weightsRoot: fromHex(C.weightsRoot), step: f.step,
    stepOpening: openingOf(f.stepOpening), inputOpenings: f.inputOpenings.map(openingOf), evidence: evidenceOf(C.evidence),
  };
}

export function valueOf(v: any[]): sdk.Value {
  return v.map((a: any) => ({ asset: fromHex(a.asset), amount: BigInt(a.amount) }));
}

export function outputsOf(os: any[]): sdk.TxOutput[] {
  return os.map((x: any) => ({ owner: fromHex(x.owner), value: valueOf(x.value), datum: x.datum ? fromHex(x.datum) : undefined }));
}
