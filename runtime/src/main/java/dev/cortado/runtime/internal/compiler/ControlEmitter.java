package dev.cortado.runtime.internal.compiler;

import static java.lang.constant.ConstantDescs.CD_int;

import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.BlockType;
import dev.cortado.wasm.code.Instruction;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The structured control flow of one method ({@link FunctionCompiler}): the stack of control frames
 * and what blocks, loops, ifs and branches become.
 *
 * <p>A branch puts the values it carries where its target expects them: on the JVM stack at a
 * block's end (the fall-through path leaves them there too), in the locals of their operand stack
 * depths at a loop header (where the JVM stack is empty), in the spill carrier when it leaves a
 * chunk method ({@link FunctionSplitter}); other JVM stack entries of the blocks it leaves are
 * popped. A branch to the function's frame returns.
 */
final class ControlEmitter {
  static final int BLOCK = 0;
  static final int LOOP = 1;
  static final int IF = 2;
  static final int FUNCTION = 3;
  static final int DEAD = 4;

  /** In a chunk method: an enclosing frame outside the chunk; branching to it exits the method. */
  static final int EXIT = 5;

  /** A control frame (spec 3.3.5 "control stack"), as far as code generation needs it. */
  static final class Control {
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
  record LoopHeader(int ordinal, Label label, OperandStack.Snapshot stack) {}

  private void addControl(Control c) {
    c.index = controls.size();
    controls.add(c);
  }

  /** In an OSR entry: which loops (by ordinal) it can enter, once the body is emitted. */
  boolean[] enterableLoops() {
    boolean[] loops = new boolean[fc.loopCount()];
    for (LoopHeader h : loopHeaders) {
      loops[h.ordinal()] = true;
    }
    return loops;
  }

  private static final ClassDesc CD_SplitOps = ClassDesc.of(SplitOps.class.getName());

  /** A br_table with more entries than this switches through a table (see branchTable). */
  private static final int BIG_BR_TABLE = 64;

  private final FunctionCompiler fc;
  private final WasmModule module;
  private final OperandStack stack;
  private final ArrayList<Control> controls = new ArrayList<>();

  private final List<LoopHeader> loopHeaders = new ArrayList<>();

  ControlEmitter(FunctionCompiler fc) {
    this.fc = fc;
    this.module = fc.module();
    this.stack = fc.stack();
  }

  private CodeBuilder cb() {
    return fc.cb();
  }

  /** How many control frames are open. */
  int depth() {
    return controls.size();
  }

  List<LoopHeader> loopHeaders() {
    return loopHeaders;
  }

  /** The function's own frame: a branch to it returns. */
  void enterFunction(FuncType type) {
    addControl(new Control(FUNCTION, 0, List.of(), type.results(), cb().newLabel()));
  }

  /** In a chunk method, an enclosing frame outside the chunk (see FunctionSplitter). */
  void enterExit(Instruction block) {
    BlockType bt = block.blockType();
    boolean loop = block.opcode() == dev.cortado.wasm.code.Opcode.LOOP;
    List<ValType> types = loop ? blockParams(bt) : blockResults(bt);
    // Only the branch types matter: a branch to an exit frame carries them out.
    addControl(new Control(EXIT, -1, types, types, null));
  }

  /**
   * In a switch chunk, an enclosing block that ends inside it (see FunctionSplitter#reduceSwitch):
   * a block like any other from here on, its end an entry of the chunk (so already branched to).
   */
  void enterOpened() {
    Control c = new Control(BLOCK, 0, List.of(), List.of(), cb().newLabel());
    c.branchedTo = true;
    addControl(c);
  }

  /** A block, loop or if in unreachable code: nothing is emitted for it or its body. */
  void enterDead(boolean loop) {
    addControl(new Control(DEAD, stack.size(), List.of(), List.of(), null));
  }

  /** Whether the innermost frame is a dead one (see {@link #enterDead}). */
  boolean innermostIsDead() {
    return controls.getLast().kind == DEAD;
  }

  void leaveDead() {
    controls.removeLast();
  }

  /** Emits {@code br}. */
  void branch(int depth) {
    Control target = label(depth);
    target.branchedTo = true;
    transferAndJump(target);
  }

  /** Emits a branch to control frame {@code index} with its values on top of the stack. */
  void branchTo(int index) {
    Control c = controls.get(index);
    c.branchedTo = true;
    transferAndJump(c);
  }

  /** The branch types of control frame {@code index} (absolute). */
  List<ValType> branchTypes(int index) {
    return controls.get(index).branchTypes();
  }

