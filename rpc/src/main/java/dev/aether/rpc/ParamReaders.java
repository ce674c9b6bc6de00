package dev.aether.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.H256;
import dev.aether.types.Hex;

/**
 * Converts bound params into domain values, failing with {@code -32602} and a message that names
 * the param. The accepted forms are the ones {@code docs/rpc.md} documents.
 */
final class ParamReaders {
  /** A u64 height written as 0x-hex takes at most 16 digits. */
  private static final int MAX_QUANTITY_DIGITS = 16;

  private ParamReaders() {}

  /** 0x-prefixed hex of any even length up to {@code maxBytes}. */
  static byte[] hexData(Params.Args args, int i, int maxBytes) {
    String name = args.name(i);
    String s = text(args, i);
    if (!s.startsWith("0x")) {
      throw RpcException.invalidParams("param '" + name + "': hex must start with 0x");
    }
    // Checked before decoding so an oversized string is refused without allocating its bytes.
    if ((s.length() - 2) / 2 > maxBytes) {
      throw RpcException.invalidParams(
          "param '" + name + "': " + (s.length() - 2) / 2 + " bytes exceed the limit " + maxBytes);
    }
    try {
      return Hex.decode(s);
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams("param '" + name + "': " + e.getMessage());
    }
  }

  static H256 hash(Params.Args args, int i) {
    byte[] b = hexData(args, i, H256.LENGTH);
    if (b.length != H256.LENGTH) {
      throw RpcException.invalidParams(
          "param '" + args.name(i) + "': expected 32 bytes of hex, got " + b.length);
    }
    return H256.of(b);
  }

  static Address address(Params.Args args, int i) {
    return new Address(hash(args, i));
  }

  /** {@code SWR}, {@code AIC}, {@code USDT} or a 0x-hex asset id. */
  static AssetId asset(Params.Args args, int i) {
    try {
      return AssetId.parse(text(args, i));
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams("param '" + args.name(i) + "': " + e.getMessage());
    }
  }

  static boolean bool(Params.Args args, int i) {
    JsonNode n = args.get(i);
    if (!n.isBoolean()) {
      throw RpcException.invalidParams("param '" + args.name(i) + "': expected true or false");
    }
    return n.booleanValue();
  }

  /**
   * {@code "latest"}, {@code "finalized"}, {@code "earliest"}, a non-negative JSON integer, a
   * 0x-hex quantity string or a decimal string.
   */
  static BlockTag blockTag(Params.Args args, int i) {
    JsonNode n = args.get(i);
    String name = args.name(i);
    if (n.isIntegralNumber()) {
      if (!n.canConvertToLong() || n.longValue() < 0) {
        throw RpcException.invalidParams("param '" + name + "': height out of range");
      }
      return new BlockTag.Height(n.longValue());
    }
    if (!n.isTextual()) {
      throw RpcException.invalidParams(
          "param '" + name + "': expected \"latest\", \"finalized\", \"earliest\" or a height");
    }
    String s = n.textValue();
    switch (s) {
      case "latest" -> {
        return BlockTag.LATEST;
      }
      case "finalized" -> {
        return BlockTag.FINALIZED;
      }
      case "earliest" -> {
        return new BlockTag.Height(0);
      }
      default -> {
        return new BlockTag.Height(quantity(name, s));
      }
    }
  }

  private static long quantity(String name, String s) {
    boolean hex = s.startsWith("0x");
    String digits = hex ? s.substring(2) : s;
    int radix = hex ? 16 : 10;
    // ASCII only: Character.digit and Long.parseLong also accept other scripts' digits.
    boolean wellFormed =
        !digits.isEmpty()
            && digits.length() <= (hex ? MAX_QUANTITY_DIGITS : 19)
            && digits.chars().allMatch(c -> c < 0x80 && Character.digit(c, radix) >= 0);
    if (wellFormed) {
      try {
        long v = Long.parseLong(digits, radix);
        if (v >= 0) {
          return v;
        }
      } catch (NumberFormatException e) {
        // falls through to the error below: above Long.MAX_VALUE
      }
    }
    throw RpcException.invalidParams(
        "param '"
            + name
            + "': '"
            + abbreviate(s)
            + "' is not \"latest\", \"finalized\", \"earliest\" or a height");
  }

  /**
   * A UtxoRef as {@code aeth_getUtxos} writes one: {@code {"txHash": Hash, "index": 0..255}} (other
   * fields, such as the rest of a listed Utxo, are ignored so a client can pass back what it got).
   */
  static dev.aether.types.UtxoRef utxoRef(Params.Args args, int i) {
    JsonNode n = args.get(i);
    String name = args.name(i);
    JsonNode tx = n.path("txHash");
    JsonNode index = n.path("index");
    if (!n.isObject() || !tx.isTextual() || !index.isIntegralNumber()) {
      throw RpcException.invalidParams(
          "param '" + name + "': expected {\"txHash\": \"0x…\", \"index\": n}");
    }
    if (!index.canConvertToInt()
        || index.intValue() < 0
        || index.intValue() >= dev.aether.types.Tx.MAX_OUTPUTS) {
      throw RpcException.invalidParams(
          "param '" + name + "': index must be 0.." + (dev.aether.types.Tx.MAX_OUTPUTS - 1));
    }
    String h = tx.textValue();
    if (!h.matches("0x[0-9a-fA-F]{64}")) {
      throw RpcException.invalidParams("param '" + name + "': txHash must be 0x and 64 hex digits");
    }
    return new dev.aether.types.UtxoRef(H256.of(Hex.decode(h)), index.intValue());
  }

  /** A JSON integer in {@code min..max}. */
  static long count(Params.Args args, int i, long min, long max) {
    JsonNode n = args.get(i);
    if (!n.isIntegralNumber()
        || !n.canConvertToLong()
        || n.longValue() < min
        || n.longValue() > max) {
      throw RpcException.invalidParams(
          "param '" + args.name(i) + "': expected an integer in " + min + ".." + max);
    }
    return n.longValue();
  }

  private static String text(Params.Args args, int i) {
    JsonNode n = args.get(i);
    if (!n.isTextual()) {
      throw RpcException.invalidParams("param '" + args.name(i) + "': expected a string");
    }
    return n.textValue();
  }

  /** Keeps error messages short whatever a client sent. */
  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
