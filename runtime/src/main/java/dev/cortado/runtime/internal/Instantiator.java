package dev.cortado.runtime.internal;

import dev.cortado.runtime.Extern;
import dev.cortado.runtime.InstantiationFailedException;
import dev.cortado.runtime.LinkException;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import dev.cortado.wasm.DataSegment;
import dev.cortado.wasm.ElemSegment;
import dev.cortado.wasm.Export;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.GlobalDefinition;
import dev.cortado.wasm.Import;
import dev.cortado.wasm.Limits;
import dev.cortado.wasm.MemType;
import dev.cortado.wasm.SegmentMode;
import dev.cortado.wasm.TableType;
import dev.cortado.wasm.WasmModule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Module instantiation (spec 4.5.4), step by step in the spec's order. */
public final class Instantiator {
  private static final Object[] DROPPED_ELEMENTS = new Object[0];
  private static final byte[] DROPPED_DATA = new byte[0];

  /** Finds the external value a linker defines for an import, or null. */
  @FunctionalInterface
  public interface Resolver {
    Extern resolve(String module, String name);
  }

  private Instantiator() {}

  /**
   * Instantiates a validated module: throws {@link LinkException} if an import is missing or does
   * not match (before any state changes), {@link InstantiationFailedException} if a segment does
   * not fit or the start function traps (effects of earlier segments on imported tables and
   * memories then remain, as in the spec).
   */
  public static ModuleInstance instantiate(Store store, WasmModule module, Resolver resolver) {
    module.validate();
    Extern[] imports = resolveImports(module, resolver);
    ModuleInstance inst = new ModuleInstance(module, store);
    try {
      inst.state.resources().admitInstance(module);
    } catch (TrapSignal t) {
      throw new InstantiationFailedException(t.toTrap());
    }
    try {
      allocate(inst, imports);
    } catch (OutOfMemoryError e) {
      throw new InstantiationFailedException(
          new Trap(
              TrapKind.RESOURCE_EXHAUSTED,
              "cannot allocate the module's tables or memories"
                  + (e.getMessage() == null ? "" : ": " + e.getMessage()),
              List.of(),
              e));
    }
    initialize(inst);
    return inst;
  }

  // ---- steps 3-4: imports and their types (spec 4.5.2 "import matching") ----

  private static Extern[] resolveImports(WasmModule module, Resolver resolver) {
    List<Import> imports = module.imports();
    Extern[] result = new Extern[imports.size()];
    for (int i = 0; i < result.length; i++) {
      Import imp = imports.get(i);
      String where = imp.module() + "." + imp.name();
      Extern ext = resolver.resolve(imp.module(), imp.name());
      if (ext == null) {
        throw new LinkException("unknown import", where);
      }
      if (!matches(module, imp, ext)) {
        throw new LinkException("incompatible import type", where);
      }
      result[i] = ext;
    }
    return result;
  }

  /** Whether {@code ext}'s current type matches the import's declared type. */
  static boolean matches(WasmModule module, Import imp, Extern ext) {
    return switch (imp.kind()) {
      case FUNC ->
          ext instanceof FunctionHandle f && f.type().equals(module.types().get(imp.typeIndex()));
      case TABLE -> {
        if (!(ext instanceof TableInstance t)) {
          yield false;
        }
        TableType actual = t.type();
        yield actual.elementType() == imp.tableType().elementType()
            && limitsMatch(actual.limits(), imp.tableType().limits());
      }
      case MEMORY -> {
        if (!(ext instanceof MemoryInstance m)) {
          yield false;
        }
        MemType actual = m.type();
        MemType expected = imp.memType();
        yield actual.shared() == expected.shared()
            && actual.memory64() == expected.memory64()
            && limitsMatch(actual.limits(), expected.limits());
      }
      case GLOBAL -> ext instanceof GlobalInstance g && g.type().equals(imp.globalType());
    };
  }

  /** Spec 4.5.2 "limits": at least the expected minimum, and within the expected maximum. */
  static boolean limitsMatch(Limits actual, Limits expected) {
    if (Long.compareUnsigned(actual.min(), expected.min()) < 0) {
      return false;
    }
    if (!expected.hasMax()) {
      return true;
    }
    return actual.hasMax() && Long.compareUnsigned(actual.max(), expected.max()) <= 0;
  }

  // ---- steps 5-11: global values, element references, allocation ----

