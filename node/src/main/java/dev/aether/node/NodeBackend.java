package dev.aether.node;

import dev.aether.ledger.CommittedView;
import dev.aether.ledger.Head;
import dev.aether.ledger.StateKeys;
import dev.aether.ledger.StateObject;
import dev.aether.ledger.StateProof;
import dev.aether.ledger.StoredBlockReceipt;
import dev.aether.ledger.StoredReceipt;
import dev.aether.mempool.Admission;
import dev.aether.rpc.AccountProof;
import dev.aether.rpc.AccountState;
import dev.aether.rpc.BlockTag;
import dev.aether.rpc.ChainBackend;
import dev.aether.rpc.FinalBlock;
import dev.aether.rpc.LogEntry;
import dev.aether.rpc.LogFilter;
import dev.aether.rpc.MerkleProof;
import dev.aether.rpc.ReceiptWithProof;
import dev.aether.rpc.StakeInfo;
import dev.aether.rpc.StorageEntry;
import dev.aether.rpc.SubmitResult;
import dev.aether.rpc.SyncStatus;
import dev.aether.rpc.Utxo;
import dev.aether.rpc.ValidatorInfo;
import dev.aether.types.Address;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The node's answers to JSON-RPC and the block stream, over committed (final) state. Each answer
 * reads one {@link CommittedView} — a RocksDB snapshot of one commit — and takes no lock, so no
 * number of readers delays block execution or a vote, and no answer mixes two heights.
 */
final class NodeBackend implements ChainBackend {
  private final Node node;
  private final FinalityProofs finality;

  NodeBackend(Node node) {
    this.node = node;
    this.finality = new FinalityProofs(node.genesis(), node.setChanges());
  }

  @Override
  public dev.aether.rpc.FeePrice feePrice() {
    return node.fees().price();
  }

  @Override
  public dev.aether.rpc.FeeEstimate estimateFee(dev.aether.types.Tx tx) {
    return node.fees().estimate(tx);
  }

  @Override
  public dev.aether.rpc.AccessEstimate estimateWithAccess(dev.aether.types.Tx tx) {
    return node.fees().estimateWithAccess(tx);
  }

  @Override
  public dev.aether.rpc.ContractCallResult call(dev.aether.rpc.ContractCallRequest request) {
    return node.fees().call(request);
  }

  @Override
  public Optional<Bytes> code(H256 contract) {
    return queries().code(contract);
  }

  @Override
  public StorageEntry storageAt(H256 contract, H256 slot) {
    return queries().storageAt(contract, slot);
  }

  @Override
  public List<LogEntry> logs(LogFilter filter) {
    return queries().logs(filter);
  }

  private ContractQueries queries() {
    return new ContractQueries(node.chain()::committed);
  }

  @Override
  public String chainId() {
    return node.genesis().chain().chainId();
  }

  @Override
  public SubmitResult submitTransaction(byte[] rawTx) {
    return switch (node.submit(rawTx)) {
      case Admission.Admitted a -> new SubmitResult.Accepted(a.txId());
      case Admission.Rejected r ->
          new SubmitResult.Rejected(r.reason().code(), r.message(), r.reason().retry().code());
    };
  }

  @Override
  public Optional<Block> block(BlockTag tag) {
    try (CommittedView v = node.chain().committed()) {
      long h =
          switch (tag) {
            case BlockTag.Latest l -> v.head().height();
            case BlockTag.Finalized f -> v.head().height();
            case BlockTag.Height x -> x.height();
          };
      return v.block(h);
    }
  }

  @Override
  public Optional<ReceiptWithProof> receipt(H256 txId) {
    try (CommittedView v = node.chain().committed()) {
      Optional<StoredReceipt> r = v.receipt(txId);
      if (r.isEmpty()) {
        return Optional.empty();
      }
      StoredReceipt s = r.get();
      Block b = v.block(s.height()).orElseThrow();
      return Optional.of(
          new ReceiptWithProof(
              s.receipt(),
              s.height(),
              b.id(),
              s.index(),
              b.header().receiptsRoot(),
              new MerkleProof(s.proof().index(), s.proof().path())));
    }
  }

  @Override
  public Optional<dev.aether.rpc.BlockReceiptWithProof> blockReceipt(long height) {
    try (CommittedView v = node.chain().committed()) {
      Optional<StoredBlockReceipt> r = v.blockReceipt(height);
      Optional<Block> b = r.isPresent() ? v.block(height) : Optional.empty();
      if (b.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new dev.aether.rpc.BlockReceiptWithProof(
              r.get().receipt(),
              b.get().id(),
              b.get().header().receiptsRoot(),
              new MerkleProof(r.get().proof().index(), r.get().proof().path())));
    }
  }

  @Override
  public Optional<H256> stateRoot(BlockTag tag) {
    return block(tag).map(b -> b.header().stateRoot());
  }

  @Override
  public Value balance(Address address) {
    try (CommittedView v = node.chain().committed()) {
      Value total = v.account(address).balance();
      for (Utxo u : node.chain().utxos(address, v)) {
        total = total.add(u.output().value());
      }
      return total;
    }
  }

  @Override
  public List<Utxo> utxos(Address address) {
    try (CommittedView v = node.chain().committed()) {
      return node.chain().utxos(address, v);
    }
  }

  @Override
  public List<Utxo> utxos(
      Address address, java.util.Optional<dev.aether.types.UtxoRef> after, int limit) {
    try (CommittedView v = node.chain().committed()) {
      return node.chain().utxos(address, v, after, limit);
    }
  }

