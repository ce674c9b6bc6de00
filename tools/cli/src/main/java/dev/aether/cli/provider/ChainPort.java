package dev.aether.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.types.Address;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Tx;
import java.util.List;
import java.util.Optional;

/**
 * What the daemon reads from and sends to the chain (JSON-RPC in {@link RpcChainPort}; final blocks
 * from the gRPC stream in {@link StreamedChainPort}).
 */
interface ChainPort {
  /** The chain id transactions are signed for. */
  String chainId();

  /** Height and slot of the last finalized block. */
  Head finalized();

  /** The finalized block at {@code height}: its transactions' payers, nonces and calls. */
  List<ChainTx> txs(long height);

  /** A job as {@code aeth_getJob} shows it. */
  Optional<JsonNode> job(H256 id);

  /** {@code aeth_getJobParams}. */
  JsonNode jobParams();

  /** {@code aeth_getProvider}. */
  Optional<JsonNode> provider(Address a);

  /** The account's next nonce. */
  long nonce(Address a);

  /** Sends a signed transaction; its id. */
  H256 send(Tx tx);

  /** The transaction's receipt once included: {@code Optional.empty()} before. */
  Optional<JsonNode> receipt(H256 tx);

  /**
   * Waits up to {@code timeoutMs} for a new final block (a port that follows a stream returns as
   * soon as one arrives; this one just waits).
   */
  default void awaitNewBlock(long timeoutMs) throws InterruptedException {
    Thread.sleep(timeoutMs);
  }

  /** A finalized head. */
  record Head(long height, long slot) {}

  /** A transaction as the daemon needs it. */
  record ChainTx(Address payer, long nonce, List<Call> calls) {}
}
