package dev.cortado.runtime.internal.interpreter;

import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import dev.cortado.runtime.Value;
import dev.cortado.runtime.internal.FunctionHandle;
import dev.cortado.runtime.internal.GlobalInstance;
import dev.cortado.runtime.internal.HostFunctionHandle;
import dev.cortado.runtime.internal.MemoryInstance;
import dev.cortado.runtime.internal.ModuleInstance;
import dev.cortado.runtime.internal.StoreState;
import dev.cortado.runtime.internal.TrapSignal;
import dev.cortado.runtime.internal.Traps;
import dev.cortado.runtime.internal.WasmFunction;
import java.util.List;

/**
 * The interpreter: runs {@link CompiledFunction} code (see docs/interpreter.md).
 *
 * <p>{@link #execute} changes frames: it runs calls and returns, and hands each frame's code to
 * {@link HotLoop}, which runs everything else. Calls between wasm functions do not recurse in Java:
 * the caller's position is pushed on the {@link Machine}'s frame stack and the loop continues in
 * the callee.
 */
public final class Interpreter {
  static {
    // Initialize what trapping needs now: a class whose initializer first runs when the Java stack
    // is nearly exhausted fails with StackOverflowError and stays unusable (NoClassDefFoundError).
    List<Trap.FrameInfo> frames = List.of(new Trap.FrameInfo(null, 0, null, 0));
    Trap trap = new Trap(TrapKind.CALL_STACK_EXHAUSTED, frames);
    Traps.extend(trap, frames);
    new TrapSignal(TrapKind.CALL_STACK_EXHAUSTED).toTrap();
  }

  private Interpreter() {}

  /** Calls {@code f} from Java with type-checked {@code args}. */
  public static Value[] invoke(WasmFunction f, Value[] args) {
    Machine m = Machine.current();
    boolean outermost = m.depth == 0 && m.top == 0;
    if (outermost) {
      m.maxDepth = f.instance.store().config().maxCallDepth();
    }
    int base = m.top;
    try {
      CompiledFunction c;
      try {
        c = f.compiled();
        m.ensureStack(base + c.maxHeight);
      } catch (TrapSignal t) {
        throw t.toTrap();
      }
      InterpreterSupport.storeValues(m.stack, m.refs, base, f.type().params(), args);
      execute(m, f, base);
      return InterpreterSupport.loadValues(m.stack, m.refs, base, f.type().results());
    } finally {
      m.top = base;
      if (outermost) {
        m.reset();
      }
    }
  }

