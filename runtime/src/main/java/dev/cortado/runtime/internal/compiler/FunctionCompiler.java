package dev.cortado.runtime.internal.compiler;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_Throwable;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.cortado.runtime.internal.TrapSignal;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.BlockType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates one validated wasm function into the body of one JVM method, in a single pass over the
 * flat instructions with a stack of control frames (as the validator's algorithm, spec appendix
 * "validation algorithm"). Wasm locals are JVM locals; operands live on the JVM operand stack where
 * they can ({@link OperandStack}); unreachable code is not emitted.
 *
 * <p>Every method records, in a local {@code pos}, the ordinal of the instruction it executes when
 * that instruction can trap or call, and has one exception handler over its whole body that appends
 * the wasm frame to the unwinding trap ({@link Unwind}).
 *
 * <p>With {@code osr} set, the method is the function's on-stack-replacement entry: it takes the
 * interpreter's frame (value stack, frame pointer, loop ordinal), loads the locals and the operand
 * stack from it and jumps to the header of that loop.
 */
final class FunctionCompiler {
  private static final int BLOCK = 0;
  private static final int LOOP = 1;
  private static final int IF = 2;
  private static final int FUNCTION = 3;
  private static final int DEAD = 4;

  /** In a chunk method: an enclosing frame outside the chunk; branching to it exits the method. */
  private static final int EXIT = 5;

  /** Method ids: the function's method, its OSR entry, chunk {@code id} is {@code CHUNK + id}. */
  static final int MAIN = 0;

  static final int OSR = 1;
  static final int CHUNK = 2;

  static final ClassDesc CD_MemoryOps = ClassDesc.of(MemoryOps.class.getName());
  static final ClassDesc CD_TableOps = ClassDesc.of(TableOps.class.getName());
  static final ClassDesc CD_Ops = ClassDesc.of(Ops.class.getName());
  static final ClassDesc CD_Unwind = ClassDesc.of(Unwind.class.getName());
  static final ClassDesc CD_MemorySegment = ClassDesc.of("java.lang.foreign.MemorySegment");
  static final ClassDesc CD_FunctionHandle =
      ClassDesc.of("dev.cortado.runtime.internal.FunctionHandle");
  private static final ClassDesc CD_TrapSignal = ClassDesc.of(TrapSignal.class.getName());
  private static final ClassDesc CD_Float = ClassDesc.of("java.lang.Float");
  private static final ClassDesc CD_Double = ClassDesc.of("java.lang.Double");
  private static final ClassDesc CD_Linker = ClassDesc.of(CallLinker.class.getName());
  private static final ClassDesc CD_SplitOps = ClassDesc.of(SplitOps.class.getName());

  /** A br_table with more entries than this switches through a table (see branchTable). */
  private static final int BIG_BR_TABLE = 64;

  static final DirectMethodHandleDesc BOOTSTRAP =
      MethodHandleDesc.ofMethod(
          DirectMethodHandleDesc.Kind.STATIC,
          CD_Linker,
          "link",
          MethodTypeDesc.of(
              ConstantDescs.CD_CallSite,
              ConstantDescs.CD_MethodHandles_Lookup,
              ConstantDescs.CD_String,
              ConstantDescs.CD_MethodType,
              CD_int));

  /** A control frame (spec 3.3.5 "control stack"), as far as code generation needs it. */
  private static final class Control {
    final int kind;

    /** The operand stack height below the block's parameters. */
    final int height;

    final List<ValType> params;
    final List<ValType> results;

    /** The end label of a block, if or function; the header of a loop. */
    final Label label;

    Label elseLabel;
    boolean hasElse;
    boolean branchedTo;

    /** An if's operand stack at entry (its parameters in their own locals), for its else. */
    OperandStack.Snapshot entry;

    /** Its index in the control stack (the function's frame is 0). */
    int index;

    Control(int kind, int height, List<ValType> params, List<ValType> results, Label label) {
      this.kind = kind;
      this.height = height;
      this.params = params;
      this.results = results;
      this.label = label;
    }

    /** The values a branch to this frame carries (spec 3.3.5 "label types"). */
    List<ValType> branchTypes() {
      return kind == LOOP ? params : results;
    }

    /** Whether a branch to it leaves the method (returns from the function or the chunk). */
    boolean leavesMethod() {
      return kind == FUNCTION || kind == EXIT;
    }
  }

  /** A loop header, for the on-stack-replacement dispatch. */
  private record LoopHeader(int ordinal, Label label, OperandStack.Snapshot stack) {}

  private final ClassContext cc;
  private final WasmModule module;
  private final int funcIndex;
  private final FuncType type;
  private final List<ValType> localTypes = new ArrayList<>();
  private final List<Instruction> body;
  private final boolean osr;
  private final boolean usesMemory;
  private final FunctionSplitter.Plan plan;

  /** The chunk this method is, or null for the function's own method. */
  private final FunctionSplitter.Chunk chunk;

  /** The chunks this method calls, by start index. */
  private final Map<Integer, FunctionSplitter.Chunk> childAt;

  private final int methodId;

  private CodeBuilder cb;
  private int[] localSlots;
  private int fuelSlot;
  private int ctxSlot;
  private int resultCarrierSlot = -1;
  private int multiValueSlot = -1;
  private int posSlot;
  private int segmentSlot = -1;
  private int scratchIntSlot = -1;
  private final int[][] spillSlots = new int[TypeKind.values().length][];

