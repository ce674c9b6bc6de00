/**
 * Aether TypeScript SDK: keys, the canonical codec, transactions, a JSON-RPC client, and
 * client-side verification of receipts, blocks' own receipts, account state and finality
 * (docs/sdk.md).
 */
export * from "./codec.js";
export * from "./errors.js";
export * from "./hex.js";
export * from "./hash.js";
export * from "./keys.js";
export * from "./tx.js";
export * from "./builders.js";
export * from "./compute.js";
export * from "./coins.js";
export * from "./args.js";
export * from "./amm.js";
export * from "./governance.js";
export * from "./proofs.js";
export * from "./blockreceipt.js";
export * from "./finality.js";
export * from "./rpc.js";
export * from "./verify.js";
