package dev.cortado.runtime.internal.interpreter;

import static dev.cortado.runtime.internal.interpreter.InterpreterSupport.slots;

import dev.cortado.runtime.internal.FuelCosts;
import dev.cortado.runtime.internal.FuncTypeIds;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.BlockType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Translates a validated function body into the interpreter's instruction stream (see
 * docs/interpreter.md). One pass over the flat instructions with a stack of labels:
 *
 * <ul>
 *   <li>the operand stack height is known statically at every reachable instruction (validation
 *       guarantees it), so each branch is resolved here to a code position plus, only when values
 *       must move, the arity and the height to move them to;
 *   <li>{@code block}, {@code loop}, {@code nop} and the numeric no-ops emit nothing; forward
 *       branches are patched when their {@code end} is reached;
 *   <li>unreachable code (after {@code br}, {@code return}, {@code unreachable} until the enclosing
 *       {@code else}/{@code end}) is not emitted at all, which also means the stack-polymorphic
 *       typing of such code never has to be modelled.
 * </ul>
 *
 * <p>Heights, arities and local positions count stack slots: a {@code v128} takes two (low half,
 * then high half), every other value one. So that {@code drop} and {@code select} know how wide
 * their operand is, the slot width of every operand on the stack is tracked beside the height.
 */
final class CodeCompiler {
  private static final int BLOCK = 0;
  private static final int LOOP = 1;
  private static final int IF = 2;
  private static final int FUNCTION = 3;

  /** A label of the control stack (spec 4.2.13), as far as translation needs it. */
  private static final class Label {
    final int kind;

    /** The operand height (in slots) below the block's parameters. */
    final int height;

    /** The number of operands below the block's parameters. */
    final int depth;

    /** The slots of the parameters and of the results. */
    final int params;

    final int results;

    final List<ValType> paramTypes;
    final List<ValType> resultTypes;

    /** A loop's first instruction, the target of branches to it. */
    final int start;

    /** Whether the block was entered in reachable code (only then is anything emitted for it). */
    final boolean live;

    /** Code positions holding a forward target to patch with the end's position. */
    int[] fixups = new int[2];

    int fixupCount;

    /** An {@code if}'s JUMP_IF_NOT target to patch at {@code else} or {@code end}, or -1. */
    int elseFixup = -1;

    Label(
        int kind,
        int height,
        int depth,
        List<ValType> paramTypes,
        List<ValType> resultTypes,
        int start,
        boolean live) {
      this.kind = kind;
      this.height = height;
      this.depth = depth;
      this.paramTypes = paramTypes;
      this.resultTypes = resultTypes;
      this.params = slots(paramTypes);
      this.results = slots(resultTypes);
      this.start = start;
      this.live = live;
    }

    int arity() {
      return kind == LOOP ? params : results;
    }

    void addFixup(int pos) {
      if (fixupCount == fixups.length) {
        fixups = Arrays.copyOf(fixups, fixupCount * 2);
      }
      fixups[fixupCount++] = pos;
    }
  }

  private static final int[] NUMERIC = new int[Opcode.values().length];

  static {
    Arrays.fill(NUMERIC, -1);
    for (Opcode op : Opcode.values()) {
      for (int i = 0; i < Op.COUNT; i++) {
        if (Op.name(i).equals(op.name().toLowerCase(java.util.Locale.ROOT))) {
          NUMERIC[op.ordinal()] = i;
        }
      }
    }
  }

  private final ModuleCode moduleCode;
  private final WasmModule module;
  private final int functionIndex;
  private final FuncType type;
  private final List<ValType> localTypes = new ArrayList<>();

  /** The first slot of each local, relative to the frame pointer. */
  private int[] localSlots;

  private int localSlotCount;
  private final List<Label> labels = new ArrayList<>();

  /** The SIMD instructions' translation. */
  private final SimdTranslator simd = new SimdTranslator(this);

  int[] code = new int[64];
  int pos;
  private int[] trapPositions = new int[16];
  private int[] sourceOffsets = new int[16];
  private int trapCount;

  /** Slots in use: the locals, then the operands. */
  private int height;