  private final OperandStack stack = new OperandStack(this);
  private final ArrayList<Control> controls = new ArrayList<>();
  private boolean reachable = true;
  private Conditions.Condition fused;
  private int[] sourceOffsets = new int[16];
  private int trapCount;
  private int loopOrdinal;

  /** The index in the body of the instruction being translated. */
  private int current;

  private final List<LoopHeader> loopHeaders = new ArrayList<>();

  FunctionCompiler(ClassContext cc, int funcIndex, boolean osr) {
    this(cc, funcIndex, osr, FunctionSplitter.Plan.NONE, null);
  }

  /**
   * A compiler for function {@code funcIndex} split as {@code plan}: for its own method ({@code
   * chunk} null; its OSR entry if {@code osr}) or for one of its chunks.
   */
  FunctionCompiler(
      ClassContext cc,
      int funcIndex,
      boolean osr,
      FunctionSplitter.Plan plan,
      FunctionSplitter.Chunk chunk) {
    this.plan = plan;
    this.chunk = chunk;
    this.childAt = chunk != null ? chunk.childAt : plan.topChildren();
    this.methodId = chunk != null ? CHUNK + chunk.id : osr ? OSR : MAIN;
    this.cc = cc;
    this.module = cc.module();
    this.funcIndex = funcIndex;
    this.type = module.functionType(funcIndex);
    FunctionDefinition def = module.functions().get(funcIndex - module.importedFunctionCount());
    this.localTypes.addAll(type.params());
    this.localTypes.addAll(def.locals());
    this.body = def.body();
    this.osr = osr;
    this.usesMemory = !module.allMemories().isEmpty() && usesMemory(body);
  }

  private static boolean usesMemory(List<Instruction> body) {
    for (Instruction in : body) {
      Opcode op = in.opcode();
      if (op.immediate() == Opcode.Immediate.MEMARG) {
        return true;
      }
    }
    return false;
  }

  /** Whether every value this function touches has a JVM representation (no v128). */
  static boolean compilable(WasmModule module, int funcIndex) {
    FuncType type = module.functionType(funcIndex);
    if (!JvmTypes.callable(type)) {
      return false;
    }
    FunctionDefinition def = module.functions().get(funcIndex - module.importedFunctionCount());
    if (def.locals().contains(ValType.V128)) {
      return false;
    }
    for (Instruction in : def.body()) {
      if (in.opcode().prefix() == 0xFD) {
        return false;
      }
      if (in.types() != null && in.types().contains(ValType.V128)) {
        return false;
      }
      BlockType bt = in.blockType();
      if (bt != null && bt.valType() == ValType.V128) {
        return false;
      }
    }
    return true;
  }

  /** The method's descriptor: the function's (see {@link JvmTypes}), or the OSR entry's. */
  MethodTypeDesc descriptor() {
    if (chunk != null) {
      return SplitEmitter.descriptor(chunk, localTypes);
    }
    if (!osr) {
      return JvmTypes.functionDesc(type);
    }
    return osrDescriptor(type);
  }

  /** {@code (long[] stack, Object[] refs, int fp, int loop, [MultiValue], int fuel, instance)}. */
  static MethodTypeDesc osrDescriptor(FuncType type) {
    List<ClassDesc> params = new ArrayList<>();
    params.add(CD_long.arrayType());
    params.add(CD_Object.arrayType());
    params.add(CD_int);
    params.add(CD_int);
    if (JvmTypes.hasMultiValue(type)) {
      params.add(JvmTypes.CD_MultiValue);
    }
    params.add(CD_int);
    params.add(JvmTypes.CD_CompiledInstance);
    MethodTypeDesc f = JvmTypes.functionDesc(type);
    return MethodTypeDesc.of(f.returnType(), params);
  }

  /** In an OSR entry: which loops (by ordinal) it can enter (valid after {@link #emit}). */
  boolean[] enterableLoops() {
    boolean[] loops = new boolean[loopOrdinal];
    for (LoopHeader h : loopHeaders) {
      loops[h.ordinal()] = true;
    }
    return loops;
  }

  /**
   * The body index of each recorded instruction, by ordinal (valid after {@link #emit}): indices,
   * not source offsets, so that the tables hold for the module however it was encoded.
   */
  int[] sourceOffsets() {
    return Arrays.copyOf(sourceOffsets, trapCount);
  }

  CodeBuilder cb() {
    return cb;
  }

  // ---- the method ----

