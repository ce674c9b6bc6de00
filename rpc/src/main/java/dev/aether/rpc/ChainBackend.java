package dev.aether.rpc;

import dev.aether.types.Address;
import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * What the RPC layer needs from a node. The node implements it over its mempool, ledger and
 * consensus; RPC only translates between this interface and JSON-RPC or gRPC.
 *
 * <p>Implementations must be thread-safe: the servers call them from many virtual threads at once.
 * A method may throw {@link BackendUnavailableException} when it cannot answer right now (state not
 * yet synced, height pruned); any other exception is reported to clients as an internal error,
 * without its message.
 */
public interface ChainBackend {
  /** The chain id transactions must carry, e.g. {@code aether-dev-1}. */
  String chainId();

  /**
   * Runs mempool admission on raw transaction bytes (as received, not yet decoded) and gossips an
   * admitted transaction.
   */
  SubmitResult submitTransaction(byte[] rawTx);

  /** The block a tag names on the canonical chain, or empty when there is none (yet). */
  Optional<Block> block(BlockTag tag);

  /** The receipt of an executed transaction with its proof, or empty when not (yet) executed. */
  Optional<ReceiptWithProof> receipt(H256 txId);

  /**
   * The own receipt of the committed block at {@code height} (the outcome of its work after its
   * transactions: fees shared out, end-of-block hooks) with its proof against the block's receipts
   * root; empty for genesis, unknown heights and blocks this backend does not hold.
   */
  default Optional<BlockReceiptWithProof> blockReceipt(long height) {
    return Optional.empty();
  }

  /** The state root after the block a tag names, or empty when there is no such block. */
  Optional<H256> stateRoot(BlockTag tag);

  /** All assets an address holds in its account and its UTxOs, at the latest state. */
  Value balance(Address address);

  /** The unspent outputs an address owns, at the latest state, in {@code UtxoRef} order. */
  List<Utxo> utxos(Address address);

  /**
   * One page of the unspent outputs an address owns, at the latest state: those after {@code after}
   * (exclusive) in {@code UtxoRef} order, at most {@code limit}. A page shorter than {@code limit}
   * is the last. This default filters {@link #utxos(Address)}; a node overrides it with its owner
   * index.
   */
  default List<Utxo> utxos(Address address, Optional<UtxoRef> after, int limit) {
    return utxos(address).stream()
        .filter(u -> after.isEmpty() || u.ref().compareTo(after.get()) > 0)
        .sorted(java.util.Comparator.comparing(Utxo::ref))
        .limit(limit)
        .toList();
  }

  /** An account, or proof of its absence, at the latest state. */
  AccountProof account(Address address);

  /**
   * Every registered validator (and every member of the current epoch's set), by operator address,
   * at the latest state.
   */
  List<ValidatorInfo> validators();

  /** What {@code address} has at stake, at the latest state. */
  StakeInfo stake(Address address);

  /** Whether this node is catching up. */
  SyncStatus syncing();

  /** Fee parameters and hot-object multipliers at the committed head ({@code aeth_feePrice}). */
  default FeePrice feePrice() {
    throw new BackendUnavailableException("this backend does not price fees");
  }

  /**
   * Simulates {@code tx} on the committed state as the next block would run it, without its
   * signatures being checked and with its nonce and fee cap replaced by what the simulation needs
   * ({@code aeth_estimateFee}). Work is bounded by a step limit.
   *
   * @throws RpcException with {@link RpcError.TxRejected} when the transaction is invalid there
   *     (e.g. {@code ledger.payer_missing})
   */
  default FeeEstimate estimateFee(dev.aether.types.Tx tx) {
    throw new BackendUnavailableException("this backend does not estimate fees");
  }

  /**
   * A proof that the block at {@code height} is final, checkable from the genesis header alone
   * ({@code aeth_getFinalityProof}); empty when there is no such block or it is not yet provable
   * (its certifying descendants are not committed yet).
   */
  default java.util.Optional<FinalityProof> finalityProof(long height) {
    throw new BackendUnavailableException("this backend does not prove finality");
  }

  /**
   * Like {@link #estimateFee}, but first finds by simulation which state keys the transaction's
   * calls touch and estimates the transaction with exactly those declared ({@code aeth_estimateFee}
   * with {@code autoAccess}).
   */
  default AccessEstimate estimateWithAccess(dev.aether.types.Tx tx) {
    throw new BackendUnavailableException("this backend does not compute access sets");
  }