  Control label(int depth) {
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

  void enterBlock(int kind, BlockType bt) {
    List<ValType> params = blockParams(bt);
    stack.spillAll();
    addControl(
        new Control(kind, stack.size() - params.size(), params, blockResults(bt), cb().newLabel()));
  }

  void enterLoop(BlockType bt) {
    List<ValType> params = blockParams(bt);
    stack.spillAll();
    // Branches to the loop leave its parameters in the locals of their depths.
    for (int i = stack.size() - params.size(); i < stack.size(); i++) {
      int slot = fc.spillSlot(i, stack.type(i));
      if (stack.where(i) != slot) {
        JvmTypes.load(cb(), stack.type(i), stack.where(i));
        JvmTypes.store(cb(), stack.type(i), slot);
        stack.relocate(i, slot);
      }
    }
    Label header = cb().newBoundLabel();
    fc.refreshMemoryAtLoopHeader();
    // Every iteration passes the header: execution limits (docs/limits.md).
    fc.atLoopHeader();
    addControl(new Control(LOOP, stack.size() - params.size(), params, blockResults(bt), header));
    loopHeaders.add(new LoopHeader(fc.currentLoopOrdinal(), header, stack.snapshot()));
  }

  /**
   * In an OSR entry, before the call of chunk {@code child}, which starts with the loop of ordinal
   * {@code loop}: if the chunk takes no operands, the entry can enter that loop here, by calling
   * the chunk, which starts at the loop's header (see FunctionSplitter.pin).
   */
  void enterableChunk(FunctionSplitter.Chunk child, int loop) {
    // (A method that calls chunks keeps no v128 locals as vectors: FunctionCompiler.vectorLocals.)
    if (child.entries != null || !child.inputs.isEmpty()) {
      return;
    }
    stack.spillAll();
    Label call = cb().newBoundLabel();
    loopHeaders.add(new LoopHeader(loop, call, stack.snapshot()));
  }

  void enterIf(BlockType bt) {
    List<ValType> params = blockParams(bt);
    Control c =
        new Control(
            IF, stack.size() - 1 - params.size(), params, blockResults(bt), cb().newLabel());
    c.elseLabel = cb().newLabel();
    int top = stack.size() - 1;
    boolean fusedCondition = stack.where(top) == OperandStack.FUSED;
    if (!fusedCondition && (stack.jvmCount() > 1 || !params.isEmpty())) {
      // Spill what lies below the condition, so that both arms start from the same state.
      stack.materialize(1);
      cb().istore(fc.scratchInt());
      stack.pop(1);
      stack.spillAll();
      giveParamsOwnLocals(params.size());
      cb().iload(fc.scratchInt());
      stack.push(ValType.I32);
    } else if (fusedCondition) {
      // Only the compare's operands are on the JVM stack: the rest is in locals already.
      stack.pop(1);
      giveParamsOwnLocals(params.size());
      stack.pushAt(ValType.I32, OperandStack.FUSED);
    }
    fc.conditions().branchIfFalse(c.elseLabel);
    c.entry = stack.snapshot();
    addControl(c);
    fc.chargeFuelAfterCurrent();
  }

  /**
   * Moves the top {@code n} entries (in locals) to fresh locals: an if's parameters, which the then
   * arm may overwrite in the depth spill locals but the else arm must still find.
   */
  private void giveParamsOwnLocals(int n) {
    for (int i = stack.size() - n; i < stack.size(); i++) {
      ValType t = stack.type(i);
      int slot = JvmTypes.allocate(cb(), t);
      JvmTypes.load(cb(), t, stack.where(i));
      JvmTypes.store(cb(), t, slot);
      stack.relocate(i, slot);
    }
  }

  void elseBranch() {
    Control c = controls.getLast();
    if (fc.reachable()) {
      stack.materialize(c.results.size());
      cb().goto_(c.label);
      c.branchedTo = true;
    }
    cb().labelBinding(c.elseLabel);
    c.hasElse = true;
    stack.restore(c.entry);
    fc.setReachable(true);
    fc.chargeFuelAfterCurrent();
  }

  void end() {
    Control c = controls.removeLast();
    switch (c.kind) {
      case FUNCTION -> {
        if (fc.reachable()) {
          emitReturn();
        }
        fc.setReachable(false);
      }
      case LOOP -> {
        // Only the fall-through reaches a loop's end: its results stay where they are.
        if (fc.reachable()) {
          fc.chargeFuelAfterCurrent();
        }
      }
      default -> {
        boolean fallsThrough = fc.reachable();
        if (fallsThrough) {
          stack.materialize(c.results.size());
        }
        if (c.kind == IF && !c.hasElse) {
          // The missing else passes the parameters through (they equal the results).
          if (fallsThrough) {
            cb().goto_(c.label);
            c.branchedTo = true;
          }
          cb().labelBinding(c.elseLabel);
          stack.restore(c.entry);
          stack.materialize(c.results.size());
          fallsThrough = true;
        }
        if (fallsThrough || c.branchedTo) {
          cb().labelBinding(c.label);
          stack.truncate(c.height);
          for (ValType t : c.results) {
            stack.push(t);
          }
          fc.setReachable(true);
          fc.chargeFuelAfterCurrent();
        } else {
          fc.setReachable(false);
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
  void transferAndJump(Control target) {
    if (target.kind == FUNCTION) {
      emitReturn();
      return;
    }
    if (target.kind == EXIT) {
      SplitEmitter.exit(fc, FunctionSplitter.BRANCH + target.index, target.branchTypes().size());
      return;
    }
    List<ValType> values = target.branchTypes();
    int n = values.size();
    stack.materialize(n);
    int extras = stack.jvmCount() - n;
    if (target.kind == LOOP) {
      for (int i = n - 1; i >= 0; i--) {
        int depth = target.height + i;
        JvmTypes.store(cb(), values.get(i), fc.spillSlot(depth, values.get(i)));
      }
      stack.pop(n);
      stack.discardJvm(extras);
    } else {
      stack.discardBelow(n, extras);
    }
    cb().goto_(target.label);
  }

  void branchIf(Control target) {
    target.branchedTo = true;
    List<ValType> values = target.branchTypes();
    int n = values.size();
    boolean simple =
        !target.leavesMethod()
            && (target.kind == LOOP
                ? n == 0 && stack.jvmCount() == 1
                : stack.jvmCount() == n + 1 && stack.topOnJvm(n + 1));
    if (simple) {
      if (target.kind == LOOP) {
        fc.conditions().branchBackIfTrue(target.label);
      } else {
        fc.conditions().branchOutIfTrue(target.label);
      }
      return;
    }
    Label skip = cb().newLabel();
    fc.conditions().branchIfFalse(skip);
    OperandStack.Snapshot saved = stack.snapshot();
    transferAndJump(target);
    stack.restore(saved);
    cb().labelBinding(skip);
  }

  void branchTable(Instruction in) {
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
        stubs.put(t, direct && !t.leavesMethod() ? t.label : cb().newLabel());
      }
    }
    if (!direct) {
      // Park the index and the branch values in locals and empty the JVM stack, so that each
      // target's stub starts from the same state.
      cb().istore(fc.scratchInt());
      stack.pop(1);
      stack.materialize(n);
      int extras = stack.jvmCount() - n;
      int[] parked = new int[n];
      for (int i = n - 1; i >= 0; i--) {
        parked[i] = JvmTypes.allocate(cb(), values.get(i));
        JvmTypes.store(cb(), values.get(i), parked[i]);
      }
      stack.pop(n);
      stack.discardJvm(extras);
      stack.pop(extras);
      cb().iload(fc.scratchInt());
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
      cb().ldc(
              DynamicConstantDesc.ofNamed(
                  ConstantDescs.BSM_CLASS_DATA_AT,
                  ConstantDescs.DEFAULT_NAME,
                  CD_int.arrayType(),
                  fc.classContext().constantTable(table)));
      cb().invokestatic(
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
      cb().pop();
      cb().goto_(defaultLabel);
    } else {
      cb().tableswitch(0, cases.size() - 1, defaultLabel, cases);
    }
    OperandStack.Snapshot saved = stack.snapshot();
    for (Map.Entry<Control, Label> e : stubs.entrySet()) {
      if (e.getValue() == e.getKey().label) {
        continue;
      }
      cb().labelBinding(e.getValue());
      stack.restore(saved);
      transferAndJump(e.getKey());
    }
    fc.setReachable(false);
  }

  /** Returns the function's results from the top of the stack (extra ones via the carrier). */
  void emitReturn() {
    int n = fc.type().results().size();
    if (fc.chunk() != null) {
      SplitEmitter.exit(fc, FunctionSplitter.RETURN, n);
      return;
    }
    stack.materialize(n);
    // Results are returned flat: a v128 is its two halves (see JvmTypes).
    JvmTypes.convert(cb(), fc.type().results(), true);
    List<ValType> results = JvmTypes.flat(fc.type().results());
    n = results.size();
    for (int i = n - 1; i >= 1; i--) {
      ValType t = results.get(i);
      cb().aload(fc.resultCarrierSlot());
      cb().loadConstant(i - 1);
      cb().invokestatic(
              JvmTypes.CD_MultiValue,
              "put" + FunctionCompiler.suffix(t),
              MethodTypeDesc.of(
                  ConstantDescs.CD_void, JvmTypes.desc(t), JvmTypes.CD_MultiValue, CD_int));
    }
    fc.releaseFrame();
    if (n == 0) {
      cb().return_();
    } else {
      cb().return_(JvmTypes.kind(results.getFirst()));
    }
  }
}
