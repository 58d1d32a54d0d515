package dev.cortado.wasm.internal.validation;

import static dev.cortado.wasm.internal.validation.Context.inRange;
import static dev.cortado.wasm.internal.validation.Context.index;
import static dev.cortado.wasm.internal.validation.OperandTypes.FUNCREF;
import static dev.cortado.wasm.internal.validation.OperandTypes.I32;
import static dev.cortado.wasm.internal.validation.OperandTypes.NONE;
import static dev.cortado.wasm.internal.validation.OperandTypes.UNKNOWN;
import static dev.cortado.wasm.internal.validation.OperandTypes.isNumeric;
import static dev.cortado.wasm.internal.validation.OperandTypes.isReference;
import static dev.cortado.wasm.internal.validation.OperandTypes.isVector;
import static dev.cortado.wasm.internal.validation.OperandTypes.matches;
import static dev.cortado.wasm.internal.validation.OperandTypes.name;
import static dev.cortado.wasm.internal.validation.OperandTypes.names;
import static dev.cortado.wasm.internal.validation.OperandTypes.single;

import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.InvalidModuleException;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.code.BlockType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.InstructionList;
import dev.cortado.wasm.code.Opcode;
import java.util.Arrays;
import java.util.List;

/**
 * Validates function bodies (spec 3.3) with the single-pass algorithm of the spec's appendix A.3:
 * an operand stack of type codes in which {@link OperandTypes#UNKNOWN} stands for a value of a
 * polymorphic (unreachable) stack, and a control stack of frames. Both stacks are arrays reused
 * across the functions of a module, so checking an instruction allocates nothing.
 *
 * <p>Error messages start with the reference interpreter's words, which the testsuite's {@code
 * assert_invalid} commands expect ("type mismatch", "unknown local 3", ...).
 */
final class CodeValidator {
  // The instruction that opened a control frame; the function body is an implicit block.
  private static final int FUNCTION = 0;
  private static final int BLOCK = 1;
  private static final int LOOP = 2;
  private static final int IF = 3;
  private static final int ELSE = 4;
  private static final String[] FRAME_NAMES = {"function", "block", "loop", "if", "else"};

  /** Operands and results of the instructions whose typing is fixed, by opcode ordinal. */
  private static final int[][] FIXED_PARAMS = new int[Opcode.values().length][];

  private static final int[][] FIXED_RESULTS = new int[Opcode.values().length][];

  /** {@code [i32 t]}, {@code [t i32]} and {@code [i32 t i32]} by type code, for table operands. */
  private static final int[][] I32_T = new int[ValType.values().length + 1][];

  private static final int[][] T_I32 = new int[ValType.values().length + 1][];
  private static final int[][] I32_T_I32 = new int[ValType.values().length + 1][];

  static {
    for (Opcode op : Opcode.values()) {
      if (op.hasFixedSignature()) {
        FIXED_PARAMS[op.ordinal()] = OperandTypes.of(op.params());
        FIXED_RESULTS[op.ordinal()] = OperandTypes.of(op.results());
      }
    }
    for (int t = 0; t < I32_T.length; t++) {
      I32_T[t] = new int[] {I32, t};
      T_I32[t] = new int[] {t, I32};
      I32_T_I32[t] = new int[] {I32, t, I32};
    }
  }

  private final Context context;

  private int[] vals = new int[64];
  private int valCount;

  private int[] ctrlKinds = new int[16];
  private int[][] ctrlStarts = new int[16][];
  private int[][] ctrlEnds = new int[16][];
  private int[] ctrlHeights = new int[16];
  private boolean[] ctrlUnreachable = new boolean[16];
  private int ctrlCount;

  private int[] locals = new int[16];
  private int localCount;
  private int[] results;

  private int funcIndex;
  private Instruction current;

  CodeValidator(Context context) {
    this.context = context;
  }

