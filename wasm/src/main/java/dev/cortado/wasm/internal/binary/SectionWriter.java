package dev.cortado.wasm.internal.binary;

import dev.cortado.wasm.DataSegment;
import dev.cortado.wasm.ElemSegment;
import dev.cortado.wasm.Export;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.GlobalDefinition;
import dev.cortado.wasm.GlobalType;
import dev.cortado.wasm.Import;
import dev.cortado.wasm.Limits;
import dev.cortado.wasm.MemType;
import dev.cortado.wasm.SegmentMode;
import dev.cortado.wasm.TableType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.List;

/** Encodes the contents of each non-custom section (spec 5.5), the inverse of SectionReader. */
final class SectionWriter {
  private SectionWriter() {}

  /**
   * The contents of section {@code id}, or null to leave it out: a vector section is left out when
   * empty unless {@code landmark} (a custom section is to follow it).
   */
  static ByteWriter section(WasmModule module, int id, boolean landmark) {
    ByteWriter s = new ByteWriter();
    int count =
        switch (id) {
          case 1 -> types(module.types(), s);
          case 2 -> imports(module.imports(), s);
          case 3 -> functions(module.functions(), s);
          case 4 -> tables(module.tables(), s);
          case 5 -> memories(module.memories(), s);
          case 6 -> globals(module.globals(), s);
          case 7 -> exports(module.exports(), s);
          case 8 -> start(module, s);
          case 9 -> elements(module.elements(), s);
          case 10 -> codes(module.functions(), s);
          case 11 -> datas(module.datas(), s);
          case 12 -> dataCount(module, s);
          default -> throw new AssertionError(id);
        };
    return count > 0 || (count == 0 && landmark) ? s : null;
  }

  private static int types(List<FuncType> types, ByteWriter s) {
    s.u32(types.size());
    for (FuncType type : types) {
      s.u8(0x60);
      valTypes(type.params(), s);
      valTypes(type.results(), s);
    }
    return types.size();
  }

  private static void valTypes(List<ValType> types, ByteWriter s) {
    s.u32(types.size());
    for (ValType type : types) {
      s.u8(type.code());
    }
  }

  private static int imports(List<Import> imports, ByteWriter s) {
    s.u32(imports.size());
    for (Import i : imports) {
      s.name(i.module()).name(i.name()).u8(i.kind().code());
      switch (i.kind()) {
        case FUNC -> s.u32(i.typeIndex());
        case TABLE -> tableType(i.tableType(), s);
        case MEMORY -> memType(i.memType(), s);
        case GLOBAL -> globalType(i.globalType(), s);
      }
    }
    return imports.size();
  }

  private static int functions(List<FunctionDefinition> functions, ByteWriter s) {
    s.u32(functions.size());
    for (FunctionDefinition f : functions) {
      s.u32(f.typeIndex());
    }
    return functions.size();
  }

  private static int tables(List<TableType> tables, ByteWriter s) {
    s.u32(tables.size());
    for (TableType table : tables) {
      tableType(table, s);
    }
    return tables.size();
  }

  private static int memories(List<MemType> memories, ByteWriter s) {
    s.u32(memories.size());
    for (MemType memory : memories) {
      memType(memory, s);
    }
    return memories.size();
  }

  private static int globals(List<GlobalDefinition> globals, ByteWriter s) {
    s.u32(globals.size());
    for (GlobalDefinition global : globals) {
      globalType(global.type(), s);
      CodeWriter.write(global.init(), s);
    }
    return globals.size();
  }

  private static int exports(List<Export> exports, ByteWriter s) {
    s.u32(exports.size());
    for (Export e : exports) {
      s.name(e.name()).u8(e.kind().code()).u32(e.index());
    }
    return exports.size();
  }

  private static int start(WasmModule module, ByteWriter s) {
    if (module.start().isEmpty()) {
      return -1;
    }
    s.u32(module.start().getAsInt());
    return 1;
  }

  private static void tableType(TableType type, ByteWriter s) {
    s.u8(type.elementType().code());
    limits(type.limits(), 0, s);
  }

  /** Limits flags: bit 0 for a maximum, bit 1 shared (threads), bit 2 64-bit (memory64). */
  private static void memType(MemType type, ByteWriter s) {
    limits(type.limits(), (type.shared() ? 2 : 0) | (type.memory64() ? 4 : 0), s);
  }

