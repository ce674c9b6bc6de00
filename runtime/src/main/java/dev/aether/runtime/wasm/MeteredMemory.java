package dev.aether.runtime.wasm;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.alloc.ExactMemAllocStrategy;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.aether.runtime.RuntimeError;
import dev.aether.runtime.WasmCosts;

/**
 * A contract's linear memory: a byte array sized exactly to its pages (Chicory's default reserves
 * far more up front), capped at the chain's page limit, and metered where the work is not per
 * instruction — {@code memory.fill/copy/init} pay per byte before they run, {@code memory.grow}
 * checks the page limit and pays for its pages as memory before it runs. Both engines call these
 * methods, so both pay the same.
 */
final class MeteredMemory implements Memory {
  private final ByteArrayMemory mem;
  private final Gas gas;
  private final WasmCosts costs;
  private final int maxPages;

  MeteredMemory(MemoryLimits declared, int maxPages, Gas gas, WasmCosts costs) {
    int max = Math.min(declared.maximumPages(), maxPages);
    this.mem =
        new ByteArrayMemory(
            new MemoryLimits(Math.min(declared.initialPages(), max), max),
            new ExactMemAllocStrategy());
    this.gas = gas;
    this.costs = costs;
    this.maxPages = maxPages;
  }

  private void bulk(int size) {
    if (size > 0) {
      gas.consume(costs.bulkBytes(size));
    }
  }

  @Override
  public int grow(int size) {
    if (gas.active()) {
      long pages = mem.pages() + (size & 0xffff_ffffL);
      if (pages > maxPages) {
        throw new RuntimeError.MemoryLimit("memory.grow to " + pages + " pages, limit " + maxPages);
      }
      gas.charge(costs.pageSteps() * (size & 0xffff_ffffL));
      gas.memory((size & 0xffff_ffffL) * PAGE_SIZE);
    }
    return mem.grow(size);
  }

  @Override
  public void fill(byte value, int fromIndex, int toIndex) {
    bulk(toIndex - fromIndex);
    mem.fill(value, fromIndex, toIndex);
  }

  @Override
  public void copy(int dest, int src, int size) {
    bulk(size);
    mem.copy(dest, src, size);
  }

  @Override
  public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
    bulk(size);
    mem.initPassiveSegment(segmentId, dest, offset, size);
  }

  // ---- everything else is the byte array's ----

  @Override
  public int pages() {
    return mem.pages();
  }

  @Override
  public int initialPages() {
    return mem.initialPages();
  }

  @Override
  public int maximumPages() {
    return mem.maximumPages();
  }

  @Override
  public boolean shared() {
    return false;
  }

  @Override
  @SuppressWarnings("removal")
  public Object lock(int address) {
    return mem.lock(address);
  }

  @Override
  @SuppressWarnings("removal")
  public int waitOn(int address, int expected, long timeout) {
    throw new RuntimeError.ContractTrap("atomics not allowed");
  }

  @Override
  @SuppressWarnings("removal")
  public int waitOn(int address, long expected, long timeout) {
    throw new RuntimeError.ContractTrap("atomics not allowed");
  }

  @Override
  @SuppressWarnings("removal")
  public int notify(int address, int maxThreads) {
    throw new RuntimeError.ContractTrap("atomics not allowed");
  }

  @Override
  public void initialize(Instance instance, DataSegment[] dataSegments) {
    mem.initialize(instance, dataSegments);
  }

  @Override
  public void write(int addr, byte[] data, int offset, int size) {
    mem.write(addr, data, offset, size);
  }

  @Override
  public byte read(int addr) {
    return mem.read(addr);
  }

  @Override
  public byte[] readBytes(int addr, int len) {
    return mem.readBytes(addr, len);
  }

  @Override
  public void writeI32(int addr, int data) {
    mem.writeI32(addr, data);
  }

  @Override
  public int readInt(int addr) {
    return mem.readInt(addr);
  }

  @Override
  public void writeLong(int addr, long data) {
    mem.writeLong(addr, data);
  }

  @Override
  public long readLong(int addr) {
    return mem.readLong(addr);
  }

  @Override
  public void writeShort(int addr, short data) {
    mem.writeShort(addr, data);
  }

  @Override
  public short readShort(int addr) {
    return mem.readShort(addr);
  }

  @Override
  public long readU16(int addr) {
    return mem.readU16(addr);
  }

  @Override
  public void writeByte(int addr, byte data) {
    mem.writeByte(addr, data);
  }

  @Override
  public void writeF32(int addr, float data) {
    throw new RuntimeError.ContractTrap("floats not allowed");
  }

  @Override
  public long readF32(int addr) {
    throw new RuntimeError.ContractTrap("floats not allowed");
  }

  @Override
  public float readFloat(int addr) {
    throw new RuntimeError.ContractTrap("floats not allowed");
  }

  @Override
  public void writeF64(int addr, double data) {
    throw new RuntimeError.ContractTrap("floats not allowed");
  }

  @Override
  public double readDouble(int addr) {
    throw new RuntimeError.ContractTrap("floats not allowed");
  }

  @Override
  public long readF64(int addr) {
    throw new RuntimeError.ContractTrap("floats not allowed");
  }

  @Override
  public void zero() {
    mem.zero();
  }

  @Override
  public void drop(int segment) {
    mem.drop(segment);
  }
}
