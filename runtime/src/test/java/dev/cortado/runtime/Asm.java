package dev.cortado.runtime;

import dev.cortado.wasm.DataSegment;
import dev.cortado.wasm.ElemSegment;
import dev.cortado.wasm.Export;
import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.GlobalDefinition;
import dev.cortado.wasm.GlobalType;
import dev.cortado.wasm.Import;
import dev.cortado.wasm.Limits;
import dev.cortado.wasm.MemType;
import dev.cortado.wasm.Names;
import dev.cortado.wasm.SegmentMode;
import dev.cortado.wasm.TableType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.BlockType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-only assembler for modules: flat instruction text ({@code "local.get 0 i32.const 1
 * i32.add"}) per function, module fields through methods. Instruction offsets are character offsets
 * in the function's text, so backtrace offsets can be checked.
 *
 * <p>Immediates: block types as {@code block i32} or {@code block type=2}; memargs as {@code
 * offset=N}; {@code select i32} is the typed select; {@code ref.null func|extern}; float constants
 * in Java syntax or {@code bits=0x7fa00000}.
 */
public final class Asm {
  private final WasmModule.Builder b = WasmModule.builder();
  private final Map<Integer, String> functionNames = new HashMap<>();
  private int importedFunctions;
  private String moduleName;

  private Asm() {}

  public static Asm module() {
    return new Asm();
  }

  public Asm name(String name) {
    this.moduleName = name;
    return this;
  }

  /** A type index for {@code "i32 i64 -> f32"}. */
  public int type(String signature) {
    FuncType t = funcType(signature);
    int i = b.types.indexOf(t);
    if (i >= 0) {
      return i;
    }
    b.types.add(t);
    return b.types.size() - 1;
  }

  public static FuncType funcType(String signature) {
    String[] parts = signature.split("->", -1);
    return FuncType.of(valTypes(parts[0]), valTypes(parts[1]));
  }

  public static List<ValType> valTypes(String text) {
    List<ValType> types = new ArrayList<>();
    for (String t : text.trim().split("\\s+")) {
      if (!t.isEmpty()) {
        types.add(valType(t));
      }
    }
    return types;
  }

  static ValType valType(String t) {
    for (ValType v : ValType.values()) {
      if (v.text().equals(t)) {
        return v;
      }
    }
    throw new IllegalArgumentException("not a value type: " + t);
  }

  public Asm importFunc(String module, String name, String signature) {
    if (!b.functions.isEmpty()) {
      throw new IllegalStateException("imports first");
    }
    b.imports.add(Import.func(module, name, type(signature)));
    importedFunctions++;
    return this;
  }

  public Asm importMemory(String module, String name, long min, long max) {
    b.imports.add(Import.memory(module, name, MemType.of(new Limits(min, max))));
    return this;
  }

  public Asm importTable(String module, String name, String elemType, long min, long max) {
    b.imports.add(
        Import.table(module, name, new TableType(valType(elemType), new Limits(min, max))));
    return this;
  }

  public Asm importGlobal(String module, String name, String type, boolean mutable) {
    b.imports.add(Import.global(module, name, new GlobalType(valType(type), mutable)));
    return this;
  }

  /** A function exported as {@code export} (if not null), with locals and a body. */
  public Asm func(String export, String signature, String locals, String body) {
    int index = importedFunctions + b.functions.size();
    b.functions.add(new FunctionDefinition(type(signature), valTypes(locals), assemble(body), 0));
    if (export != null) {
      b.exports.add(new Export(export, ExternKind.FUNC, index));
    }
    return this;
  }

  /** Gives function {@code index} a name (as the name section would). */
  public Asm funcName(int index, String name) {
    functionNames.put(index, name);
    return this;
  }

  public Asm memory(long min, long max) {
    b.memories.add(MemType.of(new Limits(min, max)));
    return this;
  }

  public Asm table(String elemType, long min, long max) {
    b.tables.add(new TableType(valType(elemType), new Limits(min, max)));
    return this;
  }

  public Asm global(String type, boolean mutable, String init) {
    b.globals.add(new GlobalDefinition(new GlobalType(valType(type), mutable), assemble(init)));
    return this;
  }

  public Asm export(String name, ExternKind kind, int index) {
    b.exports.add(new Export(name, kind, index));
    return this;
  }

  /** An element segment of function indices: active at {@code offset} (code) or passive. */
  public Asm elem(SegmentMode mode, int table, String offset, int... functions) {
    List<List<Instruction>> init = new ArrayList<>();
    for (int f : functions) {
      init.add(assemble("ref.func " + f));
    }
    b.elements.add(
        new ElemSegment(
            ValType.FUNCREF,
            init,
            mode,
            table,
            mode == SegmentMode.ACTIVE ? assemble(offset) : null));
    return this;
  }

  /** An element segment of arbitrary expressions (each like {@code "ref.null func"}). */
  public Asm elemExprs(
      String type, SegmentMode mode, int table, String offset, String... expressions) {
    List<List<Instruction>> init = new ArrayList<>();
    for (String e : expressions) {
      init.add(assemble(e));
    }
    b.elements.add(
        new ElemSegment(
            valType(type),
            init,
            mode,
            table,
            mode == SegmentMode.ACTIVE ? assemble(offset) : null));
    return this;
  }

  public Asm data(SegmentMode mode, String offset, byte[] bytes) {
    b.datas.add(
        new DataSegment(bytes, mode, 0, mode == SegmentMode.ACTIVE ? assemble(offset) : null));
    b.dataCount(b.datas.size());
    return this;
  }

  public Asm start(int function) {
    b.start(function);
    return this;
  }

  public WasmModule build() {
    b.names(new Names(moduleName, functionNames, Map.of()));
    return b.build();
  }

  /** Assembles flat instruction text and appends the final {@code end}. */
  public static List<Instruction> assemble(String text) {
    List<Instruction> out = new ArrayList<>();
    List<int[]> tokens = tokenize(text);
    int i = 0;
    while (i < tokens.size()) {
      int offset = tokens.get(i)[0];
      String mnemonic = token(text, tokens.get(i++));
      Opcode op = Opcode.ofMnemonic(mnemonic);
      if (op == null) {
        throw new IllegalArgumentException("unknown instruction " + mnemonic);
      }
      String next = i < tokens.size() ? token(text, tokens.get(i)) : "";
      switch (op.immediate()) {
        case NONE -> {
          if (op == Opcode.SELECT && isValType(next)) {
            i++;
            out.add(Instruction.ofTypes(Opcode.SELECT_TYPED, List.of(valType(next)), offset));
          } else {
            out.add(Instruction.of(op, offset));
          }
        }
        case BLOCK_TYPE -> {
          BlockType bt = BlockType.EMPTY;
          if (isValType(next)) {
            bt = BlockType.of(valType(next));
            i++;
          } else if (next.startsWith("type=")) {
            bt = BlockType.ofIndex(Integer.parseInt(next.substring(5)));
            i++;
          }
          out.add(Instruction.ofBlock(op, bt, offset));
        }
        case LABEL_TABLE -> {
          List<Integer> labels = new ArrayList<>();
          while (i < tokens.size() && token(text, tokens.get(i)).matches("\\d+")) {
            labels.add(Integer.parseInt(token(text, tokens.get(i++))));
          }
          out.add(
              Instruction.ofBrTable(labels.stream().mapToInt(Integer::intValue).toArray(), offset));
        }
        case TYPE_TABLE, ELEM_TABLE, TABLE_TABLE -> {
          int a = Integer.parseInt(next);
          int c = Integer.parseInt(token(text, tokens.get(i + 1)));
          i += 2;
          out.add(Instruction.ofIndices(op, a, c, offset));
        }
        case DATA_MEMORY -> {
          i++;
          out.add(Instruction.ofIndices(op, Integer.parseInt(next), 0, offset));
        }
        case MEMORY, MEMORY_MEMORY -> out.add(Instruction.ofIndices(op, 0, 0, offset));
        case MEMARG -> {
          long memOffset = 0;
          if (next.startsWith("offset=")) {
            memOffset = Long.decode(next.substring(7));
            i++;
          }
          out.add(Instruction.ofMemArg(op, 0, memOffset, 0, offset));
        }
        case I32 -> {
          i++;
          out.add(Instruction.ofConst(op, (int) (long) Long.decode(next), offset));
        }
        case I64 -> {
          i++;
          out.add(Instruction.ofConst(op, Long.decode(next), offset));
        }
        case F32 -> {
          i++;
          long bits =
              next.startsWith("bits=")
                  ? Long.decode(next.substring(5))
                  : Float.floatToRawIntBits(Float.parseFloat(next)) & 0xFFFFFFFFL;
          out.add(Instruction.ofConst(op, bits, offset));
        }
        case F64 -> {
          i++;
          long bits =
              next.startsWith("bits=")
                  ? Long.parseUnsignedLong(next.substring(7), 16)
                  : Double.doubleToRawLongBits(Double.parseDouble(next));
          out.add(Instruction.ofConst(op, bits, offset));
        }
        case REF_TYPE -> {
          i++;
          out.add(Instruction.ofTypes(op, List.of(valType(next + "ref")), offset));
        }
        case VALUE_TYPES -> throw new AssertionError();
        default -> {
          i++;
          out.add(Instruction.ofIndex(op, Integer.parseInt(next), offset));
        }
      }
    }
    out.add(Instruction.of(Opcode.END, text.length()));
    return out;
  }

  private static boolean isValType(String t) {
    return Arrays.stream(ValType.values()).anyMatch(v -> v.text().equals(t));
  }

  private static List<int[]> tokenize(String text) {
    List<int[]> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      tokens.add(new int[] {start, i});
    }
    return tokens;
  }

  private static String token(String text, int[] t) {
    return text.substring(t[0], t[1]);
  }
}
