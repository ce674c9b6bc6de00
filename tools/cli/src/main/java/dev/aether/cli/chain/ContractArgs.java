package dev.aether.cli.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aether.cli.CliException;
import dev.aether.types.H256;
import dev.aether.types.Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The contract SDK's argument encoding (contracts/sdk/assembly/index.ts) from JSON, and back:
 * fields back to back, integers little-endian; u8/bool 1 byte, u32 4, u64 8, amount 16 (u128),
 * bytes32/address 32; bytes and string a u32 length then the bytes (strings UTF-8).
 *
 * <p>{@code --args} is a JSON array. Plain values take a default type — an integer is a u64, a
 * {@code "0x"} string of 64 hex digits is a bytes32 (an address, a contract or asset id), any other
 * string is a string, {@code true}/{@code false} a bool — and an object with one key names the
 * type: {@code {"u8":1}}, {@code {"u32":7}}, {@code {"u64":"18446744073709551615"}}, {@code
 * {"amount":"1000"}}, {@code {"address":"0x…"}}, {@code {"bytes32":"0x…"}}, {@code
 * {"bytes":"0x…"}}, {@code {"string":"0x is text here"}}, {@code {"bool":true}}, {@code
 * {"raw":"0x…"}} (appended as is).
 */
final class ContractArgs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ContractArgs() {}

  /** Encodes {@code --args}; throws a usage error (exit 2) naming the bad element. */
  static byte[] encode(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new CliException(
          "--args is not JSON: " + e.getMessage().lines().findFirst().orElse(""), 2);
    }
    if (root == null || !root.isArray()) {
      throw new CliException("--args must be a JSON array, e.g. '[\"0x…\", 250]'", 2);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < root.size(); i++) {
      write(out, root.get(i), "--args[" + i + "]");
    }
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, JsonNode v, String at) {
    if (v.isIntegralNumber()) {
      out.writeBytes(le(unsigned(v.bigIntegerValue(), 64, at), 8));
    } else if (v.isBoolean()) {
      out.write(v.booleanValue() ? 1 : 0);
    } else if (v.isTextual()) {
      String s = v.textValue();
      if (s.matches("0x[0-9a-fA-F]{64}")) {
        out.writeBytes(Hex.decode(s));
      } else {
        string(out, s);
      }
    } else if (v.isObject() && v.size() == 1) {
      Map.Entry<String, JsonNode> e = v.fields().next();
      typed(out, e.getKey(), e.getValue(), at);
    } else {
      throw new CliException(at + ": use a number, a string, a bool or {\"type\": value}", 2);
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
          throw new CliException(where + ": expected true or false", 2);
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
          throw new CliException(where + ": expected a string", 2);
        }
        string(out, v.textValue());
      }
      case "raw" -> out.writeBytes(hex(v, where, -1));
      default ->
          throw new CliException(
              at
                  + ": unknown type '"
                  + type
                  + "' (u8, u32, u64, amount, bool, address, bytes32, bytes, string, raw)",
              2);
    }
  }

  private static void string(ByteArrayOutputStream out, String s) {
    byte[] u = s.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(le(BigInteger.valueOf(u.length), 4));
    out.writeBytes(u);
  }

  private static BigInteger number(JsonNode v, String at) {
    try {
      if (v.isIntegralNumber()) {
        return v.bigIntegerValue();
      }
      if (v.isTextual()) {
        return new BigInteger(v.textValue().replace("_", ""));
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new CliException(at + ": expected an integer", 2);
  }

  private static BigInteger unsigned(BigInteger n, int bits, String at) {
    if (n.signum() < 0 || n.bitLength() > bits) {
      throw new CliException(
          at + ": " + n + " does not fit an unsigned " + bits + "-bit integer", 2);
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
    if (!v.isTextual() || !v.textValue().startsWith("0x")) {
      throw new CliException(at + ": expected 0x-hex", 2);
    }
    byte[] b;
    try {
      b = Hex.decode(v.textValue());
    } catch (IllegalArgumentException e) {
      throw new CliException(at + ": " + e.getMessage(), 2);
    }
    if (len >= 0 && b.length != len) {
      throw new CliException(at + ": expected " + len + " bytes, got " + b.length, 2);
    }
    return b;
  }

  /**
   * Decodes return data by {@code types} (comma-separated: u8, bool, u32, u64, amount, address,
   * bytes32, bytes, string) into a JSON array; numbers of 64 bits and more as decimal strings.
   */
  static ArrayNode decode(byte[] data, String types) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    for (Iterator<String> it =
            java.util.Arrays.stream(types.split(",")).map(String::trim).iterator();
        it.hasNext(); ) {
      String t = it.next();
      try {
        switch (t) {
          case "u8" -> out.add(Byte.toUnsignedInt(b.get()));
          case "bool" -> out.add(b.get() != 0);
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
            out.add(t.equals("string") ? new String(s, StandardCharsets.UTF_8) : Hex.encode(s));
          }
          default -> throw new CliException("--returns: unknown type '" + t + "'", 2);
        }
      } catch (java.nio.BufferUnderflowException e) {
        throw new CliException(
            "return data (" + data.length + " bytes) is shorter than --returns " + types);
      }
    }
    if (b.hasRemaining()) {
      throw new CliException(
          "return data has " + b.remaining() + " bytes left after --returns " + types);
    }
    return out;
  }
}
