package dev.aether.programs.governance;

import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.ArrayList;
import java.util.List;

/** The governance program's smaller state entries: the index and a proposal's votes. */
final class GovState {
  private GovState() {}

  /** Most distinct voters a proposal keeps (the tally reads each one's delegations). */
  static final int MAX_VOTERS = 1024;

  /**
   * The next proposal id, the active ones (in deposit or voting), ascending, and the deposits
   * burned so far (the audit trail of SWR governance destroyed).
   */
  record Index(long nextId, List<Long> active, java.math.BigInteger burned) {
    static final Index EMPTY = new Index(1, List.of(), java.math.BigInteger.ZERO);

    Index {
      active = List.copyOf(active);
    }

    static final Codec<Index> CODEC =
        new Codec<>() {
          @Override
          public void write(Index i, Writer out) {
            out.u64(i.nextId).u32(i.active.size());
            for (long id : i.active) {
              out.u64(id);
            }
            dev.aether.types.Amount.CODEC.write(new dev.aether.types.Amount(i.burned), out);
          }

          @Override
          public Index read(Reader in) {
            long next = in.u64("next id");
            int n = in.length("active", dev.aether.genesis.GenesisConfig.Governance.MAX_ACTIVE);
            List<Long> ids = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
              ids.add(in.u64("active id"));
            }
            return new Index(next, ids, dev.aether.types.Amount.CODEC.read(in).value());
          }
        };
  }

  /** One voter's current choice. */
  record Vote(Address voter, VoteOption option) {
    static final Codec<Vote> CODEC =
        new Codec<>() {
          @Override
          public void write(Vote v, Writer out) {
            Address.CODEC.write(v.voter, out);
            out.u8(v.option.ordinal());
          }

          @Override
          public Vote read(Reader in) {
            Address a = Address.CODEC.read(in);
            int o = in.u8("option");
            if (o >= VoteOption.values().length) {
              throw new CodecException.UnknownTag("vote option", o);
            }
            return new Vote(a, VoteOption.values()[o]);
          }
        };
  }

  /** A proposal's votes, ascending by voter (one each; a new vote replaces the old). */
  static final Codec<List<Vote>> VOTES =
      new Codec<>() {
        @Override
        public void write(List<Vote> v, Writer out) {
          out.list(v, Vote.CODEC);
        }

        @Override
        public List<Vote> read(Reader in) {
          return new ArrayList<>(in.list("votes", MAX_VOTERS, Vote.CODEC));
        }
      };

  static <T> T decode(Codec<T> codec, Bytes b, H256 key) {
    try {
      return codec.decode(b.toArray());
    } catch (CodecException e) {
      throw new LedgerException(new LedgerError.MalformedState(key, e.getMessage()));
    }
  }
}
