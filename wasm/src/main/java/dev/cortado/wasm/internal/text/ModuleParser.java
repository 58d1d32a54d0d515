package dev.cortado.wasm.internal.text;

import dev.cortado.wasm.DataSegment;
import dev.cortado.wasm.ElemSegment;
import dev.cortado.wasm.Export;
import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.GlobalDefinition;
import dev.cortado.wasm.GlobalType;
import dev.cortado.wasm.Import;
import dev.cortado.wasm.Limits;
import dev.cortado.wasm.MalformedModuleException;
import dev.cortado.wasm.MemType;
import dev.cortado.wasm.Names;
import dev.cortado.wasm.SegmentMode;
import dev.cortado.wasm.TableType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import dev.cortado.wasm.internal.text.ModuleContext.LocalScope;
import dev.cortado.wasm.internal.text.Token.Kind;
import dev.cortado.wasm.internal.text.TypeSyntax.TypeUse;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the module fields of the text format (spec 6.6) into a {@link WasmModule}.
 *
 * <p>Identifiers may be used before the field that binds them, so parsing takes two passes over the
 * tokens, as the reference interpreter's two phases do: the first binds every field's {@code $id}
 * in its index space and records the explicit {@code (type ...)} definitions; the second parses
 * each field fully. Implicit types of type uses (spec 6.6.4) are appended after all explicit ones,
 * in the order they are met.
 */
final class ModuleParser {
  private final String text;
  private final TokenStream in;
  private final ModuleContext context = new ModuleContext();
  private final TypeSyntax types;
  private final WasmModule.Builder builder = WasmModule.builder();
  private final Map<Integer, Map<Integer, String>> localNames = new HashMap<>();
  private final List<FieldOrder> order = new ArrayList<>();
  private int nextFunc;
  private int nextTable;
  private int nextMemory;
  private int nextGlobal;
  private Token start;

  /** Whether a field was an import, or else which kind of definition, for the order check. */
  private record FieldOrder(String definedKind, Token at) {}

  ModuleParser(String text, List<Token> tokens) {
    this.text = text;
    this.in = new TokenStream(tokens);
    this.types = new TypeSyntax(in, context);
  }

  /** {@code (module $id? field*)} or {@code field*}, then the end of the input. */
  WasmModule parse() {
    String moduleName = null;
    boolean wrapped = in.atLpar("module");
    if (wrapped) {
      in.next();
      in.next();
      Token id = in.optionalId();
      moduleName = id == null ? null : id.value();
    }
    int fieldsStart = in.position();
    declare(fieldsStart);
    in.seek(fieldsStart);
    while (in.peek().is(Kind.LPAR)) {
      field();
    }
    if (wrapped) {
      in.expectRpar();
    }
    in.expect(Kind.EOF);
    checkImportOrder();
    builder.types.addAll(context.typeList);
    builder.names(new Names(moduleName, context.funcs.namesByIndex(), localNames));
    return builder.sourceText(text).build();
  }

  // ---------------------------------------------------------------------------------------------
  // Pass 1: bind identifiers, read explicit types.

  /**
   * Binds each field's identifier in its index space and reads {@code (type ...)} fields. A field
   * that is malformed stops this pass; the second pass then reports the error in its place.
   */
  private void declare(int position) {
    int pos = position;
    while (in.token(pos).is(Kind.LPAR)) {
      int after = in.afterMatching(pos);
      Token keyword = in.token(pos + 1);
      if (after < 0 || !keyword.is(Kind.KEYWORD)) {
        return;
      }
      Token id = in.token(pos + 2).is(Kind.ID) ? in.token(pos + 2) : null;
      switch (keyword.text()) {
        case "type" -> {
          if (!declareType(pos)) {
            return;
          }
        }
        case "func" -> context.funcs.bind(id);
        case "table" -> {
          context.tables.bind(id);
          if (hasChild(pos, after, "elem")) {
            context.elems.bind(null);
          }
        }
        case "memory" -> {
          context.memories.bind(id);
          if (hasChild(pos, after, "data")) {
            context.datas.bind(null);
          }
        }
        case "global" -> context.globals.bind(id);
        case "elem" -> context.elems.bind(id);
        case "data" -> context.datas.bind(id);
        case "import" -> declareImport(pos);
        default -> {}
      }
      pos = after;
    }
  }

