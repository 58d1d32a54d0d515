package dev.cortado.runtime.internal;

import dev.cortado.runtime.Value;
import dev.cortado.runtime.internal.compiler.Execution;
import dev.cortado.runtime.internal.compiler.TierUp;
import dev.cortado.runtime.internal.interpreter.CompiledFunction;
import dev.cortado.wasm.FunctionDefinition;

/**
 * A function defined by a module, in one instance (spec 4.2.6 "function instance"). Its code is
 * translated for the interpreter on first call; the translation belongs to the module and is shared
 * by all its instances (it holds no instance state).
 */
public final class WasmFunction extends FunctionHandle {
  /** The instance it runs in: its globals, memories, tables and functions. */
  public final ModuleInstance instance;

  /** Its index in the module's function index space. */
  public final int index;

  public final FunctionDefinition definition;

  /** The interpreter's code, once translated (a benign race: translations are equivalent). */
  public CompiledFunction compiled;

  /**
   * Compiler tier: how many more interpreted calls and loop iterations until the interpreter asks
   * the tier whether compiled code should take over (see internal/compiler/TierUp).
   */
  public int hotness;

  public WasmFunction(ModuleInstance instance, int index, FunctionDefinition definition) {
    super(instance.module().functionType(index));
    this.instance = instance;
    this.index = index;
    this.definition = definition;
    this.hotness = TierUp.initialHotness(instance.store().config());
  }

  /** The interpreter's code, translating it on first use. */
  public CompiledFunction compiled() {
    CompiledFunction c = compiled;
    if (c == null) {
      c = instance.code().function(index);
      compiled = c;
    }
    return c;
  }

  @Override
  public Value[] call(Value... args) {
    Values.checkTypes(type().params(), args, "argument");
    // The store's tier decides: the interpreter, or compiled code (see internal/compiler).
    return Execution.call(this, args);
  }

  @Override
  public String toString() {
    String name = instance.functionName(index);
    return "function " + (name != null ? name : "[" + index + "]") + " " + type();
  }
}
