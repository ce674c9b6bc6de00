package dev.aether.cli.chain;

import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.ledger.BankProgram;
import dev.aether.ledger.StateKeys;
import dev.aether.ledger.StateObject;
import dev.aether.ledger.StateReader;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.Hashing;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The load a shadow fork carries: signed SWR transfers from the rehearsal account (credited in the
 * fork's first block) to a sink. A proposer is offered the next {@code perBlock} transfers after
 * the account's nonce in its parent's state — the transactions a mempool full of this sender's
 * transfers would hand it — and builds its block from them as a node's proposer does.
 */
final class RehearsalLoad {
  /** Highest fee a load transfer offers to pay (far above any sane fee, below overflow). */
  static final long MAX_FEE = 1_000_000_000_000L;

  private final String chainId;
  private final Ed25519KeyPair key;
  private final Address payer;
  private final int perBlock;
  private final Address sink = Address.ofPublicKey(new byte[32]);

  RehearsalLoad(String chainId, long proposalId, int perBlock) {
    this.chainId = chainId;
    this.key =
        Ed25519KeyPair.fromSeed(
            Hashing.tagged(
                    "aether/rehearsal/v1",
                    Long.toString(proposalId).getBytes(StandardCharsets.US_ASCII))
                .toArray());
    this.payer = Address.ofPublicKey(key.publicKey().bytes());
    this.perBlock = perBlock;
  }

  /** The rehearsal account, credited in the fork's first block. */
  Address payer() {
    return payer;
  }

  /** The transfers offered to a block on {@code parent}; none before the account exists. */
  List<Tx> offer(StateReader parent) {
    long nonce =
        parent
            .get(StateKeys.account(payer))
            .filter(o -> o instanceof StateObject.Account)
            .map(o -> ((StateObject.Account) o).nonce())
            .orElse(-1L);
    if (nonce < 0) {
      return List.of();
    }
    List<Tx> txs = new ArrayList<>(perBlock);
    for (int i = 0; i < perBlock; i++) {
      txs.add(
          BankProgram.signed(
              key,
              BankProgram.transferBody(
                  chainId,
                  payer,
                  nonce + i,
                  sink,
                  Value.of(AssetId.SWR, 1),
                  MAX_FEE,
                  Long.MAX_VALUE)));
    }
    return txs;
  }
}
