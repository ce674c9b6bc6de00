package dev.aether.ledger;

import dev.aether.genesis.GenesisBlock;
import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.StateObject.Account;
import dev.aether.ledger.smt.InMemoryNodeStore;
import dev.aether.ledger.smt.SparseMerkleTree;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns a {@link GenesisAllocation} into the height-0 state and its root. Pure: the same allocation
 * gives the same root on every machine, whatever the order of its entries.
 */
public final class Genesis {
  private Genesis() {}

  /** The genesis state objects by key, or {@link LedgerError.GenesisInvalid}. */
  public static SortedMap<H256, StateObject> state(GenesisAllocation alloc) {
    TreeMap<Address, TreeMap<AssetId, Amount>> balances = new TreeMap<>();
    for (GenesisAllocation.Balance b : alloc.balances()) {
      if (b.amount().isZero()) {
        throw invalid("zero balance for " + b.address() + " " + b.asset());
      }
      Amount prev =
          balances.computeIfAbsent(b.address(), a -> new TreeMap<>()).put(b.asset(), b.amount());
      if (prev != null) {
        throw invalid("two balances for " + b.address() + " " + b.asset());
      }
    }
    TreeMap<H256, StateObject> state = new TreeMap<>();
    for (Map.Entry<Address, TreeMap<AssetId, Amount>> e : balances.entrySet()) {
      if (e.getValue().size() > dev.aether.types.Value.MAX_ASSETS) {
        throw invalid(
            "more than " + dev.aether.types.Value.MAX_ASSETS + " assets for " + e.getKey());
      }
      state.put(
          StateKeys.account(e.getKey()), new Account(new dev.aether.types.Value(e.getValue()), 0));
    }
    for (GenesisAllocation.Stake s : alloc.stakes()) {
      if (s.amount().isZero()) {
        throw invalid("zero stake for " + s.validator());
      }
      StateObject prev =
          state.put(
              StateKeys.stake(s.validator()),
              new StateObject.Data(Bytes.of(Amount.CODEC.encode(s.amount()))));
      if (prev != null) {
        throw invalid("two stakes for " + s.validator());
      }
    }
    for (Map.Entry<H256, Bytes> d : alloc.data().entrySet()) {
      if (state.put(d.getKey(), new StateObject.Data(d.getValue())) != null) {
        throw invalid("genesis data under " + d.getKey() + " collides with another object");
      }
    }
    return state;
  }

  /** The state root of the genesis state. */
  public static H256 stateRoot(GenesisAllocation alloc) {
    TreeMap<H256, Optional<H256>> changes = new TreeMap<>();
    state(alloc).forEach((k, v) -> changes.put(k, Optional.of(Ledger.valueHash(v))));
    return new SparseMerkleTree(new InMemoryNodeStore()).update(changes);
  }

  /**
   * The ledger's view of a genesis file: its balances, and each validator's stake bonded under
   * {@link StateKeys#stake} (not part of its spendable balance).
   */
  public static GenesisAllocation allocation(GenesisConfig config) {
    List<GenesisAllocation.Balance> balances = new ArrayList<>();
    for (GenesisConfig.Balance b : config.balances()) {
      balances.add(new GenesisAllocation.Balance(b.address(), b.asset(), b.amount()));
    }
    List<GenesisAllocation.Stake> stakes = new ArrayList<>();
    for (GenesisConfig.Validator v : config.validators()) {
      stakes.add(new GenesisAllocation.Stake(v.address(), v.stake()));
    }
    return new GenesisAllocation(balances, stakes);
  }

  /**
   * Loads the state of a genesis file and stores its genesis block ({@link GenesisBlock}, whose
   * header carries the state root) at height 0; the head's block id is that block's id.
   */
  public static Head load(StateStore store, GenesisConfig config) {
    return load(store, config, allocation(config));
  }

  /**
   * Loads {@code alloc} — the state a genesis file describes, as extended by the chain's native
   * programs — and stores the genesis block of {@code config} with that state's root.
   */
  public static Head load(StateStore store, GenesisConfig config, GenesisAllocation alloc) {
    Block block = GenesisBlock.of(config, stateRoot(alloc));
    return load(store, alloc, block.id(), Optional.of(block));
  }

  /** The genesis id of a bare allocation: its hash (a genesis file uses its block id instead). */
  public static H256 id(GenesisAllocation alloc) {
    return Hashing.tagged("aether/genesis/v1", alloc.encode());
  }

  /**
   * Writes the genesis state into an empty store in one atomic batch and returns the head. On a
   * store that already holds a chain, checks that its genesis is this one and returns the head.
   */
  public static Head load(StateStore store, GenesisAllocation alloc) {
    return load(store, alloc, id(alloc), Optional.empty());
  }

  private static Head load(
      StateStore store, GenesisAllocation alloc, H256 id, Optional<Block> block) {
    Optional<Head> existing = Ledger.readHead(store);
    if (existing.isPresent()) {
      Optional<byte[]> genesisId = store.get(Column.META, GENESIS_KEY);
      if (genesisId.isEmpty() || !H256.of(genesisId.get()).equals(id)) {
        throw invalid("store holds a chain from another genesis");
      }
      return existing.get();
    }
    SortedMap<H256, StateObject> state = state(alloc);
    TreeMap<H256, Optional<H256>> changes = new TreeMap<>();
    WriteSet ws = new WriteSet();
    state.forEach(
        (k, v) -> {
          changes.put(k, Optional.of(Ledger.valueHash(v)));
          ws.put(Column.STATE, k.toArray(), StateObject.CODEC.encode(v));
        });
    StoreNodes nodes = new StoreNodes(store);
    H256 root = new SparseMerkleTree(nodes).update(changes);
    nodes.writeTo(ws);
    Head head = new Head(0, id, root);
    ws.put(Column.META, GENESIS_KEY, id.toArray());
    block.ifPresent(
        b -> {
          ws.put(Column.HEADERS, Ledger.u64(0), Header.CODEC.encode(b.header()));
          ws.put(Column.BLOCKS, Ledger.u64(0), Block.CODEC.encode(b));
        });
    ws.put(Column.META, Ledger.HEAD_KEY, Head.CODEC.encode(head));
    store.write(ws);
    return head;
  }

  static final byte[] GENESIS_KEY = "genesis".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static LedgerException invalid(String detail) {
    return new LedgerException(new LedgerError.GenesisInvalid(detail));
  }
}
