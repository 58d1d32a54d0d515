package dev.cortado.wasm.internal.text;

import dev.cortado.wasm.ValType;
import dev.cortado.wasm.code.BlockType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import dev.cortado.wasm.internal.text.ModuleContext.LocalScope;
import dev.cortado.wasm.internal.text.Token.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Parses instruction sequences (spec 6.5), plain and folded, into the flat code of the binary
 * format.
 *
 * <p>Folded expressions nest without bound, so this parser keeps its own stack of open constructs
 * instead of recursing: {@code (i32.add (a) (b))} pushes a frame that emits {@code i32.add} at its
 * {@code )}, after the children; {@code (if c (then ...) (else ...))} emits the condition, {@code
 * if}, the branches, {@code else} and {@code end}. Labels (spec 6.5.1) are kept on a separate
 * stack: a label is the innermost block with that {@code $id}, counted outwards.
 */
final class InstructionParser {
  private final TokenStream in;
  private final ModuleContext context;
  private final TypeSyntax types;
  private final LocalScope locals;
  private final List<Instruction> out = new ArrayList<>();
  private final List<String> labels = new ArrayList<>();
  private final Deque<Frame> frames = new ArrayDeque<>();

  private enum FrameKind {
    /** The whole expression; ends at the enclosing field's {@code )}. */
    ROOT,
    /** {@code block}, {@code loop} or {@code if} written flat; ends at {@code end}. */
    FLAT_BLOCK,
    /** {@code (block ...)} or {@code (loop ...)}. */
    FOLDED_BLOCK,
    /** {@code (instr immediates folded*)}. */
    FOLDED_PLAIN,
    /** {@code (if ...)}, in one of the states below. */
    FOLDED_IF,
    /** {@code (then ...)}. */
    THEN,
    /** {@code (else ...)}. */
    ELSE
  }

  private enum IfState {
    CONDITION,
    AFTER_THEN,
    AFTER_ELSE
  }

  private static final class Frame {
    final FrameKind kind;
    final Token label;
    final Opcode opcode;
    final Instruction instruction;
    boolean inElse;
    IfState ifState = IfState.CONDITION;

    Frame(FrameKind kind, Token label, Opcode opcode, Instruction instruction) {
      this.kind = kind;
      this.label = label;
      this.opcode = opcode;
      this.instruction = instruction;
    }
  }

  private InstructionParser(
      TokenStream in, ModuleContext context, TypeSyntax types, LocalScope locals) {
    this.in = in;
    this.context = context;
    this.types = types;
    this.locals = locals;
  }

  /**
   * A function body: instructions up to the function's {@code )} (not consumed), then {@code end}.
   * The body is inside the function's implicit label (spec 6.6.5).
   */
  static List<Instruction> functionBody(
      TokenStream in, ModuleContext context, TypeSyntax types, LocalScope locals) {
    InstructionParser p = new InstructionParser(in, context, types, locals);
    p.labels.add(null);
    return p.sequence();
  }

  /** A constant expression: instructions up to the enclosing {@code )}, then {@code end}. */
  static List<Instruction> expression(TokenStream in, ModuleContext context, TypeSyntax types) {
    return new InstructionParser(in, context, types, null).sequence();
  }

  /** Exactly one folded instruction, then {@code end} (the abbreviated offset / item forms). */
  static List<Instruction> foldedExpression(
      TokenStream in, ModuleContext context, TypeSyntax types) {
    InstructionParser p = new InstructionParser(in, context, types, null);
    Token start = in.peek();
    if (!start.is(Kind.LPAR)) {
      throw in.unexpected(start);
    }
    p.frames.push(new Frame(FrameKind.ROOT, null, null, null));
    p.startFolded();
    p.run(true);
    p.out.add(Instruction.of(Opcode.END, start.offset()));
    return p.out;
  }

  private List<Instruction> sequence() {
    frames.push(new Frame(FrameKind.ROOT, null, null, null));
    run(false);
    out.add(Instruction.of(Opcode.END, in.peek().offset()));
    return out;
  }

  /** Parses until the ROOT frame ends ({@code single}: until one folded expression is done). */
  private void run(boolean single) {
    while (true) {
      if (single && frames.size() == 1) {
        return;
      }
      Frame f = frames.peek();
      Token t = in.peek();
      switch (f.kind) {
        case FOLDED_PLAIN -> {
          if (t.is(Kind.LPAR)) {
            startFolded();
          } else if (t.is(Kind.RPAR)) {
            in.next();
            out.add(f.instruction);
            frames.pop();
          } else {
            throw in.unexpected(t);
          }
        }
        case FOLDED_IF -> foldedIfStep(f, t);
        default -> {
          if (!sequenceStep(f, t)) {
            return;
          }
        }
      }
    }
  }

