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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates a validated function body into the interpreter's instruction stream (see
 * docs/interpreter.md). One pass over the flat instructions with a stack of labels:
 *
 * <ul>
 *   <li>the operand stack height is known statically at every reachable instruction (validation
 *       guarantees it), so every operand has a fixed frame slot and instructions name their
 *       operands' and result's slots; {@code local.get} and constants emit nothing (their operand
 *       is read from the local's or the constant's slot, see {@link VirtualStack}), and a result
 *       that {@code local.set} stores is written to the local directly;
 *   <li>each branch is resolved here to a code position plus, only when values must move, the arity
 *       and the slots to move them from and to;
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

    /** The canonical slot of the block's first parameter (the height below them). */
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

  /** The most constants a function keeps in frame slots; the rest are CONST instructions. */
  static final int MAX_CONSTANTS = 64;

  private final ModuleCode moduleCode;
  private final WasmModule module;
  private final int functionIndex;
  private final FuncType type;
  private final List<ValType> localTypes = new ArrayList<>();

  /** The first slot of each local, relative to the frame pointer. */
  private int[] localSlots;

  private int localSlotCount;

  /** The constants kept in frame slots (after the locals), and each one's slot. */
  private long[] constants;

  private final Map<Long, Integer> constantSlots = new HashMap<>();

  private final List<Label> labels = new ArrayList<>();

  /** The SIMD instructions' translation. */
  private final SimdTranslator simd = new SimdTranslator(this);

  /** The operands (see {@link VirtualStack}); made once the constants are known. */
  VirtualStack stack;

  int[] code = new int[64];
  int pos;
  private int[] trapPositions = new int[16];
  private int[] sourceOffsets = new int[16];
  private int trapCount;

  /** How many loop instructions came before, unreachable ones included (for Op.LOOP). */
  private int loopOrdinal;

  private boolean reachable = true;

  /** Where the last instruction starts, or -1 when a branch target lies between it and here. */
  int last = -1;

  /**
   * The position of the last instruction's destination slot operand, if that instruction wrote the
   * top operand's canonical slot (see {@link #result}); meaningful only while {@link #last} is
   * {@link #resultInstruction}.
   */
  private int resultOperand = -1;

  private int resultInstruction = -1;

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
    chooseConstants(def.body());
    int operandBase = localSlotCount + constants.length;
    stack = new VirtualStack(this, operandBase);
    labels.add(new Label(FUNCTION, operandBase, 0, List.of(), type.results(), 0, true));
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
        constants,
        stack.maxHeight,
        hasRefLocals,
        Arrays.copyOf(trapPositions, trapCount),
        Arrays.copyOf(sourceOffsets, trapCount));
  }

  /**
   * The constants that get a frame slot: the {@link #MAX_CONSTANTS} most frequent numeric ones,
   * each value once (an i32 or f32 as its sign-extended bits, like CONST32 writes it). The frame
   * entry writes them, one array copy; an operator then reads a constant operand like a local.
   */
  private void chooseConstants(List<Instruction> instructions) {
    Map<Long, Integer> counts = new LinkedHashMap<>();
    for (Instruction in : instructions) {
      switch (in.opcode()) {
        case I32_CONST, F32_CONST, I64_CONST, F64_CONST ->
            counts.merge(constantBits(in), 1, Integer::sum);
        default -> {}
      }
    }
    List<Map.Entry<Long, Integer>> byCount = new ArrayList<>(counts.entrySet());
    byCount.sort((a, b) -> Integer.compare(b.getValue(), a.getValue())); // stable
    constants = new long[Math.min(byCount.size(), MAX_CONSTANTS)];
    for (int i = 0; i < constants.length; i++) {
      constants[i] = byCount.get(i).getKey();
      constantSlots.put(constants[i], localSlotCount + i);
    }
  }

  private static long constantBits(Instruction in) {
    return switch (in.opcode()) {
      case I32_CONST, F32_CONST -> (int) in.value();
      default -> in.value();
    };
  }

  // ---- emitting ----

  void emit(int word) {
    if (pos == code.length) {
      code = Arrays.copyOf(code, pos * 2);
    }
    code[pos++] = word;
  }

  /** Starts an instruction: its opcode; operands follow with {@link #emit(int)}. */
  void op(int op) {
    last = pos;
    emit(op);
  }

  void op(int op, int operand) {
    op(op);
    emit(operand);
  }

  /**
   * Starts an instruction whose first operand is {@code dst}, the canonical slot of the operand
   * just pushed: a {@code local.set} that follows may retarget it to the local.
   */
  void result(int op, int dst) {
    op(op, dst);
    resultInstruction = last;
    resultOperand = last + 1;
  }

  /** Whether the last instruction wrote the top operand, which is in its canonical slot. */
  private boolean lastWroteTop() {
    return last >= 0
        && last == resultInstruction
        && stack.topInPlace()
        && code[resultOperand] == stack.height - stack.width(0);
  }

  /** The current position is a branch target: nothing before it may fuse with what follows. */
  private void markTarget() {
    last = -1;
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

  /** Pushes operands of {@code types} in their canonical slots. */
  void push(List<ValType> types) {
    for (ValType t : types) {
      stack.push(slots(t));
    }
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

  /** The operands a branch to {@code l} keeps. */
  private int arityValues(Label l) {
    return (l.kind == LOOP ? l.paramTypes : l.resultTypes).size();
  }

  /** {@code br} to {@code depth}: the kept values to the label's slots, then a jump. */
  private void branch(int depth) {
    Label l = label(depth);
    int arity = l.arity();
    stack.materializeTop(arityValues(l));
    int src = stack.height - arity;
    if (l.kind == FUNCTION) {
      op(Op.RETURN, arity);
      emit(src);
    } else if (src == l.height) {
      op(Op.JUMP);
      emitTarget(l);
    } else {
      op(Op.BR_MOVE);
      emitTarget(l);
      emit(arity);
      emit(src);
      emit(l.height);
    }
  }

  /** {@code br_if} to {@code depth}. */
  private void branchIf(int depth) {
    Label l = label(depth);
    int arity = l.arity();
    int condition = stack.pop();
    materializeBeforeCondition(condition, arityValues(l));
    int src = stack.height - arity;
    if (src == l.height) {
      if (!compareAndJump(condition, false)) {
        op(Op.JUMP_IF, condition);
      }
      emitTarget(l);
    } else {
      op(Op.BR_IF_MOVE, condition);
      emitTarget(l);
      emit(arity);
      emit(src);
      emit(l.height);
    }
  }

  /**
   * Materializes the top {@code n} operands before a conditional branch on {@code condition}: if
   * the last instruction computed the condition, the copies go before it, so that it can still fuse
   * with the branch (they write canonical slots below the condition's, which it does not read).
   */
  private void materializeBeforeCondition(int condition, int n) {
    if (last < 0 || last != resultInstruction || code[resultOperand] != condition) {
      stack.materializeTop(n);
      return;
    }
    int[] computation = Arrays.copyOfRange(code, last, pos);
    pos = last;
    stack.materializeTop(n);
    result(computation[0], computation[1]);
    for (int i = 2; i < computation.length; i++) {
      emit(computation[i]);
    }
  }

  /**
   * The condition {@code slot} of a {@code br_if} ({@code negate} false) or an {@code if} ({@code
   * negate} true: jumping when it fails), just popped: if the last instruction computed it with an
   * i32 comparison (or {@code eqz}), that instruction becomes a compare-and-jump whose target the
   * caller emits next. It then writes no result: a later instruction must not take it for the one
   * that computed its operand (an {@code if} on {@code x == 0} whose arm starts with a {@code
   * br_if} on {@code x} would otherwise move or fuse the jump again, and the code would be
   * corrupt).
   */
  private boolean compareAndJump(int slot, boolean negate) {
    if (last < 0 || last != resultInstruction || code[resultOperand] != slot) {
      return false;
    }
    int cmp = code[last];
    if (cmp == Op.I32_EQZ) {
      code[last] = negate ? Op.JUMP_IF : Op.JUMP_IF_NOT;
      code[last + 1] = code[last + 2];
      pos = last + 2;
      resultInstruction = -1;
      return true;
    }
    if (cmp >= Op.I32_EQ && cmp <= Op.I32_GE_U) {
      int i = cmp - Op.I32_EQ;
      code[last] = Op.JUMP_IF_I32_EQ + (negate ? INVERSE_COMPARE[i] : i);
      code[last + 1] = code[last + 2];
      code[last + 2] = code[last + 3];
      pos = last + 3;
      resultInstruction = -1;
      return true;
    }
    return false;
  }

  /** For each i32 comparison, from {@code eq} to {@code ge_u}, the one that is its negation. */
  private static final int[] INVERSE_COMPARE = {1, 0, 8, 9, 6, 7, 4, 5, 2, 3};

  private void branchTable(Instruction in) {
    int index = stack.pop();
    int count = in.labelCount();
    Label defaultLabel = label(in.label(count - 1));
    int arity = defaultLabel.arity();
    stack.materializeTop(arityValues(defaultLabel));
    op(Op.BR_TABLE, index);
    emit(arity);
    emit(stack.height - arity);
    emit(count);
    for (int i = 0; i < count; i++) {
      Label l = label(in.label(i));
      emitTarget(l);
      emit(l.height);
    }
  }

  private void enterBlock(int kind, BlockType bt) {
    // A block boundary: the operands below must be where any path into the block leaves them.
    stack.materializeAll();
    List<ValType> params = blockParams(bt);
    if (kind == LOOP) {
      markTarget();
    }
    labels.add(
        new Label(
            kind,
            stack.height - slots(params),
            stack.depth - params.size(),
            params,
            blockResults(bt),
            pos,
            true));
    if (kind == LOOP) {
      // The header: branches to the loop run it, so it counts iterations (compiler tier) and
      // knows the operand top (on-stack replacement).
      op(Op.LOOP, loopOrdinal++);
      emit(stack.height);
    }
  }

  /** Resets the operand stack to the label's base, then pushes {@code types}. */
  private void resetStack(Label l, List<ValType> types) {
    stack.reset(l.height, l.depth);
    push(types);
  }

  private void elseBranch() {
    Label l = labels.getLast();
    if (!l.live) {
      return;
    }
    if (reachable) {
      stack.materializeTop(l.resultTypes.size());
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
    if (reachable) {
      stack.materializeTop(l.resultTypes.size());
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
      // Also the target of br_table entries that leave the function; on-stack replacement
      // returns through it (the last instruction).
      op(Op.RETURN, l.results);
      emit(l.height);
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
        labels.add(new Label(BLOCK, stack.height, stack.depth, List.of(), List.of(), pos, false));
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
        stack.materializeAll();
        // The header (Op.LOOP) checks for interruption, so it may trap.
        recordSource(in);
        enterBlock(LOOP, in.blockType());
        // At the loop's start, where its branches land: every iteration pays.
        chargeFuelAfter();
      }
      case IF -> {
        int condition = stack.pop();
        materializeBeforeCondition(condition, stack.depth);
        enterBlock(IF, in.blockType());
        if (!compareAndJump(condition, true)) {
          op(Op.JUMP_IF_NOT, condition);
        }
        labels.getLast().elseFixup = pos;
        emit(-1);
        chargeFuelAfter();
      }
      case ELSE -> elseBranch();
      case END -> end();
      case BR -> {
        branch(in.index());
        reachable = false;
      }
      case BR_IF -> branchIf(in.index());
      case BR_TABLE -> {
        branchTable(in);
        reachable = false;
      }
      case RETURN -> {
        branch(labels.size() - 1);
        reachable = false;
      }
      case CALL -> call(in, module.functionType(in.index()), -1);
      case CALL_INDIRECT -> call(in, module.types().get(in.index()), stack.pop());
      case DROP -> stack.pop();
      case SELECT, SELECT_TYPED -> select(in);
      default -> translateVariableOrMemory(in);
    }
  }

  /** A call; {@code index} is {@code call_indirect}'s table index slot, else -1. */
  private void call(Instruction in, FuncType callee, int index) {
    int params = callee.params().size();
    stack.materializeTop(params);
    int base = stack.height - stack.slots(params);
    recordSource(in);
    if (index < 0) {
      op(Op.CALL, in.index());
    } else {
      op(Op.CALL_INDIRECT, FuncTypeIds.of(callee));
      emit(in.index2());
      emit(index);
    }
    emit(base);
    stack.pop(params);
    push(callee.results());
  }

  private void select(Instruction in) {
    ValType t = in.opcode() == Opcode.SELECT_TYPED ? in.types().getFirst() : null;
    if (t == ValType.V128 || (t == null && stack.width(1) == 2)) {
      stack.materializeTop(3);
      int top = stack.height;
      stack.pop(3);
      stack.push(2);
      op(Op.SIMD, top);
      emit(SimdInterpreter.SELECT);
      return;
    }
    int condition = stack.pop();
    int b = stack.pop();
    int a = stack.pop();
    int dst = stack.push(1);
    result(t != null && t.isReference() ? Op.SELECT_REF : Op.SELECT, dst);
    emit(a);
    emit(b);
    emit(condition);
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
          result(Op.MOVE_REF, stack.push(1));
          emit(slot);
        } else {
          stack.pushDeferred(slot);
        }
      }
      case LOCAL_SET, LOCAL_TEE -> setLocal(in.index(), variable, op == Opcode.LOCAL_TEE);
      case GLOBAL_GET -> {
        result(variable.isReference() ? Op.GLOBAL_GET_REF : Op.GLOBAL_GET, stack.push(1));
        emit(in.index());
      }
      case GLOBAL_SET -> {
        op(variable.isReference() ? Op.GLOBAL_SET_REF : Op.GLOBAL_SET, stack.pop());
        emit(in.index());
      }
      case I32_CONST, F32_CONST, I64_CONST, F64_CONST -> constant(constantBits(in));
      case I32_WRAP_I64,
          I32_REINTERPRET_F32,
          I64_REINTERPRET_F64,
          F32_REINTERPRET_I32,
          F64_REINTERPRET_I64 -> {
        // No-ops on raw bits: an i32 is the low half of its slot whatever the high half holds.
      }
      default -> {
        if (op.immediate() == Opcode.Immediate.MEMARG) {
          OperatorTranslator.memoryAccess(this, in);
        } else {
          OperatorTranslator.translate(this, in);
        }
      }
    }
  }

  /** A numeric constant: deferred to its frame slot if it has one, else a CONST instruction. */
  private void constant(long bits) {
    Integer slot = constantSlots.get(bits);
    if (slot != null) {
      stack.pushDeferred(slot);
    } else if (bits == (int) bits) {
      result(Op.CONST32, stack.push(1));
      emit((int) bits);
    } else {
      emitConst64(stack.push(1), bits);
    }
  }

  /**
   * {@code local.set} or {@code local.tee} of a one-slot local. Operands still deferred to the
   * local are materialized first; if the value was just computed into its canonical slot by the
   * last instruction, that instruction writes the local instead (no copy).
   */
  private void setLocal(int index, ValType t, boolean tee) {
    int slot = localSlots[index];
    if (t.isReference()) {
      int src = stack.pop();
      op(Op.MOVE_REF, slot);
      emit(src);
      if (tee) {
        stack.push(1);
      }
      return;
    }
    boolean retarget = lastWroteTop();
    boolean inPlace = stack.topInPlace();
    int src = stack.pop();
    if (stack.materializeReadsOf(slot)) {
      retarget = false;
    }
    if (retarget) {
      code[resultOperand] = slot;
      resultInstruction = -1;
    } else if (src != slot) {
      op(Op.MOVE, slot);
      emit(src);
    }
    if (tee) {
      if (inPlace && !retarget) {
        stack.push(1); // still in its canonical slot too
      } else {
        stack.pushDeferred(slot);
      }
    }
  }

  void emitConst64(int dst, long value) {
    result(Op.CONST64, dst);
    emit((int) value);
    emit((int) (value >>> 32));
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
}