  /**
   * Runs {@code entry} with its arguments in the value stack at {@code entryFp}; leaves its results
   * at {@code entryFp}. Throws a {@link Trap} with the backtrace of the frames this call made.
   */
  static void execute(Machine m, WasmFunction entry, int entryFp) {
    final int entryDepth = m.depth;
    WasmFunction fn = entry;
    int pc = 0;
    try {
      if (entryDepth >= m.maxDepth) {
        throw new TrapSignal(TrapKind.CALL_STACK_EXHAUSTED);
      }
      entry.instance.state.checkInterrupt();
      CompiledFunction entryCode = entry.compiled();
      m.ensureStack(entryFp + entryCode.maxHeight);
      long[] s = m.stack;
      Object[] r = m.refs;
      int fp = entryFp;
      InterpreterSupport.initLocals(s, r, fp, entryCode);
      int[] code = entryCode.code;
      ModuleInstance inst = entry.instance;
      MemoryInstance mem = inst.memory0;
      GlobalInstance[] globals = inst.globals;
      FunctionHandle[] funcs = inst.functions;
      // HotLoop runs the frame's code up to a call, a return or the header of a hot loop; this
      // loop changes frames, and runs the instructions that would make HotLoop's code bigger for
      // nothing: SIMD (a call either way), fuel (metered code) and unreachable.
      while (true) {
        m.running = fn;
        pc = HotLoop.run(m, code, pc, s, fp, mem, globals);
        switch (code[pc++]) {
          case Op.RETURN -> {
            InterpreterSupport.copy(s, r, fp + code[pc + 1], fp, code[pc]);
            int d = m.depth;
            if (d == entryDepth) {
              return;
            }
            d--;
            m.depth = d;
            WasmFunction caller = m.frameFunctions[d];
            pc = m.framePcs[d];
            fp = m.frameFps[d];
            code = caller.compiled.code;
            fn = caller;
            if (caller.instance != inst) {
              inst = caller.instance;
              mem = inst.memory0;
              globals = inst.globals;
              funcs = inst.functions;
            }
          }
          case Op.CALL, Op.CALL_INDIRECT -> {
            FunctionHandle f;
            int base;
            if (code[pc - 1] == Op.CALL) {
              f = funcs[code[pc]];
              base = fp + code[pc + 1];
              pc += 2;
            } else {
              f =
                  InterpreterSupport.resolveIndirect(
                      inst, code[pc], code[pc + 1], s[fp + code[pc + 2]]);
              base = fp + code[pc + 3];
              pc += 4;
            }
            if (f instanceof WasmFunction callee) {
              if (--callee.hotness < 0) {
                // Compiler tier: hot, maybe compiled by now; then its code runs it.
                if (InterpreterSupport.callCompiled(m, callee, base, fn, pc, fp)) {
                  s = m.stack;
                  r = m.refs;
                  continue;
                }
              }
              CompiledFunction c = callee.compiled();
              fp = InterpreterSupport.enter(m, fn, pc, fp, base, c);
              s = m.stack;
              r = m.refs;
              code = c.code;
              pc = 0;
              fn = callee;
              if (callee.instance != inst) {
                inst = callee.instance;
                mem = inst.memory0;
                globals = inst.globals;
                funcs = inst.functions;
              }
            } else {
              InterpreterSupport.callHost(m, (HostFunctionHandle) f, base, fn, pc, fp);
              s = m.stack;
              r = m.refs;
            }
          }
          case Op.LOOP -> {
            // The function is hot (HotLoop counted): compiled code may run the rest of this call.
            if (InterpreterSupport.onStackReplace(m, fn, code[pc], fp, fp + code[pc + 1])) {
              // It ran and left its results at the operand base; the function's final RETURN
              // (last in its code) returns them.
              pc = code.length - 3;
            } else {
              pc += 2;
            }
          }
          case Op.UNREACHABLE -> throw new TrapSignal(TrapKind.UNREACHABLE);
          case Op.FUEL -> {
            StoreState st = inst.state;
            long left = st.fuel - code[pc++];
            if (left < 0) {
              throw StoreState.outOfFuel();
            }
            st.fuel = left;
          }
          case Op.SIMD ->
              pc = (int) (SimdInterpreter.execute(code, pc + 1, s, fp + code[pc], fp, inst) >>> 32);
          default -> throw new IllegalStateException("bad opcode " + code[pc - 1]);
        }
      }
    } catch (TrapSignal e) {
      pc = m.trapPosition(pc);
      throw new Trap(e.kind(), e.getMessage(), backtrace(m, entryDepth, fn, pc), e.getCause());
    } catch (Trap e) {
      throw Traps.extend(e, backtrace(m, entryDepth, fn, pc));
    } catch (StackOverflowError e) {
      pc = m.trapPosition(pc);
      TrapKind k = TrapKind.CALL_STACK_EXHAUSTED;
      throw new Trap(k, k.message(), backtrace(m, entryDepth, fn, pc), e);
    } catch (OutOfMemoryError e) {
      pc = m.trapPosition(pc);
      TrapKind k = TrapKind.RESOURCE_EXHAUSTED;
      throw new Trap(k, k.message(), backtrace(m, entryDepth, fn, pc), e);
    } finally {
      m.depth = entryDepth;
    }
  }

  /** The wasm frames of one {@link #execute}, innermost first. */
  private static List<Trap.FrameInfo> backtrace(
      Machine m, int entryDepth, WasmFunction current, int pc) {
    return InterpreterSupport.backtrace(m, entryDepth, current, pc);
  }
}