  /** One step inside an instruction sequence; false when the ROOT sequence is complete. */
  private boolean sequenceStep(Frame f, Token t) {
    if (t.is(Kind.RPAR)) {
      switch (f.kind) {
        case ROOT -> {
          return false;
        }
        case FOLDED_BLOCK -> {
          in.next();
          out.add(Instruction.of(Opcode.END, t.offset()));
          popLabel();
          frames.pop();
        }
        case THEN -> {
          in.next();
          frames.pop();
          frames.peek().ifState = IfState.AFTER_THEN;
        }
        case ELSE -> {
          in.next();
          frames.pop();
          frames.peek().ifState = IfState.AFTER_ELSE;
        }
        default -> throw in.unexpected(t); // a flat block without its end
      }
    } else if (t.isKeyword("end")) {
      if (f.kind != FrameKind.FLAT_BLOCK) {
        throw in.unexpected(t);
      }
      in.next();
      checkClosingLabel(f.label);
      out.add(Instruction.of(Opcode.END, t.offset()));
      popLabel();
      frames.pop();
    } else if (t.isKeyword("else")) {
      if (f.kind != FrameKind.FLAT_BLOCK || f.opcode != Opcode.IF || f.inElse) {
        throw in.unexpected(t);
      }
      in.next();
      checkClosingLabel(f.label);
      out.add(Instruction.of(Opcode.ELSE, t.offset()));
      f.inElse = true;
    } else if (t.is(Kind.LPAR)) {
      startFolded();
    } else if (t.is(Kind.KEYWORD)) {
      Opcode op = Opcode.ofMnemonic(t.text());
      if (op == Opcode.BLOCK || op == Opcode.LOOP || op == Opcode.IF) {
        in.next();
        Token label = in.optionalId();
        BlockType bt = types.blockType();
        out.add(Instruction.ofBlock(op, bt, t.offset()));
        pushLabel(label);
        frames.push(new Frame(FrameKind.FLAT_BLOCK, label, op, null));
      } else {
        out.add(plain());
      }
    } else {
      throw in.unexpected(t);
    }
    return true;
  }

  private void foldedIfStep(Frame f, Token t) {
    switch (f.ifState) {
      case CONDITION -> {
        if (in.atLpar("then")) {
          in.next();
          in.next();
          out.add(f.instruction);
          pushLabel(f.label);
          frames.push(new Frame(FrameKind.THEN, null, null, null));
        } else if (t.is(Kind.LPAR)) {
          startFolded();
        } else {
          throw in.unexpected(t);
        }
      }
      case AFTER_THEN -> {
        if (in.atLpar("else")) {
          in.next();
          Token elseToken = in.next();
          out.add(Instruction.of(Opcode.ELSE, elseToken.offset()));
          f.ifState = IfState.AFTER_ELSE;
          frames.push(new Frame(FrameKind.ELSE, null, null, null));
        } else {
          endFoldedIf(t);
        }
      }
      case AFTER_ELSE -> endFoldedIf(t);
    }
  }

  private void endFoldedIf(Token t) {
    if (!t.is(Kind.RPAR)) {
      throw in.unexpected(t);
    }
    in.next();
    out.add(Instruction.of(Opcode.END, t.offset()));
    popLabel();
    frames.pop();
  }

  /** At {@code (}: opens a folded instruction. */
  private void startFolded() {
    in.next();
    Token t = in.peek();
    Opcode op = t.is(Kind.KEYWORD) ? Opcode.ofMnemonic(t.text()) : null;
    if (op == Opcode.BLOCK || op == Opcode.LOOP) {
      in.next();
      Token label = in.optionalId();
      BlockType bt = types.blockType();
      out.add(Instruction.ofBlock(op, bt, t.offset()));
      pushLabel(label);
      frames.push(new Frame(FrameKind.FOLDED_BLOCK, label, op, null));
    } else if (op == Opcode.IF) {
      in.next();
      Token label = in.optionalId();
      BlockType bt = types.blockType();
      Instruction instruction = Instruction.ofBlock(Opcode.IF, bt, t.offset());
      frames.push(new Frame(FrameKind.FOLDED_IF, label, op, instruction));
    } else {
      frames.push(new Frame(FrameKind.FOLDED_PLAIN, null, op, plain()));
    }
  }

