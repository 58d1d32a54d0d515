package dev.cortado.wasm.internal.validation;

import static dev.cortado.wasm.internal.validation.Context.inRange;
import static dev.cortado.wasm.internal.validation.Context.index;

import dev.cortado.wasm.DataSegment;
import dev.cortado.wasm.ElemSegment;
import dev.cortado.wasm.Export;
import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.GlobalDefinition;
import dev.cortado.wasm.GlobalType;
import dev.cortado.wasm.Import;
import dev.cortado.wasm.InvalidModuleException;
import dev.cortado.wasm.Limits;
import dev.cortado.wasm.MemType;
import dev.cortado.wasm.SegmentMode;
import dev.cortado.wasm.TableType;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import dev.cortado.wasm.internal.OrderedBlocks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates everything of a module but function bodies (spec 3.4), in the reference interpreter's
 * order so that a module with several faults reports the one the testsuite expects, and hands the
 * bodies to {@link CodeValidator}.
 */
final class ModuleValidator {
  private static final long MAX_TABLE_SIZE = 0xFFFF_FFFFL;

  private final WasmModule module;
  private final List<FuncType> types;

  /** Code of at least this many instructions is validated on all cores ({@link #validateCode}). */
  private final long parallelInstructions;

  ModuleValidator(WasmModule module, long parallelInstructions) {
    this.module = module;
    this.types = module.types();
    this.parallelInstructions = parallelInstructions;
  }

  void validate() {
    checkImports();
    int importedFunctions = module.importedFunctionCount();
    List<FunctionDefinition> functions = module.functions();
    for (int i = 0; i < functions.size(); i++) {
      checkTypeIndex(functions.get(i).typeIndex(), "func " + (importedFunctions + i));
    }
    // Constant expressions may read imported globals only (spec 3.4.10, C').
    List<GlobalType> allGlobals = module.allGlobals();
    List<GlobalType> importedGlobals = allGlobals.subList(0, module.importedGlobalCount());
    List<GlobalDefinition> globals = module.globals();
    for (int i = 0; i < globals.size(); i++) {
      GlobalDefinition global = globals.get(i);
      checkConstant(
          global.init(),
          global.type().valType(),
          importedGlobals,
          "global " + (module.importedGlobalCount() + i));
    }
    int importedTables = module.allTables().size() - module.tables().size();
    for (int i = 0; i < module.tables().size(); i++) {
      checkTableType(module.tables().get(i), "table " + (importedTables + i));
    }
    int importedMemories = module.allMemories().size() - module.memories().size();
    for (int i = 0; i < module.memories().size(); i++) {
      checkMemType(module.memories().get(i), "memory " + (importedMemories + i));
    }
    List<ElemSegment> elements = module.elements();
    for (int i = 0; i < elements.size(); i++) {
      checkElem(elements.get(i), importedGlobals, "elem segment " + i);
    }
    List<DataSegment> datas = module.datas();
    for (int i = 0; i < datas.size(); i++) {
      checkData(datas.get(i), importedGlobals, "data segment " + i);
    }

    validateCode(new Context(module, declaredFunctions()), importedFunctions, functions);
    checkStart();
    checkExports();
    if (module.allMemories().size() > 1) {
      throw new InvalidModuleException(
          "multiple memories are not allowed in WebAssembly 2.0", "memory 1");
    }
  }

  /**
   * Validates the functions' code: on all cores if it holds {@link #parallelInstructions} or more,
   * with the first failure in function order thrown, as one pass in order would ({@link
   * OrderedBlocks}).
   */
  private void validateCode(Context context, int imported, List<FunctionDefinition> functions) {
    long instructions = 0;
    for (FunctionDefinition f : functions) {
      instructions += f.body().size();
    }
    if (instructions < parallelInstructions || functions.size() < 2) {
      CodeValidator code = new CodeValidator(context);
      for (int i = 0; i < functions.size(); i++) {
        code.validate(imported + i, functions.get(i));
      }
      return;
    }
    OrderedBlocks.run(
        functions.size(),
        () -> new CodeValidator(context),
        (code, i) -> code.validate(imported + i, functions.get(i)));
  }

  private void checkImports() {
    List<Import> imports = module.imports();
    for (int i = 0; i < imports.size(); i++) {
      Import imp = imports.get(i);
      String where = "import " + i + " (\"" + imp.module() + "\" \"" + imp.name() + "\")";
      switch (imp.kind()) {
        case FUNC -> checkTypeIndex(imp.typeIndex(), where);
        case TABLE -> checkTableType(imp.tableType(), where);
        case MEMORY -> checkMemType(imp.memType(), where);
        case GLOBAL -> {}
      }
    }
  }

