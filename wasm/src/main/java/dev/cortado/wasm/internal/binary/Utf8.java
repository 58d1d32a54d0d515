package dev.cortado.wasm.internal.binary;

/**
 * Strict UTF-8 decoding for names (spec 5.2.4): the shortest encoding of a Unicode scalar value, so
 * overlong forms, surrogates (U+D800..U+DFFF) and code points above U+10FFFF are malformed.
 */
final class Utf8 {
  private Utf8() {}

  /** The string encoded by {@code bytes[offset..offset+length)}, or null if it is not UTF-8. */
  static String decode(byte[] bytes, int offset, int length) {
    StringBuilder sb = new StringBuilder(length);
    int end = offset + length;
    int i = offset;
    while (i < end) {
      int b0 = bytes[i] & 0xFF;
      if (b0 < 0x80) {
        sb.append((char) b0);
        i++;
        continue;
      }
      int continuationBytes;
      int codePoint;
      int smallest;
      if (b0 < 0xC2) {
        return null; // a continuation byte, or an overlong two-byte lead (C0, C1)
      } else if (b0 < 0xE0) {
        continuationBytes = 1;
        codePoint = b0 & 0x1F;
        smallest = 0x80;
      } else if (b0 < 0xF0) {
        continuationBytes = 2;
        codePoint = b0 & 0x0F;
        smallest = 0x800;
      } else if (b0 < 0xF5) {
        continuationBytes = 3;
        codePoint = b0 & 0x07;
        smallest = 0x10000;
      } else {
        return null;
      }
      if (continuationBytes > end - i - 1) {
        return null;
      }
      for (int k = 1; k <= continuationBytes; k++) {
        int b = bytes[i + k] & 0xFF;
        if ((b & 0xC0) != 0x80) {
          return null;
        }
        codePoint = codePoint << 6 | (b & 0x3F);
      }
      if (codePoint < smallest
          || (codePoint >= 0xD800 && codePoint <= 0xDFFF)
          || codePoint > 0x10FFFF) {
        return null;
      }
      sb.appendCodePoint(codePoint);
      i += 1 + continuationBytes;
    }
    return sb.toString();
  }
}
