package dev.cortado.runtime.internal.interpreter;

import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import dev.cortado.runtime.Value;
import dev.cortado.runtime.internal.FunctionHandle;
import dev.cortado.runtime.internal.HostFunctionHandle;
import dev.cortado.runtime.internal.InterruptPolls;
import dev.cortado.runtime.internal.ModuleInstance;
import dev.cortado.runtime.internal.TableInstance;
import dev.cortado.runtime.internal.TrapSignal;
import dev.cortado.runtime.internal.WasmFunction;
import dev.cortado.runtime.internal.compiler.TierBridge;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of the interpreter that are too big or too rare for the dispatch loop: calls, frame
 * setup, host calls, bulk table operations and backtraces.
 */
final class InterpreterSupport {
  private static final long U32 = 0xFFFF_FFFFL;
  private static final Object[] DROPPED_ELEMENTS = new Object[0];
  private static final byte[] DROPPED_DATA = new byte[0];

  private InterpreterSupport() {}

  /**
   * Copies {@code n} slots (both halves of each) from {@code src} to {@code dst}, as a branch or
   * return keeps its label's values (spec 4.4.8.6).
   */
  static void copy(long[] s, Object[] r, int src, int dst, int n) {
    if (src != dst) {
      for (int i = 0; i < n; i++) {
        s[dst + i] = s[src + i];
        r[dst + i] = r[src + i];
      }
    }
  }

  /** The stack slots a value of {@code type} takes: 2 for a v128, else 1. */
  static int slots(ValType type) {
    return type == ValType.V128 ? 2 : 1;
  }

  /** The stack slots values of {@code types} take. */
  static int slots(List<ValType> types) {
    int n = 0;
    for (ValType t : types) {
      n += slots(t);
    }
    return n;
  }

  /**
   * Writes {@code values} (of {@code types}) to the stack from slot {@code base}, a v128 as two
   * slots; returns the slot after the last.
   */
  static int storeValues(long[] s, Object[] r, int base, List<ValType> types, Value[] values) {
    int at = base;
    for (int i = 0; i < values.length; i++) {
      ValType t = types.get(i);
      s[at] = values[i].bits();
      r[at++] = t.isReference() ? values[i].ref() : null;
      if (t == ValType.V128) {
        s[at] = values[i].v128High();
        r[at++] = null;
      }
    }
    return at;
  }

  /** The values of {@code types} on the stack from slot {@code base} (see {@link #storeValues}). */
  static Value[] loadValues(long[] s, Object[] r, int base, List<ValType> types) {
    Value[] values = new Value[types.size()];
    int at = base;
    for (int i = 0; i < values.length; i++) {
      ValType t = types.get(i);
      if (t == ValType.V128) {
        values[i] = Value.v128(s[at], s[at + 1]);
        at += 2;
      } else {
        values[i] = Value.ofRaw(t, s[at], r[at]);
        at++;
      }
    }
    return values;
  }

  /**
   * Zeroes a new frame's declared locals and writes its constants into their slots (see {@link
   * CompiledFunction#constants}).
   */
  static void initLocals(long[] s, Object[] r, int fp, CompiledFunction c) {
    int from = fp + c.numParams;
    int to = fp + c.numLocals;
    for (int i = from; i < to; i++) {
      s[i] = 0;
    }
    if (c.hasRefLocals) {
      for (int i = from; i < to; i++) {
        r[i] = null;
      }
    }
    long[] constants = c.constants;
    if (constants.length > 0) {
      System.arraycopy(constants, 0, s, to, constants.length);
    }
  }

  /**
   * Enters wasm function code {@code callee} whose arguments are in the slots from {@code base}:
   * suspends the caller ({@code caller} at {@code pc} with frame {@code fp}) and returns the
   * callee's frame pointer, {@code base}. Checks the call depth and stack room before changing
   * anything, so a trap here leaves the caller as the innermost frame.
   */
  static int enter(
      Machine m, WasmFunction caller, int pc, int fp, int base, CompiledFunction callee) {
    if (m.depth + 1 >= m.maxDepth) {
      throw new TrapSignal(TrapKind.CALL_STACK_EXHAUSTED);
    }
    // Function entry polls for interruption, so unbounded recursion without loops stops too.
    InterruptPolls.poll(caller.instance.state);
    m.ensureStack(base + callee.maxHeight);
    m.pushFrame(caller, pc, fp);
    initLocals(m.stack, m.refs, base, callee);
    return base;
  }

  /**
   * The function {@code call_indirect} calls (spec 4.4.8.8): element {@code index} of table {@code
   * table}, which must exist, be non-null and have exactly the expected type.
   */
  static FunctionHandle resolveIndirect(
      ModuleInstance inst, int expectedTypeId, int table, long index) {
    FunctionHandle f = inst.tables[table].functionForCall(index & U32);
    if (f.typeId != expectedTypeId) {
      throw new TrapSignal(TrapKind.INDIRECT_CALL_TYPE_MISMATCH);
    }
    return f;
  }

