package dev.cortado.runtime.internal.compiler;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.cortado.wasm.ValType;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;

/**
 * The code around chunk methods (see {@link FunctionSplitter}): their descriptor and prologue, the
 * call in the method that contains the chunk, and the chunk's exits.
 *
 * <p>A chunk's parameters are its stack inputs, then the function's frame ({@link SplitFrame}: the
 * wasm locals live there, not in parameters), then fuel and the instance; past {@link #MAX_ARGS}
 * inputs (or the JVM's 255 argument slots), the rest travel through the spill carrier. It returns
 * an exit code; at every exit it stores, in the spill carrier, the values the exit carries (its
 * outputs, the function's results, or the branch values).
 */
final class SplitEmitter {
  private static final ClassDesc CD_SplitOps = ClassDesc.of(SplitOps.class.getName());
  private static final MethodTypeDesc SPILL =
      MethodTypeDesc.of(JvmTypes.CD_MultiValue, JvmTypes.CD_CompiledInstance, CD_int);

  /** Argument slots left for inputs: 255 minus the frame's two arrays, fuel and the instance. */
  private static final int MAX_SLOTS = JvmTypes.MAX_ARG_SLOTS - 4;

  /**
   * Arguments left for inputs: 32 minus the frame's two arrays, fuel and the instance. C2 refuses
   * to compile a method whose incoming and outgoing arguments on the machine stack take more than
   * 64 slots together ("COMPILE SKIPPED: unsupported calling sequence"; on x86-64 the first six
   * integer and eight floating-point arguments travel in registers, the rest on the stack), and the
   * method then runs C1's code for good: in SQLite's VDBE function, 21 chunks of about 50 arguments
   * that called each other did, when chunks took their locals as arguments. At 32 arguments, a
   * chunk calling a chunk stays under the limit.
   */
  private static final int MAX_ARGS = 28;

  private SplitEmitter() {}

  /** How many of {@code entries} are passed as parameters (the rest go through the spill). */
  private static int direct(List<ValType> entries) {
    int slots = 0;
    int args = 0;
    for (int i = 0; i < entries.size(); i++) {
      slots += JvmTypes.slotSize(entries.get(i));
      args += JvmTypes.descCount(entries.get(i));
      if (slots > MAX_SLOTS || args > MAX_ARGS) {
        return i;
      }
    }
    return entries.size();
  }

  static MethodTypeDesc descriptor(FunctionSplitter.Chunk c, SplitFrame frame) {
    List<ValType> entries = c.inputs;
    int direct = direct(entries);
    List<ClassDesc> params = new ArrayList<>();
    if (c.entries != null) {
      params.add(CD_int); // the entry
    }
    for (int i = 0; i < direct; i++) {
      JvmTypes.addDescs(params, entries.get(i));
    }
    frame.addParams(params);
    params.add(CD_int);
    params.add(JvmTypes.CD_CompiledInstance);
    return MethodTypeDesc.of(CD_int, params);
  }

  /**
   * Assigns the chunk method's slots: the stack inputs become operand stack entries living in their
   * parameters (those beyond the parameters are loaded from the spill carrier); the locals it uses
   * live in the frame.
   */
  static void assignChunkSlots(FunctionCompiler fc, FunctionSplitter.Chunk c) {
    List<ValType> entries = c.inputs;
    int direct = direct(entries);
    int[] entrySlots = new int[entries.size()];
    int slot = c.entries != null ? 1 : 0;
    for (int i = 0; i < direct; i++) {
      entrySlots[i] = slot;
      slot += JvmTypes.stackSlotSize(entries.get(i));
    }
    SplitFrame frame = fc.frame();
    int longs = frame.longs > 0 ? slot++ : -1;
    int refs = frame.refs > 0 ? slot++ : -1;
    int[] localSlots = new int[fc.localTypes().size()];
    java.util.Arrays.fill(localSlots, -1);
    int ctx = slot + 1;
    fc.setLocalSlots(localSlots, longs, refs, slot, ctx);
    CodeBuilder cb = fc.cb();
    for (int i = 0; i < direct; i++) {
      ValType t = entries.get(i);
      if (t == ValType.V128 && JvmTypes.VECTORS) {
        // Passed as a vector (its form on the JVM stack); locals hold it flat (see JvmTypes).
        int flat = JvmTypes.allocate(cb, t);
        cb.aload(entrySlots[i]);
        JvmTypes.store(cb, t, flat);
        entrySlots[i] = flat;
      }
    }
    for (int i = direct; i < entries.size(); i++) {
      ValType t = entries.get(i);
      entrySlots[i] = JvmTypes.allocate(cb, t);
      cb.aload(ctx);
      cb.getfield(JvmTypes.CD_CompiledInstance, "spill", JvmTypes.CD_MultiValue);
      cb.loadConstant(i - direct);
      get(cb, t);
      JvmTypes.store(cb, t, entrySlots[i]);
    }
    for (int i = 0; i < entries.size(); i++) {
      fc.stack().pushAt(entries.get(i), entrySlots[i]);
    }
    if (c.cached) {
      for (int l : c.locals) {
        localSlots[l] = JvmTypes.allocate(cb, fc.localTypes().get(l));
      }
      loadFromFrame(fc, c.locals);
    }
  }

