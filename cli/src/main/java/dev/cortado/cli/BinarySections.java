package dev.cortado.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The section layout of a binary module (spec 5.5.2): id, size and what the payload starts with.
 * Used by {@code inspect} on bytes that already decoded, so it only has to be careful, not
 * diagnostic: a layout it cannot follow ends the list.
 */
final class BinarySections {
  private BinarySections() {}

  /**
   * One section.
   *
   * @param id the section id (0 for custom sections)
   * @param offset the byte offset of the section's id byte
   * @param size the payload size in bytes
   * @param count the vector length a section of ids 1-7 and 9-11 starts with, the count of the data
   *     count section (12), the function index of the start section (8), or -1 for custom sections
   * @param customName the name of a custom section, else null
   * @param customDataSize the size of a custom section's data after its name, else -1
   */
  record Section(int id, int offset, int size, long count, String customName, int customDataSize) {
    /** The spec's name of the section. */
    String name() {
      return switch (id) {
        case 0 -> "custom";
        case 1 -> "type";
        case 2 -> "import";
        case 3 -> "function";
        case 4 -> "table";
        case 5 -> "memory";
        case 6 -> "global";
        case 7 -> "export";
        case 8 -> "start";
        case 9 -> "element";
        case 10 -> "code";
        case 11 -> "data";
        case 12 -> "datacount";
        default -> "unknown";
      };
    }
  }

  /** The sections of {@code bytes}, a binary module with its 8-byte preamble. */
  static List<Section> scan(byte[] bytes) {
    List<Section> sections = new ArrayList<>();
    int[] pos = {8};
    while (pos[0] < bytes.length) {
      int start = pos[0];
      int id = bytes[pos[0]++] & 0xff;
      long size = leb(bytes, pos);
      int payload = pos[0];
      if (size < 0 || payload + size > bytes.length) {
        break;
      }
      long count = -1;
      String name = null;
      int dataSize = -1;
      if (id == 0) {
        long length = leb(bytes, pos);
        if (length >= 0 && pos[0] + length <= payload + size) {
          name = new String(bytes, pos[0], (int) length, StandardCharsets.UTF_8);
          dataSize = payload + (int) size - (pos[0] + (int) length);
        }
      } else if (size > 0) {
        count = leb(bytes, pos);
      }
      sections.add(new Section(id, start, (int) size, count, name, dataSize));
      pos[0] = payload + (int) size;
    }
    return sections;
  }

  /** An unsigned LEB128 of at most 32 bits at {@code pos[0]}, advancing it; -1 if cut short. */
  private static long leb(byte[] bytes, int[] pos) {
    long result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (pos[0] >= bytes.length) {
        return -1;
      }
      int b = bytes[pos[0]++] & 0xff;
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    return -1;
  }
}
