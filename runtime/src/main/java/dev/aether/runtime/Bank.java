package dev.aether.runtime;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The native program for account-to-account payments. {@code transfer(to, asset, amount)} moves
 * value from the caller (the payer, who signed) to {@code to}; both accounts must be declared
 * writable.
 */
public final class Bank implements Program {
  /** The program id: {@code tagged("aether/program/v1", "bank")}. */
  public static final H256 ID =
      Hashing.tagged("aether/program/v1", "bank".getBytes(StandardCharsets.US_ASCII));

  /** Encodes the arguments of {@code transfer}. */
  public static Bytes transferArgs(Address to, AssetId asset, Amount amount) {
    Writer w = new Writer();
    Address.CODEC.write(to, w);
    AssetId.CODEC.write(asset, w);
    Amount.CODEC.write(amount, w);
    return Bytes.of(w.toByteArray());
  }

  @Override
  public void invoke(CallContext ctx, String method, Bytes args) {
    if (!method.equals("transfer")) {
      throw new RuntimeError.UnknownMethod(method);
    }
    Address to;
    AssetId asset;
    Amount amount;
    try {
      Reader r = new Reader(args.toArray());
      to = Address.CODEC.read(r);
      asset = AssetId.CODEC.read(r);
      amount = Amount.CODEC.read(r);
      r.expectEnd("transfer args");
    } catch (CodecException e) {
      throw new RuntimeError.BadArguments("transfer args: " + e.getMessage());
    }
    ctx.transfer(ctx.caller(), to, asset, amount);
  }
}
