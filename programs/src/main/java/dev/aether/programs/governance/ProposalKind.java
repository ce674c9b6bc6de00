package dev.aether.programs.governance;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.List;

/** What a proposal does if it passes. */
public sealed interface ProposalKind {
  /** Most parameter changes, or payments, in one proposal. */
  int MAX_ITEMS = 16;

  /** Longest parameter name or value. */
  int MAX_PARAM_TEXT = 64;

  /** The kind's name as RPC and the CLI show it. */
  String name();

  /** Parameter changes, applied together (all or none) from the block after the tally. */
  record ParamChange(List<Change> changes) implements ProposalKind {
    public ParamChange {
      changes = List.copyOf(changes);
    }

    public String name() {
      return "param_change";
    }
  }

  /** One parameter and its new value, both as text ({@link ParamRegistry} says the syntax). */
  record Change(String param, String value) {
    static final Codec<Change> CODEC =
        new Codec<>() {
          @Override
          public void write(Change c, Writer out) {
            out.string(c.param).string(c.value);
          }

          @Override
          public Change read(Reader in) {
            return new Change(
                in.string("param", MAX_PARAM_TEXT), in.string("value", MAX_PARAM_TEXT));
          }
        };
  }

  /**
   * A protocol upgrade: from block {@code height} on, the chain runs protocol {@code version}. A
   * node whose binary does not implement it halts there with one line naming {@code name} (the
   * release to run); one that does switches rules exactly at that block.
   */
  record SoftwareUpgrade(int version, long height, String release) implements ProposalKind {
    public String name() {
      return "software_upgrade";
    }
  }

  /** Payments out of the treasury. */
  record TreasurySpend(List<Payment> payments) implements ProposalKind {
    public TreasurySpend {
      payments = List.copyOf(payments);
    }

    public String name() {
      return "treasury_spend";
    }
  }

  /** One payment of a treasury spend. */
  record Payment(Address to, AssetId asset, Amount amount) {
    static final Codec<Payment> CODEC =
        new Codec<>() {
          @Override
          public void write(Payment p, Writer out) {
            Address.CODEC.write(p.to, out);
            AssetId.CODEC.write(p.asset, out);
            Amount.CODEC.write(p.amount, out);
          }

          @Override
          public Payment read(Reader in) {
            return new Payment(
                Address.CODEC.read(in), AssetId.CODEC.read(in), Amount.CODEC.read(in));
          }
        };
  }

  Codec<ProposalKind> CODEC =
      new Codec<>() {
        @Override
        public void write(ProposalKind k, Writer out) {
          switch (k) {
            case ParamChange p -> {
              out.u8(1);
              out.list(p.changes(), Change.CODEC);
            }
            case SoftwareUpgrade u -> {
              out.u8(2);
              out.u32(u.version()).u64(u.height()).string(u.release());
            }
            case TreasurySpend t -> {
              out.u8(3);
              out.list(t.payments(), Payment.CODEC);
            }
          }
        }

        @Override
        public ProposalKind read(Reader in) {
          int tag = in.u8("proposal kind");
          return switch (tag) {
            case 1 -> new ParamChange(in.list("changes", MAX_ITEMS, Change.CODEC));
            case 2 -> {
              long v = in.u32("version");
              if (v > Integer.MAX_VALUE) {
                throw new CodecException.NonCanonical("version " + v);
              }
              yield new SoftwareUpgrade(
                  (int) v,
                  in.u64("height"),
                  in.string("release", dev.aether.ledger.ChainParams.Upgrade.MAX_NAME_BYTES));
            }
            case 3 -> new TreasurySpend(in.list("payments", MAX_ITEMS, Payment.CODEC));
            default -> throw new CodecException.UnknownTag("proposal kind", tag);
          };
        }
      };
}
