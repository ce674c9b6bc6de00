package dev.aether.ledger.bench;

import dev.aether.ledger.BankProgram;
import dev.aether.ledger.GenesisAllocation;
import dev.aether.ledger.StateKeys;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.TxSignature;
import dev.aether.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Accounts and plain transfers for benchmarks. Signatures carry real public keys (so signers are
 * derived as in production) but dummy signature bytes: the benches take the node's path where a
 * batch verifier already checked them.
 */
final class BenchChain {
  static final String CHAIN = "aether-bench";
  final byte[][] publicKeys;
  final Address[] addresses;

  BenchChain(int accounts, long seed) {
    Random rnd = new Random(seed);
    publicKeys = new byte[accounts][32];
    addresses = new Address[accounts];
    for (int i = 0; i < accounts; i++) {
      rnd.nextBytes(publicKeys[i]);
      addresses[i] = Address.ofPublicKey(publicKeys[i]);
    }
  }

  GenesisAllocation genesis() {
    List<GenesisAllocation.Balance> b = new ArrayList<>();
    for (Address a : addresses) {
      b.add(new GenesisAllocation.Balance(a, AssetId.SWR, Amount.of(1_000_000_000_000L)));
    }
    return new GenesisAllocation(b, List.of());
  }

  /** A transfer of 1 SWR from account {@code from} (nonce {@code nonce}) to account {@code to}. */
  Tx transfer(int from, long nonce, int to) {
    TxBody body =
        new TxBody(
            CHAIN,
            addresses[from],
            nonce,
            List.of(),
            List.of(),
            List.of(StateKeys.account(addresses[to])),
            List.of(),
            List.of(BankProgram.transfer(addresses[to], Value.of(AssetId.SWR, 1))),
            Value.EMPTY,
            Value.EMPTY,
            Amount.of(100_000),
            0,
            Long.MAX_VALUE);
    return new Tx(body, List.of(new TxSignature(Bytes.of(publicKeys[from]), Bytes.of(new byte[64]))));
  }

  static Header header(dev.aether.ledger.Head head, dev.aether.ledger.ExecutedBlock ex) {
    return new Header(
        0,
        head.height() + 1,
        head.height() + 1,
        head.height() + 1,
        head.blockId(),
        0,
        Bytes.EMPTY,
        0,
        dev.aether.types.OpCert.NONE,
        H256.ZERO,
        ex.stateRoot(),
        ex.receiptsRoot(),
        H256.ZERO,
        QuorumCert.genesis(head.blockId()),
        Optional.empty());
  }
}
