package dev.cortado.runtime.internal.compiler;

import static java.lang.constant.ConstantDescs.CD_int;

import dev.cortado.runtime.internal.FuelCosts;
import dev.cortado.runtime.internal.MemoryInstance;
import dev.cortado.runtime.internal.StoreState;
import dev.cortado.runtime.internal.TrapSignal;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.InstructionList;
import dev.cortado.wasm.code.Opcode;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.classfile.constantpool.FieldRefEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Translates one validated wasm function into the body of one JVM method, in a single pass over the
 * flat instructions with a stack of control frames (as the validator's algorithm, spec appendix
 * "validation algorithm"). Wasm locals are JVM locals; operands live on the JVM operand stack where
 * they can ({@link OperandStack}); unreachable code is not emitted.
 *
 * <p>Every instruction that can trap or call has a line number, its ordinal among them plus one,
 * that a trap's backtrace reads from the Java stack ({@link Backtraces}); the function's table of
 * source offsets maps ordinals back to the wasm code.
 *
 * <p>With {@code osr} set, the method is the function's on-stack-replacement entry: it takes the
 * interpreter's frame (value stack, frame pointer, loop ordinal), loads the locals and the operand
 * stack from it and jumps to the header of that loop.
 */
final class FunctionCompiler {
  /** Method ids: the function's method, its OSR entry, chunk {@code id} is {@code CHUNK + id}. */
  static final int MAIN = 0;

  static final int OSR = 1;
  static final int CHUNK = 2;

  static final ClassDesc CD_MemoryOps = ClassDesc.of(MemoryOps.class.getName());
  static final ClassDesc CD_TableOps = ClassDesc.of(TableOps.class.getName());
  static final ClassDesc CD_Ops = ClassDesc.of(Ops.class.getName());
  static final ClassDesc CD_Unwind = ClassDesc.of(Unwind.class.getName());
  static final ClassDesc CD_MemoryInstance = ClassDesc.of(MemoryInstance.class.getName());
  static final ClassDesc CD_Extent = ClassDesc.of(MemoryInstance.Extent.class.getName());
  static final ClassDesc CD_FunctionHandle =
      ClassDesc.of("dev.cortado.runtime.internal.FunctionHandle");
  private static final ClassDesc CD_TrapSignal = ClassDesc.of(TrapSignal.class.getName());
  private static final ClassDesc CD_Float = ClassDesc.of("java.lang.Float");
  private static final ClassDesc CD_Double = ClassDesc.of("java.lang.Double");
  private static final ClassDesc CD_Linker = ClassDesc.of(CallLinker.class.getName());
  private static final ClassDesc CD_SplitOps = ClassDesc.of(SplitOps.class.getName());
  private static final ClassDesc CD_LimitOps = ClassDesc.of(LimitOps.class.getName());

  private static final MethodTypeDesc POLL =
      MethodTypeDesc.of(ConstantDescs.CD_void, JvmTypes.CD_CompiledInstance);

  // Descriptors used in every method, made once: a descriptor's string is built on first use.
  private static final MethodTypeDesc MEMORY =
      MethodTypeDesc.of(CD_MemoryInstance, JvmTypes.CD_CompiledInstance);
  static final MethodTypeDesc TRAP_SIGNAL = MethodTypeDesc.of(CD_TrapSignal);
  private static final MethodTypeDesc CHARGE_FUEL =
      MethodTypeDesc.of(ConstantDescs.CD_void, JvmTypes.CD_CompiledInstance, CD_int);

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

  private final ClassContext cc;
  private final WasmModule module;
  private final int funcIndex;
  private final FuncType type;
  private final List<ValType> localTypes = new ArrayList<>();
  private final InstructionList body;
  private final boolean osr;
  private final FunctionSplitter.Plan plan;

  /** The chunk this method is, or null for the function's own method. */
  private final FunctionSplitter.Chunk chunk;

  /** The chunks this method calls, by start index. */
  private final Map<Integer, FunctionSplitter.Chunk> childAt;

  /** Where the locals chunks use live ({@link SplitFrame}), and its arrays' JVM locals. */
  private final SplitFrame frame;

