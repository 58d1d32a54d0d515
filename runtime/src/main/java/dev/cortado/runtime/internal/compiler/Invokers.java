package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.Value;
import dev.cortado.runtime.internal.FunctionHandle;
import dev.cortado.runtime.internal.HostFunctionHandle;
import dev.cortado.runtime.internal.WasmFunction;
import dev.cortado.runtime.internal.interpreter.Interpreter;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * The invokers of functions ({@code FunctionHandle.invoker}): how compiled code calls an imported
 * function or the target of a {@code call_indirect}, with the function's JVM type (see {@link
 * JvmTypes}). A compiled wasm function's invoker is its method with its own instance bound; a host
 * function's or an interpreted function's is a {@link SignatureBridge} adapter that boxes.
 */
public final class Invokers {
  /**
   * The call depth budget of the innermost compiled frame that called a host function on this
   * thread, or -1: a host function that calls back into wasm continues with that budget.
   */
  private static final ThreadLocal<int[]> HOST_FUEL = ThreadLocal.withInitial(() -> new int[] {-1});

  private Invokers() {}

  /** {@code f}'s invoker, made and cached on first use. */
  public static MethodHandle invoker(FunctionHandle f) {
    MethodHandle mh = f.invoker;
    if (mh != null) {
      return mh;
    }
    mh = create(f);
    f.invoker = mh;
    return mh;
  }

  private static MethodHandle create(FunctionHandle f) {
    SignatureBridge bridge = SignatureBridge.of(f.type());
    return switch (f) {
      case HostFunctionHandle h -> bridge.host.bindTo(h);
      case WasmFunction w -> {
        CompiledInstance ctx = Execution.contextIfCompiled(w.instance);
        MethodHandle method = ctx == null ? null : ctx.code.method(w.index);
        if (method == null) {
          yield bridge.interpreted.bindTo(w);
        }
        yield boundTo(method, ctx);
      }
    };
  }

  /** A compiled method with its own instance bound, ignoring the caller's instance. */
  static MethodHandle boundTo(MethodHandle method, CompiledInstance ctx) {
    int last = method.type().parameterCount() - 1;
    MethodHandle bound = MethodHandles.insertArguments(method, last, ctx);
    return MethodHandles.dropArguments(bound, last, CompiledInstance.class);
  }

  /** Calls host function {@code h} with the raw arguments in {@code bits}/{@code refs}. */
  public static void callHost(
      HostFunctionHandle h, long[] bits, Object[] refs, int fuel, CompiledInstance caller) {
    Value[] args = box(h.type().params(), bits, refs);
    int[] budget = HOST_FUEL.get();
    int saved = budget[0];
    budget[0] = fuel;
    Value[] results;
    try {
      results = h.invoke(caller.instance.caller, args);
      // A host call that an interruption woke must not let the guest carry on (docs/limits.md).
      LimitOps.checkInterrupt(caller);
    } catch (Throwable t) {
      throw Unwind.throughCallers(t);
    } finally {
      budget[0] = saved;
    }
    unbox(results, bits, refs);
  }

  /**
   * Calls wasm function {@code f}, not compiled when its caller's call site was linked, with the
   * raw arguments: in its compiled code if it has some by now, else in the interpreter. The call
   * counts towards {@code f}'s tier-up like one from the interpreter: a function that only compiled
   * code calls (no loop of its own) would otherwise run interpreted for good, each call boxing its
   * arguments (SQLite's speedtest1 in tiered mode, docs/compiler.md "Tier-up").
   */
  public static void callInterpreted(
      WasmFunction f, long[] bits, Object[] refs, int fuel, CompiledInstance caller)
      throws Throwable {
    try {
      if (--f.hotness < 0) {
        MethodHandle method = TierUp.compiledEntry(f);
        if (method != null) {
          // Until the call site is relinked to it (CompiledModule.install).
          callCompiled(f, method, bits, refs, fuel);
          return;
        }
      }
      Value[] results = Interpreter.invoke(f, box(f.type().params(), bits, refs));
      unbox(results, bits, refs);
    } catch (Throwable t) {
      throw Unwind.throughCallers(t);
    }
  }

  /**
   * Calls {@code method}, function {@code f}'s compiled code, with the raw arguments at the start
   * of {@code bits}/{@code refs}, and leaves its results there.
   */
  static void callCompiled(
      WasmFunction f, MethodHandle method, long[] bits, Object[] refs, int fuel) throws Throwable {
    CompiledInstance ctx = f.instance.compiled;
    SignatureBridge.of(f.type())
        .callRaw
        .invokeExact(method, bits, refs, 0, ctx.multiValue, fuel, ctx);
  }

  /** The call depth budget for compiled code entered from Java (see {@link #HOST_FUEL}). */
  static int entryFuel(int maxCallDepth) {
    int fuel = HOST_FUEL.get()[0];
    return fuel >= 0 ? fuel : maxCallDepth;
  }

  /** The values of {@code types} in a raw frame, where a v128 takes two slots (low half first). */
  static Value[] box(List<ValType> types, long[] bits, Object[] refs) {
    Value[] values = new Value[types.size()];
    int at = 0;
    for (int i = 0; i < values.length; i++) {
      ValType t = types.get(i);
      if (t == ValType.V128) {
        values[i] = Value.v128(bits[at], bits[at + 1]);
        at += 2;
      } else {
        values[i] = Value.ofRaw(t, bits[at], refs[at]);
        at++;
      }
    }
    return values;
  }

  /** Writes {@code values} into a raw frame (see {@link #box}). */
  static void unbox(Value[] values, long[] bits, Object[] refs) {
    int at = 0;
    for (Value v : values) {
      bits[at] = v.bits();
      refs[at++] = v.ref();
      if (v.type() == ValType.V128) {
        bits[at] = v.v128High();
        refs[at++] = null;
      }
    }
  }

  /** The raw frame size a call of {@code type} needs: room for its arguments and its results. */
  static int frameSize(FuncType type) {
    return Math.max(
        1, Math.max(JvmTypes.flat(type.params()).size(), JvmTypes.flat(type.results()).size()));
  }
}
