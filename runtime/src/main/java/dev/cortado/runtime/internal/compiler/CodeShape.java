package dev.cortado.runtime.internal.compiler;

import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.BlockType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.InstructionList;
import dev.cortado.wasm.code.Opcode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The structure of a validated function body, for splitting it into methods: for each instruction
 * the operand stack types before it (null where unreachable), each block's matching {@code else}
 * and {@code end}, and an estimate of the bytecode each instruction becomes. One pass, as the
 * validation algorithm (spec appendix), with unreachable code skipped to the end of its block.
 */
final class CodeShape {
  final WasmModule module;
  final FuncType type;
  final List<ValType> localTypes = new ArrayList<>();
  final InstructionList body;

  /** For block, loop and if: the index of the matching end; for else: the end of its if. */
  final int[] end;

  /** For if: the index of its else, or -1. */
  final int[] elseAt;

  /** The operand stack height before each instruction; -1 where the code is unreachable. */
  final int[] height;

  /**
   * The operand stack before each reachable instruction, as its top entry (null if empty): entries
   * are shared, each links to the one below, so that one walk keeps every instruction's stack.
   */
  private final Entry[] stackAt;

  /** One operand stack entry: its type and the entry below. */
  private record Entry(ValType type, Entry below) {}

  /** The sum of {@link #cost}. */
  private int totalCost;

  /** Estimated bytecode bytes of each instruction (blocks: their own code only). */
  final int[] cost;

  /**
   * How many operands each reachable instruction reads: its operands, a branch's label values and
   * condition, a block's parameters and an if's condition.
   */
  final int[] pops;

  /** For each block instruction: how many values it leaves (its results). */
  final int[] pushes;

  /** How many control frames enclose each instruction, the function's own included. */
  final int[] depth;

  /** The innermost block, loop or if instruction enclosing each instruction, or -1. */
  final int[] parentBlock;

  CodeShape(WasmModule module, int funcIndex) {
    this.module = module;
    this.type = module.functionType(funcIndex);
    FunctionDefinition def = module.functions().get(funcIndex - module.importedFunctionCount());
    localTypes.addAll(type.params());
    localTypes.addAll(def.locals());
    this.body = (InstructionList) def.body();
    int n = body.size();
    end = new int[n];
    elseAt = new int[n];
    height = new int[n + 1];
    cost = new int[n];
    pops = new int[n];
    pushes = new int[n];
    depth = new int[n];
    parentBlock = new int[n];
    stackAt = new Entry[n + 1];
    Arrays.fill(elseAt, -1);
    walk();
  }

  /** The stack types before instruction {@code i}, bottom first (it must be reachable). */
  ValType[] typesAt(int i) {
    ValType[] types = new ValType[height[i]];
    Entry e = stackAt[i];
    for (int k = types.length - 1; k >= 0; k--) {
      types[k] = e.type;
      e = e.below;
    }
    return types;
  }

  /** The estimated bytecode of the whole body. */
  int totalCost() {
    return totalCost;
  }

  private record Frame(int start, int height, List<ValType> results, boolean dead) {}

  private void walk() {
    ValType[] stack = new ValType[16];
    // entries[k] is the entry for stack[k] once the instruction that wrote it is done.
    Entry[] entries = new Entry[16];
    int sp = 0;
    boolean reachable = true;
    List<Frame> frames = new ArrayList<>();
    frames.add(new Frame(-1, 0, type.results(), false));
    for (int i = 0; i < body.size(); i++) {
      Instruction in = body.get(i);
      Opcode op = in.opcode();
      height[i] = reachable ? sp : -1;
      if (reachable && sp > 0) {
        stackAt[i] = entries[sp - 1];
      }
      // Stack slots from `floor` up are (re)written by this instruction.
      int floor = sp;
      cost[i] = estimate(in);
      if (reachable && (op == Opcode.SELECT || op == Opcode.SELECT_TYPED)) {
        cost[i] += sp >= 2 && stack[sp - 2] == ValType.V128 ? 32 : 0;
      }
      depth[i] = frames.size();
      parentBlock[i] = frames.getLast().start;
      if (stack.length < sp + 8) {
        stack = Arrays.copyOf(stack, stack.length * 2 + 8);
        entries = Arrays.copyOf(entries, stack.length);
      }
      switch (op) {
        case BLOCK, LOOP, IF -> {
          BlockType bt = in.blockType();
          List<ValType> params = blockParams(bt);
          if (reachable && op == Opcode.IF) {
            sp--;
          }
          int h = reachable ? sp - params.size() : sp;
          pops[i] = params.size() + (op == Opcode.IF ? 1 : 0);
          pushes[i] = blockResults(bt).size();
          frames.add(new Frame(i, h, blockResults(bt), !reachable));
          cost[i] += reachable ? 2 * sp + 6 * count(stack, sp, ValType.V128) : 0;
        }
        case ELSE -> {
          Frame f = frames.getLast();
          elseAt[f.start] = i;
          BlockType bt = body.get(f.start).blockType();
          sp = f.height;
          floor = sp;
          for (ValType t : blockParams(bt)) {
            stack[sp++] = t;
          }
          reachable = !f.dead;
        }
        case END -> {
          Frame f = frames.removeLast();
          if (f.start >= 0) {
            end[f.start] = i;
            if (elseAt[f.start] >= 0) {
              end[elseAt[f.start]] = i;
            }
          }
          sp = f.height;
          floor = sp;
          for (ValType t : f.results) {
            stack[sp++] = t;
          }
          // After the end of a live block the stack is its results (spec 3.3.8 "end"), whether
          // or not anything reaches it.
          reachable = !f.dead;
        }
        default -> {
          if (!reachable) {
            continue;
          }
          pops[i] = operands(in, frames);
          // An instruction writes only where its operands were (branch values count as operands
          // here, which only lowers the floor).
          floor = Math.max(0, sp - pops[i]);
          sp = apply(in, stack, sp);
          if (sp < 0) {
            sp = 0;
            reachable = false;
          }
        }
      }
      for (int k = floor; k < sp; k++) {
        entries[k] = new Entry(stack[k], k == 0 ? null : entries[k - 1]);
      }
      totalCost += height[i] >= 0 ? cost[i] : 0;
    }
    height[body.size()] = sp;
    if (sp > 0) {
      stackAt[body.size()] = entries[sp - 1];
    }
  }

