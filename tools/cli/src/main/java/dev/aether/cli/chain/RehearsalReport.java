package dev.aether.cli.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.consensus.ConsensusParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How {@code aetherctl gov rehearse} prints a {@link ShadowFork.Report}: JSON or lines. */
final class RehearsalReport {
  private RehearsalReport() {}

  /** The validator-set replacement, stated in every report: the fork is not the chain's set. */
  static String setLine(ShadowFork.Report r) {
    return r.validators()
        + " local rehearsal validators (public test keys) replace the chain's "
        + r.chainValidators()
        + " validators in the fork"
        + (r.mirrored()
            ? ", index for index with the stakes of the sets the staking program records"
            : ", with equal stakes")
        + ": the operators' keys are not available; the fork resumes from the node's head"
        + " re-certified by the rehearsal keys";
  }

  static ObjectNode json(ShadowFork.Report r) {
    ObjectNode o = new ObjectMapper().createObjectNode();
    o.put("proposal", r.proposal());
    o.put("title", r.title());
    o.put("forkedAtHeight", r.forkedAt());
    o.put("outcome", r.outcome());
    ObjectNode set = o.putObject("validatorSet");
    set.put("replaced", true);
    set.put("rehearsalValidators", r.validators());
    set.put("chainValidators", r.chainValidators());
    set.put("mirrorsChainSets", r.mirrored());
    ObjectNode epochs = set.putObject("perEpoch");
    r.epochSets().forEach((e, size) -> epochs.put(Long.toString(e), size));
    set.put("note", setLine(r));
    ConsensusParams p = r.consensus();
    o.putObject("consensus")
        .put("slotMs", p.slotMs())
        .put("epochSlots", p.epochSlots())
        .put("voteWindowMs", p.voteWindowMs())
        .put("baseRoundTimeoutMs", p.baseRoundTimeoutMs())
        .put("maxRoundTimeoutMs", p.maxRoundTimeoutMs())
        .put("tau", p.tauNum() + "/" + p.tauDen())
        .put("messageMs", r.messageMs());
    o.put("heightsWanted", r.wanted());
    o.put("heightsFinalized", r.finals().size());
    r.finals().stream()
        .mapToLong(ForkNet.Final::height)
        .max()
        .ifPresentOrElse(h -> o.put("lastFinalHeight", h), () -> o.putNull("lastFinalHeight"));
    o.put("simulatedMs", r.simulatedMs());
    o.put("lastRound", r.lastRound());
    o.put("roundsTimedOut", r.roundsTimedOut());
    o.put("meanFinalityMs", mean(r.finals(), true));
    o.put("meanFinalityRounds", mean(r.finals(), false));
    o.put("txsSent", r.txsSent());
    o.put("txsIncluded", r.txsIncluded());
    o.put("keptFinalizing", r.keptFinalizing());
    o.put("carriedLoad", r.carriedLoad());
    o.put("passed", r.passed());
    ArrayNode halts = o.putArray("halts");
    r.halts().forEach(halts::add);
    ObjectNode changed = o.putObject("changed");
    changes(r).forEach((k, v) -> changed.putObject(k).put("before", v[0]).put("after", v[1]));
    ArrayNode bs = o.putArray("perBlock");
    for (ForkNet.Final b : r.finals()) {
      bs.addObject()
          .put("height", b.height())
          .put("round", b.round())
          .put("slot", b.slot())
          .put("proposer", b.proposer())
          .put("offered", b.offered())
          .put("included", b.included())
          .put("dropped", b.dropped())
          .put("feePerTx", b.feePerTx().toString())
          .put("finalityMs", b.latencyMs())
          .put("finalityRounds", b.latencyRounds());
    }
    return o;
  }

  static List<String> human(ShadowFork.Report r) {
    List<String> out = new ArrayList<>();
    out.add(
        "rehearsal of proposal #"
            + r.proposal()
            + " \""
            + r.title()
            + "\" forked at height "
            + r.forkedAt());
    out.add("  " + setLine(r));
    ConsensusParams p = r.consensus();
    out.add(
        "  consensus: slot "
            + p.slotMs()
            + " ms, vote window "
            + p.voteWindowMs()
            + " ms, round timeout "
            + p.baseRoundTimeoutMs()
            + ".."
            + p.maxRoundTimeoutMs()
            + " ms; simulated clock, messages in "
            + r.messageMs()
            + " ms");
    r.epochSets()
        .forEach((e, size) -> out.add("  consensus epoch " + e + ": " + size + " validators"));
    out.add("  proposal " + r.outcome());
    changes(r).forEach((k, v) -> out.add("  " + k + ": " + v[0] + " -> " + v[1]));
    for (ForkNet.Final b : r.finals()) {
      out.add(
          "  final height "
              + b.height()
              + " (round "
              + b.round()
              + ", slot "
              + b.slot()
              + ", proposer "
              + b.proposer()
              + "): "
              + b.included()
              + "/"
              + b.offered()
              + " txs included, fee/tx "
              + b.feePerTx()
              + ", final after "
              + b.latencyMs()
              + " ms, "
              + b.latencyRounds()
              + " rounds");
    }
    r.halts().forEach(h -> out.add("  " + h));
    String verdict = r.keptFinalizing() ? "kept finalizing: " : "did NOT keep finalizing: ";
    out.add(
        verdict
            + r.finals().size()
            + "/"
            + r.wanted()
            + " heights final in "
            + r.simulatedMs()
            + " simulated ms (round "
            + r.lastRound()
            + ", "
            + r.roundsTimedOut()
            + " rounds timed out), "
            + r.txsIncluded()
            + "/"
            + r.txsSent()
            + " transfers included"
            + (r.keptFinalizing() && !r.halts().isEmpty()
                ? " — but " + r.halts().size() + " validator(s) halted"
                : "")
            + (r.keptFinalizing() && !r.carriedLoad()
                ? " — but the load was NOT carried (a final block included none)"
                : "")
            + "; the forked copies were deleted");
    return out;
  }

  private static Map<String, String[]> changes(ShadowFork.Report r) {
    Map<String, String[]> out = new java.util.TreeMap<>();
    r.paramsAfter()
        .forEach(
            (k, v) -> {
              String was = r.paramsBefore().get(k);
              if (!v.equals(was)) {
                out.put(k, new String[] {String.valueOf(was), v});
              }
            });
    return out;
  }

  /** Mean finality latency, in simulated ms or in rounds; 0 when nothing was final. */
  private static long mean(List<ForkNet.Final> finals, boolean ms) {
    if (finals.isEmpty()) {
      return 0;
    }
    long sum = 0;
    for (ForkNet.Final f : finals) {
      sum += ms ? f.latencyMs() : f.latencyRounds();
    }
    return sum / finals.size();
  }
}