  /** {@code end $l} or {@code else $l}: the label, if written, must be the block's own. */
  private void checkClosingLabel(Token blockLabel) {
    Token id = in.optionalId();
    if (id != null && (blockLabel == null || !blockLabel.value().equals(id.value()))) {
      throw TokenStream.error(id, "mismatching label");
    }
  }

  private void pushLabel(Token id) {
    labels.add(id == null ? null : id.value());
  }

  private void popLabel() {
    labels.removeLast();
  }

  /** A label reference: a depth, or the innermost enclosing block with that name. */
  private int label(Token var) {
    if (var.is(Kind.NAT)) {
      return ModuleContext.literalIndex(var);
    }
    for (int i = labels.size() - 1; i >= 0; i--) {
      if (var.value().equals(labels.get(i))) {
        return labels.size() - 1 - i;
      }
    }
    throw TokenStream.error(var, "unknown label $" + var.value());
  }

  private Token var() {
    Token t = in.peek();
    if (!t.isVar()) {
      throw in.unexpected(t);
    }
    return in.next();
  }

  /** A plain (non-block) instruction with its immediates (spec 6.5.2 - 6.5.8). */
  private Instruction plain() {
    Token t = in.peek();
    Opcode op = t.is(Kind.KEYWORD) ? Opcode.ofMnemonic(t.text()) : null;
    if (op == null
        || op == Opcode.BLOCK
        || op == Opcode.LOOP
        || op == Opcode.IF
        || op == Opcode.ELSE
        || op == Opcode.END) {
      throw in.unexpected(t);
    }
    in.next();
    int at = t.offset();
    return switch (op.immediate()) {
      case NONE -> op == Opcode.SELECT ? select(at) : Instruction.of(op, at);
      case LABEL -> Instruction.ofIndex(op, label(var()), at);
      case LABEL_TABLE -> brTable(at);
      case FUNC -> Instruction.ofIndex(op, context.funcs.resolve(var()), at);
      case TYPE_TABLE -> callIndirect(at);
      case LOCAL -> Instruction.ofIndex(op, local(var()), at);
      case GLOBAL -> Instruction.ofIndex(op, context.globals.resolve(var()), at);
      case TABLE -> Instruction.ofIndex(op, optionalTable(), at);
      case MEMARG -> memArg(op, at);
      case MEMORY -> {
        rejectMemoryIndex();
        yield Instruction.ofIndex(op, 0, at);
      }
      case I32 -> Instruction.ofConst(op, constant(NumberParser.i32(number().text())), at);
      case I64 -> Instruction.ofConst(op, constant(NumberParser.i64(number().text())), at);
      case F32 -> Instruction.ofConst(op, constant(NumberParser.f32(number().text())), at);
      case F64 -> Instruction.ofConst(op, constant(NumberParser.f64(number().text())), at);
      case REF_TYPE -> Instruction.ofTypes(op, List.of(heapType()), at);
      case DATA_MEMORY -> {
        Token data = var();
        if (in.peek().isVar()) {
          throw TokenStream.unsupported(in.peek(), "multi-memory");
        }
        yield Instruction.ofIndices(op, context.datas.resolve(data), 0, at);
      }
      case DATA -> Instruction.ofIndex(op, context.datas.resolve(var()), at);
      case MEMORY_MEMORY -> {
        rejectMemoryIndex();
        yield Instruction.ofIndices(op, 0, 0, at);
      }
      case ELEM_TABLE -> tableInit(op, at);
      case ELEM -> Instruction.ofIndex(op, context.elems.resolve(var()), at);
      case TABLE_TABLE -> {
        if (!in.peek().isVar()) {
          yield Instruction.ofIndices(op, 0, 0, at);
        }
        int dst = context.tables.resolve(var());
        int src = context.tables.resolve(var());
        yield Instruction.ofIndices(op, dst, src, at);
      }
      case V128 -> SimdSyntax.v128Const(in, at);
      case SHUFFLE -> SimdSyntax.shuffle(in, t);
      case LANE -> Instruction.ofLane(op, SimdSyntax.laneIndex(in), at);
      case MEMARG_LANE -> memArgLane(op, at);
      case VALUE_TYPES, BLOCK_TYPE -> throw in.unexpected(t);
    };
  }

  private Token number() {
    Token t = in.peek();
    if (!t.isNumber()) {
      throw in.unexpected(t);
    }
    return in.next();
  }

  /** The value of the number token just read, or "constant out of range". */
  private long constant(Number value) {
    if (value == null) {
      throw TokenStream.error(in.token(in.position() - 1), "constant out of range");
    }
    return value.longValue();
  }

