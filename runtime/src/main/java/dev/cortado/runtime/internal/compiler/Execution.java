package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.runtime.Value;
import dev.cortado.runtime.internal.ModuleInstance;
import dev.cortado.runtime.internal.WasmFunction;
import dev.cortado.runtime.internal.interpreter.Interpreter;
import dev.cortado.wasm.FuncType;
import java.lang.invoke.MethodHandle;

/**
 * Where a call from Java into a wasm function ({@code WasmFunction.call}) chooses its tier: the
 * interpreter, or the function's compiled code, compiling the module first in {@link
 * Tier#COMPILED}.
 */
public final class Execution {
  private Execution() {}

  /** Calls {@code f} with type-checked {@code args} in its store's tier. */
  public static Value[] call(WasmFunction f, Value[] args) {
    StoreConfig config = f.instance.store().config();
    if (config.tier() == Tier.INTERPRETER) {
      return Interpreter.invoke(f, args);
    }
    CompiledInstance ctx = context(f.instance);
    MethodHandle method = ctx.code.method(f.index);
    if (method == null) {
      if (config.tier() == Tier.TIERED) {
        TierUp.countCall(f, ctx);
        method = ctx.code.method(f.index);
      }
      if (method == null) {
        return Interpreter.invoke(f, args);
      }
    }
    return callCompiled(ctx, f.type(), method, args, Invokers.entryFuel(config.maxCallDepth()));
  }

  /** Calls a compiled method from Java; a trap leaves as a public {@code Trap}. */
  static Value[] callCompiled(
      CompiledInstance ctx, FuncType type, MethodHandle method, Value[] args, int fuel) {
    int n = Invokers.frameSize(type);
    long[] bits = new long[n];
    Object[] refs = new Object[n];
    Invokers.unbox(args, bits, refs);
    try {
      SignatureBridge.of(type)
          .callRaw
          .invokeExact(method, bits, refs, 0, ctx.multiValue, fuel, ctx);
    } catch (Throwable t) {
      throw Unwind.toPublic(t);
    }
    return Invokers.box(type.results(), bits, refs);
  }

  /**
   * The compiled-code state of {@code inst}, made on first use; in {@link Tier#COMPILED} the module
   * is compiled first.
   */
  public static CompiledInstance context(ModuleInstance inst) {
    CompiledInstance ctx = inst.compiled;
    if (ctx != null) {
      return ctx;
    }
    Unwind.prepare();
    StoreConfig config = inst.store().config();
    CompiledModule code = CompiledModule.of(inst.module(), config);
    if (config.codeCache() != null) {
      code.retainClasses();
      code.loadFromCache(new CodeCache(config.codeCache()));
    }
    if (config.tier() == Tier.COMPILED) {
      code.compileAll();
      if (config.codeCache() != null) {
        code.storeInCache(new CodeCache(config.codeCache()));
      }
    }
    synchronized (inst) {
      ctx = inst.compiled;
      if (ctx == null) {
        ctx = new CompiledInstance(inst, code);
        code.register(ctx);
        inst.compiled = ctx;
      }
    }
    return ctx;
  }

  /** The compiled-code state of {@code inst} if its store compiles code, else null. */
  static CompiledInstance contextIfCompiled(ModuleInstance inst) {
    if (inst.store().config().tier() == Tier.INTERPRETER) {
      return null;
    }
    return context(inst);
  }
}