  void emit(CodeBuilder code) {
    this.cb = code;
    if (chunk != null) {
      SplitEmitter.assignChunkSlots(this, chunk);
    } else {
      assignSlots();
    }
    posSlot = cb.allocateLocal(TypeKind.INT);
    cb.iconst_m1();
    cb.istore(posSlot);
    Label tryStart = cb.newBoundLabel();
    Label exhausted = cb.newLabel();
    if (chunk == null) {
      // A chunk is part of its function's call: only the function's method counts a call.
      cb.iinc(fuelSlot, -1);
      cb.iload(fuelSlot);
      cb.iflt(exhausted);
    }
    Label osrDispatch = osr ? cb.newLabel() : null;
    if (osr) {
      loadLocalsFromInterpreter();
    } else if (chunk == null) {
      for (int i = type.params().size(); i < localTypes.size(); i++) {
        zero(localTypes.get(i));
        cb.storeLocal(JvmTypes.kind(localTypes.get(i)), localSlots[i]);
      }
    }
    if (usesMemory) {
      segmentSlot = cb.allocateLocal(TypeKind.REFERENCE);
      reloadMemory();
    }
    if (needsMultiValue()) {
      multiValueSlot = cb.allocateLocal(TypeKind.REFERENCE);
      cb.aload(ctxSlot);
      cb.getfield(JvmTypes.CD_CompiledInstance, "multiValue", JvmTypes.CD_MultiValue);
      cb.astore(multiValueSlot);
    }
    if (osr) {
      cb.goto_(osrDispatch);
    }
    int from = 0;
    int to = body.size();
    addControl(new Control(FUNCTION, 0, List.of(), type.results(), cb.newLabel()));
    if (chunk != null) {
      for (int block : chunk.enclosing) {
        BlockType bt = body.get(block).blockType();
        List<ValType> params = blockParams(bt);
        List<ValType> results = blockResults(bt);
        boolean loop = body.get(block).opcode() == Opcode.LOOP;
        // Only the branch types matter: a branch to an exit frame carries them out.
        addControl(new Control(EXIT, -1, loop ? params : results, loop ? params : results, null));
      }
      from = chunk.start;
      to = chunk.end;
    }
    for (int i = from; i < to; i++) {
      Instruction in = body.get(i);
      if (reachable) {
        FunctionSplitter.Chunk child = childAt.get(i);
        if (child != null) {
          SplitEmitter.call(this, child);
          i = child.end - 1;
          continue;
        }
        current = i;
        translate(in, i);
      } else {
        skip(in);
      }
    }
    if (chunk != null) {
      if (reachable) {
        SplitEmitter.exit(this, chunk, FunctionSplitter.FALL_THROUGH, chunk.outputs.size());
      }
      if (controls.size() != chunk.controlDepth) {
        throw new IllegalStateException("chunk of function " + funcIndex + " is not balanced");
      }
    } else if (!controls.isEmpty()) {
      throw new IllegalStateException("function " + funcIndex + " does not end with end");
    }
    cb.labelBinding(exhausted);
    cb.invokestatic(CD_Unwind, "exhausted", MethodTypeDesc.of(CD_TrapSignal));
    cb.athrow();
    if (osr) {
      emitOsrDispatch(osrDispatch);
    }
    Label tryEnd = cb.newBoundLabel();
    Label handler = cb.newBoundLabel();
    cb.iload(posSlot);
    cb.aload(ctxSlot);
    cb.loadConstant(funcIndex);
    cb.loadConstant(methodId);
    cb.invokestatic(
        CD_Unwind,
        "frame",
        MethodTypeDesc.of(
            CD_Throwable, CD_Throwable, CD_int, JvmTypes.CD_CompiledInstance, CD_int, CD_int));
    cb.athrow();
    cb.exceptionCatchAll(tryStart, tryEnd, handler);
  }

  private void addControl(Control c) {
    c.index = controls.size();
    controls.add(c);
  }

  private void assignSlots() {
    localSlots = new int[localTypes.size()];
    int slot = 0;
    if (osr) {
      slot = 4; // long[] stack, Object[] refs, int fp, int loop
    } else {
      for (int i = 0; i < type.params().size(); i++) {
        localSlots[i] = slot;
        slot += JvmTypes.kind(type.params().get(i)).slotSize();
      }
    }
    if (JvmTypes.hasMultiValue(type)) {
      resultCarrierSlot = slot++;
    }
    fuelSlot = slot++;
    ctxSlot = slot;
    int first = osr ? 0 : type.params().size();
    for (int i = first; i < localTypes.size(); i++) {
      localSlots[i] = cb.allocateLocal(JvmTypes.kind(localTypes.get(i)));
    }
  }

  /** Whether the function calls something with several results (so it needs its carrier). */
  private boolean needsMultiValue() {
    for (Instruction in : body) {
      FuncType callee =
          switch (in.opcode()) {
            case CALL -> module.functionType(in.index());
            case CALL_INDIRECT -> module.types().get(in.index());
            default -> null;
          };
      if (callee != null && JvmTypes.hasMultiValue(callee)) {
        return true;
      }
    }
    return false;
  }

  private void zero(ValType t) {
    switch (JvmTypes.kind(t)) {
      case INT -> cb.iconst_0();
      case LONG -> cb.lconst_0();
      case FLOAT -> cb.fconst_0();
      case DOUBLE -> cb.dconst_0();
      default -> cb.aconst_null();
    }
  }

  /** The local reserved for operand stack depth {@code depth} and the JVM type of {@code t}. */
  int spillSlot(int depth, ValType t) {
    TypeKind kind = JvmTypes.kind(t);
    int k = kind.ordinal();
    int[] slots = spillSlots[k];
    if (slots == null || depth >= slots.length) {
      int[] grown = new int[Math.max(depth + 8, slots == null ? 8 : slots.length * 2)];
      Arrays.fill(grown, -1);
      if (slots != null) {
        System.arraycopy(slots, 0, grown, 0, slots.length);
      }
      spillSlots[k] = slots = grown;
    }
    if (slots[depth] < 0) {
      slots[depth] = cb.allocateLocal(kind);
    }
    return slots[depth];
  }

