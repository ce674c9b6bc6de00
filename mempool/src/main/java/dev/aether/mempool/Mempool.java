package dev.aether.mempool;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.H256;
import dev.aether.types.Ratio;
import dev.aether.types.Tx;
import dev.aether.types.TxSignature;
import dev.aether.types.UtxoRef;
import dev.aether.types.codec.CodecException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pending transactions of one node: admission with a specific reason for every refusal, ordering by
 * fee per byte discounted by the congestion multiplier of the hottest object a transaction writes
 * (so a hot contract's traffic competes with itself, not with everyone), eviction of the lowest
 * bids when full, and re-checking after each block. Thread-safe; every method is atomic.
 *
 * <p>Admission checks a transaction (signatures included) before taking the pool's lock: the checks
 * read only the {@link PoolView}, and signature verification, the most expensive of them, must not
 * make concurrent admissions, block building and post-block re-checks wait in line.
 *
 * <p>Orders are deterministic: ties are broken by transaction id, never by arrival or hash-map
 * order.
 */
public final class Mempool {
  private final MempoolConfig config;
  private final SignatureCheck signatures;

  private final Map<H256, Entry> byId = new HashMap<>();
  private final TreeSet<Entry> byScore = new TreeSet<>(Entry.BEST_FIRST);
  private final Map<UtxoRef, Entry> bySpentInput = new HashMap<>();
  private final Map<Address, TreeMap<Long, Entry>> byPayer = new HashMap<>();
  private long bytes;

  /** Every this many blocks the whole pool is re-checked ({@link #onBlockCommitted}). */
  public static final int FULL_RECHECK_EVERY = 8;

  /** Blocks committed so far: tells admission whether the state moved while it checked unlocked. */
  private long commits;

  public Mempool(MempoolConfig config, SignatureCheck signatures) {
    this.config = config;
    this.signatures = signatures;
  }

  /** One pooled transaction with its cached ordering key. */
  record Entry(Tx tx, H256 id, int size, BigInteger scoreNum, BigInteger scoreDen) {
    /** Highest fee per byte per unit of congestion first; ties by id. */
    static final Comparator<Entry> BEST_FIRST =
        (a, b) -> {
          int c = bids(b, a);
          return c != 0 ? c : a.id.compareTo(b.id);
        };

    /** Positive when {@code a} bids strictly more than {@code b}; ids do not count. */
    static int bids(Entry a, Entry b) {
      return a.scoreNum.multiply(b.scoreDen).compareTo(b.scoreNum.multiply(a.scoreDen));
    }

    Address payer() {
      return tx.body().payer();
    }

    long nonce() {
      return tx.body().nonce();
    }
  }

  /** Decodes and admits raw transaction bytes (from RPC or gossip). */
  public Admission admit(byte[] raw, PoolView view) {
    if (raw.length > config.maxTxBytes()) {
      return reject(Rejection.TOO_LARGE, raw.length + " > " + config.maxTxBytes() + " bytes");
    }
    Tx tx;
    try {
      tx = Tx.CODEC.decode(raw);
    } catch (CodecException e) {
      return reject(Rejection.MALFORMED, e.getMessage());
    }
    return admit(tx, raw.length, view);
  }

  /** Admits a decoded transaction whose canonical encoding is {@code size} bytes long. */
  public Admission admit(Tx tx, int size, PoolView view) {
    return admit(tx, size, view, false);
  }

  /**
   * Every check but the signatures, and whether the pool already holds the transaction: for callers
   * that verify the signatures of many transactions in one batch, and want to verify only those
   * that can be admitted. Empty when {@code tx} would be admitted with valid signatures.
   */
  public Optional<Admission.Rejected> precheck(Tx tx, int size, PoolView view) {
    if (contains(tx.id())) {
      return Optional.of(reject(Rejection.ALREADY_KNOWN, tx.id().toHex()));
    }
    return check(tx, size, view, false);
  }

  /**
   * Admits a decoded transaction; with {@code signaturesVerified} the caller has already verified
   * every signature of {@code tx} (in a batch, say) and they are not checked again.
   */
  public Admission admit(Tx tx, int size, PoolView view, boolean signaturesVerified) {
    H256 id = tx.id();
    long seenCommits;
    synchronized (this) {
      if (byId.containsKey(id)) {
        return reject(Rejection.ALREADY_KNOWN, id.toHex());
      }
      seenCommits = commits;
    }
    Optional<Admission.Rejected> invalid = check(tx, size, view, !signaturesVerified);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    Ratio congestion = view.congestion(tx);
    return insert(tx, id, size, congestion, seenCommits, view);
  }

  /** The locked half of admission: conflicts, room, insertion. */
  private synchronized Admission insert(
      Tx tx, H256 id, int size, Ratio congestion, long seenCommits, PoolView view) {
    if (byId.containsKey(id)) {
      return reject(Rejection.ALREADY_KNOWN, id.toHex()); // admitted meanwhile by another thread
    }
    if (seenCommits != commits) {
      // A block committed while we checked: the stateful checks (not the signatures) again.
      Optional<Admission.Rejected> invalid = check(tx, size, view, false);
      if (invalid.isPresent()) {
        return invalid.get();
      }
    }
    Amount feeCap = tx.body().feeCap();
    // score = feeCap / (size * congestion) = feeCap * den / (size * num)
    Entry entry =
        new Entry(
            tx,
            id,
            size,
            feeCap.value().multiply(BigInteger.valueOf(congestion.denominator())),
            BigInteger.valueOf(size)
                .multiply(BigInteger.valueOf(Math.max(1, congestion.numerator()))));

    // Conflicts: same payer nonce or a shared input. Replace only if the newcomer bids strictly
    // more
    // than every transaction it displaces.
    Set<Entry> conflicts = new TreeSet<>(Entry.BEST_FIRST);
    TreeMap<Long, Entry> payerTxs = byPayer.get(tx.body().payer());
    if (payerTxs != null && payerTxs.containsKey(tx.body().nonce())) {
      conflicts.add(payerTxs.get(tx.body().nonce()));
    }
    for (UtxoRef in : tx.body().inputs()) {
      Entry other = bySpentInput.get(in);
      if (other != null) {
        conflicts.add(other);
      }
    }
    for (Entry c : conflicts) {
      if (Entry.bids(entry, c) <= 0) {
        return reject(Rejection.CONFLICT, "with " + c.id().toHex());
      }
    }
    List<H256> evicted = new ArrayList<>();
    // Room: evict the lowest bids while full, but never one that bids more than the newcomer.
    int count = byId.size() - conflicts.size();
    long used = bytes - conflicts.stream().mapToLong(Entry::size).sum();
    List<Entry> victims = new ArrayList<>();
    var lowestFirst = byScore.descendingIterator();
    while (count + 1 > config.maxTxs() || used + size > config.maxBytes()) {
      Entry lowest = null;
      while (lowestFirst.hasNext()) {
        Entry e = lowestFirst.next();
        if (!conflicts.contains(e)) {
          lowest = e;
          break;
        }
      }
      if (lowest == null || Entry.bids(entry, lowest) <= 0) {
        return reject(Rejection.POOL_FULL, "lowest pooled bid is at least this one");
      }
      victims.add(lowest);
      count--;
      used -= lowest.size();
    }
    for (Entry c : conflicts) {
      remove(c);
      evicted.add(c.id());
    }
    for (Entry v : victims) {
      remove(v);
      evicted.add(v.id());
    }
    insert(entry);
    return new Admission.Admitted(id, List.copyOf(evicted));
  }

  /** Stateless and stateful validity against {@code view}; empty when admissible. */
  private Optional<Admission.Rejected> check(
      Tx tx, int size, PoolView view, boolean verifySignatures) {
    var body = tx.body();
    if (size > config.maxTxBytes()) {
      return Optional.of(reject(Rejection.TOO_LARGE, size + " bytes"));
    }
    if (!body.chainId().equals(view.chainId())) {
      return Optional.of(
          reject(
              Rejection.WRONG_CHAIN, "'" + body.chainId() + "' is not '" + view.chainId() + "'"));
    }
    long slot = view.currentSlot();
    if (Long.compareUnsigned(body.validUntil(), slot) < 0) {
      return Optional.of(
          reject(
              Rejection.EXPIRED, "valid until slot " + Long.toUnsignedString(body.validUntil())));
    }
    if (Long.compareUnsigned(body.validFrom(), slot + config.maxFutureSlots()) > 0) {
      return Optional.of(
          reject(
              Rejection.NOT_YET_VALID,
              "valid from slot " + Long.toUnsignedString(body.validFrom())));
    }
    Set<Address> signers = new HashSet<>();
    for (TxSignature s : tx.signatures()) {
      signers.add(s.signer());
    }
    if (!signers.contains(body.payer())) {
      return Optional.of(reject(Rejection.MISSING_SIGNATURE, "payer " + body.payer()));
    }
    Optional<PoolView.Account> account = view.account(body.payer());
    if (account.isEmpty()) {
      return Optional.of(reject(Rejection.UNKNOWN_PAYER, body.payer().toString()));
    }
    long next = account.get().nonce();
    if (Long.compareUnsigned(body.nonce(), next) < 0) {
      return Optional.of(
          reject(Rejection.NONCE_TOO_LOW, "account nonce is " + Long.toUnsignedString(next)));
    }
    if (Long.compareUnsigned(body.nonce() - next, config.maxNonceGap()) > 0) {
      return Optional.of(
          reject(Rejection.NONCE_GAP, "account nonce is " + Long.toUnsignedString(next)));
    }
    Amount required = view.requiredFee(tx, size);
    if (body.feeCap().compareTo(required) < 0) {
      return Optional.of(
          reject(Rejection.FEE_TOO_LOW, "fee cap " + body.feeCap() + " < " + required));
    }
    if (account.get().feeBalance().compareTo(body.feeCap()) < 0) {
      return Optional.of(
          reject(Rejection.INSUFFICIENT_BALANCE, "balance " + account.get().feeBalance()));
    }
    for (UtxoRef in : body.inputs()) {
      Optional<Address> owner = view.unspentOwner(in);
      if (owner.isEmpty()) {
        return Optional.of(reject(Rejection.UNKNOWN_INPUT, in.txId().toHex() + "#" + in.index()));
      }
      if (!signers.contains(owner.get())) {
        return Optional.of(reject(Rejection.MISSING_SIGNATURE, "owner of input " + in.index()));
      }
    }
    // Signatures last: the most expensive check runs only on otherwise admissible transactions.
    if (verifySignatures && !signatures.allValid(tx)) {
      return Optional.of(reject(Rejection.BAD_SIGNATURE, ""));
    }
    return Optional.empty();
  }

  /**
   * Picks transactions for a block: best bids first, each payer's transactions in consecutive nonce
   * order starting at its account nonce, within {@code maxBytes} and {@code maxTxs}. {@code view}
   * is the state the block will execute on: a transaction whose fee cap is below the fee that state
   * asks (congestion rose since it was admitted) is not picked, nor are its payer's later ones; it
   * stays pooled until a re-check evicts it or the price falls back.
   */
  public synchronized List<Tx> select(long maxBytes, int maxTxs, PoolView view) {
    PriorityQueue<Entry> heads = new PriorityQueue<>(Entry.BEST_FIRST);
    List<Address> payers = new ArrayList<>(byPayer.keySet());
    payers.sort(Comparator.naturalOrder());
    for (Address payer : payers) {
      long next = view.account(payer).map(PoolView.Account::nonce).orElse(-1L);
      Entry head = byPayer.get(payer).get(next);
      if (head != null) {
        heads.add(head);
      }
    }
    List<Tx> out = new ArrayList<>();
    Set<UtxoRef> spent = new HashSet<>();
    long used = 0;
    while (!heads.isEmpty() && out.size() < maxTxs) {
      Entry e = heads.poll();
      if (used + e.size() > maxBytes) {
        continue;
      }
      if (e.tx().body().inputs().stream().anyMatch(spent::contains)) {
        continue;
      }
      if (e.tx().body().feeCap().compareTo(view.requiredFee(e.tx(), e.size())) < 0) {
        continue;
      }
      spent.addAll(e.tx().body().inputs());
      out.add(e.tx());
      used += e.size();
      Entry following = byPayer.get(e.payer()).get(e.nonce() + 1);
      if (following != null) {
        heads.add(following);
      }
    }
    return out;
  }

  /**
   * After a block: drops the included transactions and any that the new state made invalid (nonce
   * used, input spent, expired, fee now too low). Returns the ids removed.
   *
   * <p>Re-checking reads state for every transaction it looks at, so it looks only where the block
   * can have changed something: the payers it charged (nonce, balance) and, without reading state,
   * expiry. Conflicting spends of the block's inputs cannot be pooled (admission refuses a second
   * spend of an input). A block carrying a transaction the pool never held may have charged anyone,
   * and fees move with congestion: then, and every {@link #FULL_RECHECK_EVERY} blocks, the whole
   * pool is re-checked.
   */
  public synchronized List<H256> onBlockCommitted(List<H256> included, PoolView view) {
    commits++;
    List<H256> removed = new ArrayList<>();
    Set<Address> charged = new HashSet<>();
    boolean unknown = false;
    for (H256 id : included) {
      Entry e = byId.get(id);
      if (e == null) {
        unknown = true;
        continue;
      }
      charged.add(e.payer());
      remove(e);
      removed.add(id);
    }
    List<Entry> suspects;
    if (unknown || commits % FULL_RECHECK_EVERY == 0) {
      suspects = List.copyOf(byScore);
    } else {
      suspects = new ArrayList<>();
      for (Address payer : charged) {
        TreeMap<Long, Entry> txs = byPayer.get(payer);
        if (txs != null) {
          suspects.addAll(txs.values());
        }
      }
      long slot = view.currentSlot();
      for (Entry e : byScore) {
        if (Long.compareUnsigned(e.tx().body().validUntil(), slot) < 0
            && !charged.contains(e.payer())) {
          suspects.add(e);
        }
      }
    }
    for (Entry e : suspects) {
      // Signatures were checked on admission and do not depend on state.
      Optional<Admission.Rejected> invalid = check(e.tx(), e.size(), view, false);
      if (invalid.isPresent()) {
        remove(e);
        removed.add(e.id());
      }
    }
    return removed;
  }

  /**
   * Removes the given transactions (a block builder found them invalid on the state the next block
   * executes on), and each payer's later transactions, which cannot follow a removed nonce. Returns
   * the ids removed.
   */
  public synchronized List<H256> evict(List<H256> ids) {
    List<H256> removed = new ArrayList<>();
    for (H256 id : ids) {
      Entry e = byId.get(id);
      if (e == null) {
        continue;
      }
      TreeMap<Long, Entry> payerTxs = byPayer.get(e.payer());
      List<Entry> gone = new ArrayList<>(payerTxs.tailMap(e.nonce(), true).values());
      for (Entry g : gone) {
        remove(g);
        removed.add(g.id());
      }
    }
    return removed;
  }

  /**
   * The nonce {@code payer}'s next transaction should use: {@code accountNonce} (from state), past
   * every transaction of the payer already pooled in consecutive order from it.
   */
  public synchronized long nextNonce(Address payer, long accountNonce) {
    TreeMap<Long, Entry> pooled = byPayer.get(payer);
    long next = accountNonce;
    while (pooled != null && pooled.containsKey(next)) {
      next++;
    }
    return next;
  }

  public synchronized boolean contains(H256 id) {
    return byId.containsKey(id);
  }

  /**
   * True when the pool holds exactly {@code tx}, signatures included: admission verified them, so a
   * block carrying it need not verify them again.
   */
  public synchronized boolean holdsVerified(Tx tx) {
    Entry e = byId.get(tx.id());
    return e != null && e.tx().equals(tx);
  }

  public synchronized Optional<Tx> get(H256 id) {
    return Optional.ofNullable(byId.get(id)).map(Entry::tx);
  }

  public synchronized int size() {
    return byId.size();
  }

  public synchronized long bytes() {
    return bytes;
  }

  private void insert(Entry e) {
    byId.put(e.id(), e);
    byScore.add(e);
    for (UtxoRef in : e.tx().body().inputs()) {
      bySpentInput.put(in, e);
    }
    byPayer.computeIfAbsent(e.payer(), p -> new TreeMap<>(Long::compareUnsigned)).put(e.nonce(), e);
    bytes += e.size();
  }

  private void remove(Entry e) {
    byId.remove(e.id());
    byScore.remove(e);
    for (UtxoRef in : e.tx().body().inputs()) {
      bySpentInput.remove(in, e);
    }
    TreeMap<Long, Entry> payerTxs = byPayer.get(e.payer());
    if (payerTxs != null) {
      payerTxs.remove(e.nonce(), e);
      if (payerTxs.isEmpty()) {
        byPayer.remove(e.payer());
      }
    }
    bytes -= e.size();
  }

  private static Admission.Rejected reject(Rejection reason, String detail) {
    return new Admission.Rejected(reason, detail);
  }
}
