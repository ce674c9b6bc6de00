package dev.aether.runtime;

import dev.aether.ledger.BankProgram;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.Value;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import java.nio.charset.StandardCharsets;

/**
 * The ledger's bank ({@link BankProgram#transfer}: same id, method and arguments) as a metered
 * runtime program, so bank calls and contract calls can share one transaction: {@code transfer(to,
 * value)} moves value from the payer, who signed, to {@code to}.
 */
public final class BankTransfer implements Program {
  private static final Bytes TOPIC =
      Bytes.of(BankProgram.TRANSFER.getBytes(StandardCharsets.US_ASCII));

  @Override
  public void invoke(CallContext ctx, String method, Bytes args) {
    if (!method.equals(BankProgram.TRANSFER)) {
      throw new RuntimeError.UnknownMethod(method);
    }
    Address to;
    Value value;
    try {
      Reader in = new Reader(args.toArray());
      to = Address.CODEC.read(in);
      value = Value.CODEC.read(in);
      in.expectEnd("transfer args");
    } catch (CodecException e) {
      throw new RuntimeError.BadArguments("transfer args: " + e.getMessage());
    }
    ctx.transfer(ctx.caller(), to, value);
    ctx.emit(TOPIC, args);
  }
}