  private int scratchInt() {
    if (scratchIntSlot < 0) {
      scratchIntSlot = cb.allocateLocal(TypeKind.INT);
    }
    return scratchIntSlot;
  }

  /** Records that the next instruction may trap or call: its ordinal goes into {@code pos}. */
  private void setPos(Instruction in) {
    if (trapCount == sourceOffsets.length) {
      sourceOffsets = Arrays.copyOf(sourceOffsets, trapCount * 2);
    }
    sourceOffsets[trapCount] = current;
    cb.loadConstant(trapCount);
    cb.istore(posSlot);
    trapCount++;
  }

  private void reloadMemory() {
    if (segmentSlot >= 0) {
      cb.aload(ctxSlot);
      cb.invokestatic(
          CD_MemoryOps, "view", MethodTypeDesc.of(CD_MemorySegment, JvmTypes.CD_CompiledInstance));
      cb.astore(segmentSlot);
    }
  }

  // ---- instructions ----

  private void translate(Instruction in, int index) {
    Opcode op = in.opcode();
    switch (op) {
      case UNREACHABLE -> {
        setPos(in);
        cb.invokestatic(CD_Unwind, "unreachable", MethodTypeDesc.of(CD_TrapSignal));
        cb.athrow();
        reachable = false;
      }
      case NOP -> {}
      case BLOCK -> enterBlock(BLOCK, in.blockType());
      case LOOP -> enterLoop(in.blockType());
      case IF -> enterIf(in.blockType());
      case ELSE -> elseBranch();
      case END -> end();
      case BR -> {
        Control target = label(in.index());
        target.branchedTo = true;
        transferAndJump(target);
        reachable = false;
      }
      case BR_IF -> branchIf(label(in.index()));
      case BR_TABLE -> branchTable(in);
      case RETURN -> {
        emitReturn();
        reachable = false;
      }
      case CALL -> call(in);
      case CALL_INDIRECT -> callIndirect(in);
      case DROP -> drop();
      case SELECT, SELECT_TYPED -> select();
      case LOCAL_GET -> {
        ValType t = localTypes.get(in.index());
        cb.loadLocal(JvmTypes.kind(t), localSlots[in.index()]);
        stack.push(t);
      }
      case LOCAL_SET -> {
        ValType t = localTypes.get(in.index());
        stack.materialize(1);
        cb.storeLocal(JvmTypes.kind(t), localSlots[in.index()]);
        stack.pop(1);
      }
      case LOCAL_TEE -> {
        ValType t = localTypes.get(in.index());
        stack.materialize(1);
        if (JvmTypes.kind(t).slotSize() == 2) {
          cb.dup2();
        } else {
          cb.dup();
        }
        cb.storeLocal(JvmTypes.kind(t), localSlots[in.index()]);
      }
      case I32_CONST -> {
        cb.loadConstant((int) in.value());
        stack.push(ValType.I32);
      }
      case I64_CONST -> {
        cb.loadConstant(in.value());
        stack.push(ValType.I64);
      }
      case F32_CONST -> {
        f32Const((int) in.value());
        stack.push(ValType.F32);
      }
      case F64_CONST -> {
        f64Const(in.value());
        stack.push(ValType.F64);
      }
      default -> {
        if (Conditions.isComparison(op)) {
          compare(op, index);
        } else if (!AccessEmitter.emit(this, in)) {
          numeric(in);
        }
      }
    }
  }

  /** Skips an instruction of unreachable code, keeping track of the block structure. */
  private void skip(Instruction in) {
    switch (in.opcode()) {
      case BLOCK, LOOP, IF -> {
        if (in.opcode() == Opcode.LOOP) {
          loopOrdinal++;
        }
        addControl(new Control(DEAD, stack.size(), List.of(), List.of(), null));
      }
      case ELSE -> {
        if (controls.getLast().kind != DEAD) {
          elseBranch();
        }
      }
      case END -> {
        if (controls.getLast().kind == DEAD) {
          controls.removeLast();
        } else {
          end();
        }
      }
      default -> {}
    }
  }

  private void numeric(Instruction in) {
    Opcode op = in.opcode();
    if (!op.hasFixedSignature()) {
      throw new IllegalStateException("cannot compile " + op.mnemonic());
    }
    int n = op.params().size();
    stack.materialize(n);
    if (NumericEmitter.mayTrap(op)) {
      setPos(in);
    }
    if (!NumericEmitter.emit(cb, op)) {
      throw new IllegalStateException("cannot compile " + op.mnemonic());
    }
    stack.pop(n);
    for (ValType t : op.results()) {
      stack.push(t);
    }
  }

  private void f32Const(int bits) {
    float f = Float.intBitsToFloat(bits);
    if (f != f) {
      // NaN payloads must survive: load the bits, not a float constant.
      cb.loadConstant(bits);
      cb.invokestatic(
          CD_Float, "intBitsToFloat", MethodTypeDesc.of(ConstantDescs.CD_float, CD_int));
    } else if (bits == 0) {
      cb.fconst_0();
    } else {
      cb.ldc(cb.constantPool().floatEntry(f));
    }
  }