  /**
   * Validates the body of function {@code funcIndex} (whole function index space), whose type index
   * has already been checked.
   */
  void validate(int funcIndex, FunctionDefinition function) {
    this.funcIndex = funcIndex;
    this.current = null;
    int type = function.typeIndex();
    int[] params = context.typeParams[type];
    results = context.typeResults[type];
    List<ValType> declared = function.locals();
    localCount = params.length + declared.size();
    if (locals.length < localCount) {
      locals = new int[localCount];
    }
    System.arraycopy(params, 0, locals, 0, params.length);
    for (int i = 0; i < declared.size(); i++) {
      locals[params.length + i] = OperandTypes.of(declared.get(i));
    }

    valCount = 0;
    ctrlCount = 0;
    pushCtrl(FUNCTION, NONE, results);
    InstructionList body = (InstructionList) function.body();
    for (int i = 0, n = body.size(); i < n; i++) {
      current = body.get(i);
      if (ctrlCount == 0) {
        throw error("operators remaining after end of function");
      }
      check(current);
    }
    if (ctrlCount != 0) {
      int offset = body.isEmpty() ? function.offset() : body.getLast().offset();
      throw new InvalidModuleException(
          "function body must end with end", "func " + funcIndex + ", " + locate(offset));
    }
  }

  private void check(Instruction ins) {
    Opcode op = ins.opcode();
    switch (op) {
      case UNREACHABLE -> unreachable();
      case NOP -> {}
      case BLOCK -> enterBlock(BLOCK, ins, false);
      case LOOP -> enterBlock(LOOP, ins, false);
      case IF -> enterBlock(IF, ins, true);
      case ELSE -> {
        int top = ctrlCount - 1;
        if (ctrlKinds[top] != IF) {
          throw error("else without a matching if");
        }
        int[] start = ctrlStarts[top];
        int[] end = ctrlEnds[top];
        popCtrl();
        pushCtrl(ELSE, start, end);
      }
      case END -> {
        int top = ctrlCount - 1;
        int kind = ctrlKinds[top];
        int[] start = ctrlStarts[top];
        int[] end = ctrlEnds[top];
        popCtrl();
        // An if without else has an empty else branch, which must have the type [t*] -> [t*].
        if (kind == IF && !Arrays.equals(start, end)) {
          throw error(
              "type mismatch: if without else must leave its parameters "
                  + names(start)
                  + " as its results "
                  + names(end));
        }
        pushVals(end);
      }
      case BR -> {
        popVals(labelTypes(ins.index()));
        unreachable();
      }
      case BR_IF -> {
        int[] label = labelTypes(ins.index());
        popVals(single(I32));
        popVals(label);
        pushVals(label);
      }
      case BR_TABLE -> brTable(ins);
      case RETURN -> {
        popVals(results);
        unreachable();
      }
      case CALL -> {
        int type = functionType(ins.index());
        popVals(context.typeParams[type]);
        pushVals(context.typeResults[type]);
      }
      case CALL_INDIRECT -> {
        int elemType = tableType(ins.index2());
        int type = ins.index();
        if (!inRange(type, context.typeParams.length)) {
          throw error("unknown type " + index(type));
        }
        if (elemType != FUNCREF) {
          throw error(
              "type mismatch: instruction requires table of functions but table has "
                  + name(elemType));
        }
        popVals(single(I32));
        popVals(context.typeParams[type]);
        pushVals(context.typeResults[type]);
      }
      case DROP -> popAny();
      case SELECT -> select();
      case SELECT_TYPED -> {
        List<ValType> types = ins.types();
        if (types == null || types.size() != 1) {
          throw error("invalid result arity: select takes exactly one type");
        }
        int t = OperandTypes.of(types.getFirst());
        popVals(single(I32));
        popVals(single(t));
        popVals(single(t));
        pushVal(t);
      }
      case LOCAL_GET -> pushVal(localType(ins.index()));
      case LOCAL_SET -> popVals(single(localType(ins.index())));
      case LOCAL_TEE -> {
        int t = localType(ins.index());
        popVals(single(t));
        pushVal(t);
      }
      case GLOBAL_GET -> pushVal(context.globalTypes[global(ins.index())]);
      case GLOBAL_SET -> {
        int global = global(ins.index());
        if (!context.globalMutable[global]) {
          throw error("global is immutable");
        }
        popVals(single(context.globalTypes[global]));
      }
      case TABLE_GET -> {
        int t = tableType(ins.index());
        popVals(single(I32));
        pushVal(t);
      }
      case TABLE_SET -> popVals(I32_T[tableType(ins.index())]);
      case TABLE_GROW -> {
        popVals(T_I32[tableType(ins.index())]);
        pushVal(I32);
      }
      case TABLE_FILL -> popVals(I32_T_I32[tableType(ins.index())]);
      case TABLE_SIZE -> {
        tableType(ins.index());
        applyFixed(op);
      }
      case TABLE_COPY -> {
        int destination = tableType(ins.index());
        int source = tableType(ins.index2());
        if (destination != source) {
          throw error(
              "type mismatch: source element type "
                  + name(source)
                  + " does not match destination element type "
                  + name(destination));
        }
        applyFixed(op);
      }
      case TABLE_INIT -> {
        int table = tableType(ins.index2());
        int segment = elemType(ins.index());
        if (table != segment) {
          throw error(
              "type mismatch: element segment's type "
                  + name(segment)
                  + " does not match table's element type "
                  + name(table));
        }
        applyFixed(op);
      }
      case ELEM_DROP -> elemType(ins.index());
      case MEMORY_SIZE, MEMORY_GROW, MEMORY_FILL -> {
        memory(ins.index());
        applyFixed(op);
      }
      case MEMORY_COPY -> {
        memory(ins.index());
        memory(ins.index2());
        applyFixed(op);
      }
      case MEMORY_INIT -> {
        memory(ins.index2());
        data(ins.index());
        applyFixed(op);
      }
      case DATA_DROP -> data(ins.index());
      case REF_NULL -> {
        List<ValType> types = ins.types();
        if (types == null || types.size() != 1 || !types.getFirst().isReference()) {
          throw error("ref.null requires a reference type");
        }
        pushVal(OperandTypes.of(types.getFirst()));
      }
      case REF_IS_NULL -> {
        int t = popAny();
        if (!isReference(t)) {
          throw error(
              "type mismatch: instruction requires reference type but stack has " + name(t));
        }
        pushVal(I32);
      }
      case REF_FUNC -> {
        int func = ins.index();
        functionType(func);
        if (!context.declaredFunctions[func]) {
          throw error("undeclared function reference " + index(func));
        }
        pushVal(FUNCREF);
      }
      default -> {
        switch (op.immediate()) {
          case MEMARG -> memArg(ins);
          case MEMARG_LANE -> {
            memArg(ins);
            // The lane is as wide as the access: v128.load8_lane has 16 lanes, load64_lane 2.
            laneIndex(ins.laneIndex(), 16 >> op.naturalAlignment());
          }
          case LANE -> laneIndex(ins.laneIndex(), laneCount(op));
          case SHUFFLE -> {
            for (int lane : ins.shuffleLanes()) {
              laneIndex(lane, 32); // a lane of either operand
            }
          }
          default -> {}
        }
        applyFixed(op);
      }
    }
  }

