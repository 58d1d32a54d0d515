package dev.cortado.spectest.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Damages binary modules the way a fuzzer should: bit flips, interesting bytes, truncations,
 * insertions, deletions, over-long LEB128 encodings, section-level changes (a size off by a little,
 * sections dropped, duplicated or swapped) and splices of two modules. Deterministic for a given
 * random source.
 */
final class Mutator {
  private static final byte[] INTERESTING = {
    0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0xFF, 0x40, 0x41, 0x0B, 0x60, 0x70, 0x6F, 0x7B
  };

  private final SplittableRandom random;

  Mutator(SplittableRandom random) {
    this.random = random;
  }

  /** A damaged copy of {@code seed} (one to three mutations); {@code other} may be spliced in. */
  byte[] mutate(byte[] seed, byte[] other, List<String> applied) {
    byte[] b = seed;
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(10);
      b =
          switch (kind) {
            case 0, 1 -> flipBits(b, applied);
            case 2 -> interestingByte(b, applied);
            case 3 -> truncate(b, applied);
            case 4 -> insert(b, applied);
            case 5 -> delete(b, applied);
            case 6 -> overlongLeb(b, applied);
            case 7 -> resizeSection(b, applied);
            case 8 -> shuffleSections(b, applied);
            default -> splice(b, other, applied);
          };
    }
    return b;
  }

  private int position(byte[] b) {
    // Past the 8-byte header most of the time: damage there is caught at once.
    if (b.length <= 8 || random.nextInt(20) == 0) {
      return random.nextInt(Math.max(1, b.length));
    }
    return 8 + random.nextInt(b.length - 8);
  }

  private byte[] flipBits(byte[] b, List<String> applied) {
    if (b.length == 0) {
      return b;
    }
    byte[] r = b.clone();
    int flips = 1 + random.nextInt(4);
    for (int i = 0; i < flips; i++) {
      int p = position(r);
      int bit = random.nextInt(8);
      r[p] ^= (byte) (1 << bit);
      applied.add("flip bit " + bit + " at " + p);
    }
    return r;
  }

  private byte[] interestingByte(byte[] b, List<String> applied) {
    if (b.length == 0) {
      return b;
    }
    byte[] r = b.clone();
    int p = position(r);
    r[p] = INTERESTING[random.nextInt(INTERESTING.length)];
    applied.add(String.format("set byte at %d to 0x%02x", p, r[p] & 0xFF));
    return r;
  }

  private byte[] truncate(byte[] b, List<String> applied) {
    int n = random.nextInt(b.length + 1);
    applied.add("truncate to " + n);
    return Arrays.copyOf(b, n);
  }

  private byte[] insert(byte[] b, List<String> applied) {
    int p = random.nextInt(b.length + 1);
    int n = 1 + random.nextInt(random.nextInt(8) == 0 ? 64 : 4);
    byte[] ins = new byte[n];
    for (int i = 0; i < n; i++) {
      ins[i] =
          random.nextBoolean()
              ? (byte) random.nextInt(256)
              : INTERESTING[random.nextInt(INTERESTING.length)];
    }
    applied.add("insert " + n + " bytes at " + p);
    return concat(Arrays.copyOf(b, p), ins, Arrays.copyOfRange(b, p, b.length));
  }

  private byte[] delete(byte[] b, List<String> applied) {
    if (b.length == 0) {
      return b;
    }
    int p = random.nextInt(b.length);
    int n = 1 + random.nextInt(Math.min(16, b.length - p));
    applied.add("delete " + n + " bytes at " + p);
    return concat(Arrays.copyOf(b, p), Arrays.copyOfRange(b, p + n, b.length));
  }

  /**
   * Re-encodes the LEB128 at a position as a longer one: padded to 5 bytes (still valid for a u32),
   * or to 6 to 11 bytes (too long for any integer).
   */
  private byte[] overlongLeb(byte[] b, List<String> applied) {
    List<Section> sections = Section.parse(b);
    int p;
    if (!sections.isEmpty() && random.nextBoolean()) {
      // A section's size: the best-known LEB128 in the module.
      p = sections.get(random.nextInt(sections.size())).sizeAt;
    } else if (b.length > 8) {
      p = 8 + random.nextInt(b.length - 8);
    } else {
      return b;
    }
    int end = p;
    while (end < b.length && end - p < 10 && (b[end] & 0x80) != 0) {
      end++;
    }
    if (end >= b.length) {
      return b;
    }
    int oldLength = end - p + 1;
    int newLength = random.nextBoolean() ? 5 : 6 + random.nextInt(6);
    if (newLength <= oldLength) {
      newLength = oldLength + 1;
    }
    byte[] leb = new byte[newLength];
    for (int i = 0; i < newLength; i++) {
      byte v = i < oldLength ? (byte) (b[p + i] & 0x7F) : 0;
      leb[i] = (byte) (i < newLength - 1 ? v | 0x80 : v);
    }
    applied.add("over-long LEB128 at " + p + ": " + oldLength + " -> " + newLength + " bytes");
    return concat(Arrays.copyOf(b, p), leb, Arrays.copyOfRange(b, end + 1, b.length));
  }

  /** Changes a section's size by a little, leaving its content alone. */
  private byte[] resizeSection(byte[] b, List<String> applied) {
    List<Section> sections = Section.parse(b);
    if (sections.isEmpty()) {
      return flipBits(b, applied);
    }
    Section s = sections.get(random.nextInt(sections.size()));
    long size = Math.max(0, s.size + random.nextInt(-3, 4));
    if (random.nextInt(10) == 0) {
      size = random.nextBoolean() ? 0xFFFF_FFFFL : s.size + 1_000_000;
    }
    applied.add("section " + s.id + " at " + s.start + ": size " + s.size + " -> " + size);
    return concat(
        Arrays.copyOf(b, s.sizeAt),
        Section.leb(size),
        Arrays.copyOfRange(b, s.contentAt, b.length));
  }

  /** Drops, duplicates or swaps whole sections. */
  private byte[] shuffleSections(byte[] b, List<String> applied) {
    List<Section> sections = Section.parse(b);
    if (sections.size() < 2) {
      return truncate(b, applied);
    }
    List<byte[]> parts = new ArrayList<>();
    for (Section s : sections) {
      parts.add(Arrays.copyOfRange(b, s.start, s.end));
    }
    int i = random.nextInt(parts.size());
    int j = random.nextInt(parts.size());
    switch (random.nextInt(3)) {
      case 0 -> {
        parts.remove(i);
        applied.add("drop section #" + i);
      }
      case 1 -> {
        parts.add(j, parts.get(i));
        applied.add("duplicate section #" + i + " at #" + j);
      }
      default -> {
        byte[] t = parts.get(i);
        parts.set(i, parts.get(j));
        parts.set(j, t);
        applied.add("swap sections #" + i + " and #" + j);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(b, 0, sections.getFirst().start);
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    out.write(b, sections.getLast().end, b.length - sections.getLast().end);
    return out.toByteArray();
  }

  /** The start of one module with the rest of another, cut at section boundaries if possible. */
  private byte[] splice(byte[] b, byte[] other, List<String> applied) {
    if (other == null || other.length == 0) {
      return insert(b, applied);
    }
    List<Section> mine = Section.parse(b);
    List<Section> theirs = Section.parse(other);
    int cut =
        mine.isEmpty() ? random.nextInt(b.length + 1) : mine.get(random.nextInt(mine.size())).start;
    int from =
        theirs.isEmpty()
            ? random.nextInt(other.length + 1)
            : theirs.get(random.nextInt(theirs.size())).start;
    applied.add("splice at " + cut + " with another module from " + from);
    return concat(Arrays.copyOf(b, cut), Arrays.copyOfRange(other, from, other.length));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** One section of a well-formed module's outline: id, where its size and content are. */
  record Section(int id, int start, int sizeAt, int contentAt, long size, int end) {
    /** The sections of {@code b} as far as they parse; empty if the header is damaged. */
    static List<Section> parse(byte[] b) {
      List<Section> sections = new ArrayList<>();
      int p = 8;
      if (b.length < 8) {
        return sections;
      }
      while (p < b.length) {
        int start = p;
        int id = b[p++] & 0xFF;
        long size = 0;
        int shift = 0;
        int sizeAt = p;
        while (p < b.length && shift < 35) {
          int x = b[p++] & 0xFF;
          size |= (long) (x & 0x7F) << shift;
          shift += 7;
          if ((x & 0x80) == 0) {
            break;
          }
        }
        long end = p + size;
        if (end > b.length || shift >= 35) {
          break;
        }
        sections.add(new Section(id, start, sizeAt, p, size, (int) end));
        p = (int) end;
      }
      return sections;
    }

    static byte[] leb(long value) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long v = value;
      do {
        int x = (int) (v & 0x7F);
        v >>>= 7;
        out.write(v != 0 ? x | 0x80 : x);
      } while (v != 0);
      return out.toByteArray();
    }
  }
}
