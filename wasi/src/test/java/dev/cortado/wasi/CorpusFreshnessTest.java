package dev.cortado.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed .wasm copies are what src/test/build-corpus.sh makes from the sources today: where
 * the same toolchain is installed (clang-14, wasi-libc, Debian's rustc; recorded in
 * resources/corpus/TOOLCHAIN), the corpus is rebuilt and compared byte for byte. The build is
 * reproducible (fixed relative source names, remapped paths, stripped names and custom sections),
 * so any difference means a source changed without rebuilding its copy.
 */
class CorpusFreshnessTest {
  private static final Path SCRIPT = Path.of("src/test/build-corpus.sh");

  @TempDir Path out;

  private static List<String> names(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(suffix))
          .map(n -> n.substring(0, n.length() - suffix.length()))
          .sorted()
          .toList();
    }
  }

  @Test
  void everySourceHasItsCommittedCopy() throws IOException {
    List<String> sources =
        Stream.concat(
                names(Path.of("src/test/c"), ".c").stream(),
                names(Path.of("src/test/rust"), ".rs").stream())
            .sorted()
            .toList();
    assertThat(names(Corpus.DIR, ".wasm")).containsExactlyElementsOf(sources);
    assertThat(Corpus.DIR.resolve("TOOLCHAIN")).exists();
  }

  private static boolean onPath(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void committedCopiesMatchAFreshBuild() throws Exception {
    RequiredTool.require(onPath("clang-14", "--version"), "clang-14 not installed");
    RequiredTool.require(onPath("/usr/bin/rustc", "--version"), "Debian's rustc not installed");
    RequiredTool.require(
        Files.exists(Path.of("/usr/lib/wasm32-wasi/libc.a")), "wasi-libc not installed");
    RequiredTool.require(onPath("wasm-ld-14", "--version"), "wasm-ld-14 (lld-14) not installed");
    RequiredTool.require(
        Files.isDirectory(Path.of("/usr/lib/rustlib/wasm32-wasi")),
        "libstd-rust-dev-wasm32 not installed");
    Process build =
        new ProcessBuilder("bash", SCRIPT.toString(), out.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(build.waitFor(600, TimeUnit.SECONDS)).isTrue();
    assertThat(build.exitValue()).as(log).isZero();
    String committed = Files.readString(Corpus.DIR.resolve("TOOLCHAIN"));
    String here = Files.readString(out.resolve("TOOLCHAIN"));
    // Under CI=true a different toolchain fails too: CI's Debian packages are the reference, and
    // a corpus built with others is rebuilt (src/test/build-corpus.sh) rather than never checked.
    RequiredTool.require(
        committed.equals(here),
        "another toolchain here:\n" + here + "the committed corpus was built with:\n" + committed);
    assertThat(names(out, ".wasm")).containsExactlyElementsOf(names(Corpus.DIR, ".wasm"));
    for (String name : names(out, ".wasm")) {
      assertThat(Files.readAllBytes(out.resolve(name + ".wasm")))
          .as("%s.wasm is stale: run src/test/build-corpus.sh", name)
          .isEqualTo(Files.readAllBytes(Corpus.wasm(name)));
    }
  }
}