  private void f64Const(long bits) {
    double d = Double.longBitsToDouble(bits);
    if (d != d) {
      cb.loadConstant(bits);
      cb.invokestatic(
          CD_Double, "longBitsToDouble", MethodTypeDesc.of(ConstantDescs.CD_double, CD_long));
    } else if (bits == 0) {
      cb.dconst_0();
    } else {
      cb.ldc(cb.constantPool().doubleEntry(d));
    }
  }

  /** A comparison: fused into the following {@code br_if} or {@code if} where possible. */
  private void compare(Opcode op, int index) {
    Opcode next = index + 1 < body.size() ? body.get(index + 1).opcode() : null;
    boolean branchNext = next == Opcode.BR_IF || next == Opcode.IF;
    if (op == Opcode.I32_EQZ && stack.where(stack.size() - 1) == OperandStack.FUSED) {
      fused = fused.negate();
      if (!branchNext) {
        materializeFused();
      }
      return;
    }
    int n = Conditions.operands(op);
    stack.materialize(n);
    Conditions.Condition c = Conditions.of(op);
    if (branchNext && stack.jvmCount() == n) {
      stack.pop(n);
      stack.pushAt(ValType.I32, OperandStack.FUSED);
      fused = c;
    } else {
      Conditions.materialize(cb, c);
      stack.pop(n);
      stack.push(ValType.I32);
    }
  }

  /** Emits the 0/1 value of the fused comparison on top of the stack. */
  void materializeFused() {
    Conditions.materialize(cb, fused);
    stack.pop(1);
    stack.push(ValType.I32);
    fused = null;
  }

  /** Pops the condition on top of the stack and branches to {@code target} if it is false. */
  private void branchIfFalse(Label target) {
    if (stack.where(stack.size() - 1) == OperandStack.FUSED) {
      Conditions.branch(cb, fused.negate(), target);
      fused = null;
    } else {
      stack.materialize(1);
      cb.ifeq(target);
    }
    stack.pop(1);
  }

  private void drop() {
    int top = stack.size() - 1;
    int where = stack.where(top);
    if (where == OperandStack.FUSED) {
      materializeFused();
      cb.pop();
    } else if (where == OperandStack.ON_STACK) {
      stack.discardJvm(1);
    }
    stack.pop(1);
  }

  private void select() {
    stack.materialize(3);
    ValType t = stack.type(stack.size() - 2);
    String name =
        switch (t) {
          case I32 -> "selectI32";
          case I64 -> "selectI64";
          case F32 -> "selectF32";
          case F64 -> "selectF64";
          default -> "selectRef";
        };
    ClassDesc d = JvmTypes.desc(t);
    cb.invokestatic(CD_Ops, name, MethodTypeDesc.of(d, d, d, CD_int));
    stack.pop(3);
    stack.push(t);
  }

  // ---- control ----

  private Control label(int depth) {
    return controls.get(controls.size() - 1 - depth);
  }

  private List<ValType> blockParams(BlockType bt) {
    return bt.isIndex() ? module.types().get(bt.typeIndex()).params() : List.of();
  }

  private List<ValType> blockResults(BlockType bt) {
    if (bt.isIndex()) {
      return module.types().get(bt.typeIndex()).results();
    }
    return bt.isEmpty() ? List.of() : List.of(bt.valType());
  }

  private void enterBlock(int kind, BlockType bt) {
    List<ValType> params = blockParams(bt);
    stack.spillAll();
    addControl(
        new Control(kind, stack.size() - params.size(), params, blockResults(bt), cb.newLabel()));
  }

  private void enterLoop(BlockType bt) {
    List<ValType> params = blockParams(bt);
    stack.spillAll();
    // Branches to the loop leave its parameters in the locals of their depths.
    for (int i = stack.size() - params.size(); i < stack.size(); i++) {
      int slot = spillSlot(i, stack.type(i));
      if (stack.where(i) != slot) {
        TypeKind kind = JvmTypes.kind(stack.type(i));
        cb.loadLocal(kind, stack.where(i));
        cb.storeLocal(kind, slot);
        stack.relocate(i, slot);
      }
    }
    Label header = cb.newBoundLabel();
    controls.add(new Control(LOOP, stack.size() - params.size(), params, blockResults(bt), header));
    loopHeaders.add(new LoopHeader(loopOrdinal++, header, stack.snapshot()));
  }

  private void enterIf(BlockType bt) {
    List<ValType> params = blockParams(bt);
    Control c =
        new Control(IF, stack.size() - 1 - params.size(), params, blockResults(bt), cb.newLabel());
    c.elseLabel = cb.newLabel();
    int top = stack.size() - 1;
    boolean fusedCondition = stack.where(top) == OperandStack.FUSED;
    if (!fusedCondition && (stack.jvmCount() > 1 || !params.isEmpty())) {
      // Spill what lies below the condition, so that both arms start from the same state.
      stack.materialize(1);
      cb.istore(scratchInt());
      stack.pop(1);
      stack.spillAll();
      giveParamsOwnLocals(params.size());
      cb.iload(scratchInt());
      stack.push(ValType.I32);
    } else if (fusedCondition) {
      // Only the compare's operands are on the JVM stack: the rest is in locals already.
      stack.pop(1);
      giveParamsOwnLocals(params.size());
      stack.pushAt(ValType.I32, OperandStack.FUSED);
    }
    branchIfFalse(c.elseLabel);
    c.entry = stack.snapshot();
    addControl(c);
  }

