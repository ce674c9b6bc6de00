package dev.aether.programs.governance;

import dev.aether.ledger.ChainParams;
import dev.aether.ledger.StateKeys;
import dev.aether.ledger.StateObject;
import dev.aether.ledger.StateReader;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read-only governance queries over a committed state, for RPC and the CLI: proposals, their votes
 * and (while voting) the running tally, the active parameters, the treasury.
 */
public final class GovView {
  private final Function<H256, Optional<Bytes>> read;
  private final StateReader state;

  public GovView(StateReader state) {
    this.state = state;
    this.read =
        key ->
            state
                .get(key)
                .flatMap(
                    o ->
                        o instanceof StateObject.Data d
                            ? Optional.of(d.bytes())
                            : Optional.empty());
  }

  /** A proposal by id. */
  public Optional<Proposal> proposal(long id) {
    return Governance.proposal(read, id);
  }

  /** The next id a submission gets, and the active proposals' ids. */
  public long nextId() {
    return Governance.index(read).nextId();
  }

  public List<Long> active() {
    return Governance.index(read).active();
  }

  /** SWR of deposits burned so far (vetoed or quorum-less proposals). */
  public BigInteger burnedDeposits() {
    return Governance.index(read).burned();
  }

  /** The recorded votes of a proposal still in voting (emptied once it is tallied). */
  public Map<String, String> votes(long id) {
    java.util.TreeMap<String, String> out = new java.util.TreeMap<>();
    for (GovState.Vote v : Governance.votes(read, id)) {
      out.put(v.voter().toString(), v.option().label());
    }
    return out;
  }

  /** The governance parameters. */
  public GovParams params() {
    return Governance.params(read);
  }

  /** Every governable parameter's current value, by name ({@code aeth_getParams}). */
  public Map<String, String> paramValues() {
    return ParamRegistry.values(Governance.snapshot(read));
  }

  /** The chain parameters, if the state holds them. */
  public Optional<ChainParams> chainParams() {
    return ChainParams.read(state);
  }

  /** The treasury's balance of {@code asset}. */
  public Amount treasury(AssetId asset) {
    return state
        .get(StateKeys.account(StateKeys.TREASURY))
        .map(o -> o instanceof StateObject.Account a ? a.balance().get(asset) : Amount.ZERO)
        .orElse(Amount.ZERO);
  }

  /** Proposals from {@code fromId} down, newest first, at most {@code max}. */
  public List<Proposal> recent(int max) {
    List<Proposal> out = new ArrayList<>();
    for (long id = nextId() - 1; id >= 1 && out.size() < max; id--) {
      proposal(id).ifPresent(out::add);
    }
    return out;
  }
}
