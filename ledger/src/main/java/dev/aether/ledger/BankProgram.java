package dev.aether.ledger;

import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Value;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's built-in program: {@code transfer(to, value)} moves value from the payer's account
 * (the payer signed) to {@code to}'s account, whose key the transaction must declare in its writes.
 * Plain transfers cost no steps. Any other call fails with {@link LedgerError.UnknownProgram}.
 */
public final class BankProgram implements CallExecutor {
  /** The bank's program id. */
  public static final H256 ID =
      Hashing.tagged("aether/program/v1", "bank".getBytes(StandardCharsets.US_ASCII));

  public static final String TRANSFER = "transfer";

  private static final Bytes TOPIC = Bytes.of(TRANSFER.getBytes(StandardCharsets.US_ASCII));

  /**
   * The body of a bank transfer of {@code value} from {@code from} to {@code to}: both accounts are
   * its declared writes, valid from slot 0 until {@code validUntil}. One builder for the CLI, the
   * load generator, the node's warm-up and tests.
   */
  public static dev.aether.types.TxBody transferBody(
      String chainId,
      Address from,
      long nonce,
      Address to,
      Value value,
      long feeCap,
      long validUntil) {
    List<H256> writes =
        List.copyOf(
            new java.util.TreeSet<>(List.of(StateKeys.account(from), StateKeys.account(to))));
    return new dev.aether.types.TxBody(
        chainId,
        from,
        nonce,
        List.of(),
        List.of(),
        writes,
        List.of(),
        List.<Call>of(transfer(to, value)),
        Value.EMPTY,
        Value.EMPTY,
        dev.aether.types.Amount.of(feeCap),
        0,
        validUntil);
  }

  /** {@code body} signed by {@code key}, its payer (one Ed25519 signature over the body id). */
  public static dev.aether.types.Tx signed(
      dev.aether.crypto.Ed25519KeyPair key, dev.aether.types.TxBody body) {
    return new dev.aether.types.Tx(
        body,
        List.of(
            new dev.aether.types.TxSignature(
                Bytes.of(key.publicKey().bytes()),
                Bytes.of(key.sign(body.id().toArray()).bytes()))));
  }

  /** The call that transfers {@code value} from the payer to {@code to}. */
  public static Call transfer(Address to, Value value) {
    Writer w = new Writer();
    Address.CODEC.write(to, w);
    Value.CODEC.write(value, w);
    return new Call(ID, TRANSFER, Bytes.of(w.toByteArray()));
  }

  @Override
  public ExecutionResult execute(TxContext ctx, TxState state) {
    List<Event> events = new ArrayList<>();
    Address payer = ctx.tx().body().payer();
    for (Call call : ctx.tx().body().calls()) {
      if (!call.program().equals(ID) || !call.method().equals(TRANSFER)) {
        return ExecutionResult.failed(
            0, 0, new LedgerError.UnknownProgram(call.program(), call.method()));
      }
      Address to;
      Value value;
      try {
        Reader in = new Reader(call.args().toArray());
        to = Address.CODEC.read(in);
        value = Value.CODEC.read(in);
        in.expectEnd("transfer args");
      } catch (CodecException e) {
        return ExecutionResult.failed(0, 0, new LedgerError.BadCallArgs(e.getMessage()));
      }
      try {
        state.debit(payer, value);
        state.credit(to, value);
      } catch (LedgerException e) {
        return ExecutionResult.failed(0, 0, e.error());
      }
      events.add(new Event(ID, TOPIC, call.args()));
    }
    return ExecutionResult.success(0, 0, events);
  }
}
