package dev.cortado.wasm;

import dev.cortado.wasm.internal.binary.BinaryReader;
import dev.cortado.wasm.internal.binary.BinaryWriter;
import dev.cortado.wasm.internal.text.WatParser;
import dev.cortado.wasm.internal.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A decoded WebAssembly module: the structure of spec section 2.5, immutable.
 *
 * <p>Functions, tables, memories and globals each have one index space in which imports come first
 * (spec 2.5.1); {@link #functions()} etc. hold only the module's own definitions, and the {@code
 * *Type(int)} methods answer for the whole index space.
 *
 * <pre>{@code
 * WasmModule module = WasmModule.read(Path.of("fib.wasm")); // decoded and validated
 * module.exports().forEach(e -> System.out.println(e.name()));
 * }</pre>
 */
public final class WasmModule {
  private final List<FuncType> types;
  private final List<Import> imports;
  private final List<FunctionDefinition> functions;
  private final List<TableType> tables;
  private final List<MemType> memories;
  private final List<GlobalDefinition> globals;
  private final List<Export> exports;
  private final OptionalInt start;
  private final List<ElemSegment> elements;
  private final List<DataSegment> datas;
  private final OptionalInt dataCount;
  private final List<CustomSection> customSections;
  private final Names names;
  private final String sourceText;

  // Derived index spaces.
  private final List<Integer> funcTypeIndices;
  private final List<TableType> allTables;
  private final List<MemType> allMemories;
  private final List<GlobalType> allGlobals;
  private final int importedFunctions;
  private final int importedGlobals;

  private volatile boolean validated;

  private WasmModule(Builder b) {
    this.types = List.copyOf(b.types);
    this.imports = List.copyOf(b.imports);
    this.functions = List.copyOf(b.functions);
    this.tables = List.copyOf(b.tables);
    this.memories = List.copyOf(b.memories);
    this.globals = List.copyOf(b.globals);
    this.exports = List.copyOf(b.exports);
    this.start = b.start < 0 ? OptionalInt.empty() : OptionalInt.of(b.start);
    this.elements = List.copyOf(b.elements);
    this.datas = List.copyOf(b.datas);
    this.dataCount = b.dataCount < 0 ? OptionalInt.empty() : OptionalInt.of(b.dataCount);
    this.customSections = List.copyOf(b.customSections);
    this.names = b.names == null ? Names.EMPTY : b.names;
    this.sourceText = b.sourceText;

    List<Integer> fti = new ArrayList<>();
    List<TableType> tt = new ArrayList<>();
    List<MemType> mt = new ArrayList<>();
    List<GlobalType> gt = new ArrayList<>();
    for (Import i : imports) {
      switch (i.kind()) {
        case FUNC -> fti.add(i.typeIndex());
        case TABLE -> tt.add(i.tableType());
        case MEMORY -> mt.add(i.memType());
        case GLOBAL -> gt.add(i.globalType());
      }
    }
    this.importedFunctions = fti.size();
    this.importedGlobals = gt.size();
    for (FunctionDefinition f : functions) {
      fti.add(f.typeIndex());
    }
    tt.addAll(tables);
    mt.addAll(memories);
    for (GlobalDefinition g : globals) {
      gt.add(g.type());
    }
    this.funcTypeIndices = List.copyOf(fti);
    this.allTables = List.copyOf(tt);
    this.allMemories = List.copyOf(mt);
    this.allGlobals = List.copyOf(gt);
  }

  /** Decodes and validates a binary module. */
  public static WasmModule parse(byte[] bytes) {
    return BinaryReader.read(bytes).validate();
  }

  /** Parses and validates a module in the text format ({@code (module ...)}). */
  public static WasmModule parseText(String text) {
    return WatParser.parse(text).validate();
  }

  /**
   * Reads, decodes and validates a module from a file: binary if it starts with the {@code \0asm}
   * magic, otherwise text.
   */
  public static WasmModule read(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
    if (isBinary(bytes)) {
      return parse(bytes);
    }
    return parseText(new String(bytes, StandardCharsets.UTF_8));
  }

  /** Whether {@code bytes} start with the binary format's magic number. */
  public static boolean isBinary(byte[] bytes) {
    return bytes.length >= 4
        && bytes[0] == 0
        && bytes[1] == 'a'
        && bytes[2] == 's'
        && bytes[3] == 'm';
  }

