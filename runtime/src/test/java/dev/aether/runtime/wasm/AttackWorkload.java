package dev.aether.runtime.wasm;

import static dev.aether.runtime.TestContracts.*;

import dev.aether.ledger.BlockContext;
import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerException;
import dev.aether.runtime.ParallelExecutor;
import dev.aether.runtime.TestLedger;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The three attacks of issue 18 and their relatives, run on a real ledger with the parallel
 * executor; prints one line per outcome (receipts as canonical hex, state roots, verdicts). {@link
 * AttackTest} runs it in child JVMs with a small and a large heap and requires the same output: no
 * outcome may depend on how much memory a validator has.
 *
 * <p>Run: {@code java -cp <test classpath> dev.aether.runtime.wasm.AttackWorkload [INTERPRETER|
 * COMPILER]}.
 */
public final class AttackWorkload {
  /** Far more than any limit allows: the fee cap is not what stops these transactions. */
  static final long HUGE_CAP = 1_000_000_000_000L;

  private AttackWorkload() {}

  public static void main(String[] args) {
    WasmContracts.Mode engine =
        args.length > 0 ? WasmContracts.Mode.valueOf(args[0]) : WasmContracts.Mode.INTERPRETER;
    for (String line : run(engine)) {
      System.out.println(line);
    }
    System.out.flush();
    System.exit(0);
  }

  static List<String> run(WasmContracts.Mode engine) {
    List<String> out = new ArrayList<>();
    try (ParallelExecutor exec = new ParallelExecutor(2)) {
      TestLedger l = new TestLedger(32, 1_000_000_000_000_000L, exec, engine);
      long slot = 1;
      long[] nonce = new long[32];
      for (String c : List.of("stress", "bulk")) {
        out.add("deploy " + c + " " + hex(l.run(slot++, List.of(deploy(0, nonce[0]++, wasm(c))))));
      }
      // Attack 3: a module with a huge table is refused at deploy, before anything is allocated.
      out.add(
          "deploy hugetable "
              + hex(l.run(slot++, List.of(deploy(0, nonce[0]++, wasm("hugetable"))))));

      // Attack 1: an endless loop with a huge fee cap stops at the per-transaction step limit.
      Tx spin =
          call(1, nonce[1]++, id("stress"), "spin", new byte[0], List.of(), List.of(), HUGE_CAP);
      out.add("spin " + hex(l.run(slot++, List.of(spin))));

      // Attack 2: an endless memory.fill loop pays per byte and stops at the limit too.
      Tx fill =
          call(2, nonce[2]++, id("bulk"), "fillloop", new byte[0], List.of(), List.of(), HUGE_CAP);
      out.add("fillloop " + hex(l.run(slot++, List.of(fill))));

      // Tables grown without a declared maximum stop at the chain's limit.
      Tx grow =
          call(3, nonce[3]++, id("bulk"), "tablegrow", new byte[0], List.of(), List.of(), HUGE_CAP);
      out.add("tablegrow " + hex(l.run(slot++, List.of(grow))));
      Tx mem =
          call(3, nonce[3]++, id("bulk"), "growloop", new byte[0], List.of(), List.of(), HUGE_CAP);
      out.add("growloop " + hex(l.run(slot++, List.of(mem))));
      Tx deep =
          call(3, nonce[3]++, id("stress"), "recurse", new byte[0], List.of(), List.of(), HUGE_CAP);
      out.add("recurse " + hex(l.run(slot++, List.of(deep))));

      // A block of 24 endless loops from 24 payers: over the block's step budget. Validators
      // refuse it; a proposer builds a block of what fits and defers the rest.
      List<Tx> flood = new ArrayList<>();
      for (int u = 4; u < 28; u++) {
        String m = u % 2 == 0 ? "spin" : "fillloop";
        String c = u % 2 == 0 ? "stress" : "bulk";
        flood.add(call(u, nonce[u], id(c), m, new byte[0], List.of(), List.of(), HUGE_CAP));
      }
      try {
        l.execute(slot, flood);
        out.add("flood accepted (wrong)");
      } catch (LedgerException e) {
        out.add("flood " + e.error().code());
      }
      Ledger.Built built =
          l.ledger.build(
              Optional.empty(),
              l.ledger.head().blockId(),
              new BlockContext(l.ledger.head().height() + 1, slot, true),
              flood);
      long steps = built.block().receipts().stream().mapToLong(Receipt::steps).sum();
      out.add(
          "built included="
              + built.included().size()
              + " deferred="
              + built.deferred().size()
              + " dropped="
              + built.dropped().size()
              + " steps="
              + steps
              + " root="
              + built.block().stateRoot());
    }
    return out;
  }

  private static String hex(ExecutedBlock b) {
    StringBuilder sb = new StringBuilder();
    for (Receipt r : b.receipts()) {
      sb.append("code=")
          .append(r.errorCode())
          .append(" steps=")
          .append(r.steps())
          .append(" mem=")
          .append(r.memBytes())
          .append(" fee=")
          .append(r.feePaid())
          .append(" receipt=")
          .append(HexFormat.of().formatHex(Receipt.CODEC.encode(r)))
          .append(' ');
    }
    return sb.append("root=").append(b.stateRoot()).toString();
  }

  static H256 idOf(String name) {
    return id(name);
  }
}
