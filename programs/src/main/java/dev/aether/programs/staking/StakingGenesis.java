package dev.aether.programs.staking;

import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.codec.Codec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The staking program's genesis state: its parameters, every {@code [[validators]]} entry
 * registered exactly as a later {@code register} would (BLS proof of possession verified, keys
 * unique, self-bond = its {@code stake}), and the validator sets of epochs 0 and 1.
 */
final class StakingGenesis {
  /** Commission of genesis validators (they can change it within the limits below). */
  static final int COMMISSION_BPS = 500;

  static final int MAX_COMMISSION_BPS = 2_000;
  static final int MAX_CHANGE_BPS = 100;

  private StakingGenesis() {}

  static SortedMap<H256, Bytes> state(GenesisConfig config) {
    StakingParams params = StakingParams.of(config);
    TreeMap<H256, Bytes> out = new TreeMap<>();
    put(out, StakingKeys.params(), StakingParams.CODEC, params);
    int max = Math.min(MAX_COMMISSION_BPS, params.maxCommissionBps());
    int commission = Math.min(COMMISSION_BPS, max);
    int change = Math.min(MAX_CHANGE_BPS, max);
    List<Address> registry = new ArrayList<>();
    List<EpochValidator> members = new ArrayList<>();
    for (GenesisConfig.Validator g : config.validators()) {
      Address op = g.operator();
      if (!StakingProgram.possesses(g.blsKey(), g.blsPop())) {
        throw invalid(g.name() + ": bls_pop does not verify for bls_key");
      }
      BigInteger stake = g.stake().value();
      put(
          out,
          StakingKeys.validator(op),
          State.Validator.CODEC,
          new State.Validator(
              op,
              g.name(),
              g.nodeKey(),
              g.blsKey(),
              g.vrfKey(),
              g.coldKey(),
              commission,
              max,
              change,
              0,
              0,
              false,
              0,
              false));
      BigInteger shares = stake.multiply(Num.SHARES_PER_UNIT);
      put(out, StakingKeys.pool(op), State.Pool.CODEC, new State.Pool(stake, shares));
      put(out, StakingKeys.rewards(op), State.Rewards.CODEC, State.Rewards.ZERO);
      put(
          out,
          StakingKeys.delegation(op, op),
          State.Delegation.CODEC,
          new State.Delegation(shares, BigInteger.ZERO, BigInteger.ZERO, 0));
      for (var k :
          List.of(
              new Object[] {"node", g.nodeKey()},
              new Object[] {"bls", g.blsKey()},
              new Object[] {"vrf", g.vrfKey()})) {
        H256 key = StakingKeys.keyOwner((String) k[0], (Bytes) k[1]);
        if (out.put(key, Bytes.of(Address.CODEC.encode(op))) != null) {
          throw invalid(g.name() + ": " + k[0] + " key used by another validator");
        }
      }
      Staking.insertSorted(registry, op);
      members.add(new EpochValidator(op, g.nodeKey(), g.blsKey(), g.vrfKey(), g.coldKey(), stake));
    }
    put(out, StakingKeys.registry(), State.REGISTRY, registry);
    members.sort(Comparator.comparing(EpochValidator::operator));
    for (long e = 0; e <= 1; e++) {
      put(out, StakingKeys.epochSet(e), EpochValidatorSet.CODEC, new EpochValidatorSet(e, members));
    }
    put(out, StakingKeys.cursor(), State.Cursor.CODEC, new State.Cursor(0, 0, 0));
    return out;
  }

  private static <T> void put(TreeMap<H256, Bytes> out, H256 key, Codec<T> codec, T value) {
    if (out.put(key, Bytes.of(codec.encode(value))) != null) {
      throw invalid("two staking entries under " + key);
    }
  }

  private static LedgerException invalid(String detail) {
    return new LedgerException(new LedgerError.GenesisInvalid(detail));
  }
}