  /** Stores wasm locals {@code locals} from their JVM locals into the frame. */
  private static void storeToFrame(FunctionCompiler fc, int[] locals) {
    CodeBuilder cb = fc.cb();
    for (int l : locals) {
      ValType t = fc.localTypes().get(l);
      JvmTypes.load(cb, t, fc.localSlots()[l]);
      fc.frame().store(cb, t, l, fc.longsSlot(), fc.refsSlot());
    }
  }

  /** Loads wasm locals {@code locals} from the frame into their JVM locals. */
  private static void loadFromFrame(FunctionCompiler fc, int[] locals) {
    CodeBuilder cb = fc.cb();
    for (int l : locals) {
      ValType t = fc.localTypes().get(l);
      fc.frame().load(cb, t, l, fc.longsSlot(), fc.refsSlot());
      JvmTypes.store(cb, t, fc.localSlots()[l]);
    }
  }

  /**
   * In switch chunk {@code c} (see FunctionSplitter#reduceSwitch): jumps to the entry its first
   * parameter names, entry k > 0 being the end of the k-th enclosing block from the innermost.
   */
  static void enterAtEntry(FunctionCompiler fc, FunctionSplitter.Chunk c) {
    if (c.entries == null || c.entries.length == 1) {
      return;
    }
    CodeBuilder cb = fc.cb();
    Label start = cb.newLabel();
    List<SwitchCase> cases = new ArrayList<>();
    for (int k = 1; k < c.entries.length; k++) {
      cases.add(SwitchCase.of(k, fc.frameLabel(k - 1)));
    }
    cb.iload(0);
    cb.tableswitch(1, c.entries.length - 1, start, cases);
    cb.labelBinding(start);
  }

  /**
   * In the method holding the blocks of a switch: the code standing for switch chunk {@code child},
   * from its start to its end. At each of its entries (its start, and after the ends of the blocks
   * it spans, which are translated here), the entry's number goes to a local and a jump leads to
   * the one call of the chunk.
   */
  private static void callSwitch(FunctionCompiler fc, FunctionSplitter.Chunk child) {
    CodeBuilder cb = fc.cb();
    int entry = fc.allocateLocal(TypeKind.INT);
    Label call = cb.newLabel();
    boolean entered = false;
    for (int k = 0; k < child.entries.length; k++) {
      if (k > 0) {
        fc.endBeforeChunk(child.entries[k] - 1);
      }
      if (fc.reachable()) {
        if (fc.stack().jvmCount() != 0) {
          throw new IllegalStateException("operands on the JVM stack at a switch chunk's entry");
        }
        cb.loadConstant(k);
        cb.istore(entry);
        cb.goto_(call);
        fc.setReachable(false);
        entered = true;
      }
    }
    if (!entered) {
      return; // nothing enters it: it stays unreachable
    }
    cb.labelBinding(call);
    cb.iload(entry);
    invoke(fc, child, 0);
  }

  /** Emits the call of chunk {@code child} and performs the exit it returns. */
  static void call(FunctionCompiler fc, FunctionSplitter.Chunk child) {
    if (child.entries != null) {
      callSwitch(fc, child);
      return;
    }
    OperandStack stack = fc.stack();
    CodeBuilder cb = fc.cb();
    List<ValType> entries = child.inputs;
    int direct = direct(entries);
    int inputs = entries.size();
    stack.materialize(inputs);
    if (direct < inputs) {
      int spill = fc.allocateLocal(TypeKind.REFERENCE);
      cb.aload(fc.ctxSlot());
      cb.loadConstant(inputs - direct);
      cb.invokestatic(CD_SplitOps, "spill", SPILL);
      cb.astore(spill);
      for (int i = inputs - 1; i >= direct; i--) {
        cb.aload(spill);
        cb.loadConstant(i - direct);
        put(cb, entries.get(i));
      }
    }
    invoke(fc, child, inputs);
  }

