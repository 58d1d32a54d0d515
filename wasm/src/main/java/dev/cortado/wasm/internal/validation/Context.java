package dev.cortado.wasm.internal.validation;

import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.GlobalType;
import dev.cortado.wasm.TableType;
import dev.cortado.wasm.WasmModule;
import java.util.List;

/**
 * The validation context C of a module (spec 3.1.1) as arrays of type codes, computed once so that
 * checking an instruction allocates nothing.
 *
 * <p>Built only after every function's type index has been checked, so {@link #funcTypes} holds
 * valid type indices.
 */
final class Context {
  final WasmModule module;

  /** C.types: parameter and result codes by type index. */
  final int[][] typeParams;

  final int[][] typeResults;

  /** C.funcs: the type index of each function, imports first. */
  final int[] funcTypes;

  /** C.tables: the element type code of each table, imports first. */
  final int[] tableElemTypes;

  /** The number of entries of C.mems. */
  final int memoryCount;

  /** C.globals: value type code and mutability of each global, imports first. */
  final int[] globalTypes;

  final boolean[] globalMutable;

  /** C.elems: the reference type code of each element segment. */
  final int[] elemTypes;

  /** The number of entries of C.datas. */
  final int dataCount;

  /** C.refs: the functions that {@code ref.func} may name in function bodies. */
  final boolean[] declaredFunctions;

  Context(WasmModule module, boolean[] declaredFunctions) {
    this.module = module;
    List<FuncType> types = module.types();
    typeParams = new int[types.size()][];
    typeResults = new int[types.size()][];
    for (int i = 0; i < typeParams.length; i++) {
      typeParams[i] = OperandTypes.of(types.get(i).params());
      typeResults[i] = OperandTypes.of(types.get(i).results());
    }
    funcTypes = new int[module.functionCount()];
    for (int i = 0; i < funcTypes.length; i++) {
      funcTypes[i] = module.functionTypeIndex(i);
    }
    List<TableType> tables = module.allTables();
    tableElemTypes = new int[tables.size()];
    for (int i = 0; i < tableElemTypes.length; i++) {
      tableElemTypes[i] = OperandTypes.of(tables.get(i).elementType());
    }
    memoryCount = module.allMemories().size();
    List<GlobalType> globals = module.allGlobals();
    globalTypes = new int[globals.size()];
    globalMutable = new boolean[globals.size()];
    for (int i = 0; i < globalTypes.length; i++) {
      globalTypes[i] = OperandTypes.of(globals.get(i).valType());
      globalMutable[i] = globals.get(i).mutable();
    }
    elemTypes = new int[module.elements().size()];
    for (int i = 0; i < elemTypes.length; i++) {
      elemTypes[i] = OperandTypes.of(module.elements().get(i).type());
    }
    dataCount = module.datas().size();
    this.declaredFunctions = declaredFunctions;
  }

  /** Whether {@code index}, read as unsigned, is below {@code count}. */
  static boolean inRange(int index, int count) {
    return index >= 0 && index < count;
  }

  /** An index as the spec prints it: unsigned. */
  static String index(int index) {
    return Integer.toUnsignedString(index);
  }
}