  private void checkTypeIndex(int typeIndex, String where) {
    if (!inRange(typeIndex, types.size())) {
      throw new InvalidModuleException("unknown type " + index(typeIndex), where);
    }
  }

  // ---- Types (spec 3.2).

  private static void checkTableType(TableType type, String where) {
    checkLimits(type.limits(), MAX_TABLE_SIZE, "table size must be at most 2^32-1", where);
    if (!type.elementType().isReference()) {
      throw new InvalidModuleException(
          "type mismatch: table element type must be a reference type, not " + type.elementType(),
          where);
    }
  }

  private static void checkMemType(MemType type, String where) {
    if (type.memory64()) {
      throw new UnsupportedFeatureException("memory64", where);
    }
    if (type.shared()) {
      throw new UnsupportedFeatureException("threads", where);
    }
    checkLimits(
        type.limits(),
        MemType.MAX_PAGES_32,
        "memory size must be at most 65536 pages (4GiB)",
        where);
  }

  /** Limits must lie within {@code range} and have min ≤ max (spec 3.2.1); unsigned. */
  private static void checkLimits(Limits limits, long range, String tooLarge, String where) {
    if (Long.compareUnsigned(limits.min(), range) > 0) {
      throw new InvalidModuleException(tooLarge, where);
    }
    if (limits.hasMax()) {
      if (Long.compareUnsigned(limits.max(), range) > 0) {
        throw new InvalidModuleException(tooLarge, where);
      }
      if (Long.compareUnsigned(limits.min(), limits.max()) > 0) {
        throw new InvalidModuleException("size minimum must not be greater than maximum", where);
      }
    }
  }

  // ---- Segments (spec 3.4.5, 3.4.6).

  private void checkElem(ElemSegment segment, List<GlobalType> globals, String where) {
    ValType type = segment.type();
    if (!type.isReference()) {
      throw new InvalidModuleException(
          "type mismatch: element segment type must be a reference type, not " + type, where);
    }
    for (List<Instruction> init : segment.init()) {
      checkConstant(init, type, globals, where);
    }
    if (segment.mode() == SegmentMode.ACTIVE) {
      int table = segment.tableIndex();
      List<TableType> tables = module.allTables();
      if (!inRange(table, tables.size())) {
        throw new InvalidModuleException("unknown table " + index(table), where);
      }
      ValType tableType = tables.get(table).elementType();
      if (tableType != type) {
        throw new InvalidModuleException(
            "type mismatch: element segment's type "
                + type
                + " does not match table's element type "
                + tableType,
            where);
      }
      checkOffset(segment.offset(), globals, where);
    }
  }

  private void checkData(DataSegment segment, List<GlobalType> globals, String where) {
    if (segment.mode() == SegmentMode.DECLARATIVE) {
      throw new InvalidModuleException("data segments cannot be declarative", where);
    }
    if (segment.mode() == SegmentMode.ACTIVE) {
      int memory = segment.memoryIndex();
      if (!inRange(memory, module.allMemories().size())) {
        throw new InvalidModuleException("unknown memory " + index(memory), where);
      }
      checkOffset(segment.offset(), globals, where);
    }
  }

  private void checkOffset(List<Instruction> offset, List<GlobalType> globals, String where) {
    if (offset == null) {
      throw new InvalidModuleException("active segment without an offset", where);
    }
    checkConstant(offset, ValType.I32, globals, where);
  }

  // ---- Constant expressions (spec 3.3.10).