  /** Calls {@code child}, its {@code inputs} pushed, and performs the exit it returns. */
  private static void invoke(FunctionCompiler fc, FunctionSplitter.Chunk child, int inputs) {
    CodeBuilder cb = fc.cb();
    SplitFrame frame = fc.frame();
    // Only the function's own method may cache and call chunks: a caching chunk calls none.
    boolean copies = fc.cachesFrameLocals();
    if (copies) {
      storeToFrame(fc, child.storedBeforeCall);
    }
    if (frame.longs > 0) {
      cb.aload(fc.longsSlot());
    }
    if (frame.refs > 0) {
      cb.aload(fc.refsSlot());
    }
    cb.iload(fc.fuelSlot());
    cb.aload(fc.ctxSlot());
    cb.lineNumber(Backtraces.NO_FRAME); // the chunk records the function's frame
    cb.invokestatic(
        fc.classContext().owner(), child.methodName(fc.funcIndex()), descriptor(child, frame));
    if (child.growsMemory) {
      fc.refreshMemory();
    }
    if (copies) {
      loadFromFrame(fc, child.loadedAfterCall);
    }
    fc.stack().pop(inputs);
    int carrier = -1;
    if (carriesValues(fc, child)) {
      carrier = fc.allocateLocal(TypeKind.REFERENCE);
      cb.aload(fc.ctxSlot());
      cb.getfield(JvmTypes.CD_CompiledInstance, "spill", JvmTypes.CD_MultiValue);
      cb.astore(carrier);
    }
    dispatch(fc, child, carrier);
  }

