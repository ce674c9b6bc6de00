package dev.aether.runtime.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;

/**
 * A contract's table: every element a table instruction writes ({@code table.set/fill/copy/init})
 * or grows costs {@code tableElementSteps}, charged before the work, and the table never holds more
 * than the chain's limit ({@code table.grow} past it returns -1, as the instruction's own failure).
 *
 * <p>Each instance gets its own copy of the table type: Chicory's {@link TableInstance#grow} raises
 * the {@code min} of the {@link Table} it was built from, which belongs to the parsed module that
 * the runtime caches and shares — without the copy, a call that grew a table would change the
 * initial size of the table in every later call on this node, and only on this node.
 */
final class MeteredTable extends TableInstance {
  private final Gas gas;
  private final long perElement;
  private final int maxElements;

  private MeteredTable(Table table, int initValue, Gas gas, long perElement, int maxElements) {
    super(table, initValue);
    this.gas = gas;
    this.perElement = perElement;
    this.maxElements = maxElements;
  }

  static MeteredTable of(Table declared, int initValue, Gas gas, long perElement, int max) {
    TableLimits l = declared.limits();
    Table own = new Table(declared.elementType(), new TableLimits(l.min(), Math.min(l.max(), max)));
    return new MeteredTable(own, initValue, gas, perElement, max);
  }

  @Override
  public int grow(int size, int value, Instance instance) {
    if (size > 0) {
      gas.consume(perElement * size);
    }
    if (size < 0 || (long) size() + size > maxElements) {
      return -1;
    }
    return super.grow(size, value, instance);
  }

  @Override
  public void setRef(int index, int value, Instance instance) {
    gas.consume(perElement);
    super.setRef(index, value, instance);
  }
}