  /**
   * Moves the top {@code n} entries (in locals) to fresh locals: an if's parameters, which the then
   * arm may overwrite in the depth spill locals but the else arm must still find.
   */
  private void giveParamsOwnLocals(int n) {
    for (int i = stack.size() - n; i < stack.size(); i++) {
      TypeKind kind = JvmTypes.kind(stack.type(i));
      int slot = cb.allocateLocal(kind);
      cb.loadLocal(kind, stack.where(i));
      cb.storeLocal(kind, slot);
      stack.relocate(i, slot);
    }
  }

  private void elseBranch() {
    Control c = controls.getLast();
    if (reachable) {
      stack.materialize(c.results.size());
      cb.goto_(c.label);
      c.branchedTo = true;
    }
    cb.labelBinding(c.elseLabel);
    c.hasElse = true;
    stack.restore(c.entry);
    reachable = true;
  }

  private void end() {
    Control c = controls.removeLast();
    switch (c.kind) {
      case FUNCTION -> {
        if (reachable) {
          emitReturn();
        }
        reachable = false;
      }
      case LOOP -> {
        // Only the fall-through reaches a loop's end: its results stay where they are.
      }
      default -> {
        boolean fallsThrough = reachable;
        if (fallsThrough) {
          stack.materialize(c.results.size());
        }
        if (c.kind == IF && !c.hasElse) {
          // The missing else passes the parameters through (they equal the results).
          if (fallsThrough) {
            cb.goto_(c.label);
            c.branchedTo = true;
          }
          cb.labelBinding(c.elseLabel);
          stack.restore(c.entry);
          stack.materialize(c.results.size());
          fallsThrough = true;
        }
        if (fallsThrough || c.branchedTo) {
          cb.labelBinding(c.label);
          stack.truncate(c.height);
          for (ValType t : c.results) {
            stack.push(t);
          }
          reachable = true;
        } else {
          reachable = false;
        }
      }
    }
  }

  /**
   * Emits a branch to {@code target}: puts the values it carries where the target expects them (on
   * the JVM stack for a block end, in the loop's parameter locals for a loop), discards the other
   * JVM stack entries of the blocks it leaves, and jumps. A branch to the function returns. Changes
   * the operand stack state: callers restore it if code continues after the branch.
   */
  private void transferAndJump(Control target) {
    if (target.kind == FUNCTION) {
      emitReturn();
      return;
    }
    if (target.kind == EXIT) {
      SplitEmitter.exit(
          this, chunk, FunctionSplitter.BRANCH + target.index, target.branchTypes().size());
      return;
    }
    List<ValType> values = target.branchTypes();
    int n = values.size();
    stack.materialize(n);
    int extras = stack.jvmCount() - n;
    if (target.kind == LOOP) {
      for (int i = n - 1; i >= 0; i--) {
        int depth = target.height + i;
        cb.storeLocal(JvmTypes.kind(values.get(i)), spillSlot(depth, values.get(i)));
      }
      stack.pop(n);
      stack.discardJvm(extras);
    } else {
      stack.discardBelow(n, extras);
    }
    cb.goto_(target.label);
  }

  private void branchIf(Control target) {
    target.branchedTo = true;
    List<ValType> values = target.branchTypes();
    int n = values.size();
    boolean simple =
        !target.leavesMethod()
            && (target.kind == LOOP
                ? n == 0 && stack.jvmCount() == 1
                : stack.jvmCount() == n + 1 && stack.topOnJvm(n + 1));
    if (simple) {
      if (stack.where(stack.size() - 1) == OperandStack.FUSED) {
        Conditions.branch(cb, fused, target.label);
        fused = null;
      } else {
        cb.ifne(target.label);
      }
      stack.pop(1);
      return;
    }
    Label skip = cb.newLabel();
    branchIfFalse(skip);
    OperandStack.Snapshot saved = stack.snapshot();
    transferAndJump(target);
    stack.restore(saved);
    cb.labelBinding(skip);
  }