  /** Applies a non-block instruction to the stack; returns the new height, or -1 if it ends. */
  private int apply(Instruction in, ValType[] s, int sp) {
    Opcode op = in.opcode();
    switch (op) {
      case UNREACHABLE, BR, BR_TABLE, RETURN -> {
        return -1;
      }
      case NOP -> {
        return sp;
      }
      case BR_IF -> {
        return sp - 1;
      }
      case CALL, CALL_INDIRECT -> {
        FuncType ft =
            op == Opcode.CALL ? module.functionType(in.index()) : module.types().get(in.index());
        sp -= ft.params().size() + (op == Opcode.CALL_INDIRECT ? 1 : 0);
        for (ValType t : ft.results()) {
          s[sp++] = t;
        }
        return sp;
      }
      case DROP -> {
        return sp - 1;
      }
      case SELECT, SELECT_TYPED -> {
        return sp - 2;
      }
      case LOCAL_GET -> {
        s[sp] = localTypes.get(in.index());
        return sp + 1;
      }
      case LOCAL_SET -> {
        return sp - 1;
      }
      case LOCAL_TEE -> {
        return sp;
      }
      case GLOBAL_GET -> {
        s[sp] = module.allGlobals().get(in.index()).valType();
        return sp + 1;
      }
      case GLOBAL_SET -> {
        return sp - 1;
      }
      case TABLE_GET -> {
        s[sp - 1] = module.allTables().get(in.index()).elementType();
        return sp;
      }
      case TABLE_SET -> {
        return sp - 2;
      }
      case TABLE_SIZE -> {
        s[sp] = ValType.I32;
        return sp + 1;
      }
      case TABLE_GROW -> {
        s[sp - 2] = ValType.I32;
        return sp - 1;
      }
      case TABLE_FILL, TABLE_COPY, TABLE_INIT -> {
        return sp - 3;
      }
      case ELEM_DROP -> {
        return sp;
      }
      case REF_NULL -> {
        s[sp] = in.types().getFirst();
        return sp + 1;
      }
      case REF_IS_NULL -> {
        s[sp - 1] = ValType.I32;
        return sp;
      }
      case REF_FUNC -> {
        s[sp] = ValType.FUNCREF;
        return sp + 1;
      }
      default -> {
        if (!op.hasFixedSignature()) {
          throw new IllegalStateException("no typing for " + op.mnemonic());
        }
        sp -= op.params().size();
        for (ValType t : op.results()) {
          s[sp++] = t;
        }
        return sp;
      }
    }
  }

  /** How many operands {@code in} reads (see {@link #pops}). */
  private int operands(Instruction in, List<Frame> frames) {
    Opcode op = in.opcode();
    return switch (op) {
      case BR -> arity(frames, in.index());
      case BR_IF -> 1 + arity(frames, in.index());
      case BR_TABLE -> 1 + arity(frames, in.label(in.labelCount() - 1));
      case RETURN -> type.results().size();
      case CALL -> module.functionType(in.index()).params().size();
      case CALL_INDIRECT -> module.types().get(in.index()).params().size() + 1;
      case DROP, LOCAL_SET, LOCAL_TEE, GLOBAL_SET, TABLE_GET, REF_IS_NULL -> 1;
      case SELECT, SELECT_TYPED -> 3;
      case TABLE_SET, TABLE_GROW -> 2;
      case TABLE_FILL, TABLE_COPY, TABLE_INIT -> 3;
      case UNREACHABLE, NOP, LOCAL_GET, GLOBAL_GET, TABLE_SIZE, ELEM_DROP, REF_NULL, REF_FUNC -> 0;
      default -> op.hasFixedSignature() ? op.params().size() : 0;
    };
  }

