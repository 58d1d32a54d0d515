package dev.cortado.wasm.internal.binary;

import dev.cortado.wasm.MalformedModuleException;
import dev.cortado.wasm.Names;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes the {@code name} custom section (spec 7.4.1): the module name, function names and local
 * names. Subsections of later extensions (ids above 2) are skipped.
 */
final class NameSectionReader {
  private NameSectionReader() {}

  /**
   * The names in {@code data}, the contents of a {@code name} section after its name, or null if
   * they are malformed: a custom section never makes a module malformed (spec 5.5.3), so a bad name
   * section is ignored as a whole.
   */
  static Names read(byte[] data) {
    try {
      return decode(new ByteReader(data));
    } catch (MalformedModuleException e) {
      return null;
    }
  }

  private static Names decode(ByteReader in) {
    String moduleName = null;
    Map<Integer, String> functionNames = Map.of();
    Map<Integer, Map<Integer, String>> localNames = Map.of();
    int previousId = -1;
    while (!in.atEnd()) {
      int at = in.position();
      int id = in.u8();
      if (id <= previousId) {
        throw in.malformed("name subsections out of order", at);
      }
      previousId = id;
      int size = in.length32();
      int end = in.position() + size;
      switch (id) {
        case 0 -> moduleName = in.name();
        case 1 -> functionNames = nameMap(in);
        case 2 -> localNames = indirectNameMap(in);
        default -> in.skip(size);
      }
      if (in.position() != end) {
        throw in.malformed("name subsection size mismatch", at);
      }
    }
    return new Names(moduleName, functionNames, localNames);
  }

  /**
   * Index/name pairs in strictly increasing index order. Indices that no {@code int} holds name
   * nothing a module can have, and are left out.
   */
  private static Map<Integer, String> nameMap(ByteReader in) {
    int n = in.length32();
    Map<Integer, String> names = new HashMap<>();
    long previous = -1;
    for (int i = 0; i < n; i++) {
      long index = increasingIndex(in, previous);
      previous = index;
      String name = in.name();
      if (index <= Integer.MAX_VALUE) {
        names.put((int) index, name);
      }
    }
    return names;
  }

  private static Map<Integer, Map<Integer, String>> indirectNameMap(ByteReader in) {
    int n = in.length32();
    Map<Integer, Map<Integer, String>> names = new HashMap<>();
    long previous = -1;
    for (int i = 0; i < n; i++) {
      long index = increasingIndex(in, previous);
      previous = index;
      Map<Integer, String> inner = nameMap(in);
      if (index <= Integer.MAX_VALUE) {
        names.put((int) index, Map.copyOf(inner));
      }
    }
    return names;
  }

  private static long increasingIndex(ByteReader in, long previous) {
    int at = in.position();
    long index = in.u32();
    if (index <= previous) {
      throw in.malformed("name map indices out of order", at);
    }
    return index;
  }
}
