"""Contract call arguments from JSON values, and return data back (docs/sdk.md, ADR 0057): the
contract SDK's encoding (contracts/sdk/assembly/index.ts) -- fields back to back, integers
little-endian; u8/bool 1 byte, u32 4, u64 8, amount/u128 16, address/bytes32 32; bytes and string a
u32 length then the bytes -- with the rules ``aetherctl contract --args`` applies (ContractArgs in
Java; byte for byte, messages included, by sdk/vectors/builders.json):

- plain values take a default type: an integer is a u64, a "0x" string of exactly 64 hex digits a
  bytes32, any other string a string, a boolean a bool;
- a dict with one key names the type: ``{"u8": 1}``, ``{"u32": 7}``, ``{"u64": "18446744073709551615"}``,
  ``{"amount": "1000"}`` (or ``u128``), ``{"address": "0x…"}``, ``{"bytes32": "0x…"}``,
  ``{"bytes": "0x…"}``, ``{"string": "0x is text here"}``, ``{"bool": True}``, ``{"raw": "0x…"}``
  (appended as is); integers of a typed value may be decimal strings (``_`` separators allowed);
- with declared parameter types (``types``), each plain value is encoded as its declared type.

Contracts carry no manifest of their parameters yet, so ``types`` is what the caller declares."""
import json
import re
import struct
from typing import List, Optional, Sequence, Union

ARG_TYPES = ("u8", "u32", "u64", "amount", "u128", "bool", "address", "bytes32", "bytes", "string",
             "raw")
RETURN_TYPES = ("u8", "u32", "u64", "amount", "u128", "bool", "address", "bytes32", "bytes",
                "string")

_BYTES32 = re.compile(r"0x[0-9a-fA-F]{64}\Z")
_HEX = re.compile(r"0x(?:[0-9a-fA-F]{2})*\Z")
_DECIMAL = re.compile(r"[+-]?[0-9_]*[0-9][0-9_]*\Z")
_MAX_DEPTH = 1000


class ContractArgsError(ValueError):
    """Arguments the encoding refuses; the message names the element as Java's does."""
    code = "sdk.bad_contract_args"


class JsonFloat(str):
    """A JSON number with a fraction or an exponent, kept as its text (never encodable)."""


def _fail(message: str):
    raise ContractArgsError(message)


def _no_duplicates(pairs):
    seen = {}
    for k, v in pairs:
        if k in seen:
            raise ValueError(f"duplicate key {k!r}")
        seen[k] = v
    return seen


def _depth(v, d=0) -> int:
    if d > _MAX_DEPTH:
        raise ValueError(f"nested deeper than {_MAX_DEPTH}")
    if isinstance(v, list):
        return max([_depth(x, d + 1) for x in v], default=d)
    if isinstance(v, dict):
        return max([_depth(x, d + 1) for x in v.values()], default=d)
    return d


def parse_json_exact(text: str, label: str = "args"):
    """Parses JSON text strictly: integers exact (Python ints), other numbers as ``JsonFloat``, no
    NaN/Infinity, no duplicate object keys, nothing after the value, nesting at most 1000 deep."""
    if not text.strip(" \t\n\r"):
        _fail(f"{label} is not JSON: empty")

    def constant(c):
        raise ValueError(f"{c} is not JSON")
    try:
        v = json.loads(text, parse_float=JsonFloat, parse_constant=constant,
                       object_pairs_hook=_no_duplicates)
        _depth(v)
        return v
    except RecursionError:
        _fail(f"{label} is not JSON: nested deeper than {_MAX_DEPTH}")
    except ValueError as e:
        _fail(f"{label} is not JSON: {e}")


def _le(n: int, length: int) -> bytes:
    return n.to_bytes(length, "little")


def _integral(v) -> Optional[int]:
    if isinstance(v, bool) or not isinstance(v, int):
        return None
    return v


def _unsigned(n: int, bits: int, at: str) -> int:
    if n < 0 or n >= 1 << bits:
        _fail(f"{at}: {n} does not fit an unsigned {bits}-bit integer")
    return n


def _number(v, at: str) -> int:
    n = _integral(v)
    if n is not None:
        return n
    if isinstance(v, str) and not isinstance(v, JsonFloat) and _DECIMAL.match(v):
        return int(v.replace("_", ""))
    _fail(f"{at}: expected an integer")


def _hex(v, at: str, length: int) -> bytes:
    if not isinstance(v, str) or isinstance(v, JsonFloat) or not _HEX.match(v):
        _fail(f"{at}: expected 0x-hex of whole bytes")
    b = bytes.fromhex(v[2:])
    if length >= 0 and len(b) != length:
        _fail(f"{at}: expected {length} bytes, got {len(b)}")
    return b


def _string(s: str, at: str) -> bytes:
    try:
        u = s.encode("utf-8")
    except UnicodeEncodeError:
        _fail(f"{at}: not well-formed Unicode (a lone surrogate)")
    return _le(len(u), 4) + u


def _types_list(types) -> str:
    return ", ".join(types)


