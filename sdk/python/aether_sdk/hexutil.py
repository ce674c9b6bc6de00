"""0x-prefixed lowercase hex, as Aether's JSON-RPC writes bytes."""
import re

_HEX = re.compile(r"^0x([0-9a-fA-F]{2})*$")


def to_hex(b: bytes) -> str:
    return "0x" + bytes(b).hex()


def from_hex(s: str) -> bytes:
    if not isinstance(s, str) or not _HEX.match(s):
        raise ValueError(f"not 0x-prefixed hex of whole bytes: {str(s)[:80]}")
    return bytes.fromhex(s[2:])
