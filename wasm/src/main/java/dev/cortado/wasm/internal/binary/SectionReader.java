package dev.cortado.wasm.internal.binary;

import dev.cortado.wasm.CustomSection;
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
import dev.cortado.wasm.MalformedModuleException;
import dev.cortado.wasm.MemType;
import dev.cortado.wasm.SegmentMode;
import dev.cortado.wasm.TableType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import dev.cortado.wasm.internal.OrderedBlocks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decodes the contents of each section (spec 5.5) into a {@link WasmModule.Builder}. The function
 * and code sections are kept apart until {@link #mergeFunctions()} pairs them.
 */
final class SectionReader {
  /**
   * The most locals a function may declare. The spec only bounds them by 2^32; this is the limit of
   * the JavaScript embedding (and of other engines), which keeps a body from claiming gigabytes.
   */
  static final long MAX_LOCALS = 50_000;

  private final ByteReader in;
  private final CodeReader code;

  /** Code sections of at least this many bytes are decoded on all cores ({@link #codes}). */
  private final int parallelCodeBytes;

  private final WasmModule.Builder module;
  private final List<Integer> functionTypes = new ArrayList<>();
  private final List<Body> bodies = new ArrayList<>();
  private boolean bodiesUseDataIndex;
  private long dataCount = -1;

  /** A code section entry: the declared locals (expanded) and the body. */
  private record Body(List<ValType> locals, List<Instruction> body, int offset) {}

  SectionReader(ByteReader in, WasmModule.Builder module, int parallelCodeBytes) {
    this.in = in;
    this.code = new CodeReader(in);
    this.module = module;
    this.parallelCodeBytes = parallelCodeBytes;
  }

  /** Reads the contents of the non-custom section {@code id}. */
  void read(int id) {
    switch (id) {
      case 1 -> types();
      case 2 -> imports();
      case 3 -> functions();
      case 4 -> tables();
      case 5 -> memories();
      case 6 -> globals();
      case 7 -> exports();
      case 8 -> module.start(in.index());
      case 9 -> elements();
      case 10 -> codes();
      case 11 -> datas();
      case 12 -> dataCount = in.u32();
      default -> throw new AssertionError(id);
    }
  }

  /**
   * Spec 5.5.3: a custom section of {@code size} bytes whose id byte and size have been read. Like
   * the reference interpreter, the name is read first and may run past the declared size.
   */
  void custom(int size, int precedingSectionId) {
    int start = in.position();
    String name = in.name();
    int dataLength = size - (in.position() - start);
    module.customSections.add(new CustomSection(name, in.bytes(dataLength), precedingSectionId));
  }

  /** The data count section's u32, or -1 if there was none. */
  long dataCount() {
    return dataCount;
  }

  /** Whether any function body uses a data index, which requires a data count section. */
  boolean bodiesUseDataIndex() {
    return bodiesUseDataIndex;
  }

  /** Whether the function and code sections have as many entries. */
  boolean functionsMatchBodies() {
    return functionTypes.size() == bodies.size();
  }

  /** Pairs the function section's type indices with the code section's bodies. */
  void mergeFunctions() {
    for (int i = 0; i < bodies.size(); i++) {
      Body b = bodies.get(i);
      module.functions.add(
          new FunctionDefinition(functionTypes.get(i), b.locals(), b.body(), b.offset()));
    }
  }

  private void types() {
    int n = in.length32();
    for (int i = 0; i < n; i++) {
      int at = in.position();
      int form = in.u8();
      if (form != 0x60) {
        throw badTypeForm(form, at);
      }
      List<ValType> params = valTypes();
      List<ValType> results = valTypes();
      module.types.add(FuncType.of(params, results));
    }
  }

  private MalformedModuleException badTypeForm(int form, int at) {
    if ((form & 0x80) != 0) {
      // Read as a 7-bit signed LEB128 by the reference interpreter.
      return in.malformed("integer representation too long", at + 1);
    }
    String feature =
        switch (form) {
          case 0x4E, 0x4F, 0x50, 0x5E, 0x5F -> "gc"; // rec, sub final, sub, array, struct
          default -> null;
        };
    return in.laterProposalOr(feature, at, "malformed function type");
  }

  private List<ValType> valTypes() {
    int n = in.length32();
    List<ValType> types = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      types.add(in.valType());
    }
    return types;
  }

  private void imports() {
    int n = in.length32();
    for (int i = 0; i < n; i++) {
      String moduleName = in.name();
      String name = in.name();
      int at = in.position();
      int kind = in.u8();
      module.imports.add(
          switch (kind) {
            case 0x00 -> Import.func(moduleName, name, in.index());
            case 0x01 -> Import.table(moduleName, name, tableType());
            case 0x02 -> Import.memory(moduleName, name, memType());
            case 0x03 -> Import.global(moduleName, name, globalType());
            // 0x04 (a tag) is exceptions, but the 2.0 testsuite expects this message for it.
            default -> throw in.malformed("malformed import kind", at);
          });
    }
  }

  private void functions() {
    int n = in.length32();
    for (int i = 0; i < n; i++) {
      functionTypes.add(in.index());
    }
  }

  private void tables() {
    int n = in.length32();
    for (int i = 0; i < n; i++) {
      if (in.peek() == 0x40) {
        // A table with an initializer expression: 0x40 0x00 tabletype expr.
        throw in.laterProposalOr("function references", in.position(), "malformed reference type");
      }
      module.tables.add(tableType());
    }
  }

  private void memories() {
    int n = in.length32();
    for (int i = 0; i < n; i++) {
      module.memories.add(memType());
    }
  }

  private void globals() {
    int n = in.length32();
    for (int i = 0; i < n; i++) {
      GlobalType type = globalType();
      module.globals.add(new GlobalDefinition(type, code.expression()));
    }
  }

  private void exports() {
    int n = in.length32();
    for (int i = 0; i < n; i++) {
      String name = in.name();
      int at = in.position();
      ExternKind kind = ExternKind.ofCode(in.u8());
      if (kind == null) {
        throw in.malformed("malformed export kind", at);
      }
      module.exports.add(new Export(name, kind, in.index()));
    }
  }

  private TableType tableType() {
    ValType elementType = in.refType();
    return new TableType(elementType, limits(false));
  }

  private MemType memType() {
    return MemType.of(limits(true));
  }

  private GlobalType globalType() {
    ValType type = in.valType();
    int at = in.position();
    int mutability = in.u8();
    if (mutability > 1) {
      throw in.malformed("malformed mutability", at);
    }
    return new GlobalType(type, mutability == 1);
  }

  /**
   * Spec 5.3.7: a flag (0: min only, 1: min and max) read as a u1, then u32 bounds. Flags of later
   * proposals are reported as such, except 2, which the 2.0 testsuite expects to be "integer too
   * large" for memories and tables alike.
   */
  private Limits limits(boolean memory) {
    int at = in.position();
    int flags = in.peek();
    if (flags >= 2 && flags < 0x80) {
      String feature =
          switch (flags) {
            case 3 -> memory ? "threads" : null; // shared memory with a maximum
            case 4, 5 -> "memory64"; // 64-bit memory or table
            case 6, 7 -> memory ? "memory64" : null; // shared 64-bit memory
            default -> null;
          };
      if (feature != null && in.inContent(at)) {
        throw in.unsupported(feature, at);
      }
    }
    boolean hasMax = in.u1() == 1;
    long min = in.u32();
    return hasMax ? Limits.of(min, in.u32()) : Limits.of(min);
  }

  /** Spec 5.5.12: the eight encodings of element segments, by their flags. */
  private void elements() {
    int n = in.length32();
    for (int i = 0; i < n; i++) {
      long flags = in.u32();
      if (flags > 7) {
        throw in.malformed("malformed elements segment kind", in.position() - 1);
      }
      boolean passiveOrDeclarative = (flags & 1) != 0;
      boolean explicitTable = (flags & 2) != 0;
      boolean expressions = (flags & 4) != 0;
      SegmentMode mode;
      int table = 0;
      List<Instruction> offset = null;
      if (passiveOrDeclarative) {
        mode = explicitTable ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
      } else {
        mode = SegmentMode.ACTIVE;
        if (explicitTable) {
          table = in.index();
        }
        offset = code.expression();
      }
      ValType type = ValType.FUNCREF;
      if (passiveOrDeclarative || explicitTable) {
        type = expressions ? in.refType() : elemKind();
      }
      int count = in.length32();
      List<List<Instruction>> init = new ArrayList<>();
      for (int k = 0; k < count; k++) {
        if (expressions) {
          init.add(code.expression());
        } else {
          int indexAt = in.position();
          int function = in.index();
          init.add(
              List.of(
                  Instruction.ofIndex(Opcode.REF_FUNC, function, indexAt),
                  Instruction.of(Opcode.END, in.position())));
        }
      }
      module.elements.add(new ElemSegment(type, init, mode, table, offset));
    }
  }

  /** The element kind of the compact function-index encodings: only 0x00, funcref. */
  private ValType elemKind() {
    int at = in.position();
    if (in.u8() != 0x00) {
      throw in.malformed("malformed element kind", at);
    }
    return ValType.FUNCREF;
  }

  /**
   * Spec 5.5.13: code entries, each sized, with its locals and body. A section of {@link
   * #parallelCodeBytes} or more is decoded on all cores ({@link #codesInParallel}).
   */
  private void codes() {
    int sectionEnd = in.contentEnd();
    int n = in.length32();
    if (sectionEnd - in.position() >= parallelCodeBytes && n > 1) {
      codesInParallel(n, sectionEnd);
      return;
    }
    for (int i = 0; i < n; i++) {
      int size = in.length32();
      bodies.add(entry(in, code, in.position(), size));
      bodiesUseDataIndex |= code.takeUsesDataIndex();
      in.contentEnd(sectionEnd);
    }
  }

  /** Decodes the code entry of {@code size} bytes at {@code start} with {@code r}, {@code c}. */
  private static Body entry(ByteReader r, CodeReader c, int start, int size) {
    r.contentEnd(start + size);
    List<ValType> locals = locals(r);
    List<Instruction> body = c.expression();
    if (r.position() != start + size) {
      throw r.malformed("section size mismatch", start);
    }
    return new Body(locals, body, start);
  }

  /**
   * The code entries decoded on all cores, with the result and the error of one pass in order.
   * Where each entry starts depends only on the sizes before it once every entry before it has
   * decoded (the pass in order stops at the first that does not): the sizes are read first, then
   * the entries decode in parallel ({@link OrderedBlocks}), the first failure in entry order
   * thrown, or, if none, that of reading the sizes. Decoding allocates most of its time (an {@link
   * Instruction} per instruction), so two cores decode a 40 MB module about a fifth faster; a small
   * module is decoded before the threads would have warmed up, hence the threshold.
   */
  private void codesInParallel(int n, int sectionEnd) {
    int[] starts = new int[n];
    int[] sizes = new int[n];
    int read = 0;
    RuntimeException sizeFailure = null;
    try {
      for (; read < n; read++) {
        sizes[read] = in.length32();
        starts[read] = in.position();
        in.position(starts[read] + sizes[read]);
      }
    } catch (RuntimeException e) {
      sizeFailure = e;
    }
    Body[] decoded = new Body[read];
    List<CodeReader> readers =
        OrderedBlocks.run(
            read,
            () -> new CodeReader(in.sameBytes()),
            (c, i) -> {
              c.input().position(starts[i]);
              decoded[i] = entry(c.input(), c, starts[i], sizes[i]);
            });
    if (sizeFailure != null) {
      throw sizeFailure;
    }
    for (CodeReader c : readers) {
      bodiesUseDataIndex |= c.takeUsesDataIndex();
    }
    bodies.addAll(java.util.Arrays.asList(decoded));
    in.contentEnd(sectionEnd);
  }

  private static List<ValType> locals(ByteReader in) {
    int at = in.position();
    int groups = in.length32();
    long total = 0;
    List<Long> counts = new ArrayList<>();
    List<ValType> types = new ArrayList<>();
    for (int i = 0; i < groups; i++) {
      long count = in.u32();
      counts.add(count);
      types.add(in.valType());
      total += count;
    }
    if (total > MAX_LOCALS) {
      throw in.malformed("too many locals", at);
    }
    List<ValType> locals = new ArrayList<>((int) total);
    for (int i = 0; i < groups; i++) {
      locals.addAll(Collections.nCopies((int) (long) counts.get(i), types.get(i)));
    }
    return locals;
  }

  /** Spec 5.5.14: data segments by their flags (0: active memory 0, 1: passive, 2: active). */
  private void datas() {
    int n = in.length32();
    for (int i = 0; i < n; i++) {
      long flags = in.u32();
      SegmentMode mode = SegmentMode.ACTIVE;
      int memory = 0;
      List<Instruction> offset = null;
      if (flags == 1) {
        mode = SegmentMode.PASSIVE;
      } else if (flags == 0 || flags == 2) {
        if (flags == 2) {
          memory = in.index();
        }
        offset = code.expression();
      } else {
        throw in.malformed("malformed data segment kind", in.position() - 1);
      }
      int length = in.length32();
      module.datas.add(new DataSegment(in.bytes(length), mode, memory, offset));
    }
  }
}
