/**
 * Contract call arguments from JSON values, and return data back (docs/sdk.md, ADR 0057): the
 * contract SDK's encoding (contracts/sdk/assembly/index.ts) — fields back to back, integers
 * little-endian; u8/bool 1 byte, u32 4, u64 8, amount/u128 16, address/bytes32 32; bytes and string
 * a u32 length then the bytes — with the rules `aetherctl contract --args` applies (ContractArgs in
 * Java; byte for byte, messages included, by sdk/vectors/builders.json):
 *
 * - plain values take a default type: an integer is a u64, a "0x" string of exactly 64 hex digits a
 *   bytes32, any other string a string, a boolean a bool;
 * - an object with one key names the type: `{u8: 1}`, `{u32: 7}`, `{u64: "18446744073709551615"}`,
 *   `{amount: "1000"}` (or `u128`), `{address: "0x…"}`, `{bytes32: "0x…"}`, `{bytes: "0x…"}`,
 *   `{string: "0x is text here"}`, `{bool: true}`, `{raw: "0x…"}` (appended as is); integers of a
 *   typed value may be decimal strings (`_` separators allowed);
 * - with declared parameter types (`types`), each plain value is encoded as its declared type.
 *
 * Numbers: in JSON text every integer is exact (parsed as a bigint); JavaScript numbers must be
 * safe integers — pass a bigint or a decimal string beyond 2^53. Contracts carry no manifest of
 * their parameters yet, so `types` is what the caller declares (from the contract's documentation).
 */

/** Arguments the encoding refuses; the message names the element as Java's does (`args[2].u8: …`). */
export class ContractArgsError extends RangeError {
  readonly code = "sdk.bad_contract_args";
  constructor(message: string) {
    super(message);
    this.name = "ContractArgsError";
  }
}

/** The argument types, in the order messages list them. */
export const ARG_TYPES = ["u8", "u32", "u64", "amount", "u128", "bool", "address", "bytes32", "bytes", "string", "raw"] as const;
/** The types return data decodes by. */
export const RETURN_TYPES = ["u8", "u32", "u64", "amount", "u128", "bool", "address", "bytes32", "bytes", "string"] as const;

/** A JSON number with a fraction or an exponent, kept as its text (never encodable). */
export class JsonFloat {
  constructor(readonly text: string) {}
}

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const HEX = /^0x(?:[0-9a-fA-F]{2})*$/;
const DECIMAL = /^[+-]?[0-9_]*[0-9][0-9_]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_DEPTH = 1000;

function fail(message: string): never {
  throw new ContractArgsError(message);
}

// ------------------------------------------------------------------------------------------ strict JSON

/**
 * Parses JSON text (RFC 8259) strictly: integers as bigints (exact at any size), other numbers as
 * `JsonFloat`, no duplicate object keys, nothing after the value, nesting at most 1000 deep.
 */
export function parseJsonExact(text: string, label = "args"): unknown {
  let i = 0;
  const bad = (why: string): never => fail(`${label} is not JSON: ${why} at offset ${i}`);
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH) bad(`nested deeper than ${MAX_DEPTH}`);
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const o: Record<string, unknown> = Object.create(null);
      const seen = new Set<string>();
      ws();
      if (text[i] === "}") {
        i++;
        return o;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') bad("expected a string key");
        const k = str();
        if (seen.has(k)) bad(`duplicate key '${k}'`);
        seen.add(k);
        ws();
        if (text[i] !== ":") bad("expected ':'");
        i++;
        o[k] = value(depth + 1);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return o;
        }
        bad("expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const a: unknown[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return a;
      }
      for (;;) {
        a.push(value(depth + 1));
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return a;
        }
        bad("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    for (const [word, v] of [["true", true], ["false", false], ["null", null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /^-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 10_000));
    if (!m) bad("unexpected character");
    i += m![0].length;
    return m![1] === undefined && m![2] === undefined ? BigInt(m![0]) : new JsonFloat(m![0]);
  };
  const str = (): string => {
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length) bad("unterminated string");
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) bad("control character in a string");
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) bad("bad \\u escape");
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e ?? "x")) bad("bad escape");
        i += 2;
        continue;
      }
      i++;
    }
    i++;
    // The grammar is checked above; JSON.parse decodes the escapes (lone surrogates kept).
    return JSON.parse(text.slice(start, i)) as string;
  };
  ws();
  if (i >= text.length) fail(`${label} is not JSON: empty`);
  const v = value(0);
  ws();
  if (i < text.length) bad("trailing content");
  return v;
}

