package dev.aether.consensus.sim;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import dev.aether.types.Timeout;
import java.util.ArrayList;
import java.util.List;

/**
 * Timeouts for the current round that carry a lowered QC (an older real one: valid, and a TC may
 * include it), a forged QC (every validator named, only the coalition's signatures), a QC not below
 * the timeout's round, a signature over another QC round than the QC carried, and valid timeouts
 * for rounds far ahead. Each slot, two of them, to everyone.
 */
final class ForgeTimeoutAttack implements Attack {
  @Override
  public void onSlot(Adversary a, long slot) {
    for (int k = 0; k < 2; k++) {
      a.sendAll(forge(a));
    }
  }

  private static Timeout forge(Adversary a) {
    long r = a.round();
    QuorumCert high = a.highQc();
    return switch (a.rnd().nextInt(5)) {
      case 0 -> a.timeout(r, lowered(a));
      case 1 -> {
        long qr = Math.min(r - 1, high.round() + 1 + a.rnd().nextInt(3));
        yield a.timeout(r, forgedQc(a, Math.max(1, qr)));
      }
      case 2 -> a.timeout(r, forgedQc(a, r + a.rnd().nextInt(3)));
      case 3 -> a.timeout(r, high, high.round() + (a.rnd().nextBoolean() ? 1 : -1));
      default -> a.timeout(r + 2 + a.rnd().nextInt(1_000), high);
    };
  }

  /** A real QC below the highest (or the genesis QC): an honest-looking, lowered report. */
  private static QuorumCert lowered(Adversary a) {
    List<QuorumCert> older = new ArrayList<>(a.intel.qcs().headMap(a.highQc().round()).values());
    if (older.isEmpty()) {
      return a.highQc();
    }
    return older.get(a.rnd().nextInt(older.size()));
  }

  /** A QC of {@code round} naming every validator, aggregating only this member's vote. */
  private static QuorumCert forgedQc(Adversary a, long round) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < a.n(); i++) {
      all.add(i);
    }
    H256 block =
        a.intel.proposals(round).stream()
            .map(Block::id)
            .findFirst()
            .orElse(Hashing.tagged("sim/forged", new byte[] {(byte) round}));
    Bytes sig = a.vote(round, block).signature();
    return new QuorumCert(
        a.epoch(), round, block, SignerSet.of(all), a.intel.aggregate(List.of(sig)));
  }
}
