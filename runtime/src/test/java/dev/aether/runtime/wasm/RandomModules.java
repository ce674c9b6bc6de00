package dev.aether.runtime.wasm;

import java.util.SplittableRandom;

/**
 * Seeded generator of valid contract modules that exercise the instructions whose metering is not
 * one step each — bulk memory ({@code memory.fill/copy/init}, {@code data.drop}), tables ({@code
 * table.get/set/size/grow/fill/copy/init}, {@code elem.drop}, {@code call_indirect}), reference
 * types ({@code ref.null}, {@code ref.is_null}, {@code ref.func}, typed {@code select}) — mixed
 * with integer arithmetic, loads and stores (some out of bounds), bounded loops, branches, {@code
 * memory.grow} and calls (some recursive). Every entry point ends by emitting the first 64 bytes of
 * memory, so a receipt shows the memory a call left, not only its steps.
 *
 * <p>Structure: imports {@code env.emit}; entry functions {@code f0..fK} of type {@code () -> ()}
 * with locals {@code i32 a, i64 b, i32 n}; three constant functions {@code () -> i32} in a funcref
 * table; an externref table; a passive element and a passive data segment.
 */
final class RandomModules {
  private static final int EMIT = 0; // imported function index

  private final SplittableRandom r;
  private final WasmBytes.Writer code = new WasmBytes.Writer(4096);
  private int entries;
  private int depth;

  private RandomModules(long seed) {
    this.r = new SplittableRandom(seed);
  }

  /** A module for {@code seed}; the same seed gives the same bytes. */
  static byte[] generate(long seed) {
    return new RandomModules(seed).module();
  }

  /** Entry points of a generated module: f0..f(n-1). */
  static int entryCount(long seed) {
    return 2 + (int) (new SplittableRandom(seed).nextLong() & 3);
  }

  private int firstConst() {
    return 1 + entries;
  }

  private byte[] module() {
    entries = 2 + (int) (r.nextLong() & 3);
    int tableMin = 4 + r.nextInt(8);
    WasmBytes.Writer m = new WasmBytes.Writer(8192);
    m.u8(0).u8('a').u8('s').u8('m').u8(1).u8(0).u8(0).u8(0);
    // types: 0 = () -> (), 1 = () -> i32, 2 = (i32 i32 i32 i32) -> ()
    section(
        m,
        1,
        w -> {
          w.u32(3);
          w.u8(0x60).u32(0).u32(0);
          w.u8(0x60).u32(0).u32(1).u8(0x7f);
          w.u8(0x60).u32(4).u8(0x7f).u8(0x7f).u8(0x7f).u8(0x7f).u32(0);
        });
    section(
        m,
        2,
        w -> {
          w.u32(1);
          name(w, "env");
          name(w, "emit");
          w.u8(0x00).u32(2);
        });
    section(
        m,
        3,
        w -> {
          w.u32(entries + 3);
          for (int i = 0; i < entries; i++) {
            w.u32(0);
          }
          w.u32(1).u32(1).u32(1);
        });
    section(
        m,
        4,
        w -> {
          w.u32(2);
          w.u8(0x70).u8(0x01).u32(tableMin).u32(tableMin + 32);
          w.u8(0x6f).u8(0x01).u32(2).u32(8);
        });
    section(m, 5, w -> w.u32(1).u8(0x01).u32(1).u32(4));
    section(
        m,
        7,
        w -> {
          w.u32(entries + 1);
          for (int i = 0; i < entries; i++) {
            name(w, "f" + i);
            w.u8(0x00).u32(1 + i);
          }
          name(w, "memory");
          w.u8(0x02).u32(0);
        });
    section(
        m,
        9,
        w -> {
          w.u32(2);
          w.u32(0).u8(0x41).sleb(0).u8(0x0b).u32(3); // active at 0: the constant functions
          for (int i = 0; i < 3; i++) {
            w.u32(firstConst() + i);
          }
          w.u32(1).u8(0x00).u32(3); // passive
          for (int i = 0; i < 3; i++) {
            w.u32(firstConst() + (2 - i));
          }
        });
    section(m, 12, w -> w.u32(2));
    section(
        m,
        10,
        w -> {
          w.u32(entries + 3);
          for (int i = 0; i < entries; i++) {
            byte[] body = entryBody();
            w.u32(body.length).bytes(body);
          }
          for (int i = 0; i < 3; i++) {
            WasmBytes.Writer b = new WasmBytes.Writer(16);
            b.u32(0).u8(0x41).sleb(100 + i).u8(0x0b);
            byte[] body = b.toByteArray();
            w.u32(body.length).bytes(body);
          }
        });
    section(
        m,
        11,
        w -> {
          w.u32(2);
          byte[] seedBytes = new byte[16];
          for (int i = 0; i < seedBytes.length; i++) {
            seedBytes[i] = (byte) r.nextInt(256);
          }
          w.u32(0).u8(0x41).sleb(0).u8(0x0b).u32(seedBytes.length).bytes(seedBytes);
          byte[] passive = new byte[32 + r.nextInt(64)];
          for (int i = 0; i < passive.length; i++) {
            passive[i] = (byte) r.nextInt(256);
          }
          w.u32(1).u32(passive.length).bytes(passive);
        });
    return m.toByteArray();
  }

