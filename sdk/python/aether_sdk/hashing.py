"""SHA-256 with Aether's domain tags: SHA-256(tag || 0x00 || bytes) (docs/codec.md)."""
import hashlib

from . import codec


def tagged(tag: str, *parts: bytes) -> bytes:
    h = hashlib.sha256()
    h.update(tag.encode("ascii") + b"\x00")
    for p in parts:
        h.update(p)
    return h.digest()


def tx_id(body: codec.TxBody) -> bytes:
    return tagged("aether/tx/v1", codec.encode(codec.write_tx_body, body))


def block_id(header: codec.Header) -> bytes:
    return tagged("aether/header/v1", codec.encode(codec.write_header, header))


def address_of(public_key: bytes) -> bytes:
    if len(public_key) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    return tagged("aether/address/v1", public_key)


def asset_id(symbol: str) -> bytes:
    return tagged("aether/asset/v1", symbol.encode("utf-8"))


def program_id(name: str) -> bytes:
    return tagged("aether/program/v1", name.encode("ascii"))


def receipt_leaf(r: codec.Receipt) -> bytes:
    return tagged("aether/receipt/v1", codec.encode(codec.write_receipt, r))


def account_key(address: bytes) -> bytes:
    return tagged("aether/account/v1", address)


def utxo_key(tx_id_: bytes, index: int) -> bytes:
    return tagged("aether/utxo/v1", codec.Writer().fixed(tx_id_, 32).u32(index).to_bytes())


SWR = asset_id("SWR")
AIC = asset_id("AIC")
USDT = asset_id("USDT")
