package dev.cortado.wasm.internal.text;

import dev.cortado.wasm.internal.text.Token.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into tokens (spec 6.3): parentheses, numbers, strings, identifiers, keywords and
 * reserved words, skipping white space, line comments {@code ;;} and nested block comments {@code
 * (; ;)}.
 *
 * <p>As in the reference lexer, a token is the longest run of identifier characters and strings; it
 * is a number, keyword or identifier if the whole run matches that class, and "reserved" (an error
 * when the parser reaches it) otherwise. So {@code 0x1g} is one reserved token, not {@code 0x1}
 * followed by {@code g}.
 *
 * <p>The input is a Java string. Text that came from bytes that are not UTF-8 keeps each bad byte
 * {@code b} as the lone surrogate {@code U+DC00+b} (see {@link #decodeUtf8Lossless}); a lone
 * surrogate anywhere is reported as malformed UTF-8.
 */
final class Lexer {
  private final String text;
  private final int length;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  // Where lexing goes on after a bad string: see stringError.
  private int resumeAt;
  private int line = 1;
  private int lineStart;

  private Lexer(String text) {
    this.text = text;
    this.length = text.length();
  }

  /** All tokens of {@code text}, ending with an {@link Kind#EOF} token. Never throws. */
  static List<Token> tokenize(String text) {
    Lexer lexer = new Lexer(text);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    while (pos < length) {
      char c = text.charAt(pos);
      switch (c) {
        case ' ', '\t', '\r' -> pos++;
        case '\n' -> newLine(pos + 1);
        case '(' -> {
          if (pos + 1 < length && text.charAt(pos + 1) == ';') {
            if (!blockComment()) {
              break;
            }
          } else {
            add(Kind.LPAR, pos, pos + 1, null, null);
            pos++;
          }
        }
        case ')' -> {
          add(Kind.RPAR, pos, pos + 1, null, null);
          pos++;
        }
        case ';' -> {
          if (pos + 1 < length && text.charAt(pos + 1) == ';') {
            lineComment();
          } else {
            add(Kind.RESERVED, pos, pos + 1, null, null);
            pos++;
          }
        }
        case ',', '[', ']', '{', '}' -> {
          add(Kind.RESERVED, pos, pos + 1, null, null);
          pos++;
        }
        default -> {
          if (c == '"' || isIdChar(c)) {
            atom();
          } else {
            misplaced(c);
          }
        }
      }
      if (!tokens.isEmpty() && tokens.getLast().kind() == Kind.EOF) {
        return; // an error that ends lexing (e.g. an unclosed comment) already added EOF
      }
    }
    add(Kind.EOF, length, length, null, null);
  }

  private void newLine(int next) {
    line++;
    lineStart = next;
    pos = next;
  }

  private void add(Kind kind, int start, int end, byte[] bytes, String value) {
    String s =
        switch (kind) {
          case LPAR -> "(";
          case RPAR -> ")";
          default -> text.substring(start, end);
        };
    tokens.add(new Token(kind, s, start, line, start - lineStart + 1, bytes, value));
  }

  private void error(int start, int end, String message) {
    add(Kind.ERROR, start, end, null, message);
  }

  /** A character that cannot start a token: a control or non-ASCII character outside a string. */
  private void misplaced(char c) {
    int start = pos;
    if (Character.isHighSurrogate(c)
        && pos + 1 < length
        && Character.isLowSurrogate(text.charAt(pos + 1))) {
      pos += 2;
      error(start, pos, "misplaced unicode character");
    } else if (Character.isSurrogate(c) || c == 0x7f) {
      pos++;
      error(start, pos, "malformed UTF-8 encoding");
    } else if (c < 0x20) {
      pos++;
      error(start, pos, "misplaced control character");
    } else {
      pos++;
      error(start, pos, "misplaced unicode character");
    }
  }

  private void lineComment() {
    pos += 2;
    while (pos < length) {
      char c = text.charAt(pos);
      if (c == '\n' || c == '\r') {
        return;
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && pos + 1 < length
            && Character.isLowSurrogate(text.charAt(pos + 1))) {
          pos += 2;
          continue;
        }
        return; // the bad character is lexed next, as an error (reference: "error on following")
      }
      pos++;
    }
  }

  /** Skips a nested block comment; false (after adding an error and EOF) if it is malformed. */
  private boolean blockComment() {
    int start = pos;
    int startLine = line;
    int startColumn = pos - lineStart + 1;
    int depth = 0;
    while (pos < length) {
      char c = text.charAt(pos);
      if (c == '(' && pos + 1 < length && text.charAt(pos + 1) == ';') {
        depth++;
        pos += 2;
      } else if (c == ';' && pos + 1 < length && text.charAt(pos + 1) == ')') {
        depth--;
        pos += 2;
        if (depth == 0) {
          return true;
        }
      } else if (c == '\n') {
        newLine(pos + 1);
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && pos + 1 < length
            && Character.isLowSurrogate(text.charAt(pos + 1))) {
          pos += 2;
        } else {
          error(pos, pos + 1, "malformed UTF-8 encoding");
          add(Kind.EOF, length, length, null, null);
          return false;
        }
      } else {
        pos++;
      }
    }
    tokens.add(
        new Token(
            Kind.ERROR,
            text.substring(start, Math.min(start + 2, length)),
            start,
            startLine,
            startColumn,
            null,
            "unclosed comment"));
    add(Kind.EOF, length, length, null, null);
    return false;
  }

  /** A maximal run of identifier characters and strings, classified as a whole. */
  private void atom() {
    int start = pos;
    int idChars = 0;
    int strings = 0;
    byte[] lastString = null;
    while (pos < length) {
      char c = text.charAt(pos);
      if (isIdChar(c)) {
        idChars++;
        pos++;
      } else if (c == '"') {
        int before = tokens.size();
        byte[] bytes = string();
        if (bytes == null) {
          if (pos == start) {
            pos = resumeAt; // the error token stands for this string; go on after it
            return;
          }
          // The atom ends before the bad string, which is lexed (and reported) on its own.
          while (tokens.size() > before) {
            tokens.removeLast();
          }
          break;
        }
        strings++;
        lastString = bytes;
      } else {
        break;
      }
    }
    if (strings == 1 && idChars == 0) {
      add(Kind.STRING, start, pos, lastString, null);
    } else if (strings == 1 && idChars == 1 && text.charAt(start) == '$') {
      quotedId(start, lastString);
    } else if (strings > 0) {
      add(Kind.RESERVED, start, pos, null, null);
    } else {
      classify(start, text.substring(start, pos));
    }
  }

  /** {@code $"..."} (WebAssembly 3.0): an identifier spelled as a string. */
  private void quotedId(int start, byte[] bytes) {
    if (bytes.length == 0) {
      error(start, pos, "empty identifier");
      return;
    }
    String name = decodeUtf8(bytes);
    if (name == null) {
      error(start, pos, "malformed UTF-8 encoding");
      return;
    }
    add(Kind.ID, start, pos, null, name);
  }

  private void classify(int start, String s) {
    int n = s.length();
    if (isNat(s, 0, n)) {
      add(Kind.NAT, start, pos, null, null);
    } else if ((s.charAt(0) == '+' || s.charAt(0) == '-') && isNat(s, 1, n)) {
      add(Kind.INT, start, pos, null, null);
    } else if (isFloat(s)) {
      add(Kind.FLOAT, start, pos, null, null);
    } else if (isKeyword(s)) {
      add(Kind.KEYWORD, start, pos, null, null);
    } else if (s.startsWith("offset=") && isNat(s, 7, n)) {
      add(Kind.KEYWORD, start, pos, null, null);
    } else if (s.startsWith("align=") && isNat(s, 6, n)) {
      add(Kind.KEYWORD, start, pos, null, null);
    } else if (s.charAt(0) == '$' && n > 1) {
      add(Kind.ID, start, pos, null, s.substring(1));
    } else if (s.equals("$")) {
      error(start, pos, "empty identifier");
    } else {
      add(Kind.RESERVED, start, pos, null, null);
    }
  }

  /**
   * The end of the {@code num} or {@code hexnum} (spec 6.3.2: digits, single underscores between
   * them) at {@code i}, or -1 if there is none.
   */
  private static int scanDigits(String s, int i, boolean hex) {
    int n = s.length();
    if (i >= n || !isDigit(s.charAt(i), hex)) {
      return -1;
    }
    i++;
    while (i < n) {
      char c = s.charAt(i);
      if (isDigit(c, hex)) {
        i++;
      } else if (c == '_' && i + 1 < n && isDigit(s.charAt(i + 1), hex)) {
        i += 2;
      } else {
        break;
      }
    }
    return i;
  }

  private static boolean isDigit(char c, boolean hex) {
    return hex ? hexValue(c) >= 0 : c >= '0' && c <= '9';
  }

  /** {@code nat} (spec 6.3.2): {@code num} or {@code 0x hexnum}, exactly {@code s[from, to)}. */
  private static boolean isNat(String s, int from, int to) {
    if (to != s.length()) {
      return false;
    }
    if (s.startsWith("0x", from)) {
      return scanDigits(s, from + 2, true) == to;
    }
    return scanDigits(s, from, false) == to;
  }

  /**
   * {@code float} (spec 6.3.2): a sign, then {@code inf}, {@code nan}, {@code nan:0x hexnum}, or a
   * decimal or hexadecimal mantissa with optional fraction and exponent. (Integers match too; the
   * caller tries them first.)
   */
  private static boolean isFloat(String s) {
    int n = s.length();
    int i = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
    String rest = s.substring(i);
    if (rest.equals("inf") || rest.equals("nan")) {
      return true;
    }
    if (rest.startsWith("nan:0x")) {
      return scanDigits(s, i + 6, true) == n;
    }
    boolean hex = rest.startsWith("0x");
    int j = scanDigits(s, hex ? i + 2 : i, hex);
    if (j < 0) {
      return false;
    }
    if (j < n && s.charAt(j) == '.') {
      j++;
      int k = scanDigits(s, j, hex);
      if (k >= 0) {
        j = k;
      }
    }
    if (j < n
        && (hex
            ? s.charAt(j) == 'p' || s.charAt(j) == 'P'
            : s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
      j++;
      if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
        j++;
      }
      j = scanDigits(s, j, false);
    }
    return j == n;
  }

  /** {@code keyword} (spec 6.3.1): a lowercase letter, then letters, digits, {@code _.:}. */
  private static boolean isKeyword(String s) {
    if (s.length() < 2 || s.charAt(0) < 'a' || s.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '.'
              || c == ':';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Scans the string literal at {@code pos}: its bytes, with {@code pos} after it; or null after
   * adding an error token, with {@link #resumeAt} where lexing continues.
   */
  private byte[] string() {
    int start = pos;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = pos + 1;
    while (true) {
      if (i >= length) {
        return stringError(start, start, length, "unclosed string literal");
      }
      char c = text.charAt(i);
      if (c == '"') {
        pos = i + 1;
        return out.toByteArray();
      } else if (c == '\n' || c == '\r') {
        return stringError(start, start, i, "unclosed string literal");
      } else if (c < 0x20) {
        return stringError(start, i, i + 1, "illegal control character in string literal");
      } else if (c == 0x7f) {
        return stringError(start, i, i + 1, "malformed UTF-8 encoding");
      } else if (c == '\\') {
        int next = escape(i, out);
        if (next < 0) {
          return stringError(start, i, Math.min(i + 2, length), "illegal escape");
        }
        i = next;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        utf8(out, Character.toCodePoint(c, text.charAt(i + 1)));
        i += 2;
      } else if (Character.isSurrogate(c)) {
        return stringError(start, i, i + 1, "malformed UTF-8 encoding");
      } else {
        utf8(out, c);
        i++;
      }
    }
  }

  /**
   * Adds an error token for a bad string and returns null; lexing resumes after the string's
   * closing quote if it is on the same line, so that one bad string does not swallow the rest.
   */
  private byte[] stringError(int stringStart, int errorStart, int errorEnd, String message) {
    tokens.add(
        new Token(
            Kind.ERROR,
            text.substring(errorStart, errorEnd),
            errorStart,
            line,
            errorStart - lineStart + 1,
            null,
            message));
    int i = Math.max(errorEnd, stringStart + 1);
    while (i < length && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
      char c = text.charAt(i);
      if (c == '"') {
        i++;
        break;
      }
      i += c == '\\' ? 2 : 1;
    }
    resumeAt = Math.min(i, length);
    return null;
  }

  /** Decodes the escape at {@code i} into {@code out}; the index after it, or -1 if illegal. */
  private int escape(int i, ByteArrayOutputStream out) {
    if (i + 1 >= length) {
      return -1;
    }
    char e = text.charAt(i + 1);
    switch (e) {
      case 'n' -> out.write(0x0a);
      case 'r' -> out.write(0x0d);
      case 't' -> out.write(0x09);
      case '\\' -> out.write('\\');
      case '\'' -> out.write('\'');
      case '"' -> out.write('"');
      case 'u' -> {
        return unicodeEscape(i, out);
      }
      default -> {
        if (i + 2 < length && hexValue(e) >= 0 && hexValue(text.charAt(i + 2)) >= 0) {
          out.write(hexValue(e) * 16 + hexValue(text.charAt(i + 2)));
          return i + 3;
        }
        return -1;
      }
    }
    return i + 2;
  }

  /** {@code \\u{hexnum}}: a Unicode scalar value (not a surrogate, at most 0x10FFFF). */
  private int unicodeEscape(int i, ByteArrayOutputStream out) {
    int j = i + 2;
    if (j >= length || text.charAt(j) != '{') {
      return -1;
    }
    j++;
    long value = 0;
    int digits = 0;
    boolean lastUnderscore = false;
    while (j < length && text.charAt(j) != '}') {
      char c = text.charAt(j);
      if (c == '_' && digits > 0 && !lastUnderscore) {
        lastUnderscore = true;
      } else if (hexValue(c) >= 0) {
        value = Math.min(value * 16 + hexValue(c), 0x7fff_ffffL);
        digits++;
        lastUnderscore = false;
      } else {
        return -1;
      }
      j++;
    }
    if (j >= length || digits == 0 || lastUnderscore) {
      return -1;
    }
    if (value > 0x10ffff || (value >= 0xd800 && value < 0xe000)) {
      return -1;
    }
    utf8(out, (int) value);
    return j + 1;
  }

  private static void utf8(ByteArrayOutputStream out, int cp) {
    if (cp < 0x80) {
      out.write(cp);
    } else if (cp < 0x800) {
      out.write(0xc0 | (cp >> 6));
      out.write(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out.write(0xe0 | (cp >> 12));
      out.write(0x80 | ((cp >> 6) & 0x3f));
      out.write(0x80 | (cp & 0x3f));
    } else {
      out.write(0xf0 | (cp >> 18));
      out.write(0x80 | ((cp >> 12) & 0x3f));
      out.write(0x80 | ((cp >> 6) & 0x3f));
      out.write(0x80 | (cp & 0x3f));
    }
  }

  static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    } else if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Spec 6.3.5 idchar: letters, digits and {@code !#$%&'*+-./:<=>?@\^_`|~}. */
  static boolean isIdChar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    return switch (c) {
      case '!',
          '#',
          '$',
          '%',
          '&',
          '\'',
          '*',
          '+',
          '-',
          '.',
          '/',
          ':',
          '<',
          '=',
          '>',
          '?',
          '@',
          '\\',
          '^',
          '_',
          '`',
          '|',
          '~' ->
          true;
      default -> false;
    };
  }

  /** Strict UTF-8 decoding; null if {@code bytes} are not valid UTF-8. */
  static String decodeUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * Decodes bytes as UTF-8 without losing anything: each byte that is not part of a well-formed
   * sequence becomes the lone surrogate {@code U+DC00+byte}, which this lexer reports as malformed
   * UTF-8 wherever it appears. Used for {@code (module quote ...)} text, whose bytes are arbitrary.
   */
  static String decodeUtf8Lossless(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length);
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xff;
      int need;
      int min;
      int cp;
      if (b < 0x80) {
        sb.append((char) b);
        i++;
        continue;
      } else if (b >= 0xc2 && b <= 0xdf) {
        need = 1;
        min = 0x80;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        min = 0x800;
        cp = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        min = 0x10000;
        cp = b & 0x07;
      } else {
        sb.append((char) (0xdc00 + b));
        i++;
        continue;
      }
      boolean ok = true;
      for (int k = 1; ok && k <= need; k++) {
        if (i + k >= bytes.length || (bytes[i + k] & 0xc0) != 0x80) {
          ok = false;
        } else {
          cp = (cp << 6) | (bytes[i + k] & 0x3f);
        }
      }
      if (ok && cp >= min && cp <= 0x10ffff && (cp < 0xd800 || cp >= 0xe000)) {
        sb.appendCodePoint(cp);
        i += need + 1;
      } else {
        sb.append((char) (0xdc00 + b));
        i++;
      }
    }
    return sb.toString();
  }
}