  /** {@code (type $id? (func ...))}: false if it is malformed. */
  private boolean declareType(int pos) {
    in.seek(pos + 2);
    Token id = in.optionalId();
    TypeUse signature;
    try {
      signature = typeDefinition();
    } catch (MalformedModuleException e) {
      return false;
    }
    context.types.bind(id);
    context.typeList.add(signature.inlineType());
    return true;
  }

  /** The rest of {@code (type $id? (func ...))} after the id, through its {@code )}. */
  private TypeUse typeDefinition() {
    in.expectLpar("func");
    TypeUse signature = types.functionType();
    in.expectRpar();
    in.expectRpar();
    return signature;
  }

  /** {@code (import "m" "n" (kind $id? ...))}: binds {@code $id} in kind's space. */
  private void declareImport(int pos) {
    if (!in.token(pos + 2).is(Kind.STRING)
        || !in.token(pos + 3).is(Kind.STRING)
        || !in.token(pos + 4).is(Kind.LPAR)) {
      return;
    }
    Token kind = in.token(pos + 5);
    Token id = in.token(pos + 6).is(Kind.ID) ? in.token(pos + 6) : null;
    if (kind.isKeyword("func")) {
      context.funcs.bind(id);
    } else if (kind.isKeyword("table")) {
      context.tables.bind(id);
    } else if (kind.isKeyword("memory")) {
      context.memories.bind(id);
    } else if (kind.isKeyword("global")) {
      context.globals.bind(id);
    }
  }

  /** Whether the field at {@code pos} has a direct child {@code (word ...)}. */
  private boolean hasChild(int pos, int after, String word) {
    int i = pos + 2;
    while (i < after - 1) {
      if (in.token(i).is(Kind.LPAR)) {
        if (in.token(i + 1).isKeyword(word)) {
          return true;
        }
        int next = in.afterMatching(i);
        if (next < 0) {
          return false;
        }
        i = next;
      } else {
        i++;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Pass 2: the fields.

  private void field() {
    Token open = in.next();
    Token keyword = in.peek();
    if (!keyword.is(Kind.KEYWORD)) {
      throw in.unexpected(keyword);
    }
    switch (keyword.text()) {
      case "type" -> {
        in.next();
        in.optionalId();
        typeDefinition();
      }
      case "import" -> importField(open);
      case "func" -> funcField(open);
      case "table" -> tableField(open);
      case "memory" -> memoryField(open);
      case "global" -> globalField(open);
      case "export" -> exportField();
      case "start" -> startField(open);
      case "elem" -> elemField();
      case "data" -> dataField();
      default -> throw in.unexpected(keyword);
    }
  }

  private void recordImport(Token at) {
    order.add(new FieldOrder(null, at));
  }

  private void recordDefinition(String kind, Token at) {
    order.add(new FieldOrder(kind, at));
  }

  /**
   * Imports must come before all definitions of functions, tables, memories and globals (spec
   * 6.6.13), so that text order is index order. Reported, as the reference does, for the last
   * definition that an import follows.
   */
  private void checkImportOrder() {
    int lastImport = -1;
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i).definedKind() == null) {
        lastImport = i;
      }
    }
    for (int d = lastImport - 1; d >= 0; d--) {
      String kind = order.get(d).definedKind();
      if (kind != null) {
        for (int i = d + 1; i < order.size(); i++) {
          if (order.get(i).definedKind() == null) {
            throw TokenStream.error(order.get(i).at(), "import after " + kind + " definition");
          }
        }
      }
    }
  }

  /** {@code (export "name")*} after a definition's id (spec 6.6.x abbreviations). */
  private void inlineExports(ExternKind kind, int index) {
    while (in.atLpar("export")) {
      in.next();
      in.next();
      String name = in.name();
      in.expectRpar();
      builder.exports.add(new Export(name, kind, index));
    }
  }

  /** {@code (import "module" "name")}: the two names. */
  private String[] inlineImport() {
    in.expectLpar("import");
    String module = in.name();
    String name = in.name();
    in.expectRpar();
    return new String[] {module, name};
  }

