package dev.aether.programs.amm;

import static dev.aether.programs.amm.AmmFixture.AIC;
import static dev.aether.programs.amm.AmmFixture.USDT;

import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.SerialExecutor;
import dev.aether.ledger.StateKeys;
import dev.aether.programs.ProgramsChain;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.Program;
import dev.aether.runtime.Programs;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.Value;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A stand-in for another native program (the job escrow's stablecoin payout) using the AMM's API
 * the way docs/programs/amm.md tells programs to: {@code pay} takes AIC into its own custody and
 * pays it out as USDT through {@link Amm#swapExactInFromCustody}; {@code observe} keeps a price
 * observation and, on the next call, emits the TWAP since ({@link Amm#observe}, {@link Amm#twap}).
 */
final class EscrowProbe implements Program {
  static final H256 ID = Hashing.tagged("test/escrow-probe");
  static final H256 OBSERVATION = Hashing.tagged("test/escrow-probe/observation");

  static AmmFixture fixture(EscrowProbe probe, ProgramsChain.User provider) {
    return new AmmFixture(
        2,
        List.of(
            new GenesisConfig.Amm.Pool(
                AIC, USDT, Amount.of(4_000_000), Amount.of(1_000_000), provider.address())),
        new SerialExecutor(),
        Optional.of(Programs.natives(Map.of(ID, probe))));
  }

  @Override
  public void invoke(CallContext ctx, String method, Bytes args) {
    Reader in = new Reader(args.toArray());
    switch (method) {
      case "pay" -> {
        Address to = Address.CODEC.read(in);
        BigInteger amount = Amount.CODEC.read(in).value();
        BigInteger minOut = Amount.CODEC.read(in).value();
        // Custody: the poster's AIC leaves its account into this program's records.
        ctx.debit(ctx.caller(), Value.of(AIC, new Amount(amount)));
        Amm.swapExactInFromCustody(ctx, List.of(AIC, USDT), amount, minOut, to);
      }
      case "observe" -> {
        Amm.Observation now = Amm.observe(ctx, AIC, USDT);
        Optional<Bytes> prev = ctx.readData(OBSERVATION);
        if (prev.isPresent()) {
          Reader r = new Reader(prev.get().toArray());
          BigInteger cum = new BigInteger(1, r.bytes("cumulative", 64));
          long slot = r.u64("slot");
          BigInteger twap = Amm.twap(new Amm.Observation(AIC, USDT, cum, slot), now);
          ctx.emit(Bytes.of("twap".getBytes()), Bytes.of(twap.toByteArray()));
        }
        ctx.writeData(
            OBSERVATION,
            Bytes.of(
                new Writer().bytes(now.cumulative().toByteArray()).u64(now.slot()).toByteArray()));
      }
      default -> throw new dev.aether.runtime.RuntimeError.UnknownMethod(method);
    }
  }

  Tx payTx(
      AmmFixture f, ProgramsChain.User from, Address to, BigInteger amount, BigInteger minOut) {
    Writer w = new Writer();
    Address.CODEC.write(to, w);
    Amount.CODEC.write(new Amount(amount), w);
    Amount.CODEC.write(new Amount(minOut), w);
    TreeSet<H256> writes = new TreeSet<>(Amm.accessFor(List.of(AIC, USDT)));
    writes.add(StateKeys.account(from.address()));
    writes.add(StateKeys.account(to));
    return tx(f, from, new Call(ID, "pay", Bytes.of(w.toByteArray())), new TreeSet<>(), writes);
  }

  Tx observeTx(AmmFixture f, ProgramsChain.User from) {
    TreeSet<H256> reads = new TreeSet<>(Amm.accessFor(List.of(AIC, USDT)));
    TreeSet<H256> writes = new TreeSet<>(List.of(StateKeys.account(from.address()), OBSERVATION));
    return tx(f, from, new Call(ID, "observe", Bytes.EMPTY), reads, writes);
  }

  private static Tx tx(
      AmmFixture f, ProgramsChain.User from, Call call, TreeSet<H256> reads, TreeSet<H256> writes) {
    return f.chain.tx(
        from.key(),
        nonce ->
            new TxBody(
                ProgramsChain.CHAIN,
                from.address(),
                nonce,
                List.of(),
                List.copyOf(reads),
                List.copyOf(writes),
                List.of(),
                List.of(call),
                Value.EMPTY,
                Value.EMPTY,
                Amount.of(ProgramsChain.FEE_CAP),
                0,
                Long.MAX_VALUE));
  }

  /** The TWAP an {@code observe} receipt emitted. */
  static BigInteger twapIn(Receipt r) {
    return new BigInteger(1, r.events().getFirst().data().toArray());
  }

  static AssetId unused() {
    return AIC;
  }
}