  /**
   * Runs a contract call read-only against a block's state ({@code aeth_call}): bounded by a step
   * limit, without the chain's execution lock, keeping nothing.
   */
  default ContractCallResult call(ContractCallRequest request) {
    throw new BackendUnavailableException("this backend does not run calls");
  }

  /** The code of a deployed contract at the committed state, or empty ({@code aeth_getCode}). */
  default Optional<dev.aether.types.Bytes> code(H256 contract) {
    throw new BackendUnavailableException("this backend does not serve code");
  }

  /** A contract's storage slot at the committed state, with proof ({@code aeth_getStorageAt}). */
  default StorageEntry storageAt(H256 contract, H256 slot) {
    throw new BackendUnavailableException("this backend does not serve storage");
  }

  /**
   * Events of final blocks matching {@code filter}, in chain order ({@code aeth_getLogs}); may stop
   * after {@link LogFilter#MAX_LOGS} + 1 (the RPC layer refuses answers over the limit).
   */
  default List<LogEntry> logs(LogFilter filter) {
    throw new BackendUnavailableException("this backend does not serve logs");
  }

  /** The AMM pool of a pair at the committed state, or empty ({@code aeth_getPool}). */
  default Optional<PoolInfo> pool(dev.aether.types.AssetId x, dev.aether.types.AssetId y) {
    throw new BackendUnavailableException("this backend does not serve AMM pools");
  }

  /** Every AMM pool at the committed state ({@code aeth_getPools}). */
  default List<PoolInfo> pools() {
    throw new BackendUnavailableException("this backend does not serve AMM pools");
  }

  /**
   * A quote along {@code path} at the committed state: exact input {@code amount} ({@code exactIn})
   * or exact output ({@code aeth_quoteSwap}). Refusals (unknown pool, too little liquidity, a
   * result over u128) are {@link RpcException}s with the AMM's code.
   */
  default SwapQuote quoteSwap(
      List<dev.aether.types.AssetId> path, dev.aether.types.Amount amount, boolean exactIn) {
    throw new BackendUnavailableException("this backend does not quote swaps");
  }

  /** A governance proposal by id at the committed state, or empty ({@code aeth_getProposal}). */
  default Optional<ProposalInfo> proposal(long id) {
    throw new BackendUnavailableException("this backend does not serve proposals");
  }

  /** The newest proposals, newest first, at most {@code max} ({@code aeth_getProposals}). */
  default List<ProposalInfo> proposals(int max) {
    throw new BackendUnavailableException("this backend does not serve proposals");
  }

  /** The active chain parameters at the committed state ({@code aeth_getParams}). */
  default ParamsInfo params() {
    throw new BackendUnavailableException("this backend does not serve parameters");
  }

  /**
   * Up to {@code maxBlocks} consecutive final blocks starting at {@code fromHeight}, in height
   * order; empty when {@code fromHeight} is above the finalized height.
   */
  List<FinalBlock> finalBlocks(long fromHeight, int maxBlocks);

  /**
   * Registers a listener called with the new finalized height each time blocks become final (after
   * they are committed, so {@link #finalBlocks} returns them). Listeners must be called quickly and
   * without holding locks the caller of {@code finalBlocks} needs.
   *
   * @return a handle that unregisters the listener when closed
   */
  Subscription onFinalized(LongConsumer listener);

  /** Handle of a registered listener; closing it stops the calls. */
  @FunctionalInterface
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /** A job of the job-escrow program at the latest state; empty if there is none. */
  default Optional<JobInfo> job(H256 id) {
    return Optional.empty();
  }

  /** A provider's registration and reputation at the latest state; empty if it has neither. */
  default Optional<ProviderInfo> provider(Address address) {
    return Optional.empty();
  }

  /** Registered providers, best reputation first. */
  default List<ProviderInfo> providers() {
    return List.of();
  }

  /** AIC supply accounting at the latest state; empty where the chain has no job escrow. */
  default Optional<AicSupplyInfo> aicSupply() {
    return Optional.empty();
  }

  /** The job escrow's parameters; empty where the chain has no job escrow. */
  default Optional<JobParamsInfo> jobParams() {
    return Optional.empty();
  }
}
