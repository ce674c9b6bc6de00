package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One movement of value made by a block's own work ({@link BlockReceipt}): an account's balance
 * credited or debited, value burned, or bonded stake slashed. Carried as an {@link Event} whose
 * emitter is the program that moved the value, whose topic is the kind ({@code credit}, {@code
 * debit}, {@code burn}, {@code slash}) and whose data is {@link #CODEC}'s bytes — so anyone
 * following blocks can keep every account's balance from the chain's own records (docs/adr/0054).
 *
 * <p>{@code credit} and {@code debit} change the balance of {@code account} (and are the only kinds
 * that do); {@code burn} destroys value that no account held (an escrowed deposit, slashed stake);
 * {@code slash} takes value from the bonded stake of the validator {@code account} (its balance is
 * untouched) — what a slash takes reappears as credits and burns of the same cause.
 *
 * @param kind what happened
 * @param account the account credited or debited, or the validator slashed; absent for a burn
 * @param asset the asset moved
 * @param amount how much (never zero)
 * @param cause why, as a short name under the emitter ({@code refund}, {@code spend}, {@code
 *     reward}, ...): lower-case ASCII letters, digits and {@code _}, 1..32 bytes
 * @param ref what the cause refers to (a proposal id, a validator and epoch, ...; at most 64 bytes,
 *     its layout per cause in docs/ledger.md)
 */
public record ValueEvent(
    Kind kind, Optional<Address> account, AssetId asset, Amount amount, String cause, Bytes ref) {
  public static final int MAX_CAUSE = 32;
  public static final int MAX_REF = 64;

  /** What a value event does; its topic is the lower-case name. */
  public enum Kind {
    /** Adds {@code amount} to the balance of {@code account}. */
    CREDIT,
    /** Takes {@code amount} from the balance of {@code account}. */
    DEBIT,
    /** Destroys {@code amount} that no account held. */
    BURN,
    /** Takes {@code amount} from the bonded stake of validator {@code account}. */
    SLASH;

    /** The event topic of this kind. */
    public String topic() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Optional<Kind> ofTopic(Bytes topic) {
      String t = new String(topic.toArray(), StandardCharsets.US_ASCII);
      for (Kind k : values()) {
        if (k.topic().equals(t)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  private static final Codec<Bytes> REF = Bytes.codec("ValueEvent ref", MAX_REF);

  public static final Codec<ValueEvent> CODEC =
      new Codec<>() {
        @Override
        public void write(ValueEvent v, Writer out) {
          out.u8(v.kind.ordinal());
          out.optional(v.account, Address.CODEC);
          AssetId.CODEC.write(v.asset, out);
          Amount.CODEC.write(v.amount, out);
          out.string(v.cause);
          REF.write(v.ref, out);
        }

        @Override
        public ValueEvent read(Reader in) {
          int tag = in.u8("ValueEvent kind");
          if (tag >= Kind.values().length) {
            throw new CodecException.UnknownTag("ValueEvent kind", tag);
          }
          return new ValueEvent(
              Kind.values()[tag],
              in.optional("ValueEvent account", Address.CODEC),
              AssetId.CODEC.read(in),
              Amount.CODEC.read(in),
              in.string("ValueEvent cause", MAX_CAUSE),
              REF.read(in));
        }
      };

  public ValueEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(ref, "ref");
    if (account.isPresent() == (kind == Kind.BURN)) {
      throw new IllegalArgumentException(
          kind == Kind.BURN
              ? "a burn names no account"
              : "a " + kind.topic() + " names an account");
    }
    if (amount.isZero()) {
      throw new IllegalArgumentException("a value event moves a non-zero amount");
    }
    if (!validCause(cause)) {
      throw new IllegalArgumentException(
          "cause must be 1.." + MAX_CAUSE + " of [a-z0-9_], got '" + cause + "'");
    }
    if (ref.length() > MAX_REF) {
      throw new IllegalArgumentException("ref over " + MAX_REF + " bytes");
    }
  }

  private static boolean validCause(String cause) {
    if (cause == null || cause.isEmpty() || cause.length() > MAX_CAUSE) {
      return false;
    }
    for (int i = 0; i < cause.length(); i++) {
      char c = cause.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** {@code amount} of {@code asset} added to {@code account}'s balance. */
  public static ValueEvent credit(
      Address account, AssetId asset, Amount amount, String cause, Bytes ref) {
    return new ValueEvent(Kind.CREDIT, Optional.of(account), asset, amount, cause, ref);
  }

  /** {@code amount} of {@code asset} taken from {@code account}'s balance. */
  public static ValueEvent debit(
      Address account, AssetId asset, Amount amount, String cause, Bytes ref) {
    return new ValueEvent(Kind.DEBIT, Optional.of(account), asset, amount, cause, ref);
  }

  /** {@code amount} of {@code asset} that no account held, destroyed. */
  public static ValueEvent burn(AssetId asset, Amount amount, String cause, Bytes ref) {
    return new ValueEvent(Kind.BURN, Optional.empty(), asset, amount, cause, ref);
  }

  /** {@code amount} of {@code asset} taken from the bonded stake of {@code validator}. */
  public static ValueEvent slash(
      Address validator, AssetId asset, Amount amount, String cause, Bytes ref) {
    return new ValueEvent(Kind.SLASH, Optional.of(validator), asset, amount, cause, ref);
  }

  /**
   * What this event does to {@code account}'s balance: {@code +amount} for a credit, {@code
   * -amount} for a debit, zero for a burn or a slash.
   */
  public BigInteger balanceDelta() {
    return switch (kind) {
      case CREDIT -> amount.value();
      case DEBIT -> amount.value().negate();
      case BURN, SLASH -> BigInteger.ZERO;
    };
  }

  /** Whether this event changes an account's balance (a credit or a debit). */
  public boolean movesBalance() {
    return kind == Kind.CREDIT || kind == Kind.DEBIT;
  }

  /** This event as emitted by {@code emitter}: topic = the kind, data = {@link #CODEC}'s bytes. */
  public Event toEvent(H256 emitter) {
    return new Event(
        emitter,
        Bytes.of(kind.topic().getBytes(StandardCharsets.US_ASCII)),
        Bytes.of(CODEC.encode(this)));
  }

  /**
   * The value event {@code e} carries: empty when its topic is not a value kind; a {@link
   * CodecException} when it is but the data is not a canonical value event of that kind.
   */
  public static Optional<ValueEvent> from(Event e) {
    Optional<Kind> kind = Kind.ofTopic(e.topic());
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    ValueEvent v = CODEC.decode(e.data().toArray());
    if (v.kind != kind.get()) {
      throw new CodecException.NonCanonical(
          "event topic " + kind.get().topic() + " carries a " + v.kind.topic());
    }
    return Optional.of(v);
  }

  /** A value event with the program that emitted it. */
  public record Emitted(H256 emitter, ValueEvent event) {
    public Emitted {
      Objects.requireNonNull(emitter, "emitter");
      Objects.requireNonNull(event, "event");
    }
  }

  /**
   * Whether {@code topic} is one of the value kinds' topics ({@code credit}, {@code debit}, {@code
   * burn}, {@code slash}). The runtime reserves them: only native programs and the runtime's own
   * transfer host function emit them, so a contract cannot claim a movement it did not make.
   */
  public static boolean isValueTopic(Bytes topic) {
    return Kind.ofTopic(topic).isPresent();
  }

  /** The value events among {@code events}, in order, each with its emitter. */
  public static List<Emitted> of(List<Event> events) {
    List<Emitted> out = new ArrayList<>();
    for (Event e : events) {
      from(e).ifPresent(v -> out.add(new Emitted(e.emitter(), v)));
    }
    return out;
  }
}
