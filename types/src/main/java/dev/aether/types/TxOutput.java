package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.Optional;

/** A UTxO as created: who may spend it, what it holds, and an optional datum for scripts. */
public record TxOutput(Address owner, Value value, Optional<Bytes> datum) {
  public static final int MAX_DATUM = 16 * 1024;
  private static final Codec<Bytes> DATUM = Bytes.codec("TxOutput datum", MAX_DATUM);

  public static final Codec<TxOutput> CODEC =
      new Codec<>() {
        @Override
        public void write(TxOutput v, Writer out) {
          Address.CODEC.write(v.owner, out);
          Value.CODEC.write(v.value, out);
          out.optional(v.datum, DATUM);
        }

        @Override
        public TxOutput read(Reader in) {
          return new TxOutput(
              Address.CODEC.read(in), Value.CODEC.read(in), in.optional("TxOutput datum", DATUM));
        }
      };

  public TxOutput {
    java.util.Objects.requireNonNull(owner, "owner");
    java.util.Objects.requireNonNull(value, "value");
    java.util.Objects.requireNonNull(datum, "datum");
    datum.ifPresent(
        d -> {
          if (d.length() > MAX_DATUM) {
            throw new IllegalArgumentException("datum over " + MAX_DATUM + " bytes");
          }
        });
  }

  public TxOutput(Address owner, Value value) {
    this(owner, value, Optional.empty());
  }
}