  private int longsSlot = -1;
  private int refsSlot = -1;

  private CodeBuilder cb;
  private int[] localSlots;

  /** With the Vector API, the v128 locals as vectors (null elsewhere, and if split). */
  private VectorLocals vectorLocals;

  private int fuelSlot;
  private int ctxSlot;
  private int resultCarrierSlot = -1;
  private int multiValueSlot = -1;
  private int memorySlot = -1;
  private int extentSlot = -1;
  private int scratchIntSlot = -1;
  private int exitCarrierSlot = -1;

  /** In a chunk that caches its locals: where its exits meet (SplitEmitter), made on first use. */
  private Label chunkExit;

  private final OperandStack stack = new OperandStack(this);
  private final ControlEmitter control;

  /** Translates the instructions one at a time. */
  private final InstructionEmitter instructions;

  private boolean reachable = true;
  private final FusedConditions conditions = new FusedConditions(this);
  private int[] sourceOffsets = new int[16];
  private int trapCount;

  /** The index in the body of the instruction being translated. */
  private int current;

  /** FuelCosts' charges by body index, or null if the code is not metered (docs/limits.md). */
  private final int[] fuelCharges;

  private final FunctionFacts facts;

  /**
   * A compiler for function {@code funcIndex} split as {@code plan}: for its own method ({@code
   * chunk} null; its OSR entry if {@code osr}) or for one of its chunks.
   */
  FunctionCompiler(
      ClassContext cc,
      int funcIndex,
      boolean osr,
      FunctionSplitter.Plan plan,
      FunctionSplitter.Chunk chunk,
      FunctionFacts facts) {
    this.facts = facts;
    this.plan = plan;
    this.chunk = chunk;
    this.childAt = chunk != null ? chunk.childAt : plan.topChildren();
    this.frame = plan.frame();
    this.cc = cc;
    this.module = cc.module();
    this.funcIndex = funcIndex;
    this.type = module.functionType(funcIndex);
    FunctionDefinition def = module.functions().get(funcIndex - module.importedFunctionCount());
    this.localTypes.addAll(type.params());
    this.localTypes.addAll(def.locals());
    this.body = (InstructionList) def.body();
    this.osr = osr;
    this.fuelCharges = cc.metered() ? FuelCosts.charges(body) : null;
    this.control = new ControlEmitter(this);
    this.instructions = new InstructionEmitter(this, control, body);
  }

  /**
   * Whether the function can be a compiled method: its parameters fit the JVM's argument slots. (A
   * v128 is two longs, see {@link JvmTypes}; every instruction has a translation.)
   */
  static boolean compilable(WasmModule module, int funcIndex) {
    return JvmTypes.callable(module.functionType(funcIndex));
  }