  /** Whether any way out of {@code child} carries values (in the spill carrier). */
  private static boolean carriesValues(FunctionCompiler fc, FunctionSplitter.Chunk child) {
    if (child.fallsThrough && !child.outputs.isEmpty()) {
      return true;
    }
    if (child.returns && !resultTypes(fc).isEmpty()) {
      return true;
    }
    for (int target : child.exits) {
      if (!fc.branchTypes(target).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Branches on the exit code on the JVM stack; continues with the fall-through. */
  private static void dispatch(FunctionCompiler fc, FunctionSplitter.Chunk child, int carrier) {
    OperandStack stack = fc.stack();
    CodeBuilder cb = fc.cb();
    boolean others = child.returns || child.exits.length > 0;
    if (!others) {
      cb.pop();
    } else {
      Label fall = cb.newLabel();
      List<SwitchCase> cases = new ArrayList<>();
      List<Runnable> stubs = new ArrayList<>();
      OperandStack.Snapshot saved = stack.snapshot();
      if (child.returns) {
        Label l = cb.newLabel();
        cases.add(SwitchCase.of(FunctionSplitter.RETURN, l));
        stubs.add(
            () -> {
              cb.labelBinding(l);
              stack.restore(saved);
              pushFromCarrier(fc, carrier, resultTypes(fc));
              fc.emitReturn();
            });
      }
      for (int target : child.exits) {
        Label l = cb.newLabel();
        cases.add(SwitchCase.of(FunctionSplitter.BRANCH + target, l));
        stubs.add(
            () -> {
              cb.labelBinding(l);
              stack.restore(saved);
              pushFromCarrier(fc, carrier, fc.branchTypes(target));
              fc.branchTo(target);
            });
      }
      cb.lookupswitch(child.fallsThrough ? fall : cases.getFirst().target(), cases);
      for (Runnable stub : stubs) {
        stub.run();
      }
      stack.restore(saved);
      cb.labelBinding(fall);
    }
    if (child.fallsThrough) {
      pushFromCarrier(fc, carrier, child.outputs);
      fc.setReachable(true);
    } else {
      fc.setReachable(false);
    }
  }

  private static List<ValType> resultTypes(FunctionCompiler fc) {
    return fc.branchTypes(0);
  }

  private static void pushFromCarrier(FunctionCompiler fc, int carrier, List<ValType> types) {
    CodeBuilder cb = fc.cb();
    for (int i = 0; i < types.size(); i++) {
      cb.aload(carrier);
      cb.loadConstant(i);
      get(cb, types.get(i));
      fc.stack().push(types.get(i));
    }
  }

  /**
   * Leaves the chunk method with exit {@code code}: the top {@code n} operands go to the spill
   * carrier, then the method returns the code (other values left on the JVM stack are discarded by
   * the return).
   */
  static void exit(FunctionCompiler fc, int code, int n) {
    OperandStack stack = fc.stack();
    CodeBuilder cb = fc.cb();
    stack.materialize(n);
    if (n > 0) {
      int carrier = fc.exitCarrier();
      cb.aload(fc.ctxSlot());
      cb.loadConstant(n);
      cb.invokestatic(CD_SplitOps, "spill", SPILL);
      cb.astore(carrier);
      for (int j = n - 1; j >= 0; j--) {
        ValType t = stack.type(stack.size() - 1);
        cb.aload(carrier);
        cb.loadConstant(j);
        put(cb, t);
        stack.pop(1);
      }
    }
    if (fc.chunk().cached) {
      // The common exit is a join point: the JVM stack must be empty on every way in.
      stack.discardJvm(stack.jvmCount());
      cb.loadConstant(code);
      cb.istore(fc.scratchInt());
      cb.goto_(fc.chunkExit());
    } else {
      cb.loadConstant(code);
      cb.ireturn();
    }
  }

  /**
   * The exit of a chunk that keeps its locals in JVM locals: stores the ones it wrote that are live
   * after it into the frame and returns the exit code, which every exit left in the scratch local.
   */
  static void emitCommonExit(FunctionCompiler fc, Label exit) {
    CodeBuilder cb = fc.cb();
    cb.labelBinding(exit);
    storeToFrame(fc, fc.chunk().storedAtExit);
    cb.iload(fc.scratchInt());
    cb.ireturn();
  }

  /** {@code MultiValue.putX(value, carrier, index)} with value, carrier and index pushed. */
  private static void put(CodeBuilder cb, ValType t) {
    if (t == ValType.V128 && JvmTypes.VECTORS) {
      cb.invokestatic(
          JvmTypes.CD_VectorValues,
          "put",
          MethodTypeDesc.of(CD_void, JvmTypes.CD_Vector, JvmTypes.CD_MultiValue, CD_int));
      return;
    }
    if (t == ValType.V128) {
      cb.invokestatic(JvmTypes.CD_MultiValue, "putV128", PUT_V128);
      return;
    }
    cb.invokestatic(JvmTypes.CD_MultiValue, PUT_NAMES.get(t), PUT_DESCS.get(t));
  }

  // MultiValue's put and get methods by type, made once (their descriptors are built on use).
  private static final MethodTypeDesc PUT_V128 =
      MethodTypeDesc.of(CD_void, CD_long, CD_long, JvmTypes.CD_MultiValue, CD_int);
  private static final MethodTypeDesc GET_HALF =
      MethodTypeDesc.of(CD_long, JvmTypes.CD_MultiValue, CD_int);
  private static final java.util.Map<ValType, String> PUT_NAMES =
      new java.util.EnumMap<>(ValType.class);
  private static final java.util.Map<ValType, String> GET_NAMES =
      new java.util.EnumMap<>(ValType.class);
  private static final java.util.Map<ValType, MethodTypeDesc> PUT_DESCS =
      new java.util.EnumMap<>(ValType.class);
  private static final java.util.Map<ValType, MethodTypeDesc> GET_DESCS =
      new java.util.EnumMap<>(ValType.class);

  static {
    for (ValType t : ValType.values()) {
      if (t != ValType.V128) {
        PUT_NAMES.put(t, "put" + FunctionCompiler.suffix(t));
        GET_NAMES.put(t, "get" + FunctionCompiler.suffix(t));
        PUT_DESCS.put(
            t, MethodTypeDesc.of(CD_void, JvmTypes.desc(t), JvmTypes.CD_MultiValue, CD_int));
        GET_DESCS.put(t, MethodTypeDesc.of(JvmTypes.desc(t), JvmTypes.CD_MultiValue, CD_int));
      }
    }
  }

  /** {@code MultiValue.getX(carrier, index)} with carrier and index pushed. */
  private static void get(CodeBuilder cb, ValType t) {
    if (t == ValType.V128 && JvmTypes.VECTORS) {
      cb.invokestatic(
          JvmTypes.CD_VectorValues,
          "get",
          MethodTypeDesc.of(JvmTypes.CD_Vector, JvmTypes.CD_MultiValue, CD_int));
      return;
    }
    if (t == ValType.V128) {
      // carrier, index -> low half, then high half on top.
      MethodTypeDesc half = GET_HALF;
      cb.dup2();
      cb.invokestatic(JvmTypes.CD_MultiValue, "getV128Low", half);
      cb.dup2_x2();
      cb.pop2();
      cb.invokestatic(JvmTypes.CD_MultiValue, "getV128High", half);
      return;
    }
    cb.invokestatic(JvmTypes.CD_MultiValue, GET_NAMES.get(t), GET_DESCS.get(t));
  }
}
