package dev.cortado.wasm.internal.binary;

import dev.cortado.wasm.internal.text.RequiredTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code (module binary ...)} forms of the 2.0 testsuite's scripts, found by a simple scan of
 * the .wast files (comments skipped, strings unescaped), with the command they appear in. The
 * testsuite folder is given by the system property {@code wasm.testsuite}; tests that need it are
 * skipped when it is absent (failed under {@code CI=true}).
 */
final class TestsuiteBinaryModules {
  /**
   * One binary module.
   *
   * @param command the enclosing command: {@code module}, {@code assert_malformed}, ...
   * @param message the expected message of an assertion, else null
   */
  record BinaryModule(String file, int line, String command, byte[] bytes, String message) {
    @Override
    public String toString() {
      return file + ":" + line + " (" + command + ")";
    }
  }

  private TestsuiteBinaryModules() {}

  private static List<BinaryModule> cached;

  /**
   * All binary modules of the 2.0 scripts (core and SIMD); skips the calling test if the testsuite
   * is absent.
   */
  static synchronized List<BinaryModule> all() {
    String root = System.getProperty("wasm.testsuite");
    RequiredTool.require(root != null, "system property wasm.testsuite not set");
    Path dir = Path.of(root, "2.0");
    RequiredTool.require(Files.isDirectory(dir), "no testsuite at " + dir);
    if (cached == null) {
      cached = List.copyOf(scan(dir));
    }
    return cached;
  }

  private static List<BinaryModule> scan(Path dir) {
    List<BinaryModule> modules = new ArrayList<>();
    for (Path folder : List.of(dir, dir.resolve("simd"))) {
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".wast")).sorted().toList()) {
          String text = Files.readString(file, StandardCharsets.UTF_8);
          new Scanner(dir.relativize(file).toString(), text).scan(modules);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return modules;
  }

  /** A minimal s-expression reader: just enough structure to find binary modules. */
  private static final class Scanner {
    private final String file;
    private final String text;
    private int pos;
    private int lineCursor;
    private int line = 1;

    Scanner(String file, String text) {
      this.file = file;
      this.text = text;
    }

    /** A parenthesized form: atoms as String, strings as byte[], nested forms as Node. */
    private record Node(int line, List<Object> items) {}

    void scan(List<BinaryModule> out) {
      while (true) {
        skipSpaceAndComments();
        if (pos >= text.length()) {
          return;
        }
        if (text.charAt(pos) != '(') {
          pos++;
          continue;
        }
        Node command = node();
        if (command.items().isEmpty() || !(command.items().get(0) instanceof String name)) {
          continue;
        }
        if (name.equals("module")) {
          byte[] bytes = binary(command);
          if (bytes != null) {
            out.add(new BinaryModule(file, command.line(), name, bytes, null));
          }
        } else if (command.items().size() > 1 && command.items().get(1) instanceof Node module) {
          byte[] bytes = binary(module);
          Object last = command.items().get(command.items().size() - 1);
          String message = last instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : null;
          if (bytes != null) {
            out.add(new BinaryModule(file, command.line(), name, bytes, message));
          }
        }
      }
    }

    /** The bytes of {@code (module $id? binary "..."*)}, or null for another form. */
    private static byte[] binary(Node node) {
      List<Object> items = node.items();
      int i = 0;
      if (items.isEmpty() || !"module".equals(items.get(i++))) {
        return null;
      }
      if (i < items.size() && items.get(i) instanceof String id && id.startsWith("$")) {
        i++;
      }
      if (i >= items.size() || !"binary".equals(items.get(i++))) {
        return null;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (; i < items.size(); i++) {
        if (items.get(i) instanceof byte[] b) {
          bytes.writeBytes(b);
        }
      }
      return bytes.toByteArray();
    }

    private Node node() {
      int line = lineAt(pos);
      pos++; // (
      List<Object> items = new ArrayList<>();
      while (true) {
        skipSpaceAndComments();
        if (pos >= text.length()) {
          return new Node(line, items);
        }
        char c = text.charAt(pos);
        if (c == ')') {
          pos++;
          return new Node(line, items);
        } else if (c == '(') {
          items.add(node());
        } else if (c == '"') {
          items.add(string());
        } else {
          int start = pos;
          while (pos < text.length() && " \t\r\n()\";".indexOf(text.charAt(pos)) < 0) {
            pos++;
          }
          items.add(text.substring(start, pos));
        }
      }
    }

    private byte[] string() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      pos++;
      while (text.charAt(pos) != '"') {
        char c = text.charAt(pos++);
        if (c != '\\') {
          int end = Character.isHighSurrogate(c) ? pos + 1 : pos;
          out.writeBytes(text.substring(pos - 1, end).getBytes(StandardCharsets.UTF_8));
          pos = end;
          continue;
        }
        char d = text.charAt(pos++);
        switch (d) {
          case 'n' -> out.write('\n');
          case 't' -> out.write('\t');
          case 'r' -> out.write('\r');
          case '"', '\'', '\\' -> out.write(d);
          case 'u' -> {
            int close = text.indexOf('}', pos);
            int codePoint = Integer.parseInt(text.substring(pos + 1, close), 16);
            out.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
            pos = close + 1;
          }
          default -> {
            out.write(Integer.parseInt(text.substring(pos - 1, pos + 1), 16));
            pos++;
          }
        }
      }
      pos++;
      return out.toByteArray();
    }

    private void skipSpaceAndComments() {
      while (pos < text.length()) {
        if (text.startsWith(";;", pos)) {
          int nl = text.indexOf('\n', pos);
          pos = nl < 0 ? text.length() : nl + 1;
        } else if (text.startsWith("(;", pos)) {
          int depth = 0;
          do {
            if (text.startsWith("(;", pos)) {
              depth++;
              pos += 2;
            } else if (text.startsWith(";)", pos)) {
              depth--;
              pos += 2;
            } else {
              pos++;
            }
          } while (depth > 0 && pos < text.length());
        } else if (Character.isWhitespace(text.charAt(pos))) {
          pos++;
        } else {
          return;
        }
      }
    }

    /** The line of {@code offset}; offsets are asked in increasing order. */
    private int lineAt(int offset) {
      for (; lineCursor < offset; lineCursor++) {
        if (text.charAt(lineCursor) == '\n') {
          line++;
        }
      }
      return line;
    }
  }
}