// ------------------------------------------------------------------------------------------ encoding

type Bytes = number[];

function le(n: bigint, len: number, out: Bytes): void {
  for (let k = 0; k < len; k++) {
    out.push(Number(n & 0xffn));
    n >>= 8n;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof JsonFloat) && !(v instanceof Uint8Array);
}

/** Java's JsonNode.toString of what a caller gave (for one message). */
function show(v: unknown): string {
  if (typeof v === "bigint") return v.toString();
  if (v instanceof JsonFloat) return v.text;
  if (Array.isArray(v)) return `[${v.map(show).join(",")}]`;
  if (isObject(v)) return `{${Object.keys(v).map((k) => `${JSON.stringify(k)}:${show(v[k])}`).join(",")}}`;
  return JSON.stringify(v) ?? String(v);
}

/** An integer value as JSON gives it (a bigint, or a number that must be a safe integer), else undefined. */
function integral(v: unknown, at: string): bigint | undefined {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isInteger(v)) {
    if (!Number.isSafeInteger(v)) fail(`${at}: ${v} is not a safe integer; pass a bigint or a decimal string`);
    return BigInt(v);
  }
  return undefined;
}

function unsigned(n: bigint, bits: number, at: string): bigint {
  if (n < 0n || n >= 1n << BigInt(bits)) fail(`${at}: ${n} does not fit an unsigned ${bits}-bit integer`);
  return n;
}

function number(v: unknown, at: string): bigint {
  const n = integral(v, at);
  if (n !== undefined) return n;
  if (typeof v === "string" && DECIMAL.test(v)) {
    const digits = v.replace(/_/g, "");
    return digits.startsWith("-") ? -BigInt(digits.slice(1)) : BigInt(digits.replace(/^\+/, ""));
  }
  return fail(`${at}: expected an integer`);
}

function hexBytes(v: unknown, at: string, len: number): Bytes {
  if (typeof v !== "string" || !HEX.test(v)) fail(`${at}: expected 0x-hex of whole bytes`);
  const s = v as string;
  const b: Bytes = [];
  for (let k = 2; k < s.length; k += 2) b.push(parseInt(s.slice(k, k + 2), 16));
  if (len >= 0 && b.length !== len) fail(`${at}: expected ${len} bytes, got ${b.length}`);
  return b;
}

function stringBytes(s: string, at: string, out: Bytes): void {
  if (LONE_SURROGATE.test(s)) fail(`${at}: not well-formed Unicode (a lone surrogate)`);
  const u = new TextEncoder().encode(s);
  le(BigInt(u.length), 4, out);
  out.push(...u);
}

function typeList(types: readonly string[]): string {
  return types.join(", ");
}

function typed(out: Bytes, type: string, v: unknown, at: string): void {
  const where = `${at}.${type}`;
  switch (type) {
    case "u8":
      out.push(Number(unsigned(number(v, where), 8, where)));
      return;
    case "u32":
      le(unsigned(number(v, where), 32, where), 4, out);
      return;
    case "u64":
      le(unsigned(number(v, where), 64, where), 8, out);
      return;
    case "amount":
    case "u128":
      le(unsigned(number(v, where), 128, where), 16, out);
      return;
    case "bool":
      if (typeof v !== "boolean") fail(`${where}: expected true or false`);
      out.push(v ? 1 : 0);
      return;
    case "address":
    case "bytes32":
      out.push(...hexBytes(v, where, 32));
      return;
    case "bytes": {
      const b = hexBytes(v, where, -1);
      le(BigInt(b.length), 4, out);
      out.push(...b);
      return;
    }
    case "string":
      if (typeof v !== "string") fail(`${where}: expected a string`);
      stringBytes(v as string, where, out);
      return;
    case "raw":
      out.push(...hexBytes(v, where, -1));
      return;
    default:
      fail(`${at}: unknown type '${type}' (${typeList(ARG_TYPES)})`);
  }
}

function plain(out: Bytes, v: unknown, at: string): void {
  const n = integral(v, at);
  if (n !== undefined) {
    le(unsigned(n, 64, at), 8, out);
  } else if (typeof v === "boolean") {
    out.push(v ? 1 : 0);
  } else if (typeof v === "string") {
    if (BYTES32.test(v)) out.push(...hexBytes(v, at, 32));
    else stringBytes(v, at, out);
  } else if (isObject(v) && Object.keys(v).length === 1) {
    const k = Object.keys(v)[0];
    typed(out, k, v[k], at);
  } else {
    fail(`${at}: use a number, a string, a bool or {"type": value}`);
  }
}