  /**
   * Checks that {@code expr} is constant and has type {@code [type]}. Every instruction is checked
   * for constness first, as the reference interpreter does, so {@code (local.get 0)} is "constant
   * expression required" rather than "unknown local".
   */
  private void checkConstant(
      List<Instruction> expr, ValType type, List<GlobalType> globals, String where) {
    int end = expr.size();
    if (end > 0 && expr.get(end - 1).opcode() == Opcode.END) {
      end--;
    }
    for (int i = 0; i < end; i++) {
      Instruction ins = expr.get(i);
      switch (ins.opcode()) {
        case I32_CONST, I64_CONST, F32_CONST, F64_CONST, V128_CONST, REF_NULL, REF_FUNC -> {}
        case GLOBAL_GET -> {
          int global = ins.index();
          if (!inRange(global, globals.size())) {
            throw error("unknown global " + index(global), where, ins);
          }
          if (globals.get(global).mutable()) {
            throw error("constant expression required", where, ins);
          }
        }
        default -> throw error("constant expression required", where, ins);
      }
    }
    // Each constant instruction pushes one value: the expression must be exactly one of them.
    ValType actual = end == 1 ? constantType(expr.getFirst(), globals, where) : null;
    if (actual != type) {
      StringBuilder has = new StringBuilder("[");
      for (int i = 0; i < end; i++) {
        has.append(i > 0 ? " " : "").append(constantType(expr.get(i), globals, where));
      }
      throw error(
          "type mismatch: constant expression requires [" + type + "] but has " + has + "]",
          where,
          end > 0 ? expr.get(end - 1) : null);
    }
  }

  private ValType constantType(Instruction ins, List<GlobalType> globals, String where) {
    return switch (ins.opcode()) {
      case I32_CONST -> ValType.I32;
      case I64_CONST -> ValType.I64;
      case F32_CONST -> ValType.F32;
      case F64_CONST -> ValType.F64;
      case V128_CONST -> ValType.V128;
      case REF_FUNC -> {
        if (!inRange(ins.index(), module.functionCount())) {
          throw error("unknown function " + index(ins.index()), where, ins);
        }
        yield ValType.FUNCREF;
      }
      case REF_NULL -> {
        List<ValType> t = ins.types();
        if (t == null || t.size() != 1 || !t.getFirst().isReference()) {
          throw error("ref.null requires a reference type", where, ins);
        }
        yield t.getFirst();
      }
      default -> globals.get(ins.index()).valType();
    };
  }

  private InvalidModuleException error(String reason, String where, Instruction ins) {
    return new InvalidModuleException(
        reason, ins == null ? where : where + ", " + module.locate(ins.offset()));
  }

  /**
   * C.refs (spec 3.4.10): the functions named anywhere in the module but in function bodies and the
   * start section, that is in global initializers, element and data segments and exports. Indices
   * out of range are reported elsewhere.
   */
  private boolean[] declaredFunctions() {
    boolean[] declared = new boolean[module.functionCount()];
    for (GlobalDefinition global : module.globals()) {
      declareReferences(global.init(), declared);
    }
    for (ElemSegment segment : module.elements()) {
      for (List<Instruction> init : segment.init()) {
        declareReferences(init, declared);
      }
      declareReferences(segment.offset(), declared);
    }
    for (DataSegment segment : module.datas()) {
      declareReferences(segment.offset(), declared);
    }
    for (Export export : module.exports()) {
      if (export.kind() == ExternKind.FUNC && inRange(export.index(), declared.length)) {
        declared[export.index()] = true;
      }
    }
    return declared;
  }

  private static void declareReferences(List<Instruction> expr, boolean[] declared) {
    if (expr == null) {
      return;
    }
    for (Instruction ins : expr) {
      if (ins.opcode() == Opcode.REF_FUNC && inRange(ins.index(), declared.length)) {
        declared[ins.index()] = true;
      }
    }
  }

  // ---- Start and exports (spec 3.4.7, 3.4.8, 3.4.10).

  private void checkStart() {
    if (module.start().isEmpty()) {
      return;
    }
    int func = module.start().getAsInt();
    if (!inRange(func, module.functionCount())) {
      throw new InvalidModuleException("unknown function " + index(func), "start function");
    }
    FuncType type = module.functionType(func);
    if (!type.params().isEmpty() || !type.results().isEmpty()) {
      throw new InvalidModuleException(
          "start function must not have parameters or results, but has type " + type,
          "start function");
    }
  }

  private void checkExports() {
    Set<String> names = new HashSet<>();
    for (Export export : module.exports()) {
      String where = "export \"" + export.name() + "\"";
      int count =
          switch (export.kind()) {
            case FUNC -> module.functionCount();
            case TABLE -> module.allTables().size();
            case MEMORY -> module.allMemories().size();
            case GLOBAL -> module.allGlobals().size();
          };
      if (!inRange(export.index(), count)) {
        String kind = export.kind() == ExternKind.FUNC ? "function" : export.kind().text();
        throw new InvalidModuleException("unknown " + kind + " " + index(export.index()), where);
      }
      if (!names.add(export.name())) {
        throw new InvalidModuleException("duplicate export name", where);
      }
    }
  }
}