  private interface Body {
    void write(WasmBytes.Writer w);
  }

  private static void section(WasmBytes.Writer m, int id, Body body) {
    WasmBytes.Writer w = new WasmBytes.Writer(256);
    body.write(w);
    byte[] b = w.toByteArray();
    m.u8(id).u32(b.length).bytes(b);
  }

  private static void name(WasmBytes.Writer w, String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    w.u32(b.length).bytes(b);
  }

  // locals: 0 = a (i32), 1 = b (i64), 2..5 = loop counters (i32), one per nesting depth
  private byte[] entryBody() {
    WasmBytes.Writer w = new WasmBytes.Writer(1024);
    w.u32(3).u32(1).u8(0x7f).u32(1).u8(0x7e).u32(4).u8(0x7f);
    depth = 0;
    int n = 3 + r.nextInt(10);
    for (int i = 0; i < n; i++) {
      stmt(w);
    }
    // emit("m", memory[0..64])
    w.u8(0x41).sleb(0).u8(0x41).sleb(0).u8(0x41).sleb(0).u8(0x41).sleb(64);
    w.u8(0x10).u32(EMIT);
    w.u8(0x0b);
    return w.toByteArray();
  }

  private void stmt(WasmBytes.Writer w) {
    depth++;
    int k = depth > 3 ? r.nextInt(14) : r.nextInt(18);
    switch (k) {
      case 0 -> set32(w);
      case 1 -> set64(w);
      case 2 -> {
        addr(w);
        e32(w);
        w.u8(0x36).u32(2).u32(0); // i32.store
      }
      case 3 -> {
        addr(w);
        e64(w);
        w.u8(0x37).u32(3).u32(0); // i64.store
      }
      case 4 -> { // memory.fill
        addr(w);
        e32(w);
        len(w);
        w.u8(0xfc).u32(11).u8(0);
      }
      case 5 -> { // memory.copy
        addr(w);
        addr(w);
        len(w);
        w.u8(0xfc).u32(10).u8(0).u8(0);
      }
      case 6 -> { // memory.init, sometimes after data.drop (traps when the length is not 0)
        if (r.nextInt(8) == 0) {
          w.u8(0xfc).u32(9).u32(1);
        }
        addr(w);
        w.u8(0x41).sleb(r.nextInt(40));
        w.u8(0x41).sleb(r.nextInt(40));
        w.u8(0xfc).u32(8).u32(1).u8(0);
      }
      case 7 -> { // table.set from ref.func or ref.null
        tableIndex(w);
        if (r.nextBoolean()) {
          w.u8(0xd2).u32(firstConst() + r.nextInt(3));
        } else {
          w.u8(0xd0).u8(0x70);
        }
        w.u8(0x26).u32(0);
      }
      case 8 -> { // table.fill
        tableIndex(w);
        w.u8(0xd2).u32(firstConst() + r.nextInt(3));
        w.u8(0x41).sleb(r.nextInt(6));
        w.u8(0xfc).u32(17).u32(0);
      }
      case 9 -> { // table.copy / table.init / elem.drop
        int which = r.nextInt(3);
        if (which == 2) {
          w.u8(0xfc).u32(13).u32(1);
        } else {
          tableIndex(w);
          w.u8(0x41).sleb(r.nextInt(4));
          w.u8(0x41).sleb(r.nextInt(4));
          if (which == 0) {
            w.u8(0xfc).u32(14).u32(0).u32(0);
          } else {
            w.u8(0xfc).u32(12).u32(1).u32(0);
          }
        }
      }
      case 10 -> { // drop(table.grow(ref.null, k))
        w.u8(0xd0).u8(0x70);
        w.u8(0x41).sleb(r.nextInt(r.nextInt(8) == 0 ? 100 : 4));
        w.u8(0xfc).u32(15).u32(0);
        w.u8(0x1a);
      }
      case 11 -> { // local.a += call_indirect (may trap: null element or out of range)
        tableIndex(w);
        w.u8(0x11).u32(1).u32(0);
        w.u8(0x20).u32(0).u8(0x6a).u8(0x21).u32(0);
      }
      case 12 -> { // drop(memory.grow(0 or 1))
        w.u8(0x41).sleb(r.nextInt(4) == 0 ? 1 : 0).u8(0x40).u8(0).u8(0x1a);
      }
      case 13 -> { // externref table: set null, read back
        w.u8(0x41).sleb(r.nextInt(3)).u8(0xd0).u8(0x6f).u8(0x26).u32(1);
        w.u8(0x41).sleb(r.nextInt(3)).u8(0x25).u32(1).u8(0xd1);
        w.u8(0x20).u32(0).u8(0x6a).u8(0x21).u32(0);
      }
      case 14 -> { // if (e32) { stmt } else { stmt }
        e32(w);
        w.u8(0x04).u8(0x40);
        stmt(w);
        w.u8(0x05);
        stmt(w);
        w.u8(0x0b);
      }
      case 15 -> { // bounded loop: n = k; loop { stmt; n--; br_if n != 0 } (a counter per depth)
        int n = 2 + depth % 4;
        w.u8(0x41).sleb(1 + r.nextInt(r.nextInt(6) == 0 ? 2_000 : 20)).u8(0x21).u32(n);
        w.u8(0x03).u8(0x40);
        stmt(w);
        w.u8(0x20).u32(n).u8(0x41).sleb(1).u8(0x6b).u8(0x22).u32(n);
        w.u8(0x0d).u32(0);
        w.u8(0x0b);
      }
      case 16 -> { // block { br_if 0 (e32); stmt }
        w.u8(0x02).u8(0x40);
        e32(w);
        w.u8(0x0d).u32(0);
        stmt(w);
        w.u8(0x0b);
      }
      default -> { // call another entry point (recursion ends at the stack limit)
        w.u8(0x10).u32(1 + r.nextInt(entries));
      }
    }
    depth--;
  }