  private static void allocate(ModuleInstance inst, Extern[] imports) {
    WasmModule module = inst.module();
    int functions = 0;
    int tables = 0;
    int memories = 0;
    int globals = 0;
    inst.functions = new FunctionHandle[module.functionCount()];
    inst.tables = new TableInstance[module.allTables().size()];
    inst.memories = new MemoryInstance[module.allMemories().size()];
    inst.globals = new GlobalInstance[module.allGlobals().size()];
    for (Extern ext : imports) {
      switch (ext) {
        case FunctionHandle f -> inst.functions[functions++] = f;
        case TableInstance t -> inst.tables[tables++] = t;
        case MemoryInstance m -> inst.memories[memories++] = m;
        case GlobalInstance g -> inst.globals[globals++] = g;
        default -> throw new IllegalStateException("unexpected extern " + ext);
      }
    }
    for (FunctionDefinition def : module.functions()) {
      inst.functions[functions] = new WasmFunction(inst, functions, def);
      functions++;
    }
    // Global initializers may read imported globals (and, in later versions, earlier globals):
    // evaluating in index order into the same array serves both.
    ConstEvaluator eval = new ConstEvaluator(inst);
    for (GlobalDefinition def : module.globals()) {
      eval.evaluate(def.init());
      GlobalInstance g = GlobalInstance.ofRaw(def.type(), eval.bits, eval.ref);
      g.high = eval.high;
      inst.globals[globals++] = g;
    }
    List<ElemSegment> elems = module.elements();
    inst.elements = new Object[elems.size()][];
    for (int i = 0; i < elems.size(); i++) {
      List<List<dev.cortado.wasm.code.Instruction>> init = elems.get(i).init();
      Object[] refs = new Object[init.size()];
      for (int j = 0; j < refs.length; j++) {
        eval.evaluate(init.get(j));
        refs[j] = eval.ref;
      }
      inst.elements[i] = refs;
    }
    for (TableType type : module.tables()) {
      TableInstance table = TableInstance.allocate(type, null);
      table.owner = inst.state.resources();
      inst.tables[tables++] = table;
    }
    for (MemType type : module.memories()) {
      MemoryInstance memory = MemoryInstance.allocate(type);
      memory.owner = inst.state.resources();
      inst.memories[memories++] = memory;
    }
    inst.memory0 = inst.memories.length > 0 ? inst.memories[0] : null;
    List<DataSegment> datas = module.datas();
    inst.datas = new byte[datas.size()][];
    for (int i = 0; i < datas.size(); i++) {
      inst.datas[i] = datas.get(i).bytes();
    }
    Map<String, Extern> exports = new LinkedHashMap<>();
    for (Export e : module.exports()) {
      Extern ext =
          switch (e.kind()) {
            case FUNC -> inst.functions[e.index()];
            case TABLE -> inst.tables[e.index()];
            case MEMORY -> inst.memories[e.index()];
            case GLOBAL -> inst.globals[e.index()];
          };
      exports.put(e.name(), ext);
    }
    inst.setExports(Collections.unmodifiableMap(exports));
  }

  // ---- steps 14-17: segments in order, then the start function ----

  private static void initialize(ModuleInstance inst) {
    WasmModule module = inst.module();
    ConstEvaluator eval = new ConstEvaluator(inst);
    List<ElemSegment> elems = module.elements();
    for (int i = 0; i < elems.size(); i++) {
      ElemSegment seg = elems.get(i);
      if (seg.mode() == SegmentMode.ACTIVE) {
        eval.evaluate(seg.offset());
        Object[] refs = inst.elements[i];
        try {
          inst.tables[seg.tableIndex()].init(eval.bits & 0xFFFF_FFFFL, refs, 0, refs.length);
        } catch (TrapSignal t) {
          throw new InstantiationFailedException(t.toTrap());
        }
      }
      if (seg.mode() != SegmentMode.PASSIVE) {
        inst.elements[i] = DROPPED_ELEMENTS;
      }
    }
    List<DataSegment> datas = module.datas();
    for (int i = 0; i < datas.size(); i++) {
      DataSegment seg = datas.get(i);
      if (seg.mode() == SegmentMode.ACTIVE) {
        eval.evaluate(seg.offset());
        byte[] bytes = inst.datas[i];
        try {
          inst.memories[seg.memoryIndex()].init(eval.bits & 0xFFFF_FFFFL, bytes, 0, bytes.length);
        } catch (TrapSignal t) {
          throw new InstantiationFailedException(t.toTrap());
        }
        inst.datas[i] = DROPPED_DATA;
      }
    }
    if (module.start().isPresent()) {
      try {
        inst.functions[module.start().getAsInt()].call();
      } catch (Trap t) {
        throw new InstantiationFailedException(t);
      }
    }
  }
}