  // ---- Instructions with more to check than a fixed signature.

  private void enterBlock(int kind, Instruction ins, boolean condition) {
    BlockType blockType = ins.blockType();
    int[] params;
    int[] blockResults;
    if (blockType == null) {
      throw error("missing block type");
    } else if (blockType.isIndex()) {
      int type = blockType.typeIndex();
      if (type >= context.typeParams.length) {
        throw error("unknown type " + index(type));
      }
      params = context.typeParams[type];
      blockResults = context.typeResults[type];
    } else if (blockType.valType() != null) {
      params = NONE;
      blockResults = single(OperandTypes.of(blockType.valType()));
    } else {
      params = NONE;
      blockResults = NONE;
    }
    if (condition) {
      popVals(single(I32));
    }
    popVals(params);
    pushCtrl(kind, params, blockResults);
  }

  /**
   * {@code br_table}: every target needs the default target's arity, and the operands must suit
   * every target's label type (spec 3.3.8). Targets are checked without popping, which is what the
   * algorithm's {@code push_vals(pop_vals(...))} amounts to.
   */
  private void brTable(Instruction ins) {
    int[] labels = ins.labels();
    if (labels == null || labels.length == 0) {
      throw error("br_table requires a default label");
    }
    int defaultLabel = labels[labels.length - 1];
    int[] defaultTypes = labelTypes(defaultLabel);
    popVals(single(I32));
    for (int i = 0; i < labels.length - 1; i++) {
      int[] types = labelTypes(labels[i]);
      if (types.length != defaultTypes.length) {
        throw error(
            "type mismatch: br_table target "
                + index(labels[i])
                + " takes "
                + names(types)
                + " but the default target "
                + index(defaultLabel)
                + " takes "
                + names(defaultTypes));
      }
      checkVals(types);
    }
    popVals(defaultTypes);
    unreachable();
  }

