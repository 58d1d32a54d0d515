package dev.cortado.spectest;

import dev.cortado.runtime.Global;
import dev.cortado.runtime.HostFunction;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Memory;
import dev.cortado.runtime.Table;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.GlobalType;
import dev.cortado.wasm.Limits;
import dev.cortado.wasm.MemType;
import dev.cortado.wasm.TableType;
import dev.cortado.wasm.ValType;
import java.io.PrintStream;
import java.util.List;

/**
 * The {@code spectest} host module that the official scripts import from, as the reference
 * interpreter defines it ({@code interpreter/host/spectest.ml}): print functions, four immutable
 * globals holding 666 (or 666.6), a table of 10 to 20 funcrefs, and a memory of 1 to 2 pages.
 */
public final class SpectestHost {
  public static final String MODULE = "spectest";

  private SpectestHost() {}

  /**
   * Defines the module in {@code linker}. Each call makes a fresh table and memory, so scripts do
   * not see each other's writes. The print functions write to {@code printOut}, or nowhere if null.
   */
  public static void define(Linker linker, PrintStream printOut) {
    printFunction(linker, "print", List.of(), printOut);
    printFunction(linker, "print_i32", List.of(ValType.I32), printOut);
    printFunction(linker, "print_i64", List.of(ValType.I64), printOut);
    printFunction(linker, "print_f32", List.of(ValType.F32), printOut);
    printFunction(linker, "print_f64", List.of(ValType.F64), printOut);
    printFunction(linker, "print_i32_f32", List.of(ValType.I32, ValType.F32), printOut);
    printFunction(linker, "print_f64_f64", List.of(ValType.F64, ValType.F64), printOut);
    global(linker, "global_i32", ValType.I32, Value.i32(666));
    global(linker, "global_i64", ValType.I64, Value.i64(666));
    global(linker, "global_f32", ValType.F32, Value.f32(666.6f));
    global(linker, "global_f64", ValType.F64, Value.f64(666.6));
    linker.define(
        MODULE,
        "table",
        Table.of(
            new TableType(ValType.FUNCREF, Limits.of(10, 20)), Value.nullRef(ValType.FUNCREF)));
    linker.define(MODULE, "memory", Memory.of(MemType.of(Limits.of(1, 2))));
  }

  private static void printFunction(
      Linker linker, String name, List<ValType> params, PrintStream printOut) {
    HostFunction print =
        (caller, args) -> {
          if (printOut != null) {
            for (Value v : args) {
              printOut.println(WastValues.describe(v));
            }
          }
          return new Value[0];
        };
    linker.define(MODULE, name, FuncType.of(params, List.of()), print);
  }

  private static void global(Linker linker, String name, ValType type, Value value) {
    linker.define(MODULE, name, Global.of(new GlobalType(type, false), value));
  }
}
