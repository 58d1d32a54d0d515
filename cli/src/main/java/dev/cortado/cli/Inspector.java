package dev.cortado.cli;

import dev.cortado.wasm.Export;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.Import;
import dev.cortado.wasm.WasmModule;
import java.util.List;

/**
 * The text {@code cortado inspect} prints: the module's sections with offsets, sizes and entry
 * counts, its imports and exports with their types, its start function and its custom sections. The
 * format is stable (tests compare it with golden files): one item a line, two-space indents.
 *
 * <p>A text module is described by its binary encoding, since sections exist only there (so its
 * custom sections are those the writer makes, such as {@code name}).
 */
final class Inspector {
  private Inspector() {}

  /**
   * Describes {@code module}, decoded from {@code file}; {@code binary} is the module's binary
   * encoding (the file's bytes, or the encoding of a text module) and {@code fromText} says which.
   */
  static String describe(String file, WasmModule module, byte[] binary, boolean fromText) {
    StringBuilder sb = new StringBuilder();
    line(sb, "file: " + file);
    line(
        sb,
        fromText
            ? "format: text (binary encoding: " + binary.length + " bytes)"
            : "format: binary (" + binary.length + " bytes)");

    List<BinarySections.Section> sections = BinarySections.scan(binary);
    line(sb, "sections: " + sections.size());
    for (BinarySections.Section s : sections) {
      String label = s.id() == 0 ? "custom " + quote(s.customName()) : s.name();
      String count =
          switch (s.id()) {
            case 0 -> "";
            case 8 -> "func " + s.count();
            default -> s.count() < 0 ? "" : "count " + s.count();
          };
      line(
          sb,
          String.format("  %-20s offset 0x%-6x size %-8d %s", label, s.offset(), s.size(), count)
              .stripTrailing());
    }

    line(sb, "imports: " + module.imports().size());
    int[] nextIndex = new int[4];
    for (Import i : module.imports()) {
      int index = nextIndex[i.kind().ordinal()]++;
      line(
          sb,
          "  "
              + i.kind().text()
              + " "
              + quote(i.module())
              + " "
              + quote(i.name())
              + " ("
              + i.kind().text()
              + " "
              + index
              + "): "
              + importType(module, i));
    }

    line(sb, "exports: " + module.exports().size());
    for (Export e : module.exports()) {
      line(
          sb,
          "  "
              + e.kind().text()
              + " "
              + quote(e.name())
              + " ("
              + e.kind().text()
              + " "
              + e.index()
              + "): "
              + exportType(module, e));
    }

    line(
        sb,
        "start: " + (module.start().isPresent() ? "func " + module.start().getAsInt() : "none"));

    List<BinarySections.Section> customs = sections.stream().filter(s -> s.id() == 0).toList();
    line(sb, "custom sections: " + customs.size());
    customs.forEach(
        c -> line(sb, "  " + quote(c.customName()) + " (" + c.customDataSize() + " bytes)"));
    return sb.toString();
  }

  private static String importType(WasmModule module, Import i) {
    return switch (i.kind()) {
      case FUNC -> funcType(module, i.typeIndex());
      case TABLE -> i.tableType().toString();
      case MEMORY -> i.memType().toString();
      case GLOBAL -> i.globalType().toString();
    };
  }

  /** The type of an export, or a note if the index is out of range (inspect does not validate). */
  private static String exportType(WasmModule module, Export e) {
    int index = e.index();
    return switch (e.kind()) {
      case FUNC ->
          index < module.functionCount()
              ? funcType(module, module.functionTypeIndex(index))
              : "(no such function)";
      case TABLE ->
          index < module.allTables().size()
              ? module.allTables().get(index).toString()
              : "(no such table)";
      case MEMORY ->
          index < module.allMemories().size()
              ? module.allMemories().get(index).toString()
              : "(no such memory)";
      case GLOBAL ->
          index < module.allGlobals().size()
              ? module.allGlobals().get(index).toString()
              : "(no such global)";
    };
  }

  private static String funcType(WasmModule module, int typeIndex) {
    if (typeIndex < 0 || typeIndex >= module.types().size()) {
      return "(no such type " + typeIndex + ")";
    }
    FuncType type = module.types().get(typeIndex);
    return type.toString();
  }

  /** A name in double quotes, with quotes, backslashes and control characters escaped. */
  static String quote(String s) {
    if (s == null) {
      return "(unreadable name)";
    }
    StringBuilder sb = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            c -> {
              if (c == '"' || c == '\\') {
                sb.append('\\').appendCodePoint(c);
              } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\%02x", c));
              } else {
                sb.appendCodePoint(c);
              }
            });
    return sb.append('"').toString();
  }

  private static void line(StringBuilder sb, String text) {
    sb.append(text).append('\n');
  }
}