  private int maxHeight;

  /** The slot width (1 or 2) of each operand on the stack, bottom first. */
  private byte[] widths = new byte[16];

  /** The number of operands on the stack. */
  private int depth;

  /** How many loop instructions came before, unreachable ones included (for Op.LOOP). */
  private int loopOrdinal;

  private boolean reachable = true;

  // Peephole fusion (see PeepholeFusion): where the last two instructions start, or -1 when unknown
  // or when
  // a branch target lies between them and here (an instruction that is a target cannot be fused
  // into the one before it).
  int last = -1;
  int beforeLast = -1;

  // Fuel (docs/limits.md): FuelCosts' charges by instruction index, or null when unmetered.
  private int[] fuelCharges;
  private List<Instruction> body;
  private int instructionIndex;

  private CodeCompiler(ModuleCode moduleCode, int functionIndex) {
    this.moduleCode = moduleCode;
    this.module = moduleCode.module();
    this.functionIndex = functionIndex;
    this.type = module.functionType(functionIndex);
  }

  static CompiledFunction compile(ModuleCode moduleCode, int functionIndex) {
    return compile(moduleCode, functionIndex, false);
  }

  /** The translation, with {@link Op#FUEL} at FuelCosts' charge points when {@code metered}. */
  static CompiledFunction compile(ModuleCode moduleCode, int functionIndex, boolean metered) {
    CodeCompiler compiler = new CodeCompiler(moduleCode, functionIndex);
    FunctionDefinition def =
        compiler.module.functions().get(functionIndex - compiler.module.importedFunctionCount());
    compiler.body = def.body();
    if (metered) {
      compiler.fuelCharges = FuelCosts.charges(def.body());
    }
    return compiler.translate();
  }

  private CompiledFunction translate() {
    FunctionDefinition def = module.functions().get(functionIndex - module.importedFunctionCount());
    localTypes.addAll(type.params());
    localTypes.addAll(def.locals());
    boolean hasRefLocals = def.locals().stream().anyMatch(ValType::isReference);
    localSlots = new int[localTypes.size()];
    for (int i = 0; i < localSlots.length; i++) {
      localSlots[i] = localSlotCount;
      localSlotCount += slots(localTypes.get(i));
    }
    height = localSlotCount;
    maxHeight = height;
    labels.add(new Label(FUNCTION, height, 0, List.of(), type.results(), 0, true));
    chargeFuel(0);
    for (Instruction in : def.body()) {
      if (reachable) {
        translate(in);
      } else {
        skipUnreachable(in);
      }
      instructionIndex++;
    }
    if (!labels.isEmpty()) {
      throw new IllegalStateException("function body does not end with end");
    }
    return new CompiledFunction(
        moduleCode,
        functionIndex,
        Arrays.copyOf(code, pos),
        slots(type.params()),
        localSlotCount,
        slots(type.results()),
        maxHeight,
        hasRefLocals,
        Arrays.copyOf(trapPositions, trapCount),
        Arrays.copyOf(sourceOffsets, trapCount));
  }

  // ---- emitting ----

  void emit(int word) {
    if (pos == code.length) {
      code = Arrays.copyOf(code, pos * 2);
    }
    code[pos++] = word;
  }

  /** Starts an instruction: its opcode; immediates follow with {@link #emit(int)}. */
  void op(int op) {
    beforeLast = last;
    last = pos;
    emit(op);
  }

  void op(int op, int imm) {
    op(op);
    emit(imm);
  }

  /** The current position is a branch target: nothing before it may fuse with what follows. */
  private void markTarget() {
    last = -1;
    beforeLast = -1;
  }

  /** The opcode of the last instruction if it is exactly {@code length} words long, else -1. */
  int lastOp(int length) {
    return last >= 0 && last + length == pos ? code[last] : -1;
  }

  /**
   * At the charge point before instruction {@code index} (if the code is metered and the point
   * costs anything): the instruction that charges for the stretch starting there.
   */
  private void chargeFuel(int index) {
    if (fuelCharges == null || fuelCharges[index] == 0) {
      return;
    }
    if (index < body.size()) {
      recordSource(body.get(index));
    }
    op(Op.FUEL, fuelCharges[index]);
  }

