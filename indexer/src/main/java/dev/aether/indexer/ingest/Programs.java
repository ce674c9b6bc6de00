package dev.aether.indexer.ingest;

import dev.aether.types.H256;
import dev.aether.types.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The native programs the indexer knows by name: {@code SHA-256("aether/program/v1" || 0 || name)}.
 * Programs that are not on this chain yet simply never appear in a block.
 */
public final class Programs {
  public static final H256 BANK = id("bank");
  public static final H256 STAKING = id("staking");
  public static final H256 JOBS = id("jobs");
  public static final H256 AMM = id("amm");
  public static final H256 GOVERNANCE = id("governance");
  public static final H256 LEDGER = id("ledger");

  private static final Map<H256, String> NAMES = new TreeMap<>();

  static {
    // "ledger" emits the block's fee split in its own receipt (BlockReceipt.LEDGER).
    for (String name :
        List.of("ledger", "bank", "staking", "jobs", "reputation", "amm", "governance")) {
      NAMES.put(id(name), name);
    }
  }

  private Programs() {}

  /** The id of the native program {@code name}. */
  public static H256 id(String name) {
    return Hashing.tagged("aether/program/v1", name.getBytes(StandardCharsets.US_ASCII));
  }

  /** The native program's name, or empty for a contract or an unknown program. */
  public static Optional<String> name(H256 program) {
    return Optional.ofNullable(NAMES.get(program));
  }
}