  private void branchTable(Instruction in) {
    int count = in.labelCount();
    Control fallback = label(in.label(count - 1));
    List<ValType> values = fallback.branchTypes();
    int n = values.size();
    stack.materialize(1);
    // Distinct targets in order of first appearance, each with the label the switch jumps to.
    Map<Control, Label> stubs = new LinkedHashMap<>();
    boolean direct = n == 0 && stack.jvmCount() == 1;
    for (int i = 0; i < count; i++) {
      Control t = label(in.label(i));
      t.branchedTo = true;
      if (!stubs.containsKey(t)) {
        stubs.put(t, direct && !t.leavesMethod() ? t.label : cb.newLabel());
      }
    }
    if (!direct) {
      // Park the index and the branch values in locals and empty the JVM stack, so that each
      // target's stub starts from the same state.
      cb.istore(scratchInt());
      stack.pop(1);
      stack.materialize(n);
      int extras = stack.jvmCount() - n;
      int[] parked = new int[n];
      for (int i = n - 1; i >= 0; i--) {
        TypeKind kind = JvmTypes.kind(values.get(i));
        parked[i] = cb.allocateLocal(kind);
        cb.storeLocal(kind, parked[i]);
      }
      stack.pop(n);
      stack.discardJvm(extras);
      stack.pop(extras);
      cb.iload(scratchInt());
      for (int i = 0; i < n; i++) {
        stack.pushAt(values.get(i), parked[i]);
      }
    } else {
      stack.pop(1);
    }
    List<SwitchCase> cases = new ArrayList<>();
    Label defaultLabel = stubs.get(fallback);
    if (count - 1 > BIG_BR_TABLE) {
      // A switch of thousands of entries would not fit a method: map the index to the ordinal of
      // its target with a table (class data), and switch over the few distinct targets.
      List<Control> distinct = new ArrayList<>(stubs.keySet());
      int[] table = new int[count];
      for (int i = 0; i < count; i++) {
        table[i] = distinct.indexOf(label(in.label(i)));
      }
      cb.ldc(
          DynamicConstantDesc.ofNamed(
              ConstantDescs.BSM_CLASS_DATA_AT,
              ConstantDescs.DEFAULT_NAME,
              CD_int.arrayType(),
              cc.constantTable(table)));
      cb.invokestatic(
          CD_SplitOps, "brTable", MethodTypeDesc.of(CD_int, CD_int, CD_int.arrayType()));
      for (int k = 0; k < distinct.size() - 1; k++) {
        cases.add(SwitchCase.of(k, stubs.get(distinct.get(k))));
      }
      defaultLabel = stubs.get(distinct.getLast());
    } else {
      for (int i = 0; i < count - 1; i++) {
        cases.add(SwitchCase.of(i, stubs.get(label(in.label(i)))));
      }
    }
    if (cases.isEmpty()) {
      cb.pop();
      cb.goto_(defaultLabel);
    } else {
      cb.tableswitch(0, cases.size() - 1, defaultLabel, cases);
    }
    OperandStack.Snapshot saved = stack.snapshot();
    for (Map.Entry<Control, Label> e : stubs.entrySet()) {
      if (e.getValue() == e.getKey().label) {
        continue;
      }
      cb.labelBinding(e.getValue());
      stack.restore(saved);
      transferAndJump(e.getKey());
    }
    reachable = false;
  }

  /** Returns the function's results from the top of the stack (extra ones via the carrier). */
  void emitReturn() {
    List<ValType> results = type.results();
    int n = results.size();
    if (chunk != null) {
      SplitEmitter.exit(this, chunk, FunctionSplitter.RETURN, n);
      return;
    }
    stack.materialize(n);
    for (int i = n - 1; i >= 1; i--) {
      ValType t = results.get(i);
      cb.aload(resultCarrierSlot);
      cb.loadConstant(i - 1);
      cb.invokestatic(
          JvmTypes.CD_MultiValue,
          "put" + suffix(t),
          MethodTypeDesc.of(
              ConstantDescs.CD_void, JvmTypes.desc(t), JvmTypes.CD_MultiValue, CD_int));
    }
    if (n == 0) {
      cb.return_();
    } else {
      cb.return_(JvmTypes.kind(results.getFirst()));
    }
  }

  static String suffix(ValType t) {
    return switch (t) {
      case I32 -> "I32";
      case I64 -> "I64";
      case F32 -> "F32";
      case F64 -> "F64";
      default -> "Ref";
    };
  }

  // ---- calls ----

  private void call(Instruction in) {
    int callee = in.index();
    FuncType ft = module.functionType(callee);
    stack.materialize(ft.params().size());
    setPos(in);
    ClassContext.CallKind kind = cc.callKind(callee);
    MethodTypeDesc desc = JvmTypes.functionDesc(ft);
    switch (kind) {
      case SAME_CLASS -> {
        pushCallTail(ft);
        cb.invokestatic(cc.owner(), JvmTypes.methodName(callee), desc);
      }
      case LINKED -> {
        pushCallTail(ft);
        cb.invokedynamic(
            DynamicCallSiteDesc.of(BOOTSTRAP, JvmTypes.methodName(callee), desc, callee));
      }
      case HANDLE -> {
        cb.loadConstant(callee);
        cb.aload(ctxSlot);
        cb.invokestatic(
            CD_TableOps,
            "function",
            MethodTypeDesc.of(CD_FunctionHandle, CD_int, JvmTypes.CD_CompiledInstance));
        callHandle(ft);
      }
    }
    afterCall(ft, 0);
  }

  private void callIndirect(Instruction in) {
    FuncType ft = module.types().get(in.index());
    stack.materialize(ft.params().size() + 1);
    setPos(in);
    cb.loadConstant(in.index2());
    cb.loadConstant(in.index());
    cb.aload(ctxSlot);
    cb.invokestatic(
        CD_TableOps,
        "indirect",
        MethodTypeDesc.of(CD_FunctionHandle, CD_int, CD_int, CD_int, JvmTypes.CD_CompiledInstance));
    callHandle(ft);
    afterCall(ft, 1);
  }

  /** Calls the {@code FunctionHandle} on top of the JVM stack, its arguments below it. */
  private void callHandle(FuncType ft) {
    pushCallTail(ft);
    MethodTypeDesc desc = JvmTypes.functionDesc(ft);
    List<ClassDesc> params = new ArrayList<>(desc.parameterList());
    params.add(ft.params().size(), CD_FunctionHandle);
    cb.invokestatic(cc.owner(), cc.handleCaller(ft), MethodTypeDesc.of(desc.returnType(), params));
  }

