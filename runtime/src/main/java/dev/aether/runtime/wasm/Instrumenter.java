package dev.aether.runtime.wasm;

import dev.aether.runtime.RuntimeError;
import dev.aether.runtime.WasmCosts;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Rewrites a contract module so that it meters itself: the same instrumented code runs on the
 * interpreter and on the compiler, so both count exactly the same steps (docs/runtime.md,
 * "Metering"; ADR 0035).
 *
 * <p><b>Steps.</b> Every function body is cut into segments — straight-line runs that end at a
 * branch, a branch target or a conditional ({@code loop}, {@code if}, {@code else}, {@code end},
 * {@code br}, {@code br_if}, {@code br_table}, {@code return}, {@code unreachable}). At the start
 * of each segment the code subtracts the segment's cost (the sum of its instructions' weights from
 * {@link WasmCosts}) from an added mutable {@code i64} global, the gas left. Segments that can
 * start an unbounded run — a function entry (recursion) and a loop body (iteration) — also check it
 * and trap with {@code unreachable} once it is negative; every other segment is straight-line code
 * of bounded length, so an overdraft there is bounded and is caught at the next check, host call or
 * the end of the call. The host reads and refills the global at host calls.
 *
 * <p><b>Stack.</b> An added mutable {@code i32} global counts stack units in use: each call site
 * adds the module's frame weight (params + locals + operand stack height of its largest function,
 * plus a fixed overhead) before the call, checks it against {@link #STACK_UNITS}, and subtracts it
 * after. So the call depth a contract may reach is a deterministic function of its code, identical
 * on every engine and every machine, and always within what a thread's stack holds.
 *
 * <p><b>Validation.</b> Only the instructions of WebAssembly 1.0 on integers plus sign extension,
 * bulk memory, reference types and multi-value are accepted (no floats, SIMD, atomics, exceptions,
 * tail calls or GC); locals per function, tables and memory indices are bounded.
 */
final class Instrumenter {
  /** Stack units one transaction's contract calls may use in all (about 8 bytes each). */
  static final int STACK_UNITS = 65_536;

  /** Fixed units per call frame: the engine's own per-call cost on the Java stack. */
  static final int FRAME_OVERHEAD = 128;

  /** Most locals (params included) one function may declare. */
  static final int MAX_LOCALS = 1_024;

  /** What an instrumented module needs at run time. */
  record Result(
      byte[] wasm, int gasGlobal, int stackGlobal, int frameWeight, long initialTableElements) {}

  private final WasmCosts costs;
  private final ContractLimits limits;

  // Module facts gathered from the sections before the code section.
  private final List<int[]> types = new ArrayList<>(); // {params, results}
  private final List<Integer> funcTypes = new ArrayList<>(); // type index of every function
  private int importedFuncs;
  private int globals;
  private int tables;
  private long tableElements;
  private int dataSegments = -1;
  private int elemSegments;
  private boolean hasMemory;

  private Instrumenter(WasmCosts costs, ContractLimits limits) {
    this.costs = costs;
    this.limits = limits;
  }

  static Result instrument(byte[] wasm, WasmCosts costs, ContractLimits limits) {
    return new Instrumenter(costs, limits).run(wasm);
  }

  private record Section(int id, int from, int to) {}

  private Result run(byte[] wasm) {
    if (wasm.length < 8
        || wasm[0] != 0
        || wasm[1] != 'a'
        || wasm[2] != 's'
        || wasm[3] != 'm'
        || wasm[4] != 1
        || wasm[5] != 0
        || wasm[6] != 0
        || wasm[7] != 0) {
      throw new RuntimeError.InvalidModule("not a WebAssembly 1.0 module");
    }
    List<Section> sections = new ArrayList<>();
    WasmBytes.Reader r = new WasmBytes.Reader(wasm, 8, wasm.length);
    while (!r.atEnd()) {
      int id = r.u8();
      int size = (int) r.u32();
      int from = r.pos();
      r.skip(size);
      sections.add(new Section(id, from, r.pos()));
    }
    Section code = null;
    for (Section s : sections) {
      WasmBytes.Reader in = new WasmBytes.Reader(wasm, s.from(), s.to());
      switch (s.id()) {
        case 1 -> readTypes(in);
        case 2 -> readImports(in);
        case 3 -> readFunctions(in);
        case 4 -> readTables(in);
        case 5 -> hasMemory = in.u32() > 0;
        case 6 -> globals = (int) in.u32();
        case 9 -> elemSegments = (int) in.u32();
        case 10 -> code = s;
        case 12 -> dataSegments = (int) in.u32();
        case 0, 7, 8, 11 -> {}
        default -> throw new RuntimeError.InvalidModule("section " + s.id() + " not allowed");
      }
    }
    int gasGlobal = globals;
    int stackGlobal = globals + 1;
    List<byte[]> bodies = new ArrayList<>();
    int frameWeight = FRAME_OVERHEAD;
    List<Body> parsed = new ArrayList<>();
    if (code != null) {
      WasmBytes.Reader in = new WasmBytes.Reader(wasm, code.from(), code.to());
      long n = in.u32();
      if (n != funcTypes.size() - importedFuncs) {
        throw new RuntimeError.InvalidModule("function and code section counts differ");
      }
      for (int i = 0; i < n; i++) {
        int size = (int) in.u32();
        int from = in.pos();
        in.skip(size);
        Body b = analyse(wasm, from, in.pos(), funcTypes.get(importedFuncs + i));
        parsed.add(b);
        frameWeight = Math.max(frameWeight, FRAME_OVERHEAD + b.frameSlots);
      }
      for (Body b : parsed) {
        bodies.add(emit(wasm, b, gasGlobal, stackGlobal, frameWeight));
      }
    } else if (funcTypes.size() > importedFuncs) {
      throw new RuntimeError.InvalidModule("functions without a code section");
    }
    if (frameWeight > STACK_UNITS) {
      throw new RuntimeError.InvalidModule("a function's frame is larger than the stack");
    }
    return new Result(
        assemble(wasm, sections, code, bodies), gasGlobal, stackGlobal, frameWeight, tableElements);
  }

  // ---- sections before the code ------------------------------------------------------------

  private void readTypes(WasmBytes.Reader in) {
    long n = in.u32();
    for (long i = 0; i < n; i++) {
      if (in.u8() != 0x60) {
        throw new RuntimeError.InvalidModule("only function types are allowed");
      }
      int params = valTypes(in);
      int results = valTypes(in);
      types.add(new int[] {params, results});
    }
  }

  private static int valTypes(WasmBytes.Reader in) {
    int n = (int) in.u32();
    for (int i = 0; i < n; i++) {
      valType(in.u8());
    }
    return n;
  }

  /**
   * The value types contracts may use: no floats (NaN bits differ between CPUs), no SIMD, no GC.
   */
  private static void valType(int t) {
    if (t != 0x7f && t != 0x7e && t != 0x70 && t != 0x6f) {
      throw new RuntimeError.InvalidModule(
          "value type 0x" + Integer.toHexString(t) + " not allowed");
    }
  }

  private void readImports(WasmBytes.Reader in) {
    long n = in.u32();
    for (long i = 0; i < n; i++) {
      in.skip((int) in.u32());
      in.skip((int) in.u32());
      if (in.u8() != 0x00) {
        throw new RuntimeError.InvalidModule("only functions may be imported");
      }
      funcTypes.add(in.index(types.size(), "type index"));
      importedFuncs++;
    }
  }

  private void readFunctions(WasmBytes.Reader in) {
    long n = in.u32();
    for (long i = 0; i < n; i++) {
      funcTypes.add(in.index(types.size(), "type index"));
    }
  }

  private void readTables(WasmBytes.Reader in) {
    long n = in.u32();
    for (long i = 0; i < n; i++) {
      int t = in.u8();
      if (t != 0x70 && t != 0x6f) {
        throw new RuntimeError.InvalidModule("table element type not allowed");
      }
      int flags = in.u8();
      if (flags > 1) {
        throw new RuntimeError.InvalidModule("table limits flag " + flags + " not allowed");
      }
      long min = in.u32();
      long max = flags == 1 ? in.u32() : min;
      if (min > limits.maxTableElements() || max > limits.maxTableElements()) {
        throw new RuntimeError.InvalidModule(
            "table of " + Math.max(min, max) + " elements, limit " + limits.maxTableElements());
      }
      tableElements += min;
      tables++;
    }
  }

  // ---- function bodies ---------------------------------------------------------------------

  /** Instruction kinds the emitter treats specially. */
  private static final int PLAIN = 0;

  private static final int CALL = 1;
  private static final int ENDS_SEGMENT = 2;
  private static final int LOOP = 3;

  /** One decoded instruction: its bytes, weight and role. */
  private record Insn(int from, int to, long weight, int kind) {}

  /** A function body, decoded. */
  private static final class Body {
    int exprFrom;
    int localsFrom;
    int frameSlots;
    final List<Insn> insns = new ArrayList<>();
  }

  /** A control frame of the stack-height analysis. */
  private record Ctrl(int base, int params, int results, boolean loop) {}

  private Body analyse(byte[] wasm, int from, int to, int typeIndex) {
    Body b = new Body();
    WasmBytes.Reader in = new WasmBytes.Reader(wasm, from, to);
    b.localsFrom = from;
    long locals = types.get(typeIndex)[0];
    long groups = in.u32();
    for (long g = 0; g < groups; g++) {
      locals += in.u32();
      valType(in.u8());
      if (locals > MAX_LOCALS) {
        throw new RuntimeError.InvalidModule("more than " + MAX_LOCALS + " locals");
      }
    }
    b.exprFrom = in.pos();
    int[] fnType = types.get(typeIndex);
    Deque<Ctrl> ctrl = new ArrayDeque<>();
    ctrl.push(new Ctrl(0, 0, fnType[1], false));
    int h = 0;
    int max = 0;
    while (!ctrl.isEmpty()) {
      int start = in.pos();
      int op = in.u8();
      int pop = 0;
      int push = 0;
      long weight = costs.plain();
      int kind = PLAIN;
      switch (op) {
        case 0x00 -> { // unreachable
          kind = ENDS_SEGMENT;
          h = ctrl.peek().base();
        }
        case 0x01 -> {}
        case 0x02, 0x03, 0x04 -> { // block, loop, if
          if (op == 0x04) {
            pop = 1;
          }
          int[] bt = blockType(in);
          h = Math.max(ctrl.peek().base(), h - pop);
          pop = 0;
          ctrl.push(new Ctrl(h - bt[0], bt[0], bt[1], op == 0x03));
          kind = op == 0x02 ? PLAIN : op == 0x03 ? LOOP : ENDS_SEGMENT;
        }
        case 0x05 -> { // else
          Ctrl c = ctrl.peek();
          h = c.base() + c.params();
          kind = ENDS_SEGMENT;
        }
        case 0x0b -> { // end
          Ctrl c = ctrl.pop();
          h = c.base() + c.results();
          kind = ENDS_SEGMENT;
        }
        case 0x0c -> { // br
          label(in, ctrl);
          h = ctrl.peek().base();
          kind = ENDS_SEGMENT;
        }
        case 0x0d -> { // br_if
          label(in, ctrl);
          pop = 1;
          kind = ENDS_SEGMENT;
        }
        case 0x0e -> { // br_table
          long n = in.u32();
          if (n > 65_536) {
            throw new RuntimeError.InvalidModule("br_table too large");
          }
          for (long i = 0; i <= n; i++) {
            label(in, ctrl);
          }
          h = ctrl.peek().base();
          kind = ENDS_SEGMENT;
        }
        case 0x0f -> { // return
          h = ctrl.peek().base();
          kind = ENDS_SEGMENT;
        }
        case 0x10 -> { // call
          int f = in.index(funcTypes.size(), "function index");
          int[] t = types.get(funcTypes.get(f));
          pop = t[0];
          push = t[1];
          if (f >= importedFuncs) {
            weight = costs.call();
            kind = CALL;
          } // a host function: the host charges it, and it never runs contract code here
        }
        case 0x11 -> { // call_indirect
          int t = in.index(types.size(), "type index");
          in.index(Math.max(tables, 1), "table index");
          requireTable();
          pop = types.get(t)[0] + 1;
          push = types.get(t)[1];
          weight = costs.callIndirect();
          kind = CALL;
        }
        case 0x1a -> pop = 1; // drop
        case 0x1b -> { // select
          pop = 3;
          push = 1;
        }
        case 0x1c -> { // select t*
          long n = in.u32();
          if (n != 1) {
            throw new RuntimeError.InvalidModule("select with " + n + " types");
          }
          valType(in.u8());
          pop = 3;
          push = 1;
        }
        case 0x20 -> {
          in.u32();
          push = 1;
        }
        case 0x21 -> {
          in.u32();
          pop = 1;
        }
        case 0x22 -> {
          in.u32();
          pop = 1;
          push = 1;
        }
        case 0x23 -> {
          in.index(globals, "global index");
          push = 1;
        }
        case 0x24 -> {
          in.index(globals, "global index");
          pop = 1;
        }
        case 0x25, 0x26 -> { // table.get, table.set
          tableIndex(in);
          pop = op == 0x25 ? 1 : 2;
          push = op == 0x25 ? 1 : 0;
          weight = costs.table();
        }
        case 0x28,
            0x29,
            0x2c,
            0x2d,
            0x2e,
            0x2f,
            0x30,
            0x31,
            0x32,
            0x33,
            0x34,
            0x35 -> { // integer loads
          memarg(in);
          pop = 1;
          push = 1;
          weight = costs.memory();
        }
        case 0x36, 0x37, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e -> { // integer stores
          memarg(in);
          pop = 2;
          weight = costs.memory();
        }
        case 0x3f -> { // memory.size
          memoryZero(in);
          push = 1;
          weight = costs.memory();
        }
        case 0x40 -> { // memory.grow
          memoryZero(in);
          pop = 1;
          push = 1;
          weight = costs.memoryGrow();
        }
        case 0x41 -> {
          in.sleb(32);
          push = 1;
        }
        case 0x42 -> {
          in.sleb(64);
          push = 1;
        }
        case 0x45,
            0x50,
            0x67,
            0x68,
            0x69,
            0x79,
            0x7a,
            0x7b,
            0xa7,
            0xac,
            0xad,
            0xc0,
            0xc1,
            0xc2,
            0xc3,
            0xc4 -> { // unary
          pop = 1;
          push = 1;
        }
        case 0xd0 -> { // ref.null
          int t = in.u8();
          if (t != 0x70 && t != 0x6f) {
            throw new RuntimeError.InvalidModule("ref.null type not allowed");
          }
          push = 1;
        }
        case 0xd1 -> { // ref.is_null
          pop = 1;
          push = 1;
        }
        case 0xd2 -> { // ref.func
          in.index(funcTypes.size(), "function index");
          push = 1;
        }
        case 0xfc -> {
          long sub = in.u32();
          weight = costs.bulkBase();
          switch ((int) sub) {
            case 8 -> { // memory.init
              dataIndex(in);
              memoryZero(in);
              pop = 3;
            }
            case 9 -> { // data.drop
              dataIndex(in);
              weight = costs.plain();
            }
            case 10 -> { // memory.copy
              memoryZero(in);
              memoryZero(in);
              pop = 3;
            }
            case 11 -> { // memory.fill
              memoryZero(in);
              pop = 3;
            }
            case 12 -> { // table.init
              in.index(Math.max(elemSegments, 1), "element index");
              requireElems();
              tableIndex(in);
              pop = 3;
              weight = costs.table();
            }
            case 13 -> { // elem.drop
              in.index(Math.max(elemSegments, 1), "element index");
              requireElems();
              weight = costs.plain();
            }
            case 14 -> { // table.copy
              tableIndex(in);
              tableIndex(in);
              pop = 3;
              weight = costs.table();
            }
            case 15 -> { // table.grow
              tableIndex(in);
              pop = 2;
              push = 1;
              weight = costs.table();
            }
            case 16 -> { // table.size
              tableIndex(in);
              push = 1;
              weight = costs.table();
            }
            case 17 -> { // table.fill
              tableIndex(in);
              pop = 3;
              weight = costs.table();
            }
            default ->
                throw new RuntimeError.InvalidModule("instruction 0xfc " + sub + " not allowed");
          }
        }
        default -> {
          if ((op >= 0x46 && op <= 0x4f)
              || (op >= 0x51 && op <= 0x5a)
              || (op >= 0x6a && op <= 0x78)
              || (op >= 0x7c && op <= 0x8a)) { // integer comparisons and binary arithmetic
            pop = 2;
            push = 1;
          } else {
            throw new RuntimeError.InvalidModule(
                "instruction 0x" + Integer.toHexString(op) + " not allowed");
          }
        }
      }
      if (pop > 0 || push > 0) {
        // Exact in reachable code (validated modules); clamped in dead code, where no value is
        // ever really pushed.
        int floor = ctrl.isEmpty() ? 0 : ctrl.peek().base();
        h = Math.max(floor, h - pop) + push;
      }
      max = Math.max(max, h);
      b.insns.add(new Insn(start, in.pos(), weight, kind));
    }
    if (!in.atEnd()) {
      throw new RuntimeError.InvalidModule("bytes after the end of a function body");
    }
    // +4: the metering code pushes at most two values of its own (two slots each when compiled).
    b.frameSlots = (int) Math.min(Integer.MAX_VALUE / 2, locals + max + 4);
    return b;
  }

  private void requireTable() {
    if (tables == 0) {
      throw new RuntimeError.InvalidModule("table instruction without a table");
    }
  }

  private void requireElems() {
    if (elemSegments == 0) {
      throw new RuntimeError.InvalidModule("element instruction without element segments");
    }
  }

  private void tableIndex(WasmBytes.Reader in) {
    in.index(Math.max(tables, 1), "table index");
    requireTable();
  }

  private void dataIndex(WasmBytes.Reader in) {
    if (dataSegments < 0) {
      throw new RuntimeError.InvalidModule("memory.init/data.drop need a data count section");
    }
    in.index(Math.max(dataSegments, 1), "data index");
    if (dataSegments == 0) {
      throw new RuntimeError.InvalidModule("data instruction without data segments");
    }
  }

  private void memoryZero(WasmBytes.Reader in) {
    if (in.u8() != 0 || !hasMemory) {
      throw new RuntimeError.InvalidModule("memory instruction needs memory 0");
    }
  }

  private void memarg(WasmBytes.Reader in) {
    long align = in.u32();
    if (align >= 64) {
      throw new RuntimeError.InvalidModule("multiple memories not allowed");
    }
    in.u32();
    if (!hasMemory) {
      throw new RuntimeError.InvalidModule("memory instruction without a memory");
    }
  }

  private static void label(WasmBytes.Reader in, Deque<Ctrl> ctrl) {
    in.index(ctrl.size(), "label");
  }

  /** {params, results} of a block type. */
  private int[] blockType(WasmBytes.Reader in) {
    long t = in.sleb(33);
    if (t == -64) { // 0x40: empty
      return new int[] {0, 0};
    }
    if (t < 0) {
      valType((int) (t & 0x7f));
      return new int[] {0, 1};
    }
    if (t >= types.size()) {
      throw new RuntimeError.InvalidModule("block type " + t + " out of range");
    }
    return types.get((int) t);
  }

  // ---- emitting ----------------------------------------------------------------------------

  private byte[] emit(byte[] wasm, Body b, int gas, int stack, int frameWeight) {
    WasmBytes.Writer out = new WasmBytes.Writer((b.insns.size() + 8) * 8);
    out.bytes(wasm, b.localsFrom, b.exprFrom);
    List<Insn> insns = b.insns;
    int i = 0;
    boolean checked = true; // the function entry
    while (i < insns.size()) {
      // One segment: up to and including the instruction that ends it.
      int j = i;
      long cost = 0;
      while (j < insns.size()) {
        Insn x = insns.get(j);
        cost = saturate(cost + x.weight());
        j++;
        if (x.kind() == ENDS_SEGMENT || x.kind() == LOOP) {
          break;
        }
      }
      charge(out, gas, cost, checked);
      for (int k = i; k < j; k++) {
        Insn x = insns.get(k);
        if (x.kind() == CALL) {
          enterCall(out, stack, frameWeight);
          out.bytes(wasm, x.from(), x.to());
          leaveCall(out, stack, frameWeight);
        } else {
          out.bytes(wasm, x.from(), x.to());
        }
      }
      checked = insns.get(j - 1).kind() == LOOP;
      i = j;
    }
    byte[] body = out.toByteArray();
    return new WasmBytes.Writer(body.length + 5).u32(body.length).bytes(body).toByteArray();
  }

  private static long saturate(long v) {
    return v < 0 ? Long.MAX_VALUE : v;
  }

  /** {@code gas -= cost}, and when {@code check}: {@code if (gas < 0) unreachable}. */
  private static void charge(WasmBytes.Writer out, int gas, long cost, boolean check) {
    out.u8(0x23).u32(gas).u8(0x42).sleb(cost).u8(0x7d).u8(0x24).u32(gas);
    if (check) {
      out.u8(0x23).u32(gas).u8(0x42).sleb(0).u8(0x53).u8(0x04).u8(0x40).u8(0x00).u8(0x0b);
    }
  }

  /** {@code sp += frame; if (sp > STACK_UNITS) unreachable}. */
  private static void enterCall(WasmBytes.Writer out, int stack, int frame) {
    out.u8(0x23).u32(stack).u8(0x41).sleb(frame).u8(0x6a).u8(0x24).u32(stack);
    out.u8(0x23).u32(stack).u8(0x41).sleb(STACK_UNITS).u8(0x4b).u8(0x04).u8(0x40).u8(0x00);
    out.u8(0x0b);
  }

  /** {@code sp -= frame}. */
  private static void leaveCall(WasmBytes.Writer out, int stack, int frame) {
    out.u8(0x23).u32(stack).u8(0x41).sleb(frame).u8(0x6b).u8(0x24).u32(stack);
  }

  /** The module with the two globals appended and the code section replaced. */
  private byte[] assemble(byte[] wasm, List<Section> sections, Section code, List<byte[]> bodies) {
    WasmBytes.Writer out = new WasmBytes.Writer(wasm.length * 2 + 64);
    out.bytes(wasm, 0, 8);
    boolean globalsWritten = false;
    for (Section s : sections) {
      if (!globalsWritten && s.id() != 0 && order(s.id()) > order(6)) {
        section(out, 6, globalSection(wasm, null));
        globalsWritten = true;
      }
      if (s.id() == 6) {
        section(out, 6, globalSection(wasm, s));
        globalsWritten = true;
      } else if (s == code) {
        WasmBytes.Writer c = new WasmBytes.Writer(wasm.length * 2);
        c.u32(bodies.size());
        bodies.forEach(c::bytes);
        section(out, 10, c.toByteArray());
      } else {
        out.u8(s.id()).u32(s.to() - s.from()).bytes(wasm, s.from(), s.to());
      }
    }
    if (!globalsWritten) {
      section(out, 6, globalSection(wasm, null));
    }
    return out.toByteArray();
  }

  /** Position of a known section id in the binary format's required order. */
  private static int order(int id) {
    return switch (id) {
      case 1 -> 1;
      case 2 -> 2;
      case 3 -> 3;
      case 4 -> 4;
      case 5 -> 5;
      case 13 -> 6;
      case 6 -> 7;
      case 7 -> 8;
      case 8 -> 9;
      case 9 -> 10;
      case 12 -> 11;
      case 10 -> 12;
      case 11 -> 13;
      default -> 0;
    };
  }

  private byte[] globalSection(byte[] wasm, Section existing) {
    WasmBytes.Writer g = new WasmBytes.Writer(64);
    g.u32(globals + 2L);
    if (existing != null) {
      WasmBytes.Reader in = new WasmBytes.Reader(wasm, existing.from(), existing.to());
      in.u32();
      g.bytes(wasm, in.pos(), existing.to());
    }
    g.u8(0x7e).u8(0x01).u8(0x42).u8(0x00).u8(0x0b); // gas: mut i64 = 0
    g.u8(0x7f).u8(0x01).u8(0x41).u8(0x00).u8(0x0b); // stack: mut i32 = 0
    return g.toByteArray();
  }

  private static void section(WasmBytes.Writer out, int id, byte[] content) {
    out.u8(id).u32(content.length).bytes(content);
  }
}
