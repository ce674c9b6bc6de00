/** A small JSON-RPC 2.0 client for a node's `aeth_*` methods (docs/rpc.md); fetch-based, so it runs in Node 20 and browsers. */
import { decodeAccount, encodeAccount } from "./proofs.js";
import { decodeReceipt, type Receipt, type Tx, type UtxoRef } from "./codec.js";
import { type Utxo, utxosFromJson } from "./coins.js";
import { fromHex, toHex } from "./hex.js";
import { rawTx } from "./tx.js";
import type { FinalityProofJson } from "./finality.js";

export { decodeAccount, encodeAccount };

/** An error object the node answered with: code, message and (for rejections) data.reason. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(`${code}: ${message}${data ? " " + JSON.stringify(data) : ""}`);
    this.name = "RpcError";
  }
}

/** A receipt as aeth_getTransactionReceipt answers it, decoded from its canonical bytes. */
export interface ReceiptWithProof {
  receipt: Receipt;
  blockHeight: bigint;
  blockHash: Uint8Array;
  index: number;
  receiptsRoot: Uint8Array;
  siblings: Uint8Array[];
  raw: Uint8Array;
}

export interface AccountAnswer {
  address: Uint8Array;
  exists: boolean;
  raw?: Uint8Array;
  height: bigint;
  stateRoot: Uint8Array;
  proof: Uint8Array;
}

export class RpcClient {
  private nextId = 1;
  constructor(
    readonly url: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async call<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), this.timeoutMs);
    try {
      const res = await fetch(this.url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: this.nextId++, method, params }),
        signal: ctrl.signal,
      });
      const body = (await res.json()) as { result?: T; error?: { code: number; message: string; data?: unknown } };
      if (body.error) throw new RpcError(body.error.code, body.error.message, body.error.data);
      return body.result as T;
    } finally {
      clearTimeout(timer);
    }
  }

  chainId(): Promise<string> {
    return this.call("aeth_chainId");
  }

  /** Submits a signed transaction; resolves to its id (0x-hex) or rejects with the node's reason. */
  sendTransaction(tx: Tx): Promise<string> {
    return this.call("aeth_sendRawTransaction", [toHex(rawTx(tx))]);
  }

  block(tag: number | bigint | "latest" | "finalized"): Promise<Record<string, unknown> | null> {
    return this.call("aeth_getBlockByNumber", [typeof tag === "bigint" ? Number(tag) : tag, false]);
  }

  async receipt(txHash: string): Promise<ReceiptWithProof | null> {
    const r = await this.call<Record<string, any> | null>("aeth_getTransactionReceipt", [txHash]);
    if (r === null) return null;
    const raw = fromHex(r.raw);
    return {
      receipt: decodeReceipt(raw),
      blockHeight: BigInt(r.blockHeight),
      blockHash: fromHex(r.blockHash),
      index: Number(r.index),
      receiptsRoot: fromHex(r.receiptsRoot),
      siblings: (r.proof.siblings as string[]).map(fromHex),
      raw,
    };
  }

  /** Polls for a receipt until `timeoutMs` passes (a transaction has one once its block is final). */
  async waitForReceipt(txHash: string, timeoutMs = 60_000, pollMs = 500): Promise<ReceiptWithProof> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.receipt(txHash);
      if (r) return r;
      if (Date.now() > deadline) throw new Error(`no receipt for ${txHash} within ${timeoutMs} ms`);
      await new Promise((res) => setTimeout(res, pollMs));
    }
  }

  async account(address: Uint8Array | string): Promise<AccountAnswer> {
    const a = await this.call<Record<string, any>>("aeth_getAccount", [typeof address === "string" ? address : toHex(address)]);
    const out: AccountAnswer = {
      address: fromHex(a.address),
      exists: a.exists,
      height: BigInt(a.height),
      stateRoot: fromHex(a.stateRoot),
      proof: fromHex((a.proof as string[])[0]),
    };
    if (a.raw) out.raw = fromHex(a.raw);
    return out;
  }

  /**
   * One page of the unspent outputs `address` owns (`aeth_getUtxos`): at most `limit` (1..1000,
   * default 1000) after `after` (exclusive), in ref order. A page shorter than `limit` is the last.
   */
  async utxos(address: Uint8Array | string, page: { after?: UtxoRef; limit?: number } = {}): Promise<Utxo[]> {
    const params: unknown[] = [typeof address === "string" ? address : toHex(address)];
    params.push(page.after ? { txHash: toHex(page.after.txId), index: page.after.index } : null);
    params.push(page.limit ?? null);
    return utxosFromJson(await this.call<Array<Record<string, unknown>>>("aeth_getUtxos", params));
  }

  /**
   * Every unspent output `address` owns, page by page (at most `maxPages` pages of 1000). Outputs
   * spent or created between pages may be missed or listed: the node answers each page from its
   * latest state.
   */
  async allUtxos(address: Uint8Array | string, maxPages = 100): Promise<Utxo[]> {
    const out: Utxo[] = [];
    let after: UtxoRef | undefined;
    for (let i = 0; i < maxPages; i++) {
      const page = await this.utxos(address, { after, limit: 1000 });
      out.push(...page);
      if (page.length < 1000) return out;
      after = page[page.length - 1].ref;
    }
    throw new Error(`more than ${maxPages * 1000} unspent outputs; page with utxos() instead`);
  }

  finalityProof(height: number | bigint): Promise<FinalityProofJson | null> {
    return this.call("aeth_getFinalityProof", [Number(height)]);
  }

  /** Waits until the node can prove `height` final (a block is provable once two descendants are committed). */
  async waitForFinalityProof(height: number | bigint, timeoutMs = 60_000, pollMs = 500): Promise<FinalityProofJson> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = await this.finalityProof(height);
      if (p) return p;
      if (Date.now() > deadline) throw new Error(`block ${height} not provably final within ${timeoutMs} ms`);
      await new Promise((res) => setTimeout(res, pollMs));
    }
  }
}