  private Instruction select(int at) {
    if (!in.atLpar("result")) {
      return Instruction.of(Opcode.SELECT, at);
    }
    List<ValType> results = new ArrayList<>();
    while (in.atLpar("result")) {
      in.next();
      in.next();
      results.addAll(types.valTypesUntilRpar());
      in.expectRpar();
    }
    return Instruction.ofTypes(Opcode.SELECT_TYPED, results, at);
  }

  private Instruction brTable(int at) {
    List<Integer> targets = new ArrayList<>();
    targets.add(label(var()));
    while (in.peek().isVar()) {
      targets.add(label(in.next()));
    }
    return Instruction.ofBrTable(targets.stream().mapToInt(Integer::intValue).toArray(), at);
  }

  private Instruction callIndirect(int at) {
    int table = optionalTable();
    TypeSyntax.TypeUse use = types.typeUse(false);
    return Instruction.ofIndices(Opcode.CALL_INDIRECT, types.resolve(use), table, at);
  }

  private int optionalTable() {
    return in.peek().isVar() ? context.tables.resolve(in.next()) : 0;
  }

  /** {@code table.init x y} (table x, element y) or {@code table.init y} (table 0). */
  private Instruction tableInit(Opcode op, int at) {
    Token first = var();
    if (in.peek().isVar()) {
      int table = context.tables.resolve(first);
      int elem = context.elems.resolve(in.next());
      return Instruction.ofIndices(op, elem, table, at);
    }
    return Instruction.ofIndices(op, context.elems.resolve(first), 0, at);
  }

  private int local(Token var) {
    if (locals == null) {
      if (var.is(Kind.NAT)) {
        return ModuleContext.literalIndex(var);
      }
      throw TokenStream.error(var, "unknown local $" + var.value());
    }
    return locals.resolve(var);
  }

  /** WebAssembly 2.0 has one memory; a memory index immediate is multi-memory's. */
  private void rejectMemoryIndex() {
    if (in.peek().isVar()) {
      throw TokenStream.unsupported(in.peek(), "multi-memory");
    }
  }

  /** {@code ref.null func} or {@code ref.null extern}. */
  private ValType heapType() {
    Token t = in.peek();
    if (t.isKeyword("func")) {
      in.next();
      return ValType.FUNCREF;
    }
    if (t.isKeyword("extern")) {
      in.next();
      return ValType.EXTERNREF;
    }
    if (t.is(Kind.ID) || t.is(Kind.NAT)) {
      throw TokenStream.unsupported(t, "function references");
    }
    throw in.unexpected(t);
  }

  /**
   * {@code v128.load8_lane memarg lane} and the like. A lane index is a number too, so a memory
   * index (multi-memory) shows as a number or id followed by another number or by the memarg.
   */
  private Instruction memArgLane(Opcode op, int at) {
    Token first = in.peek();
    Token second = in.peek(1);
    if (first.is(Kind.ID)
        || (first.is(Kind.NAT)
            && (second.is(Kind.NAT)
                || (second.is(Kind.KEYWORD)
                    && (second.text().startsWith("offset=")
                        || second.text().startsWith("align=")))))) {
      throw TokenStream.unsupported(first, "multi-memory");
    }
    Instruction m = memArgFields(op, at);
    int lane = SimdSyntax.laneIndex(in);
    return Instruction.ofMemArgLane(op, m.align(), m.memoryOffset(), 0, lane, at);
  }

  /** A memory argument (spec 6.5.6): {@code offset=n? align=n?}, defaults 0 and natural. */
  private Instruction memArg(Opcode op, int at) {
    rejectMemoryIndex();
    return memArgFields(op, at);
  }

  private Instruction memArgFields(Opcode op, int at) {
    long offset = 0;
    int align = op.naturalAlignment();
    Token t = in.peek();
    if (t.is(Kind.KEYWORD) && t.text().startsWith("offset=")) {
      in.next();
      Long n = NumberParser.u32(t.text().substring("offset=".length()));
      if (n == null) {
        throw TokenStream.error(t, "i32 constant out of range");
      }
      offset = n;
      t = in.peek();
    }
    if (t.is(Kind.KEYWORD) && t.text().startsWith("align=")) {
      in.next();
      var n = NumberParser.nat(t.text().substring("align=".length()));
      if (n == null || n.bitLength() > 62) {
        throw TokenStream.error(t, "integer constant out of range");
      }
      if (n.bitCount() != 1) {
        throw TokenStream.error(t, "alignment must be a power of two");
      }
      align = n.getLowestSetBit();
    }
    return Instruction.ofMemArg(op, align, offset, 0, at);
  }
}
