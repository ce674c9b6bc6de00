"""A small JSON-RPC 2.0 client for a node's ``aeth_*`` methods (standard library only)."""
import itertools
import json
import time
import urllib.request
from dataclasses import dataclass
from typing import Any, List, Optional

from . import codec
from .hexutil import from_hex, to_hex
from .tx import raw_tx


class RpcError(Exception):
    """The node's error object: ``code``, message and ``data`` (e.g. a rejection's reason)."""

    def __init__(self, code: int, message: str, data: Any = None):
        super().__init__(f"{code}: {message}" + (f" {json.dumps(data)}" if data else ""))
        self.code = code
        self.data = data


@dataclass
class ReceiptWithProof:
    receipt: codec.Receipt
    block_height: int
    block_hash: bytes
    index: int
    receipts_root: bytes
    siblings: List[bytes]


class RpcClient:
    def __init__(self, url: str, timeout: float = 10.0):
        self.url = url
        self.timeout = timeout
        self._ids = itertools.count(1)

    def call(self, method: str, *params):
        body = json.dumps({"jsonrpc": "2.0", "id": next(self._ids), "method": method,
                           "params": list(params)}).encode()
        req = urllib.request.Request(self.url, data=body,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=self.timeout) as res:
            answer = json.loads(res.read())
        if "error" in answer:
            e = answer["error"]
            raise RpcError(e["code"], e["message"], e.get("data"))
        return answer.get("result")

    def chain_id(self) -> str:
        return self.call("aeth_chainId")

    def send_transaction(self, tx: codec.Tx) -> str:
        return self.call("aeth_sendRawTransaction", to_hex(raw_tx(tx)))

    def block(self, tag):
        return self.call("aeth_getBlockByNumber", tag, False)

    def receipt(self, tx_hash: str) -> Optional[ReceiptWithProof]:
        r = self.call("aeth_getTransactionReceipt", tx_hash)
        if r is None:
            return None
        return ReceiptWithProof(codec.decode(codec.read_receipt, from_hex(r["raw"]), "Receipt"),
                                int(r["blockHeight"]), from_hex(r["blockHash"]), int(r["index"]),
                                from_hex(r["receiptsRoot"]),
                                [from_hex(s) for s in r["proof"]["siblings"]])

    def wait_for_receipt(self, tx_hash: str, timeout: float = 60.0) -> ReceiptWithProof:
        deadline = time.monotonic() + timeout
        while True:
            r = self.receipt(tx_hash)
            if r is not None:
                return r
            if time.monotonic() > deadline:
                raise TimeoutError(f"no receipt for {tx_hash} within {timeout} s")
            time.sleep(0.5)

    def account(self, address: bytes) -> dict:
        return self.call("aeth_getAccount", to_hex(address))

    def utxos(self, address, after: Optional[codec.UtxoRef] = None,
              limit: Optional[int] = None) -> list:
        """One page of the unspent outputs ``address`` owns (``aeth_getUtxos``): at most ``limit``
        (1..1000, default 1000) after ``after`` (exclusive), in ref order, as ``coins.Utxo``. A
        page shorter than ``limit`` is the last."""
        from .coins import utxos_from_json
        a = address if isinstance(address, str) else to_hex(address)
        cursor = None if after is None else {"txHash": to_hex(after.tx_id), "index": after.index}
        return utxos_from_json(self.call("aeth_getUtxos", a, cursor, limit))

    def all_utxos(self, address, max_pages: int = 100) -> list:
        """Every unspent output ``address`` owns, page by page (at most ``max_pages`` pages of
        1000). Outputs spent or created between pages may be missed or listed twice: the node
        answers each page from its latest state."""
        out, after = [], None
        for _ in range(max_pages):
            page = self.utxos(address, after, 1000)
            out += page
            if len(page) < 1000:
                return out
            after = page[-1].ref
        raise ValueError(f"more than {max_pages * 1000} unspent outputs; page with utxos()")

    def finality_proof(self, height: int) -> Optional[dict]:
        return self.call("aeth_getFinalityProof", int(height))

    def wait_for_finality_proof(self, height: int, timeout: float = 60.0) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            p = self.finality_proof(height)
            if p is not None:
                return p
            if time.monotonic() > deadline:
                raise TimeoutError(f"block {height} not provably final within {timeout} s")
            time.sleep(0.5)