  private void importField(Token open) {
    in.next();
    String module = in.name();
    String name = in.name();
    in.expect(Kind.LPAR);
    Token kind = in.peek();
    if (!kind.is(Kind.KEYWORD)) {
      throw in.unexpected(kind);
    }
    Import imported =
        switch (kind.text()) {
          case "func" -> {
            in.next();
            nextFunc++;
            in.optionalId();
            yield Import.func(module, name, types.resolve(types.typeUse(true)));
          }
          case "table" -> {
            in.next();
            nextTable++;
            in.optionalId();
            yield Import.table(module, name, tableType());
          }
          case "memory" -> {
            in.next();
            nextMemory++;
            in.optionalId();
            yield Import.memory(module, name, memType());
          }
          case "global" -> {
            in.next();
            nextGlobal++;
            in.optionalId();
            yield Import.global(module, name, globalType());
          }
          default -> throw in.unexpected(kind);
        };
    in.expectRpar();
    in.expectRpar();
    builder.imports.add(imported);
    recordImport(open);
  }

  private void funcField(Token open) {
    in.next();
    int index = nextFunc++;
    in.optionalId();
    inlineExports(ExternKind.FUNC, index);
    if (in.atLpar("import")) {
      String[] names = inlineImport();
      int typeIndex = types.resolve(types.typeUse(true));
      in.expectRpar();
      builder.imports.add(Import.func(names[0], names[1], typeIndex));
      recordImport(open);
      return;
    }
    TypeUse use = types.typeUse(true);
    int typeIndex = types.resolve(use);
    LocalScope scope =
        use.typeToken() == null || use.hasInlineSignature()
            ? new LocalScope(use.paramNames())
            : new LocalScope(context, use.typeIndex());
    while (in.atLpar("local")) {
      in.next();
      in.next();
      Token id = in.optionalId();
      if (id != null) {
        scope.declare(id, types.valType());
      } else {
        for (ValType t : types.valTypesUntilRpar()) {
          scope.declare(null, t);
        }
      }
      in.expectRpar();
    }
    List<Instruction> body = InstructionParser.functionBody(in, context, types, scope);
    in.expectRpar();
    builder.functions.add(new FunctionDefinition(typeIndex, scope.declared(), body, open.offset()));
    if (!scope.namesByIndex().isEmpty()) {
      localNames.put(index, Map.copyOf(scope.namesByIndex()));
    }
    recordDefinition("function", open);
  }

  private void tableField(Token open) {
    in.next();
    int index = nextTable++;
    in.optionalId();
    inlineExports(ExternKind.TABLE, index);
    if (in.atLpar("import")) {
      String[] names = inlineImport();
      TableType type = tableType();
      in.expectRpar();
      builder.imports.add(Import.table(names[0], names[1], type));
      recordImport(open);
      return;
    }
    if (in.peek().isKeyword("funcref") || in.peek().isKeyword("externref")) {
      inlineElem(open, index);
    } else {
      TableType type = tableType();
      if (in.peek().is(Kind.LPAR)) {
        throw TokenStream.unsupported(in.peek(), "function references"); // initializer expression
      }
      in.expectRpar();
      builder.tables.add(type);
    }
    recordDefinition("table", open);
  }

  /**
   * {@code (table reftype (elem ...))}: a table exactly as large as its elements, and an active
   * segment filling it from 0 (spec 6.6.8 abbreviation).
   */
  private void inlineElem(Token open, int tableIndex) {
    ValType type = types.refType();
    in.expectLpar("elem");
    List<List<Instruction>> init = new ArrayList<>();
    ValType elemType = type;
    if (in.peek().is(Kind.LPAR)) {
      while (!in.atRpar()) {
        init.add(elemExpression());
      }
    } else {
      init.addAll(functionReferences());
      elemType = ValType.FUNCREF;
    }
    in.expectRpar();
    in.expectRpar();
    builder.tables.add(new TableType(type, Limits.of(init.size(), init.size())));
    builder.elements.add(
        new ElemSegment(elemType, init, SegmentMode.ACTIVE, tableIndex, zeroOffset(open)));
  }