  /**
   * Untyped {@code select} is for numeric and vector operands only (spec 3.3.4); reference operands
   * need {@code select t}.
   */
  private void select() {
    popVals(single(I32));
    int t1 = popAny();
    int t2 = popAny();
    if (!((isNumeric(t1) && isNumeric(t2)) || (isVector(t1) && isVector(t2)))) {
      throw error(
          "type mismatch: select without a type requires numeric or vector operands but stack has ["
              + name(t2)
              + " "
              + name(t1)
              + "]");
    }
    if (!matches(t1, t2)) {
      throw error(
          "type mismatch: select requires operands of one type but stack has ["
              + name(t2)
              + " "
              + name(t1)
              + "]");
    }
    pushVal(t1 == UNKNOWN ? t2 : t1);
  }

  /** The memory must exist and the alignment must not exceed the access size (spec 3.3.7). */
  private void memArg(Instruction ins) {
    memory(ins.memoryIndex());
    int align = ins.align();
    if (align < 0 || align > ins.opcode().naturalAlignment()) {
      throw error("alignment must not be larger than natural");
    }
  }

  /** A SIMD lane index must name one of the shape's lanes (spec 3.3.3). */
  private void laneIndex(int lane, int lanes) {
    if (lane < 0 || lane >= lanes) {
      throw error("invalid lane index " + lane + " (the shape has " + lanes + " lanes)");
    }
  }

  /** The number of lanes of the shape an {@code extract_lane} or {@code replace_lane} names. */
  private static int laneCount(Opcode op) {
    String shape = op.mnemonic().substring(0, op.mnemonic().indexOf('.'));
    return Integer.parseInt(shape.substring(shape.indexOf('x') + 1));
  }

  private void applyFixed(Opcode op) {
    int[] params = FIXED_PARAMS[op.ordinal()];
    if (params == null) {
      throw error("unknown instruction " + op.mnemonic());
    }
    popVals(params);
    pushVals(FIXED_RESULTS[op.ordinal()]);
  }

  // ---- Index lookups in the context; each throws "unknown ..." for an index out of range.

  private int[] labelTypes(int depth) {
    if (!inRange(depth, ctrlCount)) {
      throw error("unknown label " + index(depth));
    }
    int frame = ctrlCount - 1 - depth;
    return ctrlKinds[frame] == LOOP ? ctrlStarts[frame] : ctrlEnds[frame];
  }

  /** The type index of function {@code func}. */
  private int functionType(int func) {
    if (!inRange(func, context.funcTypes.length)) {
      throw error("unknown function " + index(func));
    }
    return context.funcTypes[func];
  }

  private int localType(int local) {
    if (!inRange(local, localCount)) {
      throw error("unknown local " + index(local));
    }
    return locals[local];
  }

  private int global(int global) {
    if (!inRange(global, context.globalTypes.length)) {
      throw error("unknown global " + index(global));
    }
    return global;
  }

  /** The element type of table {@code table}. */
  private int tableType(int table) {
    if (!inRange(table, context.tableElemTypes.length)) {
      throw error("unknown table " + index(table));
    }
    return context.tableElemTypes[table];
  }

  private int elemType(int segment) {
    if (!inRange(segment, context.elemTypes.length)) {
      throw error("unknown elem segment " + index(segment));
    }
    return context.elemTypes[segment];
  }

  private void memory(int memory) {
    if (!inRange(memory, context.memoryCount)) {
      throw error("unknown memory " + index(memory));
    }
  }