  private void set32(WasmBytes.Writer w) {
    e32(w);
    w.u8(0x21).u32(0);
  }

  private void set64(WasmBytes.Writer w) {
    e64(w);
    w.u8(0x21).u32(1);
  }

  /** An address: usually masked into the first two pages, sometimes anything (out of bounds). */
  private void addr(WasmBytes.Writer w) {
    e32(w);
    if (r.nextInt(10) != 0) {
      w.u8(0x41).sleb(0x1ffff).u8(0x71);
    }
  }

  /** A length: usually small, sometimes large (bulk per-byte charges, out-of-bounds traps). */
  private void len(WasmBytes.Writer w) {
    int kind = r.nextInt(10);
    w.u8(0x41).sleb(kind < 7 ? r.nextInt(64) : kind < 9 ? r.nextInt(70_000) : r.nextInt());
  }

  private void tableIndex(WasmBytes.Writer w) {
    w.u8(0x41).sleb(r.nextInt(14));
  }

  private int exprDepth;

  private void e32(WasmBytes.Writer w) {
    exprDepth++;
    int k = exprDepth > 3 ? r.nextInt(3) : r.nextInt(10);
    switch (k) {
      case 0 -> w.u8(0x41).sleb(r.nextInt(r.nextBoolean() ? 256 : Integer.MAX_VALUE));
      case 1 -> w.u8(0x20).u32(0);
      case 2 -> w.u8(0x3f).u8(0); // memory.size
      case 3 -> { // binary op, including division (traps on zero)
        e32(w);
        e32(w);
        int[] ops = {0x6a, 0x6b, 0x6c, 0x6d, 0x6f, 0x71, 0x72, 0x73, 0x74, 0x76, 0x77, 0x46, 0x48};
        w.u8(ops[r.nextInt(ops.length)]);
      }
      case 4 -> {
        addr(w);
        w.u8(0x28).u32(2).u32(0); // i32.load
      }
      case 5 -> {
        e64(w);
        w.u8(0xa7); // i32.wrap_i64
      }
      case 6 -> w.u8(0xfc).u32(16).u32(0); // table.size
      case 7 -> { // ref.is_null(table.get(i))
        tableIndex(w);
        w.u8(0x25).u32(0).u8(0xd1);
      }
      case 8 -> { // select (result i32)
        e32(w);
        e32(w);
        e32(w);
        w.u8(0x1c).u32(1).u8(0x7f);
      }
      default -> {
        e32(w);
        w.u8(r.nextBoolean() ? 0xc0 : 0x45); // i32.extend8_s / i32.eqz
      }
    }
    exprDepth--;
  }

  private void e64(WasmBytes.Writer w) {
    exprDepth++;
    int k = exprDepth > 3 ? r.nextInt(2) : r.nextInt(5);
    switch (k) {
      case 0 -> w.u8(0x42).sleb(r.nextLong());
      case 1 -> w.u8(0x20).u32(1);
      case 2 -> {
        e64(w);
        e64(w);
        int[] ops = {0x7c, 0x7d, 0x7e, 0x83, 0x84, 0x85, 0x86, 0x88, 0x89, 0x7f, 0x82};
        w.u8(ops[r.nextInt(ops.length)]);
      }
      case 3 -> {
        addr(w);
        w.u8(0x29).u32(3).u32(0); // i64.load
      }
      default -> {
        e32(w);
        w.u8(r.nextBoolean() ? 0xad : 0xac); // i64.extend_i32_u / _s
      }
    }
    exprDepth--;
  }
}