  /** The number of values a branch to label {@code label} carries. */
  private int arity(List<Frame> frames, int label) {
    Frame f = frames.get(frames.size() - 1 - label);
    if (f.start < 0) {
      return type.results().size();
    }
    Instruction block = body.get(f.start);
    return block.opcode() == Opcode.LOOP ? blockParams(block.blockType()).size() : f.results.size();
  }

  List<ValType> blockParams(BlockType bt) {
    return bt.isIndex() ? module.types().get(bt.typeIndex()).params() : List.of();
  }

  List<ValType> blockResults(BlockType bt) {
    if (bt.isIndex()) {
      return module.types().get(bt.typeIndex()).results();
    }
    return bt.isEmpty() ? List.of() : List.of(bt.valType());
  }

  /** A generous estimate of the bytecode an instruction becomes (see FunctionCompiler). */
  private int estimate(Instruction in) {
    Opcode op = in.opcode();
    return switch (op) {
      case NOP, ELSE, END, BLOCK -> 2;
      // The header's position and interruption poll (FunctionCompiler.atLoopHeader), and the
      // memory's extent read in a loop that calls nothing (FunctionCompiler.refreshMemory).
      case LOOP -> 20;
      case IF -> 8;
      case BR, BR_IF, RETURN, DROP, UNREACHABLE -> 8;
      case BR_TABLE -> brTableCost(in);
      case CALL, CALL_INDIRECT -> {
        FuncType ft =
            op == Opcode.CALL ? module.functionType(in.index()) : module.types().get(in.index());
        // With the Vector API, v128 arguments and results are converted to and from their flat
        // halves through locals (JvmTypes.convert).
        int v128s =
            JvmTypes.VECTORS
                ? count(ft.params(), ValType.V128) + count(ft.results(), ValType.V128)
                : 0;
        // The call, then the memory's extent read again (FunctionCompiler.refreshMemory).
        yield 36 + 8 * ft.results().size() + 24 * v128s;
      }
      case LOCAL_GET, LOCAL_SET, LOCAL_TEE -> localTypes.get(in.index()) == ValType.V128 ? 10 : 4;
      case I32_CONST, I64_CONST -> 3;
      case F32_CONST, F64_CONST -> 6;
      case SELECT, SELECT_TYPED -> 4;
      default -> {
        if (op.prefix() == 0xFD) {
          if (JvmTypes.VECTORS) {
            SimdEmitter.VectorMethod m = SimdEmitter.vectorMethod(op);
            if (m != null) {
              // One invokedynamic on the operands as they lie on the stack, after a lane index,
              // the shuffle's lanes (or a few calls, ShufflePlan) or the offset and memory.
              yield op.immediate() == Opcode.Immediate.SHUFFLE ? 40 : 16;
            }
          }
          // Operands to locals (wide stores in big methods), both halves loaded, a helper per
          // half (see SimdEmitter): lane-wise ones are the smallest, shuffle the largest. With
          // the Vector API, an operand's half is a call (JvmTypes.VECTORS), and the result packed.
          yield switch (op.immediate()) {
            case SHUFFLE -> 264;
            case MEMARG, MEMARG_LANE -> JvmTypes.VECTORS ? 72 : 56;
            case V128 -> 12;
            default -> 24 + 24 * op.params().size();
          };
        }
        if (op.immediate() == Opcode.Immediate.MEMARG) {
          yield 16;
        }
        if (Conditions.isComparison(op)) {
          yield 12;
        }
        yield 8;
      }
    };
  }

  private static int count(List<ValType> types, ValType t) {
    int n = 0;
    for (ValType u : types) {
      n += u == t ? 1 : 0;
    }
    return n;
  }

  private static int count(ValType[] stack, int sp, ValType t) {
    int n = 0;
    for (int i = 0; i < sp; i++) {
      n += stack[i] == t ? 1 : 0;
    }
    return n;
  }

  /** A br_table's code: a switch entry per label, or per distinct label with a table. */
  static int brTableCost(Instruction in) {
    int count = in.labelCount();
    if (count <= 65) {
      return 24 + 12 * count;
    }
    return 32 + 12 * (int) java.util.Arrays.stream(in.labels()).distinct().count();
  }
}