  private static void limits(Limits limits, int flags, ByteWriter s) {
    if (limits.hasMax()) {
      s.u8(flags | 1).u32(limits.min()).u32(limits.max());
    } else {
      s.u8(flags).u32(limits.min());
    }
  }

  private static void globalType(GlobalType type, ByteWriter s) {
    s.u8(type.valType().code()).u8(type.mutable() ? 1 : 0);
  }

  /**
   * Spec 5.5.12: the compact function-index encodings (flags 0 to 3) when every element is a {@code
   * ref.func x} of a funcref segment, else the expression encodings (4 to 7). Flags 0 and 4
   * (active, table 0, funcref) leave out the table and the type.
   */
  private static int elements(List<ElemSegment> elements, ByteWriter s) {
    s.u32(elements.size());
    for (ElemSegment e : elements) {
      boolean compact =
          e.type() == ValType.FUNCREF && e.init().stream().allMatch(x -> isRefFunc(x));
      boolean implicitTable =
          e.mode() == SegmentMode.ACTIVE && e.tableIndex() == 0 && e.type() == ValType.FUNCREF;
      int flags =
          switch (e.mode()) {
            case ACTIVE -> implicitTable ? 0 : 2;
            case PASSIVE -> 1;
            case DECLARATIVE -> 3;
          };
      s.u32(compact ? flags : flags | 4);
      if (e.mode() == SegmentMode.ACTIVE) {
        if (!implicitTable) {
          s.u32(e.tableIndex());
        }
        CodeWriter.write(e.offset(), s);
      }
      if (!implicitTable) {
        s.u8(compact ? 0x00 : e.type().code()); // elemkind 0x00 is funcref
      }
      s.u32(e.init().size());
      for (List<Instruction> init : e.init()) {
        if (compact) {
          s.u32(init.get(0).index());
        } else {
          CodeWriter.write(init, s);
        }
      }
    }
    return elements.size();
  }

  private static boolean isRefFunc(List<Instruction> expression) {
    return expression.size() == 2
        && expression.get(0).opcode() == Opcode.REF_FUNC
        && expression.get(1).opcode() == Opcode.END;
  }

  /** Spec 5.5.13: each entry sized; runs of equal local types compressed into one declaration. */
  private static int codes(List<FunctionDefinition> functions, ByteWriter s) {
    s.u32(functions.size());
    for (FunctionDefinition f : functions) {
      ByteWriter body = new ByteWriter();
      List<ValType> locals = f.locals();
      int groups = 0;
      for (int i = 0; i < locals.size(); i++) {
        if (i == 0 || locals.get(i) != locals.get(i - 1)) {
          groups++;
        }
      }
      body.u32(groups);
      for (int i = 0; i < locals.size(); ) {
        int j = i;
        while (j < locals.size() && locals.get(j) == locals.get(i)) {
          j++;
        }
        body.u32(j - i).u8(locals.get(i).code());
        i = j;
      }
      CodeWriter.write(f.body(), body);
      s.u32(body.size()).bytes(body);
    }
    return functions.size();
  }

  /** Spec 5.5.14: flags 0 (active, memory 0), 1 (passive) or 2 (active, explicit memory). */
  private static int datas(List<DataSegment> datas, ByteWriter s) {
    s.u32(datas.size());
    for (DataSegment d : datas) {
      if (d.mode() == SegmentMode.ACTIVE) {
        if (d.memoryIndex() == 0) {
          s.u32(0);
        } else {
          s.u32(2).u32(d.memoryIndex());
        }
        CodeWriter.write(d.offset(), s);
      } else {
        s.u32(1);
      }
      s.u32(d.bytes().length).bytes(d.bytes());
    }
    return datas.size();
  }

  /**
   * Spec 5.5.15: written when the module had one, or when its code uses a data index (which a
   * module built from text needs without having declared it).
   */
  private static int dataCount(WasmModule module, ByteWriter s) {
    if (module.dataCount().isPresent()) {
      s.u32(module.dataCount().getAsInt());
      return 1;
    }
    for (FunctionDefinition f : module.functions()) {
      for (Instruction i : f.body()) {
        if (i.opcode() == Opcode.MEMORY_INIT || i.opcode() == Opcode.DATA_DROP) {
          s.u32(module.datas().size());
          return 1;
        }
      }
    }
    return -1;
  }
}
