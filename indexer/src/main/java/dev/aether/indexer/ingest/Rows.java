package dev.aether.indexer.ingest;

import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.H256;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The rows one final block adds to the database, computed from the block, its transactions'
 * receipts and its own receipt alone (plus the values of the UTxOs it spends). {@link BlockWriter}
 * writes them in one transaction.
 */
public record Rows(
    BlockRow block,
    List<TxRow> txs,
    List<CallRow> calls,
    List<EventRow> events,
    List<AccountTxRow> accountTxs,
    List<BalanceChange> balanceChanges,
    List<UtxoRow> created,
    List<SpentRow> spent,
    List<StakingRow> staking,
    List<JobEventRow> jobEvents,
    List<VcrRow> vcrs,
    List<DisputeRow> disputes,
    AmmRows amm,
    GovRows gov,
    List<BlockEventRow> blockEvents) {

  /** One block's header facts. */
  public record BlockRow(
      long height,
      H256 hash,
      H256 parent,
      long slot,
      long round,
      int proposer,
      H256 txRoot,
      H256 stateRoot,
      H256 receiptsRoot,
      H256 shredRoot,
      long qcRound,
      int qcSigners,
      Optional<Long> timeoutRound,
      int txCount,
      int sizeBytes,
      BigInteger fees,
      byte[] headerRaw,
      Optional<byte[]> blockReceiptRaw) {}

  /** A transaction with its receipt. */
  public record TxRow(
      H256 hash,
      long height,
      int index,
      Address payer,
      long nonce,
      String kind,
      BigInteger feeCap,
      long validFrom,
      long validUntil,
      int sizeBytes,
      String status,
      BigInteger feePaid,
      long steps,
      long memBytes,
      int errorCode,
      byte[] raw,
      byte[] receiptRaw) {}

  public record CallRow(
      H256 tx, int index, H256 program, Optional<String> programName, String method, byte[] args) {}

  public record EventRow(
      H256 tx, int index, long height, H256 emitter, byte[] topic, byte[] data) {}

  /**
   * An event of the block's own receipt (docs/adr/0053); {@code value} holds its fields when it is
   * a value event the indexer could read.
   */
  public record BlockEventRow(
      long height,
      int index,
      H256 emitter,
      Optional<String> programName,
      byte[] topic,
      byte[] data,
      Optional<dev.aether.types.ValueEvent> value) {}

  /** An account a transaction names, and how. */
  public record AccountTxRow(Address address, long height, int index, H256 tx, String role) {}

  /** A signed change of {@code address}'s holdings of {@code asset}. */
  public record BalanceChange(
      long height,
      Optional<H256> tx,
      int seq,
      Address address,
      AssetId asset,
      BigInteger delta,
      String cause) {}

  public record UtxoRow(H256 tx, int index, Address owner, byte[] value, long height) {}

  public record SpentRow(H256 createdTx, int index, long height, H256 spentTx) {}

  public record StakingRow(
      H256 tx,
      int index,
      long height,
      String method,
      Address account,
      Address validator,
      BigInteger amount) {}

  public record JobEventRow(
      H256 job, H256 tx, int index, long height, String event, Address actor) {}

  /**
   * A verifiable compute receipt the chain accepted for {@code job} in transaction {@code tx}.
   *
   * @param kind {@code submitted} (a single job's {@code submitVCR}) or {@code revealed} (a quorum
   *     member's {@code revealVCR})
   * @param sizeBytes the job-program call bytes of the transaction
   * @param content the receipt decoded from its call; empty if no call of the transaction carries
   *     it
   */
  public record VcrRow(
      H256 tx,
      H256 job,
      long height,
      Address provider,
      int sizeBytes,
      String kind,
      java.util.Optional<VcrContent> content) {}

  /** What a receipt commits to: its job's inputs and the output, and how much it proves. */
  public record VcrContent(
      H256 inputHash,
      H256 modelHash,
      H256 codeHash,
      H256 outputHash,
      long seed,
      int traceSteps,
      int quoteBytes,
      java.util.Optional<dev.aether.types.Bytes> traceCommitment) {}

  public record DisputeRow(H256 tx, H256 job, long height, Address challenger, String outcome) {}

  /** The AMM's events of one block, in block order. */
  public record AmmRows(
      List<PoolCreated> created, List<LiquidityRow> liquidity, List<SwapRow> swaps) {
    public static final AmmRows NONE = new AmmRows(List.of(), List.of(), List.of());
  }

  /** A pool created by {@code amm.create}: its pair in canonical order and its fee. */
  public record PoolCreated(H256 tx, long height, AssetId a, AssetId b, int feeBps) {}

  /**
   * {@code amm.add} or {@code amm.remove} by {@code provider}, amounts in pool order ({@code a <
   * b}).
   */
  public record LiquidityRow(
      H256 tx,
      int index,
      long height,
      Address provider,
      String action,
      AssetId a,
      AssetId b,
      BigInteger amountA,
      BigInteger amountB,
      BigInteger shares) {}

  /**
   * {@code amm.swap}: the route and the amount at every step of it ({@code amounts.get(0)} in, the
   * last out); {@code exact} is {@code in} or {@code out}.
   */
  public record SwapRow(
      H256 tx,
      int index,
      long height,
      Address trader,
      String exact,
      List<AssetId> path,
      List<BigInteger> amounts) {
    public SwapRow {
      path = List.copyOf(path);
      amounts = List.copyOf(amounts);
    }
  }

  /** Governance events of one block, in block order. */
  public record GovRows(
      List<ProposalRow> proposals, List<GovDepositRow> deposits, List<VoteRow> votes) {
    public static final GovRows NONE = new GovRows(List.of(), List.of(), List.of());
  }

  /**
   * A proposal as {@code governance.submit} and its call's arguments describe it: {@code changes}
   * for {@code param_change} (name to value, in the proposal's order), {@code upgrade} for {@code
   * software_upgrade}, {@code payments} for {@code treasury_spend}.
   */
  public record ProposalRow(
      long id,
      H256 tx,
      long height,
      Address proposer,
      String kind,
      String title,
      String description,
      List<Change> changes,
      Optional<Upgrade> upgrade,
      List<Payment> payments) {}

  /** One parameter change a proposal asks for. */
  public record Change(String param, String value) {}

  /** A protocol upgrade a proposal schedules. */
  public record Upgrade(int version, long height, String release) {}

  /** One payment of a treasury spend. */
  public record Payment(Address to, AssetId asset, BigInteger amount) {}

  /** A deposit (a submit's own included) and the status the proposal had after it. */
  public record GovDepositRow(
      H256 tx,
      int index,
      long height,
      long proposal,
      Address depositor,
      BigInteger amount,
      String statusAfter) {}

  /** A vote as cast. */
  public record VoteRow(
      H256 tx, int index, long height, long proposal, Address voter, String option) {}
}
