package dev.aether.programs.staking;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One member of an epoch's validator set as the staking program records it: who it is, its public
 * keys, and its exact stake (self-bond plus delegations, SWR base units, u128).
 *
 * @param operator the operator address (the cold key's account)
 * @param nodeKey Ed25519 node key (32 bytes): network identity
 * @param blsKey BLS12-381 G1 key (48 bytes): votes; its proof of possession was verified
 * @param vrfKey ECVRF edwards25519 key (32 bytes): leader lottery
 * @param coldKey Ed25519 cold key (32 bytes): signs operational certificates
 * @param stake bonded stake at the time the set was recorded
 */
public record EpochValidator(
    Address operator, Bytes nodeKey, Bytes blsKey, Bytes vrfKey, Bytes coldKey, BigInteger stake) {

  public EpochValidator {
    Objects.requireNonNull(operator, "operator");
    requireLength(nodeKey, 32, "nodeKey");
    requireLength(blsKey, 48, "blsKey");
    requireLength(vrfKey, 32, "vrfKey");
    requireLength(coldKey, 32, "coldKey");
    new Amount(stake); // u128 range check
    if (stake.signum() == 0) {
      throw new IllegalArgumentException("a set member needs stake");
    }
  }

  private static void requireLength(Bytes b, int n, String what) {
    if (b.length() != n) {
      throw new IllegalArgumentException(what + " must be " + n + " bytes");
    }
  }

  /** Canonical encoding (types' codec): operator, keys, stake as u128. */
  public static final Codec<EpochValidator> CODEC =
      new Codec<>() {
        @Override
        public void write(EpochValidator v, Writer out) {
          Address.CODEC.write(v.operator, out);
          out.fixed(v.nodeKey.toArray());
          out.fixed(v.blsKey.toArray());
          out.fixed(v.vrfKey.toArray());
          out.fixed(v.coldKey.toArray());
          Amount.CODEC.write(new Amount(v.stake), out);
        }

        @Override
        public EpochValidator read(Reader in) {
          return new EpochValidator(
              Address.CODEC.read(in),
              Bytes.of(in.fixed("nodeKey", 32)),
              Bytes.of(in.fixed("blsKey", 48)),
              Bytes.of(in.fixed("vrfKey", 32)),
              Bytes.of(in.fixed("coldKey", 32)),
              Amount.CODEC.read(in).value());
        }
      };
}
