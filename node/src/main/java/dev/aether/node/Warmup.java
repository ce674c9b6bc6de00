package dev.aether.node;

import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.ledger.BankProgram;
import dev.aether.ledger.BlockContext;
import dev.aether.ledger.BlockExecutor;
import dev.aether.ledger.CallExecutor;
import dev.aether.ledger.ChainEd25519Verifier;
import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.Genesis;
import dev.aether.ledger.GenesisAllocation;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerConfig;
import dev.aether.ledger.MemoryStateStore;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the transaction path on throwaway blocks before the node joins consensus. A fresh JVM first
 * loads and interprets the code of execution, signature batches and block roots: on the devnet the
 * first blocks with transactions took 100-200 ms to build, longer than the 150 ms vote window, so
 * the several proposers a slot can have each voted for their own block and rounds timed out just as
 * load began. Warm-up executes a few blocks of signed transfers on an in-memory ledger of a made-up
 * genesis (the node's store and chain are not touched), so that class loading and the first JIT
 * tiers are done before the first real proposal.
 */
final class Warmup {
  private Warmup() {}

  /**
   * Executes {@code rounds} blocks of {@code txs} transfers with {@code config}'s rules and the
   * node's executor; returns the receipts of the last block (all successful).
   */
  static List<Receipt> run(
      LedgerConfig config, CallExecutor calls, BlockExecutor executor, int txs, int rounds) {
    Ed25519KeyPair key = Ed25519KeyPair.fromSeed(sha256("aether/warmup/payer"));
    Address payer = Address.ofPublicKey(key.publicKey().bytes());
    Address payee =
        Address.ofPublicKey(
            Ed25519KeyPair.fromSeed(sha256("aether/warmup/payee")).publicKey().bytes());
    MemoryStateStore store = new MemoryStateStore();
    Genesis.load(
        store,
        new GenesisAllocation(
            List.of(new GenesisAllocation.Balance(payer, AssetId.SWR, Amount.of(Long.MAX_VALUE))),
            List.of()));
    Ledger ledger = new Ledger(store, config, new ChainEd25519Verifier(), calls, executor);
    List<Tx> block = new ArrayList<>(txs);
    for (int n = 0; n < txs; n++) {
      block.add(Tx.CODEC.decode(Tx.CODEC.encode(transfer(config.chainId(), key, payer, payee, n))));
    }
    List<Receipt> receipts = List.of();
    for (int r = 0; r < rounds; r++) {
      if (!TxSignatures.allValid(block, t -> false)) {
        throw new IllegalStateException("warm-up transactions do not verify");
      }
      BlockRoots.txRoot(block);
      BlockRoots.shredRoot(1, block);
      ExecutedBlock e = ledger.execute(new BlockContext(1, 1, r > 0), block);
      receipts = e.receipts();
    }
    return receipts;
  }

  private static Tx transfer(
      String chainId, Ed25519KeyPair key, Address from, Address to, long nonce) {
    return BankProgram.signed(
        key,
        BankProgram.transferBody(
            chainId, from, nonce, to, Value.of(AssetId.SWR, 1), 1_000_000_000, 1_000));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
