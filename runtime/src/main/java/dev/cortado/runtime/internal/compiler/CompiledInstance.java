package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.internal.FunctionHandle;
import dev.cortado.runtime.internal.GlobalInstance;
import dev.cortado.runtime.internal.MemoryInstance;
import dev.cortado.runtime.internal.ModuleInstance;
import dev.cortado.runtime.internal.StoreState;
import dev.cortado.runtime.internal.TableInstance;

/**
 * What compiled code of one module instance works on: generated methods are static and shared by
 * every instance of the module, and take this as their last parameter. The fields copy the
 * instance's index spaces (whose arrays do not change after allocation), so that generated code
 * reaches a global, table or the memory with plain field loads that HotSpot can hoist.
 */
public final class CompiledInstance {
  public final ModuleInstance instance;
  public final CompiledModule code;

  /** The store's fuel and interruption flag, which generated code checks (see {@link LimitOps}). */
  public final StoreState state;

  /** Memory 0, or null if the module has none. */
  public final MemoryInstance memory;

  public final GlobalInstance[] globals;

  /**
   * Globals 0 to 3 (or null), which generated code reads without the array ({@link
   * TableOps#global}): a C or Rust program's stack pointer is global 0, read and written by most of
   * its functions. From the array, each access loaded the array, its length for the bounds check,
   * then the global: binary trees 2-3% slower at steady state.
   */
  public final GlobalInstance global0;

  public final GlobalInstance global1;
  public final GlobalInstance global2;
  public final GlobalInstance global3;
  public final TableInstance[] tables;
  public final FunctionHandle[] functions;

  /** Element segments' references (a dropped segment is empty); shared with the instance. */
  public final Object[][] elements;

  /** Data segments' bytes (a dropped segment is empty); shared with the instance. */
  public final byte[][] datas;

  /** The carrier for the extra results of calls this instance's code makes. */
  public final MultiValue multiValue;

  /**
   * Where the methods a big function is split into pass locals, operands and branch values to their
   * caller (see {@link FunctionSplitter}).
   */
  public MultiValue spill;

  /**
   * By function index: a split function's own {@code long[]} frame, which its calls take in turn
   * (see {@link SplitOps#takeLongs}), or null before its first call.
   */
  public final long[][] longFrames;

  CompiledInstance(ModuleInstance instance, CompiledModule code) {
    this.instance = instance;
    this.code = code;
    this.state = instance.state;
    this.memory = instance.memory0;
    this.globals = instance.globals;
    this.global0 = globals.length > 0 ? globals[0] : null;
    this.global1 = globals.length > 1 ? globals[1] : null;
    this.global2 = globals.length > 2 ? globals[2] : null;
    this.global3 = globals.length > 3 ? globals[3] : null;
    this.tables = instance.tables;
    this.functions = instance.functions;
    this.elements = instance.elements;
    this.datas = instance.datas;
    this.multiValue = new MultiValue(Math.max(1, code.maxExtraResults()));
    this.spill = new MultiValue(Math.max(1, code.spillCapacity()));
    this.longFrames = new long[code.module().functionCount()][];
  }
}