  /**
   * Calls host function {@code h} with the arguments in the slots from {@code base}, and leaves its
   * results there. The calling frame is suspended meanwhile, so that wasm code the host calls back
   * into counts towards the call depth and runs above it on the stack.
   */
  static void callHost(
      Machine m, HostFunctionHandle h, int base, WasmFunction caller, int pc, int fp) {
    FuncType type = h.type();
    int sp = base + slots(type.params());
    Value[] args = loadValues(m.stack, m.refs, base, type.params());
    int depth = m.depth;
    int top = m.top;
    m.pushFrame(caller, pc, fp);
    m.top = sp;
    Value[] results;
    try {
      results = h.invoke(caller.instance.caller, args);
    } finally {
      m.depth = depth;
      m.top = top;
    }
    // A host call that an interruption woke must not let the guest carry on.
    caller.instance.state.checkInterrupt();
    // The callee may have grown the stacks; the caller's frame already has room for the results.
    storeValues(m.stack, m.refs, base, type.results(), results);
  }

  // ---- the compiler tier (see internal/compiler/TierBridge) ----

  /**
   * Calls {@code callee}'s compiled code, if it has some, with the arguments in the slots from
   * {@code base}, and leaves its results there; returns false if it has none (interpret it then).
   * The calling frame is suspended as for a host call.
   */
  static boolean callCompiled(
      Machine m, WasmFunction callee, int base, WasmFunction caller, int pc, int fp) {
    int sp = base + slots(callee.type().params());
    int depth = m.depth;
    int top = m.top;
    m.pushFrame(caller, pc, fp);
    m.top = sp;
    TierBridge.RawFrame results;
    try {
      results = TierBridge.callCompiled(callee, m.stack, m.refs, base, m.maxDepth - m.depth);
    } finally {
      m.depth = depth;
      m.top = top;
    }
    if (results == null) {
      return false;
    }
    results.copyTo(m.stack, m.refs, base);
    return true;
  }

  /**
   * At a hot loop header of {@code fn} whose operands end at slot {@code sp}: if it has compiled
   * code that can enter this loop, runs the rest of the call there (on-stack replacement) and
   * leaves the results at the frame's operand base; returns whether it did.
   *
   * <p>Compiled code expects the loop's operands right after the locals, where the interpreter
   * keeps the function's constants ({@link CompiledFunction#constants}): operands, if any, move
   * down for the call and back (with the constants restored) if compiled code cannot enter.
   */
  static boolean onStackReplace(Machine m, WasmFunction fn, int loop, int fp, int sp) {
    CompiledFunction c = fn.compiled;
    int operands = sp - (fp + c.operandBase);
    boolean shift = operands > 0 && c.constants.length > 0;
    if (shift) {
      moveSlots(m, fp + c.operandBase, fp + c.numLocals, operands);
    }
    int depth = m.depth;
    int top = m.top;
    m.pushFrame(fn, 0, fp);
    m.top = sp;
    TierBridge.RawFrame results;
    try {
      results = TierBridge.onStackReplace(fn, loop, m.stack, m.refs, fp, m.maxDepth - depth);
    } finally {
      m.depth = depth;
      m.top = top;
    }
    if (results == null) {
      if (shift) {
        moveSlots(m, fp + c.numLocals, fp + c.operandBase, operands);
        System.arraycopy(c.constants, 0, m.stack, fp + c.numLocals, c.constants.length);
      }
      return false;
    }
    results.copyTo(m.stack, m.refs, fp + c.operandBase);
    return true;
  }

  private static void moveSlots(Machine m, int from, int to, int n) {
    System.arraycopy(m.stack, from, m.stack, to, n);
    System.arraycopy(m.refs, from, m.refs, to, n);
  }

  static void dataDrop(ModuleInstance inst, int index) {
    inst.datas[index] = DROPPED_DATA;
  }

  static void elemDrop(ModuleInstance inst, int index) {
    inst.elements[index] = DROPPED_ELEMENTS;
  }

  /** {@code table.init}: operands (destination, source, count) at {@code s[sp..sp+2]}. */
  static void tableInit(ModuleInstance inst, int elem, int table, long[] s, int sp) {
    inst.tables[table].init(s[sp] & U32, inst.elements[elem], s[sp + 1] & U32, s[sp + 2] & U32);
  }

  /** {@code table.copy}: operands (destination, source, count) at {@code s[sp..sp+2]}. */
  static void tableCopy(ModuleInstance inst, int dst, int src, long[] s, int sp) {
    TableInstance.copy(
        inst.tables[dst], s[sp] & U32, inst.tables[src], s[sp + 1] & U32, s[sp + 2] & U32);
  }

  // ---- backtraces ----

  /**
   * The frames of one {@link Interpreter#execute}: the running function at {@code pc}, then the
   * suspended callers down to {@code entryDepth}, innermost first.
   */
  static List<Trap.FrameInfo> backtrace(Machine m, int entryDepth, WasmFunction current, int pc) {
    List<Trap.FrameInfo> frames = new ArrayList<>();
    frames.add(frame(current, pc));
    for (int d = m.depth - 1; d >= entryDepth; d--) {
      frames.add(frame(m.frameFunctions[d], m.framePcs[d]));
    }
    return frames;
  }

  /** The frame of {@code f} whose next instruction is at {@code pc}: it is in the one before. */
  private static Trap.FrameInfo frame(WasmFunction f, int pc) {
    CompiledFunction c = f.compiled;
    int offset = c == null ? -1 : c.sourceOffset(pc - 1);
    ModuleInstance inst = f.instance;
    return new Trap.FrameInfo(
        inst.module().names().moduleName(), f.index, inst.functionName(f.index), offset);
  }
}
