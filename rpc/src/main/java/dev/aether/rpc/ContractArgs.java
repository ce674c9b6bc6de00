package dev.aether.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aether.types.H256;
import dev.aether.types.Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Contract call arguments from JSON, and return data back to JSON, in the contract SDK's encoding
 * (contracts/sdk/assembly/index.ts): fields back to back, integers little-endian; u8/bool 1 byte,
 * u32 4, u64 8, amount 16 (u128), bytes32/address 32; bytes and string a u32 length then the bytes
 * (strings UTF-8). {@code aetherctl contract --args} uses it, and the SDKs reproduce it byte for
 * byte (sdk/vectors/builders.json, ADR 0057).
 *
 * <p>The arguments are a JSON array. Plain values take a default type — an integer is a u64, a
 * {@code "0x"} string of exactly 64 hex digits is a bytes32 (an address, a contract or asset id),
 * any other string is a string, {@code true}/{@code false} a bool — and an object with one key
 * names the type: {@code {"u8":1}}, {@code {"u32":7}}, {@code {"u64":"18446744073709551615"}},
 * {@code {"amount":"1000"}} (or {@code u128}), {@code {"address":"0x…"}}, {@code
 * {"bytes32":"0x…"}}, {@code {"bytes":"0x…"}}, {@code {"string":"0x is text here"}}, {@code
 * {"bool":true}}, {@code {"raw":"0x…"}} (appended as is). Integers of a typed value may be JSON
 * integers or decimal strings ({@code _} separators allowed). With declared parameter types ({@link
 * #encode(JsonNode, List, String)}) each plain value is encoded as its declared type instead.
 *
 * <p>Refused, with {@link Refused} naming the element: non-integral numbers, negative or over-wide
 * integers, {@code null}, nested arrays, objects of other than one known key, bad hex or a wrong
 * length for address/bytes32, strings that are not well-formed Unicode, duplicate object keys and
 * anything after the array.
 */
public final class ContractArgs {
  /** The type names, in the order messages list them. */
  public static final List<String> TYPES =
      List.of(
          "u8", "u32", "u64", "amount", "u128", "bool", "address", "bytes32", "bytes", "string",
          "raw");

  /** The types return data decodes by. */
  public static final List<String> RETURN_TYPES =
      List.of(
          "u8", "u32", "u64", "amount", "u128", "bool", "address", "bytes32", "bytes", "string");

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Pattern BYTES32 = Pattern.compile("0x[0-9a-fA-F]{64}");
  private static final Pattern HEX = Pattern.compile("0x([0-9a-fA-F]{2})*");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9_]*[0-9][0-9_]*");

  private ContractArgs() {}

  /** Arguments the encoding refuses; the message names the element ({@code label[i].type}). */
  public static final class Refused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /**
   * Encodes a JSON array text of arguments.
   *
   * @param label what the messages call the array (the CLI: {@code --args})
   * @throws Refused if the text is not one JSON array or an element cannot be encoded
   */
  public static byte[] encode(String json, String label) {
    return encode(parse(json, label), label);
  }

  /** Encodes a parsed JSON array of arguments, each by its default or named type. */
  public static byte[] encode(JsonNode array, String label) {
    requireArray(array, label);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < array.size(); i++) {
      write(out, array.get(i), label + "[" + i + "]");
    }
    return out.toByteArray();
  }

  /**
   * Encodes a JSON array of arguments by declared parameter types: element {@code i} is encoded as
   * {@code types.get(i)}, as if written {@code {"type": value}}; an element that is itself a typed
   * object must name its declared type.
   *
   * @throws Refused if the counts differ, a type is unknown or a value does not fit its type
   */
  public static byte[] encode(JsonNode array, List<String> types, String label) {
    requireArray(array, label);
    for (String t : types) {
      if (!TYPES.contains(t)) {
        throw new Refused(label + ": unknown declared type '" + t + "' (" + typeList() + ")");
      }
    }
    if (array.size() != types.size()) {
      throw new Refused(
          label + ": " + array.size() + " values for " + types.size() + " declared types");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < array.size(); i++) {
      String at = label + "[" + i + "]";
      JsonNode v = array.get(i);
      String type = types.get(i);
      if (v.isObject()) {
        if (v.size() != 1 || !v.has(type)) {
          throw new Refused(at + ": declared " + type + ", given " + v);
        }
        v = v.get(type);
      }
      typed(out, type, v, at);
    }
    return out.toByteArray();
  }

  /** Parses JSON text strictly (no trailing tokens, no duplicate keys). */
  public static JsonNode parse(String json, String label) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || root.isMissingNode()) {
        throw new Refused(label + " is not JSON: empty");
      }
      return root;
    } catch (IOException e) {
      throw new Refused(
          label + " is not JSON: " + e.getMessage().lines().findFirst().orElse("").strip());
    }
  }

  private static void requireArray(JsonNode root, String label) {
    if (root == null || !root.isArray()) {
      throw new Refused(label + " must be a JSON array, e.g. '[\"0x…\", 250]'");
    }
  }

  private static void write(ByteArrayOutputStream out, JsonNode v, String at) {
    if (v.isIntegralNumber()) {
      out.writeBytes(le(unsigned(v.bigIntegerValue(), 64, at), 8));
    } else if (v.isBoolean()) {
      out.write(v.booleanValue() ? 1 : 0);
    } else if (v.isTextual()) {
      String s = v.textValue();
      if (BYTES32.matcher(s).matches()) {
        out.writeBytes(Hex.decode(s));
      } else {
        string(out, s, at);
      }
    } else if (v.isObject() && v.size() == 1) {
      Map.Entry<String, JsonNode> e = v.properties().iterator().next();
      typed(out, e.getKey(), e.getValue(), at);
    } else {
      throw new Refused(at + ": use a number, a string, a bool or {\"type\": value}");
    }
  }

  private static void typed(ByteArrayOutputStream out, String type, JsonNode v, String at) {
    String where = at + "." + type;
    switch (type) {
      case "u8" -> out.write(unsigned(number(v, where), 8, where).intValue());
      case "u32" -> out.writeBytes(le(unsigned(number(v, where), 32, where), 4));
      case "u64" -> out.writeBytes(le(unsigned(number(v, where), 64, where), 8));
      case "amount", "u128" -> out.writeBytes(le(unsigned(number(v, where), 128, where), 16));
      case "bool" -> {
        if (!v.isBoolean()) {
          throw new Refused(where + ": expected true or false");
        }
        out.write(v.booleanValue() ? 1 : 0);
      }
      case "address", "bytes32" -> out.writeBytes(hex(v, where, 32));
      case "bytes" -> {
        byte[] b = hex(v, where, -1);
        out.writeBytes(le(BigInteger.valueOf(b.length), 4));
        out.writeBytes(b);
      }
      case "string" -> {
        if (!v.isTextual()) {
          throw new Refused(where + ": expected a string");
        }
        string(out, v.textValue(), where);
      }
      case "raw" -> out.writeBytes(hex(v, where, -1));
      default -> throw new Refused(at + ": unknown type '" + type + "' (" + typeList() + ")");
    }
  }

  private static String typeList() {
    return String.join(", ", TYPES);
  }

  private static void string(ByteArrayOutputStream out, String s, String at) {
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(s)) {
      throw new Refused(at + ": not well-formed Unicode (a lone surrogate)");
    }
    byte[] u = s.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(le(BigInteger.valueOf(u.length), 4));
    out.writeBytes(u);
  }

  private static BigInteger number(JsonNode v, String at) {
    if (v.isIntegralNumber()) {
      return v.bigIntegerValue();
    }
    if (v.isTextual() && DECIMAL.matcher(v.textValue()).matches()) {
      return new BigInteger(v.textValue().replace("_", ""));
    }
    throw new Refused(at + ": expected an integer");
  }

  private static BigInteger unsigned(BigInteger n, int bits, String at) {
    if (n.signum() < 0 || n.bitLength() > bits) {
      throw new Refused(at + ": " + n + " does not fit an unsigned " + bits + "-bit integer");
    }
    return n;
  }

  private static byte[] le(BigInteger n, int len) {
    byte[] be = n.toByteArray();
    byte[] out = new byte[len];
    for (int i = 0; i < len && i < be.length; i++) {
      out[i] = be[be.length - 1 - i];
    }
    return out;
  }

  private static byte[] hex(JsonNode v, String at, int len) {
    if (!v.isTextual() || !HEX.matcher(v.textValue()).matches()) {
      throw new Refused(at + ": expected 0x-hex of whole bytes");
    }
    byte[] b = Hex.decode(v.textValue());
    if (len >= 0 && b.length != len) {
      throw new Refused(at + ": expected " + len + " bytes, got " + b.length);
    }
    return b;
  }

  /**
   * Decodes return data by {@code types} (comma-separated: u8, bool, u32, u64, amount, u128,
   * address, bytes32, bytes, string) into a JSON array: u8 and u32 as numbers, u64 and u128 as
   * decimal strings, address/bytes32/bytes as 0x-hex, strings as text, bools as booleans.
   *
   * @throws Refused if a type is unknown, the data is shorter than the types, bytes are left over,
   *     a bool byte is not 0 or 1, or a string is not UTF-8
   */
  public static ArrayNode decode(byte[] data, String types) {
    checkReturnTypes(types);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    for (String t : types.split(",", -1)) {
      t = t.trim();
      try {
        switch (t) {
          case "u8" -> out.add(Byte.toUnsignedInt(b.get()));
          case "bool" -> {
            int x = Byte.toUnsignedInt(b.get());
            if (x > 1) {
              throw new Refused("return data: bool byte " + x);
            }
            out.add(x == 1);
          }
          case "u32" -> out.add(Integer.toUnsignedLong(b.getInt()));
          case "u64" -> out.add(Long.toUnsignedString(b.getLong()));
          case "amount", "u128" -> {
            byte[] le = new byte[16];
            b.get(le);
            byte[] be = new byte[17];
            for (int i = 0; i < 16; i++) {
              be[16 - i] = le[i];
            }
            out.add(new BigInteger(be).toString());
          }
          case "address", "bytes32" -> {
            byte[] h = new byte[32];
            b.get(h);
            out.add(H256.of(h).toString());
          }
          case "bytes", "string" -> {
            int n = b.getInt();
            if (n < 0 || n > b.remaining()) {
              throw new java.nio.BufferUnderflowException();
            }
            byte[] s = new byte[n];
            b.get(s);
            out.add(t.equals("string") ? utf8(s) : Hex.encode(s));
          }
          default -> throw new IllegalStateException("checked above: " + t);
        }
      } catch (java.nio.BufferUnderflowException e) {
        throw new Refused(
            "return data (" + data.length + " bytes) is shorter than the types " + types);
      }
    }
    if (b.hasRemaining()) {
      throw new Refused(
          "return data has " + b.remaining() + " bytes left after the types " + types);
    }
    return out;
  }

  /**
   * Checks a comma-separated list of return types before anything is decoded.
   *
   * @throws Refused naming the first unknown type
   */
  public static void checkReturnTypes(String types) {
    for (String t : types.split(",", -1)) {
      if (!RETURN_TYPES.contains(t.trim())) {
        throw new Refused(
            "unknown return type '" + t.trim() + "' (" + String.join(", ", RETURN_TYPES) + ")");
      }
    }
  }

  private static String utf8(byte[] s) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(s)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new Refused("return data: a string is not UTF-8");
    }
  }
}