  private void pushCallTail(FuncType ft) {
    if (JvmTypes.hasMultiValue(ft)) {
      cb.aload(multiValueSlot);
    }
    cb.iload(fuelSlot);
    cb.aload(ctxSlot);
  }

  /** Updates the stack after a call: pops the arguments (and {@code extra} operands). */
  private void afterCall(FuncType ft, int extra) {
    stack.pop(ft.params().size() + extra);
    List<ValType> results = ft.results();
    for (int i = 0; i < results.size(); i++) {
      ValType t = results.get(i);
      if (i > 0) {
        cb.aload(multiValueSlot);
        cb.loadConstant(i - 1);
        cb.invokestatic(
            JvmTypes.CD_MultiValue,
            "get" + suffix(t),
            MethodTypeDesc.of(JvmTypes.desc(t), JvmTypes.CD_MultiValue, CD_int));
      }
      stack.push(t);
    }
    reloadMemory();
  }

  // ---- access for AccessEmitter and SplitEmitter ----

  ClassContext classContext() {
    return cc;
  }

  int funcIndex() {
    return funcIndex;
  }

  List<ValType> localTypes() {
    return localTypes;
  }

  int[] localSlots() {
    return localSlots;
  }

  void setLocalSlots(int[] slots, int fuel, int ctx) {
    this.localSlots = slots;
    this.fuelSlot = fuel;
    this.ctxSlot = ctx;
  }

  int fuelSlot() {
    return fuelSlot;
  }

  int posSlot() {
    return posSlot;
  }

  boolean reachable() {
    return reachable;
  }

  void setReachable(boolean r) {
    this.reachable = r;
  }

  /** The branch types of control frame {@code index} (absolute). */
  List<ValType> branchTypes(int index) {
    return controls.get(index).branchTypes();
  }

  /** Emits a branch to control frame {@code index} with its values on top of the stack. */
  void branchTo(int index) {
    Control c = controls.get(index);
    c.branchedTo = true;
    transferAndJump(c);
  }

  int allocateLocal(TypeKind kind) {
    return cb.allocateLocal(kind);
  }

  OperandStack stack() {
    return stack;
  }

  int ctxSlot() {
    return ctxSlot;
  }

  int segmentSlot() {
    return segmentSlot;
  }

  ValType globalType(int index) {
    return module.allGlobals().get(index).valType();
  }

  ValType tableElementType(int index) {
    return module.allTables().get(index).elementType();
  }

  void recordPosition(Instruction in) {
    setPos(in);
  }

  void memoryChanged() {
    reloadMemory();
  }

  // ---- on-stack replacement ----

  /** Loads every wasm local from the interpreter's frame: slot {@code fp + i} holds local i. */
  private void loadLocalsFromInterpreter() {
    for (int i = 0; i < localTypes.size(); i++) {
      loadFromInterpreter(i, localTypes.get(i));
      cb.storeLocal(JvmTypes.kind(localTypes.get(i)), localSlots[i]);
    }
  }

  /** Pushes the value of type {@code t} in interpreter slot {@code fp + offset}. */
  private void loadFromInterpreter(int offset, ValType t) {
    cb.aload(t.isReference() ? 1 : 0);
    cb.iload(2);
    cb.loadConstant(offset);
    cb.iadd();
    switch (t) {
      case I32 -> {
        cb.laload();
        cb.l2i();
      }
      case I64 -> cb.laload();
      case F32 -> {
        cb.laload();
        cb.l2i();
        cb.invokestatic(
            CD_Float, "intBitsToFloat", MethodTypeDesc.of(ConstantDescs.CD_float, CD_int));
      }
      case F64 -> {
        cb.laload();
        cb.invokestatic(
            CD_Double, "longBitsToDouble", MethodTypeDesc.of(ConstantDescs.CD_double, CD_long));
      }
      default -> cb.aaload();
    }
  }

  /** Jumps to the header of the loop the interpreter was in, with its operand stack loaded. */
  private void emitOsrDispatch(Label dispatch) {
    cb.labelBinding(dispatch);
    Label bad = cb.newLabel();
    List<SwitchCase> cases = new ArrayList<>();
    List<Label> stubs = new ArrayList<>();
    for (LoopHeader h : loopHeaders) {
      Label stub = cb.newLabel();
      stubs.add(stub);
      cases.add(SwitchCase.of(h.ordinal(), stub));
    }
    cb.iload(3);
    if (cases.isEmpty()) {
      cb.pop();
      cb.goto_(bad);
    } else {
      cb.lookupswitch(bad, cases);
    }
    int numLocals = localTypes.size();
    for (int k = 0; k < loopHeaders.size(); k++) {
      LoopHeader h = loopHeaders.get(k);
      cb.labelBinding(stubs.get(k));
      OperandStack.Snapshot s = h.stack();
      for (int d = 0; d < s.types().length; d++) {
        loadFromInterpreter(numLocals + d, s.types()[d]);
        cb.storeLocal(JvmTypes.kind(s.types()[d]), s.where()[d]);
      }
      cb.goto_(h.label());
    }
    cb.labelBinding(bad);
    cb.new_(ClassDesc.of("java.lang.IllegalStateException"));
    cb.dup();
    cb.invokespecial(
        ClassDesc.of("java.lang.IllegalStateException"),
        ConstantDescs.INIT_NAME,
        ConstantDescs.MTD_void);
    cb.athrow();
  }
}