  /** The charge point after the instruction being translated. */
  private void chargeFuelAfter() {
    chargeFuel(instructionIndex + 1);
  }

  /** Remembers that the instruction emitted next may trap or call, for backtraces. */
  void recordSource(Instruction in) {
    if (trapCount == trapPositions.length) {
      trapPositions = Arrays.copyOf(trapPositions, trapCount * 2);
      sourceOffsets = Arrays.copyOf(sourceOffsets, trapCount * 2);
    }
    trapPositions[trapCount] = pos;
    sourceOffsets[trapCount] = in.offset();
    trapCount++;
  }

  private void pushWidth(int width) {
    if (depth == widths.length) {
      widths = Arrays.copyOf(widths, depth * 2);
    }
    widths[depth++] = (byte) width;
    height += width;
    if (height > maxHeight) {
      maxHeight = height;
    }
  }

  /** Pushes {@code n} one-slot operands. */
  private void push(int n) {
    for (int i = 0; i < n; i++) {
      pushWidth(1);
    }
  }

  void push(ValType type) {
    pushWidth(slots(type));
  }

  void push(List<ValType> types) {
    for (ValType t : types) {
      pushWidth(slots(t));
    }
  }

  /** Pops {@code n} operands. */
  void pop(int n) {
    if (n > depth) {
      throw new IllegalStateException("operand stack underflow in function " + functionIndex);
    }
    for (int i = 0; i < n; i++) {
      height -= widths[--depth];
    }
  }

  /** The slot width of the operand on top of the stack. */
  private int topWidth() {
    return widths[depth - 1];
  }

  // ---- control ----

