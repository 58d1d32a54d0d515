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
 * <p>A chunk's parameters are its stack inputs, then the wasm locals it uses, then fuel and the
 * instance; past {@link #MAX_ARGS} arguments (or the JVM's 255 argument slots), the rest travel
 * through the spill carrier. It returns an exit code; at every exit it stores, in the spill
 * carrier, the locals it wrote ({@link FunctionSplitter.Chunk#written}, in order) followed by the
 * values the exit carries (its outputs, the function's results, or the branch values).
 */
final class SplitEmitter {
  private static final ClassDesc CD_SplitOps = ClassDesc.of(SplitOps.class.getName());
  private static final MethodTypeDesc SPILL =
      MethodTypeDesc.of(JvmTypes.CD_MultiValue, JvmTypes.CD_CompiledInstance, CD_int);

  /** Argument slots left for inputs and locals: 255 minus fuel and the instance. */
  private static final int MAX_SLOTS = JvmTypes.MAX_ARG_SLOTS - 2;

  /**
   * Arguments left for inputs and locals: 32 minus fuel and the instance. C2 refuses to compile a
   * method whose incoming and outgoing arguments on the machine stack take more than 64 slots
   * together ("COMPILE SKIPPED: unsupported calling sequence"; on x86-64 the first six integer and
   * eight floating-point arguments travel in registers, the rest on the stack), and the method then
   * runs C1's code for good: in SQLite's VDBE function, 21 chunks of about 50 arguments that call
   * each other did. At 32 arguments, a chunk calling a chunk stays under the limit.
   */
  private static final int MAX_ARGS = 30;

  private SplitEmitter() {}

  /** The types a chunk takes: its stack inputs, then the locals it uses. */
  private static List<ValType> entries(FunctionSplitter.Chunk c, List<ValType> localTypes) {
    List<ValType> all = new ArrayList<>(c.inputs);
    for (int l : c.locals) {
      all.add(localTypes.get(l));
    }
    return all;
  }

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

  static MethodTypeDesc descriptor(FunctionSplitter.Chunk c, List<ValType> localTypes) {
    List<ValType> entries = entries(c, localTypes);
    int direct = direct(entries);
    List<ClassDesc> params = new ArrayList<>();
    for (int i = 0; i < direct; i++) {
      JvmTypes.addDescs(params, entries.get(i));
    }
    params.add(CD_int);
    params.add(JvmTypes.CD_CompiledInstance);
    return MethodTypeDesc.of(CD_int, params);
  }

  /**
   * Assigns the chunk method's slots: the stack inputs become operand stack entries living in their
   * parameters, the locals it uses live in theirs; entries beyond the parameters are loaded from
   * the spill carrier.
   */
  static void assignChunkSlots(FunctionCompiler fc, FunctionSplitter.Chunk c) {
    List<ValType> localTypes = fc.localTypes();
    List<ValType> entries = entries(c, localTypes);
    int direct = direct(entries);
    int[] entrySlots = new int[entries.size()];
    int slot = 0;
    for (int i = 0; i < direct; i++) {
      entrySlots[i] = slot;
      slot += JvmTypes.stackSlotSize(entries.get(i));
    }
    int[] localSlots = new int[localTypes.size()];
    java.util.Arrays.fill(localSlots, -1);
    int ctx = slot + 1;
    fc.setLocalSlots(localSlots, slot, ctx);
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
    int inputs = c.inputs.size();
    for (int i = 0; i < inputs; i++) {
      fc.stack().pushAt(entries.get(i), entrySlots[i]);
    }
    for (int k = 0; k < c.locals.length; k++) {
      localSlots[c.locals[k]] = entrySlots[inputs + k];
    }
  }

  /** Emits the call of chunk {@code child} and performs the exit it returns. */
  static void call(FunctionCompiler fc, FunctionSplitter.Chunk child) {
    OperandStack stack = fc.stack();
    CodeBuilder cb = fc.cb();
    List<ValType> entries = entries(child, fc.localTypes());
    int direct = direct(entries);
    int inputs = child.inputs.size();
    int[] localSlots = fc.localSlots();
    stack.materialize(inputs);
    int spill = -1;
    if (direct < entries.size()) {
      spill = fc.allocateLocal(TypeKind.REFERENCE);
      cb.aload(fc.ctxSlot());
      cb.loadConstant(entries.size() - direct);
      cb.invokestatic(CD_SplitOps, "spill", SPILL);
      cb.astore(spill);
      for (int i = inputs - 1; i >= direct; i--) {
        cb.aload(spill);
        cb.loadConstant(i - direct);
        put(cb, entries.get(i));
      }
    }
    for (int k = 0; k < child.locals.length; k++) {
      int i = inputs + k;
      ValType t = entries.get(i);
      JvmTypes.load(cb, t, localSlots[child.locals[k]]);
      if (i >= direct) {
        cb.aload(spill);
        cb.loadConstant(i - direct);
        put(cb, t);
      }
    }
    cb.iload(fc.fuelSlot());
    cb.aload(fc.ctxSlot());
    cb.loadConstant(Unwind.IN_SPLIT_METHOD);
    cb.istore(fc.posSlot());
    cb.invokestatic(
        fc.classContext().owner(),
        child.methodName(fc.funcIndex()),
        descriptor(child, fc.localTypes()));
    stack.pop(inputs);
    int carrier = fc.allocateLocal(TypeKind.REFERENCE);
    cb.aload(fc.ctxSlot());
    cb.getfield(JvmTypes.CD_CompiledInstance, "spill", JvmTypes.CD_MultiValue);
    cb.astore(carrier);
    for (int k = 0; k < child.written.length; k++) {
      int local = child.written[k];
      ValType t = fc.localTypes().get(local);
      cb.aload(carrier);
      cb.loadConstant(k);
      get(cb, t);
      JvmTypes.store(cb, t, localSlots[local]);
    }
    dispatch(fc, child, carrier);
  }

  /** Branches on the exit code on the JVM stack; continues with the fall-through. */
  private static void dispatch(FunctionCompiler fc, FunctionSplitter.Chunk child, int carrier) {
    OperandStack stack = fc.stack();
    CodeBuilder cb = fc.cb();
    int w = child.written.length;
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
              pushFromCarrier(fc, carrier, w, resultTypes(fc));
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
              pushFromCarrier(fc, carrier, w, fc.branchTypes(target));
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
      pushFromCarrier(fc, carrier, w, child.outputs);
      fc.setReachable(true);
    } else {
      fc.setReachable(false);
    }
  }

  private static List<ValType> resultTypes(FunctionCompiler fc) {
    return fc.branchTypes(0);
  }

  private static void pushFromCarrier(
      FunctionCompiler fc, int carrier, int from, List<ValType> types) {
    CodeBuilder cb = fc.cb();
    for (int i = 0; i < types.size(); i++) {
      cb.aload(carrier);
      cb.loadConstant(from + i);
      get(cb, types.get(i));
      fc.stack().push(types.get(i));
    }
  }

  /**
   * Leaves the chunk method with exit {@code code}: the top {@code n} operands go to the spill
   * carrier, after the written locals' places; then the exit jumps to the method's common exit
   * ({@link #emitCommonExit}), which stores the written locals once for all exits.
   */
  static void exit(FunctionCompiler fc, FunctionSplitter.Chunk c, int code, int n) {
    OperandStack stack = fc.stack();
    CodeBuilder cb = fc.cb();
    FunctionCompiler.ChunkExit e = fc.chunkExit();
    stack.materialize(n);
    int w = c.written.length;
    cb.aload(fc.ctxSlot());
    cb.loadConstant(w + n);
    cb.invokestatic(CD_SplitOps, "spill", SPILL);
    cb.astore(e.carrier());
    for (int j = n - 1; j >= 0; j--) {
      ValType t = stack.type(stack.size() - 1);
      cb.aload(e.carrier());
      cb.loadConstant(w + j);
      put(cb, t);
      stack.pop(1);
    }
    // The common exit is a join point: the JVM stack must be empty on every way in.
    stack.discardJvm(stack.jvmCount());
    cb.loadConstant(code);
    cb.istore(e.code());
    cb.goto_(e.label());
  }

  /** The common exit: stores the locals the chunk wrote and returns the exit code. */
  static void emitCommonExit(
      FunctionCompiler fc, FunctionSplitter.Chunk c, FunctionCompiler.ChunkExit e) {
    CodeBuilder cb = fc.cb();
    cb.labelBinding(e.label());
    int[] localSlots = fc.localSlots();
    for (int k = 0; k < c.written.length; k++) {
      ValType t = fc.localTypes().get(c.written[k]);
      JvmTypes.load(cb, t, localSlots[c.written[k]]);
      cb.aload(e.carrier());
      cb.loadConstant(k);
      put(cb, t);
    }
    cb.iload(e.code());
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