  private static List<Instruction> zeroOffset(Token at) {
    return List.of(
        Instruction.ofConst(Opcode.I32_CONST, 0, at.offset()),
        Instruction.of(Opcode.END, at.offset()));
  }

  private void memoryField(Token open) {
    in.next();
    int index = nextMemory++;
    in.optionalId();
    inlineExports(ExternKind.MEMORY, index);
    if (in.atLpar("import")) {
      String[] names = inlineImport();
      MemType type = memType();
      in.expectRpar();
      builder.imports.add(Import.memory(names[0], names[1], type));
      recordImport(open);
      return;
    }
    if (in.atLpar("data")) {
      // (memory (data "...")): exactly as many pages as the data needs (spec 6.6.9).
      in.next();
      in.next();
      byte[] bytes = strings();
      in.expectRpar();
      in.expectRpar();
      long pages = (bytes.length + (long) MemType.PAGE_SIZE - 1) / MemType.PAGE_SIZE;
      builder.memories.add(MemType.of(Limits.of(pages, pages)));
      builder.datas.add(new DataSegment(bytes, SegmentMode.ACTIVE, index, zeroOffset(open)));
    } else {
      MemType type = memType();
      in.expectRpar();
      builder.memories.add(type);
    }
    recordDefinition("memory", open);
  }

  private void globalField(Token open) {
    in.next();
    int index = nextGlobal++;
    in.optionalId();
    inlineExports(ExternKind.GLOBAL, index);
    if (in.atLpar("import")) {
      String[] names = inlineImport();
      GlobalType type = globalType();
      in.expectRpar();
      builder.imports.add(Import.global(names[0], names[1], type));
      recordImport(open);
      return;
    }
    GlobalType type = globalType();
    List<Instruction> init = InstructionParser.expression(in, context, types);
    in.expectRpar();
    builder.globals.add(new GlobalDefinition(type, init));
    recordDefinition("global", open);
  }

  private void exportField() {
    in.next();
    String name = in.name();
    in.expect(Kind.LPAR);
    Token kind = in.next();
    ExternKind externKind;
    ModuleContext.IndexSpace space;
    if (kind.isKeyword("func")) {
      externKind = ExternKind.FUNC;
      space = context.funcs;
    } else if (kind.isKeyword("table")) {
      externKind = ExternKind.TABLE;
      space = context.tables;
    } else if (kind.isKeyword("memory")) {
      externKind = ExternKind.MEMORY;
      space = context.memories;
    } else if (kind.isKeyword("global")) {
      externKind = ExternKind.GLOBAL;
      space = context.globals;
    } else {
      throw in.unexpected(kind);
    }
    int index = space.resolve(var());
    in.expectRpar();
    in.expectRpar();
    builder.exports.add(new Export(name, externKind, index));
  }

  private void startField(Token open) {
    in.next();
    int index = context.funcs.resolve(var());
    in.expectRpar();
    if (start != null) {
      throw TokenStream.error(start, "multiple start sections");
    }
    start = open;
    builder.start(index);
  }

  /** The element segment forms of spec 6.6.11 and their abbreviations. */
  private void elemField() {
    in.next();
    in.optionalId();
    SegmentMode mode;
    int table = 0;
    List<Instruction> offset = null;
    ValType type;
    List<List<Instruction>> init;
    if (in.peek().isKeyword("declare")) {
      in.next();
      mode = SegmentMode.DECLARATIVE;
    } else if (in.atLpar("table")) {
      in.next();
      in.next();
      table = context.tables.resolve(var());
      in.expectRpar();
      offset = offset();
      mode = SegmentMode.ACTIVE;
    } else if (in.peek().is(Kind.LPAR)) {
      offset = offset();
      mode = SegmentMode.ACTIVE;
      if (in.peek().isVar() || in.atRpar()) {
        // (elem offset funcidx*): the MVP form (spec 6.6.11 abbreviation).
        init = functionReferences();
        in.expectRpar();
        builder.elements.add(new ElemSegment(ValType.FUNCREF, init, mode, 0, offset));
        return;
      }
    } else {
      mode = SegmentMode.PASSIVE;
    }
    if (in.peek().isKeyword("func")) {
      in.next();
      type = ValType.FUNCREF;
      init = functionReferences();
    } else {
      type = types.refType();
      init = new ArrayList<>();
      while (!in.atRpar()) {
        init.add(elemExpression());
      }
    }
    in.expectRpar();
    builder.elements.add(new ElemSegment(type, init, mode, table, offset));
  }