  @Override
  public AccountProof account(Address address) {
    try (CommittedView v = node.chain().committed()) {
      Head head = v.head();
      H256 key = StateKeys.account(address);
      StateProof proof = v.prove(key);
      Optional<AccountState> state =
          v.get(key)
              .flatMap(
                  o ->
                      o instanceof StateObject.Account a
                          ? Optional.of(
                              new AccountState(
                                  a.nonce(), a.balance(), Bytes.of(StateObject.CODEC.encode(o))))
                          : Optional.empty());
      return new AccountProof(
          address, head.height(), head.stateRoot(), state, List.of(Bytes.of(proof.encode())));
    }
  }

  @Override
  public List<ValidatorInfo> validators() {
    try (CommittedView v = node.chain().committed()) {
      CommittedView l = v;
      return StakingRpc.validators(l, node.genesis().chain().epochSlots());
    }
  }

  @Override
  public StakeInfo stake(Address address) {
    try (CommittedView v = node.chain().committed()) {
      return StakingRpc.stake(v, node.genesis().chain().epochSlots(), address);
    }
  }

  @Override
  public Optional<dev.aether.rpc.JobInfo> job(H256 id) {
    try (CommittedView v = node.chain().committed()) {
      return new JobsRpc(v.state()).job(id);
    }
  }

  @Override
  public Optional<dev.aether.rpc.ProviderInfo> provider(Address address) {
    try (CommittedView v = node.chain().committed()) {
      return new JobsRpc(v.state()).provider(address);
    }
  }

  @Override
  public List<dev.aether.rpc.ProviderInfo> providers() {
    try (CommittedView v = node.chain().committed()) {
      return new JobsRpc(v.state()).providers();
    }
  }

  @Override
  public Optional<dev.aether.rpc.AicSupplyInfo> aicSupply() {
    try (CommittedView v = node.chain().committed()) {
      return new JobsRpc(v.state()).supply();
    }
  }

  @Override
  public Optional<dev.aether.rpc.JobParamsInfo> jobParams() {
    try (CommittedView v = node.chain().committed()) {
      return new JobsRpc(v.state()).params();
    }
  }

  @Override
  public Optional<dev.aether.rpc.PoolInfo> pool(
      dev.aether.types.AssetId x, dev.aether.types.AssetId y) {
    try (CommittedView v = node.chain().committed()) {
      return ProgramsRpc.pool(v, x, y);
    }
  }

  @Override
  public List<dev.aether.rpc.PoolInfo> pools() {
    try (CommittedView v = node.chain().committed()) {
      return ProgramsRpc.pools(v);
    }
  }

  @Override
  public dev.aether.rpc.SwapQuote quoteSwap(
      List<dev.aether.types.AssetId> path, dev.aether.types.Amount amount, boolean exactIn) {
    try (CommittedView v = node.chain().committed()) {
      return ProgramsRpc.quote(v, path, amount, exactIn);
    }
  }

  @Override
  public Optional<dev.aether.rpc.ProposalInfo> proposal(long id) {
    try (CommittedView v = node.chain().committed()) {
      return ProgramsRpc.proposal(v, id);
    }
  }

  @Override
  public List<dev.aether.rpc.ProposalInfo> proposals(int max) {
    try (CommittedView v = node.chain().committed()) {
      return ProgramsRpc.proposals(v, max);
    }
  }

  @Override
  public dev.aether.rpc.ParamsInfo params() {
    try (CommittedView v = node.chain().committed()) {
      return ProgramsRpc.params(v);
    }
  }

  @Override
  public SyncStatus syncing() {
    long current = node.finalizedHeight();
    long highest = Math.max(current, node.highestSeenHeight());
    // In step with the chain a proposal is two or three heights above the final one.
    if (highest - current <= Node.SYNCED_LAG) {
      return SyncStatus.SYNCED;
    }
    return new SyncStatus.Syncing(node.startingHeight(), current, highest);
  }

  @Override
  public Optional<dev.aether.rpc.FinalityProof> finalityProof(long height) {
    try (CommittedView v = node.chain().committed()) {
      return finality.prove(v, height, node.latestCheckpoint());
    }
  }

  @Override
  public List<FinalBlock> finalBlocks(long fromHeight, int maxBlocks) {
    List<FinalBlock> out = new ArrayList<>();
    try (CommittedView v = node.chain().committed()) {
      long top = v.head().height();
      for (long h = Math.max(0, fromHeight); h <= top && out.size() < maxBlocks; h++) {
        Optional<Block> b = v.block(h);
        if (b.isEmpty()) {
          if (out.isEmpty()) {
            throw new dev.aether.rpc.BackendUnavailableException(
                "block "
                    + h
                    + " is not stored on this node (it state-synced past it); stream from its"
                    + " head or from an archive node");
          }
          break;
        }
        List<Receipt> receipts = v.receiptsOf(b.get());
        if (receipts.size() != b.get().txs().size()) {
          throw new IllegalStateException("block " + h + " is stored without its receipts");
        }
        out.add(
            new FinalBlock(b.get(), receipts, v.blockReceipt(h).map(StoredBlockReceipt::receipt)));
      }
    }
    return out;
  }

  @Override
  public Subscription onFinalized(LongConsumer listener) {
    Runnable cancel = node.onFinalized(listener);
    return cancel::run;
  }
}
