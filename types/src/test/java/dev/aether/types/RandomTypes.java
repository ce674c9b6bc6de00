package dev.aether.types;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Seeded generators of valid values of every type, for property tests here and in other modules
 * (published in this module's test-jar). The same seed always gives the same value.
 */
public final class RandomTypes {
  private final Random rnd;

  public RandomTypes(long seed) {
    this.rnd = new Random(seed);
  }

  public Random random() {
    return rnd;
  }

  public byte[] bytes(int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  public Bytes varBytes(int max) {
    return Bytes.of(bytes(rnd.nextInt(max + 1)));
  }

  public H256 h256() {
    return H256.of(bytes(32));
  }

  public Address address() {
    return new Address(h256());
  }

  public Amount amount() {
    return switch (rnd.nextInt(4)) {
      case 0 -> Amount.ZERO;
      case 1 -> Amount.MAX;
      case 2 -> Amount.of(rnd.nextLong() & Long.MAX_VALUE);
      default -> new Amount(new BigInteger(128, rnd));
    };
  }

  public Amount positiveAmount() {
    return Amount.of(1 + rnd.nextInt(1_000_000));
  }

  public AssetId asset() {
    return switch (rnd.nextInt(4)) {
      case 0 -> AssetId.SWR;
      case 1 -> AssetId.AIC;
      case 2 -> AssetId.USDT;
      default -> new AssetId(h256());
    };
  }

  public Value value() {
    TreeMap<AssetId, Amount> m = new TreeMap<>();
    int n = rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      m.put(asset(), amount());
    }
    return new Value(m);
  }

  public <T extends Comparable<? super T>> List<T> sortedUnique(
      int max, java.util.function.Supplier<T> gen) {
    TreeSet<T> set = new TreeSet<>();
    int n = rnd.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      set.add(gen.get());
    }
    return List.copyOf(set);
  }

  public <T> List<T> list(int max, java.util.function.Supplier<T> gen) {
    List<T> out = new ArrayList<>();
    int n = rnd.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      out.add(gen.get());
    }
    return out;
  }

  public <T> Optional<T> optional(java.util.function.Supplier<T> gen) {
    return rnd.nextBoolean() ? Optional.of(gen.get()) : Optional.empty();
  }

  public UtxoRef utxoRef() {
    return new UtxoRef(h256(), rnd.nextInt(Tx.MAX_OUTPUTS));
  }

  public TxOutput txOutput() {
    return new TxOutput(address(), value(), optional(() -> varBytes(40)));
  }

  public Call call() {
    return new Call(h256(), "m" + rnd.nextInt(1000), varBytes(50));
  }

  public TxSignature txSignature() {
    return new TxSignature(Bytes.of(bytes(32)), Bytes.of(bytes(64)));
  }

  public TxBody txBody() {
    return new TxBody(
        "aether-dev-" + rnd.nextInt(10),
        address(),
        rnd.nextLong(),
        sortedUnique(3, this::utxoRef),
        sortedUnique(3, this::h256),
        sortedUnique(3, this::h256),
        list(3, this::txOutput),
        list(2, this::call),
        value(),
        value(),
        amount(),
        rnd.nextLong(),
        rnd.nextLong());
  }

  public Tx tx() {
    return new Tx(txBody(), list(3, this::txSignature));
  }

  public SignerSet signerSet() {
    return SignerSet.of(list(20, () -> rnd.nextInt(200)));
  }

  public Vote vote() {
    return new Vote(
        rnd.nextLong(),
        rnd.nextLong(),
        h256(),
        rnd.nextInt(SignerSet.MAX_VALIDATORS),
        Bytes.of(bytes(96)));
  }

  public QuorumCert quorumCert() {
    return rnd.nextInt(5) == 0
        ? QuorumCert.genesis(h256())
        : new QuorumCert(rnd.nextLong(), rnd.nextLong(), h256(), signerSet(), Bytes.of(bytes(96)));
  }

  public Timeout timeout() {
    return new Timeout(
        rnd.nextLong(),
        rnd.nextLong(),
        quorumCert(),
        rnd.nextBoolean() ? Optional.of(timeoutCert()) : Optional.empty(),
        rnd.nextInt(1000),
        Bytes.of(bytes(96)));
  }

  public TimeoutCert timeoutCert() {
    SignerSet s = signerSet();
    List<Long> rounds = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      rounds.add(rnd.nextLong());
    }
    return new TimeoutCert(rnd.nextLong(), rnd.nextLong(), s, rounds, Bytes.of(bytes(96)));
  }

  public Header header() {
    return new Header(
        rnd.nextLong(),
        rnd.nextLong(),
        rnd.nextLong(),
        rnd.nextLong(),
        h256(),
        rnd.nextInt(1000),
        varBytes(80),
        rnd.nextInt(1 << 20),
        opCert(),
        h256(),
        h256(),
        h256(),
        h256(),
        quorumCert(),
        optional(this::timeoutCert));
  }

  public OpCert opCert() {
    return new OpCert(
        Bytes.of(bytes(32)),
        rnd.nextLong(Long.MAX_VALUE),
        rnd.nextInt(1 << 20),
        Bytes.of(bytes(64)));
  }

  public Block block() {
    return new Block(header(), list(3, this::tx), varBytes(448));
  }

  public Event event() {
    return new Event(h256(), varBytes(20), varBytes(100));
  }

  public Receipt receipt() {
    return new Receipt(
        h256(),
        rnd.nextBoolean() ? Receipt.Status.SUCCESS : Receipt.Status.FAILED,
        amount(),
        rnd.nextLong(),
        rnd.nextLong(),
        list(3, this::event),
        rnd.nextInt(0x10000));
  }

  /** A value event of a random kind (an account where the kind names one). */
  public ValueEvent valueEvent() {
    ValueEvent.Kind kind = ValueEvent.Kind.values()[rnd.nextInt(ValueEvent.Kind.values().length)];
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_";
    StringBuilder cause = new StringBuilder();
    for (int i = 1 + rnd.nextInt(ValueEvent.MAX_CAUSE); i > 0; i--) {
      cause.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return new ValueEvent(
        kind,
        kind == ValueEvent.Kind.BURN ? Optional.empty() : Optional.of(address()),
        asset(),
        positiveAmount(),
        cause.toString(),
        varBytes(ValueEvent.MAX_REF));
  }

  /** A block receipt mixing value events with other events. */
  public BlockReceipt blockReceipt() {
    return new BlockReceipt(
        1 + rnd.nextLong(Long.MAX_VALUE - 1),
        list(4, () -> rnd.nextBoolean() ? valueEvent().toEvent(h256()) : event()));
  }

  public Opening opening() {
    return new Opening(rnd.nextInt(Opening.MAX_INDEX), Bytes.of(bytes(32)), Bytes.of(bytes(48)));
  }

  public Vcr vcr() {
    Optional<Bytes> commit = optional(() -> Bytes.of(bytes(48)));
    Optional<List<Opening>> openings =
        commit.isPresent() ? optional(() -> sortedUnique(3, this::opening)) : Optional.empty();
    return new Vcr(
        h256(),
        address(),
        h256(),
        h256(),
        h256(),
        rnd.nextLong(),
        h256(),
        varBytes(200),
        commit,
        openings,
        Bytes.of(bytes(64)));
  }
}