  /** {@code funcidx*}, each as the expression {@code ref.func x end}. */
  private List<List<Instruction>> functionReferences() {
    List<List<Instruction>> init = new ArrayList<>();
    while (in.peek().isVar()) {
      Token var = in.next();
      int index = context.funcs.resolve(var);
      init.add(
          List.of(
              Instruction.ofIndex(Opcode.REF_FUNC, index, var.offset()),
              Instruction.of(Opcode.END, var.offset())));
    }
    return init;
  }

  /** {@code (item instr*)} or a single folded instruction. */
  private List<Instruction> elemExpression() {
    if (in.atLpar("item")) {
      in.next();
      in.next();
      List<Instruction> expr = InstructionParser.expression(in, context, types);
      in.expectRpar();
      return expr;
    }
    return InstructionParser.foldedExpression(in, context, types);
  }

  /** {@code (offset instr*)} or a single folded instruction. */
  private List<Instruction> offset() {
    if (in.atLpar("offset")) {
      in.next();
      in.next();
      List<Instruction> expr = InstructionParser.expression(in, context, types);
      in.expectRpar();
      return expr;
    }
    return InstructionParser.foldedExpression(in, context, types);
  }

  /** The data segment forms of spec 6.6.12. */
  private void dataField() {
    in.next();
    in.optionalId();
    if (in.atLpar("memory")) {
      in.next();
      in.next();
      int memory = context.memories.resolve(var());
      in.expectRpar();
      List<Instruction> offset = offset();
      byte[] bytes = strings();
      in.expectRpar();
      builder.datas.add(new DataSegment(bytes, SegmentMode.ACTIVE, memory, offset));
    } else if (in.peek().is(Kind.LPAR)) {
      List<Instruction> offset = offset();
      byte[] bytes = strings();
      in.expectRpar();
      builder.datas.add(new DataSegment(bytes, SegmentMode.ACTIVE, 0, offset));
    } else {
      byte[] bytes = strings();
      in.expectRpar();
      builder.datas.add(new DataSegment(bytes, SegmentMode.PASSIVE, 0, null));
    }
  }

  /** {@code string*} up to the next {@code )}, concatenated. */
  private byte[] strings() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (!in.atRpar()) {
      out.writeBytes(in.string());
    }
    return out.toByteArray();
  }

  private Token var() {
    Token t = in.peek();
    if (!t.isVar()) {
      throw in.unexpected(t);
    }
    return in.next();
  }

  /** Limits (spec 6.4.4): {@code min max?}, each a {@code u32}. */
  private Limits limits() {
    Token t = in.peek();
    if (t.isKeyword("i64")) {
      throw TokenStream.unsupported(t, "memory64");
    }
    if (in.atLpar("pagesize")) {
      throw TokenStream.unsupported(in.peek(1), "custom page sizes");
    }
    if (in.atLpar("ref")) {
      throw TokenStream.unsupported(in.peek(1), "function references");
    }
    long min = u32(in.expect(Kind.NAT));
    if (in.peek().is(Kind.NAT)) {
      return Limits.of(min, u32(in.next()));
    }
    return Limits.of(min);
  }

  private static long u32(Token t) {
    Long n = NumberParser.u32(t.text());
    if (n == null) {
      throw TokenStream.error(t, "i32 constant out of range");
    }
    return n;
  }

  private TableType tableType() {
    Limits limits = limits();
    return new TableType(types.refType(), limits);
  }

  private MemType memType() {
    Limits limits = limits();
    if (in.atLpar("pagesize")) {
      throw TokenStream.unsupported(in.peek(1), "custom page sizes");
    }
    return MemType.of(limits);
  }

  /** {@code valtype} or {@code (mut valtype)} (spec 6.4.6). */
  private GlobalType globalType() {
    if (in.atLpar("mut")) {
      in.next();
      in.next();
      ValType type = types.valType();
      in.expectRpar();
      return new GlobalType(type, true);
    }
    return new GlobalType(types.valType(), false);
  }
}