  /**
   * Validates this module (spec 3) and returns it; throws {@link InvalidModuleException} if it is
   * invalid. The result is remembered, so this is cheap to call again.
   */
  public WasmModule validate() {
    if (!validated) {
      Validator.validate(this);
      validated = true;
    }
    return this;
  }

  /** Encodes this module in the binary format. */
  public byte[] toBinary() {
    return BinaryWriter.write(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<FuncType> types() {
    return types;
  }

  public List<Import> imports() {
    return imports;
  }

  /**
   * Defined functions only; function index {@code i} is {@code functions().get(i -
   * importedFunctionCount())}.
   */
  public List<FunctionDefinition> functions() {
    return functions;
  }

  /** Defined tables only. */
  public List<TableType> tables() {
    return tables;
  }

  /** Defined memories only. */
  public List<MemType> memories() {
    return memories;
  }

  /** Defined globals only. */
  public List<GlobalDefinition> globals() {
    return globals;
  }

  public List<Export> exports() {
    return exports;
  }

  public OptionalInt start() {
    return start;
  }

  public List<ElemSegment> elements() {
    return elements;
  }

  public List<DataSegment> datas() {
    return datas;
  }

  /** The data count section's value, if the module had one. */
  public OptionalInt dataCount() {
    return dataCount;
  }

  public List<CustomSection> customSections() {
    return customSections;
  }

  public Names names() {
    return names;
  }

  /** The text this module was parsed from, or null for a binary module. */
  public String sourceText() {
    return sourceText;
  }

  public int importedFunctionCount() {
    return importedFunctions;
  }

  public int importedGlobalCount() {
    return importedGlobals;
  }

  /** Imported plus defined functions. */
  public int functionCount() {
    return funcTypeIndices.size();
  }

  /** The type index of function {@code funcIndex} (whole index space). */
  public int functionTypeIndex(int funcIndex) {
    return funcTypeIndices.get(funcIndex);
  }

  /** The type of function {@code funcIndex} (whole index space). */
  public FuncType functionType(int funcIndex) {
    return types.get(funcTypeIndices.get(funcIndex));
  }

  /** All tables, imported first. */
  public List<TableType> allTables() {
    return allTables;
  }

  /** All memories, imported first. */
  public List<MemType> allMemories() {
    return allMemories;
  }

  /** All global types, imported first. */
  public List<GlobalType> allGlobals() {
    return allGlobals;
  }

  /**
   * Words for a source offset of this module: {@code "offset 0x1f"} for a binary module, {@code
   * "line:column"} (1-based) for a text module.
   */
  public String locate(int offset) {
    if (sourceText == null) {
      return "offset 0x" + Integer.toHexString(offset);
    }
    return locateInText(sourceText, offset);
  }

  /** {@code "line:column"} (1-based) of character {@code offset} in {@code text}. */
  public static String locateInText(String text, int offset) {
    int line = 1;
    int col = 1;
    int end = Math.min(offset, text.length());
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return line + ":" + col;
  }

  /** A mutable builder; {@link #build()} makes the immutable module. */
  public static final class Builder {
    public final List<FuncType> types = new ArrayList<>();
    public final List<Import> imports = new ArrayList<>();
    public final List<FunctionDefinition> functions = new ArrayList<>();
    public final List<TableType> tables = new ArrayList<>();
    public final List<MemType> memories = new ArrayList<>();
    public final List<GlobalDefinition> globals = new ArrayList<>();
    public final List<Export> exports = new ArrayList<>();
    public final List<ElemSegment> elements = new ArrayList<>();
    public final List<DataSegment> datas = new ArrayList<>();
    public final List<CustomSection> customSections = new ArrayList<>();
    private int start = -1;
    private int dataCount = -1;
    private Names names;
    private String sourceText;

    private Builder() {}

    public Builder start(int funcIndex) {
      this.start = funcIndex;
      return this;
    }

    public Builder dataCount(int count) {
      this.dataCount = count;
      return this;
    }

    public Builder names(Names names) {
      this.names = names;
      return this;
    }

    /** Marks the module as parsed from this text, so that offsets are reported as line:column. */
    public Builder sourceText(String text) {
      this.sourceText = text;
      return this;
    }

    public WasmModule build() {
      return new WasmModule(this);
    }
  }
}