def _typed(t: str, v, at: str) -> bytes:
    where = f"{at}.{t}"
    if t == "u8":
        return bytes([_unsigned(_number(v, where), 8, where)])
    if t == "u32":
        return _le(_unsigned(_number(v, where), 32, where), 4)
    if t == "u64":
        return _le(_unsigned(_number(v, where), 64, where), 8)
    if t in ("amount", "u128"):
        return _le(_unsigned(_number(v, where), 128, where), 16)
    if t == "bool":
        if not isinstance(v, bool):
            _fail(f"{where}: expected true or false")
        return b"\x01" if v else b"\x00"
    if t in ("address", "bytes32"):
        return _hex(v, where, 32)
    if t == "bytes":
        b = _hex(v, where, -1)
        return _le(len(b), 4) + b
    if t == "string":
        if not isinstance(v, str) or isinstance(v, JsonFloat):
            _fail(f"{where}: expected a string")
        return _string(v, where)
    if t == "raw":
        return _hex(v, where, -1)
    _fail(f"{at}: unknown type {_java_quote(t)} ({_types_list(ARG_TYPES)})")


def _java_quote(t: str) -> str:
    return "'" + t + "'"


def _plain(v, at: str) -> bytes:
    n = _integral(v)
    if n is not None:
        return _le(_unsigned(n, 64, at), 8)
    if isinstance(v, bool):
        return b"\x01" if v else b"\x00"
    if isinstance(v, str) and not isinstance(v, JsonFloat):
        return _hex(v, at, 32) if _BYTES32.match(v) else _string(v, at)
    if isinstance(v, dict) and len(v) == 1:
        (k, x), = v.items()
        return _typed(k, x, at)
    _fail(f'{at}: use a number, a string, a bool or {{"type": value}}')


def _show(v) -> str:
    """Java's JsonNode.toString of what a caller gave (for one message)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, JsonFloat):
        return str(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ",".join(_show(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + _show(x)
                              for k, x in v.items()) + "}"
    if v is None:
        return "null"
    return json.dumps(v, ensure_ascii=False)


def contract_args(args: Union[str, Sequence], *, types: Optional[Sequence[str]] = None,
                  label: str = "args") -> bytes:
    """Encodes contract call arguments given as JSON: a JSON text of an array, or the array's values
    (ints, strings, bools, one-key dicts). Raises ``ContractArgsError`` naming the element that
    cannot be encoded."""
    values = parse_json_exact(args, label) if isinstance(args, str) else args
    if not isinstance(values, (list, tuple)):
        _fail(f"{label} must be a JSON array, e.g. '[\"0x…\", 250]'")
    if types is None:
        return b"".join(_plain(v, f"{label}[{i}]") for i, v in enumerate(values))
    for t in types:
        if t not in ARG_TYPES:
            _fail(f"{label}: unknown declared type {_java_quote(t)} ({_types_list(ARG_TYPES)})")
    if len(values) != len(types):
        _fail(f"{label}: {len(values)} values for {len(types)} declared types")
    out = []
    for i, (v, t) in enumerate(zip(values, types)):
        at = f"{label}[{i}]"
        if isinstance(v, dict):
            if len(v) != 1 or t not in v:
                _fail(f"{at}: declared {t}, given {_show(v)}")
            v = v[t]
        out.append(_typed(t, v, at))
    return b"".join(out)


def decode_return(data: bytes, types: Union[str, Sequence[str]]) -> List:
    """Decodes return data by ``types`` (comma-separated or a list), as Java's ContractArgs.decode:
    u8 and u32 as ints, u64 and u128 as decimal strings, address/bytes32/bytes as 0x-hex, strings
    as text, bools as booleans."""
    given = types if isinstance(types, str) else ",".join(types)
    names = [t.strip() for t in given.split(",")]
    for t in names:
        if t not in RETURN_TYPES:
            _fail(f"unknown return type {_java_quote(t)} ({_types_list(RETURN_TYPES)})")
    p = 0

    def take(n: int) -> bytes:
        nonlocal p
        if n < 0 or p + n > len(data):
            _fail(f"return data ({len(data)} bytes) is shorter than the types {given}")
        b = data[p:p + n]
        p += n
        return b

    out: List = []
    for t in names:
        if t == "u8":
            out.append(take(1)[0])
        elif t == "bool":
            b = take(1)[0]
            if b > 1:
                _fail(f"return data: bool byte {b}")
            out.append(b == 1)
        elif t == "u32":
            out.append(int.from_bytes(take(4), "little"))
        elif t == "u64":
            out.append(str(int.from_bytes(take(8), "little")))
        elif t in ("amount", "u128"):
            out.append(str(int.from_bytes(take(16), "little")))
        elif t in ("address", "bytes32"):
            out.append("0x" + take(32).hex())
        else:
            n = struct.unpack("<i", take(4))[0]
            s = take(n)
            if t == "bytes":
                out.append("0x" + s.hex())
            else:
                try:
                    out.append(s.decode("utf-8"))
                except UnicodeDecodeError:
                    _fail("return data: a string is not UTF-8")
    if p < len(data):
        _fail(f"return data has {len(data) - p} bytes left after the types {given}")
    return out


__all__ = ["ARG_TYPES", "RETURN_TYPES", "ContractArgsError", "JsonFloat", "parse_json_exact",
           "contract_args", "decode_return"]
