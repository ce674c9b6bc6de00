package dev.aether.programs.governance;

import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.codec.Writer;

/** Where the governance program keeps its state (domain-tagged keys under the state root). */
public final class GovKeys {
  private GovKeys() {}

  /** {@link GovParams}. */
  public static H256 params() {
    return Hashing.tagged("aether/governance/params/v1");
  }

  /** The next proposal id and the ids in deposit or voting. */
  public static H256 index() {
    return Hashing.tagged("aether/governance/index/v1");
  }

  /** One proposal. */
  public static H256 proposal(long id) {
    return Hashing.tagged("aether/governance/proposal/v1", new Writer(8).u64(id).toByteArray());
  }

  /** The votes cast on a proposal (deleted once it is tallied; the tally stays on the proposal). */
  public static H256 votes(long id) {
    return Hashing.tagged("aether/governance/votes/v1", new Writer(8).u64(id).toByteArray());
  }
}