  /** The method's descriptor: the function's (see {@link JvmTypes}), or the OSR entry's. */
  MethodTypeDesc descriptor() {
    if (chunk != null) {
      return SplitEmitter.descriptor(chunk, frame);
    }
    if (!osr) {
      return JvmTypes.functionDesc(type);
    }
    return OsrEmitter.descriptor(type);
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
    Label exhausted = cb.newLabel();
    if (chunk == null) {
      // A chunk is part of its function's call: only the function's method counts a call.
      cb.iinc(fuelSlot, -1);
      cb.iload(fuelSlot);
      cb.iflt(exhausted);
    }
    if (chunk == null && !osr) {
      // Execution limits at function entry, as in the interpreter (docs/limits.md): the
      // interruption check leaves the caller as the innermost frame, the charge names this one.
      pollInterrupt();
      chargeFuelAt(0);
    }
    Label osrDispatch = osr ? cb.newLabel() : null;
    if (chunk == null && frame.paramCount() > 0) {
      longsSlot = cb.allocateLocal(TypeKind.REFERENCE);
      refsSlot = cb.allocateLocal(TypeKind.REFERENCE);
      frame.allocate(cb, funcIndex, ctxSlot, longsSlot, refsSlot);
    }
    if (osr) {
      OsrEmitter.loadLocals(this);
    } else if (chunk == null) {
      for (int i = 0; i < localTypes.size(); i++) {
        boolean param = i < type.params().size();
        if (frame.holds(i) && param && !cachesFrameLocals()) {
          JvmTypes.load(cb, localTypes.get(i), localSlots[i]);
          LocalEmitter.store(this, i);
        } else if (!param) {
          // In the frame too: a frame may be reused from an earlier call (SplitOps.takeLongs).
          JvmTypes.zero(cb, localTypes.get(i));
          LocalEmitter.store(this, i);
        }
      }
    }
    if (vectorLocals != null) {
      vectorLocals.enter();
    }
    if (facts.usesMemory()) {
      memorySlot = cb.allocateLocal(TypeKind.REFERENCE);
      if (DirectMemoryOps.AVAILABLE) {
        extentSlot = cb.allocateLocal(TypeKind.REFERENCE);
      }
      loadMemory();
    }
    if (facts.needsMultiValue()) {
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
    control.enterFunction(type);
    if (chunk != null) {
      int outside = chunk.enclosing.length - chunk.opened;
      for (int k = 0; k < chunk.enclosing.length; k++) {
        if (k < outside) {
          control.enterExit(body.get(chunk.enclosing[k]));
        } else {
          control.enterOpened();
        }
      }
      SplitEmitter.enterAtEntry(this, chunk);
      from = chunk.start;
      to = chunk.end;
    }
    for (int i = from; i < to; i++) {
      Instruction in = body.get(i);
      FunctionSplitter.Chunk child = childAt.isEmpty() ? null : childAt.get(i);
      if (child != null && (reachable || child.entries != null && !control.innermostIsDead())) {
        if (osr && reachable && in.opcode() == Opcode.LOOP) {
          control.enterableChunk(child, facts.loopOrdinal(i));
        }
        SplitEmitter.call(this, child);
        i = child.end - 1;
        continue;
      }
      if (reachable) {
        current = i;
        instructions.translate(in, i);
      } else {
        current = i; // an else or end here may make code reachable again: its charge follows
        instructions.skip(in);
      }
    }
    if (chunk != null) {
      if (reachable) {
        SplitEmitter.exit(this, FunctionSplitter.FALL_THROUGH, chunk.outputs.size());
      }
      if (control.depth() != chunk.controlDepth - chunk.opened) {
        throw new IllegalStateException("chunk of function " + funcIndex + " is not balanced");
      }
    } else if (control.depth() != 0) {
      throw new IllegalStateException("function " + funcIndex + " does not end with end");
    }
    if (chunkExit != null) {
      SplitEmitter.emitCommonExit(this, chunkExit);
    }
    // The call depth check failed: the caller is the innermost frame, as in the interpreter.
    cb.labelBinding(exhausted);
    cb.lineNumber(Backtraces.NO_FRAME);
    cb.invokestatic(CD_Unwind, "exhausted", TRAP_SIGNAL);
    cb.athrow();
    if (osr) {
      OsrEmitter.dispatch(this, osrDispatch, control.loopHeaders());
    }
  }

  private void assignSlots() {
    localSlots = new int[localTypes.size()];
    int slot = 0;
    if (osr) {
      slot = 4; // long[] stack, Object[] refs, int fp, int loop
    } else {
      for (int i = 0; i < type.params().size(); i++) {
        localSlots[i] = slot;
        slot += JvmTypes.slotSize(type.params().get(i));
      }
    }
    if (JvmTypes.hasMultiValue(type)) {
      resultCarrierSlot = slot++;
    }
    fuelSlot = slot++;
    ctxSlot = slot;
    int first = osr ? 0 : type.params().size();
    for (int i = first; i < localTypes.size(); i++) {
      localSlots[i] =
          frame.holds(i) && !cachesFrameLocals() ? -1 : JvmTypes.allocate(cb, localTypes.get(i));
    }
    if (childAt.isEmpty()) {
      vectorLocals = VectorLocals.of(cb, localSlots, localTypes, body);
    }
  }

  /** The local reserved for operand stack depth {@code depth} and the JVM type of {@code t}. */
  int spillSlot(int depth, ValType t) {
    return stack.spillSlot(depth, t);
  }

  /** In a chunk method: a local for the spill carrier at its exits (see SplitEmitter.exit). */
  int exitCarrier() {
    if (exitCarrierSlot < 0) {
      exitCarrierSlot = cb.allocateLocal(TypeKind.REFERENCE);
    }
    return exitCarrierSlot;
  }

  Label chunkExit() {
    if (chunkExit == null) {
      chunkExit = cb.newLabel();
    }
    return chunkExit;
  }

  int scratchInt() {
    if (scratchIntSlot < 0) {
      scratchIntSlot = cb.allocateLocal(TypeKind.INT);
    }
    return scratchIntSlot;
  }

  /**
   * Records that the next instruction may trap or call: the code from here on has its ordinal's
   * line number (see {@link Backtraces}).
   */
  private void recordTrapSite(Instruction in) {
    if (trapCount == sourceOffsets.length) {
      sourceOffsets = Arrays.copyOf(sourceOffsets, trapCount * 2);
    }
    sourceOffsets[trapCount] = current;
    cb.lineNumber(Backtraces.line(trapCount));
    trapCount++;
  }

  // ---- execution limits (docs/limits.md): the same points as the interpreter's LOOP and FUEL ----

  /**
   * Polls for interruption (see {@link LimitOps}): no code once HotSpot has compiled it, unless a
   * store with running code is interrupted; traps at the recorded position as it stands.
   */
  void pollInterrupt() {
    if (!StoreState.INTERRUPT_CHECKS) {
      return;
    }
    cb.aload(ctxSlot);
    cb.invokestatic(CD_LimitOps, "poll", POLL);
  }

  /** At a loop's header: the interruption poll and the charge for the loop body's stretch. */
  void atLoopHeader() {
    recordBodyPosition(current);
    pollInterrupt();
    chargeFuelAfterCurrent();
    if (vectorLocals != null) {
      vectorLocals.atLoopHeader(current);
    }
  }

  /** The charge at the charge point after the instruction being translated (if metered). */
  void chargeFuelAfterCurrent() {
    if (!chargedByChunk) {
      chargeFuelAt(current + 1);
    }
  }

  /** Set while the charge after the instruction being translated is a switch chunk's. */
  private boolean chargedByChunk;

  /**
   * Translates the end (body index {@code index}) of a block that a switch chunk continues after
   * (see SplitEmitter.callSwitch); the chunk makes the charge after it.
   */
  void endBeforeChunk(int index) {
    current = index;
    chargedByChunk = true;
    control.end();
    chargedByChunk = false;
  }

  /** The label of the control frame {@code depth} frames out from the innermost. */
  Label frameLabel(int depth) {
    return control.label(depth).label;
  }

  /** The charge at the charge point before body instruction {@code index} (if metered). */
  private void chargeFuelAt(int index) {
    if (fuelCharges == null || fuelCharges[index] == 0) {
      return;
    }
    recordBodyPosition(Math.min(index, body.size() - 1));
    cb.aload(ctxSlot);
    cb.loadConstant(fuelCharges[index]);
    cb.invokestatic(CD_LimitOps, "chargeFuel", CHARGE_FUEL);
  }

  /** As recordTrapSite, for body instruction {@code index} rather than the one being translated. */
  private void recordBodyPosition(int index) {
    int saved = current;
    current = index;
    recordTrapSite(body.get(index));
    current = saved;
  }

  /** The memory never changes for an instance (growth replaces its array, not it): loaded once. */
  private void loadMemory() {
    cb.aload(ctxSlot);
    cb.invokestatic(CD_MemoryOps, "memory", MEMORY);
    cb.astore(memorySlot);
    refreshMemory();
  }

  /** At the header of the loop being entered: reloads the memory if that loop calls nothing. */
  void refreshMemoryAtLoopHeader() {
    if (!facts.loopsWithCalls().get(facts.loopOrdinal(current))) {
      refreshMemory();
    }
  }

  /**
   * Reads the memory's current extent (its array and size) into its local, for the loads and stores
   * that follow: at entry and after anything that may grow the memory (docs/compiler.md, "Memory,
   * tables, globals"). Nothing without {@link DirectMemoryOps}, whose helpers alone take it.
   */
  void refreshMemory() {
    if (extentSlot < 0) {
      return;
    }
    cb.aload(memorySlot);
    FieldRefEntry extent =
        classContext()
            .pooled(
                cb.constantPool(),
                CD_Extent,
                pool -> pool.fieldRefEntry(CD_MemoryInstance, "extent", CD_Extent));
    cb.getfield(extent);
    cb.astore(extentSlot);
  }

  /** The local holding the memory's extent (see {@link #refreshMemory}). */
  int extentSlot() {
    return extentSlot;
  }

  // ---- instructions (each translated by InstructionEmitter) ----

  /** Emits the 0/1 value of the fused comparison on top of the stack. */
  void materializeFused() {
    conditions.materialize();
  }

  /** The comparisons a branch consumes without materializing them (branches go through it). */
  FusedConditions conditions() {
    return conditions;
  }

  /** The instruction {@code back} places before the one being translated, or null. */
  Instruction preceding(int back) {
    return current - back >= 0 ? body.get(current - back) : null;
  }

  /** How local {@code x} moves per turn of the innermost loop here ({@link LoopCounters}). */
  int loopStride(int x) {
    return LoopCounters.stride(body, current, x);
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

  void setLocalSlots(int[] slots, int longs, int refs, int fuel, int ctx) {
    this.localSlots = slots;
    this.longsSlot = longs;
    this.refsSlot = refs;
    this.fuelSlot = fuel;
    this.ctxSlot = ctx;
  }

  VectorLocals vectorLocals() {
    return vectorLocals;
  }

  SplitFrame frame() {
    return frame;
  }

  int longsSlot() {
    return longsSlot;
  }

  /**
   * Before the function's method returns: lets the next call take its frame's {@code long[]} (see
   * {@link SplitOps#takeLongs}). Chunks return to the function's method, not from the call.
   */
  void releaseFrame() {
    if (chunk == null && longsSlot >= 0) {
      frame.release(cb, longsSlot);
    }
  }

  int refsSlot() {
    return refsSlot;
  }

  int fuelSlot() {
    return fuelSlot;
  }

  boolean reachable() {
    return reachable;
  }

  void setReachable(boolean r) {
    this.reachable = r;
  }

  /** The branch types of control frame {@code index} (absolute). */
  List<ValType> branchTypes(int index) {
    return control.branchTypes(index);
  }

  /** Emits a branch to control frame {@code index} with its values on top of the stack. */
  void branchTo(int index) {
    control.branchTo(index);
  }

  /** Returns from the function (from a chunk: exits with the results). */
  void emitReturn() {
    control.emitReturn();
  }

  /** In an OSR entry: which loops (by ordinal) it can enter (valid after {@link #emit}). */
  boolean[] enterableLoops() {
    return control.enterableLoops();
  }

  /**
   * The body-order ordinal of the loop instruction being translated (see {@link FunctionFacts}).
   */
  int currentLoopOrdinal() {
    return facts.loopOrdinal(current);
  }

  /** The index in the function's body of the instruction being translated. */
  int currentIndex() {
    return current;
  }

  int loopCount() {
    return facts.loopCount();
  }

  /**
   * Whether this method keeps the wasm locals the frame holds in JVM locals: a chunk that caches
   * them, or the function's own method when its plan says so (FunctionSplitter.Plan#parentCaches).
   */
  boolean cachesFrameLocals() {
    return chunk != null ? chunk.cached : plan.parentCaches();
  }

  FunctionSplitter.Chunk chunk() {
    return chunk;
  }

  FuncType type() {
    return type;
  }

  int resultCarrierSlot() {
    return resultCarrierSlot;
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

  int multiValueSlot() {
    return multiValueSlot;
  }

  WasmModule module() {
    return module;
  }

  int memorySlot() {
    return memorySlot;
  }

  ValType globalType(int index) {
    return module.allGlobals().get(index).valType();
  }

  ValType tableElementType(int index) {
    return module.allTables().get(index).elementType();
  }

  void recordPosition(Instruction in) {
    recordTrapSite(in);
  }
}