  private Label label(int depth) {
    return labels.get(labels.size() - 1 - depth);
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

  /** Emits the target of a branch to {@code l}: known for a loop, patched at the end otherwise. */
  private void emitTarget(Label l) {
    if (l.kind == LOOP) {
      emit(l.start);
    } else {
      l.addFixup(pos);
      emit(-1);
    }
  }

  /** {@code br} ({@code conditional} false) or {@code br_if}, the condition already popped. */
  private void branch(int depth, boolean conditional) {
    Label l = label(depth);
    int arity = l.arity();
    if (l.kind == FUNCTION && !conditional) {
      op(Op.RETURN, arity);
      return;
    }
    if (height - arity == l.height) {
      if (!conditional) {
        op(Op.JUMP);
      } else if (!PeepholeFusion.compareAndJump(this, false)) {
        op(Op.JUMP_IF);
      }
      emitTarget(l);
    } else {
      op(conditional ? Op.BR_IF_MOVE : Op.BR_MOVE);
      emitTarget(l);
      emit(arity);
      emit(l.height);
    }
  }

  private void branchTable(Instruction in) {
    int count = in.labelCount();
    int arity = label(in.label(count - 1)).arity();
    op(Op.BR_TABLE);
    emit(arity);
    emit(count);
    for (int i = 0; i < count; i++) {
      Label l = label(in.label(i));
      emitTarget(l);
      emit(l.height);
    }
  }

  private void enterBlock(int kind, BlockType bt) {
    List<ValType> params = blockParams(bt);
    if (kind == LOOP) {
      markTarget();
    }
    labels.add(
        new Label(
            kind,
            height - slots(params),
            depth - params.size(),
            params,
            blockResults(bt),
            pos,
            true));
    if (kind == LOOP) {
      // The header: branches to the loop run it, so it counts iterations (compiler tier).
      op(Op.LOOP, loopOrdinal++);
    }
  }

  /** Resets the operand stack to the label's base, then pushes {@code types}. */
  private void resetStack(Label l, List<ValType> types) {
    height = l.height;
    depth = l.depth;
    push(types);
  }

  private void elseBranch() {
    Label l = labels.getLast();
    if (!l.live) {
      return;
    }
    if (reachable) {
      op(Op.JUMP);
      l.addFixup(pos);
      emit(-1);
    }
    markTarget();
    code[l.elseFixup] = pos;
    l.elseFixup = -1;
    resetStack(l, l.paramTypes);
    reachable = true;
    chargeFuelAfter();
  }

  private void end() {
    Label l = labels.removeLast();
    if (!l.live) {
      return;
    }
    markTarget();
    boolean ifWithoutElse = l.kind == IF && l.elseFixup >= 0;
    if (ifWithoutElse) {
      code[l.elseFixup] = pos;
    }
    for (int i = 0; i < l.fixupCount; i++) {
      code[l.fixups[i]] = pos;
    }
    reachable = reachable || ifWithoutElse || l.fixupCount > 0;
    resetStack(l, l.resultTypes);
    if (l.kind == FUNCTION) {
      // Also the target of br_table entries that leave the function.
      op(Op.RETURN, l.results);
    } else if (reachable) {
      chargeFuelAfter();
    }
  }

  private void skipUnreachable(Instruction in) {
    switch (in.opcode()) {
      case BLOCK, LOOP, IF -> {
        if (in.opcode() == Opcode.LOOP) {
          loopOrdinal++;
        }
        labels.add(new Label(BLOCK, height, depth, List.of(), List.of(), pos, false));
      }
      case ELSE -> elseBranch();
      case END -> end();
      default -> {}
    }
  }

  // ---- one reachable instruction ----

  private void translate(Instruction in) {
    Opcode op = in.opcode();
    switch (op) {
      case UNREACHABLE -> {
        recordSource(in);
        op(Op.UNREACHABLE);
        reachable = false;
      }
      case NOP -> {}
      case BLOCK -> enterBlock(BLOCK, in.blockType());
      case LOOP -> {
        // The header (Op.LOOP) checks for interruption, so it may trap.
        recordSource(in);
        enterBlock(LOOP, in.blockType());
        // At the loop's start, where its branches land: every iteration pays.
        chargeFuelAfter();
      }
      case IF -> {
        pop(1);
        enterBlock(IF, in.blockType());
        if (!PeepholeFusion.compareAndJump(this, true)) {
          op(Op.JUMP_IF_NOT);
        }
        labels.getLast().elseFixup = pos;
        emit(-1);
        chargeFuelAfter();
      }
      case ELSE -> elseBranch();
      case END -> end();
      case BR -> {
        branch(in.index(), false);
        reachable = false;
      }
      case BR_IF -> {
        pop(1);
        branch(in.index(), true);
      }
      case BR_TABLE -> {
        pop(1);
        branchTable(in);
        reachable = false;
      }
      case RETURN -> {
        op(Op.RETURN, slots(type.results()));
        reachable = false;
      }
      case CALL -> {
        FuncType callee = module.functionType(in.index());
        recordSource(in);
        op(Op.CALL, in.index());
        pop(callee.params().size());
        push(callee.results());
      }
      case CALL_INDIRECT -> {
        FuncType callee = module.types().get(in.index());
        pop(1);
        recordSource(in);
        op(Op.CALL_INDIRECT, FuncTypeIds.of(callee));
        emit(in.index2());
        pop(callee.params().size());
        push(callee.results());
      }
      case DROP -> {
        for (int i = topWidth(); i > 0; i--) {
          op(Op.DROP);
        }
        pop(1);
      }
      case SELECT -> {
        pop(1);
        if (topWidth() == 2) {
          emitSimd(SimdInterpreter.SELECT);
        } else {
          op(Op.SELECT);
        }
        pop(1);
      }
      case SELECT_TYPED -> {
        ValType t = in.types().getFirst();
        if (t == ValType.V128) {
          emitSimd(SimdInterpreter.SELECT);
        } else {
          op(t.isReference() ? Op.SELECT_REF : Op.SELECT);
        }
        pop(2);
      }
      default -> translateVariableOrMemory(in);
    }
  }

  private void translateVariableOrMemory(Instruction in) {
    Opcode op = in.opcode();
    ValType variable =
        switch (op) {
          case LOCAL_GET, LOCAL_SET, LOCAL_TEE -> localTypes.get(in.index());
          case GLOBAL_GET, GLOBAL_SET -> module.allGlobals().get(in.index()).valType();
          default -> null;
        };
    if (variable == ValType.V128 || op.prefix() == 0xFD) {
      simd.translate(in);
      return;
    }
    switch (op) {
      case LOCAL_GET -> {
        int slot = localSlots[in.index()];
        if (variable.isReference()) {
          op(Op.LOCAL_GET_REF, slot);
        } else if (lastOp(2) == Op.LOCAL_GET) {
          code[last] = Op.LOCAL_GET2;
          emit(slot);
        } else {
          op(Op.LOCAL_GET, slot);
        }
        push(1);
      }
      case LOCAL_SET -> {
        int slot = localSlots[in.index()];
        if (variable.isReference()) {
          op(Op.LOCAL_SET_REF, slot);
        } else if (lastOp(3) == Op.LOCAL_I32_ADD_CONST) {
          code[last] = Op.LOCAL_I32_ADD_CONST_SET;
          emit(slot);
        } else if (lastOp(2) == Op.I32_ADD_LOCAL
            && beforeLast >= 0
            && beforeLast + 2 == last
            && code[beforeLast] == Op.LOCAL_GET) {
          // local.get a; local.get b; i32.add; local.set c
          code[beforeLast] = Op.LOCAL_I32_ADD_LOCAL_SET;
          code[beforeLast + 2] = code[last + 1];
          code[beforeLast + 3] = slot;
          pos = beforeLast + 4;
          last = beforeLast;
          beforeLast = -1;
        } else {
          op(Op.LOCAL_SET, slot);
        }
        pop(1);
      }
      case LOCAL_TEE ->
          op(variable.isReference() ? Op.LOCAL_TEE_REF : Op.LOCAL_TEE, localSlots[in.index()]);
      case GLOBAL_GET -> {
        op(variable.isReference() ? Op.GLOBAL_GET_REF : Op.GLOBAL_GET, in.index());
        push(1);
      }
      case GLOBAL_SET -> {
        op(variable.isReference() ? Op.GLOBAL_SET_REF : Op.GLOBAL_SET, in.index());
        pop(1);
      }
      case TABLE_GET -> {
        recordSource(in);
        op(Op.TABLE_GET, in.index());
      }
      case TABLE_SET -> {
        recordSource(in);
        op(Op.TABLE_SET, in.index());
        pop(2);
      }
      case I32_CONST, F32_CONST -> {
        op(Op.CONST32, (int) in.value());
        push(1);
      }
      case I64_CONST, F64_CONST -> {
        emitConst64(in.value());
        push(1);
      }
      case REF_NULL -> {
        op(Op.REF_NULL);
        push(1);
      }
      case REF_IS_NULL -> op(Op.REF_IS_NULL);
      case REF_FUNC -> {
        op(Op.REF_FUNC, in.index());
        push(1);
      }
      case I32_ADD, I32_SUB -> {
        if (!PeepholeFusion.add(this, op == Opcode.I32_SUB)) {
          op(NUMERIC[op.ordinal()]);
        }
        pop(1);
      }
      case I32_WRAP_I64,
          I32_REINTERPRET_F32,
          I64_REINTERPRET_F64,
          F32_REINTERPRET_I32,
          F64_REINTERPRET_I64 -> {
        // No-ops on raw bits: an i32 is the low half of its slot whatever the high half holds.
      }
      default -> {
        if (op.immediate() == Opcode.Immediate.MEMARG) {
          translateMemoryAccess(in);
        } else {
          translateOther(in);
        }
      }
    }
  }

  void emitConst64(long value) {
    op(Op.CONST64, (int) value);
    emit((int) (value >>> 32));
  }

  // ---- SIMD (see SimdInterpreter) ----

  /** Starts an {@link Op#SIMD} instruction with sub-opcode {@code sub}. */
  void emitSimd(int sub) {
    op(Op.SIMD, sub);
  }

  /** The first slot of local {@code index} in the frame. */
  int localSlot(int index) {
    return localSlots[index];
  }

  static void checkMemArg(Instruction in) {
    if (in.memoryIndex() != 0) {
      throw new UnsupportedFeatureException("multi-memory", null);
    }
    if (in.memoryOffset() < 0 || in.memoryOffset() > 0xFFFF_FFFFL) {
      throw new UnsupportedFeatureException("memory64", null);
    }
  }

  private void translateMemoryAccess(Instruction in) {
    checkMemArg(in);
    int op =
        switch (in.opcode()) {
          case F32_LOAD -> Op.I32_LOAD;
          case F64_LOAD -> Op.I64_LOAD;
          case F32_STORE, I64_STORE32 -> Op.I32_STORE;
          case F64_STORE -> Op.I64_STORE;
          case I64_STORE8 -> Op.I32_STORE8;
          case I64_STORE16 -> Op.I32_STORE16;
          default -> NUMERIC[in.opcode().ordinal()];
        };
    int fused =
        switch (op) {
          case Op.I32_LOAD -> Op.LOCAL_I32_LOAD;
          case Op.I32_LOAD8_U -> Op.LOCAL_I32_LOAD8_U;
          case Op.I64_LOAD -> Op.LOCAL_I64_LOAD;
          default -> -1;
        };
    if (fused >= 0 && lastOp(2) == Op.LOCAL_GET) {
      // local.get a; load: the fused instruction starts where the local.get did, so that is
      // where a trap in it is recorded.
      code[last] = fused;
      int start = pos;
      pos = last;
      recordSource(in);
      pos = start;
      emit((int) in.memoryOffset());
    } else {
      recordSource(in);
      op(op, (int) in.memoryOffset());
    }
    pop(in.opcode().params().size());
    push(in.opcode().results().size());
  }

  private void translateOther(Instruction in) {
    Opcode op = in.opcode();
    int internal =
        switch (op) {
          case I64_EXTEND8_S -> Op.I32_EXTEND8_S;
          case I64_EXTEND16_S -> Op.I32_EXTEND16_S;
          case I64_EXTEND32_S -> Op.I64_EXTEND_I32_S;
          default -> NUMERIC[op.ordinal()];
        };
    if (internal < 0) {
      throw new UnsupportedFeatureException(op.mnemonic(), null);
    }
    if (mayTrap(op)) {
      recordSource(in);
    }
    op(internal);
    switch (op) {
      case MEMORY_INIT, DATA_DROP, ELEM_DROP, TABLE_GROW, TABLE_SIZE, TABLE_FILL ->
          emit(in.index());
      case TABLE_INIT, TABLE_COPY -> {
        emit(in.index());
        emit(in.index2());
      }
      case MEMORY_SIZE, MEMORY_GROW, MEMORY_COPY, MEMORY_FILL -> {
        if (in.index() != 0 || in.index2() != 0) {
          throw new UnsupportedFeatureException("multi-memory", null);
        }
      }
      default -> {}
    }
    switch (op) {
      case TABLE_GROW -> pop(1);
      case TABLE_SIZE -> push(1);
      case TABLE_FILL, TABLE_COPY, TABLE_INIT -> pop(3);
      case ELEM_DROP -> {}
      default -> {
        if (!op.hasFixedSignature()) {
          throw new IllegalStateException("no stack effect for " + op.mnemonic());
        }
        pop(op.params().size());
        push(op.results().size());
      }
    }
  }

  private static boolean mayTrap(Opcode op) {
    return switch (op) {
      case I32_DIV_S,
          I32_DIV_U,
          I32_REM_S,
          I32_REM_U,
          I64_DIV_S,
          I64_DIV_U,
          I64_REM_S,
          I64_REM_U,
          I32_TRUNC_F32_S,
          I32_TRUNC_F32_U,
          I32_TRUNC_F64_S,
          I32_TRUNC_F64_U,
          I64_TRUNC_F32_S,
          I64_TRUNC_F32_U,
          I64_TRUNC_F64_S,
          I64_TRUNC_F64_U,
          MEMORY_INIT,
          MEMORY_COPY,
          MEMORY_FILL,
          TABLE_INIT,
          TABLE_COPY,
          TABLE_FILL ->
          true;
      default -> false;
    };
  }
}
