package dev.cortado.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile corpus (src/test/c/h*.c): programs that try to get out of their sandbox. Each one's
 * output (one "attempt -> errno" line per try) must match src/test/resources/hostile-expected.txt,
 * and nothing outside the two preopens may change: no content, no modification time, no new entry.
 */
class SandboxCorpusTest {
  @TempDir Path root;

  private static final Path EXPECTED = Path.of("src/test/resources/hostile-expected.txt");

  static Stream<Arguments> hostilePrograms() throws IOException {
    Map<String, String> expected = new LinkedHashMap<>();
    String name = null;
    StringBuilder lines = new StringBuilder();
    for (String line : Files.readAllLines(EXPECTED)) {
      if (line.startsWith("=== ")) {
        if (name != null) {
          expected.put(name, lines.toString());
        }
        name = line.substring(4);
        lines.setLength(0);
      } else {
        lines.append(line).append('\n');
      }
    }
    expected.put(name, lines.toString());
    return expected.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @Test
  void everyHostileProgramHasAnExpectation() throws IOException {
    List<String> programs = new ArrayList<>();
    try (Stream<Path> s = Files.list(Corpus.DIR)) {
      s.map(p -> p.getFileName().toString())
          .filter(f -> f.matches("h\\d\\d_.*\\.wasm"))
          .map(f -> f.substring(0, f.length() - 5))
          .sorted()
          .forEach(programs::add);
    }
    assertThat(programs).hasSizeGreaterThanOrEqualTo(30);
    assertThat(hostilePrograms().map(a -> (String) a.get()[0])).containsExactlyElementsOf(programs);
  }

  /** The sandbox layout hostile.h describes; returns {sandbox, ro}. */
  private Path[] layout() throws IOException {
    Path outside = Files.createDirectory(root.resolve("outside"));
    Files.writeString(outside.resolve("canary.txt"), "secret");
    Files.createDirectory(outside.resolve("dir"));
    Path sandbox = Files.createDirectory(root.resolve("sandbox"));
    Files.createDirectory(sandbox.resolve("sub"));
    Files.writeString(sandbox.resolve("sub/inner.txt"), "inner");
    Files.createSymbolicLink(sandbox.resolve("to-outside"), Path.of("../outside"));
    Files.createSymbolicLink(sandbox.resolve("abs"), outside);
    Files.createSymbolicLink(sandbox.resolve("sub/up2"), Path.of("../../outside/canary.txt"));
    Files.createSymbolicLink(sandbox.resolve("loop-a"), Path.of("loop-b"));
    Files.createSymbolicLink(sandbox.resolve("loop-b"), Path.of("loop-a"));
    Files.createSymbolicLink(sandbox.resolve("self"), Path.of("self"));
    Files.createSymbolicLink(sandbox.resolve("dangle"), Path.of("../outside/new.txt"));
    Path ro = Files.createDirectory(root.resolve("ro"));
    Files.writeString(ro.resolve("file.txt"), "read only");
    return new Path[] {sandbox, ro};
  }

  /** Kind, content and modification time of everything under root but outside the sandboxes. */
  private Map<String, String> outsideState(Path... sandboxes) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Stream.of(sandboxes).anyMatch(p::startsWith)) {
          continue;
        }
        String kind =
            Files.isSymbolicLink(p)
                ? "link " + Files.readSymbolicLink(p)
                : Files.isDirectory(p) ? "dir" : "file " + Files.readString(p);
        out.put(
            root.relativize(p).toString(),
            kind + " " + Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostilePrograms")
  void hostileProgramStaysInside(String program, String expected) throws IOException {
    Path[] boxes = layout();
    Map<String, String> before = outsideState(boxes);
    WasiConfig c =
        WasiConfig.defaults()
            .withPreopen(boxes[0], "/sandbox")
            .withReadOnlyPreopen(boxes[1], "/ro");
    Corpus.Run r = Corpus.run(program, c, "");
    assertThat(r.stdout()).isEqualTo(expected);
    assertThat(r.exitCode()).isZero();
    assertThat(outsideState(boxes)).isEqualTo(before);
    assertThat(Files.readString(boxes[1].resolve("file.txt"))).isEqualTo("read only");
    try (Stream<Path> s = Files.list(boxes[1])) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("file.txt");
    }
  }

  @Test
  void wordCounterCannotReadAFileOutsideItsGrant() throws IOException {
    Path[] boxes = layout();
    Files.writeString(boxes[1].resolve("words.txt"), "granted words here\n");
    Map<String, String> before = outsideState(boxes);
    WasiConfig c = WasiConfig.defaults().withReadOnlyPreopen(boxes[1], "/data");
    Corpus.Run r =
        Corpus.run(
            "wc",
            c,
            "",
            "/data/words.txt",
            "/data/../outside/canary.txt",
            root.resolve("outside/canary.txt").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout())
        .isEqualTo("      1       3      19 /data/words.txt\n      1       3      19 total\n");
    assertThat(r.stderr())
        .contains("wc: /data/../outside/canary.txt: Capabilities insufficient")
        .contains("wc: " + root.resolve("outside/canary.txt") + ": ")
        .doesNotContain("secret");
    assertThat(outsideState(boxes)).isEqualTo(before);
  }
}
