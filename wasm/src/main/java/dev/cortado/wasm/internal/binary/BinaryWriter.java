package dev.cortado.wasm.internal.binary;

import dev.cortado.wasm.CustomSection;
import dev.cortado.wasm.Names;
import dev.cortado.wasm.WasmModule;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Encodes a {@link WasmModule} in the binary format (spec 5), canonically: shortest LEB128s, the
 * most compact element and data segment encodings, and empty sections left out.
 *
 * <p>Decoding the result gives back an equal module: custom sections go back after the section that
 * preceded them (an empty section is written if one of them needs it as a landmark), a data count
 * section is written when the module had one or its code needs one, and a {@code name} section is
 * written from {@link WasmModule#names()} unless the module has one already.
 */
public final class BinaryWriter {
  private BinaryWriter() {}

  public static byte[] write(WasmModule module) {
    ByteWriter out = new ByteWriter();
    out.fixed32(BinaryReader.MAGIC).fixed32(BinaryReader.VERSION);
    List<CustomSection> customs = module.customSections();
    writeCustoms(customs, 0, out);
    for (int id : BinaryReader.SECTION_ORDER) {
      boolean landmark = customs.stream().anyMatch(c -> c.precedingSectionId() == id);
      ByteWriter contents = SectionWriter.section(module, id, landmark);
      if (contents != null) {
        out.section(id, contents);
      }
      writeCustoms(customs, id, out);
    }
    for (CustomSection custom : customs) {
      if (BinaryReader.orderOf(custom.precedingSectionId()) < 0
          && custom.precedingSectionId() != 0) {
        writeCustom(custom, out);
      }
    }
    boolean hasNameSection = customs.stream().anyMatch(c -> c.name().equals("name"));
    if (!hasNameSection && !isEmpty(module.names())) {
      // Spec 7.4.1: the name section comes last.
      writeCustom(new CustomSection("name", names(module.names()), 0), out);
    }
    return out.toByteArray();
  }

  private static void writeCustoms(List<CustomSection> customs, int precedingId, ByteWriter out) {
    for (CustomSection custom : customs) {
      if (custom.precedingSectionId() == precedingId) {
        writeCustom(custom, out);
      }
    }
  }

  private static void writeCustom(CustomSection custom, ByteWriter out) {
    out.section(0, new ByteWriter().name(custom.name()).bytes(custom.data()));
  }

  private static boolean isEmpty(Names names) {
    return names.moduleName() == null
        && names.functionNames().isEmpty()
        && names.localNames().isEmpty();
  }

  private static byte[] names(Names names) {
    ByteWriter out = new ByteWriter();
    if (names.moduleName() != null) {
      out.section(0, new ByteWriter().name(names.moduleName()));
    }
    if (!names.functionNames().isEmpty()) {
      out.section(1, nameMap(names.functionNames(), new ByteWriter()));
    }
    if (!names.localNames().isEmpty()) {
      ByteWriter locals = new ByteWriter();
      locals.u32(names.localNames().size());
      for (Map.Entry<Integer, Map<Integer, String>> e : sorted(names.localNames())) {
        locals.u32(e.getKey());
        nameMap(e.getValue(), locals);
      }
      out.section(2, locals);
    }
    return out.toByteArray();
  }

  private static ByteWriter nameMap(Map<Integer, String> names, ByteWriter out) {
    out.u32(names.size());
    for (Map.Entry<Integer, String> e : sorted(names)) {
      out.u32(e.getKey()).name(e.getValue());
    }
    return out;
  }

  private static <V> List<Map.Entry<Integer, V>> sorted(Map<Integer, V> map) {
    return map.entrySet().stream()
        .sorted(Comparator.comparing(Map.Entry::getKey, Integer::compareUnsigned))
        .toList();
  }
}