export interface ContractArgsOptions {
  /** The declared type of each value, in order (see the module comment). */
  types?: readonly string[];
  /** What messages call the array (default "args"). */
  label?: string;
}

/**
 * Encodes contract call arguments given as JSON: a JSON text of an array, or the array's values
 * (numbers, bigints, strings, booleans, one-key objects). Throws `ContractArgsError` naming the
 * element that cannot be encoded.
 */
export function contractArgs(args: string | readonly unknown[], options: ContractArgsOptions = {}): Uint8Array {
  const label = options.label ?? "args";
  const array = typeof args === "string" ? parseJsonExact(args, label) : args;
  if (!Array.isArray(array)) fail(`${label} must be a JSON array, e.g. '["0x…", 250]'`);
  const values = array as unknown[];
  const out: Bytes = [];
  if (options.types === undefined) {
    values.forEach((v, i) => plain(out, v, `${label}[${i}]`));
    return Uint8Array.from(out);
  }
  const types = options.types;
  for (const t of types) {
    if (!(ARG_TYPES as readonly string[]).includes(t)) fail(`${label}: unknown declared type '${t}' (${typeList(ARG_TYPES)})`);
  }
  if (values.length !== types.length) fail(`${label}: ${values.length} values for ${types.length} declared types`);
  values.forEach((raw, i) => {
    const at = `${label}[${i}]`;
    let v = raw;
    if (isObject(v)) {
      const keys = Object.keys(v);
      if (keys.length !== 1 || keys[0] !== types[i]) fail(`${at}: declared ${types[i]}, given ${show(v)}`);
      v = v[types[i]];
    }
    typed(out, types[i], v, at);
  });
  return Uint8Array.from(out);
}

// ------------------------------------------------------------------------------------------ return data

function hex(b: Uint8Array): string {
  let s = "0x";
  for (const x of b) s += x.toString(16).padStart(2, "0");
  return s;
}

/**
 * Decodes return data by `types` (comma-separated or a list: u8, bool, u32, u64, amount, u128,
 * address, bytes32, bytes, string), as Java's ContractArgs.decode: u8 and u32 as numbers, u64 and
 * u128 as decimal strings, address/bytes32/bytes as 0x-hex, strings as text, bools as booleans.
 */
export function decodeReturn(data: Uint8Array, types: string | readonly string[]): unknown[] {
  const given = typeof types === "string" ? types : types.join(",");
  const names = given.split(",").map((t) => t.trim());
  for (const t of names) {
    if (!(RETURN_TYPES as readonly string[]).includes(t)) fail(`unknown return type '${t}' (${typeList(RETURN_TYPES)})`);
  }
  const v = new DataView(data.buffer, data.byteOffset, data.length);
  let p = 0;
  const take = (n: number): number => {
    if (n < 0 || p + n > data.length) fail(`return data (${data.length} bytes) is shorter than the types ${given}`);
    const at = p;
    p += n;
    return at;
  };
  const leBig = (at: number, n: number): bigint => {
    let x = 0n;
    for (let k = n - 1; k >= 0; k--) x = (x << 8n) | BigInt(data[at + k]);
    return x;
  };
  const out: unknown[] = [];
  for (const t of names) {
    switch (t) {
      case "u8":
        out.push(data[take(1)]);
        break;
      case "bool": {
        const b = data[take(1)];
        if (b > 1) fail(`return data: bool byte ${b}`);
        out.push(b === 1);
        break;
      }
      case "u32":
        out.push(v.getUint32(take(4), true));
        break;
      case "u64":
        out.push(leBig(take(8), 8).toString());
        break;
      case "amount":
      case "u128":
        out.push(leBig(take(16), 16).toString());
        break;
      case "address":
      case "bytes32": {
        const at = take(32);
        out.push(hex(data.subarray(at, at + 32)));
        break;
      }
      default: {
        const n = v.getInt32(take(4), true);
        const at = take(n);
        const s = data.subarray(at, at + n);
        if (t === "bytes") {
          out.push(hex(s));
        } else {
          try {
            out.push(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(s));
          } catch {
            fail("return data: a string is not UTF-8");
          }
        }
      }
    }
  }
  if (p < data.length) fail(`return data has ${data.length - p} bytes left after the types ${given}`);
  return out;
}
