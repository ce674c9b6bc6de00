package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Identifies an asset in a multi-asset {@link Value}: {@code SHA-256("aether/asset/v1" || 0x00 ||
 * symbol)} for the native assets, or a program-chosen hash for program-minted tokens.
 */
public record AssetId(H256 id) implements Comparable<AssetId> {
  /** The staking and fee token. */
  public static final AssetId SWR = native_("SWR");

  /** AI credits, burned when compute is paid for. */
  public static final AssetId AIC = native_("AIC");

  /** The devnet test stablecoin. */
  public static final AssetId USDT = native_("USDT");

  public static final Codec<AssetId> CODEC =
      new Codec<>() {
        @Override
        public void write(AssetId value, Writer out) {
          H256.CODEC.write(value.id, out);
        }

        @Override
        public AssetId read(Reader in) {
          return new AssetId(H256.CODEC.read(in));
        }
      };

  public AssetId {
    java.util.Objects.requireNonNull(id, "id");
  }

  private static AssetId native_(String symbol) {
    return new AssetId(Hashing.tagged("aether/asset/v1", symbol.getBytes(StandardCharsets.UTF_8)));
  }

  /** The native asset with this symbol (SWR, AIC, USDT), or one given as 0x-hex. */
  public static AssetId parse(String symbolOrHex) {
    return switch (symbolOrHex) {
      case "SWR" -> SWR;
      case "AIC" -> AIC;
      case "USDT" -> USDT;
      default -> {
        if (!symbolOrHex.startsWith("0x")) {
          throw new IllegalArgumentException(
              "unknown asset '" + symbolOrHex + "' (use SWR, AIC, USDT or a 0x-hex asset id)");
        }
        yield new AssetId(H256.fromHex(symbolOrHex));
      }
    };
  }

  /** The symbol of a native asset, else the hex id. */
  public String display() {
    if (equals(SWR)) {
      return "SWR";
    }
    if (equals(AIC)) {
      return "AIC";
    }
    if (equals(USDT)) {
      return "USDT";
    }
    return id.toHex();
  }

  @Override
  public int compareTo(AssetId o) {
    return id.compareTo(o.id);
  }

  @Override
  public String toString() {
    return display();
  }
}
