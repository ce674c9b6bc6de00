package dev.aether.programs.jobs;

import dev.aether.types.Amount;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;

/**
 * AIC supply accounting, kept by the job-escrow program (the only code that moves AIC in and out of
 * custody and the only code that burns it). {@code minted} is the genesis allocation (nothing mints
 * AIC after genesis); the rest are running totals in base units.
 *
 * <p>Identities (checked by the property tests):
 *
 * <pre>
 * deposited + locked + forfeited = escrowed + bonded + paid + refunded + returned + rewarded + burned
 * AIC in accounts                = minted − escrowed − bonded − burned
 * </pre>
 *
 * @param minted AIC allocated at genesis
 * @param escrowed posters' escrow held now
 * @param bonded providers' bonds held now
 * @param deposited escrow ever taken from posters
 * @param locked bonds ever taken from providers
 * @param forfeited challenge bonds of lost challenges (burned)
 * @param paid paid to providers for work
 * @param refunded returned to posters
 * @param returned bonds returned to providers
 * @param rewarded paid to challengers and expiry senders out of slashed bonds
 * @param burned destroyed: J-unit burns, burned parts of slashed bonds, forfeited challenge bonds
 */
public record Supply(
    BigInteger minted,
    BigInteger escrowed,
    BigInteger bonded,
    BigInteger deposited,
    BigInteger locked,
    BigInteger forfeited,
    BigInteger paid,
    BigInteger refunded,
    BigInteger returned,
    BigInteger rewarded,
    BigInteger burned) {

  /** The canonical codec. */
  public static final Codec<Supply> CODEC =
      new Codec<>() {
        @Override
        public void write(Supply s, Writer out) {
          out.u8(1);
          for (BigInteger v :
              new BigInteger[] {
                s.minted,
                s.escrowed,
                s.bonded,
                s.deposited,
                s.locked,
                s.forfeited,
                s.paid,
                s.refunded,
                s.returned,
                s.rewarded,
                s.burned
              }) {
            Amount.CODEC.write(new Amount(v), out);
          }
        }

        @Override
        public Supply read(Reader in) {
          if (in.u8("Supply version") != 1) {
            throw new CodecException.NonCanonical("Supply version");
          }
          BigInteger[] v = new BigInteger[11];
          for (int i = 0; i < v.length; i++) {
            v[i] = Amount.CODEC.read(in).value();
          }
          return new Supply(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
        }
      };

  /** The accounting at genesis. */
  public static Supply genesis(BigInteger minted) {
    BigInteger z = BigInteger.ZERO;
    return new Supply(minted, z, z, z, z, z, z, z, z, z, z);
  }

  /** AIC that is neither in custody nor burned: what accounts hold. */
  public BigInteger circulating() {
    return minted.subtract(escrowed).subtract(bonded).subtract(burned);
  }

  Supply deposit(BigInteger escrow) {
    return new Supply(
        minted,
        escrowed.add(escrow),
        bonded,
        deposited.add(escrow),
        locked,
        forfeited,
        paid,
        refunded,
        returned,
        rewarded,
        burned);
  }

  Supply lock(BigInteger bond) {
    return new Supply(
        minted,
        escrowed,
        bonded.add(bond),
        deposited,
        locked.add(bond),
        forfeited,
        paid,
        refunded,
        returned,
        rewarded,
        burned);
  }

  Supply forfeit(BigInteger challengeBond) {
    return new Supply(
        minted,
        escrowed,
        bonded,
        deposited,
        locked,
        forfeited.add(challengeBond),
        paid,
        refunded,
        returned,
        rewarded,
        burned.add(challengeBond));
  }

  /** A job leaves custody: its escrow and bond are released as {@code o} says. */
  Supply release(BigInteger escrow, BigInteger bond, JobRecord.Outcome o) {
    return new Supply(
        minted,
        escrowed.subtract(escrow),
        bonded.subtract(bond),
        deposited,
        locked,
        forfeited,
        paid.add(o.paid()),
        refunded.add(o.refunded()),
        returned.add(o.bondReturned()),
        rewarded.add(o.rewarded()),
        burned.add(o.burned()));
  }
}
