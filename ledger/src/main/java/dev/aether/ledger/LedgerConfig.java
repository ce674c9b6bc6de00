package dev.aether.ledger;

import dev.aether.types.Tx;

/**
 * The chain parameters the rules read.
 *
 * @param chainId transactions must name this chain
 * @param maxTxBytes largest encoded transaction accepted (at most {@link Tx#MAX_BYTES})
 * @param fees the fee schedule
 * @param mintPolicy who may mint
 * @param blockStepsMax the most metered steps (summed over the receipts) one block may use; a block
 *     over it is invalid ({@link LedgerError.BlockOverBudget}), and {@link Ledger#build} never
 *     builds one
 * @param supportedProtocol the highest protocol version this ledger executes ({@link
 *     ChainParams#PROTOCOL_VERSION}; a devnet node may be told to claim less, to rehearse an
 *     upgrade): a block under a later version fails with {@link LedgerError.UnsupportedProtocol}
 */
public record LedgerConfig(
    String chainId,
    int maxTxBytes,
    FeeSchedule fees,
    MintPolicy mintPolicy,
    long blockStepsMax,
    int supportedProtocol) {
  public LedgerConfig {
    java.util.Objects.requireNonNull(chainId, "chainId");
    java.util.Objects.requireNonNull(fees, "fees");
    java.util.Objects.requireNonNull(mintPolicy, "mintPolicy");
    if (maxTxBytes <= 0 || maxTxBytes > Tx.MAX_BYTES) {
      throw new IllegalArgumentException("maxTxBytes must be 1.." + Tx.MAX_BYTES);
    }
    if (blockStepsMax <= 0) {
      throw new IllegalArgumentException("blockStepsMax must be positive");
    }
    if (supportedProtocol < 1 || supportedProtocol > ChainParams.PROTOCOL_VERSION) {
      throw new IllegalArgumentException(
          "supportedProtocol must be 1.." + ChainParams.PROTOCOL_VERSION);
    }
  }

  /** A configuration of this code's protocol version. */
  public LedgerConfig(
      String chainId, int maxTxBytes, FeeSchedule fees, MintPolicy mintPolicy, long blockStepsMax) {
    this(chainId, maxTxBytes, fees, mintPolicy, blockStepsMax, ChainParams.PROTOCOL_VERSION);
  }

  /**
   * This configuration claiming support only up to protocol {@code version} (devnet upgrade
   * rehearsals: an "old binary").
   */
  public LedgerConfig withSupportedProtocol(int version) {
    return new LedgerConfig(chainId, maxTxBytes, fees, mintPolicy, blockStepsMax, version);
  }

  /** A configuration with the default block step budget ({@code [limits]} defaults). */
  public LedgerConfig(String chainId, int maxTxBytes, FeeSchedule fees, MintPolicy mintPolicy) {
    this(
        chainId,
        maxTxBytes,
        fees,
        mintPolicy,
        dev.aether.genesis.GenesisConfig.Limits.DEFAULT.blockStepsMax());
  }

  /**
   * The rules' parameters from a genesis file: its chain id, its fee formula, transactions no
   * larger than a block (and the codec's limit), no minting by the ledger itself.
   */
  public static LedgerConfig fromGenesis(dev.aether.genesis.GenesisConfig genesis) {
    var f = genesis.fees();
    long blockMax = genesis.chain().blockBytesMax();
    int max = (int) Math.min(Tx.MAX_BYTES, Math.max(1, blockMax));
    return new LedgerConfig(
        genesis.chain().chainId(),
        max,
        new LinearFeeSchedule(f.a(), f.b(), f.c(), f.d()),
        MintPolicy.NONE,
        genesis.limits().blockStepsMax());
  }

  /** Genesis fees, the codec's size limit, no minting. */
  public static LedgerConfig defaults(String chainId) {
    return new LedgerConfig(chainId, Tx.MAX_BYTES, LinearFeeSchedule.GENESIS, MintPolicy.NONE);
  }
}