  private void data(int segment) {
    if (!inRange(segment, context.dataCount)) {
      throw error("unknown data segment " + index(segment));
    }
  }

  // ---- The operand and control stacks (spec appendix A.3).

  private void pushVal(int type) {
    if (valCount == vals.length) {
      vals = Arrays.copyOf(vals, vals.length * 2);
    }
    vals[valCount++] = type;
  }

  private void pushVals(int[] types) {
    if (valCount + types.length > vals.length) {
      vals = Arrays.copyOf(vals, Math.max(vals.length * 2, valCount + types.length));
    }
    System.arraycopy(types, 0, vals, valCount, types.length);
    valCount += types.length;
  }

  /** Pops one operand of any type; UNKNOWN from an unreachable frame's empty stack. */
  private int popAny() {
    int top = ctrlCount - 1;
    if (valCount == ctrlHeights[top]) {
      if (ctrlUnreachable[top]) {
        return UNKNOWN;
      }
      throw error("type mismatch: instruction requires [any] but stack has []");
    }
    return vals[--valCount];
  }

  /** Pops operands of the types {@code expected} (the last on top). */
  private void popVals(int[] expected) {
    valCount -= checkVals(expected);
  }

  /**
   * Checks that the operands on top of the stack have the types {@code expected}; an unreachable
   * frame supplies unknown values for any that are missing. Returns how many are on the stack.
   */
  private int checkVals(int[] expected) {
    int top = ctrlCount - 1;
    int available = valCount - ctrlHeights[top];
    int n = expected.length;
    int present = Math.min(available, n);
    boolean ok = available >= n || ctrlUnreachable[top];
    for (int i = 1; ok && i <= present; i++) {
      ok = matches(vals[valCount - i], expected[n - i]);
    }
    if (!ok) {
      throw error(
          "type mismatch: instruction requires "
              + names(expected)
              + " but stack has "
              + names(vals, valCount - present, valCount));
    }
    return present;
  }

  private void pushCtrl(int kind, int[] start, int[] end) {
    if (ctrlCount == ctrlKinds.length) {
      int capacity = ctrlKinds.length * 2;
      ctrlKinds = Arrays.copyOf(ctrlKinds, capacity);
      ctrlStarts = Arrays.copyOf(ctrlStarts, capacity);
      ctrlEnds = Arrays.copyOf(ctrlEnds, capacity);
      ctrlHeights = Arrays.copyOf(ctrlHeights, capacity);
      ctrlUnreachable = Arrays.copyOf(ctrlUnreachable, capacity);
    }
    ctrlKinds[ctrlCount] = kind;
    ctrlStarts[ctrlCount] = start;
    ctrlEnds[ctrlCount] = end;
    ctrlHeights[ctrlCount] = valCount;
    ctrlUnreachable[ctrlCount] = false;
    ctrlCount++;
    pushVals(start);
  }

  /**
   * Ends the innermost frame: the stack must hold exactly its result types above the frame's height
   * (fewer if the frame is unreachable, the rest being unknown).
   */
  private void popCtrl() {
    int top = ctrlCount - 1;
    int height = ctrlHeights[top];
    int[] end = ctrlEnds[top];
    int available = valCount - height;
    int n = end.length;
    boolean ok = available == n || (available < n && ctrlUnreachable[top]);
    for (int i = 1; ok && i <= Math.min(available, n); i++) {
      ok = matches(vals[valCount - i], end[n - i]);
    }
    if (!ok) {
      throw error(
          "type mismatch: end of "
              + FRAME_NAMES[ctrlKinds[top]]
              + " requires "
              + names(end)
              + " but stack has "
              + names(vals, height, valCount));
    }
    valCount = height;
    ctrlCount--;
  }

  /** After an unconditional branch the rest of the frame is stack-polymorphic. */
  private void unreachable() {
    int top = ctrlCount - 1;
    valCount = ctrlHeights[top];
    ctrlUnreachable[top] = true;
  }

  private InvalidModuleException error(String reason) {
    return new InvalidModuleException(
        reason, "func " + funcIndex + ", " + locate(current.offset()));
  }

  private String locate(int offset) {
    return context.module.locate(offset);
  }
}
